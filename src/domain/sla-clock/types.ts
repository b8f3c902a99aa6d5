import type { BusinessCalendar } from '../calendars/business-calendar.ts';

/** What an SLA clock measures. */
export type ClockMetric = 'first_response' | 'resolution' | 'update';

/**
 * running: counting; paused: in a pause status (or resolved, awaiting reopen); met: stopped at or before
 * its due instant; breached: ran past its due instant; cancelled: the ticket's current SLA has no such
 * target; idle: an update clock waiting for the next customer message.
 */
export type ClockState = 'running' | 'paused' | 'met' | 'breached' | 'cancelled' | 'idle';

/** One entry of a ticket's append-only event log. `at` is a UTC instant in milliseconds. */
export type TicketEvent =
  | { readonly at: number; readonly type: 'created'; readonly priority?: string; readonly sla?: string; readonly status?: string }
  | { readonly at: number; readonly type: 'status'; readonly status: string }
  | { readonly at: number; readonly type: 'reply'; readonly author: 'agent' | 'customer'; readonly public: boolean }
  | { readonly at: number; readonly type: 'priority'; readonly priority: string }
  | { readonly at: number; readonly type: 'resolved' }
  | { readonly at: number; readonly type: 'reopened' }
  | { readonly at: number; readonly type: 'closed' }
  | { readonly at: number; readonly type: 'sla'; readonly sla: string };

export type TicketEventType = TicketEvent['type'];

/** One target of an SLA for one priority, with the calendar it is counted on. */
export interface ClockTarget {
  /** Stable id of the clock, e.g. "first_response" or "resolution". */
  readonly id: string;
  readonly metric: ClockMetric;
  readonly durationMs: number;
  readonly calendar: BusinessCalendar;
  /** Ticket statuses during which this clock pauses (e.g. "waiting for customer"). */
  readonly pauseStatuses?: readonly string[];
  /** Shares of the target at which warnings fall due, e.g. [0.5, 0.75]. */
  readonly warnings?: readonly number[];
}

/** The SLA and priority a ticket is bound to at some moment. */
export interface Binding {
  readonly sla: string | undefined;
  readonly priority: string | undefined;
}

/** Gives the targets in force for a binding; a fixed list ignores the binding. */
export type TargetResolver = (binding: Binding) => readonly ClockTarget[];

export interface ClockInput {
  /** The ticket's events; only those at or before `now` count. Order of equal instants is kept. */
  readonly events: readonly TicketEvent[];
  readonly now: number;
  readonly targets: readonly ClockTarget[] | TargetResolver;
  /** Also build each clock's explanation timeline (costs more; lists and batch jobs leave it off). */
  readonly explain?: boolean;
}

export type TimelineKind = 'counted' | 'paused' | 'outside_hours' | 'holiday' | 'closure';

/** A span of the explanation timeline, from the clock's start up to max(now, due). */
export interface TimelineSegment {
  readonly start: number;
  readonly end: number;
  readonly kind: TimelineKind;
  /** Why: the pause status, the holiday's name, the closure's reason. */
  readonly label?: string;
  /** True for the part after `now` (a projection). */
  readonly projected?: boolean;
}

export interface ClockHistoryEntry {
  readonly type: 'breached' | 'cycle';
  readonly at: number;
  /** For a breach: the target in force then. For an update cycle: its due instant. */
  readonly durationMs: number;
  readonly binding: Binding;
  readonly dueAt?: number;
  readonly stoppedAt?: number | null;
  readonly state?: ClockState;
}

export interface ClockWarning {
  readonly fraction: number;
  readonly at: number;
}

export interface ClockResult {
  readonly id: string;
  readonly metric: ClockMetric;
  readonly state: ClockState;
  /** The target in force now. */
  readonly durationMs: number;
  /** Business time counted (running, not paused) up to the stop or now. */
  readonly elapsedMs: number;
  /** Business time that fell inside pauses: how far the due instant moved. */
  readonly pausedMs: number;
  /** durationMs − elapsedMs; negative once breached. */
  readonly remainingMs: number;
  readonly startedAt: number | null;
  /** While paused: where it would fall if the clock resumed now. Null for idle and cancelled clocks. */
  readonly dueAt: number | null;
  readonly stoppedAt: number | null;
  readonly breachedAt: number | null;
  /** When each warning share is (or, projected from now, will be) reached; omitted when never reached. */
  readonly warnings: readonly ClockWarning[];
  /** Breaches recorded under earlier bindings, and past update cycles. */
  readonly history: readonly ClockHistoryEntry[];
  /** Empty unless the input asked to `explain`. */
  readonly timeline: readonly TimelineSegment[];
}
