// The access matrix of the SLA endpoints: every documented SLA and assignment-rule endpoint × every role ×
// own/foreign customer. The SLAs used cover customer A; "viewer" is A's customer viewer, "foreign" B's.
// Denials answer 401 (anonymous), 403 (role) or 404 (foreign customer), never 2xx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestEnv, DIALECTS, type TestEnv } from '../support/harness.ts';

type Who = 'anon' | 'viewer' | 'foreign' | 'agent' | 'manager' | 'admin';
const EVERYONE: readonly Who[] = ['viewer', 'foreign', 'agent', 'manager', 'admin'];
const OWN: readonly Who[] = ['viewer', 'agent', 'manager', 'admin'];
const STAFF: readonly Who[] = ['agent', 'manager', 'admin'];
const MANAGERS: readonly Who[] = ['manager', 'admin'];

interface Fixture {
  readonly customerA: string;
  /** Covers customer A; version 1 retired, version 2 active. */
  readonly sla: string;
}

interface Case {
  readonly op: string;
  readonly url: (fx: Fixture, fresh: string) => string;
  readonly body?: () => unknown;
  readonly ifMatch?: string;
  readonly allow: readonly Who[];
  /** Makes the SLA one attempt changes: a draft (or, with `active`, an SLA in force) covering customer A. */
  readonly fresh?: 'draft' | 'active';
}

let unique = 0;
const next = (): number => ++unique;

const CASES: readonly Case[] = [
  { op: 'GET /api/v1/slas', url: () => '/api/v1/slas', allow: EVERYONE },
  {
    op: 'POST /api/v1/slas',
    url: () => '/api/v1/slas',
    body: () => ({ name: `SLA ${next()}` }),
    allow: MANAGERS,
  },
  { op: 'GET /api/v1/slas/{id}', url: (fx) => `/api/v1/slas/${fx.sla}`, allow: OWN },
  {
    op: 'PATCH /api/v1/slas/{id}',
    url: (fx) => `/api/v1/slas/${fx.sla}`,
    body: () => ({ description: `d${next()}` }),
    allow: MANAGERS,
  },
  { op: 'GET /api/v1/slas/{id}/versions', url: (fx) => `/api/v1/slas/${fx.sla}/versions`, allow: OWN },
  {
    op: 'POST /api/v1/slas/{id}/versions',
    url: (_fx, sla) => `/api/v1/slas/${sla}/versions`,
    body: () => ({}),
    fresh: 'active',
    allow: MANAGERS,
  },
  { op: 'GET /api/v1/slas/{id}/versions/{v}', url: (fx) => `/api/v1/slas/${fx.sla}/versions/2`, allow: OWN },
  {
    op: 'PUT /api/v1/slas/{id}/versions/{v}',
    url: (_fx, sla) => `/api/v1/slas/${sla}/versions/1`,
    body: () => ({
      customerIds: [],
      serviceIds: [],
      terms: { targets: { P1: { resolution: { duration: 'PT4H' } } } },
    }),
    ifMatch: '"1"',
    fresh: 'draft',
    allow: MANAGERS,
  },
  {
    op: 'POST /api/v1/slas/{id}/versions/{v}/activate',
    url: (_fx, sla) => `/api/v1/slas/${sla}/versions/1/activate`,
    ifMatch: '"1"',
    fresh: 'draft',
    allow: MANAGERS,
  },
  {
    op: 'POST /api/v1/slas/{id}/versions/{v}/retire',
    url: (_fx, sla) => `/api/v1/slas/${sla}/versions/1/retire`,
    ifMatch: '"1"',
    fresh: 'draft',
    allow: MANAGERS,
  },
  {
    op: 'GET /api/v1/slas/{id}/versions/{a}/diff/{b}',
    url: (fx) => `/api/v1/slas/${fx.sla}/versions/1/diff/2`,
    allow: OWN,
  },
  // The printable agreement is the customer's too; the quick reference is for staff.
  {
    op: 'GET /api/v1/slas/{id}/versions/{v}/document',
    url: (fx) => `/api/v1/slas/${fx.sla}/versions/2/document?lang=en`,
    allow: OWN,
  },
  {
    op: 'GET /api/v1/slas/{id}/versions/{v}/quick-reference',
    url: (fx) => `/api/v1/slas/${fx.sla}/versions/2/quick-reference`,
    allow: STAFF,
  },
  {
    op: 'POST /api/v1/slas/import',
    url: () => '/api/v1/slas/import',
    body: () => ({ yaml: `name: Imported ${next()}\ntargets: { P1: { resolution: PT4H } }` }),
    allow: MANAGERS,
  },
  { op: 'GET /api/v1/assignment-rules', url: () => '/api/v1/assignment-rules', allow: STAFF },
  {
    op: 'PUT /api/v1/assignment-rules',
    url: () => '/api/v1/assignment-rules',
    body: () => ({ rules: [] }),
    allow: MANAGERS,
  },
];

for (const dialect of DIALECTS) {
  describe(`the access matrix of SLAs (${dialect})`, () => {
    let env: TestEnv;
    let fx: Fixture;
    let admin: string;
    const tokens = new Map<Who, string>();

    const call = async (
      method: string,
      url: string,
      payload?: unknown,
      headers: Record<string, string> = {},
    ) => {
      const res = await env.app.inject({
        method: method as 'GET',
        url,
        headers: { ...bearer(admin), ...headers },
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      });
      if (res.statusCode >= 300) throw new Error(`fixture ${method} ${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    };

    async function slaFor(customerId: string, active: boolean): Promise<string> {
      const sla = await call('POST', '/api/v1/slas', {
        name: `Fixture ${next()}`,
        customerIds: [customerId],
      });
      if (active)
        await call('POST', `/api/v1/slas/${sla.id}/versions/1/activate`, undefined, { 'if-match': '"1"' });
      return sla.id as string;
    }

    beforeAll(async () => {
      env = await createTestEnv(dialect);
      admin = await env.token('admin');
      const customerA = (await call('POST', '/api/v1/customers', { name: 'Customer A' })).id as string;
      const customerB = (await call('POST', '/api/v1/customers', { name: 'Customer B' })).id as string;
      const sla = await slaFor(customerA, true);
      await call('POST', `/api/v1/slas/${sla}/versions`, {
        terms: { targets: { P1: { resolution: { duration: 'PT8H' } } } },
      });
      await call('POST', `/api/v1/slas/${sla}/versions/2/activate`, undefined, { 'if-match': '"1"' });
      fx = { customerA, sla };
      tokens.set('admin', admin);
      tokens.set('manager', await env.token('manager'));
      tokens.set('agent', await env.token('agent'));
      tokens.set('viewer', await env.token('customer', customerA));
      tokens.set('foreign', await env.token('customer', customerB));
    });
    afterAll(async () => {
      await env?.close();
    });

    it('has a row for every documented SLA and assignment-rule endpoint', async () => {
      const doc = (await env.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as {
        paths: Record<string, Record<string, unknown>>;
      };
      const documented = Object.entries(doc.paths)
        .filter(([path]) => path.startsWith('/api/v1/slas') || path.startsWith('/api/v1/assignment-rules'))
        .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
      expect(documented.sort()).toEqual(CASES.map((c) => c.op).sort());
    });

    for (const testCase of CASES) {
      it(testCase.op, async () => {
        const problems: string[] = [];
        for (const who of ['anon', ...EVERYONE] as const) {
          const fresh = testCase.fresh ? await slaFor(fx.customerA, testCase.fresh === 'active') : '';
          const [method] = testCase.op.split(' ') as ['GET' | 'POST' | 'PUT' | 'PATCH'];
          const token = tokens.get(who);
          const body = testCase.body?.();
          const res = await env.app.inject({
            method,
            url: testCase.url(fx, fresh),
            headers: {
              ...(token ? bearer(token) : {}),
              ...(testCase.ifMatch ? { 'if-match': testCase.ifMatch } : {}),
            },
            ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
          });
          const allowed = testCase.allow.includes(who);
          const ok = allowed
            ? res.statusCode >= 200 && res.statusCode < 300
            : who === 'anon'
              ? res.statusCode === 401
              : res.statusCode === 403 || res.statusCode === 404;
          if (!ok)
            problems.push(
              `${who}: expected ${allowed ? 'allow' : 'deny'}, got ${res.statusCode} ${res.body.slice(0, 160)}`,
            );
        }
        expect(problems).toEqual([]);
      });
    }

    it('answers a foreign viewer 404, never 403, for an SLA that does not cover it', async () => {
      const foreign = tokens.get('foreign') as string;
      for (const url of [
        `/api/v1/slas/${fx.sla}`,
        `/api/v1/slas/${fx.sla}/versions`,
        `/api/v1/slas/${fx.sla}/versions/2`,
        `/api/v1/slas/${fx.sla}/versions/1/diff/2`,
      ]) {
        const res = await env.app.inject({ method: 'GET', url, headers: bearer(foreign) });
        expect({ url, status: res.statusCode }).toEqual({ url, status: 404 });
      }
    });
  });
}
