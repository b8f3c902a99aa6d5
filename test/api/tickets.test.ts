import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/app/actor.ts';
import { clockRecompute } from '../../src/app/tickets/clock-recompute.impl.ts';
import { recomputeTicket } from '../../src/app/tickets/ticket-recompute.ts';
import { bearer, createTestEnv, DIALECTS, type TestEnv } from '../support/harness.ts';
import {
  changeCalendar,
  insertCalendar,
  insertCustomer,
  insertRule,
  insertSla,
  insertSlaVersion,
  officeTerms,
  OFFICE_HOURS,
  seedTicketFixture,
  WAITING,
  type TicketFixture,
} from '../support/ticket-fixtures.ts';

interface Clock {
  id: string;
  state: string;
  dueAt: string | null;
  stoppedAt: string | null;
  breachedAt: string | null;
  remainingMs: number;
  pausedMs: number;
  elapsedMs: number;
  timeline?: { kind: string; start: string; end: string; label?: string; projected?: boolean }[];
}
interface TicketBody {
  id: string;
  number: number;
  priority: string;
  status: string;
  sla: { slaId: string; version: number } | null;
  clocks: Clock[];
  closedAt: string | null;
  resolvedAt: string | null;
}

const t = (iso: string): number => Date.parse(iso);
const clockOf = (ticket: { clocks: Clock[] }, id: string): Clock => {
  const c = ticket.clocks.find((x) => x.id === id);
  if (!c) throw new Error(`no clock ${id} in ${JSON.stringify(ticket.clocks)}`);
  return c;
};

for (const dialect of DIALECTS) {
  describe(`tickets and their clocks over HTTP (${dialect})`, () => {
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

    async function createTicket(token: string, payload: Record<string, unknown>): Promise<TicketBody> {
      const res = await env.app.inject({
        method: 'POST',
        url: '/api/v1/tickets',
        headers: bearer(token),
        payload,
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as TicketBody;
    }

    async function postEvent(token: string, id: string, payload: Record<string, unknown>) {
      return env.app.inject({
        method: 'POST',
        url: `/api/v1/tickets/${id}/events`,
        headers: bearer(token),
        payload,
      });
    }

    async function listIds(query: string, token = manager): Promise<string[]> {
      const res = await env.app.inject({
        method: 'GET',
        url: `/api/v1/tickets?${query}`,
        headers: bearer(token),
      });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().items as { id: string }[]).map((i) => i.id);
    }

    it('creates a ticket with the matrix priority, bound to the active SLA version, with running clocks', async () => {
      env.clock.set(t('2026-03-02T07:00:00Z'));
      const ticket = await createTicket(agent, {
        customerId: fx.customerId,
        serviceId: fx.serviceId,
        title: 'Mail server down',
        impact: 'high',
        urgency: 'medium',
      });
      expect(ticket).toMatchObject({
        priority: 'P2',
        status: 'new',
        sla: { slaId: fx.slaId, version: 2 },
        closedAt: null,
      });
      expect(ticket.number).toBeGreaterThan(0);
      const first = clockOf(ticket, 'first_response');
      expect(first).toMatchObject({
        state: 'running',
        dueAt: '2026-03-02T08:00:00Z',
        remainingMs: 3_600_000,
      });
      expect(clockOf(ticket, 'resolution')).toMatchObject({
        state: 'running',
        dueAt: '2026-03-02T15:00:00Z',
      });

      const second = await createTicket(agent, {
        customerId: fx.customerId,
        title: 'Printer jam',
        priority: 'P3',
      });
      expect(second.priority).toBe('P3');
      expect(second.number).toBe(ticket.number + 1);
      const plain = await createTicket(agent, { customerId: fx.otherCustomerId, title: 'No rule matches' });
      expect(plain).toMatchObject({ priority: 'P3', sla: null, clocks: [] });
    });

    it('stops first response at a public agent reply and moves the due time by the waiting time', async () => {
      env.clock.set(t('2026-03-02T07:00:00Z'));
      const ticket = await createTicket(agent, {
        customerId: fx.customerId,
        title: 'VPN slow',
        priority: 'P2',
      });

      env.clock.set(t('2026-03-02T07:20:00Z'));
      const internal = await postEvent(agent, ticket.id, {
        type: 'reply',
        author: 'agent',
        public: false,
        body: 'checking the firewall logs',
      });
      expect(internal.statusCode).toBe(201);
      expect(clockOf(internal.json().ticket, 'first_response').state).toBe('running');

      env.clock.set(t('2026-03-02T07:30:00Z'));
      const reply = await postEvent(agent, ticket.id, {
        type: 'reply',
        author: 'agent',
        public: true,
        body: 'We are on it.',
      });
      expect(reply.statusCode).toBe(201);
      expect(reply.json().event).toMatchObject({
        type: 'reply',
        author: 'agent',
        public: true,
        seq: 3,
        at: '2026-03-02T07:30:00Z',
      });
      expect(clockOf(reply.json().ticket, 'first_response')).toMatchObject({
        state: 'met',
        stoppedAt: '2026-03-02T07:30:00Z',
      });

      env.clock.set(t('2026-03-02T08:00:00Z'));
      const waiting = await postEvent(agent, ticket.id, { type: 'status', status: WAITING });
      expect(waiting.json().ticket.status).toBe(WAITING);
      expect(clockOf(waiting.json().ticket, 'resolution')).toMatchObject({
        state: 'paused',
        dueAt: '2026-03-02T15:00:00Z',
      });

      // An hour later, still waiting: resuming now (10:00 Berlin) would leave 7 business hours, due at closing time.
      env.clock.set(t('2026-03-02T09:00:00Z'));
      const paused = (
        await env.app.inject({ method: 'GET', url: `/api/v1/tickets/${ticket.id}`, headers: bearer(agent) })
      ).json();
      expect(clockOf(paused, 'resolution')).toMatchObject({
        state: 'paused',
        pausedMs: 3_600_000,
        dueAt: '2026-03-02T16:00:00Z',
      });

      env.clock.set(t('2026-03-02T10:00:00Z'));

      const resumed = await postEvent(agent, ticket.id, { type: 'status', status: 'in progress' });
      const resolution = clockOf(resumed.json().ticket, 'resolution');
      // 1 h counted, 7 h left from 11:00 Berlin: 6 h on Monday, 1 h on Tuesday morning.
      expect(resolution).toMatchObject({
        state: 'running',
        elapsedMs: 3_600_000,
        pausedMs: 7_200_000,
        dueAt: '2026-03-03T08:00:00Z',
      });

      const detail = (
        await env.app.inject({
          method: 'GET',
          url: `/api/v1/tickets/${ticket.id}/clocks`,
          headers: bearer(agent),
        })
      ).json();
      const timeline = clockOf({ clocks: detail.items }, 'resolution').timeline ?? [];
      expect(timeline[0]).toEqual({
        start: '2026-03-02T07:00:00Z',
        end: '2026-03-02T08:00:00Z',
        kind: 'counted',
      });
      expect(timeline[1]).toEqual({
        start: '2026-03-02T08:00:00Z',
        end: '2026-03-02T10:00:00Z',
        kind: 'paused',
        label: WAITING,
      });
      expect(timeline.some((s) => s.kind === 'outside_hours' && s.projected === true)).toBe(true);
      expect(timeline.at(-1)).toMatchObject({
        end: '2026-03-03T08:00:00Z',
        kind: 'counted',
        projected: true,
      });

      const events = (
        await env.app.inject({
          method: 'GET',
          url: `/api/v1/tickets/${ticket.id}/events`,
          headers: bearer(agent),
        })
      ).json().items;
      expect(events.map((e: { type: string }) => e.type)).toEqual([
        'created',
        'reply',
        'reply',
        'status',
        'status',
      ]);
      expect(events[0]).toMatchObject({ seq: 1, priority: 'P2', sla: `${fx.slaId}@2`, status: 'new' });

      const audit = (
        await env.app.inject({
          method: 'GET',
          url: `/api/v1/audit?entityId=${ticket.id}`,
          headers: bearer(manager),
        })
      ).json().items;
      expect(audit.map((a: { action: string }) => a.action)).toEqual([
        'ticket.event.added',
        'ticket.event.added',
        'ticket.event.added',
        'ticket.event.added',
        'ticket.created',
      ]);
      expect(audit[1].summary).toContain(`status → ${WAITING}`);
    });

    it('filters at-risk and breached tickets as time passes, without any event', async () => {
      env.clock.set(t('2026-03-02T07:00:00Z'));
      const ticket = await createTicket(agent, {
        customerId: fx.customerId,
        title: 'Backup failed',
        priority: 'P2',
      });
      env.clock.set(t('2026-03-02T07:10:00Z'));
      expect(await listIds('clock=running')).toContain(ticket.id);
      expect(await listIds('clock=at_risk')).not.toContain(ticket.id);
      expect(await listIds('clock=breached')).not.toContain(ticket.id);

      // Half the first-response hour has gone at 07:30.
      env.clock.set(t('2026-03-02T07:35:00Z'));
      expect(await listIds('clock=at_risk')).toContain(ticket.id);
      expect(await listIds('clock=breached')).not.toContain(ticket.id);

      env.clock.set(t('2026-03-02T08:30:00Z'));
      expect(await listIds('clock=breached')).toContain(ticket.id);
      const item = (
        await env.app.inject({
          method: 'GET',
          url: `/api/v1/tickets?clock=breached&q=backup`,
          headers: bearer(manager),
        })
      ).json().items[0];
      expect(clockOf(item, 'first_response')).toMatchObject({
        state: 'breached',
        breachedAt: '2026-03-02T08:00:00Z',
        remainingMs: -30 * 60_000,
      });
      // The resolution clock (due 15:00) counts on: 1.5 h of 8 h used, at risk from 11:00.
      expect(clockOf(item, 'resolution')).toMatchObject({ state: 'running', remainingMs: 6.5 * 3_600_000 });

      env.clock.set(t('2026-03-02T11:30:00Z'));
      const reply = await postEvent(agent, ticket.id, { type: 'reply', author: 'agent', public: true });
      expect(clockOf(reply.json().ticket, 'first_response')).toMatchObject({
        state: 'breached',
        breachedAt: '2026-03-02T08:00:00Z',
      });
      expect(await listIds('clock=at_risk')).toContain(ticket.id);
      expect(await listIds('clock=met')).not.toContain(ticket.id);

      const sorted = (
        await env.app.inject({
          method: 'GET',
          url: '/api/v1/tickets?sort=due&limit=500',
          headers: bearer(manager),
        })
      ).json().items as TicketBody[];
      const dues = sorted.map((i) =>
        i.clocks.filter((c) => c.stoppedAt === null && c.dueAt !== null).map((c) => t(c.dueAt as string)),
      );
      const firsts = dues.filter((d) => d.length > 0).map((d) => Math.min(...d));
      expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
    });

    it('recomputes due times when the priority changes', async () => {
      env.clock.set(t('2026-03-02T07:00:00Z'));
      const ticket = await createTicket(agent, {
        customerId: fx.customerId,
        title: 'ERP error',
        priority: 'P2',
      });
      env.clock.set(t('2026-03-02T07:10:00Z'));
      const res = await postEvent(agent, ticket.id, { type: 'priority', priority: 'P1' });
      expect(res.statusCode).toBe(201);
      expect(res.json().ticket.priority).toBe('P1');
      expect(clockOf(res.json().ticket, 'first_response').dueAt).toBe('2026-03-02T07:30:00Z');
      expect(clockOf(res.json().ticket, 'resolution').dueAt).toBe('2026-03-02T11:00:00Z');
      const listed = (
        await env.app.inject({
          method: 'GET',
          url: '/api/v1/tickets?priority=P1&q=erp',
          headers: bearer(agent),
        })
      ).json().items;
      expect(listed.map((i: { id: string }) => i.id)).toEqual([ticket.id]);
      expect(clockOf(listed[0], 'resolution').dueAt).toBe('2026-03-02T11:00:00Z');
      const unknown = await postEvent(agent, ticket.id, { type: 'priority', priority: 'P9' });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().code).toBe('PRIORITY_UNKNOWN');
    });

    it('recomputes stored clocks after a calendar change, leaving 24/7 tickets alone', async () => {
      env.clock.set(t('2026-03-02T07:00:00Z'));
      const customerId = await insertCustomer(env, 'Steuerbüro Kern');
      const calendarId = await insertCalendar(env);
      const slaId = await insertSla(env, 'Kern support', officeTerms(calendarId));
      await insertRule(env, { position: 0, slaId, customerId });
      const ticket = await createTicket(agent, { customerId, title: 'Scanner offline', priority: 'P2' });
      expect(clockOf(ticket, 'resolution').dueAt).toBe('2026-03-02T15:00:00Z');
      const roundTheClock = await createTicket(manager, {
        customerId,
        title: 'Always on',
        priority: 'P2',
        slaId: fx.otherSlaId,
      });
      expect(clockOf(roundTheClock, 'resolution').dueAt).toBe('2026-03-02T09:00:00Z');

      await changeCalendar(env, calendarId, {
        ...OFFICE_HOURS,
        hours: Object.fromEntries(Object.keys(OFFICE_HOURS.hours).map((d) => [d, ['08:00-12:00']])),
      });
      const count = await clockRecompute.afterCalendarChange(env.ctx, SYSTEM_ACTOR, calendarId);
      expect(count).toBe(1);
      const listed = (
        await env.app.inject({
          method: 'GET',
          url: `/api/v1/tickets?customer=${customerId}`,
          headers: bearer(agent),
        })
      ).json().items;
      const updated = listed.find((i: { id: string }) => i.id === ticket.id);
      // 8 business hours at 4 a day: Monday and Tuesday mornings.
      expect(clockOf(updated, 'resolution').dueAt).toBe('2026-03-03T11:00:00Z');
      expect(clockOf(updated, 'first_response').dueAt).toBe('2026-03-02T08:00:00Z');

      expect(
        await clockRecompute.afterSlaChange(env.ctx, SYSTEM_ACTOR, fx.otherSlaId),
      ).toBeGreaterThanOrEqual(1);
      await recomputeTicket(env.ctx, roundTheClock.id);
      const same = (
        await env.app.inject({
          method: 'GET',
          url: `/api/v1/tickets/${roundTheClock.id}`,
          headers: bearer(agent),
        })
      ).json();
      expect(clockOf(same, 'resolution').dueAt).toBe('2026-03-02T09:00:00Z');
    });

    it('rejects replies on a closed ticket until it is reopened', async () => {
      env.clock.set(t('2026-03-02T07:00:00Z'));
      const ticket = await createTicket(agent, {
        customerId: fx.customerId,
        title: 'Password reset',
        priority: 'P3',
        type: 'service_request',
      });
      env.clock.set(t('2026-03-02T07:30:00Z'));
      expect((await postEvent(agent, ticket.id, { type: 'reopened' })).json().code).toBe(
        'TICKET_NOT_RESOLVED',
      );
      const resolved = await postEvent(agent, ticket.id, { type: 'resolved' });
      expect(resolved.json().ticket).toMatchObject({ resolvedAt: '2026-03-02T07:30:00Z' });
      expect(clockOf(resolved.json().ticket, 'resolution')).toMatchObject({
        state: 'met',
        stoppedAt: '2026-03-02T07:30:00Z',
      });
      const closed = await postEvent(agent, ticket.id, { type: 'closed' });
      expect(closed.json().ticket.closedAt).toBe('2026-03-02T07:30:00Z');

      const reply = await postEvent(agent, ticket.id, {
        type: 'reply',
        author: 'customer',
        public: true,
        body: 'Thanks!',
      });
      expect(reply.statusCode).toBe(409);
      expect(reply.json()).toMatchObject({ code: 'TICKET_CLOSED' });
      expect(reply.headers['content-type']).toContain('application/problem+json');
      expect((await postEvent(agent, ticket.id, { type: 'note', body: 'customer happy' })).statusCode).toBe(
        201,
      );

      env.clock.set(t('2026-03-02T08:00:00Z'));
      const reopened = await postEvent(agent, ticket.id, { type: 'reopened' });
      expect(reopened.json().ticket).toMatchObject({ closedAt: null, resolvedAt: null });
      expect(clockOf(reopened.json().ticket, 'resolution').state).toBe('running');
      expect(
        (await postEvent(agent, ticket.id, { type: 'reply', author: 'customer', public: true })).statusCode,
      ).toBe(201);
    });

    it('shows customer viewers only their own tickets, without internal texts, and lets them change nothing', async () => {
      env.clock.set(t('2026-03-02T07:00:00Z'));
      const own = await createTicket(agent, {
        customerId: fx.customerId,
        title: 'Shared drive full',
        priority: 'P2',
      });
      const foreign = await createTicket(agent, { customerId: fx.otherCustomerId, title: 'Foreign ticket' });
      await postEvent(agent, own.id, {
        type: 'reply',
        author: 'agent',
        public: false,
        body: 'internal: disk 7 is failing',
      });
      await postEvent(agent, own.id, { type: 'note', body: 'internal note' });
      await postEvent(agent, own.id, {
        type: 'reply',
        author: 'agent',
        public: true,
        body: 'We are adding space.',
      });

      const viewer = await env.token('customer', fx.customerId);
      const ids = await listIds('limit=500', viewer);
      expect(ids).toContain(own.id);
      expect(ids).not.toContain(foreign.id);
      expect(await listIds(`customer=${fx.otherCustomerId}`, viewer)).toEqual([]);
      for (const url of [
        `/api/v1/tickets/${foreign.id}`,
        `/api/v1/tickets/${foreign.id}/events`,
        `/api/v1/tickets/${foreign.id}/clocks`,
        '/api/v1/tickets/no-such-ticket',
      ]) {
        const res = await env.app.inject({ method: 'GET', url, headers: bearer(viewer) });
        expect(res.statusCode).toBe(404);
        expect(res.json().code).toBe('TICKET_NOT_FOUND');
      }
      const events = await env.app.inject({
        method: 'GET',
        url: `/api/v1/tickets/${own.id}/events`,
        headers: bearer(viewer),
      });
      expect(events.body).not.toContain('disk 7');
      expect(events.body).not.toContain('internal note');
      expect(events.body).toContain('We are adding space.');
      expect(
        (await env.app.inject({ method: 'GET', url: `/api/v1/tickets/${own.id}`, headers: bearer(viewer) }))
          .statusCode,
      ).toBe(200);

      const create = await env.app.inject({
        method: 'POST',
        url: '/api/v1/tickets',
        headers: bearer(viewer),
        payload: { customerId: fx.customerId, title: 'Mine' },
      });
      expect(create.statusCode).toBe(403);
      expect((await postEvent(viewer, own.id, { type: 'reply', author: 'customer' })).statusCode).toBe(403);
      const patch = await env.app.inject({
        method: 'PATCH',
        url: `/api/v1/tickets/${own.id}`,
        headers: bearer(viewer),
        payload: { title: 'x' },
      });
      expect(patch.statusCode).toBe(403);
    });

    it('lets agents open tickets but only managers choose or re-bind the SLA', async () => {
      env.clock.set(t('2026-03-02T07:00:00Z'));
      const denied = await env.app.inject({
        method: 'POST',
        url: '/api/v1/tickets',
        headers: bearer(agent),
        payload: { customerId: fx.customerId, title: 'x', slaId: fx.otherSlaId },
      });
      expect(denied.statusCode).toBe(403);
      const ticket = await createTicket(agent, {
        customerId: fx.customerId,
        title: 'Laptop broken',
        priority: 'P2',
      });
      const rebind = await postEvent(agent, ticket.id, { type: 'sla', sla: `${fx.otherSlaId}@1` });
      expect(rebind.statusCode).toBe(403);
      const backdated = await postEvent(agent, ticket.id, {
        type: 'status',
        status: 'in progress',
        at: '2026-03-02T07:00:00Z',
      });
      expect(backdated.statusCode).toBe(201);
      env.clock.set(t('2026-03-02T08:00:00Z'));
      const tooOld = await postEvent(agent, ticket.id, {
        type: 'status',
        status: 'x',
        at: '2026-03-02T07:30:00Z',
      });
      expect(tooOld.statusCode).toBe(403);

      const res = await postEvent(manager, ticket.id, { type: 'sla', sla: fx.otherSlaId });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().ticket.sla).toEqual({ slaId: fx.otherSlaId, version: 1 });
      expect(res.json().event.sla).toBe(`${fx.otherSlaId}@1`);
      // The 24/7 SLA has only a 2 h resolution target; first response is cancelled.
      expect(clockOf(res.json().ticket, 'resolution').dueAt).toBe('2026-03-02T09:00:00Z');
      expect(clockOf(res.json().ticket, 'first_response').state).toBe('cancelled');

      const explicit = await createTicket(manager, {
        customerId: fx.customerId,
        title: 'Old contract',
        priority: 'P2',
        slaId: fx.slaId,
        slaVersion: 1,
        createdAt: '2026-03-02T06:00:00Z',
      });
      expect(explicit).toMatchObject({ sla: { slaId: fx.slaId, version: 1 } });
      expect(clockOf(explicit, 'first_response').dueAt).toBe('2026-03-02T08:00:00Z');

      const patched = await env.app.inject({
        method: 'PATCH',
        url: `/api/v1/tickets/${ticket.id}`,
        headers: bearer(agent),
        payload: { title: 'Laptop screen broken', assigneeUserId: null },
      });
      expect(patched.statusCode).toBe(200);
      expect(patched.json().title).toBe('Laptop screen broken');
      const statusPatch = await env.app.inject({
        method: 'PATCH',
        url: `/api/v1/tickets/${ticket.id}`,
        headers: bearer(agent),
        payload: { status: 'closed' },
      });
      expect(statusPatch.statusCode).toBe(400);
    });

    it('rejects bad input with stable codes and writes nothing', async () => {
      env.clock.set(t('2026-03-02T09:00:00Z'));
      const ticket = await createTicket(agent, {
        customerId: fx.customerId,
        title: 'Bad input target',
        priority: 'P2',
      });
      const count = async (): Promise<[number, number]> => {
        const events = (
          await env.app.inject({
            method: 'GET',
            url: `/api/v1/tickets/${ticket.id}/events`,
            headers: bearer(manager),
          })
        ).json().items.length;
        const audit = (
          await env.app.inject({
            method: 'GET',
            url: `/api/v1/audit?entityId=${ticket.id}`,
            headers: bearer(manager),
          })
        ).json().total;
        return [events, audit];
      };
      await insertSlaVersion(env, fx.otherSlaId, 2, officeTerms(null), 'draft');
      const before = await count();
      const cases: [Record<string, unknown>, number, string][] = [
        [{ type: 'sla', sla: `${fx.otherSlaId}@2` }, 400, 'TICKET_SLA_DRAFT'],
        [{ type: 'escalated' }, 400, 'TICKET_EVENT_TYPE_UNKNOWN'],
        [{ type: 'created' }, 400, 'TICKET_EVENT_INVALID'],
        [{ type: 'status' }, 400, 'TICKET_EVENT_INVALID'],
        [{ type: 'status', status: 'x', author: 'agent' }, 400, 'TICKET_EVENT_INVALID'],
        [{ type: 'reply', author: 'robot' }, 400, 'TICKET_EVENT_INVALID'],
        [{ type: 'status', status: 'x', at: 'yesterday' }, 400, 'INSTANT_INVALID'],
        [{ type: 'status', status: 'x', at: '2026-03-02T09:00:00' }, 400, 'INSTANT_INVALID'],
        [{ type: 'status', status: 'x', at: '2026-03-02T09:05:00Z' }, 400, 'TICKET_EVENT_IN_FUTURE'],
        [{ type: 'status', status: 'x', at: '2026-03-02T08:59:59Z' }, 400, 'TICKET_EVENT_BEFORE_CREATION'],
        [{ type: 'sla', sla: 'no-such-sla@3' }, 404, 'SLA_NOT_FOUND'],
        [{ type: 'assigned', assignee: 'nobody' }, 404, 'USER_NOT_FOUND'],
        [{ type: 'status', status: 'x', colour: 'red' }, 400, 'VALIDATION_FAILED'],
        [{ type: 42 }, 400, 'VALIDATION_FAILED'],
      ];
      for (const [payload, status, code] of cases) {
        const res = await postEvent(manager, ticket.id, payload);
        expect(res.statusCode, JSON.stringify(payload)).toBe(status);
        expect(res.json().code, JSON.stringify(payload)).toBe(code);
        expect(res.headers['content-type']).toContain('application/problem+json');
      }
      const raw = await env.app.inject({
        method: 'POST',
        url: `/api/v1/tickets/${ticket.id}/events`,
        headers: { ...bearer(manager), 'content-type': 'application/json' },
        payload: '{"type": "status", ',
      });
      expect(raw.statusCode).toBe(400);
      expect(await count()).toEqual(before);

      for (const [payload, code] of [
        [{ customerId: 'nope', title: 'x' }, 'CUSTOMER_NOT_FOUND'],
        [{ customerId: fx.customerId, title: '   ' }, 'TICKET_INVALID'],
        [{ customerId: fx.customerId, title: 'x', priority: 'urgent' }, 'PRIORITY_UNKNOWN'],
        [
          { customerId: fx.customerId, title: 'x', createdAt: '2026-03-03T09:00:00Z' },
          'TICKET_CREATED_IN_FUTURE',
        ],
        [{ customerId: fx.customerId, title: 'x', impact: 'huge' }, 'VALIDATION_FAILED'],
        [{ customerId: fx.customerId, title: 'x', serviceId: 'nope' }, 'SERVICE_NOT_FOUND'],
      ] as const) {
        const res = await env.app.inject({
          method: 'POST',
          url: '/api/v1/tickets',
          headers: bearer(manager),
          payload,
        });
        expect(res.statusCode).toBeGreaterThanOrEqual(400);
        expect(res.statusCode).toBeLessThan(500);
        expect(res.json().code, JSON.stringify(payload)).toBe(code);
      }
      const badQuery = await env.app.inject({
        method: 'GET',
        url: '/api/v1/tickets?clock=late',
        headers: bearer(manager),
      });
      expect(badQuery.statusCode).toBe(400);
      const badFrom = await env.app.inject({
        method: 'GET',
        url: '/api/v1/tickets?createdFrom=monday',
        headers: bearer(manager),
      });
      expect(badFrom.json().code).toBe('INSTANT_INVALID');
      expect((await env.app.inject({ method: 'GET', url: '/api/v1/tickets' })).statusCode).toBe(401);
    });

    it('filters by customer, status, type, assignee and creation time', async () => {
      env.clock.set(t('2026-03-04T09:00:00Z'));
      const a = await createTicket(agent, {
        customerId: fx.otherCustomerId,
        title: 'Wednesday request',
        type: 'service_request',
        status: 'triage',
      });
      const window = 'createdFrom=2026-03-04T00:00:00Z&createdTo=2026-03-05T00:00:00Z';
      expect(await listIds(window)).toEqual([a.id]);
      expect(await listIds(`${window}&type=incident`)).toEqual([]);
      expect(await listIds(`${window}&status=triage&customer=${fx.otherCustomerId}`)).toEqual([a.id]);
      const me = (
        await env.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(agent) })
      ).json().user;
      const patched = await env.app.inject({
        method: 'PATCH',
        url: `/api/v1/tickets/${a.id}`,
        headers: bearer(agent),
        payload: { assigneeUserId: me.id },
      });
      expect(patched.json().assigneeUserId).toBe(me.id);
      expect(await listIds(`assignee=${me.id}`)).toEqual([a.id]);
      const page = (
        await env.app.inject({ method: 'GET', url: '/api/v1/tickets?limit=2', headers: bearer(manager) })
      ).json();
      expect(page.items).toHaveLength(2);
      expect(page.total).toBeGreaterThan(2);
      expect(page.items[0].id).toBe(a.id);
    });
  });
}
