// The access matrix of report schedules: every documented endpoint × every role × own/foreign customer. The
// schedule is customer A's; "viewer" is A's customer viewer, "foreign" B's. Staff read, managers and admins
// write; denials answer 401 (anonymous), 403 (role too low) or 404 (foreign customer), never 2xx.
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
  readonly method?: Attempt['method'];
  /** Customer A and a schedule of it (a fresh one per role where the operation removes it). */
  readonly url: (customerA: string, scheduleId: string) => string;
  readonly allow: readonly Who[];
  readonly body?: (customerA: string) => unknown;
  readonly fresh?: boolean;
}

const CASES: readonly Case[] = [
  // Everyone may list; a foreign viewer's list is empty (checked in report-schedules.test.ts).
  { op: 'GET /api/v1/report-schedules', url: () => '/api/v1/report-schedules', allow: EVERYONE },
  {
    op: 'POST /api/v1/report-schedules',
    method: 'POST',
    url: () => '/api/v1/report-schedules',
    body: (c) => ({ customerId: c, cadence: 'quarter' }),
    allow: MANAGERS,
  },
  { op: 'GET /api/v1/report-schedules/{id}', url: (_c, id) => `/api/v1/report-schedules/${id}`, allow: OWN },
  {
    op: 'PATCH /api/v1/report-schedules/{id}',
    method: 'PATCH',
    url: (_c, id) => `/api/v1/report-schedules/${id}`,
    body: () => ({ formats: ['pdf', 'csv'] }),
    allow: MANAGERS,
  },
  {
    op: 'DELETE /api/v1/report-schedules/{id}',
    method: 'DELETE',
    url: (_c, id) => `/api/v1/report-schedules/${id}`,
    allow: MANAGERS,
    fresh: true,
  },
  {
    op: 'POST /api/v1/report-schedules/{id}/send-now',
    method: 'POST',
    url: (_c, id) => `/api/v1/report-schedules/${id}/send-now?period=2026-02`,
    allow: MANAGERS,
  },
];

/** test/security/access-matrix.test.ts leaves '/api/v1/report-schedules…' to this file. */
const PATHS = ['/api/v1/report-schedules'];

describe.each(DIALECTS)('the report schedule access matrix (%s)', (dialect) => {
  let env: TestEnv;
  let admin = '';
  let customerA = '';
  let scheduleId = '';
  let tokens: ReadonlyMap<Who, string> = new Map();

  async function schedule(): Promise<string> {
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/report-schedules',
      headers: bearer(admin),
      payload: { customerId: customerA },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  }

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    admin = await env.token('admin');
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
    scheduleId = await schedule();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('has a row for every documented report schedule endpoint', async () => {
    expect(await documentedOps(env, PATHS)).toEqual(CASES.map((c) => c.op).sort());
  });

  for (const testCase of CASES) {
    it(testCase.op, async () => {
      const problems = await accessProblems(env, tokens, testCase.allow, async () => ({
        method: testCase.method ?? 'GET',
        url: testCase.url(customerA, testCase.fresh ? await schedule() : scheduleId),
        ...(testCase.body ? { body: testCase.body(customerA) } : {}),
      }));
      expect(problems).toEqual([]);
    });
  }
});
