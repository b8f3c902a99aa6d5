// The periods a customer report covers: a calendar month, quarter or year in the customer's time zone, or a
// custom range; their instants, the periods before them (for the trend) and their names in German and English.
import { Temporal } from 'temporal-polyfill';
import { DomainError } from '../shared/errors.ts';
import { assertInstant, formatInstant, parseInstant, type Interval } from '../shared/time.ts';
import type { ReportLanguage } from './summary.ts';

export type PeriodKind = 'month' | 'quarter' | 'year' | 'range';

/** What a period is, before a time zone turns it into instants. */
export type PeriodSpec =
  | { readonly kind: 'month'; readonly year: number; readonly month: number }
  | { readonly kind: 'quarter'; readonly year: number; readonly quarter: number }
  | { readonly kind: 'year'; readonly year: number }
  | { readonly kind: 'range'; readonly start: number; readonly end: number };

/** A period resolved in the customer's zone: the part of a report's JSON model that says what it covers. */
export interface ReportPeriod {
  readonly kind: PeriodKind;
  /** "2026-03", "2026-Q3", "2026", or "<from>..<to>" (ISO instants, `to` exclusive) for a range. */
  readonly key: string;
  readonly start: number;
  readonly end: number;
  /** The period in words, e.g. "March 2026" / "März 2026". */
  readonly label: { readonly de: string; readonly en: string };
}

const MIN_YEAR = 1900;
const MAX_YEAR = 2299;
const YEAR = /^(\d{4})$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const QUARTER = /^(\d{4})-Q([1-4])$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const RANGE = /^(.+)\.\.(.+)$/;

const MONTHS: Readonly<Record<ReportLanguage, readonly string[]>> = {
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
  de: [
    'Januar',
    'Februar',
    'März',
    'April',
    'Mai',
    'Juni',
    'Juli',
    'August',
    'September',
    'Oktober',
    'November',
    'Dezember',
  ],
};

function invalid(message: string, value: unknown): never {
  throw new DomainError('PERIOD_INVALID', message, { value });
}

function checkYear(year: number, text: string): number {
  if (year < MIN_YEAR || year > MAX_YEAR) invalid(`the year of "${text}" is outside 1900–2299`, text);
  return year;
}

/** Checks the zone once so that a wrong zone is a domain error, not a RangeError from deep inside. */
function zoneOf(timeZone: string): string {
  try {
    return Temporal.PlainDate.from({ year: 2000, month: 1, day: 1 }).toZonedDateTime({ timeZone }).timeZoneId;
  } catch {
    throw new DomainError('CALENDAR_UNKNOWN_ZONE', `unknown time zone "${timeZone}"`, { timeZone });
  }
}

const midnight = (date: Temporal.PlainDate, timeZone: string): number =>
  date.toZonedDateTime({ timeZone }).epochMilliseconds;

/**
 * A range boundary: an ISO date ("2026-03-05", a whole day in the zone) or an instant with offset. A date
 * as `to` includes that day, so 2026-03-01..2026-03-15 is the first half of March.
 */
function boundary(text: string, timeZone: string, side: 'from' | 'to'): number {
  const trimmed = text.trim();
  if (DATE.test(trimmed)) {
    let date: Temporal.PlainDate;
    try {
      date = Temporal.PlainDate.from(trimmed, { overflow: 'reject' });
    } catch {
      return invalid(`"${trimmed}" is not a date`, trimmed);
    }
    checkYear(date.year, trimmed);
    return midnight(side === 'to' ? date.add({ days: 1 }) : date, timeZone);
  }
  return parseInstant(trimmed, side);
}

/**
 * A range from two boundaries (dates in the zone or instants with offset).
 * @throws DomainError PERIOD_INVALID, INSTANT_INVALID
 */
export function rangeSpec(from: string, to: string, timeZone: string): PeriodSpec {
  const zone = zoneOf(timeZone);
  const start = boundary(from, zone, 'from');
  const end = boundary(to, zone, 'to');
  if (!(end > start)) invalid('the end of a range must be after its start', `${from}..${to}`);
  return { kind: 'range', start, end };
}

/**
 * Reads a period as written: "2026-03" (a month), "2026-Q3" (a quarter), "2026" (a year) or
 * "<from>..<to>" (dates in the customer's zone, `to` included, or instants with offset).
 * @throws DomainError PERIOD_INVALID
 */
export function parsePeriod(text: string, timeZone: string): PeriodSpec {
  const t = text.trim();
  const month = MONTH.exec(t);
  if (month) {
    const m = Number(month[2]);
    if (m < 1 || m > 12) invalid(`"${t}" is not a month; write YYYY-MM, e.g. 2026-03`, t);
    return { kind: 'month', year: checkYear(Number(month[1]), t), month: m };
  }
  const quarter = QUARTER.exec(t);
  if (quarter)
    return { kind: 'quarter', year: checkYear(Number(quarter[1]), t), quarter: Number(quarter[2]) };
  const year = YEAR.exec(t);
  if (year) return { kind: 'year', year: checkYear(Number(year[1]), t) };
  const range = RANGE.exec(t);
  if (range) return rangeSpec(range[1] ?? '', range[2] ?? '', timeZone);
  return invalid(
    `"${t}" is not a period; write 2026-03 (month), 2026-Q3 (quarter), 2026 (year) or 2026-03-01..2026-03-15`,
    t,
  );
}

/** The first day of a calendar period and the number of months it spans. */
function calendarStart(spec: Exclude<PeriodSpec, { kind: 'range' }>): {
  first: Temporal.PlainDate;
  months: number;
} {
  switch (spec.kind) {
    case 'month':
      return { first: Temporal.PlainDate.from({ year: spec.year, month: spec.month, day: 1 }), months: 1 };
    case 'quarter':
      return {
        first: Temporal.PlainDate.from({ year: spec.year, month: spec.quarter * 3 - 2, day: 1 }),
        months: 3,
      };
    case 'year':
      return { first: Temporal.PlainDate.from({ year: spec.year, month: 1, day: 1 }), months: 12 };
  }
}

/** The calendar period (or range) containing an instant's local date, of the given kind. */
export function periodContaining(
  kind: Exclude<PeriodKind, 'range'>,
  instant: number,
  timeZone: string,
): PeriodSpec {
  const date = Temporal.Instant.fromEpochMilliseconds(instant).toZonedDateTimeISO(zoneOf(timeZone));
  if (kind === 'month') return { kind, year: date.year, month: date.month };
  if (kind === 'quarter') return { kind, year: date.year, quarter: Math.ceil(date.month / 3) };
  return { kind, year: date.year };
}

/** The key under which a period is stored and asked for: "2026-03", "2026-Q3", "2026", "<from>..<to>". */
export function periodKey(spec: PeriodSpec): string {
  const y = (year: number): string => String(year).padStart(4, '0');
  switch (spec.kind) {
    case 'month':
      return `${y(spec.year)}-${String(spec.month).padStart(2, '0')}`;
    case 'quarter':
      return `${y(spec.year)}-Q${spec.quarter}`;
    case 'year':
      return y(spec.year);
    case 'range':
      return `${formatInstant(spec.start)}..${formatInstant(spec.end)}`;
  }
}

/** The period's instants in the zone: from the first local midnight to the first of the next period. */
export function periodInterval(spec: PeriodSpec, timeZone: string): Interval {
  if (spec.kind === 'range') return { start: spec.start, end: spec.end };
  const zone = zoneOf(timeZone);
  const { first, months } = calendarStart(spec);
  return { start: midnight(first, zone), end: midnight(first.add({ months }), zone) };
}

/**
 * The `count` periods of the same kind right before this one, oldest first: the three months before March
 * are December, January and February; a range is followed back by ranges of the same length.
 */
export function previousPeriods(spec: PeriodSpec, count: number): PeriodSpec[] {
  const out: PeriodSpec[] = [];
  for (let i = count; i >= 1; i--) {
    if (spec.kind === 'range') {
      const length = spec.end - spec.start;
      out.push({ kind: 'range', start: spec.start - i * length, end: spec.end - i * length });
      continue;
    }
    const { first, months } = calendarStart(spec);
    const d = first.subtract({ months: i * months });
    if (spec.kind === 'month') out.push({ kind: 'month', year: d.year, month: d.month });
    else if (spec.kind === 'quarter')
      out.push({ kind: 'quarter', year: d.year, quarter: Math.ceil(d.month / 3) });
    else out.push({ kind: 'year', year: d.year });
  }
  return out;
}

function dateWords(instant: number, timeZone: string, lang: ReportLanguage, withTime: boolean): string {
  const z = Temporal.Instant.fromEpochMilliseconds(instant).toZonedDateTimeISO(timeZone);
  const month = MONTHS[lang][z.month - 1] ?? '';
  const day = lang === 'de' ? `${z.day}. ${month} ${z.year}` : `${z.day} ${month} ${z.year}`;
  if (!withTime) return day;
  return `${day}, ${String(z.hour).padStart(2, '0')}:${String(z.minute).padStart(2, '0')}`;
}

function rangeWords(start: number, end: number, timeZone: string, lang: ReportLanguage): string {
  const atMidnight = (ms: number): boolean => {
    const z = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(timeZone);
    return z.hour === 0 && z.minute === 0 && z.second === 0 && z.millisecond === 0;
  };
  if (atMidnight(start) && atMidnight(end)) {
    // Whole days: name the last day included rather than the midnight after it.
    const last = Temporal.Instant.fromEpochMilliseconds(end)
      .toZonedDateTimeISO(timeZone)
      .subtract({ days: 1 }).epochMilliseconds;
    return `${dateWords(start, timeZone, lang, false)} – ${dateWords(last, timeZone, lang, false)}`;
  }
  return `${dateWords(start, timeZone, lang, true)} – ${dateWords(end, timeZone, lang, true)}`;
}

function label(spec: PeriodSpec, timeZone: string, lang: ReportLanguage): string {
  switch (spec.kind) {
    case 'month':
      return `${MONTHS[lang][spec.month - 1] ?? ''} ${spec.year}`;
    case 'quarter': {
      const first = MONTHS[lang][spec.quarter * 3 - 3] ?? '';
      const last = MONTHS[lang][spec.quarter * 3 - 1] ?? '';
      return lang === 'de'
        ? `${spec.quarter}. Quartal ${spec.year} (${first} – ${last})`
        : `Q${spec.quarter} ${spec.year} (${first} – ${last})`;
    }
    case 'year':
      return lang === 'de' ? `Jahr ${spec.year}` : `Year ${spec.year}`;
    case 'range':
      return rangeWords(spec.start, spec.end, timeZone, lang);
  }
}

/**
 * A period resolved in the customer's zone, with its key and its name in both languages.
 * @throws DomainError CALENDAR_UNKNOWN_ZONE, INSTANT_OUT_OF_RANGE
 */
export function reportPeriod(spec: PeriodSpec, timeZone: string): ReportPeriod {
  const zone = zoneOf(timeZone);
  const { start, end } = periodInterval(spec, zone);
  assertInstant(start, 'period start');
  assertInstant(end, 'period end');
  return {
    kind: spec.kind,
    key: periodKey(spec),
    start,
    end,
    label: { de: label(spec, zone, 'de'), en: label(spec, zone, 'en') },
  };
}
