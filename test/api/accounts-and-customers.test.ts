import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSetupToken } from '../../src/app/accounts/accounts.use-cases.ts';
import { bearer, createTestEnv, DIALECTS, type TestEnv } from '../support/harness.ts';

for (const dialect of DIALECTS) {
  describe(`accounts and customers over HTTP (${dialect})`, () => {
    let env: TestEnv;
    beforeAll(async () => {
      env = await createTestEnv(dialect);
    });
    afterAll(async () => {
      await env?.close();
    });

    it('answers health without authentication', async () => {
      const res = await env.app.inject({ method: 'GET', url: '/api/v1/health' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'ok', database: dialect });
    });

    it('creates the first admin through the one-time setup token, then signs in with a cookie and CSRF token', async () => {
      expect((await env.app.inject({ method: 'GET', url: '/api/v1/setup' })).json()).toEqual({ needsSetup: true });
      const token = await ensureSetupToken(env.ctx);
      expect(token).toBeDefined();
      const wrong = await env.app.inject({ method: 'POST', url: '/api/v1/setup', payload: { token: 'nope', email: 'a@b.test', password: 'long enough password' } });
      expect(wrong.statusCode).toBe(403);
      expect(wrong.headers['content-type']).toContain('application/problem+json');
      const setup = await env.app.inject({
        method: 'POST',
        url: '/api/v1/setup',
        payload: { token, email: 'Lead@Example.test', name: 'IT Lead', password: 'correct horse battery', companyName: 'Acme IT' },
      });
      expect(setup.statusCode).toBe(201);
      expect(setup.json()).toMatchObject({ email: 'lead@example.test', role: 'admin' });
      expect(setup.body).not.toContain('argon2');
      const again = await env.app.inject({ method: 'POST', url: '/api/v1/setup', payload: { token, email: 'x@y.test', password: 'correct horse battery' } });
      expect(again.statusCode).toBe(403);

      const bad = await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'lead@example.test', password: 'wrong password!' } });
      expect(bad.statusCode).toBe(401);
      expect(bad.json()).toMatchObject({ code: 'LOGIN_FAILED' });
      const login = await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'lead@example.test', password: 'correct horse battery' } });
      expect(login.statusCode).toBe(200);
      const setCookie = String(login.headers['set-cookie']);
      expect(setCookie).toMatch(/HttpOnly/);
      expect(setCookie).toMatch(/SameSite=Strict/);
      const cookie = setCookie.split(';')[0] as string;
      const csrf = login.json().csrfToken as string;

      const me = await env.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
      expect(me.json()).toMatchObject({ role: 'admin', via: 'session' });
      const noCsrf = await env.app.inject({ method: 'POST', url: '/api/v1/customers', headers: { cookie }, payload: { name: 'Bäckerei Huber' } });
      expect(noCsrf.statusCode).toBe(403);
      expect(noCsrf.json()).toMatchObject({ code: 'CSRF_FAILED' });
      const withCsrf = await env.app.inject({ method: 'POST', url: '/api/v1/customers', headers: { cookie, 'x-csrf-token': csrf }, payload: { name: 'Bäckerei Huber' } });
      expect(withCsrf.statusCode).toBe(201);
    });

    it('rate-limits login attempts', async () => {
      const codes: number[] = [];
      for (let i = 0; i < 7; i++) {
        const res = await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'nobody@example.test', password: 'whatever12345' }, remoteAddress: '10.9.9.9' });
        codes.push(res.statusCode);
      }
      expect(codes.slice(0, 5).every((c) => c === 401)).toBe(true);
      expect(codes.at(-1)).toBe(429);
    });

    it('does not let a made-up X-Forwarded-For escape the sign-in limit', async () => {
      const codes: number[] = [];
      for (let i = 0; i < 7; i++) {
        const res = await env.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: 'nobody@example.test', password: 'whatever12345' },
          remoteAddress: '10.8.8.8',
          headers: { 'x-forwarded-for': `203.0.113.${i}` },
        });
        codes.push(res.statusCode);
      }
      expect(codes.at(-1)).toBe(429);
    });

    it('creates, lists, scopes and updates customers with an audit trail', async () => {
      const manager = await env.token('manager');
      const created = await env.app.inject({
        method: 'POST',
        url: '/api/v1/customers',
        headers: bearer(manager),
        payload: { name: 'Kanzlei Maier', timeZone: 'Europe/Berlin', locale: 'de' },
      });
      expect(created.statusCode).toBe(201);
      const customer = created.json();
      const other = (await env.app.inject({ method: 'POST', url: '/api/v1/customers', headers: bearer(manager), payload: { name: 'Zahnarzt Ost' } })).json();

      const agent = await env.token('agent');
      const forbidden = await env.app.inject({ method: 'POST', url: '/api/v1/customers', headers: bearer(agent), payload: { name: 'Nope' } });
      expect(forbidden.statusCode).toBe(403);

      const viewer = await env.token('customer', customer.id);
      const own = await env.app.inject({ method: 'GET', url: '/api/v1/customers', headers: bearer(viewer) });
      expect(own.json().items.map((c: { id: string }) => c.id)).toEqual([customer.id]);
      const foreign = await env.app.inject({ method: 'GET', url: `/api/v1/customers/${other.id}`, headers: bearer(viewer) });
      expect(foreign.statusCode).toBe(404);

      const patched = await env.app.inject({ method: 'PATCH', url: `/api/v1/customers/${customer.id}`, headers: bearer(manager), payload: { name: 'Kanzlei Maier & Partner' } });
      expect(patched.json().name).toBe('Kanzlei Maier & Partner');
      const audit = await env.app.inject({ method: 'GET', url: `/api/v1/audit?entityId=${customer.id}`, headers: bearer(manager) });
      expect(audit.json().items.map((e: { action: string }) => e.action)).toEqual(['customer.updated', 'customer.created']);
      expect(audit.json().items[0].changes).toEqual({ name: ['Kanzlei Maier', 'Kanzlei Maier & Partner'] });
    });

    it('rejects bad input with a problem document and changes nothing', async () => {
      const manager = await env.token('manager');
      const before = (await env.app.inject({ method: 'GET', url: '/api/v1/customers', headers: bearer(manager) })).json().total;
      for (const payload of [{ name: 42 }, { name: 'X', timeZone: 'Mars/Olympus' }, { name: 'X', extra: true }, { name: "'; drop table customers; --", timeZone: 'Nowhere/Else' }]) {
        const res = await env.app.inject({ method: 'POST', url: '/api/v1/customers', headers: bearer(manager), payload });
        expect(res.statusCode).toBeGreaterThanOrEqual(400);
        expect(res.statusCode).toBeLessThan(500);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(typeof res.json().code).toBe('string');
      }
      const after = (await env.app.inject({ method: 'GET', url: '/api/v1/customers', headers: bearer(manager) })).json().total;
      expect(after).toBe(before);
      const unauth = await env.app.inject({ method: 'GET', url: '/api/v1/customers' });
      expect(unauth.statusCode).toBe(401);
      const badToken = await env.app.inject({ method: 'GET', url: '/api/v1/customers', headers: bearer('plg_invalid') });
      expect(badToken.statusCode).toBe(401);
    });

    it('serves an OpenAPI 3.1 document', async () => {
      const res = await env.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
      expect(res.statusCode).toBe(200);
      const doc = res.json();
      expect(doc.openapi).toBe('3.1.0');
      expect(Object.keys(doc.paths)).toContain('/api/v1/customers');
    });
  });
}
