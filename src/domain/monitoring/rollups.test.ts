import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { availability, type StateSpan } from '../availability/availability.ts';
import { BusinessCalendar } from '../calendars/business-calendar.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS, parseInstant as at, type Interval } from '../shared/time.ts';
import {
  addSpanToBuckets,
  availabilityFromBuckets,
  BUCKET_MS,
  businessHoursFigures,
  figuresFromPlan,
  planBusinessHours,
  planRange,
  rollup,
  type BucketMap,
  type BucketSize,
  type BucketsBySize,
  type RangePlan,
} from './rollups.ts';
import type { CheckResult, MonitorStateSpan } from './types.ts';

const ALWAYS = BusinessCalendar.from({ timeZone: 'UTC' });
const BERLIN_8_18 = BusinessCalendar.from({
  timeZone: 'Europe/Berlin',
  hours: {
    mon: ['08:00-18:00'],
    tue: ['08:00-18:00'],
    wed: ['08:00-18:00'],
    thu: ['08:00-18:00'],
    fri: ['08:00-18:00'],
  },
});
const KOLKATA = BusinessCalendar.from({
  timeZone: 'Asia/Kolkata',
  hours: {
    mon: ['09:00-17:30'],
    tue: ['09:00-17:30'],
    wed: ['09:00-17:30'],
    thu: ['09:00-17:30'],
    fri: ['09:00-17:30'],
    sat: ['09:00-13:00'],
  },
  closures: [{ from: '2026-03-03T10:00:10Z', to: '2026-03-03T10:20:00Z' }],
});

const span = (from: string, to: string, state: MonitorStateSpan['state']): MonitorStateSpan => ({
  start: at(from),
  end: at(to),
  state,
});

function allBuckets(spans: readonly MonitorStateSpan[]): BucketsBySize {
  const by = (size: BucketSize): BucketMap => {
    const map: BucketMap = new Map();
    for (const s of spans) addSpanToBuckets(map, s, size);
    return map;
  };
  return { day: [...by('day').values()], hour: [...by('hour').values()], minute: [...by('minute').values()] };
}

function formula(
  calendar: BusinessCalendar,
  spans: readonly MonitorStateSpan[],
  from: number,
  to: number,
  degraded: 'up' | 'down' = 'up',
) {
  const states: StateSpan[] = [];
  const maintenance: Interval[] = [];
  for (const s of spans) {
    if (s.state === 'maintenance') maintenance.push(s);
    else states.push({ start: s.start, end: s.end, state: s.state });
  }
  return availability({ calendar, from, to, states, maintenance, degraded });
}

const lengthOf = (plan: RangePlan): number =>
  plan.day.length * DAY_MS +
  plan.hour.length * HOUR_MS +
  plan.minute.length * MINUTE_MS +
  plan.spans.reduce((s, i) => s + i.end - i.start, 0);

describe('rollup buckets', () => {
  it('splits a span over the minutes, hours and days it touches', () => {
    const s = span('2026-03-02T23:59:30Z', '2026-03-03T00:01:15Z', 'down');
    expect(rollup([s], [], 'minute').map((b) => [b.bucketStart, b.downMs])).toEqual([
      [at('2026-03-02T23:59:00Z'), 30 * SECOND_MS],
      [at('2026-03-03T00:00:00Z'), 60 * SECOND_MS],
      [at('2026-03-03T00:01:00Z'), 15 * SECOND_MS],
    ]);
    expect(rollup([s], [], 'day').map((b) => [b.bucketStart, b.downMs])).toEqual([
      [at('2026-03-02T00:00:00Z'), 30 * SECOND_MS],
      [at('2026-03-03T00:00:00Z'), 75 * SECOND_MS],
    ]);
  });

  it('counts checks, failures and latency', () => {
    const checks: CheckResult[] = [
      { at: at('2026-03-02T10:00:05Z'), status: 'up', latencyMs: 120, message: '' },
      { at: at('2026-03-02T10:00:35Z'), status: 'down', latencyMs: null, message: 'timeout' },
      { at: at('2026-03-02T10:01:05Z'), status: 'degraded', latencyMs: 900, message: 'slow' },
    ];
    const [first, second] = rollup([], checks, 'minute');
    expect(first).toMatchObject({ checks: 2, failedChecks: 1, latencySumMs: 120, latencyCount: 1 });
    expect(second).toMatchObject({ checks: 1, failedChecks: 0, latencySumMs: 900, latencyCount: 1 });
  });

  it('plans a range with days in the middle and hours and minutes at the edges', () => {
    const plan = planRange(at('2026-03-01T22:30:15Z'), at('2026-03-04T01:10:00Z'));
    expect(plan.spans).toEqual([{ start: at('2026-03-01T22:30:15Z'), end: at('2026-03-01T22:31:00Z') }]);
    expect(plan.minute).toHaveLength(29 + 10);
    expect(plan.minute[0]).toBe(at('2026-03-01T22:31:00Z'));
    expect(plan.minute[29]).toBe(at('2026-03-04T01:00:00Z'));
    expect(plan.hour).toEqual([at('2026-03-01T23:00:00Z'), at('2026-03-04T00:00:00Z')]);
    expect(plan.day).toEqual([at('2026-03-02T00:00:00Z'), at('2026-03-03T00:00:00Z')]);
  });

  it('reads a 30-day figure from at most 30 day, 46 hour and 118 minute buckets, covering it exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 * DAY_MS }), (offset) => {
        const from = at('2025-01-01T00:00:00Z') + offset;
        const to = from + 30 * DAY_MS;
        const plan = planRange(from, to);
        expect(plan.day.length).toBeLessThanOrEqual(30);
        expect(plan.hour.length).toBeLessThanOrEqual(46);
        expect(plan.minute.length).toBeLessThanOrEqual(118);
        expect(lengthOf(plan)).toBe(to - from);
        for (const size of ['day', 'hour', 'minute'] as const) {
          for (const b of plan[size]) {
            expect(b % BUCKET_MS[size]).toBe(0);
            expect(b >= from && b + BUCKET_MS[size] <= to).toBe(true);
          }
        }
      }),
    );
  });

  it('gives the figures of the formula: a hand-computed week with business hours', () => {
    // Monday 2026-03-02 to Monday 2026-03-09, Berlin 08:00-18:00 = 07:00Z-17:00Z on weekdays (50 h).
    // Down Tuesday 16:30Z-18:00Z (30 min inside), maintenance Wednesday 06:00Z-08:00Z (1 h inside),
    // unknown Thursday 12:00Z-12:00:30Z (30 s inside).
    const spans = [
      span('2026-03-02T00:00:00Z', '2026-03-03T16:30:00Z', 'up'),
      span('2026-03-03T16:30:00Z', '2026-03-03T18:00:00Z', 'down'),
      span('2026-03-03T18:00:00Z', '2026-03-04T06:00:00Z', 'up'),
      span('2026-03-04T06:00:00Z', '2026-03-04T08:00:00Z', 'maintenance'),
      span('2026-03-04T08:00:00Z', '2026-03-05T12:00:00Z', 'up'),
      span('2026-03-05T12:00:30Z', '2026-03-09T00:00:00Z', 'up'),
    ];
    const from = at('2026-03-02T00:00:00Z');
    const to = at('2026-03-09T00:00:00Z');
    const f = businessHoursFigures(BERLIN_8_18, from, to, allBuckets(spans), spans);
    expect(f).toEqual({
      availability: (48.5 * HOUR_MS - 30 * SECOND_MS) / (49 * HOUR_MS - 30 * SECOND_MS),
      upMs: 48.5 * HOUR_MS - 30 * SECOND_MS,
      degradedMs: 0,
      downMs: 30 * MINUTE_MS,
      maintenanceMs: HOUR_MS,
      unknownMs: 30 * SECOND_MS,
    });
    expect(f).toEqual(formula(BERLIN_8_18, spans, from, to));
    // Whole open hours only: ten hour buckets per working day, no day buckets, no minutes.
    const plan = planBusinessHours(BERLIN_8_18, from, to);
    expect([plan.day.length, plan.hour.length, plan.minute.length, plan.spans.length]).toEqual([0, 50, 0, 0]);
  });
});

// ---- against the formula -----------------------------------------------------------------------------

const BASE = at('2026-03-01T00:00:00Z');
const timeline = fc
  .array(
    fc.record({
      ms: fc.oneof(fc.integer({ min: 1, max: 90 * MINUTE_MS }), fc.integer({ min: 1, max: 14 * HOUR_MS })),
      state: fc.constantFrom<MonitorStateSpan['state'] | null>(
        'up',
        'up',
        'degraded',
        'down',
        'maintenance',
        'unknown',
        null,
      ),
    }),
    { maxLength: 25 },
  )
  .map((parts) => {
    let t = BASE;
    const spans: MonitorStateSpan[] = [];
    for (const { ms, state } of parts) {
      if (state !== null) spans.push({ start: t, end: t + ms, state });
      t += ms;
    }
    return spans;
  });
const range = fc
  .tuple(fc.integer({ min: -HOUR_MS, max: 5 * DAY_MS }), fc.integer({ min: 0, max: 5 * DAY_MS }))
  .map(([a, len]) => ({ from: BASE + a, to: BASE + a + len }));

describe('rollups against the availability formula', () => {
  it('give the formula’s figures around the clock', () => {
    fc.assert(
      fc.property(
        timeline,
        range,
        fc.constantFrom<'up' | 'down'>('up', 'down'),
        (spans, { from, to }, degraded) => {
          const buckets = allBuckets(spans);
          const plan = planRange(from, to);
          expect(planBusinessHours(ALWAYS, from, to)).toEqual(plan);
          expect(figuresFromPlan({ calendar: ALWAYS, plan, buckets, spans, degraded })).toEqual(
            formula(ALWAYS, spans, from, to, degraded),
          );
          if (plan.spans.length === 0) {
            const chosen = (['day', 'hour', 'minute'] as const).flatMap((size) =>
              buckets[size].filter((b) => plan[size].includes(b.bucketStart)),
            );
            expect(availabilityFromBuckets(chosen, degraded, { start: from, end: to })).toEqual(
              formula(ALWAYS, spans, from, to, degraded),
            );
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('give the formula’s figures in business hours, on whole hours, half hours and a closure to the second', () => {
    fc.assert(
      fc.property(timeline, range, fc.constantFrom(BERLIN_8_18, KOLKATA), (spans, { from, to }, calendar) => {
        expect(businessHoursFigures(calendar, from, to, allBuckets(spans), spans)).toEqual(
          formula(calendar, spans, from, to),
        );
      }),
      { numRuns: 100 },
    );
  });
});
