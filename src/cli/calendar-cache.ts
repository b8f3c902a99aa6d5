import { BusinessCalendar } from '../domain/calendars/business-calendar.ts';
import { isDomainError, type DomainError } from '../domain/shared/errors.ts';

/** How many distinct calendars a batch keeps compiled; the least recently used one is dropped beyond that. */
export const CALENDAR_CACHE_SIZE = 256;

type Entry = { readonly calendar: BusinessCalendar } | { readonly error: DomainError };

/**
 * Compiled calendars keyed by the JSON text of their definition, so thousands of requests that carry the
 * same calendar compile it once (and keep its compiled years warm). Invalid definitions are remembered
 * too, so a bad calendar repeated on every line is validated once.
 */
export class CalendarCache {
  private readonly entries = new Map<string, Entry>();
  private compiled = 0;

  constructor(private readonly capacity = CALENDAR_CACHE_SIZE) {}

  /** @throws DomainError with the engine's CALENDAR_* code when the definition is invalid */
  get(definition: unknown): BusinessCalendar {
    const key = JSON.stringify(definition);
    let entry = this.entries.get(key);
    if (entry) {
      // Re-inserting marks the entry as most recently used.
      this.entries.delete(key);
    } else {
      entry = this.compile(definition);
      if (this.entries.size >= this.capacity) {
        const oldest = this.entries.keys().next();
        if (!oldest.done) this.entries.delete(oldest.value);
      }
    }
    this.entries.set(key, entry);
    if ('error' in entry) throw entry.error;
    return entry.calendar;
  }

  /** How many definitions were validated and compiled (cache misses). */
  get compilations(): number {
    return this.compiled;
  }

  private compile(definition: unknown): Entry {
    this.compiled++;
    try {
      return { calendar: BusinessCalendar.from(definition) };
    } catch (e) {
      if (isDomainError(e)) return { error: e };
      throw e;
    }
  }
}
