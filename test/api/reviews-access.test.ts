// The access matrix of breach reasons, SLA reviews and the improvement register: every documented endpoint ×
// every role. These records are the provider's own (they span customers), so customer viewers are denied
// everything; the ticket's breach reason is written by staff only. Denials answer 401 (anonymous) or 403/404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../src/domain/shared/time.ts';
import {
  accessProblems,
  documentedOps,
  MANAGERS,
  roleTokens,
  STAFF,
  type Attempt,
  type Who,
} from '../support/access.ts';
import { bearer, createTestEnv, DIALECTS, TEST_START, type TestEnv } from '../support/harness.ts';
import { seedTicketFixture, type TicketFixture } from '../support/ticket-fixtures.ts';

interface Ids {
  readonly ticket: string;
  readonly review: string;
  readonly action: string;
}

interface Case {
  readonly op: string;
  readonly allow: readonly Who[];
  readonly attempt: (ids: Ids, fresh: FreshRecords) => Promise<Attempt>;
}

interface FreshRecords {
  review(): Promise<string>;
  doneAction(): Promise<string>;
}

const reviewBody = (slaId: string) => ({
  slaId,
  date: '2026-03-02',
  participants: ['Lea'],
  periodFrom: '2026-03',
  periodTo: '2026-03',
});

let slaId = '';
let serviceId = '';

const CASES: readonly Case[] = [
  {
    op: 'GET /api/v1/breach-reasons',
    allow: STAFF,
    attempt: async () => ({ method: 'GET', url: '/api/v1/breach-reasons' }),
  },
  {
    op: 'PUT /api/v1/breach-reasons',
    allow: MANAGERS,
    attempt: async () => ({
      method: 'PUT',
      url: '/api/v1/breach-reasons',
      body: { items: [{ code: 'other', label: { de: 'Sonstiges', en: 'Other' } }] },
    }),
  },
  {
    op: 'GET /api/v1/breach-reasons/counts',
    allow: STAFF,
    attempt: async () => ({ method: 'GET', url: '/api/v1/breach-reasons/counts' }),
  },
  {
    op: 'PUT /api/v1/tickets/{id}/breach-reasons/{target}',
    allow: STAFF,
    attempt: async (ids) => ({
      method: 'PUT',
      url: `/api/v1/tickets/${ids.ticket}/breach-reasons/first_response`,
      body: { reason: 'other', note: 'n' },
    }),
  },
  {
    op: 'GET /api/v1/reviews',
    allow: STAFF,
    attempt: async () => ({ method: 'GET', url: '/api/v1/reviews' }),
  },
  {
    op: 'GET /api/v1/reviews/due',
    allow: STAFF,
    attempt: async () => ({ method: 'GET', url: '/api/v1/reviews/due' }),
  },
  {
    op: 'POST /api/v1/reviews',
    allow: MANAGERS,
    attempt: async () => ({ method: 'POST', url: '/api/v1/reviews', body: reviewBody(slaId) }),
  },
  {
    op: 'GET /api/v1/reviews/{id}',
    allow: STAFF,
    attempt: async (ids) => ({ method: 'GET', url: `/api/v1/reviews/${ids.review}` }),
  },
  {
    op: 'POST /api/v1/reviews/{id}/draft',
    allow: MANAGERS,
    // One draft per review: every role gets a review of its own.
    attempt: async (_ids, fresh) => ({
      method: 'POST',
      url: `/api/v1/reviews/${await fresh.review()}/draft`,
      body: {},
    }),
  },
  {
    op: 'GET /api/v1/actions',
    allow: STAFF,
    attempt: async () => ({ method: 'GET', url: '/api/v1/actions' }),
  },
  {
    op: 'POST /api/v1/actions',
    allow: STAFF,
    attempt: async () => ({
      method: 'POST',
      url: '/api/v1/actions',
      body: { title: 'Check backups weekly' },
    }),
  },
  {
    op: 'GET /api/v1/actions/{id}',
    allow: STAFF,
    attempt: async (ids) => ({ method: 'GET', url: `/api/v1/actions/${ids.action}` }),
  },
  {
    op: 'PATCH /api/v1/actions/{id}',
    allow: STAFF,
    attempt: async (ids) => ({
      method: 'PATCH',
      url: `/api/v1/actions/${ids.action}`,
      body: { dueDate: '2026-04-01' },
    }),
  },
  {
    op: 'POST /api/v1/actions/{id}/measure',
    allow: STAFF,
    attempt: async (_ids, fresh) => ({
      method: 'POST',
      url: `/api/v1/actions/${await fresh.doneAction()}/measure`,
    }),
  },
];

/** Paths of this area; test/security/access-matrix.test.ts leaves them to this file. */
const PATHS = [
  '/api/v1/breach-reasons',
  '/api/v1/reviews',
  '/api/v1/actions',
  '/api/v1/tickets/{id}/breach-reasons',
];

describe.each(DIALECTS)('the review and improvement access matrix (%s)', (dialect) => {
  let env: TestEnv;
  let fx: TicketFixture;
  let admin: string;
  let ids: Ids;
  let tokens: ReadonlyMap<Who, string> = new Map();

  async function post(url: string, payload: object): Promise<string> {
    const res = await env.app.inject({
      method: 'POST',
      url,
      headers: bearer(admin),
      payload: payload as Record<string, unknown>,
    });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json().id as string;
  }
  const fresh: FreshRecords = {
    async review() {
      // An SLA has one open draft at a time: the previous role's draft is set aside first.
      await env.store.db
        .updateTable('sla_versions')
        .set({ status: 'retired' })
        .where('sla_id', '=', slaId)
        .where('status', '=', 'draft')
        .execute();
      return post('/api/v1/reviews', reviewBody(slaId));
    },
    async doneAction() {
      const id = await post('/api/v1/actions', {
        title: 'Second monitor',
        metric: { kind: 'availability', serviceId },
      });
      const res = await env.app.inject({
        method: 'PATCH',
        url: `/api/v1/actions/${id}`,
        headers: bearer(admin),
        payload: { status: 'done', helped: 'unclear' },
      });
      expect(res.statusCode, res.body).toBe(200);
      return id;
    },
  };

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    fx = await seedTicketFixture(env);
    slaId = fx.slaId;
    serviceId = fx.serviceId;
    admin = await env.token('admin');
    tokens = await roleTokens(env, admin, fx.customerId, fx.otherCustomerId);
    // A P1 ticket of customer A left unanswered for an hour: its 30-minute first response target is breached.
    const ticket = await post('/api/v1/tickets', {
      customerId: fx.customerId,
      title: 'Mail down',
      priority: 'P1',
    });
    env.clock.set(TEST_START + HOUR_MS);
    ids = {
      ticket,
      review: await fresh.review(),
      action: await post('/api/v1/actions', { title: 'Train the team' }),
    };
  });
  afterAll(async () => {
    await env?.close();
  });

  it('has a row for every documented endpoint of the area', async () => {
    expect(await documentedOps(env, PATHS)).toEqual(CASES.map((c) => c.op).sort());
  });

  for (const testCase of CASES) {
    it(testCase.op, async () => {
      const problems = await accessProblems(env, tokens, testCase.allow, () => testCase.attempt(ids, fresh));
      expect(problems).toEqual([]);
    });
  }
});
