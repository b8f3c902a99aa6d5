import type { ReportTicket } from '../../domain/reports/customer-report.ts';
import type { PeriodKind } from '../../domain/reports/periods.ts';
import type { ReportLanguage } from '../../domain/reports/summary.ts';
import type { Interval } from '../../domain/shared/time.ts';
import type { Page, PageRequest } from '../pagination.ts';

/** A report as issued: the figures frozen at `issuedAt`, by whom, in which language. */
export interface IssuedReportRecord {
  readonly id: string;
  readonly customerId: string;
  readonly periodKey: string;
  readonly periodKind: PeriodKind;
  readonly periodStart: number;
  readonly periodEnd: number;
  /** 1 for the first issue of a customer's period, then 2, 3 … for each reissue. */
  readonly revision: number;
  readonly lang: ReportLanguage;
  readonly issuedAt: number;
  readonly issuedByUserId: string | null;
  readonly issuedByTokenId: string | null;
  /** The report as computed then (the JSON of `CustomerReport`). */
  readonly snapshot: unknown;
}

export type IssuedReportSummary = Omit<IssuedReportRecord, 'snapshot'>;

export interface IssuedReportFilter {
  readonly customerId?: string;
  readonly periodKey?: string;
}

export interface ReportsRepository {
  /**
   * A customer's tickets that matter for a range (created before its end, not resolved before its start)
   * with their first-response and resolution clocks as stored, in one read.
   */
  reportTickets(customerId: string, range: Interval): Promise<ReportTicket[]>;
  /** The numbers of a customer's tickets with an event at or before `before` that was recorded after `after`. */
  ticketsRecordedLate(customerId: string, after: number, before: number): Promise<number[]>;
  /** How many outages of the services overlapping the range were recorded after `after`. */
  outagesRecordedAfter(serviceIds: readonly string[], range: Interval, after: number): Promise<number>;
  /**
   * Stores an issued report; false when that revision of the customer's period is stored already (another
   * issue of the same period landed first), in which case nothing is written.
   */
  insertIssued(report: IssuedReportRecord): Promise<boolean>;
  findIssued(id: string): Promise<IssuedReportRecord | undefined>;
  /** The highest revision issued for a customer's period. */
  latestIssued(customerId: string, periodKey: string): Promise<IssuedReportRecord | undefined>;
  /** Newest first. */
  listIssued(filter: IssuedReportFilter, page: PageRequest): Promise<Page<IssuedReportSummary>>;
}
