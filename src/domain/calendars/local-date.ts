import { DAY_MS } from '../shared/time.ts';

/**
 * Local dates as whole days since 1970-01-01 ("epoch days"). A wall-clock reading is written as
 * `epochDay * DAY_MS + msOfDay` — a "naive" millisecond count that is not an instant until a zone offset is
 * subtracted.
 */
export type EpochDay = number;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Monday = 0 … Sunday = 6. 1970-01-01 was a Thursday. */
export function weekdayOf(day: EpochDay): number {
  return (((day + 3) % 7) + 7) % 7;
}

export function epochDayOf(year: number, month: number, day: number): EpochDay {
  return Math.round(Date.UTC(year, month - 1, day) / DAY_MS);
}

export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export function civilOf(day: EpochDay): CivilDate {
  const d = new Date(day * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** `YYYY-MM-DD` */
export function formatEpochDay(day: EpochDay): string {
  const c = civilOf(day);
  return `${String(c.year).padStart(4, '0')}-${pad2(c.month)}-${pad2(c.day)}`;
}

/** `MM-DD`, the key of a yearly holiday. */
export function monthDayKey(day: EpochDay): string {
  const c = civilOf(day);
  return `${pad2(c.month)}-${pad2(c.day)}`;
}

/** Parses a strict `YYYY-MM-DD`; undefined when it is not a real date. */
export function parseLocalDate(text: string): EpochDay | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const epochDay = epochDayOf(year, month, day);
  const back = civilOf(epochDay);
  return back.year === year && back.month === month && back.day === day ? epochDay : undefined;
}
