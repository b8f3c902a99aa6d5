// The access matrix of the escalation endpoints: every documented policy, channel, notification-log,
// escalation, budget-alert and roster endpoint × every role. Policies, channels and the roster are managed by
// managers and admins; the log, the steps and the roster are for staff; customer viewers see only budget
// alerts, their own customer's. Denials answer 401 (anonymous) or 403.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessProblems,
  documentedOps,
  EVERYONE,
  MANAGERS,
  roleTokens,
  STAFF,
  type Who,
} from '../support/access.ts';
import { bearer, createTestEnv, DIALECTS, type TestEnv } from '../support/harness.ts';
import { insertSla, officeTerms } from '../support/ticket-fixtures.ts';

interface Fixture {
  readonly policy: string;
  readonly channel: string;
  readonly step: string;
}

interface Case {
  readonly op: string;
  readonly url: (fx: Fixture, fresh: string) => string;
  readonly body?: () => unknown;
  readonly allow: readonly Who[];
  /** Makes a throw-away policy or channel the attempt deletes. */
  readonly fresh?: 'policy' | 'channel';
}

let unique = 0;
const next = (): number => ++unique;

const LEVELS = [{ trigger: { kind: 'breach' }, actions: [{ kind: 'notify_assignee' }] }];
const HOOK = { url: 'http://127.0.0.1:1/hook', secret: 'a-long-shared-secret-value', timeoutMs: 500 };

const CASES: readonly Case[] = [
  { op: 'GET /api/v1/escalation-policies', url: () => '/api/v1/escalation-policies', allow: STAFF },
  {
    op: 'POST /api/v1/escalation-policies',
    url: () => '/api/v1/escalation-policies',
    body: () => ({ id: `p${next()}`, name: 'Made', levels: LEVELS }),
    allow: MANAGERS,
  },
  {
    op: 'GET /api/v1/escalation-policies/{id}',
    url: (fx) => `/api/v1/escalation-policies/${fx.policy}`,
    allow: STAFF,
  },
  {
    op: 'PATCH /api/v1/escalation-policies/{id}',
    url: (fx) => `/api/v1/escalation-policies/${fx.policy}`,
    body: () => ({ name: `Renamed ${next()}` }),
    allow: MANAGERS,
  },
  {
    op: 'DELETE /api/v1/escalation-policies/{id}',
    url: (_fx, fresh) => `/api/v1/escalation-policies/${fresh}`,
    fresh: 'policy',
    allow: MANAGERS,
  },
  { op: 'GET /api/v1/notification-channels', url: () => '/api/v1/notification-channels', allow: MANAGERS },
  {
    op: 'POST /api/v1/notification-channels',
    url: () => '/api/v1/notification-channels',
    body: () => ({ id: `c${next()}`, name: 'Hook', kind: 'webhook', config: HOOK }),
    allow: MANAGERS,
  },
  {
    op: 'GET /api/v1/notification-channels/{id}',
    url: (fx) => `/api/v1/notification-channels/${fx.channel}`,
    allow: MANAGERS,
  },
  {
    op: 'PATCH /api/v1/notification-channels/{id}',
    url: (fx) => `/api/v1/notification-channels/${fx.channel}`,
    body: () => ({ name: `Hook ${next()}` }),
    allow: MANAGERS,
  },
  {
    op: 'DELETE /api/v1/notification-channels/{id}',
    url: (_fx, fresh) => `/api/v1/notification-channels/${fresh}`,
    fresh: 'channel',
    allow: MANAGERS,
  },
  {
    op: 'POST /api/v1/notification-channels/{id}/test',
    url: (fx) => `/api/v1/notification-channels/${fx.channel}/test`,
    body: () => ({}),
    allow: MANAGERS,
  },
  { op: 'GET /api/v1/notifications', url: () => '/api/v1/notifications', allow: STAFF },
  { op: 'GET /api/v1/escalations', url: () => '/api/v1/escalations', allow: STAFF },
  {
    op: 'POST /api/v1/escalations/{id}/acknowledge',
    url: (fx) => `/api/v1/escalations/${encodeURIComponent(fx.step)}/acknowledge`,
    allow: STAFF,
  },
  // Every customer viewer may list budget alerts: the list holds its own customer's only.
  { op: 'GET /api/v1/budget-alerts', url: () => '/api/v1/budget-alerts', allow: EVERYONE },
  { op: 'GET /api/v1/escalation-roster', url: () => '/api/v1/escalation-roster', allow: STAFF },
  {
    op: 'PUT /api/v1/escalation-roster',
    url: () => '/api/v1/escalation-roster',
    body: () => ({ entries: [] }),
    allow: MANAGERS,
  },
];

const PREFIXES = [
  '/api/v1/escalation-policies',
  '/api/v1/notification-channels',
  '/api/v1/notifications',
  '/api/v1/escalations',
  '/api/v1/budget-alerts',
  '/api/v1/escalation-roster',
];

for (const dialect of DIALECTS) {
  describe(`the access matrix of escalation (${dialect})`, () => {
    let env: TestEnv;
    let fx: Fixture;
    let admin: string;
    let tokens: ReadonlyMap<Who, string> = new Map();

    const call = async (method: string, url: string, payload?: unknown) => {
      const res = await env.app.inject({
        method: method as 'GET',
        url,
        headers: bearer(admin),
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      });
      if (res.statusCode >= 300) throw new Error(`fixture ${method} ${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    };

    async function fresh(kind: Case['fresh']): Promise<string> {
      if (kind === 'policy')
        return (
          await call('POST', '/api/v1/escalation-policies', {
            id: `f${next()}`,
            name: 'Fresh',
            levels: LEVELS,
          })
        ).id;
      if (kind === 'channel')
        return (
          await call('POST', '/api/v1/notification-channels', {
            id: `f${next()}`,
            name: 'Fresh',
            kind: 'webhook',
            config: HOOK,
          })
        ).id;
      return '';
    }

    beforeAll(async () => {
      env = await createTestEnv(dialect);
      admin = await env.token('admin');
      const customerA = (await call('POST', '/api/v1/customers', { name: 'Customer A' })).id as string;
      const customerB = (await call('POST', '/api/v1/customers', { name: 'Customer B' })).id as string;
      const slaId = await insertSla(env, '24/7', officeTerms(null));
      const channel = (
        await call('POST', '/api/v1/notification-channels', {
          id: 'hook',
          name: 'Hook',
          kind: 'webhook',
          config: HOOK,
        })
      ).id;
      const policy = (
        await call('POST', '/api/v1/escalation-policies', {
          id: 'std',
          name: 'Std',
          levels: LEVELS,
          slaIds: [slaId],
        })
      ).id;
      const ticket = (
        await call('POST', '/api/v1/tickets', { customerId: customerA, title: 'Down', priority: 'P1', slaId })
      ).id;
      const step = (await call('GET', `/api/v1/escalations?ticketId=${ticket}`)).items[0].id as string;
      fx = { policy, channel, step };
      tokens = await roleTokens(env, admin, customerA, customerB);
    });
    afterAll(async () => {
      await env?.close();
    });

    it('has a row for every documented escalation endpoint', async () => {
      expect(await documentedOps(env, PREFIXES)).toEqual(CASES.map((c) => c.op).sort());
    });

    for (const testCase of CASES) {
      it(testCase.op, async () => {
        const [method] = testCase.op.split(' ') as ['GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'];
        const problems = await accessProblems(env, tokens, testCase.allow, async () => ({
          method,
          url: testCase.url(fx, await fresh(testCase.fresh)),
          body: testCase.body?.(),
        }));
        expect(problems).toEqual([]);
      });
    }
  });
}
