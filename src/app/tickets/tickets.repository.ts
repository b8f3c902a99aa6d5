/** Tickets, their append-only events and their stored clock state. Filled in with the ticket use cases. */
export interface TicketsRepository {
  readonly area: 'tickets';
}
