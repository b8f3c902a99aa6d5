// Several copies of the same webhook arriving at once create one ticket; the others get 2xx or 409, never 5xx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestEnv, DIALECTS, type TestEnv } from '../support/harness.ts';
import { seedTicketFixture, type TicketFixture } from '../support/ticket-fixtures.ts';

for (const dialect of DIALECTS) {
  describe(`simultaneous webhooks (${dialect})`, () => {
    let env: TestEnv;
    let fx: TicketFixture;
    let manager: string;
    beforeAll(async () => {
      env = await createTestEnv(dialect);
      fx = await seedTicketFixture(env);
      manager = await env.token('manager');
    });
    afterAll(async () => {
      await env?.close();
    });

    it('creates one ticket for one external reference', async () => {
      const payload = { externalRef: 'OLD-4711', customer: fx.customerId, title: 'VPN drops every hour' };
      const answers = await Promise.all(
        Array.from({ length: 6 }, () => env.app.inject({ method: 'POST', url: '/api/v1/inbound/tickets', headers: bearer(manager), payload })),
      );
      const statuses = answers.map((a) => a.statusCode);
      expect(statuses.every((s) => (s >= 200 && s < 300) || s === 409), statuses.join(',')).toBe(true);
      const list = (await env.app.inject({ method: 'GET', url: '/api/v1/tickets?q=VPN', headers: bearer(manager) })).json();
      expect(list.total).toBe(1);
    });
  });
}
