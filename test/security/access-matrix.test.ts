// The access matrix: every documented endpoint × every role × own/foreign customer, with the expected
// allow or deny. A customer viewer of customer A ("viewer") and of customer B ("foreign") both act on A's
// records; denials answer 401 (anonymous), 403 (role) or 404 (foreign customer), never 2xx.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestEnv, DIALECTS, type TestEnv } from '../support/harness.ts';

type Who = 'anon' | 'viewer' | 'foreign' | 'agent' | 'manager' | 'admin';
const EVERYONE: readonly Who[] = ['viewer', 'foreign', 'agent', 'manager', 'admin'];
const OWN: readonly Who[] = ['viewer', 'agent', 'manager', 'admin'];
const STAFF: readonly Who[] = ['agent', 'manager', 'admin'];
const MANAGERS: readonly Who[] = ['manager', 'admin'];
const ADMINS: readonly Who[] = ['admin'];

interface Fixture {
  readonly customerA: string;
  readonly customerB: string;
  readonly service: string;
  readonly otherService: string;
  readonly contact: string;
  readonly calendar: string;
  readonly userId: string;
  readonly ticket: string;
}

type Fresh = Record<string, string>;

interface Case {
  /** Method and OpenAPI path, e.g. "GET /api/v1/customers/{id}". */
  readonly op: string;
  readonly url: (fx: Fixture, fresh: Fresh) => string;
  readonly body?: (fx: Fixture, fresh: Fresh, who: Who) => unknown;
  readonly allow: readonly Who[];
  /** Creates what one attempt consumes (a record to delete, say), with an admin token. */
  readonly fresh?: (env: TestEnv, admin: string, fx: Fixture) => Promise<Fresh>;
}

const CAL = { timeZone: 'Europe/Berlin', hours: { mon: ['08:00-17:00'] } };
let unique = 0;
const next = (): number => ++unique;

async function post(env: TestEnv, token: string, url: string, payload: unknown): Promise<{ id: string }> {
  const res = await env.app.inject({ method: 'POST', url, headers: bearer(token), payload: payload as Record<string, unknown> });
  if (res.statusCode >= 300) throw new Error(`fixture ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

const CASES: readonly Case[] = [
  { op: 'GET /api/v1/health', url: () => '/api/v1/health', allow: ['anon', ...EVERYONE] },
  { op: 'GET /api/v1/setup', url: () => '/api/v1/setup', allow: ['anon', ...EVERYONE] },
  { op: 'GET /api/v1/auth/me', url: () => '/api/v1/auth/me', allow: EVERYONE },
  { op: 'GET /api/v1/users', url: () => '/api/v1/users', allow: MANAGERS },
  { op: 'POST /api/v1/users', url: () => '/api/v1/users', body: () => ({ email: `u${next()}@example.test`, role: 'agent' }), allow: ADMINS },
  { op: 'GET /api/v1/users/{id}', url: (fx) => `/api/v1/users/${fx.userId}`, allow: MANAGERS },
  { op: 'PATCH /api/v1/users/{id}', url: (fx) => `/api/v1/users/${fx.userId}`, body: () => ({ name: `Agent ${next()}` }), allow: ADMINS },
  { op: 'POST /api/v1/users/{id}/password', url: (fx) => `/api/v1/users/${fx.userId}/password`, body: () => ({ password: 'another long password' }), allow: ADMINS },
  { op: 'GET /api/v1/tokens', url: () => '/api/v1/tokens', allow: EVERYONE },
  { op: 'POST /api/v1/tokens', url: () => '/api/v1/tokens', body: () => ({ name: `t${next()}` }), allow: EVERYONE },
  {
    op: 'DELETE /api/v1/tokens/{id}',
    url: (_fx, f) => `/api/v1/tokens/${f['token']}`,
    fresh: async (env, admin, fx) => {
      const res = await env.app.inject({ method: 'POST', url: '/api/v1/tokens', headers: bearer(admin), payload: { name: `victim ${next()}`, userId: fx.userId } });
      return { token: res.json().record.id };
    },
    allow: ADMINS,
  },
  { op: 'GET /api/v1/audit', url: () => '/api/v1/audit', allow: MANAGERS },

  { op: 'GET /api/v1/customers', url: () => '/api/v1/customers', allow: EVERYONE },
  { op: 'POST /api/v1/customers', url: () => '/api/v1/customers', body: () => ({ name: `Customer ${next()}` }), allow: MANAGERS },
  { op: 'GET /api/v1/customers/{id}', url: (fx) => `/api/v1/customers/${fx.customerA}`, allow: OWN },
  { op: 'PATCH /api/v1/customers/{id}', url: (fx) => `/api/v1/customers/${fx.customerA}`, body: () => ({ notes: `n${next()}` }), allow: MANAGERS },

  { op: 'GET /api/v1/customers/{id}/contacts', url: (fx) => `/api/v1/customers/${fx.customerA}/contacts`, allow: OWN },
  { op: 'POST /api/v1/customers/{id}/contacts', url: (fx) => `/api/v1/customers/${fx.customerA}/contacts`, body: () => ({ name: `Contact ${next()}` }), allow: MANAGERS },
  { op: 'GET /api/v1/contacts/{id}', url: (fx) => `/api/v1/contacts/${fx.contact}`, allow: OWN },
  { op: 'PATCH /api/v1/contacts/{id}', url: (fx) => `/api/v1/contacts/${fx.contact}`, body: () => ({ phone: `+49 ${next()}` }), allow: MANAGERS },
  {
    op: 'DELETE /api/v1/contacts/{id}',
    url: (_fx, f) => `/api/v1/contacts/${f['contact']}`,
    fresh: async (env, admin, fx) => ({ contact: (await post(env, admin, `/api/v1/customers/${fx.customerA}/contacts`, { name: `Temp ${next()}` })).id }),
    allow: MANAGERS,
  },
  { op: 'GET /api/v1/customers/{id}/impacts', url: (fx) => `/api/v1/customers/${fx.customerA}/impacts`, allow: OWN },

  { op: 'GET /api/v1/services', url: () => '/api/v1/services', allow: EVERYONE },
  { op: 'POST /api/v1/services', url: () => '/api/v1/services', body: () => ({ name: `Service ${next()}` }), allow: MANAGERS },
  { op: 'GET /api/v1/services/{id}', url: (fx) => `/api/v1/services/${fx.service}`, allow: OWN },
  { op: 'PATCH /api/v1/services/{id}', url: (fx) => `/api/v1/services/${fx.service}`, body: () => ({ description: `d${next()}` }), allow: MANAGERS },
  { op: 'GET /api/v1/services/{id}/impacts', url: (fx) => `/api/v1/services/${fx.service}/impacts`, allow: OWN },
  {
    op: 'PUT /api/v1/services/{serviceId}/impacts/{customerId}',
    url: (fx) => `/api/v1/services/${fx.service}/impacts/${fx.customerA}`,
    body: () => ({ criticality: 'high', usersAffected: next() }),
    allow: MANAGERS,
  },
  {
    op: 'DELETE /api/v1/services/{serviceId}/impacts/{customerId}',
    url: (fx, f) => `/api/v1/services/${f['service']}/impacts/${fx.customerA}`,
    fresh: async (env, admin, fx) => {
      const service = await post(env, admin, '/api/v1/services', { name: `Temp service ${next()}` });
      await env.app.inject({ method: 'PUT', url: `/api/v1/services/${service.id}/impacts/${fx.customerA}`, headers: bearer(admin), payload: { criticality: 'low' } });
      return { service: service.id };
    },
    allow: MANAGERS,
  },

  { op: 'GET /api/v1/calendars', url: () => '/api/v1/calendars', allow: EVERYONE },
  { op: 'POST /api/v1/calendars', url: () => '/api/v1/calendars', body: () => ({ name: `Cal ${next()}`, definition: CAL }), allow: MANAGERS },
  { op: 'POST /api/v1/calendars/preview', url: () => '/api/v1/calendars/preview', body: () => ({ definition: CAL, year: 2026 }), allow: EVERYONE },
  { op: 'GET /api/v1/calendars/{id}', url: (fx) => `/api/v1/calendars/${fx.calendar}`, allow: EVERYONE },
  { op: 'PUT /api/v1/calendars/{id}', url: (fx) => `/api/v1/calendars/${fx.calendar}`, body: () => ({ name: `Office ${next()}`, definition: CAL }), allow: MANAGERS },
  {
    op: 'DELETE /api/v1/calendars/{id}',
    url: (_fx, f) => `/api/v1/calendars/${f['calendar']}`,
    fresh: async (env, admin) => ({ calendar: (await post(env, admin, '/api/v1/calendars', { name: `Temp ${next()}`, definition: CAL })).id }),
    allow: MANAGERS,
  },
  { op: 'GET /api/v1/calendars/{id}/holidays', url: (fx) => `/api/v1/calendars/${fx.calendar}/holidays?year=2026`, allow: EVERYONE },
  {
    op: 'GET /api/v1/calendars/{id}/open-intervals',
    url: (fx) => `/api/v1/calendars/${fx.calendar}/open-intervals?from=2026-03-02T00:00:00Z&to=2026-03-09T00:00:00Z`,
    allow: EVERYONE,
  },
  { op: 'GET /api/v1/priorities', url: () => '/api/v1/priorities', allow: EVERYONE },

  { op: 'GET /api/v1/tickets', url: () => '/api/v1/tickets', allow: EVERYONE },
  {
    op: 'POST /api/v1/tickets',
    url: () => '/api/v1/tickets',
    body: (fx) => ({ customerId: fx.customerA, title: `Printer ${next()}`, impact: 'low', urgency: 'low' }),
    allow: STAFF,
  },
  { op: 'GET /api/v1/tickets/{id}', url: (fx) => `/api/v1/tickets/${fx.ticket}`, allow: OWN },
  { op: 'PATCH /api/v1/tickets/{id}', url: (fx) => `/api/v1/tickets/${fx.ticket}`, body: () => ({ description: `d${next()}` }), allow: STAFF },
  { op: 'GET /api/v1/tickets/{id}/events', url: (fx) => `/api/v1/tickets/${fx.ticket}/events`, allow: OWN },
  {
    op: 'POST /api/v1/tickets/{id}/events',
    url: (fx) => `/api/v1/tickets/${fx.ticket}/events`,
    body: () => ({ type: 'reply', author: 'agent', public: false, body: `note ${next()}` }),
    allow: STAFF,
  },
  { op: 'GET /api/v1/tickets/{id}/clocks', url: (fx) => `/api/v1/tickets/${fx.ticket}/clocks`, allow: OWN },
  {
    op: 'POST /api/v1/inbound/tickets',
    url: () => '/api/v1/inbound/tickets',
    body: (fx) => ({ externalRef: `ext-${next()}`, customer: fx.customerA, title: 'From the old helpdesk' }),
    allow: STAFF,
  },
];

/** Areas whose matrix rows live in their own file, in the same shape; each op must appear there. */
const ELSEWHERE: Readonly<Record<string, string>> = {
  '/api/v1/slas': 'test/api/slas-access.test.ts',
  '/api/v1/assignment-rules': 'test/api/slas-access.test.ts',
  '/api/v1/monitors': 'test/api/monitoring-access.test.ts',
  '/metrics': 'test/api/monitoring-access.test.ts',
  '/api/v1/customers/{id}/status': 'test/api/monitoring-access.test.ts',
  '/api/v1/status': 'test/api/monitoring-access.test.ts',
  '/api/v1/outages': 'test/api/monitoring-access.test.ts',
  '/api/v1/maintenance-windows': 'test/api/monitoring-access.test.ts',
  '/api/v1/heartbeat': 'test/api/monitoring-access.test.ts',
  '/api/v1/services/{id}/availability': 'test/api/monitoring-access.test.ts',
  '/api/v1/services/{id}/burn-rate': 'test/api/monitoring-access.test.ts',
  '/api/v1/escalation-policies': 'test/api/escalation-access.test.ts',
  '/api/v1/notification-channels': 'test/api/escalation-access.test.ts',
  '/api/v1/notifications': 'test/api/escalation-access.test.ts',
  '/api/v1/escalations': 'test/api/escalation-access.test.ts',
  '/api/v1/budget-alerts': 'test/api/escalation-access.test.ts',
  '/api/v1/escalation-roster': 'test/api/escalation-access.test.ts',
  // Before the report's prefix: the first prefix that matches names the file.
  '/api/v1/customers/{id}/report.pdf': 'test/api/documents-access.test.ts',
  '/api/v1/customers/{id}/report': 'test/api/reports-access.test.ts',
  '/api/v1/breach-reasons': 'test/api/reviews-access.test.ts',
  '/api/v1/tickets/{id}/breach-reasons': 'test/api/reviews-access.test.ts',
  '/api/v1/reviews': 'test/api/reviews-access.test.ts',
  '/api/v1/actions': 'test/api/reviews-access.test.ts',
  '/api/v1/acknowledgements': 'test/api/acknowledgements-access.test.ts',
  '/api/v1/me': 'test/api/acknowledgements-access.test.ts',
  '/api/v1/users/{id}/compliance': 'test/api/acknowledgements-access.test.ts',
  '/api/v1/reports': 'test/api/reports-access.test.ts',
  '/api/v1/report-schedules': 'test/api/report-schedules-access.test.ts',
};
/**
 * Routes outside the matrix on purpose, each tested in its own file: session and installation changes, the
 * event stream (a long-lived response) and the CSV import (a text/csv body).
 */
const OUTSIDE = new Set([
  'POST /api/v1/setup',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/logout',
  'PUT /api/v1/priorities',
  'GET /api/v1/stream',
  'POST /api/v1/tickets/import',
]);

for (const dialect of DIALECTS) {
  describe(`the access matrix (${dialect})`, () => {
    let env: TestEnv;
    let fx: Fixture;
    const tokens = new Map<Who, string>();
    let admin: string;
    beforeAll(async () => {
      env = await createTestEnv(dialect);
      admin = await env.token('admin');
      const customerA = (await post(env, admin, '/api/v1/customers', { name: 'Customer A' })).id;
      const customerB = (await post(env, admin, '/api/v1/customers', { name: 'Customer B' })).id;
      const service = (await post(env, admin, '/api/v1/services', { name: 'Mail' })).id;
      const otherService = (await post(env, admin, '/api/v1/services', { name: 'Firewall' })).id;
      await env.app.inject({ method: 'PUT', url: `/api/v1/services/${service}/impacts/${customerA}`, headers: bearer(admin), payload: { criticality: 'high' } });
      await env.app.inject({ method: 'PUT', url: `/api/v1/services/${otherService}/impacts/${customerB}`, headers: bearer(admin), payload: { criticality: 'low' } });
      const contact = (await post(env, admin, `/api/v1/customers/${customerA}/contacts`, { name: 'Ms A' })).id;
      const calendar = (await post(env, admin, '/api/v1/calendars', { name: 'Office', definition: CAL })).id;
      const userId = (await post(env, admin, '/api/v1/users', { email: 'target@example.test', role: 'agent' })).id;
      const ticket = (await post(env, admin, '/api/v1/tickets', { customerId: customerA, serviceId: service, title: 'Mail is down', impact: 'high', urgency: 'high' })).id;
      fx = { customerA, customerB, service, otherService, contact, calendar, userId, ticket };
      tokens.set('admin', admin);
      tokens.set('manager', await env.token('manager'));
      tokens.set('agent', await env.token('agent'));
      tokens.set('viewer', await env.token('customer', customerA));
      tokens.set('foreign', await env.token('customer', customerB));
    });
    afterAll(async () => {
      await env?.close();
    });

    it('lists every documented endpoint (or says why not)', async () => {
      const doc = (await env.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
      const documented = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
      const covered = new Set(CASES.map((c) => c.op));
      const missing = documented.filter((op) => {
        if (covered.has(op) || OUTSIDE.has(op)) return false;
        const file = Object.entries(ELSEWHERE).find(([prefix]) => op.split(' ')[1]?.startsWith(prefix))?.[1];
        return !(file && fs.readFileSync(file, 'utf8').includes(`op: '${op}'`));
      });
      expect(missing).toEqual([]);
    });

    for (const testCase of CASES) {
      it(`${testCase.op}`, async () => {
        const problems: string[] = [];
        for (const who of ['anon', ...EVERYONE] as const) {
          const fresh = testCase.fresh ? await testCase.fresh(env, admin, fx) : {};
          const [method] = testCase.op.split(' ') as ['GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'];
          const token = tokens.get(who);
          const body = testCase.body?.(fx, fresh, who);
          const res = await env.app.inject({
            method,
            url: testCase.url(fx, fresh),
            headers: token ? bearer(token) : {},
            ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
          });
          const allowed = testCase.allow.includes(who);
          const ok = allowed
            ? res.statusCode >= 200 && res.statusCode < 300
            : who === 'anon'
              ? res.statusCode === 401
              : res.statusCode === 403 || res.statusCode === 404;
          if (!ok) problems.push(`${who}: expected ${allowed ? 'allow' : 'deny'}, got ${res.statusCode} ${res.body.slice(0, 160)}`);
        }
        expect(problems).toEqual([]);
      });
    }

    it('shows a customer viewer only its own customer in lists', async () => {
      const viewer = tokens.get('viewer') as string;
      const customers = (await env.app.inject({ method: 'GET', url: '/api/v1/customers', headers: bearer(viewer) })).json();
      expect(customers.items.map((c: { id: string }) => c.id)).toEqual([fx.customerA]);
      const services = (await env.app.inject({ method: 'GET', url: '/api/v1/services', headers: bearer(viewer) })).json();
      const ids = services.items.map((s: { id: string }) => s.id);
      expect(ids).toContain(fx.service);
      expect(ids).not.toContain(fx.otherService);
      const foreignService = await env.app.inject({ method: 'GET', url: `/api/v1/services/${fx.otherService}`, headers: bearer(viewer) });
      expect(foreignService.statusCode).toBe(404);
    });
  });
}
