import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BusinessCalendar } from '../calendars/business-calendar.ts';
import { DAY_MS, HOUR_MS } from '../shared/time.ts';
import { BucketIndex } from './bucket-index.ts';
import { figuresFromPlan, planRange, rollup } from './rollups.ts';
import type { MonitorStateSpan } from './types.ts';
import { planAvoiding } from './uptime.ts';

const ALWAYS = BusinessCalendar.from({ timeZone: 'UTC' });
const T0 = Date.UTC(2026, 0, 1);
const STATES = ['up', 'down', 'degraded', 'unknown'] as const;

describe('the bucket index', () => {
  it('gives the same figures as figuresFromPlan, with and without avoided stretches', () => {
    const piece = fc.record({
      length: fc.integer({ min: 1, max: 9 * HOUR_MS }),
      state: fc.constantFrom(...STATES),
    });
    fc.assert(
      fc.property(
        fc.array(piece, { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 4 * DAY_MS }),
        fc.integer({ min: 1, max: 4 * DAY_MS }),
        fc.option(
          fc.record({
            start: fc.integer({ min: 0, max: 5 * DAY_MS }),
            length: fc.integer({ min: 1, max: DAY_MS }),
          }),
        ),
        (pieces, fromOffset, width, hole) => {
          const spans: MonitorStateSpan[] = [];
          let t = T0;
          for (const p of pieces) {
            spans.push({ start: t, end: t + p.length, state: p.state });
            t += p.length;
          }
          const buckets = {
            day: rollup(spans, [], 'day'),
            hour: rollup(spans, [], 'hour'),
            minute: rollup(spans, [], 'minute'),
          };
          const from = T0 + fromOffset;
          let plan = planRange(from, from + width);
          if (hole)
            plan = planAvoiding(plan, [{ start: T0 + hole.start, end: T0 + hole.start + hole.length }]);
          const index = new BucketIndex(buckets);
          expect(index.figures(plan, { calendar: ALWAYS, spans })).toEqual(
            figuresFromPlan({ calendar: ALWAYS, plan, buckets, spans }),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
