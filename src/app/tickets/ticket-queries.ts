// The read side of tickets: one ticket with live clocks, lists with clocks brought up to now, the event log.
import type { BusinessCalendar } from '../../domain/calendars/business-calendar.ts';
import type { ClockResult } from '../../domain/sla-clock/types.ts';
import { DomainError } from '../../domain/shared/errors.ts';
import { parseInstant } from '../../domain/shared/time.ts';
import { assertCustomerVisible, type Actor } from '../actor.ts';
import { compiledCalendar, TWENTY_FOUR_SEVEN } from '../catalog/calendar-cache.ts';
import type { AppContext } from '../context.ts';
import { pageRequest, type Page } from '../pagination.ts';
import { clockAt, ClockTargets, ticketClocks } from './ticket-clocks.ts';
import { clockEvents, slaRefsOf } from './ticket-state.ts';
import type {
  ClockFilter,
  Ticket,
  TicketEventRecord,
  TicketFilter,
  TicketType,
} from './tickets.repository.ts';
import type { TicketWithClocks } from './tickets.use-cases.ts';

async function visibleTicket(ctx: AppContext, actor: Actor, id: string): Promise<Ticket> {
  const ticket = await ctx.storage.tickets.findById(id);
  if (!ticket) throw new DomainError('TICKET_NOT_FOUND', 'ticket not found', { id });
  assertCustomerVisible(actor, ticket.customerId, 'TICKET_NOT_FOUND', 'ticket');
  return ticket;
}

/** The ticket's clocks computed now from its log, optionally with the explanation timeline. */
async function liveClocks(ctx: AppContext, ticket: Ticket, explain: boolean): Promise<ClockResult[]> {
  const log = await ctx.storage.tickets.listEvents(ticket.id);
  const refs = new Set<string>();
  slaRefsOf(log, refs);
  const targets = new ClockTargets();
  await targets.load(ctx.storage, refs);
  return ticketClocks(clockEvents(log), targets, ctx.clock.now(), explain);
}

/** One ticket with its clocks and their explanation timelines. */
export async function getTicket(ctx: AppContext, actor: Actor, id: string): Promise<TicketWithClocks> {
  const ticket = await visibleTicket(ctx, actor, id);
  return { ticket, clocks: await liveClocks(ctx, ticket, true) };
}

/** The clocks of one ticket, with their timelines. */
export async function getTicketClocks(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<readonly ClockResult[]> {
  return (await getTicket(ctx, actor, id)).clocks;
}

export interface TicketQuery {
  readonly customer?: string;
  readonly service?: string;
  readonly status?: string;
  readonly priority?: string;
  readonly assignee?: string;
  readonly type?: TicketType;
  readonly clock?: ClockFilter;
  readonly q?: string;
  readonly createdFrom?: string;
  readonly createdTo?: string;
  readonly sort?: 'created' | 'due';
  readonly limit?: number;
  readonly offset?: number;
}

const optionalInstant = (text: string | undefined, what: string): number | undefined =>
  text === undefined ? undefined : parseInstant(text, what);

/** Tickets, newest first or soonest due first, with their clocks as of now. Customer viewers see their own. */
export async function listTickets(
  ctx: AppContext,
  actor: Actor,
  query: TicketQuery,
): Promise<Page<TicketWithClocks>> {
  const page = pageRequest(query.limit, query.offset);
  const now = ctx.clock.now();
  const filter: TicketFilter = {
    onlyCustomerId: actor.customerId,
    ...(query.customer !== undefined ? { customerId: query.customer } : {}),
    ...(query.service !== undefined ? { serviceId: query.service } : {}),
    ...(query.status !== undefined ? { status: query.status } : {}),
    ...(query.priority !== undefined ? { priority: query.priority } : {}),
    ...(query.assignee !== undefined ? { assigneeUserId: query.assignee } : {}),
    ...(query.type !== undefined ? { type: query.type } : {}),
    ...(query.clock !== undefined ? { clock: query.clock } : {}),
    ...(query.q ? { q: query.q } : {}),
    ...(query.createdFrom !== undefined
      ? { createdFrom: optionalInstant(query.createdFrom, 'createdFrom') }
      : {}),
    ...(query.createdTo !== undefined ? { createdTo: optionalInstant(query.createdTo, 'createdTo') } : {}),
    sort: query.sort ?? 'created',
  };
  const tickets = await ctx.storage.tickets.list(filter, page, now);
  const stored = await ctx.storage.tickets.clocksOf(tickets.items.map((t) => t.id));
  const calendars = new Map<string, BusinessCalendar>();
  for (const c of stored) {
    const id = c.detail.calendarId;
    if (c.state !== 'running' || id === null || calendars.has(id)) continue;
    const record = await ctx.storage.catalog.findCalendar(id);
    calendars.set(id, record ? compiledCalendar(record) : TWENTY_FOUR_SEVEN);
  }
  const byTicket = new Map<string, ClockResult[]>();
  for (const c of stored) {
    const list = byTicket.get(c.ticketId) ?? [];
    list.push(clockAt(c, now, calendars));
    byTicket.set(c.ticketId, list);
  }
  return {
    ...tickets,
    items: tickets.items.map((ticket) => ({ ticket, clocks: byTicket.get(ticket.id) ?? [] })),
  };
}

/** Hides what a customer viewer may not read: the text of internal replies and notes. */
function visibleEvent(actor: Actor, e: TicketEventRecord): TicketEventRecord {
  if (actor.customerId === null) return e;
  const internal = e.type === 'note' || (e.type === 'reply' && e.data['public'] !== true);
  if (!internal || e.data['body'] === undefined) return e;
  const { body: _hidden, ...data } = e.data;
  return { ...e, data };
}

/** The ticket's log in logged order. */
export async function listTicketEvents(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<readonly TicketEventRecord[]> {
  await visibleTicket(ctx, actor, id);
  return (await ctx.storage.tickets.listEvents(id)).map((e) => visibleEvent(actor, e));
}
