import { availability, type AvailabilityFigures, type StateSpan } from '../availability/availability.ts';
import type { BusinessCalendar } from '../calendars/business-calendar.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS, type Interval } from '../shared/time.ts';
import type { CheckResult, MonitorStateSpan } from './types.ts';

/*
 * Rollups: time-weighted state per UTC minute, hour and day, so that a 30-day figure reads about 30 day
 * rows, up to 46 hour rows and up to 118 minute rows instead of every span.
 *
 * The buckets must be fed one timeline (non-overlapping spans, maintenance already laid over them with
 * `applyMaintenance`); time no span covers is not in any bucket and counts as unknown when figures are
 * read. The figures come out exactly as the availability formula would compute them from the spans.
 */

export type BucketSize = 'minute' | 'hour' | 'day';

export const BUCKET_MS: Readonly<Record<BucketSize, number>> = {
  minute: MINUTE_MS,
  hour: HOUR_MS,
  day: DAY_MS,
};

export interface RollupBucket {
  /** The UTC minute, hour or day the bucket covers, from this instant. */
  readonly bucketStart: number;
  readonly upMs: number;
  readonly degradedMs: number;
  readonly downMs: number;
  readonly maintenanceMs: number;
  readonly unknownMs: number;
  readonly checks: number;
  readonly failedChecks: number;
  readonly latencySumMs: number;
  readonly latencyCount: number;
}

/** The buckets of one size, keyed by `bucketStart`. */
export type BucketMap = Map<number, RollupBucket>;

/** Buckets of every size, as read back for a plan. */
export type BucketsBySize = Readonly<Record<BucketSize, readonly RollupBucket[]>>;

export const bucketStartOf = (t: number, size: BucketSize): number =>
  Math.floor(t / BUCKET_MS[size]) * BUCKET_MS[size];

export const emptyBucket = (bucketStart: number): RollupBucket => ({
  bucketStart,
  upMs: 0,
  degradedMs: 0,
  downMs: 0,
  maintenanceMs: 0,
  unknownMs: 0,
  checks: 0,
  failedChecks: 0,
  latencySumMs: 0,
  latencyCount: 0,
});

/** Adds two buckets' figures field by field; the result keeps `a`'s `bucketStart`. */
export function addBuckets(a: RollupBucket, b: RollupBucket): RollupBucket {
  return {
    bucketStart: a.bucketStart,
    upMs: a.upMs + b.upMs,
    degradedMs: a.degradedMs + b.degradedMs,
    downMs: a.downMs + b.downMs,
    maintenanceMs: a.maintenanceMs + b.maintenanceMs,
    unknownMs: a.unknownMs + b.unknownMs,
    checks: a.checks + b.checks,
    failedChecks: a.failedChecks + b.failedChecks,
    latencySumMs: a.latencySumMs + b.latencySumMs,
    latencyCount: a.latencyCount + b.latencyCount,
  };
}

const MS_FIELD = {
  up: 'upMs',
  degraded: 'degradedMs',
  down: 'downMs',
  maintenance: 'maintenanceMs',
  unknown: 'unknownMs',
} as const satisfies Record<MonitorStateSpan['state'], keyof RollupBucket>;

/**
 * What one span adds to each bucket it touches, in order: the deltas storage adds to its rows
 * (`UPDATE … SET up_ms = up_ms + ?`).
 */
export function spanContributions(span: MonitorStateSpan, size: BucketSize): RollupBucket[] {
  const out: RollupBucket[] = [];
  const width = BUCKET_MS[size];
  for (let b = bucketStartOf(span.start, size); b < span.end; b += width) {
    const ms = Math.min(span.end, b + width) - Math.max(span.start, b);
    if (ms > 0) out.push({ ...emptyBucket(b), [MS_FIELD[span.state]]: ms });
  }
  return out;
}

/** What one check adds to its bucket. */
export function checkContribution(check: CheckResult, size: BucketSize): RollupBucket {
  return {
    ...emptyBucket(bucketStartOf(check.at, size)),
    checks: 1,
    failedChecks: check.status === 'down' ? 1 : 0,
    latencySumMs: check.latencyMs ?? 0,
    latencyCount: check.latencyMs === null ? 0 : 1,
  };
}

function addInto(buckets: BucketMap, delta: RollupBucket): void {
  const current = buckets.get(delta.bucketStart);
  buckets.set(delta.bucketStart, current ? addBuckets(current, delta) : delta);
}

/** Adds a span to in-memory buckets of one size (updating `buckets`), and returns them. */
export function addSpanToBuckets(buckets: BucketMap, span: MonitorStateSpan, size: BucketSize): BucketMap {
  for (const delta of spanContributions(span, size)) addInto(buckets, delta);
  return buckets;
}

/** Adds a check to in-memory buckets of one size (updating `buckets`), and returns them. */
export function addCheckToBuckets(buckets: BucketMap, check: CheckResult, size: BucketSize): BucketMap {
  addInto(buckets, checkContribution(check, size));
  return buckets;
}

/** Buckets of one size from scratch, sorted by `bucketStart`. */
export function rollup(
  spans: readonly MonitorStateSpan[],
  checks: readonly CheckResult[],
  size: BucketSize,
): RollupBucket[] {
  const buckets: BucketMap = new Map();
  for (const s of spans) addSpanToBuckets(buckets, s, size);
  for (const c of checks) addCheckToBuckets(buckets, c, size);
  return [...buckets.values()].sort((a, b) => a.bucketStart - b.bucketStart);
}

// ---- reading figures back -------------------------------------------------------------------------------

/** Which buckets to read for a range, and which pieces to answer from the state spans instead. */
export interface RangePlan {
  readonly day: readonly number[];
  readonly hour: readonly number[];
  readonly minute: readonly number[];
  /** Pieces no whole bucket covers (sub-minute edges; straddling minutes for business hours), merged. */
  readonly spans: readonly Interval[];
}

const ceilTo = (t: number, width: number): number => Math.ceil(t / width) * width;
const floorTo = (t: number, width: number): number => Math.floor(t / width) * width;
const starts = (from: number, to: number, width: number): number[] => {
  const out: number[] = [];
  for (let t = from; t < to; t += width) out.push(t);
  return out;
};

/**
 * The day, hour and minute buckets that exactly cover `[from, to)`: the largest in the middle, smaller
 * toward the edges, and the sub-minute rest (when `from` or `to` is not on a whole minute) as span pieces.
 * A 30-day range reads at most 30 day, 46 hour and 118 minute buckets.
 */
export function planRange(from: number, to: number): RangePlan {
  if (!(to > from)) return { day: [], hour: [], minute: [], spans: [] };
  const fromM = ceilTo(from, MINUTE_MS);
  const toM = floorTo(to, MINUTE_MS);
  if (fromM >= toM) return { day: [], hour: [], minute: [], spans: [{ start: from, end: to }] };
  const spans: Interval[] = [];
  if (from < fromM) spans.push({ start: from, end: fromM });
  if (toM < to) spans.push({ start: toM, end: to });
  const fromH = ceilTo(fromM, HOUR_MS);
  const toH = floorTo(toM, HOUR_MS);
  if (fromH >= toH) return { day: [], hour: [], minute: starts(fromM, toM, MINUTE_MS), spans };
  const minute = [...starts(fromM, fromH, MINUTE_MS), ...starts(toH, toM, MINUTE_MS)];
  const fromD = ceilTo(fromH, DAY_MS);
  const toD = floorTo(toH, DAY_MS);
  if (fromD >= toD) return { day: [], hour: starts(fromH, toH, HOUR_MS), minute, spans };
  const hour = [...starts(fromH, fromD, HOUR_MS), ...starts(toD, toH, HOUR_MS)];
  return { day: starts(fromD, toD, DAY_MS), hour, minute, spans };
}

/*
 * Business hours and UTC buckets. A bucket tells how long each state lasted inside it, not when, so it can
 * only count whole or not at all: whole when the bucket lies entirely in open time, nothing when it lies
 * entirely outside. We keep the figures exact rather than prorate: a day bucket that straddles opening or
 * closing is replaced by its hours, a straddling hour by its minutes, and a straddling minute (a closure
 * given to the second, or a sub-minute edge of the range) is answered from the state spans with the
 * availability formula. Opening hours on whole hours (Berlin 08:00–18:00) read, per working day, the hour
 * buckets of that day; half-hour zones (Asia/Kolkata) add up to 60 minute buckets per opening and closing.
 */
export function planBusinessHours(calendar: BusinessCalendar, from: number, to: number): RangePlan {
  const outer = planRange(from, to);
  const day: number[] = [];
  const hour: number[] = [];
  const minute: number[] = [];
  const spans: Interval[] = [];
  const visit = (start: number, size: BucketSize): void => {
    const width = BUCKET_MS[size];
    const open = calendar.elapsed(start, start + width);
    if (open === 0) return;
    if (open === width) {
      (size === 'day' ? day : size === 'hour' ? hour : minute).push(start);
      return;
    }
    if (size === 'day') for (let t = start; t < start + width; t += HOUR_MS) visit(t, 'hour');
    else if (size === 'hour') for (let t = start; t < start + width; t += MINUTE_MS) visit(t, 'minute');
    else spans.push({ start, end: start + width });
  };
  outer.day.forEach((t) => visit(t, 'day'));
  outer.hour.forEach((t) => visit(t, 'hour'));
  outer.minute.forEach((t) => visit(t, 'minute'));
  for (const piece of outer.spans) if (calendar.elapsed(piece.start, piece.end) > 0) spans.push(piece);
  return {
    day,
    hour: hour.sort((a, b) => a - b),
    minute: minute.sort((a, b) => a - b),
    spans: mergeTouching(spans.sort((a, b) => a.start - b.start)),
  };
}

function mergeTouching(sorted: readonly Interval[]): Interval[] {
  const out: { start: number; end: number }[] = [];
  for (const { start, end } of sorted) {
    const last = out[out.length - 1];
    if (last && last.end === start) last.end = end;
    else out.push({ start, end });
  }
  return out;
}

/** Sums buckets into figures: up ÷ (up + down), degraded on the side the SLA says. */
function figuresOf(
  t: Omit<AvailabilityFigures, 'availability'>,
  degraded: 'up' | 'down',
): AvailabilityFigures {
  const good = t.upMs + (degraded === 'up' ? t.degradedMs : 0);
  const bad = t.downMs + (degraded === 'down' ? t.degradedMs : 0);
  return { availability: good + bad === 0 ? null : good / (good + bad), ...t };
}

/**
 * 24/7 figures straight from buckets. With `range` (the span the buckets cover), time no bucket accounts
 * for counts as unknown, as in the formula.
 */
export function availabilityFromBuckets(
  buckets: readonly RollupBucket[],
  degraded: 'up' | 'down' = 'up',
  range?: Interval,
): AvailabilityFigures {
  const t = { upMs: 0, degradedMs: 0, downMs: 0, maintenanceMs: 0, unknownMs: 0 };
  for (const b of buckets) {
    t.upMs += b.upMs;
    t.degradedMs += b.degradedMs;
    t.downMs += b.downMs;
    t.maintenanceMs += b.maintenanceMs;
    t.unknownMs += b.unknownMs;
  }
  if (range)
    t.unknownMs +=
      range.end - range.start - (t.upMs + t.degradedMs + t.downMs + t.maintenanceMs + t.unknownMs);
  return figuresOf(t, degraded);
}

export interface PlanFiguresInput {
  /** The calendar the plan was made for (`planRange` is for a 24/7 calendar). */
  readonly calendar: BusinessCalendar;
  readonly plan: RangePlan;
  /** The stored buckets; those not in the plan are ignored, planned ones that are missing count as unknown. */
  readonly buckets: BucketsBySize;
  /** The state spans around `plan.spans` (maintenance laid over them). */
  readonly spans: readonly MonitorStateSpan[];
  readonly degraded?: 'up' | 'down';
}

/**
 * Figures for a planned range: the planned buckets count whole, the plan's span pieces go through the
 * availability formula. Equal to `availability()` over the same spans.
 */
export function figuresFromPlan(input: PlanFiguresInput): AvailabilityFigures {
  const { plan, buckets } = input;
  const chosen: RollupBucket[] = [];
  let plannedMs = 0;
  for (const size of ['day', 'hour', 'minute'] as const) {
    const wanted = new Set(plan[size]);
    plannedMs += wanted.size * BUCKET_MS[size];
    for (const b of buckets[size]) {
      if (wanted.delete(b.bucketStart)) chosen.push(b);
    }
  }
  const fromBuckets = availabilityFromBuckets(chosen, 'up', { start: 0, end: plannedMs });
  const t = {
    upMs: fromBuckets.upMs,
    degradedMs: fromBuckets.degradedMs,
    downMs: fromBuckets.downMs,
    maintenanceMs: fromBuckets.maintenanceMs,
    unknownMs: fromBuckets.unknownMs,
  };
  if (plan.spans.length > 0) {
    const states: StateSpan[] = [];
    const maintenance: Interval[] = [];
    for (const s of input.spans) {
      if (s.state === 'maintenance') maintenance.push(s);
      else states.push({ start: s.start, end: s.end, state: s.state });
    }
    for (const piece of plan.spans) {
      const f = availability({
        calendar: input.calendar,
        from: piece.start,
        to: piece.end,
        states,
        maintenance,
      });
      t.upMs += f.upMs;
      t.degradedMs += f.degradedMs;
      t.downMs += f.downMs;
      t.maintenanceMs += f.maintenanceMs;
      t.unknownMs += f.unknownMs;
    }
  }
  return figuresOf(t, input.degraded ?? 'up');
}

/** The business-hours (or, with a 24/7 calendar, plain) figures of `[from, to)` from rollups. */
export function businessHoursFigures(
  calendar: BusinessCalendar,
  from: number,
  to: number,
  buckets: BucketsBySize,
  spans: readonly MonitorStateSpan[],
  degraded: 'up' | 'down' = 'up',
): AvailabilityFigures {
  return figuresFromPlan({ calendar, plan: planBusinessHours(calendar, from, to), buckets, spans, degraded });
}
