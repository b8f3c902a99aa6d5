import { mergeIntervals } from './intervals.ts';
import { BUCKET_MS, type BucketSize, type RangePlan } from './rollups.ts';
import type { Interval } from '../shared/time.ts';

const SIZES: readonly BucketSize[] = ['day', 'hour', 'minute'];

/**
 * A plan that reads no bucket overlapping `avoid`: such buckets become span pieces, answered from the state
 * spans with the availability formula. Used where buckets cannot be right — maintenance laid over a range after
 * the fact, and the newest stretch of time whose spans are not final yet (so not rolled up).
 */
export function planAvoiding(plan: RangePlan, avoid: readonly Interval[]): RangePlan {
  const blocks = mergeIntervals(avoid);
  if (blocks.length === 0) return plan;
  const overlaps = (start: number, end: number): boolean =>
    blocks.some((b) => b.start < end && start < b.end);
  const out: { day: number[]; hour: number[]; minute: number[]; spans: Interval[] } = {
    day: [],
    hour: [],
    minute: [],
    spans: [...plan.spans],
  };
  for (const size of SIZES) {
    const width = BUCKET_MS[size];
    for (const start of plan[size]) {
      if (overlaps(start, start + width)) out.spans.push({ start, end: start + width });
      else out[size].push(start);
    }
  }
  out.spans = mergeIntervals(out.spans);
  return out;
}

/**
 * A plan that reads no bucket older than what is kept of its size (`kept[size]`: the oldest bucket start
 * still stored): older buckets become span pieces, answered from the state spans, which are kept for good.
 */
export function planWithin(plan: RangePlan, kept: Readonly<Record<BucketSize, number>>): RangePlan {
  const out: { day: number[]; hour: number[]; minute: number[]; spans: Interval[] } = {
    day: [],
    hour: [],
    minute: [],
    spans: [...plan.spans],
  };
  let moved = false;
  for (const size of SIZES) {
    const width = BUCKET_MS[size];
    for (const start of plan[size]) {
      if (start < kept[size]) {
        out.spans.push({ start, end: start + width });
        moved = true;
      } else out[size].push(start);
    }
  }
  if (!moved) return plan;
  out.spans = mergeIntervals(out.spans);
  return out;
}
