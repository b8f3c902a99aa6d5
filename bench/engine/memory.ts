import { BusinessCalendar } from '../../src/domain/calendars/business-calendar.ts';
import { timeOnce } from '../lib/timing.ts';
import { OFFICE_DEFINITION } from './calendar-edit.ts';

/** Compiled chunks cover 364 days each (see CHUNK_MS in business-calendar.ts). */
const CHUNK_DAYS = 364;
const DAYS_PER_YEAR = 365.2425;

export interface MemoryResult {
  readonly calendar: string;
  readonly range: string;
  readonly chunks: number;
  readonly bytes: number;
  readonly compiledYears: number;
  readonly bytesPerYear: number;
  /** Time to compile the range (the first `elapsed` over it), per year. */
  readonly compileMsPerYear: number;
  readonly openHoursPerYear: number;
}

/** Compiles the office calendar (DE-BY holidays) over whole years and reads `compiledBytes()`. */
export function runMemory(firstYear: number, years: number): MemoryResult {
  const cal = BusinessCalendar.from(OFFICE_DEFINITION);
  const from = Date.UTC(firstYear, 0, 1);
  const to = Date.UTC(firstYear + years, 0, 1);
  const { value: open, ms } = timeOnce(() => cal.elapsed(from, to));
  const { chunks, bytes } = cal.compiledBytes();
  const compiledYears = (chunks * CHUNK_DAYS) / DAYS_PER_YEAR;
  return {
    calendar: 'Europe/Berlin, Mon-Fri 08:00-12:00 13:00-17:00, DE-BY public holidays',
    range: `${firstYear}-01-01 to ${firstYear + years}-01-01`,
    chunks,
    bytes,
    compiledYears,
    bytesPerYear: bytes / compiledYears,
    compileMsPerYear: ms / compiledYears,
    openHoursPerYear: open / 3_600_000 / years,
  };
}
