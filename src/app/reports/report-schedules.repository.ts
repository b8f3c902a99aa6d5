import type { DeliveryCadence } from '../../domain/reports/delivery-day.ts';
import type { ReportLanguage } from '../../domain/reports/summary.ts';

/** The files mailed with a scheduled report; the link to the issued report's page is always in the mail. */
export type ReportAttachmentFormat = 'pdf' | 'csv';

/** Who receives a scheduled report. Every source adds its people; an address is mailed once. */
export interface ReportRecipients {
  /** The customer's contacts marked "receives reports". */
  readonly reportContacts: boolean;
  /** The customer's contacts whose role is one of these (compared without case). */
  readonly contactRoles: readonly string[];
  /** Contacts of the customer by id. */
  readonly contactIds: readonly string[];
  /** Internal copies: users of the provider. */
  readonly userIds: readonly string[];
}

/** A customer's report delivered by mail every month or quarter. */
export interface ReportScheduleRecord {
  readonly id: string;
  readonly customerId: string;
  readonly cadence: DeliveryCadence;
  /** Null: the customer's language. */
  readonly lang: ReportLanguage | null;
  readonly formats: readonly ReportAttachmentFormat[];
  readonly recipients: ReportRecipients;
  /** Whose working days count; null: the customer's SLA calendar, else Monday to Friday. */
  readonly calendarId: string | null;
  readonly enabled: boolean;
  /** The last period queued by the schedule itself (not by "send now"). */
  readonly lastPeriodKey: string | null;
  readonly lastDeliveredAt: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface ReportSchedulesRepository {
  insertSchedule(schedule: ReportScheduleRecord): Promise<void>;
  findSchedule(id: string): Promise<ReportScheduleRecord | undefined>;
  /** Oldest first; `customerId` limits them to one customer. */
  listSchedules(filter: {
    readonly customerId?: string;
    readonly enabledOnly?: boolean;
  }): Promise<ReportScheduleRecord[]>;
  updateSchedule(schedule: ReportScheduleRecord): Promise<void>;
  deleteSchedule(id: string): Promise<void>;
  /**
   * Records that a period was delivered, unless it already was: false when another worker got there first.
   */
  markDelivered(id: string, periodKey: string, at: number): Promise<boolean>;
}
