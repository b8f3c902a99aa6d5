import type { ExplainedSpan } from '../domain/calendars/business-calendar.ts';
import { formatDuration, formatInstant, type Interval } from '../domain/shared/time.ts';
import type { ClockResult, TimelineSegment } from '../domain/sla-clock/types.ts';
import {
  formatHuman,
  formatHumanWithMs,
  formatLocal,
  formatLocalPeriod,
  formatLocalWithZone,
  formatOffsetInstant,
  formatTable,
} from './format.ts';

/** What each `pledge calc` subcommand prints: a human view and a JSON view of the same answer. */

const WEEKDAY_OF_DATE = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

const SPAN_NAMES: Readonly<Record<ExplainedSpan['kind'], string>> = {
  open: 'open',
  outside_hours: 'outside hours',
  holiday: 'holiday',
  closure: 'closure',
};

export interface DueAnswer {
  readonly start: number;
  readonly due: number;
  readonly timeZone: string;
  /** The budget: a duration in milliseconds, or business days. */
  readonly durationMs?: number;
  readonly businessDays?: number;
  readonly endOfDay?: boolean;
}

export function dueText(a: DueAnswer): string {
  return `Due: ${formatInstant(a.due)} (${formatLocalWithZone(a.due, a.timeZone)})`;
}

export function dueJson(a: DueAnswer): object {
  return {
    start: formatInstant(a.start),
    ...(a.durationMs === undefined
      ? {}
      : { duration: formatDuration(a.durationMs), durationMs: a.durationMs }),
    ...(a.businessDays === undefined ? {} : { businessDays: a.businessDays, endOfDay: a.endOfDay === true }),
    due: formatInstant(a.due),
    dueLocal: formatOffsetInstant(a.due, a.timeZone),
    timeZone: a.timeZone,
  };
}

export interface RangeAnswer {
  readonly from: number;
  readonly to: number;
  readonly timeZone: string;
}

export function elapsedText(elapsedMs: number): string {
  return formatHumanWithMs(elapsedMs);
}

export function elapsedJson(a: RangeAnswer, elapsedMs: number): object {
  return {
    from: formatInstant(a.from),
    to: formatInstant(a.to),
    elapsedMs,
    elapsed: formatDuration(elapsedMs),
  };
}

const utcRange = (iv: Interval): string => `${formatInstant(iv.start)} – ${formatInstant(iv.end)}`;

export function openText(a: RangeAnswer, intervals: readonly Interval[]): string {
  const total = intervals.reduce((sum, iv) => sum + iv.end - iv.start, 0);
  const rows = intervals.map((iv) => [
    utcRange(iv),
    formatLocalPeriod(iv.start, iv.end, a.timeZone),
    formatHuman(iv.end - iv.start),
  ]);
  const count = intervals.length === 1 ? '1 period' : `${intervals.length} periods`;
  const summary = `Open: ${formatHumanWithMs(total)} in ${count} (local times in ${a.timeZone})`;
  return rows.length === 0 ? summary : `${formatTable(rows)}\n${summary}`;
}

export function openJson(a: RangeAnswer, intervals: readonly Interval[]): object {
  return {
    from: formatInstant(a.from),
    to: formatInstant(a.to),
    timeZone: a.timeZone,
    totalMs: intervals.reduce((sum, iv) => sum + iv.end - iv.start, 0),
    intervals: intervals.map((iv) => ({
      start: formatInstant(iv.start),
      end: formatInstant(iv.end),
      durationMs: iv.end - iv.start,
    })),
  };
}

export function explainText(a: RangeAnswer, spans: readonly ExplainedSpan[]): string {
  const rows = spans.map((s) => [
    utcRange(s),
    formatLocalPeriod(s.start, s.end, a.timeZone),
    formatHuman(s.end - s.start),
    SPAN_NAMES[s.kind],
    s.label ?? '',
  ]);
  const open = spans.filter((s) => s.kind === 'open').reduce((sum, s) => sum + s.end - s.start, 0);
  const total = Math.max(0, a.to - a.from);
  const summary = `Open: ${formatHumanWithMs(open)} of ${formatHuman(total)} (local times in ${a.timeZone})`;
  return rows.length === 0 ? summary : `${formatTable(rows)}\n${summary}`;
}

export function explainJson(a: RangeAnswer, spans: readonly ExplainedSpan[]): object {
  return {
    from: formatInstant(a.from),
    to: formatInstant(a.to),
    timeZone: a.timeZone,
    spans: spans.map((s) => ({
      start: formatInstant(s.start),
      end: formatInstant(s.end),
      kind: s.kind,
      ...(s.label === undefined ? {} : { label: s.label }),
      durationMs: s.end - s.start,
    })),
  };
}

export interface HolidaysAnswer {
  readonly year: number;
  readonly timeZone: string;
  readonly regions: readonly string[];
  /** Whether the calendar lists holidays of its own besides its regions'. */
  readonly ownDates: boolean;
  readonly holidays: readonly { readonly date: string; readonly name: string }[];
}

function weekdayOfDate(date: string): string {
  return WEEKDAY_OF_DATE[new Date(`${date}T00:00:00Z`).getUTCDay()] ?? '';
}

export function holidaysText(a: HolidaysAnswer): string {
  const sources = [...a.regions, ...(a.ownDates ? ["the calendar's own dates"] : [])];
  const count = a.holidays.length === 1 ? '1 holiday' : `${a.holidays.length} holidays`;
  const summary =
    a.holidays.length === 0
      ? `No holidays in ${a.year}${sources.length === 0 ? ': the calendar lists no "holidays" and no "holidayRegions"' : ` from ${sources.join(' and ')}`}`
      : `${count} in ${a.year} from ${sources.join(' and ')}, each closed for its whole local date in ${a.timeZone}`;
  const rows = a.holidays.map((h) => [h.date, weekdayOfDate(h.date), h.name]);
  return rows.length === 0 ? summary : `${formatTable(rows)}\n${summary}`;
}

export function holidaysJson(a: HolidaysAnswer): object {
  return { year: a.year, timeZone: a.timeZone, regions: a.regions, holidays: a.holidays };
}

const TIMELINE_NAMES: Readonly<Record<TimelineSegment['kind'], string>> = {
  counted: 'counted',
  paused: 'paused',
  outside_hours: 'outside hours',
  holiday: 'holiday',
  closure: 'closure',
};

/** The clocks of a ticket as a table, instants in local time; with a timeline under each when explained. */
export function clocksText(results: readonly ClockResult[], now: number, timeZone: string): string {
  const local = (ms: number | null): string => (ms === null ? '–' : formatLocal(ms, timeZone));
  const header = ['clock', 'state', 'elapsed', 'paused', 'remaining', 'due', 'stopped', 'breached'];
  const rows = results.map((c) => [
    c.id,
    c.state,
    formatHuman(c.elapsedMs),
    formatHuman(c.pausedMs),
    c.state === 'idle' || c.state === 'cancelled' ? '–' : formatHuman(c.remainingMs),
    local(c.dueAt),
    local(c.stoppedAt),
    local(c.breachedAt),
  ]);
  const parts = [formatTable([header, ...rows])];
  for (const c of results) {
    if (c.warnings.length > 0) {
      parts.push(
        `\n${c.id} warnings:\n${formatTable(c.warnings.map((w) => [`  ${Math.round(w.fraction * 100)}%`, local(w.at)]))}`,
      );
    }
    if (c.timeline.length > 0) {
      const lines = c.timeline.map((s) => [
        `  ${formatLocalPeriod(s.start, s.end, timeZone)}`,
        formatHuman(s.end - s.start),
        TIMELINE_NAMES[s.kind],
        [s.label, s.projected ? '(projected)' : undefined].filter(Boolean).join(' '),
      ]);
      parts.push(`\n${c.id} timeline:\n${formatTable(lines)}`);
    }
  }
  parts.push(
    `\nAt ${formatInstant(now)} (${formatLocalWithZone(now, timeZone)}); local times in ${timeZone}.`,
  );
  return parts.join('\n');
}
