import type { Actor } from '../actor.ts';
import type { AppContext } from '../context.ts';
import type { ClockRecompute } from './clock-recompute.ts';
import { ClockTargets } from './ticket-clocks.ts';
import { RECOMPUTE_BATCH, recomputeTickets } from './ticket-recompute.ts';

type Finder = (ctx: AppContext, key: string, afterId: string, limit: number) => Promise<string[]>;

const bySla: Finder = (ctx, slaId, afterId, limit) =>
  ctx.storage.tickets.openTicketIdsBySla(slaId, afterId, limit);
const byCalendar: Finder = (ctx, calendarId, afterId, limit) =>
  ctx.storage.tickets.openTicketIdsByCalendar(calendarId, afterId, limit);

/** Walks the affected open tickets page by page (keyset on id) and recomputes each page as one batch. */
async function recomputeAll(ctx: AppContext, find: Finder, key: string): Promise<number> {
  // One cache for the whole run: versions and calendars are loaded once, after the change committed.
  const targets = new ClockTargets();
  let afterId = '';
  let total = 0;
  for (;;) {
    const ids = await find(ctx, key, afterId, RECOMPUTE_BATCH);
    if (ids.length === 0) break;
    total += await recomputeTickets(ctx, ids, targets);
    afterId = ids[ids.length - 1] as string;
    if (ids.length < RECOMPUTE_BATCH) break;
  }
  return total;
}

/** Recomputes stored clocks after calendar and SLA changes. */
export const clockRecompute: ClockRecompute = {
  afterCalendarChange: (ctx: AppContext, _actor: Actor, calendarId: string) =>
    recomputeAll(ctx, byCalendar, calendarId),
  afterSlaChange: (ctx: AppContext, _actor: Actor, slaId: string) => recomputeAll(ctx, bySla, slaId),
};
