// What the SLA document and the staff quick reference present: an SLA version with the names, rules and
// people it refers to already looked up, so that a renderer (PDF, HTML) only lays it out.
import type { CalendarDefinition } from '../../domain/calendars/calendar-definition.ts';
import type { EscalationLevel } from '../../domain/escalation/policy.ts';
import type { Criticality } from '../catalog/catalog.repository.ts';
import type { CreditStep, SlaVersionStatus } from '../slas/slas.repository.ts';

export type DocumentLanguage = 'de' | 'en';
export const DOCUMENT_LANGUAGES: readonly DocumentLanguage[] = ['de', 'en'];

/** The service hours a target is counted in; `id` null is around the clock. */
export interface DocumentCalendar {
  readonly id: string | null;
  readonly name: string | null;
  readonly timeZone: string;
  /** The weekly opening hours; absent = around the clock. */
  readonly hours: CalendarDefinition['hours'] | null;
  readonly holidayRegions: readonly string[];
  /** Every holiday of `year` (own dates and the regions' public holidays), "YYYY-MM-DD". */
  readonly holidays: readonly { readonly date: string; readonly name: string }[];
  /** Closures overlapping `year`. */
  readonly closures: readonly {
    readonly from: number;
    readonly to: number;
    readonly reason: string | null;
  }[];
}

export interface DocumentTarget {
  readonly durationMs: number;
  /** An index into `calendars`. */
  readonly calendar: number;
}

export interface DocumentPriority {
  readonly id: string;
  readonly name: string;
  readonly firstResponse: DocumentTarget | null;
  readonly resolution: DocumentTarget | null;
  readonly update: DocumentTarget | null;
}

export interface DocumentImpact {
  readonly customerName: string;
  readonly criticality: Criticality;
  readonly usersAffected: number | null;
  readonly maxTolerableDowntimeMinutes: number | null;
  readonly downtimeCostPerHour: number | null;
  readonly notes: string | null;
}

export interface DocumentService {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly impacts: readonly DocumentImpact[];
}

export interface DocumentAvailability {
  /** Null: every service the version covers. */
  readonly serviceName: string | null;
  readonly target: number;
  readonly calendar: number;
}

/** One escalation level with the names of whom and which channels it reaches. */
export interface DocumentLevel {
  readonly level: EscalationLevel;
  /** User id → name, for `notify_user` and `reassign`. */
  readonly users: Readonly<Record<string, string>>;
  /** Channel id → name. */
  readonly channels: Readonly<Record<string, string>>;
}

export interface DocumentPolicy {
  readonly id: string;
  readonly name: string;
  readonly targets: readonly string[] | null;
  readonly priorities: readonly string[] | null;
  readonly levels: readonly DocumentLevel[];
}

export interface DocumentContact {
  readonly name: string;
  readonly role: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  /** 0 = not in the escalation matrix. */
  readonly escalationLevel: number;
}

export interface DocumentCustomer {
  readonly id: string;
  readonly name: string;
  readonly contacts: readonly DocumentContact[];
}

/** An SLA version as the printable agreement shows it. */
export interface SlaDocumentModel {
  readonly provider: { readonly name: string | null };
  readonly sla: {
    readonly id: string;
    readonly name: string;
    readonly description: string | null;
    readonly version: number;
    readonly status: SlaVersionStatus;
    readonly effectiveFrom: number | null;
  };
  /** The zone dates are written in. */
  readonly timeZone: string;
  /** The year whose holidays are listed. */
  readonly year: number;
  readonly generatedAt: number;
  readonly customers: readonly DocumentCustomer[];
  readonly services: readonly DocumentService[];
  /** The calendars the targets name, in the order first named (`id` null: around the clock). */
  readonly calendars: readonly DocumentCalendar[];
  readonly priorities: readonly DocumentPriority[];
  readonly availability: readonly DocumentAvailability[];
  readonly pauseStatuses: readonly string[];
  readonly warnings: readonly number[];
  readonly complianceGoal: number;
  readonly reviewIntervalMonths: number;
  readonly credits: readonly CreditStep[];
  readonly escalation: readonly DocumentPolicy[];
}

/** The one-page quick reference for staff: the same facts, fewer of them. */
export type QuickReferenceModel = Pick<
  SlaDocumentModel,
  | 'sla'
  | 'timeZone'
  | 'year'
  | 'generatedAt'
  | 'customers'
  | 'services'
  | 'calendars'
  | 'priorities'
  | 'availability'
  | 'pauseStatuses'
  | 'escalation'
>;
