import type { CalendarDefinition } from '../../domain/calendars/calendar-definition.ts';

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
}
