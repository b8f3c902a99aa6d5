import { formatInstant } from '../../domain/shared/time.ts';
import type { AppContext } from '../context.ts';
import type { StoredClock, Ticket } from './tickets.repository.ts';

const isoOrNull = (ms: number | null): string | null => (ms === null ? null : formatInstant(ms));

/** Tells live views that a ticket was created or changed. Call after the transaction committed. */
export function publishTicket(
  ctx: AppContext,
  type: 'ticket.created' | 'ticket.changed',
  ticket: Ticket,
  at: number,
): void {
  ctx.feed.publish({
    type,
    entityId: ticket.id,
    customerId: ticket.customerId,
    at,
    data: {
      ticketId: ticket.id,
      number: ticket.number,
      status: ticket.status,
      priority: ticket.priority,
      revision: ticket.revision,
    },
  });
}

/** Tells live views the new state of a ticket's clocks. */
export function publishClocks(
  ctx: AppContext,
  ticketId: string,
  customerId: string,
  clocks: readonly StoredClock[],
  at: number,
): void {
  const states: { id: string; state: string; dueAt: string | null; breachedAt: string | null }[] = [];
  for (const c of clocks)
    states.push({
      id: c.clockId,
      state: c.state,
      dueAt: isoOrNull(c.dueAt),
      breachedAt: isoOrNull(c.breachedAt),
    });
  ctx.feed.publish({
    type: 'clock.changed',
    entityId: ticketId,
    customerId,
    at,
    data: { ticketId, clocks: states },
  });
}
