// The access matrix of the customer report: every documented report endpoint × every role × own/foreign
// customer. The report asked for is customer A's; "viewer" is A's customer viewer, "foreign" B's. Denials
// answer 401 (anonymous) or 404 (foreign customer), never 2xx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessProblems, documentedOps, OWN, roleTokens, type Who } from '../support/access.ts';
import { bearer, createTestEnv, DIALECTS, type TestEnv } from '../support/harness.ts';

interface Case {
  readonly op: string;
  readonly url: (customerA: string) => string;
  readonly allow: readonly Who[];
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
];

/** The report's paths; test/security/access-matrix.test.ts leaves '/api/v1/customers/{id}/report…' to this file. */
const PATHS = [
  '/api/v1/customers/{id}/report',
  '/api/v1/customers/{id}/report.csv',
  '/api/v1/customers/{id}/report.html',
];

describe.each(DIALECTS)('the report access matrix (%s)', (dialect) => {
  let env: TestEnv;
  let customerA = '';
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
        method: 'GET',
        url: testCase.url(customerA),
      }));
      expect(problems).toEqual([]);
    });
  }
});
