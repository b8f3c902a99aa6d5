import type { ClockMetric } from '../../domain/sla-clock/types.ts';

/** One category of the configurable list of breach reasons ("waiting on vendor", "understaffed" …). */
export interface BreachReasonCategory {
  /** Stable key, e.g. `waiting_on_vendor`; what tickets and reports store. */
  readonly code: string;
  readonly label: { readonly de: string; readonly en: string };
  /** Inactive categories stay readable on old tickets but cannot be chosen any more. */
  readonly active: boolean;
}

/** Why one target of one ticket was missed, as recorded by staff. */
export interface TicketBreachReason {
  readonly ticketId: string;
  readonly customerId: string;
  readonly target: ClockMetric;
  /** A category code. */
  readonly reason: string;
  readonly note: string | null;
  readonly recordedBy: string | null;
  readonly recordedAt: number;
}

export interface BreachReasonCountFilter {
  readonly customerId?: string;
  /** Recorded at or after (inclusive). */
  readonly from?: number;
  /** Recorded before (exclusive). */
  readonly to?: number;
}

/** One SLA review as held and recorded. Dates are "YYYY-MM-DD"; the reviewed period is whole months. */
export interface ReviewRecord {
  readonly id: string;
  readonly slaId: string;
  readonly date: string;
  readonly participants: readonly string[];
  /** First and last month reviewed, "YYYY-MM", both included. */
  readonly periodFrom: string;
  readonly periodTo: string;
  readonly findings: string;
  readonly decisions: string;
  /** The customer reports of the period as they stood when the review was recorded (JSON). */
  readonly snapshot: unknown;
  /** The SLA version drafted from this review's decisions, if any. */
  readonly draftVersion: number | null;
  readonly createdBy: string | null;
  readonly createdAt: number;
}

export const ACTION_STATUSES = ['open', 'in_progress', 'done', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const HELPED = ['yes', 'no', 'unclear'] as const;
export type Helped = (typeof HELPED)[number];
export const LINK_KINDS = ['ticket', 'outage', 'service', 'review'] as const;
export type ActionLinkKind = (typeof LINK_KINDS)[number];

export interface ActionLink {
  readonly kind: ActionLinkKind;
  readonly id: string;
}

/** The figure an action means to move, measured before it was opened and after it was done. */
export type ActionMetric =
  | {
      readonly kind: 'availability';
      readonly serviceId: string;
      /** Whose figure (its SLA's target and service hours); null = the service across customers. */
      readonly customerId: string | null;
      readonly windowDays: number;
    }
  | {
      readonly kind: 'resolution_compliance';
      readonly priority: string;
      readonly customerId: string;
      readonly windowDays: number;
    };

/** A figure over one window; `value` is a share 0 … 1, null when nothing could be counted. */
export interface MeasuredFigure {
  readonly from: number;
  readonly to: number;
  readonly value: number | null;
}

export interface ActionMeasurement {
  readonly before: MeasuredFigure;
  /** Null while the window after the closure has not begun (the action was closed just now). */
  readonly after: MeasuredFigure | null;
  readonly measuredAt: number;
}

/** One entry of the improvement register. */
export interface ActionRecord {
  readonly id: string;
  readonly title: string;
  readonly description: string | null;
  readonly ownerUserId: string | null;
  /** "YYYY-MM-DD". */
  readonly dueDate: string | null;
  readonly status: ActionStatus;
  readonly links: readonly ActionLink[];
  readonly metric: ActionMetric | null;
  readonly helped: Helped | null;
  readonly measurement: ActionMeasurement | null;
  readonly createdBy: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** When it became done or dropped. */
  readonly closedAt: number | null;
  readonly revision: number;
}

export interface ActionFilter {
  readonly status?: ActionStatus;
  readonly ownerUserId?: string;
  /** Actions linked to this review, service, ticket or outage. */
  readonly link?: ActionLink;
  /** Open or in progress with a due date before this day ("YYYY-MM-DD"). */
  readonly overdueOn?: string;
}

export interface ReviewsRepository {
  /** Sets (or replaces) the reason of one target of one ticket. */
  upsertBreachReason(reason: TicketBreachReason): Promise<void>;
  /**
   * The recorded reasons of these tickets, every target: what the customer report joins to its breaches.
   * Ordered by ticket id, then target.
   */
  breachReasonsOf(ticketIds: readonly string[]): Promise<TicketBreachReason[]>;
  /** How many reasons of each category were recorded, by recording time and customer. */
  countBreachReasons(filter: BreachReasonCountFilter): Promise<{ reason: string; count: number }[]>;

  insertReview(review: ReviewRecord): Promise<void>;
  findReview(id: string): Promise<ReviewRecord | undefined>;
  /** Newest date first. */
  listReviews(filter: { readonly slaId?: string }): Promise<ReviewRecord[]>;
  /** The latest review date per SLA. */
  lastReviewDates(): Promise<Map<string, string>>;
  /** Links a drafted SLA version; false when the review already has one. */
  setReviewDraft(id: string, version: number): Promise<boolean>;

  insertAction(action: ActionRecord): Promise<void>;
  /** Stores the action if its revision is still `expectedRevision`. */
  updateAction(action: ActionRecord, expectedRevision: number): Promise<boolean>;
  findAction(id: string): Promise<ActionRecord | undefined>;
  /** Due date first (none last), then creation. */
  listActions(filter: ActionFilter): Promise<ActionRecord[]>;
}
