import type { Actor } from '../actor.ts';
import type { AppContext } from '../context.ts';

/**
 * Recomputing stored clock state after something a clock depends on changed. Implemented with the ticket
 * use cases; the calendar and SLA use cases call these after their change has committed.
 */
export interface ClockRecompute {
  /** Every open ticket whose SLA targets use this calendar. Returns how many tickets were recomputed. */
  afterCalendarChange(ctx: AppContext, actor: Actor, calendarId: string): Promise<number>;
  /** Every open ticket bound to this SLA (any version). */
  afterSlaChange(ctx: AppContext, actor: Actor, slaId: string): Promise<number>;
}
