import { BusinessCalendar } from '../../domain/calendars/business-calendar.ts';
import type { CalendarRecord } from './catalog.repository.ts';

/** Targets without a calendar run around the clock. */
export const TWENTY_FOUR_SEVEN = BusinessCalendar.from({ timeZone: 'UTC' });

const MAX_ENTRIES = 500;
const cache = new Map<string, BusinessCalendar>();

/**
 * The compiled calendar of a stored calendar, memoised by id and revision: a calendar edit bumps the
 * revision, so clocks recomputed after it compile the new rules once.
 */
export function compiledCalendar(record: CalendarRecord): BusinessCalendar {
  const key = `${record.id}:${record.revision}`;
  let compiled = cache.get(key);
  if (!compiled) {
    compiled = BusinessCalendar.from(record.definition);
    if (cache.size >= MAX_ENTRIES) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    cache.set(key, compiled);
  }
  return compiled;
}
