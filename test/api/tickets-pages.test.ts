// The ticket list's totals (counted only when the page cannot tell) and its answers written by the compiled
// serializer, checked against what Zod writes for the same page.
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../src/domain/shared/time.ts';
import { pageOf } from '../../src/http/routes/common.ts';
import { clockSchema, ticketWithClocksSchema } from '../../src/http/routes/tickets-presenters.ts';
import { z } from 'zod';
import { bearer, createTestEnv, DIALECTS, type TestEnv } from '../support/harness.ts';
import { seedTicketFixture, type TicketFixture } from '../support/ticket-fixtures.ts';

const TICKETS = 7;

for (const dialect of DIALECTS) {
  describe(`ticket list pages (${dialect})`, () => {
    let env: TestEnv;
    let agent: string;
    let fx: TicketFixture;
    let last = '';

    beforeAll(async () => {
      env = await createTestEnv(dialect);
      agent = await env.token('agent');
      fx = await seedTicketFixture(env);
      for (let i = 0; i < TICKETS; i++) {
        const res = await env.app.inject({
          method: 'POST',
          url: '/api/v1/tickets',
          headers: bearer(agent),
          payload: {
            customerId: fx.customerId,
            title: `Drucker "${i}" \u2028 druckt nicht\n`,
            impact: 'high',
            urgency: 'medium',
          },
        });
        expect(res.statusCode).toBe(201);
        last = res.json().id;
        env.clock.advance(HOUR_MS / 4);
      }
      await env.app.inject({
        method: 'POST',
        url: `/api/v1/tickets/${last}/events`,
        headers: bearer(agent),
        payload: { type: 'reply', body: 'Wir sind dran' },
      });
      env.clock.advance(3 * HOUR_MS);
    });
    afterAll(async () => {
      await env?.close();
    });

    const list = async (query: string) => {
      const res = await env.app.inject({
        method: 'GET',
        url: `/api/v1/tickets?${query}`,
        headers: bearer(agent),
      });
      expect(res.statusCode).toBe(200);
      return res.json() as { items: { id: string }[]; total: number; limit: number; offset: number };
    };

    it('gives the same total whether it counts or the page tells', async () => {
      // A full page: counted.
      expect(await list('limit=5')).toMatchObject({ total: TICKETS, limit: 5, offset: 0 });
      // The last, partial page: offset plus what it holds.
      const tail = await list('limit=5&offset=5');
      expect(tail.items).toHaveLength(2);
      expect(tail.total).toBe(TICKETS);
      // Past the end: nothing on the page, so counted.
      expect(await list('limit=5&offset=20')).toMatchObject({ items: [], total: TICKETS });
      // A filter matching a few, and one matching none.
      expect((await list(`customer=${fx.otherCustomerId}`)).total).toBe(0);
      const breached = await list('clock=breached&limit=50');
      expect(breached.total).toBe(breached.items.length);
      expect(breached.total).toBeGreaterThan(0);
    });

    it('writes the list, one ticket and its clocks exactly as Zod would', async () => {
      const check = async (url: string, schema: z.ZodType) => {
        const res = await env.app.inject({ method: 'GET', url, headers: bearer(agent) });
        expect(res.statusCode).toBe(200);
        // What Zod writes for the value the answer describes, byte for byte.
        const zod = zodSerializerCompiler({ schema, method: 'GET', url, httpStatus: '200' } as never);
        expect(res.body).toBe(zod(schema.parse(JSON.parse(res.body))));
        return res.body;
      };
      const page = await check('/api/v1/tickets?limit=50', pageOf(ticketWithClocksSchema));
      // Titles that need escaping went through the fast path too.
      expect(page).toContain('Drucker \\"0\\"');
      await check(`/api/v1/tickets/${last}`, ticketWithClocksSchema.loose());
      await check(`/api/v1/tickets/${last}/clocks`, z.object({ items: z.array(clockSchema) }));
    });
  });
}
