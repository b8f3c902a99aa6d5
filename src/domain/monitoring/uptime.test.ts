import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BusinessCalendar } from '../calendars/business-calendar.ts';
import { availability } from '../availability/availability.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../shared/time.ts';
import { applyMaintenance } from './maintenance.ts';
import { figuresFromPlan, planRange, rollup } from './rollups.ts';
import type { MonitorStateSpan } from './types.ts';
import { planAvoiding, planWithin } from './uptime.ts';

const ALWAYS = BusinessCalendar.from({ timeZone: 'UTC' });
const T0 = Date.UTC(2026, 0, 1);

describe('plans that avoid maintenance and unsettled time', () => {
  it('moves the buckets that overlap a window to span pieces, and keeps the others', () => {
    const plan = planRange(T0, T0 + 2 * DAY_MS);
    const avoided = planAvoiding(plan, [
      { start: T0 + DAY_MS + 3 * HOUR_MS, end: T0 + DAY_MS + 3 * HOUR_MS + MINUTE_MS },
    ]);
    expect(avoided.day).toEqual([T0]);
    expect(avoided.spans).toEqual([{ start: T0 + DAY_MS, end: T0 + 2 * DAY_MS }]);
  });

  it('gives the formula’s figures when maintenance is laid over rolled-up spans afterwards', () => {
    const span = fc.record({
      start: fc.integer({ min: 0, max: 3 * DAY_MS }),
      length: fc.integer({ min: 1, max: 6 * HOUR_MS }),
      state: fc.constantFrom('up', 'down', 'degraded', 'unknown'),
    });
    fc.assert(
      fc.property(
        fc.array(span, { maxLength: 12 }),
        fc.array(
          fc.record({
            start: fc.integer({ min: 0, max: 3 * DAY_MS }),
            length: fc.integer({ min: 1, max: 3 * HOUR_MS }),
          }),
          { maxLength: 3 },
        ),
        fc.integer({ min: 0, max: DAY_MS }),
        (raw, windows, cut) => {
          // Non-overlapping spans: each cut at the next one's start.
          const sorted = [...raw].sort((a, b) => a.start - b.start);
          const spans: MonitorStateSpan[] = [];
          sorted.forEach((s, i) => {
            const next = sorted[i + 1];
            const end = Math.min(T0 + s.start + s.length, next ? T0 + next.start : Infinity);
            if (end > T0 + s.start)
              spans.push({ start: T0 + s.start, end, state: s.state as MonitorStateSpan['state'] });
          });
          const maintenance = windows.map((w) => ({ start: T0 + w.start, end: T0 + w.start + w.length }));
          const from = T0 + cut;
          const to = T0 + 3 * DAY_MS;
          const buckets = {
            day: rollup(spans, [], 'day'),
            hour: rollup(spans, [], 'hour'),
            minute: rollup(spans, [], 'minute'),
          };
          const plan = planAvoiding(planRange(from, to), maintenance);
          const got = figuresFromPlan({
            calendar: ALWAYS,
            plan,
            buckets,
            spans: applyMaintenance(spans, maintenance, { start: from, end: to }),
          });
          const want = availability({
            calendar: ALWAYS,
            from,
            to,
            states: spans
              .filter((s) => s.state !== 'maintenance')
              .map((s) => ({ start: s.start, end: s.end, state: s.state as 'up' })),
            maintenance,
          });
          expect(got).toEqual(want);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('plans within what is kept of each bucket size', () => {
  it('answers pruned minute and hour buckets from the spans, with the formula’s figures', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3 * DAY_MS }),
        fc.integer({ min: 0, max: 3 * DAY_MS }),
        fc.integer({ min: 0, max: 3 * DAY_MS }),
        (minuteKept, hourKept, cut) => {
          const spans: MonitorStateSpan[] = [
            { start: T0, end: T0 + DAY_MS + 7 * MINUTE_MS, state: 'up' },
            { start: T0 + DAY_MS + 7 * MINUTE_MS, end: T0 + DAY_MS + 2 * HOUR_MS, state: 'down' },
            { start: T0 + DAY_MS + 2 * HOUR_MS, end: T0 + 4 * DAY_MS, state: 'degraded' },
          ];
          const kept = { minute: T0 + minuteKept, hour: T0 + hourKept, day: -Infinity };
          const buckets = {
            day: rollup(spans, [], 'day'),
            hour: rollup(spans, [], 'hour').filter((b) => b.bucketStart >= kept.hour),
            minute: rollup(spans, [], 'minute').filter((b) => b.bucketStart >= kept.minute),
          };
          const from = T0 + cut;
          const to = T0 + 4 * DAY_MS;
          const plan = planWithin(planRange(from, to), kept);
          const got = figuresFromPlan({ calendar: ALWAYS, plan, buckets, spans });
          const want = availability({
            calendar: ALWAYS,
            from,
            to,
            states: spans.map((s) => ({ ...s, state: s.state as 'up' })),
          });
          expect(got).toEqual(want);
        },
      ),
      { numRuns: 100 },
    );
  });
});
