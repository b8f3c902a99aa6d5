import { ZoneRules } from '../domain/calendars/time-zone.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS } from '../domain/shared/time.ts';

/** Human-readable renderings of instants and durations. Nothing here reads the process time zone. */

const WEEKDAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTH_NAMES = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** The wall-clock reading of an instant in a zone, as a naive millisecond count read with UTC getters. */
function wallClock(instant: number, timeZone: string): Date {
  return new Date(instant + ZoneRules.of(timeZone).offsetAt(instant));
}

/** `12:00`, or `12:00:30` / `12:00:30.250` when there are seconds or milliseconds. */
function timeOfDay(wall: Date): string {
  const hm = `${pad2(wall.getUTCHours())}:${pad2(wall.getUTCMinutes())}`;
  const s = wall.getUTCSeconds();
  const ms = wall.getUTCMilliseconds();
  if (s === 0 && ms === 0) return hm;
  return ms === 0 ? `${hm}:${pad2(s)}` : `${hm}:${pad2(s)}.${String(ms).padStart(3, '0')}`;
}

/** `Mon 30 Mar 2026` */
function dateOf(wall: Date): string {
  const weekday = WEEKDAY_NAMES[wall.getUTCDay()] ?? '';
  const month = MONTH_NAMES[wall.getUTCMonth()] ?? '';
  return `${weekday} ${wall.getUTCDate()} ${month} ${wall.getUTCFullYear()}`;
}

/** `Mon 30 Mar 2026 12:00` in the zone, without naming the zone. */
export function formatLocal(instant: number, timeZone: string): string {
  const wall = wallClock(instant, timeZone);
  return `${dateOf(wall)} ${timeOfDay(wall)}`;
}

/** `Mon 30 Mar 2026 12:00 Europe/Berlin` */
export function formatLocalWithZone(instant: number, timeZone: string): string {
  return `${formatLocal(instant, timeZone)} ${timeZone}`;
}

/** `UTC+02:00`, `UTC-02:30` */
function formatOffset(offset: number): string {
  const abs = Math.abs(offset);
  return `${offset < 0 ? '-' : '+'}${pad2(Math.floor(abs / HOUR_MS))}:${pad2(Math.floor((abs % HOUR_MS) / MINUTE_MS))}`;
}

/**
 * A local period on one line: `Fri 27 Mar 2026 15:00–16:00` when it ends on the day it starts (or at that
 * day's midnight, shown as 24:00), else both ends in full. Near a clock change the UTC offsets are shown,
 * since wall-clock readings alone are then ambiguous (02:00–02:30 happens twice when clocks fall back).
 */
export function formatLocalPeriod(start: number, end: number, timeZone: string): string {
  const zone = ZoneRules.of(timeZone);
  const a = wallClock(start, timeZone);
  const b = wallClock(end, timeZone);
  const startDay = Math.floor(a.getTime() / DAY_MS);
  const endDay = Math.floor(b.getTime() / DAY_MS);
  const untilMidnight = endDay === startDay + 1 && b.getTime() === endDay * DAY_MS;
  const sameDay = endDay === startDay || untilMidnight;
  const endTime = untilMidnight ? '24:00' : timeOfDay(b);
  if (zone.segments(start - DAY_MS, end + DAY_MS).length === 1) {
    return sameDay
      ? `${dateOf(a)} ${timeOfDay(a)}–${endTime}`
      : `${dateOf(a)} ${timeOfDay(a)} – ${dateOf(b)} ${endTime}`;
  }
  const startOffset = zone.offsetAt(start);
  const endOffset = zone.offsetAt(end);
  if (startOffset === endOffset && sameDay)
    return `${dateOf(a)} ${timeOfDay(a)}–${endTime} (UTC${formatOffset(startOffset)})`;
  const endDate = sameDay ? '' : `${dateOf(b)} `;
  return `${dateOf(a)} ${timeOfDay(a)} (UTC${formatOffset(startOffset)}) – ${endDate}${endTime} (UTC${formatOffset(endOffset)})`;
}

/** `2026-03-30T12:00:00+02:00`: the local reading with its UTC offset, for machines. */
export function formatOffsetInstant(instant: number, timeZone: string): string {
  const offset = ZoneRules.of(timeZone).offsetAt(instant);
  const wall = new Date(instant + offset).toISOString();
  const local = wall.endsWith('.000Z') ? wall.slice(0, -5) : wall.slice(0, -1);
  return `${local}${formatOffset(offset)}`;
}

/**
 * `4h 30m`, `45m 10s`, `0s`, `1s 250ms`. Hours are not folded into days: a day of business time means
 * different things to different calendars.
 */
export function formatHuman(ms: number): string {
  if (ms === 0) return '0s';
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  const parts: string[] = [];
  for (const [unit, size] of [
    ['h', HOUR_MS],
    ['m', MINUTE_MS],
    ['s', SECOND_MS],
    ['ms', 1],
  ] as const) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) parts.push(`${n}${unit}`);
  }
  return sign + parts.join(' ');
}

/** `4h 30m (16200000 ms)` */
export function formatHumanWithMs(ms: number): string {
  return `${formatHuman(ms)} (${ms} ms)`;
}

/** Lays rows out in left-aligned columns separated by two spaces; trailing spaces are trimmed. */
export function formatTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, [...cell].length);
    });
  }
  return rows
    .map((row) =>
      row
        .map((cell, i) =>
          i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - [...cell].length),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
