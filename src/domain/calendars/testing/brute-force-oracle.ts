import Holidays from 'date-holidays';
import { DateTime, Interval } from 'luxon';
import type { CalendarDefinition } from '../calendar-definition.ts';

/**
 * A deliberately slow and simple model of business time, used only by tests to check the compiled
 * `BusinessCalendar`. It shares no code with the engine: it reads the wall clock with luxon one instant at a
 * time and applies the rules of the specification literally, without compiled intervals or offset
 * arithmetic. Region holidays come straight from date-holidays. Nothing outside tests may import it.
 *
 * Precondition of the minute walks: open/closed is constant over every whole UTC minute. That holds when the
 * zone's offsets are whole minutes and closures start and end on whole minutes; `OracleTimeline` checks both.
 */

const MINUTE_MS = 60_000;
const MINUTES_PER_DAY = 1440;

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Why an instant is closed, or that it is open; closure wins over holiday, holiday over opening hours. */
export type OracleKind = 'open' | 'closure' | 'holiday' | 'outside_hours';

export interface OracleSpan {
  readonly start: number;
  readonly end: number;
  readonly kind: OracleKind;
}

/** `"HH:MM"` → minutes after midnight; `"24:00"` → 1440. */
function minutesOf(clock: string): number {
  const [h, m] = clock.trim().split(':');
  return Number(h) * 60 + Number(m);
}

/** An opening interval in minutes after its weekday's midnight; an end before the start crosses midnight. */
function intervalOf(text: string): { start: number; end: number } {
  const [a, b] = text.split('-');
  const start = minutesOf(a ?? '');
  const end = minutesOf(b ?? '');
  return { start, end: end > start ? end : end + MINUTES_PER_DAY };
}

/** Luxon weekdays: Monday = 1 … Sunday = 7. */
const LUXON_WEEKDAY: Readonly<Record<string, number>> = {
  mon: 1,
  tue: 2,
  wed: 3,
  thu: 4,
  fri: 5,
  sat: 6,
  sun: 7,
};

const regionCache = new Map<string, Set<string>>();

/**
 * Every local date (`YYYY-MM-DD`) covered by a public holiday of a region listed for the year before, the
 * year itself or the year after; a holiday lasting n days (`P3D`) covers n dates from its first.
 */
function regionHolidays(region: string, year: number): Set<string> {
  const key = `${region}:${year}`;
  let dates = regionCache.get(key);
  if (!dates) {
    const [country = '', state, sub] = region.toUpperCase().split('-');
    const hd =
      state === undefined
        ? new Holidays(country)
        : sub === undefined
          ? new Holidays(country, state)
          : new Holidays(country, state, sub);
    dates = new Set<string>();
    for (const h of [year - 1, year, year + 1].flatMap((y) => hd.getHolidays(y) || [])) {
      if (h.type !== 'public') continue;
      const first = DateTime.fromISO(h.date.slice(0, 10), { zone: 'UTC' });
      const days = Math.max(1, Math.round(Interval.fromDateTimes(h.start, h.end).length('days')));
      for (let i = 0; i < days; i++) dates.add(first.plus({ days: i }).toFormat('yyyy-MM-dd'));
    }
    regionCache.set(key, dates);
  }
  return dates;
}

/** A valid calendar definition, read once into plain lists. */
export class OracleCalendar {
  readonly zone: string;
  /** Null for 24/7; otherwise luxon weekday → intervals in minutes (an end past 1440 runs overnight). */
  private readonly hours: Map<number, { start: number; end: number }[]> | null;
  private readonly dates: Set<string>;
  private readonly yearly: Set<string>;
  private readonly regions: readonly string[];
  readonly closures: readonly { readonly from: number; readonly to: number }[];

  constructor(def: CalendarDefinition) {
    this.zone = def.timeZone;
    if (def.hours === undefined || def.hours === null) {
      this.hours = null;
    } else {
      this.hours = new Map();
      for (const [day, list] of Object.entries(def.hours)) {
        const weekday = LUXON_WEEKDAY[day.toLowerCase()];
        if (weekday === undefined) throw new Error(`oracle: unknown weekday ${day}`);
        const items = typeof list === 'string' ? [list] : (list ?? []);
        this.hours.set(weekday, [...(this.hours.get(weekday) ?? []), ...items.map(intervalOf)]);
      }
    }
    const holidayDates = (def.holidays ?? []).map((h) => (typeof h === 'string' ? h : h.date));
    this.dates = new Set(holidayDates.filter((d) => d.length === 10));
    this.yearly = new Set(holidayDates.filter((d) => d.length === 5));
    this.regions = def.holidayRegions ?? [];
    this.closures = (def.closures ?? []).map((c) => ({
      from: DateTime.fromISO(c.from).toMillis(),
      to: DateTime.fromISO(c.to).toMillis(),
    }));
  }

  /** The wall clock at an instant. */
  wallAt(t: number): DateTime {
    return DateTime.fromMillis(t, { zone: this.zone });
  }

  isHoliday(wall: DateTime): boolean {
    const monthDay = `${pad2(wall.month)}-${pad2(wall.day)}`;
    const date = `${String(wall.year).padStart(4, '0')}-${monthDay}`;
    if (this.dates.has(date)) return true;
    if (this.yearly.has(monthDay)) return true;
    return this.regions.some((region) => regionHolidays(region, wall.year).has(date));
  }

  /** Whether the opening hours (ignoring holidays and closures) cover this wall-clock reading. */
  inHours(wall: DateTime): boolean {
    if (this.hours === null) return true;
    const msOfDay = ((wall.hour * 60 + wall.minute) * 60 + wall.second) * 1000 + wall.millisecond;
    const today = this.hours.get(wall.weekday) ?? [];
    const yesterday = this.hours.get(wall.weekday === 1 ? 7 : wall.weekday - 1) ?? [];
    const inToday = today.some(
      (iv) => iv.start * MINUTE_MS <= msOfDay && msOfDay < Math.min(iv.end, MINUTES_PER_DAY) * MINUTE_MS,
    );
    const inSpill = yesterday.some(
      (iv) => iv.end > MINUTES_PER_DAY && msOfDay < (iv.end - MINUTES_PER_DAY) * MINUTE_MS,
    );
    return inToday || inSpill;
  }

  kindAt(t: number, wall: DateTime = this.wallAt(t)): OracleKind {
    if (this.closures.some((c) => c.from <= t && t < c.to)) return 'closure';
    if (this.isHoliday(wall)) return 'holiday';
    return this.inHours(wall) ? 'open' : 'outside_hours';
  }

  isOpen(t: number): boolean {
    return this.kindAt(t) === 'open';
  }
}

/**
 * The kind of every whole UTC minute of a window, read one minute at a time. All answers are computed from
 * that list; questions outside the window return undefined rather than guess.
 */
export class OracleTimeline {
  readonly first: number;
  readonly end: number;
  readonly kinds: readonly OracleKind[];

  constructor(cal: OracleCalendar, from: number, to: number) {
    this.first = Math.floor(from / MINUTE_MS) * MINUTE_MS;
    this.end = Math.ceil(to / MINUTE_MS) * MINUTE_MS;
    for (const c of cal.closures) {
      if (c.from % MINUTE_MS !== 0 || c.to % MINUTE_MS !== 0)
        throw new Error('oracle: closures must be minute-aligned');
    }
    const kinds: OracleKind[] = [];
    for (let m = this.first; m < this.end; m += MINUTE_MS) {
      const wall = cal.wallAt(m);
      if (wall.second !== 0 || wall.millisecond !== 0)
        throw new Error(`oracle: ${cal.zone} has no whole-minute offset`);
      kinds.push(cal.kindAt(m, wall));
    }
    this.kinds = kinds;
  }

  private covers(from: number, to: number): boolean {
    return from >= this.first && to <= this.end;
  }

  /** The kind of the minute holding t. */
  kindAt(t: number): OracleKind | undefined {
    if (!this.covers(t, t + 1)) return undefined;
    return this.kinds[Math.floor((t - this.first) / MINUTE_MS)];
  }

  /** Open milliseconds in `[from, to)`, counting partial minutes by their overlap. */
  elapsed(from: number, to: number): number | undefined {
    if (!(to > from)) return 0;
    if (!this.covers(from, to)) return undefined;
    let sum = 0;
    for (let i = 0; i < this.kinds.length; i++) {
      const m = this.first + i * MINUTE_MS;
      const overlap = Math.min(m + MINUTE_MS, to) - Math.max(m, from);
      if (overlap > 0 && this.kinds[i] === 'open') sum += overlap;
    }
    return sum;
  }

  /** The earliest t >= start with elapsed(start, t) >= duration, or undefined when it lies past the window. */
  due(start: number, duration: number): number | undefined {
    if (duration === 0) return start;
    if (!this.covers(start, start)) return undefined;
    let left = duration;
    for (let i = 0; i < this.kinds.length; i++) {
      const m = this.first + i * MINUTE_MS;
      const from = Math.max(m, start);
      const to = m + MINUTE_MS;
      if (to <= from || this.kinds[i] !== 'open') continue;
      if (left <= to - from) return from + left;
      left -= to - from;
    }
    return undefined;
  }

  /** Maximal runs of one kind inside `[from, to)`, clipped to it. */
  spans(from: number, to: number): OracleSpan[] | undefined {
    if (!(to > from)) return [];
    if (!this.covers(from, to)) return undefined;
    const out: { start: number; end: number; kind: OracleKind }[] = [];
    for (let i = 0; i < this.kinds.length; i++) {
      const m = this.first + i * MINUTE_MS;
      const start = Math.max(m, from);
      const end = Math.min(m + MINUTE_MS, to);
      const kind = this.kinds[i];
      if (end <= start || kind === undefined) continue;
      const last = out[out.length - 1];
      if (last && last.kind === kind && last.end === start) last.end = end;
      else out.push({ start, end, kind });
    }
    return out;
  }

  /** The open periods inside `[from, to)`, clipped and merged. */
  openIntervals(from: number, to: number): { start: number; end: number }[] | undefined {
    return this.spans(from, to)
      ?.filter((s) => s.kind === 'open')
      .map((s) => ({ start: s.start, end: s.end }));
  }
}

/** Whether the calendar is open at instant t. */
export function oracleIsOpen(def: CalendarDefinition, t: number): boolean {
  return new OracleCalendar(def).isOpen(t);
}

/** Open time inside `[from, to)` in milliseconds, by walking every UTC minute. */
export function oracleElapsed(def: CalendarDefinition, from: number, to: number): number {
  if (!(to > from)) return 0;
  return new OracleTimeline(new OracleCalendar(def), from, to).elapsed(from, to) ?? 0;
}

/**
 * The earliest t >= start with elapsed(start, t) >= duration, by walking minutes forward up to `horizon`
 * milliseconds; undefined when the budget is not used up by then.
 */
export function oracleDue(
  def: CalendarDefinition,
  start: number,
  duration: number,
  horizon: number,
): number | undefined {
  return new OracleTimeline(new OracleCalendar(def), start, start + horizon).due(start, duration);
}

/**
 * t when open, else the first open whole UTC minute after t, searching up to `horizon` milliseconds; undefined
 * when there is none by then.
 */
export function oracleNextOpen(def: CalendarDefinition, t: number, horizon: number): number | undefined {
  const cal = new OracleCalendar(def);
  if (cal.isOpen(t)) return t;
  for (let m = Math.floor(t / MINUTE_MS) * MINUTE_MS + MINUTE_MS; m < t + horizon; m += MINUTE_MS) {
    if (cal.isOpen(m)) return m;
  }
  return undefined;
}
