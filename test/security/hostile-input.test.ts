// Throws random and hostile input at every route the OpenAPI document lists: nothing may answer 5xx.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestEnv, DIALECTS, type TestEnv } from '../support/harness.ts';

interface Operation {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly path: string;
}

const HOSTILE_STRINGS = [
  "'; drop table customers; --",
  '" OR 1=1 --',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '\u0000',
  '𝕻𝖑𝖊𝖉𝖌𝖊',
  'x'.repeat(5000),
  '2026-02-30T25:61:00Z',
  'Mars/Olympus_Mons',
  'NaN',
  '-1',
  '1e309',
];

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(null, true, false, 0, -1, 2 ** 53, 1.5, [], {}),
);

/** Bodies: random JSON, objects with hostile values under plausible and random keys. */
const hostileBody: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.dictionary(
    fc.oneof(
      fc.constantFrom('name', 'timeZone', 'hours', 'definition', 'email', 'password', 'role', 'customerId', 'at', 'type', 'status', 'priority', 'targets', 'from', 'to', '__proto__', 'constructor'),
      fc.string({ maxLength: 12 }),
    ),
    hostileValue,
    { maxKeys: 8 },
  ),
);

function operations(doc: { paths: Record<string, Record<string, unknown>> }): Operation[] {
  const out: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const method of Object.keys(methods)) {
      const upper = method.toUpperCase();
      if (upper === 'GET' || upper === 'POST' || upper === 'PUT' || upper === 'PATCH' || upper === 'DELETE') out.push({ method: upper, path });
    }
  }
  return out;
}

const fillPath = (path: string, value: string): string => path.replace(/\{[^}]+\}/g, encodeURIComponent(value));

for (const dialect of DIALECTS) {
  describe(`hostile input (${dialect})`, () => {
    let env: TestEnv;
    let admin: string;
    let ops: Operation[];
    beforeAll(async () => {
      env = await createTestEnv(dialect);
      admin = await env.token('admin');
      const doc = (await env.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
      ops = operations(doc).filter((o) => !o.path.includes('/stream'));
    });
    afterAll(async () => {
      await env?.close();
    });

    it('never answers 5xx to random bodies, path values and query strings, and always with a problem document on errors', async () => {
      expect(ops.length).toBeGreaterThan(10);
      const failures: string[] = [];
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...ops),
          hostileBody,
          fc.constantFrom('x', '00000000-0000-0000-0000-000000000000', "1' or '1'='1", '%00', '..', '999999999999'),
          fc.dictionary(fc.constantFrom('limit', 'offset', 'from', 'to', 'q', 'year', 'clock', 'customer', 'status'), fc.constantFrom(...HOSTILE_STRINGS, '5', '-5', '')),
          async (op, body, pathValue, query) => {
            const url = `${fillPath(op.path, pathValue)}?${new URLSearchParams(query as Record<string, string>).toString()}`;
            const res = await env.app.inject({
              method: op.method,
              url,
              headers: { ...bearer(admin), ...(op.method === 'GET' || op.method === 'DELETE' ? {} : { 'content-type': 'application/json' }) },
              ...(op.method === 'GET' || op.method === 'DELETE' ? {} : { payload: JSON.stringify(body) }),
            });
            if (res.statusCode >= 500) failures.push(`${op.method} ${url} ${JSON.stringify(body).slice(0, 200)} → ${res.statusCode} ${res.body.slice(0, 200)}`);
            if (res.statusCode >= 400) expect(res.headers['content-type']).toContain('application/problem+json');
            return res.statusCode < 500;
          },
        ),
        { numRuns: 400 },
      );
      expect(failures).toEqual([]);
    });

    it('rejects a body over the size limit with 413, NUL characters and malformed JSON with 400', async () => {
      const big = await env.app.inject({ method: 'POST', url: '/api/v1/customers', headers: { ...bearer(admin), 'content-type': 'application/json' }, payload: `{"name":"${'x'.repeat(2 * 1024 * 1024)}"}` });
      expect(big.statusCode).toBe(413);
      expect(big.json().code).toBe('PAYLOAD_TOO_LARGE');
      const nul = await env.app.inject({ method: 'POST', url: '/api/v1/customers', headers: bearer(admin), payload: { name: 'a\u0000b' } });
      expect(nul.statusCode).toBe(400);
      expect(nul.json().code).toBe('TEXT_INVALID');
      const broken = await env.app.inject({ method: 'POST', url: '/api/v1/customers', headers: { ...bearer(admin), 'content-type': 'application/json' }, payload: '{"name": ' });
      expect(broken.statusCode).toBe(400);
      expect(broken.headers['content-type']).toContain('application/problem+json');
    });
  });
}
