import type { ReportTicket } from '../../domain/reports/customer-report.ts';
import type { RiskClock } from '../../domain/staff/open-risk.ts';
import type { Interval } from '../../domain/shared/time.ts';

/** A staff member's acknowledgement of one SLA version: they have read what it promises. */
export interface AcknowledgementRecord {
  readonly slaId: string;
  readonly version: number;
  readonly userId: string;
  readonly acknowledgedAt: number;
  /** The API token it was given with; null from a session. */
  readonly tokenId: string | null;
}

/** A version in force, with its SLA's name: what staff must acknowledge. */
export interface ActiveVersionRecord {
  readonly slaId: string;
  readonly slaName: string;
  readonly version: number;
  readonly effectiveFrom: number | null;
  readonly activatedAt: number | null;
}

/** An enabled agent or manager: who must acknowledge. */
export interface StaffMember {
  readonly userId: string;
  readonly name: string;
  readonly email: string;
  readonly role: 'agent' | 'manager';
  readonly locale: string;
  readonly timeZone: string | null;
}

export interface ReminderRecord {
  readonly userId: string;
  readonly lastSentAt: number;
  readonly sentCount: number;
}

/** An open ticket assigned to someone, with its clocks as stored. */
export interface OpenTicketClocks {
  readonly ticketId: string;
  readonly clocks: readonly RiskClock[];
}

export interface AcknowledgementsRepository {
  /** Stores the acknowledgement; false when this person had acknowledged this version already. */
  insertAcknowledgement(record: AcknowledgementRecord): Promise<boolean>;
  /** Acknowledgements, by person and/or version; oldest first. */
  listAcknowledgements(filter: {
    readonly userId?: string;
    readonly slaId?: string;
    readonly version?: number;
  }): Promise<readonly AcknowledgementRecord[]>;
  /** Every active version of an SLA that is not archived, by SLA name. */
  activeVersions(): Promise<readonly ActiveVersionRecord[]>;
  /** Enabled users with the agent or manager role, by name. */
  staffMembers(): Promise<readonly StaffMember[]>;

  findReminder(userId: string): Promise<ReminderRecord | undefined>;
  /**
   * Records that a reminder went to the user at `at`, only if the last one recorded is still `previous`
   * (null: none yet); false when another worker recorded one first, and nothing is written then.
   */
  recordReminder(userId: string, previous: ReminderRecord | undefined, at: number): Promise<boolean>;

  /**
   * Tickets assigned to the user that matter for a period: created before its end and not resolved before
   * its start, with their first-response and resolution clocks.
   */
  assignedTickets(userId: string, range: Interval): Promise<ReportTicket[]>;
  /** The user's open tickets (not resolved or closed) with their clocks. */
  openAssignedTickets(userId: string): Promise<readonly OpenTicketClocks[]>;
}
