import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestEnv, DIALECTS, type TestEnv } from '../support/harness.ts';
import { seedTicketFixture, type TicketFixture } from '../support/ticket-fixtures.ts';

const EXAMPLE = fs.readFileSync(path.join(import.meta.dirname, '../../examples/tickets-import.csv'), 'utf8');
const HEADER = 'external_ref,at,type,customer,service,ticket_type,title,priority,status,author,public';

interface Clock {
  id: string;
  state: string;
  dueAt: string | null;
  stoppedAt: string | null;
  breachedAt: string | null;
}
const clockOf = (ticket: { clocks: Clock[] }, id: string): Clock => {
  const c = ticket.clocks.find((x) => x.id === id);
  if (!c) throw new Error(`no clock ${id}`);
  return c;
};

for (const dialect of DIALECTS) {
  describe(`tickets from other helpdesks (${dialect})`, () => {
    let env: TestEnv;
    let fx: TicketFixture;
    let manager: string;
    let agent: string;

    beforeAll(async () => {
      env = await createTestEnv(dialect);
      fx = await seedTicketFixture(env);
      manager = await env.token('manager');
      agent = await env.token('agent');
    });
    afterAll(async () => {
      await env?.close();
    });

    const importCsv = (text: string, token = manager, type = 'text/csv') =>
      env.app.inject({
        method: 'POST',
        url: '/api/v1/tickets/import',
        headers: { ...bearer(token), 'content-type': type },
        payload: text,
      });

    async function byRef(ref: string) {
      const list = (
        await env.app.inject({ method: 'GET', url: '/api/v1/tickets?limit=500', headers: bearer(manager) })
      ).json().items as { id: string; externalRef: string | null }[];
      const found = list.find((t) => t.externalRef === ref);
      if (!found) return undefined;
      return (
        await env.app.inject({ method: 'GET', url: `/api/v1/tickets/${found.id}`, headers: bearer(manager) })
      ).json();
    }

    it('creates a ticket from a webhook once, however often the same payload arrives', async () => {
      const payload = {
        externalRef: 'ZD-42',
        customer: 'kanzlei maier',
        service: 'E-Mail',
        title: 'Webhook ticket',
        impact: 'high',
        urgency: 'high',
        createdAt: '2026-03-02T06:30:00Z',
        events: [
          {
            type: 'reply',
            author: 'agent',
            public: true,
            at: '2026-03-02T06:45:00Z',
            body: 'Looking into it',
          },
          { type: 'status', status: 'in progress', at: '2026-03-02T06:50:00Z' },
        ],
      };
      const first = await env.app.inject({
        method: 'POST',
        url: '/api/v1/inbound/tickets',
        headers: bearer(agent),
        payload,
      });
      expect(first.statusCode, first.body).toBe(201);
      expect(first.json()).toMatchObject({
        created: true,
        eventsAdded: 2,
        ticket: {
          externalRef: 'ZD-42',
          priority: 'P1',
          status: 'in progress',
          source: 'webhook',
          customerId: fx.customerId,
          serviceId: fx.serviceId,
        },
      });
      const again = await env.app.inject({
        method: 'POST',
        url: '/api/v1/inbound/tickets',
        headers: bearer(agent),
        payload,
      });
      expect(again.statusCode).toBe(200);
      expect(again.json()).toMatchObject({ created: false, changed: false, eventsAdded: 0 });
      expect(again.json().ticket.revision).toBe(first.json().ticket.revision);

      const id = first.json().ticket.id as string;
      const events = (
        await env.app.inject({ method: 'GET', url: `/api/v1/tickets/${id}/events`, headers: bearer(manager) })
      ).json().items;
      expect(events.map((e: { type: string }) => e.type)).toEqual(['created', 'reply', 'status']);
      const ticket = (
        await env.app.inject({ method: 'GET', url: `/api/v1/tickets/${id}`, headers: bearer(manager) })
      ).json();
      // P1: 30 minutes of office time, which opens at 07:00 UTC; answered before it opened.
      expect(clockOf(ticket, 'first_response')).toMatchObject({
        state: 'met',
        stoppedAt: '2026-03-02T06:45:00Z',
        dueAt: '2026-03-02T07:30:00Z',
      });

      const more = await env.app.inject({
        method: 'POST',
        url: '/api/v1/inbound/tickets',
        headers: bearer(agent),
        payload: {
          ...payload,
          title: 'Webhook ticket (renamed)',
          events: [...payload.events, { type: 'resolved', at: '2026-03-02T06:55:00Z' }],
        },
      });
      expect(more.json()).toMatchObject({
        created: false,
        changed: true,
        eventsAdded: 1,
        ticket: { title: 'Webhook ticket (renamed)', resolvedAt: '2026-03-02T06:55:00Z' },
      });

      // Without events, status and priority say what the ticket is now.
      const current = {
        externalRef: 'ZD-43',
        customer: fx.customerId,
        title: 'Plain sync',
        priority: 'P3',
        status: 'open',
      };
      expect(
        (
          await env.app.inject({
            method: 'POST',
            url: '/api/v1/inbound/tickets',
            headers: bearer(manager),
            payload: current,
          })
        ).statusCode,
      ).toBe(201);
      const moved = await env.app.inject({
        method: 'POST',
        url: '/api/v1/inbound/tickets',
        headers: bearer(manager),
        payload: { ...current, status: 'pending', priority: 'P2' },
      });
      expect(moved.json()).toMatchObject({ eventsAdded: 2, ticket: { status: 'pending', priority: 'P2' } });
      const same = await env.app.inject({
        method: 'POST',
        url: '/api/v1/inbound/tickets',
        headers: bearer(manager),
        payload: { ...current, status: 'pending', priority: 'P2' },
      });
      expect(same.json()).toMatchObject({ eventsAdded: 0, changed: false });

      const audit = (
        await env.app.inject({ method: 'GET', url: `/api/v1/audit?entityId=${id}`, headers: bearer(manager) })
      ).json().items;
      expect(audit.map((a: { action: string }) => a.action)).toEqual([
        'ticket.events.imported',
        'ticket.updated',
        'ticket.created',
      ]);
    });

    it('refuses webhooks from customer viewers and bad payloads without writing', async () => {
      const viewer = await env.token('customer', fx.customerId);
      const denied = await env.app.inject({
        method: 'POST',
        url: '/api/v1/inbound/tickets',
        headers: bearer(viewer),
        payload: { externalRef: 'X-1', customer: fx.customerId, title: 'x' },
      });
      expect(denied.statusCode).toBe(403);
      const bad: [Record<string, unknown>, string][] = [
        [{ externalRef: 'X-2', customer: 'Nobody GmbH', title: 'x' }, 'CUSTOMER_NOT_FOUND'],
        [
          {
            externalRef: 'X-3',
            customer: fx.customerId,
            title: 'x',
            events: [{ type: 'status', status: 'y' }],
          },
          'TICKET_EVENT_INVALID',
        ],
        [
          {
            externalRef: 'X-4',
            customer: fx.customerId,
            title: 'x',
            events: [{ type: 'reply', author: 'agent', at: '2030-01-01T00:00:00Z' }],
          },
          'TICKET_EVENT_IN_FUTURE',
        ],
        [{ externalRef: 'X-5', customer: fx.customerId, title: 'x', extra: 1 }, 'VALIDATION_FAILED'],
      ];
      for (const [payload, code] of bad) {
        const res = await env.app.inject({
          method: 'POST',
          url: '/api/v1/inbound/tickets',
          headers: bearer(manager),
          payload,
        });
        expect(res.statusCode).toBeGreaterThanOrEqual(400);
        expect(res.statusCode).toBeLessThan(500);
        expect(res.json().code).toBe(code);
        expect(await byRef(payload['externalRef'] as string)).toBeUndefined();
      }
    });

    it('imports the example CSV with its history and computes the clocks as they ran', async () => {
      const res = await importCsv(EXAMPLE);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ created: 2, updated: 0, events: 9, errors: [] });

      const met = await byRef('HD-1001');
      expect(met).toMatchObject({
        source: 'import',
        createdAt: '2026-02-23T08:15:00Z',
        resolvedAt: '2026-02-23T15:30:00Z',
        status: 'in progress',
        serviceId: fx.serviceId,
        sla: { slaId: fx.slaId, version: 2 },
      });
      expect(clockOf(met, 'first_response')).toMatchObject({
        state: 'met',
        stoppedAt: '2026-02-23T08:40:00Z',
        dueAt: '2026-02-23T09:15:00Z',
      });
      // 45 min + 2.5 h counted around four hours of waiting: met with 4 h 45 min to spare.
      expect(clockOf(met, 'resolution')).toMatchObject({
        state: 'met',
        stoppedAt: '2026-02-23T15:30:00Z',
        breachedAt: null,
      });

      const late = await byRef('HD-1002');
      expect(late).toMatchObject({ title: 'Printer "Finance" offline', closedAt: '2026-02-25T10:05:00Z' });
      expect(clockOf(late, 'first_response')).toMatchObject({
        state: 'breached',
        breachedAt: '2026-02-24T08:05:00Z',
        stoppedAt: '2026-02-24T10:10:00Z',
      });
      expect(clockOf(late, 'resolution')).toMatchObject({
        state: 'breached',
        breachedAt: '2026-02-24T15:05:00Z',
        stoppedAt: '2026-02-25T10:00:00Z',
      });

      const breachedIds = (
        await env.app.inject({
          method: 'GET',
          url: '/api/v1/tickets?clock=breached',
          headers: bearer(manager),
        })
      )
        .json()
        .items.map((t: { id: string }) => t.id);
      expect(breachedIds).toContain(late.id);
      expect(breachedIds).not.toContain(met.id);
      const metIds = (
        await env.app.inject({ method: 'GET', url: '/api/v1/tickets?clock=met', headers: bearer(manager) })
      )
        .json()
        .items.map((t: { id: string }) => t.id);
      expect(metIds).toContain(met.id);

      const again = await importCsv(EXAMPLE, manager, 'text/csv; charset=utf-8');
      expect(again.json()).toEqual({ created: 0, updated: 0, events: 0, errors: [] });

      const followUp = await importCsv(
        `${HEADER}\nHD-1002,2026-02-26T09:00:00Z,reopened,,,,,,,,\nHD-1002,2026-02-26T09:30:00Z,reply,,,,,,,customer,yes\n`,
      );
      expect(followUp.json()).toEqual({ created: 0, updated: 1, events: 2, errors: [] });
    });

    it('reports bad rows with their line numbers and imports each ticket whole or not at all', async () => {
      const csv = [
        HEADER,
        'E-1,2026-02-23T08:00:00Z,created,Kanzlei Maier,,,Good ticket,P2,,,',
        'E-1,2026-02-23T09:00:00Z,reply,,,,,,,agent,true',
        'E-2,2026-02-23T08:00:00Z,created,Nobody GmbH,,,Unknown customer,P2,,,',
        'E-3,not a time,created,Kanzlei Maier,,,Bad instant,P2,,,',
        'E-4,2026-02-23T08:00:00Z,created,Kanzlei Maier,,,Bad event,P2,,,',
        'E-4,2026-02-23T09:00:00Z,escalated,,,,,,,,',
        'E-5,2026-02-23T08:00:00Z,created,Kanzlei Maier,,,"Reply before',
        'creation",P2,,,',
        'E-5,2026-02-23T07:00:00Z,reply,,,,,,,agent,true',
        'E-6,2026-02-23T09:00:00Z,status,,,,,,x,,',
        'E-7,2026-02-23T08:00:00Z,created,Kanzlei Maier,,,Too few fields',
        'E-8,2026-02-23T08:00:00Z,created,Kanzlei Maier,,,Bad public,P2,,,',
        'E-8,2026-02-23T08:30:00Z,reply,,,,,,,agent,maybe',
        ',2026-02-23T08:00:00Z,created,Kanzlei Maier,,,No ref,P2,,,',
        'E-9,2026-02-23T08:00:00Z,created,Kanzlei Maier,,,Closed early,P2,,,',
        'E-9,2026-02-23T08:10:00Z,closed,,,,,,,,',
        'E-9,2026-02-23T08:20:00Z,reply,,,,,,,customer,true',
      ].join('\r\n');
      const res = await importCsv(csv);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ created: 1, updated: 0, events: 1 });
      expect(body.errors.map((e: { line: number; code: string }) => [e.line, e.code])).toEqual([
        [4, 'CUSTOMER_NOT_FOUND'],
        [5, 'INSTANT_INVALID'],
        [7, 'TICKET_EVENT_TYPE_UNKNOWN'],
        [10, 'TICKET_EVENT_BEFORE_CREATION'],
        [11, 'TICKET_CREATED_MISSING'],
        [12, 'CSV_ROW_INVALID'],
        [14, 'TICKET_EVENT_INVALID'],
        [15, 'TICKET_EXTERNAL_REF_REQUIRED'],
        [18, 'TICKET_CLOSED'],
      ]);
      expect(typeof body.errors[0].message).toBe('string');
      for (const ref of ['E-2', 'E-4', 'E-5', 'E-8', 'E-9']) expect(await byRef(ref)).toBeUndefined();
      expect(await byRef('E-1')).toMatchObject({ title: 'Good ticket' });

      for (const [text, code] of [
        ['', 'CSV_EMPTY'],
        ['external_ref,at\n', 'CSV_HEADER_INVALID'],
        [`${HEADER},colour\n`, 'CSV_HEADER_INVALID'],
        [`${HEADER}\nE-10,2026-02-23T08:00:00Z,created,Kanzlei Maier,,,"open quote,P2,,,\n`, 'CSV_INVALID'],
      ]) {
        const bad = await importCsv(text as string);
        expect(bad.statusCode).toBe(400);
        expect(bad.json().code).toBe(code);
      }
      expect((await importCsv(EXAMPLE, agent)).statusCode).toBe(403);
      const json = await env.app.inject({
        method: 'POST',
        url: '/api/v1/tickets/import',
        headers: bearer(manager),
        payload: { rows: [] },
      });
      expect(json.statusCode).toBe(400);
    });
  });
}
