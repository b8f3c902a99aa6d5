import type { Level } from '../catalog/catalog.repository.ts';
import type { Page, PageRequest } from '../pagination.ts';

export type TicketType = 'incident' | 'service_request';
export type TicketSource = 'api' | 'webhook' | 'import';

export const TICKET_TYPES: readonly TicketType[] = ['incident', 'service_request'];

/** An incident or service request. Status, priority, resolution and SLA binding follow its events. */
export interface Ticket {
  readonly id: string;
  /** Sequential, shown to people as #123. */
  readonly number: number;
  readonly customerId: string;
  readonly serviceId: string | null;
  readonly type: TicketType;
  readonly title: string;
  readonly description: string | null;
  readonly impact: Level | null;
  readonly urgency: Level | null;
  readonly priority: string;
  /** Free text, e.g. "new", "in progress", "waiting for customer". */
  readonly status: string;
  readonly assigneeUserId: string | null;
  readonly slaId: string | null;
  readonly slaVersion: number | null;
  /** The ticket's id in another helpdesk (webhook, import). */
  readonly externalRef: string | null;
  readonly source: TicketSource;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly resolvedAt: number | null;
  readonly closedAt: number | null;
  readonly revision: number;
}

/**
 * The event types of the log: those the SLA clock knows, plus `assigned` and `note`, which the clock
 * never sees.
 */
export const EVENT_TYPES = [
  'created',
  'status',
  'reply',
  'priority',
  'resolved',
  'reopened',
  'closed',
  'sla',
  'assigned',
  'note',
] as const;
export type StoredEventType = (typeof EVENT_TYPES)[number];

/** One entry of a ticket's append-only log; `data` holds the type's fields (status, author, body …). */
export interface TicketEventRecord {
  readonly id: string;
  readonly ticketId: string;
  /** 1, 2, 3 … per ticket, in the order the events were logged. */
  readonly seq: number;
  readonly at: number;
  readonly type: StoredEventType;
  readonly data: Readonly<Record<string, unknown>>;
  readonly actorUserId: string | null;
  readonly actorTokenId: string | null;
  readonly recordedAt: number;
}

/** What is kept of a clock beyond the indexed columns. */
export interface StoredClockDetail {
  readonly remainingMs: number;
  /** The calendar the clock counts on (null = 24/7), to bring `remainingMs` up to date when listing. */
  readonly calendarId: string | null;
  readonly warnings: readonly { readonly fraction: number; readonly at: number }[];
  readonly history: readonly unknown[];
}

/** A clock's state as of `computedAt`. Running clocks breach as time passes: compare `dueAt` with now. */
export interface StoredClock {
  readonly ticketId: string;
  readonly clockId: string;
  readonly metric: string;
  readonly state: string;
  readonly durationMs: number;
  readonly elapsedMs: number;
  readonly pausedMs: number;
  readonly startedAt: number | null;
  readonly dueAt: number | null;
  readonly stoppedAt: number | null;
  readonly breachedAt: number | null;
  /**
   * For a running clock: the earliest warning instant still ahead at `computedAt`, or, once a warning share
   * was reached, the latest reached one (so "at risk" is `nextWarningAt <= now`). Null otherwise.
   */
  readonly nextWarningAt: number | null;
  readonly detail: StoredClockDetail;
  readonly computedAt: number;
}

export const CLOCK_FILTERS = ['at_risk', 'breached', 'running', 'paused', 'met'] as const;
export type ClockFilter = (typeof CLOCK_FILTERS)[number];

export interface TicketFilter {
  /** Only this customer's tickets (customer viewers). */
  readonly onlyCustomerId?: string | null;
  readonly customerId?: string;
  readonly serviceId?: string;
  readonly status?: string;
  readonly priority?: string;
  readonly assigneeUserId?: string;
  readonly type?: TicketType;
  /** Tickets with at least one clock in this state at `now`. */
  readonly clock?: ClockFilter;
  /** Case-insensitive part of the title. */
  readonly q?: string;
  /** Created at or after (inclusive). */
  readonly createdFrom?: number;
  /** Created before (exclusive). */
  readonly createdTo?: number;
  readonly sort?: 'created' | 'due';
}

/** The fields of a ticket the clocks need, for batch recomputation. */
export interface TicketClockInput {
  readonly id: string;
  readonly customerId: string;
  readonly revision: number;
}

export interface TicketsRepository {
  /** The next ticket number, incremented atomically (safe with several processes). */
  nextNumber(): Promise<number>;
  insert(ticket: Ticket): Promise<void>;
  update(ticket: Ticket): Promise<void>;
  findById(id: string): Promise<Ticket | undefined>;
  /** The ticket, locked against concurrent writers until the transaction ends (PostgreSQL). */
  findByIdForUpdate(id: string): Promise<Ticket | undefined>;
  findByExternalRef(externalRef: string): Promise<Ticket | undefined>;
  /** `now` decides which running clocks count as breached or at risk. */
  list(filter: TicketFilter, page: PageRequest, now: number): Promise<Page<Ticket>>;

  appendEvents(events: readonly TicketEventRecord[]): Promise<void>;
  /** In logged order (seq). */
  listEvents(ticketId: string): Promise<TicketEventRecord[]>;

  clocksOf(ticketIds: readonly string[]): Promise<StoredClock[]>;
  /** Replaces the stored clocks of these tickets with the given ones (one statement batch). */
  replaceClocks(ticketIds: readonly string[], clocks: readonly StoredClock[]): Promise<void>;

  /** Batch loading for recomputation: the tickets and all their events (two queries). */
  loadForClocks(
    ids: readonly string[],
  ): Promise<{ tickets: TicketClockInput[]; events: TicketEventRecord[] }>;
  /** Current revisions, to skip tickets that changed while a batch was computed. */
  revisionsOf(ids: readonly string[]): Promise<Map<string, number>>;
  /** Open tickets bound to the SLA, ordered by id, after `afterId`. */
  openTicketIdsBySla(slaId: string, afterId: string, limit: number): Promise<string[]>;
  /** Open tickets whose SLA version's terms mention the calendar id, ordered by id, after `afterId`. */
  openTicketIdsByCalendar(calendarId: string, afterId: string, limit: number): Promise<string[]>;

  /** A customer by id, or by name (case-insensitive); several of that name → 'ambiguous'. */
  resolveCustomer(idOrName: string): Promise<string | 'ambiguous' | undefined>;
  /** A service by id, or by name (case-insensitive). */
  resolveService(idOrName: string): Promise<string | 'ambiguous' | undefined>;
  /** Stored clocks per metric and state; running clocks past their due instant count as "breached". */
  clockCounts(
    now: number,
  ): Promise<readonly { readonly metric: string; readonly state: string; readonly count: number }[]>;
}
