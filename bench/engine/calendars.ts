import type { CalendarDefinition } from '../../src/domain/calendars/calendar-definition.ts';
import type { Random } from '../lib/prng.ts';

/**
 * A calendar that Pledge and both peers can express: opening intervals per weekday (no overnight) and whole
 * holiday dates, read in the process's local time zone (the peers know no other zone).
 */
export interface CalendarCase {
  readonly id: string;
  /** Opening intervals per weekday, 0 = Sunday … 6 = Saturday, in minutes after local midnight. */
  readonly week: readonly (readonly (readonly [number, number])[])[];
  /** Local dates, YYYY-MM-DD. */
  readonly holidays: readonly string[];
}

export const MINUTE_MS = 60_000;
export const DAY_MINUTES = 1440;

/** First local date inputs start on, and how many days they spread over (2025-01-01 … 2026-06-30). */
export const INPUT_FIRST_DAY = { year: 2025, month: 0, day: 1 } as const;
export const INPUT_DAYS = 546;

const JS_WEEKDAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const DAYJS_WEEKDAY_NAMES = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
] as const;
const FIXED_HOLIDAYS = ['2025-05-01', '2025-12-25', '2025-12-26', '2026-01-01'];

/**
 * Random office calendars: Monday to Friday with a random opening and closing time, half of them with a
 * lunch break, some with a short Friday or a Saturday morning, and eight holidays (four fixed, four random).
 */
export function randomCalendars(rng: Random, count: number): CalendarCase[] {
  const out: CalendarCase[] = [];
  for (let k = 0; k < count; k++) {
    const open = rng.pick([420, 450, 480, 510, 540]);
    const close = rng.pick([960, 990, 1020, 1050, 1080]);
    const lunch = rng.chance(0.5) ? rng.pick([720, 750]) : undefined;
    const lunchLength = rng.pick([30, 45, 60]);
    const day = (closeAt: number): [number, number][] =>
      lunch === undefined
        ? [[open, closeAt]]
        : [
            [open, lunch],
            [lunch + lunchLength, closeAt],
          ];
    const week: [number, number][][] = [[], day(close), day(close), day(close), day(close), day(close), []];
    if (rng.chance(0.5)) week[5] = day(close - 120);
    if (rng.chance(0.3)) week[6] = [[540, 780]];
    const holidays = new Set(FIXED_HOLIDAYS);
    while (holidays.size < FIXED_HOLIDAYS.length + 4)
      holidays.add(localDateKey(localInstant(rng.int(0, INPUT_DAYS + 90), 0)));
    out.push({ id: `cal${k + 1}`, week, holidays: [...holidays].sort() });
  }
  return out;
}

/** A short description such as "Mon-Fri 08:00-12:00 13:00-17:00, Fri to 15:00, Sat 09:00-13:00". */
export function describeCalendar(c: CalendarCase): string {
  const fmt = (list: readonly (readonly [number, number])[]): string =>
    list.map(([a, b]) => `${hhmm(a)}-${hhmm(b)}`).join(' ');
  const parts = [`Mon-Thu ${fmt(c.week[1] ?? [])}`, `Fri ${fmt(c.week[5] ?? [])}`];
  if ((c.week[6] ?? []).length > 0) parts.push(`Sat ${fmt(c.week[6] ?? [])}`);
  return `${parts.join(', ')}; ${c.holidays.length} holidays`;
}

export function pledgeDefinition(c: CalendarCase, timeZone: string): CalendarDefinition {
  const hours: Record<string, string[]> = {};
  c.week.forEach((list, weekday) => {
    if (list.length > 0)
      hours[JS_WEEKDAY_NAMES[weekday] as string] = list.map(([a, b]) => `${hhmm(a)}-${hhmm(b)}`);
  });
  return { name: c.id, timeZone, hours, holidays: [...c.holidays] };
}

/** moment-business-time's locale fields: `workinghours` by weekday number, as flat open/close lists. */
export function momentLocale(c: CalendarCase): {
  workinghours: Record<number, string[] | null>;
  holidays: string[];
} {
  const workinghours: Record<number, string[] | null> = {};
  c.week.forEach((list, weekday) => {
    workinghours[weekday] =
      list.length === 0 ? null : list.flatMap(([a, b]) => [`${hhmm(a)}:00`, `${hhmm(b)}:00`]);
  });
  return { workinghours, holidays: [...c.holidays] };
}

export type DayjsWeekday = (typeof DAYJS_WEEKDAY_NAMES)[number];

/** dayjs-business-time's `BusinessHoursMap`. */
export function dayjsBusinessHours(
  c: CalendarCase,
): Record<DayjsWeekday, { start: string; end: string }[] | null> {
  const map = {} as Record<DayjsWeekday, { start: string; end: string }[] | null>;
  c.week.forEach((list, weekday) => {
    map[DAYJS_WEEKDAY_NAMES[weekday] as DayjsWeekday] =
      list.length === 0 ? null : list.map(([a, b]) => ({ start: `${hhmm(a)}:00`, end: `${hhmm(b)}:00` }));
  });
  return map;
}

/** Every opening and closing minute of a weekday (or of the week, when the day is closed). */
export function boundariesOf(c: CalendarCase, weekday: number): number[] {
  const list = (c.week[weekday] ?? []).length > 0 ? (c.week[weekday] ?? []) : c.week.flat();
  return list.flatMap(([a, b]) => [a, b]);
}

// ---- local time of the process (the zone the peers compute in) -------------------------------------

/** The instant of a local wall-clock reading `minute` minutes after midnight of input day `dayIndex`. */
export function localInstant(dayIndex: number, minute: number): number {
  const { year, month, day } = INPUT_FIRST_DAY;
  return new Date(year, month, day + dayIndex, 0, minute).getTime();
}

export interface LocalParts {
  readonly weekday: number;
  readonly minute: number;
  readonly date: string;
}

export function localParts(t: number): LocalParts {
  const d = new Date(t);
  return {
    weekday: d.getDay(),
    minute: d.getHours() * 60 + d.getMinutes() + d.getSeconds() / 60,
    date: localDateKey(t),
  };
}

export function localDateKey(t: number): string {
  const d = new Date(t);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The same instant's local midnight plus `minute` minutes. */
export function atLocalMinute(t: number, minute: number): number {
  const d = new Date(t);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate(), 0, minute).getTime();
}

/** Whether the UTC offset of the local zone differs between two instants (a DST change lies between). */
export function crossesOffsetChange(a: number, b: number): boolean {
  return new Date(a).getTimezoneOffset() !== new Date(b).getTimezoneOffset();
}

function hhmm(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
