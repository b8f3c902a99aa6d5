import type { CalendarDefinition } from '../../domain/calendars/calendar-definition.ts';
import type { Page, PageRequest } from '../pagination.ts';

/** A stored calendar: its definition in the same shape as calendar files. */
export interface CalendarRecord {
  readonly id: string;
  readonly name: string;
  readonly definition: CalendarDefinition;
  /** Bumped on every change; compiled calendars are cached by id and revision. */
  readonly revision: number;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface Priority {
  readonly id: string;
  readonly name: string;
  /** 1 is the most urgent. */
  readonly rank: number;
}

export type Level = 'high' | 'medium' | 'low';

/** Priorities and the impact × urgency matrix that gives a new ticket's priority. */
export interface PriorityScheme {
  readonly priorities: readonly Priority[];
  /** matrix[impact][urgency] = priority id. */
  readonly matrix: Readonly<Record<Level, Readonly<Record<Level, string>>>>;
}

/** A person at a customer: who to call, who escalates, who gets the monthly report. */
export interface Contact {
  readonly id: string;
  readonly customerId: string;
  readonly name: string;
  readonly email: string | null;
  readonly phone: string | null;
  /** Free text such as "IT contact" or "managing director". */
  readonly role: string | null;
  /** 0 = not in the customer-side escalation matrix; 1, 2, 3 … the level at which this person is told. */
  readonly escalationLevel: number;
  readonly receivesReports: boolean;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** An IT service of the catalog (mail, ERP, file server …). */
export interface Service {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  /** Free text or a user id: who is responsible for the service. */
  readonly owner: string | null;
  /** How several monitors combine: "any" (down when any monitor is down) or "all" (only when all are). */
  readonly monitorRule: 'any' | 'all';
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly archivedAt: number | null;
}

export const CRITICALITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Criticality = (typeof CRITICALITIES)[number];

/** What an outage of a service means to one customer. */
export interface ServiceImpact {
  readonly serviceId: string;
  readonly customerId: string;
  readonly criticality: Criticality;
  readonly usersAffected: number | null;
  /** Whole currency units (e.g. euros) lost per hour of downtime. */
  readonly downtimeCostPerHour: number | null;
  readonly maxTolerableDowntimeMinutes: number | null;
  readonly notes: string | null;
  readonly updatedAt: number;
}

/** An impact with the names of its service and customer, for lists. */
export interface ServiceImpactView extends ServiceImpact {
  readonly serviceName: string;
  readonly customerName: string;
}

export interface ServiceFilter {
  /** Only services with an impact entry for this customer (customer viewers). */
  readonly impactForCustomerId?: string | null;
  /** Case-insensitive part of the name. */
  readonly q?: string;
  readonly includeArchived?: boolean;
}

export interface ImpactFilter {
  readonly serviceId?: string;
  readonly customerId?: string;
}

/**
 * Contacts, services, the business impact of each service per customer, calendars and the priority
 * scheme. The catalog use cases add what they need.
 */
export interface CatalogRepository {
  findCalendar(id: string): Promise<CalendarRecord | undefined>;
  listCalendars(): Promise<CalendarRecord[]>;
  /** The stored scheme, or undefined before anyone edited it (the default applies). */
  getPriorityScheme(): Promise<PriorityScheme | undefined>;
  findServiceName(id: string): Promise<string | undefined>;

  insertCalendar(calendar: CalendarRecord): Promise<void>;
  /** Writes the calendar if its stored revision is still `expectedRevision`; false when it was not. */
  updateCalendar(calendar: CalendarRecord, expectedRevision: number): Promise<boolean>;
  deleteCalendar(id: string): Promise<void>;
  /** Ids of the SLAs any of whose versions mention the calendar. */
  slasUsingCalendar(calendarId: string): Promise<string[]>;

  setPriorityScheme(scheme: PriorityScheme): Promise<void>;
  /** Those of the given priority ids that some ticket carries. */
  prioritiesInUse(ids: readonly string[]): Promise<string[]>;

  insertContact(contact: Contact): Promise<void>;
  updateContact(contact: Contact): Promise<void>;
  findContact(id: string): Promise<Contact | undefined>;
  /** Ordered by escalation level (0 last), then name. */
  listContacts(customerId: string): Promise<Contact[]>;
  deleteContact(id: string): Promise<void>;

  insertService(service: Service): Promise<void>;
  updateService(service: Service): Promise<void>;
  findService(id: string): Promise<Service | undefined>;
  listServices(filter: ServiceFilter, page: PageRequest): Promise<Page<Service>>;

  findImpact(serviceId: string, customerId: string): Promise<ServiceImpact | undefined>;
  /** Inserts or replaces the impact of a service on a customer. */
  upsertImpact(impact: ServiceImpact): Promise<void>;
  deleteImpact(serviceId: string, customerId: string): Promise<void>;
  /** Ordered by service name, then customer name. */
  listImpacts(filter: ImpactFilter): Promise<ServiceImpactView[]>;
}
