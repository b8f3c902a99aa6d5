// Verified tokens and sessions are remembered for a moment (src/app/accounts/auth-cache.ts). A change made in
// this process must take effect on the very next request; one made by another process within the TTL.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createToken, createUser } from '../../src/app/accounts/accounts.use-cases.ts';
import { AUTH_CACHE_TTL_MS } from '../../src/app/accounts/auth-cache.ts';
import { SYSTEM_ACTOR, type Role } from '../../src/app/actor.ts';
import { kyselyStorage } from '../../src/storage/kysely-storage.ts';
import { bearer, createTestEnv, DIALECTS, type TestEnv } from '../support/harness.ts';

const PASSWORD = 'correct horse battery';

for (const dialect of DIALECTS) {
  describe(`signing in is remembered briefly, and forgotten on every change (${dialect})`, () => {
    let env: TestEnv;
    let admin: string;
    let n = 0;

    beforeAll(async () => {
      env = await createTestEnv(dialect);
      admin = await env.token('admin');
    });
    afterAll(async () => {
      vi.restoreAllMocks();
      await env?.close();
    });

    async function person(
      role: Role,
    ): Promise<{ id: string; email: string; token: string; tokenId: string }> {
      n += 1;
      const email = `person-${n}@example.test`;
      const user = await createUser(env.ctx, SYSTEM_ACTOR, { email, role, password: PASSWORD });
      const created = await createToken(
        env.ctx,
        { ...SYSTEM_ACTOR, userId: user.id },
        { name: 'sync', userId: user.id },
      );
      return { id: user.id, email, token: created.token, tokenId: created.record.id };
    }

    const me = (headers: Record<string, string>) =>
      env.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers });

    async function signIn(email: string): Promise<Record<string, string>> {
      const res = await env.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email, password: PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      const cookie = res.cookies.find((c) => c.name === 'pledge_session');
      if (!cookie) throw new Error('no session cookie');
      return { cookie: `pledge_session=${cookie.value}`, 'x-csrf-token': res.json().csrfToken };
    }

    it('looks a token up once, not on every request', async () => {
      const agent = await person('agent');
      const lookups = vi.spyOn(env.ctx.storage.accounts, 'findTokenByHash');
      for (let i = 0; i < 5; i++) expect((await me(bearer(agent.token))).statusCode).toBe(200);
      expect(lookups).toHaveBeenCalledTimes(1);
      // Past the TTL it asks the database again.
      env.clock.advance(AUTH_CACHE_TTL_MS);
      expect((await me(bearer(agent.token))).statusCode).toBe(200);
      expect(lookups).toHaveBeenCalledTimes(2);
      lookups.mockRestore();
    });

    it('refuses a revoked token on the next request', async () => {
      const agent = await person('agent');
      expect((await me(bearer(agent.token))).statusCode).toBe(200);
      const revoke = await env.app.inject({
        method: 'DELETE',
        url: `/api/v1/tokens/${agent.tokenId}`,
        headers: bearer(admin),
      });
      expect(revoke.statusCode).toBe(204);
      const after = await me(bearer(agent.token));
      expect(after.statusCode).toBe(401);
      expect(after.json().code).toBe('UNAUTHENTICATED');
    });

    it('refuses the tokens and sessions of a disabled user on the next request', async () => {
      const agent = await person('agent');
      const session = await signIn(agent.email);
      expect((await me(bearer(agent.token))).statusCode).toBe(200);
      expect((await me(session)).json().via).toBe('session');
      const patch = await env.app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${agent.id}`,
        headers: bearer(admin),
        payload: { disabled: true },
      });
      expect(patch.statusCode).toBe(200);
      expect((await me(bearer(agent.token))).statusCode).toBe(401);
      expect((await me(session)).statusCode).toBe(401);
    });

    it('applies a lowered role to the user’s token on the next request', async () => {
      const manager = await person('manager');
      expect((await me(bearer(manager.token))).json().role).toBe('manager');
      await env.app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${manager.id}`,
        headers: bearer(admin),
        payload: { role: 'agent' },
      });
      expect((await me(bearer(manager.token))).json().role).toBe('agent');
    });

    it('ends sessions on a password reset and on sign-out, at once', async () => {
      const agent = await person('agent');
      const first = await signIn(agent.email);
      expect((await me(first)).statusCode).toBe(200);
      const reset = await env.app.inject({
        method: 'POST',
        url: `/api/v1/users/${agent.id}/password`,
        headers: bearer(admin),
        payload: { password: PASSWORD },
      });
      expect(reset.statusCode).toBe(204);
      expect((await me(first)).statusCode).toBe(401);

      const second = await signIn(agent.email);
      expect((await me(second)).statusCode).toBe(200);
      expect(
        (await env.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: second })).statusCode,
      ).toBe(204);
      expect((await me(second)).statusCode).toBe(401);
    });

    it('takes a revocation by another process into account once the TTL has passed', async () => {
      const agent = await person('agent');
      expect((await me(bearer(agent.token))).statusCode).toBe(200);
      // Another process: its own storage on the same database, so this process's cache hears nothing.
      const elsewhere = kyselyStorage(env.store);
      await elsewhere.accounts.revokeToken(agent.tokenId, env.clock.now());
      env.clock.advance(AUTH_CACHE_TTL_MS - 1);
      expect((await me(bearer(agent.token))).statusCode).toBe(200);
      env.clock.advance(1);
      expect((await me(bearer(agent.token))).statusCode).toBe(401);
    });

    it('does not trust a token past its own expiry, even within the TTL', async () => {
      const agent = await person('agent');
      const expiresAt = env.clock.now() + AUTH_CACHE_TTL_MS / 2;
      const created = await createToken(
        env.ctx,
        { ...SYSTEM_ACTOR, userId: agent.id },
        { name: 'short', userId: agent.id, expiresAt },
      );
      expect((await me(bearer(created.token))).statusCode).toBe(200);
      env.clock.set(expiresAt);
      expect((await me(bearer(created.token))).statusCode).toBe(401);
    });
  });
}
