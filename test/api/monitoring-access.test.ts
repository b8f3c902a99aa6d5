// The access matrix of the monitoring endpoints: every documented monitor, outage, maintenance-window,
// availability and heartbeat endpoint × every role × own/foreign customer. The records used belong to
// customer A; "viewer" is A's customer viewer, "foreign" B's. Denials answer 401 (anonymous), 403 (role) or
// 404 (foreign customer), never 2xx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessProblems,
  documentedOps,
  EVERYONE,
  MANAGERS,
  OWN,
  roleTokens,
  STAFF,
  type Who,
} from '../support/access.ts';
import { bearer, createTestEnv, DIALECTS, type TestEnv } from '../support/harness.ts';
import { insertRule, insertSla, officeTerms } from '../support/ticket-fixtures.ts';

interface Fixture {
  readonly customerA: string;
  readonly service: string;
  /** A TCP monitor of customer A against a closed loopback port (its test answers at once). */
  readonly monitor: string;
  readonly manual: string;
  /** Its URL is rotated by the matrix; `heartbeatSecret` belongs to another heartbeat monitor. */
  readonly heartbeat: string;
  readonly heartbeatSecret: string;
  readonly outage: string;
  readonly window: string;
  readonly statusToken: string;
}

interface Case {
  readonly op: string;
  readonly url: (fx: Fixture, fresh: string) => string;
  readonly body?: (fx: Fixture) => unknown;
  readonly allow: readonly Who[];
  /** Makes the record one attempt consumes. */
  readonly fresh?: 'monitor' | 'window';
}

let unique = 0;
const next = (): number => ++unique;
const TCP = { kind: 'tcp', paused: true, config: { host: '127.0.0.1', port: 9 } };
const WINDOW = { timeZone: 'Europe/Berlin', start: '2026-12-06T02:00', durationMinutes: 60 };

const CASES: readonly Case[] = [
  { op: 'GET /api/v1/monitors', url: () => '/api/v1/monitors', allow: EVERYONE },
  {
    op: 'POST /api/v1/monitors',
    url: () => '/api/v1/monitors',
    body: (fx) => ({
      name: `Monitor ${next()}`,
      serviceId: fx.service,
      customerId: fx.customerA,
      definition: TCP,
    }),
    allow: MANAGERS,
  },
  {
    op: 'POST /api/v1/monitors/test',
    url: () => '/api/v1/monitors/test',
    body: () => ({ definition: TCP }),
    allow: STAFF,
  },
  { op: 'GET /api/v1/monitors/{id}', url: (fx) => `/api/v1/monitors/${fx.monitor}`, allow: OWN },
  {
    op: 'PATCH /api/v1/monitors/{id}',
    url: (fx) => `/api/v1/monitors/${fx.monitor}`,
    body: () => ({ name: `Renamed ${next()}` }),
    allow: MANAGERS,
  },
  {
    op: 'DELETE /api/v1/monitors/{id}',
    url: (_fx, fresh) => `/api/v1/monitors/${fresh}`,
    fresh: 'monitor',
    allow: MANAGERS,
  },
  { op: 'POST /api/v1/monitors/{id}/test', url: (fx) => `/api/v1/monitors/${fx.monitor}/test`, allow: STAFF },
  {
    op: 'POST /api/v1/monitors/{id}/status',
    url: (fx) => `/api/v1/monitors/${fx.manual}/status`,
    body: () => ({ status: 'up' }),
    allow: STAFF,
  },
  {
    op: 'POST /api/v1/monitors/{id}/heartbeat-url',
    url: (fx) => `/api/v1/monitors/${fx.heartbeat}/heartbeat-url`,
    allow: MANAGERS,
  },
  {
    op: 'GET /api/v1/monitors/{id}/uptime',
    url: (fx) => `/api/v1/monitors/${fx.monitor}/uptime`,
    allow: OWN,
  },
  {
    op: 'GET /api/v1/monitors/{id}/checks',
    url: (fx) => `/api/v1/monitors/${fx.monitor}/checks`,
    allow: OWN,
  },
  {
    op: 'GET /api/v1/services/{id}/availability',
    url: (fx) => `/api/v1/services/${fx.service}/availability`,
    allow: EVERYONE,
  },
  {
    op: 'GET /api/v1/services/{id}/burn-rate',
    url: (fx) => `/api/v1/services/${fx.service}/burn-rate?customerId=${fx.customerA}`,
    // A customer viewer always gets its own customer's burn rate, whatever customerId it names.
    allow: EVERYONE,
  },
  { op: 'GET /api/v1/outages', url: () => '/api/v1/outages', allow: EVERYONE },
  { op: 'GET /api/v1/outages/{id}', url: (fx) => `/api/v1/outages/${fx.outage}`, allow: OWN },
  { op: 'GET /api/v1/maintenance-windows', url: () => '/api/v1/maintenance-windows', allow: EVERYONE },
  {
    op: 'POST /api/v1/maintenance-windows',
    url: () => '/api/v1/maintenance-windows',
    body: (fx) => ({
      name: `Window ${next()}`,
      serviceId: fx.service,
      customerId: fx.customerA,
      definition: WINDOW,
    }),
    allow: STAFF,
  },
  {
    op: 'GET /api/v1/maintenance-windows/{id}',
    url: (fx) => `/api/v1/maintenance-windows/${fx.window}`,
    allow: OWN,
  },
  {
    op: 'PATCH /api/v1/maintenance-windows/{id}',
    url: (fx) => `/api/v1/maintenance-windows/${fx.window}`,
    body: () => ({ name: `Window ${next()}` }),
    allow: STAFF,
  },
  {
    op: 'DELETE /api/v1/maintenance-windows/{id}',
    url: (_fx, fresh) => `/api/v1/maintenance-windows/${fresh}`,
    fresh: 'window',
    allow: STAFF,
  },
  {
    op: 'GET /api/v1/customers/{id}/status',
    url: (fx) => `/api/v1/customers/${fx.customerA}/status`,
    allow: OWN,
  },
  {
    op: 'GET /api/v1/customers/{id}/status-page',
    url: (fx) => `/api/v1/customers/${fx.customerA}/status-page`,
    allow: OWN,
  },
  {
    op: 'PUT /api/v1/customers/{id}/status-page',
    url: (fx) => `/api/v1/customers/${fx.customerA}/status-page`,
    body: () => ({ title: `Status ${next()}` }),
    allow: MANAGERS,
  },
  { op: 'GET /metrics', url: () => '/metrics', allow: STAFF },
  // A published status page's secret link is its credential, like a heartbeat URL.
  {
    op: 'GET /api/v1/status/{token}',
    url: (fx) => `/api/v1/status/${fx.statusToken}`,
    allow: ['anon', ...EVERYONE],
  },
  {
    op: 'GET /api/v1/status/{token}/badges/{file}',
    url: (fx) => `/api/v1/status/${fx.statusToken}/badges/${fx.service}.svg`,
    allow: ['anon', ...EVERYONE],
  },
  // The secret in the URL is the credential: a cron job has no account.
  {
    op: 'GET /api/v1/heartbeat/{secret}',
    url: (fx) => `/api/v1/heartbeat/${fx.heartbeatSecret}`,
    allow: ['anon', ...EVERYONE],
  },
  {
    op: 'POST /api/v1/heartbeat/{secret}',
    url: (fx) => `/api/v1/heartbeat/${fx.heartbeatSecret}`,
    allow: ['anon', ...EVERYONE],
  },
];

/** Path prefixes this file covers; test/security/access-matrix.test.ts skips them. */
const PREFIXES = [
  '/metrics',
  '/api/v1/customers/{id}/status',
  '/api/v1/status',
  '/api/v1/monitors',
  '/api/v1/outages',
  '/api/v1/maintenance-windows',
  '/api/v1/heartbeat',
  '/api/v1/services/{id}/availability',
  '/api/v1/services/{id}/burn-rate',
];

for (const dialect of DIALECTS) {
  describe(`the monitoring access matrix (${dialect})`, () => {
    let env: TestEnv;
    let admin: string;
    let fx: Fixture;
    let tokens: ReadonlyMap<Who, string> = new Map();

    const call = async (method: 'POST' | 'GET', url: string, payload?: unknown) => {
      const res = await env.app.inject({
        method,
        url,
        headers: bearer(admin),
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      });
      if (res.statusCode >= 300) throw new Error(`fixture ${method} ${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    };

    beforeAll(async () => {
      env = await createTestEnv(dialect);
      admin = await env.token('admin');
      const customerA = (await call('POST', '/api/v1/customers', { name: 'Customer A' })).id as string;
      const customerB = (await call('POST', '/api/v1/customers', { name: 'Customer B' })).id as string;
      const service = (await call('POST', '/api/v1/services', { name: 'Website' })).id as string;
      const monitor = (
        await call('POST', '/api/v1/monitors', {
          name: 'Shop',
          serviceId: service,
          customerId: customerA,
          definition: TCP,
        })
      ).id;
      const manual = (
        await call('POST', '/api/v1/monitors', {
          name: 'Phones',
          serviceId: service,
          customerId: customerA,
          definition: { kind: 'manual', failuresToConfirm: 1 },
        })
      ).id;
      await call('POST', `/api/v1/monitors/${manual}/status`, { status: 'down', message: 'carrier outage' });
      const outage = (await call('GET', `/api/v1/outages?monitorId=${manual}`)).items[0].id;
      const hb = await call('POST', '/api/v1/monitors', {
        name: 'Backup',
        serviceId: service,
        customerId: customerA,
        definition: { kind: 'heartbeat', intervalSeconds: 3600 },
      });
      const pushed = await call('POST', '/api/v1/monitors', {
        name: 'Nightly job',
        serviceId: service,
        customerId: customerA,
        definition: { kind: 'heartbeat', intervalSeconds: 3600 },
      });
      const window = (
        await call('POST', '/api/v1/maintenance-windows', {
          name: 'Patch',
          serviceId: service,
          customerId: customerA,
          definition: WINDOW,
        })
      ).id;
      const slaId = await insertSla(env, 'Web SLA', {
        ...officeTerms(null),
        availability: [{ serviceId: service, target: 0.99, calendarId: null }],
      });
      await insertRule(env, { position: 1, slaId, customerId: customerA });
      await insertRule(env, { position: 2, slaId, customerId: customerB });
      const published = await env.app.inject({
        method: 'PUT',
        url: `/api/v1/customers/${customerA}/status-page`,
        headers: bearer(admin),
        payload: { public: true },
      });
      fx = {
        statusToken: String(published.json().publicUrl).split('/').pop() ?? '',
        customerA,
        service,
        monitor,
        manual,
        heartbeat: hb.id,
        heartbeatSecret: String(pushed.heartbeatUrl).split('/').pop() ?? '',
        outage,
        window,
      };
      tokens = await roleTokens(env, admin, customerA, customerB);
    });
    afterAll(async () => {
      await env?.close();
    });

    it('has a row for every documented monitoring endpoint', async () => {
      expect(await documentedOps(env, PREFIXES)).toEqual(CASES.map((c) => c.op).sort());
    });

    for (const testCase of CASES) {
      it(testCase.op, async () => {
        const [method] = testCase.op.split(' ') as ['GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'];
        const problems = await accessProblems(env, tokens, testCase.allow, async () => {
          let fresh = '';
          if (testCase.fresh === 'monitor') {
            fresh = (
              await call('POST', '/api/v1/monitors', {
                name: `Victim ${next()}`,
                serviceId: fx.service,
                customerId: fx.customerA,
                definition: TCP,
              })
            ).id;
          } else if (testCase.fresh === 'window') {
            fresh = (
              await call('POST', '/api/v1/maintenance-windows', {
                name: `Victim ${next()}`,
                serviceId: fx.service,
                customerId: fx.customerA,
                definition: WINDOW,
              })
            ).id;
          }
          return { method, url: testCase.url(fx, fresh), body: testCase.body?.(fx) };
        });
        expect(problems).toEqual([]);
      });
    }

    it("answers a foreign viewer 404 for another customer's monitor, outage and window", async () => {
      const foreign = tokens.get('foreign') as string;
      for (const url of [
        `/api/v1/monitors/${fx.monitor}`,
        `/api/v1/outages/${fx.outage}`,
        `/api/v1/maintenance-windows/${fx.window}`,
      ]) {
        expect((await env.app.inject({ method: 'GET', url, headers: bearer(foreign) })).statusCode, url).toBe(
          404,
        );
      }
      const list = (
        await env.app.inject({ method: 'GET', url: '/api/v1/outages', headers: bearer(foreign) })
      ).json();
      expect(list.total).toBe(0);
    });
  });
}
