import { DomainError } from '../shared/errors.ts';
import { parseInstant } from '../shared/time.ts';
import { validateRegion } from './holiday-regions.ts';
import { parseLocalDate, WEEKDAYS, type EpochDay, type Weekday } from './local-date.ts';
import { ZoneRules } from './time-zone.ts';

/** A calendar as people write it (YAML, JSON, the API). */
export interface CalendarDefinition {
  readonly name?: string;
  readonly timeZone: string;
  /** Opening hours per weekday, e.g. `mon: ["08:00-12:00", "13:00-17:00"]`; a missing day is closed; no `hours` at all is 24/7. */
  readonly hours?: Partial<Record<Weekday, readonly string[]>>;
  /** Whole local dates: one-off `2026-12-24` or yearly `12-25`, optionally with a name. */
  readonly holidays?: readonly (string | { readonly date: string; readonly name?: string })[];
  /** Public holidays of countries or subdivisions: `DE`, `DE-BY`, `AT`, `CH-ZH`. */
  readonly holidayRegions?: readonly string[];
  /** Closed spans between two instants. */
  readonly closures?: readonly { readonly from: string; readonly to: string; readonly reason?: string }[];
}

/** One opening interval of a weekday, in minutes after its local midnight. `end` may pass 1440 (overnight). */
export interface OpeningInterval {
  readonly weekday: number;
  readonly start: number;
  readonly end: number;
}

export interface Closure {
  readonly from: number;
  readonly to: number;
  readonly reason?: string;
}

/** A validated calendar: what the engine compiles. */
export interface CalendarSpec {
  readonly timeZone: string;
  /** Null for 24/7. */
  readonly hours: readonly OpeningInterval[] | null;
  readonly dates: ReadonlyMap<EpochDay, string>;
  /** Keyed by `MM-DD`. */
  readonly yearly: ReadonlyMap<string, string>;
  readonly regions: readonly string[];
  /** Sorted and merged. */
  readonly closures: readonly Closure[];
}

export const MINUTES_PER_DAY = 24 * 60;
const KNOWN_KEYS = new Set(['name', 'timeZone', 'hours', 'holidays', 'holidayRegions', 'closures', 'description']);

const invalid = (code: string, message: string, details?: Record<string, unknown>): DomainError =>
  new DomainError(code, message, details);

function parseClock(text: string, allow24: boolean): number | undefined {
  const m = /^(\d{2}):(\d{2})$/.exec(text);
  if (!m) return undefined;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59) return undefined;
  if (h === 24 && min === 0 && allow24) return MINUTES_PER_DAY;
  if (h > 23) return undefined;
  return h * 60 + min;
}

/** Parses `HH:MM-HH:MM`; an end before the start crosses midnight and belongs to the day it starts on. */
function parseInterval(text: unknown, weekday: number): OpeningInterval {
  const dayName = WEEKDAYS[weekday];
  if (typeof text !== 'string') {
    throw invalid('CALENDAR_INVALID_HOURS', `hours.${dayName}: each interval must be a string such as "08:00-17:00"`);
  }
  const parts = text.trim().split(/\s*-\s*/);
  const start = parts.length === 2 ? parseClock(parts[0] ?? '', false) : undefined;
  const end = parts.length === 2 ? parseClock(parts[1] ?? '', true) : undefined;
  if (start === undefined || end === undefined) {
    throw invalid(
      'CALENDAR_INVALID_HOURS',
      `hours.${dayName}: "${text}" is not an interval such as "08:00-17:00" (hours 00-23, minutes 00-59, 24:00 allowed as an end)`,
      { weekday: dayName, interval: text },
    );
  }
  if (start === end) {
    throw invalid('CALENDAR_INVALID_HOURS', `hours.${dayName}: "${text}" is empty; use "00:00-24:00" for a whole day`, {
      weekday: dayName,
      interval: text,
    });
  }
  return { weekday, start, end: end > start ? end : end + MINUTES_PER_DAY };
}

function checkOverlaps(intervals: readonly OpeningInterval[]): void {
  const WEEK = 7 * MINUTES_PER_DAY;
  const spans = intervals.flatMap((iv) => {
    const s = iv.weekday * MINUTES_PER_DAY + iv.start;
    const e = iv.weekday * MINUTES_PER_DAY + iv.end;
    // Sunday's overnight shift wraps into Monday.
    return e > WEEK ? [{ s, e: WEEK, iv }, { s: 0, e: e - WEEK, iv }] : [{ s, e, iv }];
  });
  spans.sort((a, b) => a.s - b.s);
  for (let i = 1; i < spans.length; i++) {
    const prev = spans[i - 1];
    const cur = spans[i];
    if (prev && cur && cur.s < prev.e) {
      const show = (iv: OpeningInterval): string => WEEKDAYS[iv.weekday] ?? '';
      throw invalid(
        'CALENDAR_OVERLAPPING_HOURS',
        `opening intervals overlap: ${show(prev.iv)} and ${show(cur.iv)} (${fmt(prev.iv)} / ${fmt(cur.iv)})`,
        { first: fmt(prev.iv), second: fmt(cur.iv) },
      );
    }
  }
}

function fmt(iv: OpeningInterval): string {
  const c = (m: number): string => {
    const mm = m % MINUTES_PER_DAY === 0 && m > 0 && m <= MINUTES_PER_DAY ? MINUTES_PER_DAY : m % MINUTES_PER_DAY;
    return `${String(Math.floor(mm / 60)).padStart(2, '0')}:${String(mm % 60).padStart(2, '0')}`;
  };
  return `${c(iv.start)}-${c(iv.end)}`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseHours(value: unknown): OpeningInterval[] | null {
  if (value === undefined || value === null) return null;
  if (!isRecord(value)) {
    throw invalid('CALENDAR_INVALID_HOURS', 'hours must map weekdays (mon … sun) to lists of intervals');
  }
  const out: OpeningInterval[] = [];
  for (const [key, list] of Object.entries(value)) {
    const weekday = WEEKDAYS.indexOf(key.toLowerCase() as Weekday);
    if (weekday < 0) {
      throw invalid('CALENDAR_INVALID_HOURS', `hours: "${key}" is not a weekday; use mon, tue, wed, thu, fri, sat, sun`, {
        weekday: key,
      });
    }
    const items = typeof list === 'string' ? [list] : list;
    if (!Array.isArray(items)) {
      throw invalid('CALENDAR_INVALID_HOURS', `hours.${key} must be a list of intervals such as ["08:00-17:00"]`);
    }
    for (const item of items) out.push(parseInterval(item, weekday));
  }
  checkOverlaps(out);
  return out.sort((a, b) => a.weekday - b.weekday || a.start - b.start);
}

function parseHolidays(value: unknown): { dates: Map<EpochDay, string>; yearly: Map<string, string> } {
  const dates = new Map<EpochDay, string>();
  const yearly = new Map<string, string>();
  if (value === undefined || value === null) return { dates, yearly };
  if (!Array.isArray(value)) throw invalid('CALENDAR_INVALID_HOLIDAY', 'holidays must be a list of dates');
  for (const item of value) {
    const date = isRecord(item) ? item['date'] : item;
    const name = isRecord(item) && typeof item['name'] === 'string' ? item['name'] : 'Holiday';
    if (typeof date !== 'string') {
      throw invalid('CALENDAR_INVALID_HOLIDAY', `holiday ${JSON.stringify(item)} must be a date: YYYY-MM-DD or MM-DD`);
    }
    const day = parseLocalDate(date);
    if (day !== undefined) {
      dates.set(day, name);
      continue;
    }
    const md = /^(\d{2})-(\d{2})$/.exec(date);
    // 2024 is a leap year, so 02-29 is accepted as a yearly date.
    if (md && parseLocalDate(`2024-${date}`) !== undefined) {
      yearly.set(`${md[1]}-${md[2]}`, name);
      continue;
    }
    throw invalid('CALENDAR_INVALID_HOLIDAY', `holiday "${date}" is not a real date (YYYY-MM-DD, or MM-DD for every year)`, {
      date,
    });
  }
  return { dates, yearly };
}

function parseClosures(value: unknown): Closure[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalid('CALENDAR_INVALID_CLOSURE', 'closures must be a list of {from, to}');
  const list = value.map((item, i): Closure => {
    if (!isRecord(item)) throw invalid('CALENDAR_INVALID_CLOSURE', `closures[${i}] must be {from, to}`);
    let from: number;
    let to: number;
    try {
      from = parseInstant(item['from'], `closures[${i}].from`);
      to = parseInstant(item['to'], `closures[${i}].to`);
    } catch (e) {
      throw invalid('CALENDAR_INVALID_CLOSURE', (e as Error).message, { index: i });
    }
    if (!(to > from)) throw invalid('CALENDAR_INVALID_CLOSURE', `closures[${i}]: "to" must be after "from"`, { index: i });
    const reason = typeof item['reason'] === 'string' ? item['reason'] : undefined;
    return reason === undefined ? { from, to } : { from, to, reason };
  });
  list.sort((a, b) => a.from - b.from);
  const merged: Closure[] = [];
  for (const c of list) {
    const last = merged[merged.length - 1];
    if (last && c.from <= last.to) merged[merged.length - 1] = { ...last, to: Math.max(last.to, c.to) };
    else merged.push(c);
  }
  return merged;
}

/**
 * Validates a calendar definition (parsed YAML or JSON) and returns the spec the engine compiles.
 * @throws DomainError with codes CALENDAR_INVALID, CALENDAR_UNKNOWN_ZONE, CALENDAR_INVALID_HOURS,
 *   CALENDAR_OVERLAPPING_HOURS, CALENDAR_INVALID_HOLIDAY, CALENDAR_UNKNOWN_REGION, CALENDAR_INVALID_CLOSURE
 */
export function parseCalendar(input: unknown): CalendarSpec {
  if (!isRecord(input)) throw invalid('CALENDAR_INVALID', 'a calendar must be an object with at least a timeZone');
  for (const key of Object.keys(input)) {
    if (!KNOWN_KEYS.has(key)) {
      throw invalid('CALENDAR_INVALID', `unknown calendar field "${key}"`, { field: key });
    }
  }
  const timeZone = input['timeZone'];
  if (typeof timeZone !== 'string') {
    throw invalid('CALENDAR_UNKNOWN_ZONE', 'timeZone is required: an IANA time zone such as Europe/Berlin');
  }
  ZoneRules.of(timeZone);
  const hours = parseHours(input['hours']);
  const { dates, yearly } = parseHolidays(input['holidays']);
  const rawRegions = input['holidayRegions'] ?? [];
  if (!Array.isArray(rawRegions)) throw invalid('CALENDAR_UNKNOWN_REGION', 'holidayRegions must be a list such as ["DE-BY"]');
  const regions = [...new Set(rawRegions.map(validateRegion))];
  const closures = parseClosures(input['closures']);
  return { timeZone, hours, dates, yearly, regions, closures };
}
