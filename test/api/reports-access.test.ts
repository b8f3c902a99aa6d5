// The access matrix of the customer report: every documented report endpoint × every role × own/foreign
// customer. The report asked for (or issued) is customer A's; "viewer" is A's customer viewer, "foreign" B's.
// Denials answer 401 (anonymous), 403 (role too low) or 404 (foreign customer), never 2xx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessProblems,
  documentedOps,
  EVERYONE,
  MANAGERS,
  OWN,
  roleTokens,
  type Attempt,
  type Who,
} from '../support/access.ts';
import { bearer, createTestEnv, DIALECTS, type TestEnv } from '../support/harness.ts';

interface Case {
  readonly op: string;
  /** Customer A and a report issued for it. */
  readonly url: (customerA: string, issuedId: string) => string;
  readonly allow: readonly Who[];
  readonly method?: Attempt['method'];
  readonly body?: (customerA: string) => unknown;
}

const CASES: readonly Case[] = [
  {
    op: 'GET /api/v1/customers/{id}/report',
    url: (c) => `/api/v1/customers/${c}/report?month=2026-03`,
    allow: OWN,
  },
  {
    op: 'GET /api/v1/customers/{id}/report.csv',
    url: (c) => `/api/v1/customers/${c}/report.csv?month=2026-03`,
    allow: OWN,
  },
  {
    op: 'GET /api/v1/customers/{id}/report.html',
    url: (c) => `/api/v1/customers/${c}/report.html?month=2026-03&lang=en`,
    allow: OWN,
  },
  {
    op: 'POST /api/v1/reports',
    method: 'POST',
    url: () => '/api/v1/reports',
    body: (c) => ({ customerId: c, period: '2026-Q1', lang: 'en' }),
    allow: MANAGERS,
  },
  // Everyone may list; a foreign viewer's list is empty (checked in reports.test.ts).
  { op: 'GET /api/v1/reports', url: () => '/api/v1/reports', allow: EVERYONE },
  { op: 'GET /api/v1/reports/{id}', url: (_c, id) => `/api/v1/reports/${id}`, allow: OWN },
  { op: 'GET /api/v1/reports/{id}.csv', url: (_c, id) => `/api/v1/reports/${id}.csv`, allow: OWN },
  { op: 'GET /api/v1/reports/{id}.html', url: (_c, id) => `/api/v1/reports/${id}.html`, allow: OWN },
  { op: 'GET /api/v1/reports/{id}/diff', url: (_c, id) => `/api/v1/reports/${id}/diff`, allow: OWN },
];

/**
 * The report's paths; test/security/access-matrix.test.ts leaves '/api/v1/customers/{id}/report…' and
 * '/api/v1/reports…' to this file.
 */
const PATHS = [
  '/api/v1/customers/{id}/report',
  '/api/v1/customers/{id}/report.csv',
  '/api/v1/customers/{id}/report.html',
  '/api/v1/reports',
  '/api/v1/reports/{id}',
  '/api/v1/reports/{id}.csv',
  '/api/v1/reports/{id}.html',
];

describe.each(DIALECTS)('the report access matrix (%s)', (dialect) => {
  let env: TestEnv;
  let customerA = '';
  let issuedId = '';
  let tokens: ReadonlyMap<Who, string> = new Map();

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    const admin = await env.token('admin');
    const create = async (name: string): Promise<string> =>
      (
        await env.app.inject({
          method: 'POST',
          url: '/api/v1/customers',
          headers: bearer(admin),
          payload: { name },
        })
      ).json().id as string;
    customerA = await create('Customer A');
    const customerB = await create('Customer B');
    tokens = await roleTokens(env, admin, customerA, customerB);
    const issued = await env.app.inject({
      method: 'POST',
      url: '/api/v1/reports',
      headers: bearer(admin),
      payload: { customerId: customerA, period: '2026-03' },
    });
    expect(issued.statusCode, issued.body).toBe(201);
    issuedId = issued.json().id as string;
  });
  afterAll(async () => {
    await env?.close();
  });

  it('has a row for every documented report endpoint', async () => {
    expect(await documentedOps(env, PATHS)).toEqual(CASES.map((c) => c.op).sort());
  });

  for (const testCase of CASES) {
    it(testCase.op, async () => {
      const problems = await accessProblems(env, tokens, testCase.allow, async () => ({
        method: testCase.method ?? 'GET',
        url: testCase.url(customerA, issuedId),
        ...(testCase.body ? { body: testCase.body(customerA) } : {}),
      }));
      expect(problems).toEqual([]);
    });
  }
});
