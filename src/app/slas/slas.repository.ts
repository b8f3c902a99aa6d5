import type { Page, PageRequest } from '../pagination.ts';

/** One clock target of a priority: a business-time budget on a calendar (null calendar = 24/7). */
export interface TargetSpec {
  readonly durationMs: number;
  readonly calendarId: string | null;
}

export interface PriorityTargets {
  readonly firstResponse?: TargetSpec;
  readonly resolution?: TargetSpec;
  readonly update?: TargetSpec;
}

export interface AvailabilityTarget {
  /** Null: every service the SLA covers. */
  readonly serviceId: string | null;
  /** A fraction, e.g. 0.995. */
  readonly target: number;
  /** The service hours the figure is counted in; null = 24/7. */
  readonly calendarId: string | null;
}

export interface CreditStep {
  /** Availability (fraction) below which the credit applies, e.g. 0.995. */
  readonly below: number;
  /** Share of the monthly fee credited, in percent. */
  readonly creditPercent: number;
}

/** The terms of one SLA version. */
export interface SlaTerms {
  /** Keyed by priority id (P1 … P4). */
  readonly targets: Readonly<Record<string, PriorityTargets>>;
  readonly pauseStatuses: readonly string[];
  /** Shares of a target at which warnings fall due, e.g. [0.5, 0.75]. */
  readonly warnings: readonly number[];
  readonly availability: readonly AvailabilityTarget[];
  readonly reviewIntervalMonths: number;
  readonly credits: readonly CreditStep[];
  /** Share of tickets that must meet each target, used by the customer report; absent = 95 %. */
  readonly complianceGoal?: number;
}

export type SlaVersionStatus = 'draft' | 'active' | 'retired';

export interface Sla {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly ownerUserId: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly archivedAt: number | null;
}

export interface SlaVersion {
  readonly slaId: string;
  readonly version: number;
  readonly status: SlaVersionStatus;
  /** When the version takes effect (an instant); null for drafts without a date. */
  readonly effectiveFrom: number | null;
  readonly terms: SlaTerms;
  readonly customerIds: readonly string[];
  readonly serviceIds: readonly string[];
  /** Bumped on every change; the API's ETag. */
  readonly revision: number;
  readonly createdAt: number;
  readonly createdBy: string | null;
  readonly activatedAt: number | null;
  readonly retiredAt: number | null;
}

/** Ordered rules; the first that matches a new ticket gives its SLA. Null fields match anything. */
export interface AssignmentRule {
  readonly id: string;
  readonly position: number;
  readonly customerId: string | null;
  readonly serviceId: string | null;
  readonly priority: string | null;
  readonly ticketType: string | null;
  readonly slaId: string;
  readonly createdAt: number;
}

export interface SlasRepository {
  /** One version of an SLA, whatever its status. */
  findVersion(slaId: string, version: number): Promise<SlaVersion | undefined>;
  /** The active version of an SLA (the one in force for new tickets), if any. */
  findActiveVersion(slaId: string): Promise<SlaVersion | undefined>;
  /** All rules in order of position. */
  listRules(): Promise<AssignmentRule[]>;
  findSla(id: string): Promise<Sla | undefined>;
  listSlas(filter: SlaListFilter, page: PageRequest): Promise<Page<Sla>>;

  insertSla(sla: Sla): Promise<void>;
  updateSla(sla: Sla): Promise<void>;
  /** The SLA of this name, compared case-insensitively. */
  findSlaByName(name: string): Promise<Sla | undefined>;
  /** Takes a lock, until the transaction ends, that every writer of an SLA name takes: names stay unique. */
  lockSlaNames(): Promise<void>;
  /**
   * Touches the SLA (updated_at = at) and so takes its row lock until the transaction ends: every write to an
   * SLA's versions starts here, so writers of one SLA queue up even across processes. False if it is absent.
   */
  lockSla(id: string, at: number): Promise<boolean>;
  /** Every version of an SLA, oldest first. */
  listVersions(slaId: string): Promise<SlaVersion[]>;
  insertVersion(version: SlaVersion): Promise<void>;
  /**
   * Stores the version (status, dates, terms, coverage, revision) only if its stored revision is still
   * `expectedRevision`; false when someone else changed it first (nothing is written then).
   */
  updateVersion(version: SlaVersion, expectedRevision: number): Promise<boolean>;

  /** Replaces every assignment rule with these, in their order. */
  replaceRules(rules: readonly AssignmentRule[]): Promise<void>;
  /** The revision of the rule list (0 before the first change); the API's ETag. */
  rulesRevision(): Promise<number>;
  /** Bumps the rule list's revision and returns the new one; the row lock serialises concurrent replacements. */
  bumpRulesRevision(): Promise<number>;
  /** How many assignment rules point at this SLA. */
  countRulesForSla(slaId: string): Promise<number>;
  /** Services whose name is this one, compared case-insensitively (for SLA files that name services). */
  findServicesByName(name: string): Promise<{ readonly id: string; readonly name: string }[]>;
}

export interface SlaListFilter {
  /** Only SLAs with a version covering this customer. */
  readonly customerId?: string | null;
  readonly includeArchived?: boolean;
  /** With `customerId`: count only versions in force or past (customer viewers do not see drafts). */
  readonly excludeDrafts?: boolean;
}
