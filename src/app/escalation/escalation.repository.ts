import type { PlannedStep, StepSubject } from '../../domain/escalation/planner.ts';
import type {
  EscalationAction,
  EscalationPolicy,
  EscalationTrigger,
  NotifyRole,
} from '../../domain/escalation/policy.ts';
import type { RosterEntry } from '../../domain/escalation/roster.ts';
import type { Page, PageRequest } from '../pagination.ts';

/** A stored policy with what it watches. */
export interface PolicyRecord {
  readonly policy: EscalationPolicy;
  readonly slaIds: readonly string[];
  readonly serviceIds: readonly string[];
  readonly revision: number;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** A configured notification channel; `config` is what the channel's `validateConfig` accepted. */
export interface ChannelRecord {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly config: unknown;
  readonly revision: number;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export type StepStatus = 'pending' | 'fired' | 'cancelled';

/** What a step does, as planned (kept with the row, so firing does what was planned). */
export interface StepPlan {
  readonly trigger: EscalationTrigger;
  readonly actions: readonly EscalationAction[];
  readonly channels: readonly string[];
}

export interface StepRecord {
  readonly key: string;
  readonly levelKey: string;
  readonly subject: StepSubject;
  readonly ticketId: string | null;
  readonly policyId: string;
  readonly levelIndex: number;
  readonly occurrence: number;
  readonly dueAt: number | null;
  readonly status: StepStatus;
  readonly digest: string;
  readonly plan: StepPlan;
  readonly firedAt: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** The worker's view of a step: when it is due (null: waiting), or gone (fired, cancelled). */
export interface StepTiming {
  readonly key: string;
  readonly dueAt: number | null;
  readonly status: StepStatus;
}

export interface AckRecord {
  readonly levelKey: string;
  readonly stepKey: string;
  readonly ticketId: string | null;
  readonly userId: string | null;
  readonly via: 'user' | 'link';
  readonly recipient: string | null;
  readonly at: number;
}

export type NotificationStatus = 'pending' | 'retrying' | 'sent' | 'dead';
export const NOTIFICATION_STATUSES: readonly NotificationStatus[] = ['pending', 'retrying', 'sent', 'dead'];

/** One notice to one recipient on one channel: the outbox row and, once sent or dead, the log entry. */
export interface NotificationRecord {
  readonly id: string;
  /** `${stepKey}:${channelId}:${recipient}`: inserting it twice keeps one row. */
  readonly idempotencyKey: string;
  readonly stepKey: string | null;
  readonly ticketId: string | null;
  readonly channelId: string;
  readonly channelKind: string;
  /** An e-mail address or phone number; "*" for channels that post to their own URL. */
  readonly recipient: string;
  readonly recipientName: string | null;
  readonly recipientUserId: string | null;
  /** The notification message (JSON-able): idempotency key, locale, time zone, facts. */
  readonly message: unknown;
  readonly status: NotificationStatus;
  readonly attempts: number;
  readonly nextAttemptAt: number | null;
  readonly lastError: string | null;
  /** The receiving server's answer to the successful attempt. */
  readonly detail: string | null;
  readonly sentAt: number | null;
  /** SHA-256 of the acknowledge link's token. */
  readonly ackTokenHash: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface NotificationFilter {
  readonly ticketId?: string;
  readonly status?: NotificationStatus;
  readonly stepKey?: string;
  readonly channelId?: string;
  /** Only notices of steps whose key starts so: `outage:<id>:` or `alert:<id>:`. */
  readonly stepKeyPrefix?: string;
}

/** An error-budget alert of a customer's service: raised while its rule fires, ended when it stops. */
export interface BudgetAlertRecord {
  readonly id: string;
  readonly serviceId: string;
  readonly customerId: string;
  /** `burn_1h_5m`, `burn_6h_30m`, `burn_1d_2h`, `burn_3d_6h` or `budget_spent`. */
  readonly rule: string;
  readonly kind: 'burn_rate' | 'budget_spent';
  /** The availability target of the SLA (0.995 for 99.5 %). */
  readonly target: number;
  /** The budget period (the customer's calendar month). */
  readonly periodStart: number;
  readonly periodEnd: number;
  readonly startedAt: number;
  readonly endedAt: number | null;
  /** The burn rate both windows of the rule reached, as last evaluated; null for budget_spent. */
  readonly burnRate: number | null;
  /** Share of the period's budget used, as last evaluated (1 = all). */
  readonly budgetUsed: number | null;
  /** A faster burn-rate alert raised when this one opened: it escalates for both, this one stays quiet. */
  readonly outrankedBy: string | null;
  readonly updatedAt: number;
}

export interface BudgetAlertFilter {
  readonly customerId?: string;
  readonly serviceId?: string;
  /** Only alerts still raised. */
  readonly open?: boolean;
}

/** A roster entry as stored. */
export type StoredRosterEntry = RosterEntry & { readonly updatedAt: number };

export interface NotificationAttempt {
  readonly status: NotificationStatus;
  readonly attempts: number;
  readonly nextAttemptAt: number | null;
  readonly lastError: string | null;
  readonly detail: string | null;
  readonly sentAt: number | null;
  readonly at: number;
}

/** A staff member who can be notified. */
export interface StaffRecipient {
  readonly userId: string;
  readonly email: string;
  readonly name: string;
  readonly locale: string;
  readonly timeZone: string | null;
}

export interface EscalationRepository {
  insertPolicy(record: PolicyRecord): Promise<void>;
  updatePolicy(record: PolicyRecord): Promise<void>;
  findPolicy(id: string): Promise<PolicyRecord | undefined>;
  listPolicies(): Promise<readonly PolicyRecord[]>;
  deletePolicy(id: string): Promise<void>;
  /** The ticket policies linked to any of these SLAs, by SLA id. */
  policiesForSlas(slaIds: readonly string[]): Promise<ReadonlyMap<string, readonly EscalationPolicy[]>>;

  insertChannel(record: ChannelRecord): Promise<void>;
  updateChannel(record: ChannelRecord): Promise<void>;
  findChannel(id: string): Promise<ChannelRecord | undefined>;
  listChannels(): Promise<readonly ChannelRecord[]>;
  deleteChannel(id: string): Promise<void>;

  /** Every step row of these tickets (all statuses). */
  stepsOfTickets(ticketIds: readonly string[]): Promise<readonly StepRecord[]>;
  findStep(key: string): Promise<StepRecord | undefined>;
  listSteps(
    filter: { readonly ticketId?: string; readonly status?: StepStatus },
    page: PageRequest,
  ): Promise<Page<StepRecord>>;
  /** Inserts new steps, moves changed ones (only while pending), cancels pending ones no longer planned. */
  applyStepDiff(
    diff: {
      readonly insert: readonly PlannedStep[];
      readonly update: readonly PlannedStep[];
      readonly cancel: readonly string[];
    },
    now: number,
  ): Promise<void>;
  /**
   * Leases up to `limit` pending steps due at or before `now` (not leased by a live worker) to `owner`. On
   * PostgreSQL the rows are claimed with `FOR UPDATE SKIP LOCKED`.
   */
  claimDueSteps(
    now: number,
    limit: number,
    owner: string,
    leaseUntil: number,
  ): Promise<readonly StepRecord[]>;
  /** Marks a pending step fired; false when it was not pending any more (fired or cancelled elsewhere). */
  markStepFired(key: string, now: number): Promise<boolean>;
  releaseStep(key: string): Promise<void>;
  /** Pending steps with a due instant, by key after `afterKey` (start-up loading). */
  pendingSteps(afterKey: string, limit: number): Promise<readonly StepTiming[]>;
  /** Steps written at or after `since` (any status), for workers in other processes. */
  stepsChangedSince(since: number, limit: number): Promise<readonly StepTiming[]>;

  /** Records an acknowledgement; false when the level was acknowledged already. */
  insertAck(ack: AckRecord): Promise<boolean>;
  acksOfTickets(ticketIds: readonly string[]): Promise<readonly AckRecord[]>;
  /** The acknowledgements of one outage's levels. */
  acksOfOutage(outageId: string): Promise<readonly AckRecord[]>;

  /** Inserts outbox rows; rows whose idempotency key exists are skipped. Returns how many were new. */
  insertNotifications(rows: readonly NotificationRecord[]): Promise<number>;
  claimDueNotifications(
    now: number,
    limit: number,
    owner: string,
    leaseUntil: number,
  ): Promise<readonly NotificationRecord[]>;
  recordAttempt(id: string, attempt: NotificationAttempt): Promise<void>;
  findNotification(id: string): Promise<NotificationRecord | undefined>;
  findNotificationByAckToken(tokenHash: string): Promise<NotificationRecord | undefined>;
  listNotifications(filter: NotificationFilter, page: PageRequest): Promise<Page<NotificationRecord>>;
  /** The earliest next attempt of any unsent notification. */
  nextNotificationAt(): Promise<number | null>;

  /** Opens an alert unless one is raised for its service, customer and rule; answers the raised one either way. */
  openBudgetAlert(
    alert: BudgetAlertRecord,
  ): Promise<{ readonly alert: BudgetAlertRecord; readonly created: boolean }>;
  /** Ends a raised alert; false when it had ended already. */
  endBudgetAlert(id: string, at: number): Promise<boolean>;
  /** Keeps the latest figures of a raised alert. */
  updateBudgetAlertFigures(
    id: string,
    figures: { readonly burnRate: number | null; readonly budgetUsed: number | null },
    at: number,
  ): Promise<void>;
  findBudgetAlert(id: string): Promise<BudgetAlertRecord | undefined>;
  /** Raised alerts, of one service and customer or all of them. */
  raisedBudgetAlerts(of?: {
    readonly serviceId: string;
    readonly customerId: string;
  }): Promise<readonly BudgetAlertRecord[]>;
  listBudgetAlerts(filter: BudgetAlertFilter, page: PageRequest): Promise<Page<BudgetAlertRecord>>;
  /** The acknowledgements of one budget alert's levels. */
  acksOfAlert(alertId: string): Promise<readonly AckRecord[]>;

  /** The roster of on-call and team-lead holders, in its order. */
  roster(): Promise<readonly StoredRosterEntry[]>;
  replaceRoster(entries: readonly RosterEntry[], now: number): Promise<void>;

  /** Enabled staff users of a role. */
  staffByRole(role: NotifyRole): Promise<readonly StaffRecipient[]>;
  /** Tickets not closed, by id after `afterId` (start-up sweep). */
  openTicketIds(afterId: string, limit: number): Promise<readonly string[]>;
}
