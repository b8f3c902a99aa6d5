import { civilOf, epochDayOf, parseLocalDate, weekdayOf, type EpochDay } from '../calendars/local-date.ts';
import { instantOfWall, ZoneRules, type OffsetSegment } from '../calendars/time-zone.ts';
import { DomainError } from '../shared/errors.ts';
import { DAY_MS, MINUTE_MS, type Interval } from '../shared/time.ts';
import { clipIntervals, mergeIntervals, subtractIntervals } from './intervals.ts';
import type { MonitorStateSpan } from './types.ts';

/*
 * Maintenance windows: a local start time in the window's own IANA zone, a duration, and optionally a rule
 * that repeats it. Each occurrence starts at the same local time of day; a local time that does not exist
 * (the spring-forward gap) moves forward by the gap's length, a repeated one (fall back) takes the first,
 * as Temporal's "compatible" disambiguation does. The duration is real elapsed time: a 60-minute window
 * lasts 60 minutes even across a change of offset.
 */

/** ISO weekdays: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export type MaintenanceRecurrence =
  /** On the listed weekdays of every `every`-th week (weeks start on Monday; the start's week is week 0). */
  | { readonly kind: 'weekly'; readonly weekdays: readonly IsoWeekday[]; readonly every: number }
  /** On this day of every month; months without it (day 31 in April, 30 in February) have no occurrence. */
  | { readonly kind: 'monthly-day'; readonly day: number }
  /** On the nth (1 … 5, or -1 for the last) weekday of every month; months without a 5th have none. */
  | { readonly kind: 'monthly-weekday'; readonly nth: 1 | 2 | 3 | 4 | 5 | -1; readonly weekday: IsoWeekday };

/** A validated maintenance window, JSON as it is stored and shown. */
export interface MaintenanceWindow {
  readonly timeZone: string;
  /** The first local start, `YYYY-MM-DDTHH:MM`; it gives the time of day of every occurrence. */
  readonly start: string;
  readonly durationMinutes: number;
  /** Null for a one-off window. Occurrences fall on or after the start's date. */
  readonly recurrence: MaintenanceRecurrence | null;
  /** The last local date (inclusive) on which an occurrence may start; null for no end. */
  readonly until: string | null;
}

/** A year and a day are plenty for one window; longer ones are more likely a typo. */
export const MAX_MAINTENANCE_MINUTES = 366 * 24 * 60;
const KNOWN_KEYS = new Set(['timeZone', 'start', 'durationMinutes', 'recurrence', 'until']);
const START_RE = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/;

const invalid = (message: string, field: string, value?: unknown): DomainError =>
  new DomainError('MAINTENANCE_INVALID', message, { field, value });

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isIsoWeekday = (v: unknown): v is IsoWeekday =>
  Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 7;

function parseStart(text: unknown): { day: EpochDay; minute: number } {
  const m = typeof text === 'string' ? START_RE.exec(text) : null;
  const day = m ? parseLocalDate(m[1] as string) : undefined;
  const hour = Number(m?.[2]);
  const minute = Number(m?.[3]);
  if (!m || day === undefined || hour > 23 || minute > 59) {
    throw invalid('start must be a local date and time such as "2026-03-01T02:30"', 'start', text);
  }
  const year = civilOf(day).year;
  if (year < 1900 || year >= 2300)
    throw invalid('start must lie between the years 1900 and 2299', 'start', text);
  return { day, minute: hour * 60 + minute };
}

function parseRecurrence(value: unknown): MaintenanceRecurrence | null {
  if (value === undefined || value === null) return null;
  if (!isRecord(value)) throw invalid('recurrence must be an object with a kind', 'recurrence', value);
  const { kind } = value;
  const allow = (keys: readonly string[]): void => {
    for (const key of Object.keys(value)) {
      if (!keys.includes(key))
        throw invalid(`unknown field "${key}" in a ${String(kind)} recurrence`, `recurrence.${key}`);
    }
  };
  if (kind === 'weekly') {
    allow(['kind', 'weekdays', 'every']);
    const weekdays = value['weekdays'];
    if (!Array.isArray(weekdays) || weekdays.length === 0 || !weekdays.every(isIsoWeekday)) {
      throw invalid(
        'recurrence.weekdays must list weekdays 1 (Monday) … 7 (Sunday)',
        'recurrence.weekdays',
        weekdays,
      );
    }
    const every = value['every'] ?? 1;
    if (!Number.isInteger(every) || (every as number) < 1 || (every as number) > 52) {
      throw invalid(
        'recurrence.every must be a whole number of weeks from 1 to 52',
        'recurrence.every',
        every,
      );
    }
    return { kind, weekdays: [...new Set(weekdays)].sort((a, b) => a - b), every: every as number };
  }
  if (kind === 'monthly-day') {
    allow(['kind', 'day']);
    const day = value['day'];
    if (!Number.isInteger(day) || (day as number) < 1 || (day as number) > 31) {
      throw invalid('recurrence.day must be a day of the month from 1 to 31', 'recurrence.day', day);
    }
    return { kind, day: day as number };
  }
  if (kind === 'monthly-weekday') {
    allow(['kind', 'nth', 'weekday']);
    const { nth, weekday } = value;
    if (!(nth === -1 || (Number.isInteger(nth) && (nth as number) >= 1 && (nth as number) <= 5))) {
      throw invalid('recurrence.nth must be 1 … 5, or -1 for the last', 'recurrence.nth', nth);
    }
    if (!isIsoWeekday(weekday))
      throw invalid('recurrence.weekday must be 1 (Monday) … 7 (Sunday)', 'recurrence.weekday', weekday);
    return { kind, nth: nth as 1 | 2 | 3 | 4 | 5 | -1, weekday };
  }
  throw invalid('recurrence.kind must be weekly, monthly-day or monthly-weekday', 'recurrence.kind', kind);
}

/**
 * Validates a maintenance window as people write it (YAML, JSON, the API).
 * @throws DomainError MAINTENANCE_INVALID, with `details.field` naming the offending field
 */
export function parseMaintenanceWindow(input: unknown): MaintenanceWindow {
  if (!isRecord(input))
    throw invalid('a maintenance window must be an object with timeZone, start and durationMinutes', '');
  for (const key of Object.keys(input)) {
    if (!KNOWN_KEYS.has(key)) throw invalid(`unknown maintenance window field "${key}"`, key);
  }
  const { timeZone, start, durationMinutes, until } = input;
  if (typeof timeZone !== 'string')
    throw invalid('timeZone is required: an IANA time zone such as Europe/Berlin', 'timeZone');
  try {
    ZoneRules.of(timeZone);
  } catch (e) {
    throw invalid((e as Error).message, 'timeZone', timeZone);
  }
  const first = parseStart(start);
  if (
    !Number.isInteger(durationMinutes) ||
    (durationMinutes as number) < 1 ||
    (durationMinutes as number) > MAX_MAINTENANCE_MINUTES
  ) {
    throw invalid(
      `durationMinutes must be a whole number from 1 to ${MAX_MAINTENANCE_MINUTES}`,
      'durationMinutes',
      durationMinutes,
    );
  }
  const recurrence = parseRecurrence(input['recurrence']);
  let last: string | null = null;
  if (until !== undefined && until !== null) {
    if (recurrence === null) throw invalid('until needs a recurrence', 'until', until);
    const day = typeof until === 'string' ? parseLocalDate(until) : undefined;
    if (day === undefined) throw invalid('until must be a local date such as "2026-12-31"', 'until', until);
    if (day < first.day) throw invalid('until must not be before the start date', 'until', until);
    last = until as string;
  }
  return {
    timeZone,
    start: start as string,
    durationMinutes: durationMinutes as number,
    recurrence,
    until: last,
  };
}

/** The local dates in `[firstDay, lastDay]` on which the window starts, in order. */
function occurrenceDays(
  def: MaintenanceWindow,
  startDay: EpochDay,
  firstDay: EpochDay,
  lastDay: EpochDay,
): EpochDay[] {
  const rule = def.recurrence;
  if (rule === null) return startDay >= firstDay && startDay <= lastDay ? [startDay] : [];
  const out: EpochDay[] = [];
  const from = Math.max(firstDay, startDay);
  if (rule.kind === 'weekly') {
    const firstMonday = startDay - weekdayOf(startDay);
    for (let d = from; d <= lastDay; d++) {
      const week = (d - weekdayOf(d) - firstMonday) / 7;
      if (week % rule.every === 0 && rule.weekdays.includes((weekdayOf(d) + 1) as IsoWeekday)) out.push(d);
    }
    return out;
  }
  const a = civilOf(from);
  const b = civilOf(lastDay);
  for (let k = a.year * 12 + a.month - 1; k <= b.year * 12 + b.month - 1; k++) {
    const y = Math.floor(k / 12);
    const mo = (k % 12) + 1;
    const firstOfMonth = epochDayOf(y, mo, 1);
    const lastOfMonth = epochDayOf(y, mo + 1, 1) - 1;
    let d: EpochDay;
    if (rule.kind === 'monthly-day') {
      d = firstOfMonth + rule.day - 1;
    } else if (rule.nth === -1) {
      d = lastOfMonth - ((weekdayOf(lastOfMonth) - (rule.weekday - 1) + 7) % 7);
    } else {
      d = firstOfMonth + ((rule.weekday - 1 - weekdayOf(firstOfMonth) + 7) % 7) + (rule.nth - 1) * 7;
    }
    if (d <= lastOfMonth && d >= from && d <= lastDay) out.push(d);
  }
  return out;
}

/** The offset segments that matter for a wall-clock reading: those from two days before it on. */
function segmentsNear(all: readonly OffsetSegment[], wall: number): OffsetSegment[] {
  const probe = wall - 2 * DAY_MS;
  let lo = 0;
  let hi = all.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((all[mid] as OffsetSegment).start <= probe) lo = mid;
    else hi = mid - 1;
  }
  return all.slice(lo, lo + 6);
}

/**
 * The instants a maintenance window covers inside `[from, to)`: UTC, sorted, merged and clipped.
 * Occurrences that start before `from` but still run at `from` are included.
 */
export function maintenanceIntervals(def: MaintenanceWindow, from: number, to: number): Interval[] {
  if (!(to > from)) return [];
  const zone = ZoneRules.of(def.timeZone);
  const { day: startDay, minute } = parseStart(def.start);
  const durationMs = def.durationMinutes * MINUTE_MS;
  const untilDay = def.until === null ? Infinity : (parseLocalDate(def.until) ?? Infinity);
  // Local dates whose occurrence could touch [from, to): offsets stay within a day of UTC.
  const firstDay = Math.max(startDay, Math.floor((from - durationMs) / DAY_MS) - 2);
  const lastDay = Math.min(untilDay, Math.floor(to / DAY_MS) + 2);
  if (firstDay > lastDay) return [];
  const segments = zone.segments((firstDay - 3) * DAY_MS, (lastDay + 4) * DAY_MS);
  const out: Interval[] = [];
  for (const day of occurrenceDays(def, startDay, firstDay, lastDay)) {
    const wall = day * DAY_MS + minute * MINUTE_MS;
    const start = instantOfWall(wall, segmentsNear(segments, wall));
    if (start < to && start + durationMs > from) out.push({ start, end: start + durationMs });
  }
  return clipIntervals(mergeIntervals(out), from, to);
}

/**
 * Lays maintenance over a monitor's (non-overlapping) spans: maintenance overrides every state, as in the
 * availability formula, including time no span covers. The answer is sorted and clipped to `range`.
 */
export function applyMaintenance(
  spans: readonly MonitorStateSpan[],
  maintenance: readonly Interval[],
  range: Interval,
): MonitorStateSpan[] {
  const windows = clipIntervals(maintenance, range.start, range.end);
  const out: MonitorStateSpan[] = windows.map((w) => ({ ...w, state: 'maintenance' }));
  for (const s of spans) {
    for (const part of subtractIntervals(clipIntervals([s], range.start, range.end), windows)) {
      out.push({ ...part, state: s.state });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
