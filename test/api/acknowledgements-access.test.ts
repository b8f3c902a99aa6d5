// The access matrix of staff awareness: acknowledgements of SLA versions and staff compliance figures × every
// role. Staff acknowledge and see their own; managers and admins see everyone's; customer viewers see none of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessProblems,
  documentedOps,
  MANAGERS,
  roleTokens,
  STAFF,
  type Attempt,
  type Who,
} from '../support/access.ts';
import { bearer, createTestEnv, DIALECTS, type TestEnv } from '../support/harness.ts';
import { seedTicketFixture, type TicketFixture } from '../support/ticket-fixtures.ts';

interface Case {
  readonly op: string;
  readonly attempt: (fx: TicketFixture, targetUserId: string) => Attempt;
  readonly allow: readonly Who[];
}

const CASES: readonly Case[] = [
  {
    op: 'GET /api/v1/acknowledgements',
    attempt: () => ({ method: 'GET', url: '/api/v1/acknowledgements' }),
    allow: STAFF,
  },
  {
    op: 'POST /api/v1/acknowledgements',
    attempt: (fx) => ({
      method: 'POST',
      url: '/api/v1/acknowledgements',
      body: { slaId: fx.slaId, version: fx.slaVersion },
    }),
    allow: STAFF,
  },
  {
    op: 'GET /api/v1/acknowledgements/pending',
    attempt: () => ({ method: 'GET', url: '/api/v1/acknowledgements/pending' }),
    allow: MANAGERS,
  },
  {
    op: 'GET /api/v1/me/compliance',
    attempt: () => ({ method: 'GET', url: '/api/v1/me/compliance?month=2026-03' }),
    allow: STAFF,
  },
  {
    op: 'GET /api/v1/users/{id}/compliance',
    attempt: (_fx, target) => ({ method: 'GET', url: `/api/v1/users/${target}/compliance?month=2026-03` }),
    allow: MANAGERS,
  },
];

/** test/security/access-matrix.test.ts leaves these paths to this file. */
const PATHS = ['/api/v1/acknowledgements', '/api/v1/me', '/api/v1/users/{id}/compliance'];

describe.each(DIALECTS)('the staff awareness access matrix (%s)', (dialect) => {
  let env: TestEnv;
  let fx: TicketFixture;
  let target = '';
  let tokens: ReadonlyMap<Who, string> = new Map();

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    fx = await seedTicketFixture(env);
    const admin = await env.token('admin');
    tokens = await roleTokens(env, admin, fx.customerId, fx.otherCustomerId);
    // Another agent than the one asking: an agent may not read a colleague's figures.
    const created = await env.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: bearer(admin),
      payload: { email: 'colleague@example.test', role: 'agent' },
    });
    target = created.json().id as string;
  });
  afterAll(async () => {
    await env?.close();
  });

  it('has a row for every documented staff awareness endpoint', async () => {
    expect(await documentedOps(env, PATHS)).toEqual(CASES.map((c) => c.op).sort());
  });

  for (const testCase of CASES) {
    it(testCase.op, async () => {
      const problems = await accessProblems(env, tokens, testCase.allow, async () =>
        testCase.attempt(fx, target),
      );
      expect(problems).toEqual([]);
    });
  }

  it('GET /api/v1/acknowledgements?sla= (who has and who has not) is for managers and admins', async () => {
    const problems = await accessProblems(env, tokens, MANAGERS, async () => ({
      method: 'GET',
      url: `/api/v1/acknowledgements?sla=${fx.slaId}&version=${fx.slaVersion}`,
    }));
    expect(problems).toEqual([]);
  });
});
