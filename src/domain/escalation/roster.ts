import { BusinessCalendar } from '../calendars/business-calendar.ts';
import { isDomainError, DomainError } from '../shared/errors.ts';

/** The roles a roster assigns to people; the account roles (admin, manager, agent) need no roster. */
export const ROSTER_ROLES = ['on_call', 'team_lead'] as const;
export type RosterRole = (typeof ROSTER_ROLES)[number];

/** One person holding a role, always or during opening hours written as in a calendar. */
export interface RosterEntry {
  readonly role: RosterRole;
  readonly userId: string;
  /** Hours per weekday (`{ mon: ["08:00-18:00"], sat: ["00:00-24:00"] }`); absent = holds the role at all times. */
  readonly hours?: Readonly<Record<string, readonly string[]>>;
  /** The zone the hours are read in; needed with `hours`. */
  readonly timeZone?: string;
}

const MAX_ENTRIES = 200;
const ENTRY_KEYS = new Set(['role', 'userId', 'hours', 'timeZone']);

function invalid(field: string, message: string): never {
  throw new DomainError('ESCALATION_ROSTER_INVALID', `${field}: ${message}`, { field });
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The calendar an entry's hours make, or undefined for an entry that always holds its role. */
function calendarOf(entry: RosterEntry): BusinessCalendar | undefined {
  if (entry.hours === undefined) return undefined;
  return BusinessCalendar.from({ timeZone: entry.timeZone ?? 'UTC', hours: entry.hours });
}

/**
 * Validates a roster: a list of `{ role, userId, hours?, timeZone? }`. Hours use the calendar format, so a
 * night shift is `"22:00-06:00"` on the day it starts and time zones follow daylight saving time.
 *
 * @throws DomainError ESCALATION_ROSTER_INVALID with `details.field`.
 */
export function parseRoster(input: unknown): RosterEntry[] {
  if (!Array.isArray(input)) invalid('entries', 'must be a list');
  if (input.length > MAX_ENTRIES) invalid('entries', `must not list more than ${MAX_ENTRIES} entries`);
  return input.map((raw: unknown, i): RosterEntry => {
    const field = `entries[${i}]`;
    if (!isRecord(raw)) invalid(field, 'must be an object');
    for (const key of Object.keys(raw))
      if (!ENTRY_KEYS.has(key)) invalid(`${field}.${key}`, 'is not a known field');
    const role = raw['role'];
    if (typeof role !== 'string' || !(ROSTER_ROLES as readonly string[]).includes(role))
      invalid(`${field}.role`, `must be one of ${ROSTER_ROLES.join(', ')}`);
    const userId = raw['userId'];
    if (typeof userId !== 'string' || userId.trim() === '' || userId.length > 100)
      invalid(`${field}.userId`, 'must be a user id');
    const hours = raw['hours'];
    const timeZone = raw['timeZone'];
    if (timeZone !== undefined && (typeof timeZone !== 'string' || timeZone === ''))
      invalid(`${field}.timeZone`, 'must be an IANA time zone such as Europe/Berlin');
    if (hours === undefined) {
      if (timeZone !== undefined) invalid(`${field}.timeZone`, 'only applies with hours');
      return { role: role as RosterRole, userId };
    }
    if (!isRecord(hours))
      invalid(`${field}.hours`, 'must map weekdays (mon … sun) to lists of "HH:MM-HH:MM"');
    if (timeZone === undefined) invalid(`${field}.timeZone`, 'is needed with hours');
    const entry: RosterEntry = {
      role: role as RosterRole,
      userId,
      hours: hours as Record<string, readonly string[]>,
      timeZone,
    };
    try {
      calendarOf(entry);
    } catch (error) {
      if (isDomainError(error)) invalid(`${field}.hours`, error.message);
      throw error;
    }
    return entry;
  });
}

/**
 * The users who hold a role at `at`, in roster order, each once: entries without hours always, entries with
 * hours while those hours are open in their zone.
 */
export function holdersAt(roster: readonly RosterEntry[], role: RosterRole, at: number): string[] {
  const out: string[] = [];
  for (const entry of roster) {
    if (entry.role !== role || out.includes(entry.userId)) continue;
    const calendar = calendarOf(entry);
    if (!calendar || calendar.isOpen(at)) out.push(entry.userId);
  }
  return out;
}
