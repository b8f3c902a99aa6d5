// The access matrix of the printable documents outside the SLA paths: the customer report as PDF, for every
// role × own/foreign customer. The SLA document and the quick reference have their rows in
// test/api/slas-access.test.ts, which owns every path under /api/v1/slas.
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
    op: 'GET /api/v1/customers/{id}/report.pdf',
    url: (c) => `/api/v1/customers/${c}/report.pdf?month=2026-03&lang=en`,
    allow: OWN,
  },
];

/** test/security/access-matrix.test.ts leaves '/api/v1/customers/{id}/report.pdf' to this file. */
const PATHS = ['/api/v1/customers/{id}/report.pdf'];

describe.each(DIALECTS)('the document access matrix (%s)', (dialect) => {
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

  it('has a row for every documented document endpoint', async () => {
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
