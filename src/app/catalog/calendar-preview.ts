import type { BusinessCalendar } from '../../domain/calendars/business-calendar.ts';
import { weekdayOf } from '../../domain/calendars/local-date.ts';
import { instantOfWall, ZoneRules } from '../../domain/calendars/time-zone.ts';
import { DAY_MS } from '../../domain/shared/time.ts';

/** One open period, as an instant range and as the wall-clock readings of the calendar's zone. */
export interface OpenPeriod {
  readonly start: number;
  readonly end: number;
  /** `YYYY-MM-DDTHH:MM` in the calendar's zone; an end at midnight reads as the next day's 00:00. */
  readonly localStart: string;
  readonly localEnd: string;
}

export interface OpenPeriods {
  readonly timeZone: string;
  readonly from: number;
  readonly to: number;
  /** Open time inside `[from, to)` in milliseconds. */
  readonly openMs: number;
  readonly intervals: readonly OpenPeriod[];
}

const WEEK_DAYS = 7;

/** The wall-clock reading of an instant in a zone, to the minute. */
export function localReading(ms: number, zone: ZoneRules): string {
  return new Date(ms + zone.offsetAt(ms)).toISOString().slice(0, 16);
}

/** The open periods of `[from, to)` with their local readings. */
export function openPeriods(calendar: BusinessCalendar, from: number, to: number): OpenPeriods {
  const zone = ZoneRules.of(calendar.timeZone);
  const intervals = calendar.openIntervals(from, to).map((iv) => ({
    start: iv.start,
    end: iv.end,
    localStart: localReading(iv.start, zone),
    localEnd: localReading(iv.end, zone),
  }));
  const openMs = intervals.reduce((sum, iv) => sum + (iv.end - iv.start), 0);
  return { timeZone: calendar.timeZone, from, to, openMs, intervals };
}

/** The instant a local date (an epoch day) begins in the zone. */
function startOfLocalDay(day: number, zone: ZoneRules): number {
  const approx = day * DAY_MS;
  return instantOfWall(approx, zone.segments(approx - 2 * DAY_MS, approx + 2 * DAY_MS));
}

/** The local Monday-to-Monday week of the calendar's zone that contains the local date `day`. */
export function weekAround(day: number, timeZone: string): { readonly from: number; readonly to: number } {
  const zone = ZoneRules.of(timeZone);
  const monday = day - weekdayOf(day);
  return { from: startOfLocalDay(monday, zone), to: startOfLocalDay(monday + WEEK_DAYS, zone) };
}

/** The local date (epoch day) of an instant in a zone. */
export function localDayOf(ms: number, timeZone: string): number {
  const zone = ZoneRules.of(timeZone);
  return Math.floor((ms + zone.offsetAt(ms)) / DAY_MS);
}
