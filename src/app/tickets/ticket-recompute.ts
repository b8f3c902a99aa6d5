import type { AppContext } from '../context.ts';
import { replanTicketSteps, type TicketPlanSource } from '../escalation/ticket-plan.ts';
import { ClockTargets, clocksDiffer, ticketClocks, toStoredClocks } from './ticket-clocks.ts';
import { publishClocks } from './ticket-feed.ts';
import { clockEvents, foldEvents, slaRefsOf } from './ticket-state.ts';
import type { StoredClock, TicketEventRecord } from './tickets.repository.ts';

/** Tickets loaded, computed and written back per transaction. */
export const RECOMPUTE_BATCH = 500;

interface Computed {
  readonly ticketId: string;
  readonly customerId: string;
  readonly revision: number;
  readonly clocks: StoredClock[];
  readonly plan: TicketPlanSource;
}

function groupByTicket(events: readonly TicketEventRecord[]): Map<string, TicketEventRecord[]> {
  const out = new Map<string, TicketEventRecord[]>();
  for (const e of events) {
    let list = out.get(e.ticketId);
    if (list === undefined) {
      list = [];
      out.set(e.ticketId, list);
    }
    list.push(e);
  }
  return out;
}

/**
 * Recomputes and stores the clocks of these tickets: loads them with their events in two queries per
 * batch, computes, and writes each batch back in one transaction. A ticket that changed meanwhile is left
 * alone: the change recomputed it already. Returns how many tickets were written.
 */
export async function recomputeTickets(
  ctx: AppContext,
  ids: readonly string[],
  targets = new ClockTargets(),
): Promise<number> {
  let written = 0;
  for (let i = 0; i < ids.length; i += RECOMPUTE_BATCH) {
    written += await recomputeBatch(ctx, ids.slice(i, i + RECOMPUTE_BATCH), targets);
  }
  return written;
}

async function recomputeBatch(
  ctx: AppContext,
  ids: readonly string[],
  targets: ClockTargets,
): Promise<number> {
  const { tickets, events } = await ctx.storage.tickets.loadForClocks(ids);
  const byTicket = groupByTicket(events);
  const refs = new Set<string>();
  slaRefsOf(events, refs);
  await targets.load(ctx.storage, refs);
  const now = ctx.clock.now();
  const computed: Computed[] = [];
  for (const t of tickets) {
    const log = byTicket.get(t.id) ?? [];
    const state = foldEvents(log);
    let computedAt = now;
    for (const e of log) if (e.at > computedAt) computedAt = e.at;
    const results = ticketClocks(clockEvents(log), targets, computedAt, false);
    computed.push({
      ticketId: t.id,
      customerId: t.customerId,
      revision: t.revision,
      clocks: toStoredClocks(t.id, results, targets, state.sla, state.priority, computedAt),
      plan: { ticketId: t.id, clocks: results, sla: state.sla, priority: state.priority, status: state.status, closed: state.closedAt !== null },
    });
  }
  const changed = await ctx.storage.transaction(async (repos) => {
    const revisions = await repos.tickets.revisionsOf(computed.map((c) => c.ticketId));
    const current = computed.filter((c) => revisions.get(c.ticketId) === c.revision);
    const ticketIds = current.map((c) => c.ticketId);
    const before = groupClocks(await repos.tickets.clocksOf(ticketIds));
    const rows: StoredClock[] = [];
    for (const c of current) for (const clock of c.clocks) rows.push(clock);
    await repos.tickets.replaceClocks(ticketIds, rows);
    await replanTicketSteps(repos, targets, current.map((c) => c.plan), now);
    return {
      count: current.length,
      moved: current.filter((c) => clocksDiffer(before.get(c.ticketId) ?? [], c.clocks)),
    };
  });
  for (const c of changed.moved) publishClocks(ctx, c.ticketId, c.customerId, c.clocks, now);
  return changed.count;
}

function groupClocks(clocks: readonly StoredClock[]): Map<string, StoredClock[]> {
  const out = new Map<string, StoredClock[]>();
  for (const c of clocks) {
    let list = out.get(c.ticketId);
    if (list === undefined) {
      list = [];
      out.set(c.ticketId, list);
    }
    list.push(c);
  }
  return out;
}

/** Recomputes one ticket's stored clocks (after something they depend on changed). */
export async function recomputeTicket(ctx: AppContext, ticketId: string): Promise<void> {
  await recomputeTickets(ctx, [ticketId]);
}
