import { DomainError } from '../shared/errors.ts';
import { assertInstant, DAY_MS, MINUTE_MS, type Interval } from '../shared/time.ts';
import { MINUTES_PER_DAY, parseCalendar, type CalendarSpec, type OpeningInterval } from './calendar-definition.ts';
import { publicHolidays } from './holiday-regions.ts';
import { civilOf, formatEpochDay, monthDayKey, weekdayOf, type EpochDay } from './local-date.ts';
import { instantOfWall, ZoneRules, type OffsetSegment } from './time-zone.ts';

/**
 * Chunks of UTC time that are compiled on demand. 52 weeks keeps a chunk near a year; nothing depends on
 * the exact length because every chunk is compiled from local dates overlapping it and clipped to it.
 */
const CHUNK_MS = 364 * DAY_MS;
/** Local dates compiled around a chunk, so that wide offsets and folds near its edges are covered. */
const MARGIN_DAYS = 2;
/** How far `due` and `nextOpen` search before deciding the calendar never opens again. */
const MAX_SEARCH_CHUNKS = 12;

/** Why an instant is closed, or that it is open; used by `explain`. */
export type SpanKind = 'open' | 'outside_hours' | 'holiday' | 'closure';

export interface ExplainedSpan extends Interval {
  readonly kind: SpanKind;
  /** The holiday's name or the closure's reason. */
  readonly label?: string;
}

/** The open periods of one chunk as parallel typed arrays: compact and binary-searchable. */
class Chunk {
  /** Per UTC day of the chunk: the last interval starting at or before that day's start, or -1. */
  private readonly dayIndex: Int32Array;

  constructor(
    private readonly chunkStart: number,
    readonly starts: Float64Array,
    readonly ends: Float64Array,
    /** Open time from the chunk's start to the end of interval i. */
    readonly cumEnd: Float64Array,
  ) {
    const days = Math.ceil(CHUNK_MS / DAY_MS);
    this.dayIndex = new Int32Array(days);
    let i = -1;
    for (let d = 0; d < days; d++) {
      const dayStart = chunkStart + d * DAY_MS;
      while (i + 1 < starts.length && (starts[i + 1] as number) <= dayStart) i++;
      this.dayIndex[d] = i;
    }
  }

  get total(): number {
    const n = this.cumEnd.length;
    return n === 0 ? 0 : (this.cumEnd[n - 1] as number);
  }

  /**
   * Index of the last interval starting at or before t, or -1. The day index lands within a day of the
   * answer, and a day holds few intervals, so a short forward scan beats a binary search here.
   */
  indexAt(t: number): number {
    const starts = this.starts;
    const n = starts.length;
    const day = Math.floor((t - this.chunkStart) / DAY_MS);
    // Callers may ask about instants on either side of the chunk (openIntervals does).
    if (day < 0) return -1;
    let i = this.dayIndex[Math.min(day, this.dayIndex.length - 1)] as number;
    while (i + 1 < n && (starts[i + 1] as number) <= t) i++;
    return i;
  }

  /** Open time from the chunk's start to t (t inside the chunk). */
  cumAt(t: number): number {
    const i = this.indexAt(t);
    if (i < 0) return 0;
    const end = this.ends[i] as number;
    const cum = this.cumEnd[i] as number;
    return t >= end ? cum : cum - (end - t);
  }

  /** The earliest instant at which the chunk's open time reaches `target` (0 < target <= total). */
  instantAtCum(target: number): number {
    const cumEnd = this.cumEnd;
    let lo = 0;
    let hi = cumEnd.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumEnd[mid] as number) >= target) hi = mid;
      else lo = mid + 1;
    }
    return (this.ends[lo] as number) - ((cumEnd[lo] as number) - target);
  }

  get byteSize(): number {
    return this.starts.byteLength + this.ends.byteLength + this.cumEnd.byteLength;
  }
}

export interface BusinessDayOptions {
  /** Land at the close of that business day instead of the same time of day. */
  readonly endOfDay?: boolean;
}

/**
 * A calendar compiled into UTC open intervals with running totals. Every question is a binary search or two.
 * Instants are UTC epoch milliseconds; intervals are half-open.
 */
export class BusinessCalendar {
  readonly spec: CalendarSpec;
  private readonly zone: ZoneRules;
  private readonly chunks = new Map<number, Chunk>();
  private lastIndex = Number.NaN;
  private lastChunk: Chunk | undefined;
  /** Weekly intervals per weekday, and the overnight parts spilling into the next day. */
  private readonly own: readonly (readonly [number, number][])[];
  private readonly spill: readonly (readonly [number, number][])[];

  constructor(spec: CalendarSpec) {
    this.spec = spec;
    this.zone = ZoneRules.of(spec.timeZone);
    const own: [number, number][][] = [[], [], [], [], [], [], []];
    const spill: [number, number][][] = [[], [], [], [], [], [], []];
    const hours: readonly OpeningInterval[] =
      spec.hours ?? [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: 0, end: MINUTES_PER_DAY }));
    for (const iv of hours) {
      own[iv.weekday]?.push([iv.start, Math.min(iv.end, MINUTES_PER_DAY)]);
      if (iv.end > MINUTES_PER_DAY) spill[(iv.weekday + 1) % 7]?.push([0, iv.end - MINUTES_PER_DAY]);
    }
    this.own = own;
    this.spill = spill;
  }

  /** Validates a definition and compiles it. */
  static from(definition: unknown): BusinessCalendar {
    return new BusinessCalendar(parseCalendar(definition));
  }

  get timeZone(): string {
    return this.spec.timeZone;
  }

  // ---- the questions -------------------------------------------------------------------------------

  /** Open time inside `[from, to)` in milliseconds; 0 when `to <= from`. */
  elapsed(from: number, to: number): number {
    if (!(to > from)) return 0;
    const ci = Math.floor(from / CHUNK_MS);
    const cj = Math.floor(to / CHUNK_MS);
    if (ci === cj) {
      const c = this.chunk(ci, from);
      return c.cumAt(to) - c.cumAt(from);
    }
    this.checkRange(to);
    const first = this.chunk(ci, from);
    let sum = first.total - first.cumAt(from);
    for (let k = ci + 1; k < cj; k++) sum += this.chunk(k, k * CHUNK_MS).total;
    return sum + this.chunk(cj, to).cumAt(to);
  }

  /**
   * The earliest instant `t >= start` with `elapsed(start, t) >= duration`. A budget used up exactly at a
   * closing time gives that closing time; a duration of 0 gives `start`.
   * @throws DomainError CALENDAR_NEVER_OPEN when the calendar has no open time for years after start.
   */
  due(start: number, duration: number): number {
    if (!(duration > 0)) {
      if (duration === 0) return this.checkRange(start);
      throw new DomainError('DURATION_INVALID', 'a duration must not be negative', { duration });
    }
    let index = Math.floor(start / CHUNK_MS);
    let c = this.chunk(index, start);
    let target = c.cumAt(start) + duration;
    const limit = index + MAX_SEARCH_CHUNKS;
    while (target > c.total) {
      target -= c.total;
      index++;
      if (index > limit) this.neverOpen(start);
      c = this.chunk(index, index * CHUNK_MS);
    }
    return c.instantAtCum(target);
  }

  isOpen(t: number): boolean {
    const c = this.chunk(Math.floor(t / CHUNK_MS), t);
    const i = c.indexAt(t);
    return i >= 0 && t < (c.ends[i] as number);
  }

  /** `t` itself when open, else the start of the next open period. */
  nextOpen(t: number): number {
    let index = Math.floor(t / CHUNK_MS);
    let c = this.chunk(index, t);
    const i = c.indexAt(t);
    if (i >= 0 && t < (c.ends[i] as number)) return t;
    if (i + 1 < c.starts.length) return c.starts[i + 1] as number;
    const limit = index + MAX_SEARCH_CHUNKS;
    for (;;) {
      index++;
      if (index > limit) this.neverOpen(t);
      c = this.chunk(index, index * CHUNK_MS);
      if (c.starts.length > 0) return c.starts[0] as number;
    }
  }

  /** The open periods inside `[from, to)`, clipped to it and merged across internal boundaries. */
  openIntervals(from: number, to: number): Interval[] {
    const out: { start: number; end: number }[] = [];
    if (!(to > from)) return out;
    this.checkRange(to);
    for (let k = Math.floor(from / CHUNK_MS); k <= Math.floor(to / CHUNK_MS); k++) {
      const c = this.chunk(k, Math.max(from, k * CHUNK_MS));
      for (let i = Math.max(0, c.indexAt(from)); i < c.starts.length; i++) {
        const s = Math.max(c.starts[i] as number, from);
        const e = Math.min(c.ends[i] as number, to);
        if (s >= to) break;
        if (e <= s) continue;
        const last = out[out.length - 1];
        if (last && last.end === s) last.end = e;
        else out.push({ start: s, end: e });
      }
    }
    return out;
  }

  /**
   * N business days after `start`: the same local time of day on the N-th following date that has open
   * time (or the next open instant if that time is closed); with `endOfDay`, the close of that date's last
   * open period. N = 0 means the start's own date (or the next open date when it has no open time; with
   * `endOfDay`, also when its open time is over by the start).
   */
  addBusinessDays(start: number, days: number, options: BusinessDayOptions = {}): number {
    if (!Number.isInteger(days) || days < 0) {
      throw new DomainError('BUSINESS_DAYS_INVALID', 'business days must be a whole number of 0 or more', { days });
    }
    this.checkRange(start);
    const segs = this.zone.segments(start - 2 * DAY_MS, start + 2 * DAY_MS);
    const wall = start + this.zone.offsetAt(start);
    const startDay = Math.floor(wall / DAY_MS);
    const timeOfDay = wall - startDay * DAY_MS;
    let day = startDay;
    let counted = 0;
    const maxDay = startDay + MAX_SEARCH_CHUNKS * 364;
    const hasOpenTime = (d: EpochDay, after = -Infinity): boolean =>
      this.elapsed(Math.max(after, this.dayStart(d)), this.dayStart(d + 1)) > 0;
    if (days === 0) {
      // The close of the start's own date counts only while that date still has open time after the start;
      // otherwise the answer would lie before the start.
      const after = options.endOfDay ? start : -Infinity;
      while (!hasOpenTime(day, day === startDay ? after : -Infinity)) if (++day > maxDay) this.neverOpen(start);
    } else {
      while (counted < days) {
        if (++day > maxDay) this.neverOpen(start);
        if (hasOpenTime(day)) counted++;
      }
    }
    if (options.endOfDay) {
      const dayEnd = this.dayStart(day + 1);
      const periods = this.openIntervals(this.dayStart(day), dayEnd);
      return (periods[periods.length - 1] as Interval).end;
    }
    if (days === 0 && day === startDay) return this.nextOpen(start);
    const target = instantOfWall(day * DAY_MS + timeOfDay, day === startDay ? segs : this.segmentsAround(day));
    return this.nextOpen(target);
  }

  /**
   * Explains `[from, to)` as consecutive spans: open, or closed because of a closure, a holiday or the
   * opening hours (in that order of precedence).
   */
  explain(from: number, to: number): ExplainedSpan[] {
    const out: ExplainedSpan[] = [];
    if (!(to > from)) return out;
    let cursor = from;
    for (const open of this.openIntervals(from, to)) {
      if (open.start > cursor) out.push(...this.explainClosed(cursor, open.start));
      out.push({ start: open.start, end: open.end, kind: 'open' });
      cursor = open.end;
    }
    if (cursor < to) out.push(...this.explainClosed(cursor, to));
    return out;
  }

  /** The holiday name of a local date, or undefined. */
  holidayOn(day: EpochDay): string | undefined {
    const spec = this.spec;
    const own = spec.dates.get(day);
    if (own !== undefined) return own;
    if (spec.yearly.size > 0) {
      const yearly = spec.yearly.get(monthDayKey(day));
      if (yearly !== undefined) return yearly;
    }
    if (spec.regions.length > 0) {
      const year = civilOf(day).year;
      for (const region of spec.regions) {
        for (const h of publicHolidays(region, year)) if (h.day === day) return h.name;
      }
    }
    return undefined;
  }

  /** Holidays (local dates and names) of a year, for previews. */
  holidaysOfYear(year: number): { date: string; name: string }[] {
    const out: { date: string; name: string }[] = [];
    const first = Math.round(Date.UTC(year, 0, 1) / DAY_MS);
    const last = Math.round(Date.UTC(year + 1, 0, 1) / DAY_MS);
    for (let d = first; d < last; d++) {
      const name = this.holidayOn(d);
      if (name !== undefined) out.push({ date: formatEpochDay(d), name });
    }
    return out;
  }

  /** Bytes held by the compiled chunks (for the memory benchmark). */
  compiledBytes(): { chunks: number; bytes: number } {
    let bytes = 0;
    for (const c of this.chunks.values()) bytes += c.byteSize;
    return { chunks: this.chunks.size, bytes };
  }

  // ---- compilation ---------------------------------------------------------------------------------

  private chunk(index: number, probe: number): Chunk {
    if (index === this.lastIndex) return this.lastChunk as Chunk;
    let c = this.chunks.get(index);
    if (!c) {
      this.checkRange(probe);
      c = this.compile(index * CHUNK_MS, (index + 1) * CHUNK_MS);
      this.chunks.set(index, c);
    }
    this.lastIndex = index;
    this.lastChunk = c;
    return c;
  }

  private compile(chunkStart: number, chunkEnd: number): Chunk {
    const segments = this.zone.segments(chunkStart - (MARGIN_DAYS + 1) * DAY_MS, chunkEnd + (MARGIN_DAYS + 1) * DAY_MS);
    const firstDay = Math.floor(chunkStart / DAY_MS) - MARGIN_DAYS;
    const lastDay = Math.floor(chunkEnd / DAY_MS) + MARGIN_DAYS;
    const spans: number[] = [];
    for (let day = firstDay; day <= lastDay; day++) {
      if (this.holidayOn(day) !== undefined) continue;
      const wd = weekdayOf(day);
      const base = day * DAY_MS;
      for (const list of [this.spill[wd], this.own[wd]]) {
        for (const [a, b] of list ?? []) {
          const wallStart = base + a * MINUTE_MS;
          const wallEnd = base + b * MINUTE_MS;
          for (const seg of segments) {
            const lo = Math.max(wallStart - seg.offset, seg.start, chunkStart);
            const hi = Math.min(wallEnd - seg.offset, seg.end, chunkEnd);
            if (lo < hi) spans.push(lo, hi);
          }
        }
      }
    }
    const merged = mergePairs(spans);
    const open = subtractClosures(merged, this.spec.closures);
    const n = open.length / 2;
    const starts = new Float64Array(n);
    const ends = new Float64Array(n);
    const cumEnd = new Float64Array(n);
    let cum = 0;
    for (let i = 0; i < n; i++) {
      const s = open[2 * i] as number;
      const e = open[2 * i + 1] as number;
      starts[i] = s;
      ends[i] = e;
      cum += e - s;
      cumEnd[i] = cum;
    }
    return new Chunk(chunkStart, starts, ends, cumEnd);
  }

  // ---- helpers ---------------------------------------------------------------------------------------

  private segmentsAround(day: EpochDay): OffsetSegment[] {
    return this.zone.segments((day - 2) * DAY_MS, (day + 3) * DAY_MS);
  }

  /** The instant of a local date's midnight (or the first instant after it, in a gap). */
  private dayStart(day: EpochDay): number {
    return instantOfWall(day * DAY_MS, this.segmentsAround(day));
  }

  private explainClosed(from: number, to: number): ExplainedSpan[] {
    const cuts = new Set<number>([from, to]);
    for (const c of this.spec.closures) {
      if (c.to > from && c.from < to) {
        cuts.add(Math.max(c.from, from));
        cuts.add(Math.min(c.to, to));
      }
    }
    const holidays = new Map<number, { end: number; name: string }>();
    const firstDay = Math.floor((from + this.zone.offsetAt(from)) / DAY_MS);
    const lastDay = Math.floor((to + this.zone.offsetAt(to)) / DAY_MS);
    for (let day = firstDay; day <= lastDay; day++) {
      const name = this.holidayOn(day);
      if (name === undefined) continue;
      const s = Math.max(this.dayStart(day), from);
      const e = Math.min(this.dayStart(day + 1), to);
      if (s < e) {
        holidays.set(s, { end: e, name });
        cuts.add(s);
        cuts.add(e);
      }
    }
    const points = [...cuts].sort((a, b) => a - b);
    const out: ExplainedSpan[] = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const s = points[i] as number;
      const e = points[i + 1] as number;
      const closure = this.spec.closures.find((c) => c.from <= s && c.to >= e);
      let span: ExplainedSpan;
      if (closure) {
        span = closure.reason === undefined ? { start: s, end: e, kind: 'closure' } : { start: s, end: e, kind: 'closure', label: closure.reason };
      } else {
        const holiday = [...holidays.entries()].find(([hs, h]) => hs <= s && h.end >= e);
        span = holiday ? { start: s, end: e, kind: 'holiday', label: holiday[1].name } : { start: s, end: e, kind: 'outside_hours' };
      }
      const last = out[out.length - 1];
      if (last && last.kind === span.kind && last.label === span.label && last.end === s) {
        out[out.length - 1] = { ...last, end: e };
      } else out.push(span);
    }
    return out;
  }

  private checkRange(t: number): number {
    return assertInstant(t);
  }

  private neverOpen(from: number): never {
    throw new DomainError('CALENDAR_NEVER_OPEN', 'the calendar has no open time for more than ten years after this instant', {
      from,
    });
  }
}

/** Sorts [s0, e0, s1, e1, …] pairs and merges overlapping or touching ones. */
function mergePairs(flat: number[]): number[] {
  const n = flat.length / 2;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (flat[2 * a] as number) - (flat[2 * b] as number));
  const out: number[] = [];
  for (const i of order) {
    const s = flat[2 * i] as number;
    const e = flat[2 * i + 1] as number;
    const last = out.length - 1;
    if (last > 0 && s <= (out[last] as number)) out[last] = Math.max(out[last] as number, e);
    else out.push(s, e);
  }
  return out;
}

/** Removes the (sorted, merged) closures from sorted, merged open pairs. */
function subtractClosures(open: number[], closures: readonly { from: number; to: number }[]): number[] {
  if (closures.length === 0) return open;
  const out: number[] = [];
  let k = 0;
  for (let i = 0; i < open.length; i += 2) {
    let s = open[i] as number;
    const e = open[i + 1] as number;
    while (k < closures.length && (closures[k] as { to: number }).to <= s) k++;
    let j = k;
    while (s < e) {
      const c = closures[j];
      if (!c || c.from >= e) {
        out.push(s, e);
        break;
      }
      if (c.from > s) out.push(s, c.from);
      s = Math.max(s, c.to);
      j++;
    }
  }
  return out;
}
