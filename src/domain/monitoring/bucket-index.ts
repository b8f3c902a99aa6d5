import { availability, type AvailabilityFigures, type StateSpan } from '../availability/availability.ts';
import type { BusinessCalendar } from '../calendars/business-calendar.ts';
import type { Interval } from '../shared/time.ts';
import { BUCKET_MS, type BucketSize, type BucketsBySize, type RangePlan } from './rollups.ts';
import type { MonitorStateSpan } from './types.ts';

const FIELDS = ['upMs', 'degradedMs', 'downMs', 'maintenanceMs', 'unknownMs'] as const;
type Field = (typeof FIELDS)[number];

/** One bucket size's buckets as sorted starts and running totals, so any run of buckets sums in O(log n). */
class SizeIndex {
  readonly starts: Float64Array;
  /** totals[f][i] = sum of field f over buckets [0, i). */
  readonly totals: Record<Field, Float64Array>;

  constructor(buckets: BucketsBySize[BucketSize]) {
    const sorted = [...buckets].sort((a, b) => a.bucketStart - b.bucketStart);
    this.starts = Float64Array.from(sorted, (b) => b.bucketStart);
    const totals = {} as Record<Field, Float64Array>;
    for (const f of FIELDS) {
      const t = new Float64Array(sorted.length + 1);
      for (let i = 0; i < sorted.length; i++)
        t[i + 1] = (t[i] as number) + (sorted[i] as BucketsBySize[BucketSize][number])[f];
      totals[f] = t;
    }
    this.totals = totals;
  }

  /** The first position whose start is at or after `t`. */
  private lowerBound(t: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.starts[mid] as number) < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Adds the figures of the stored buckets starting in [from, to) into `acc`. */
  addRange(from: number, to: number, acc: Record<Field, number>): void {
    const i = this.lowerBound(from);
    const j = this.lowerBound(to);
    for (const f of FIELDS) acc[f] += (this.totals[f][j] as number) - (this.totals[f][i] as number);
  }
}

/**
 * A monitor's rollups indexed for fast window figures: a year of day buckets plus the edge hours and minutes
 * answers the 24 h, 7 d, 30 d and 365 d figures with a handful of binary searches instead of a scan. The
 * figures equal `figuresFromPlan` over the same buckets (property-tested).
 */
export class BucketIndex {
  private readonly sizes: Record<BucketSize, SizeIndex>;

  constructor(buckets: BucketsBySize) {
    this.sizes = {
      day: new SizeIndex(buckets.day),
      hour: new SizeIndex(buckets.hour),
      minute: new SizeIndex(buckets.minute),
    };
  }

  /**
   * The figures of a plan: its buckets from the index (planned buckets that were never stored count as
   * unknown, as in the formula), its span pieces from `spans` through the availability formula.
   */
  figures(
    plan: RangePlan,
    options: {
      readonly calendar: BusinessCalendar;
      readonly spans?: readonly MonitorStateSpan[];
      readonly degraded?: 'up' | 'down';
    },
  ): AvailabilityFigures {
    const acc: Record<Field, number> = { upMs: 0, degradedMs: 0, downMs: 0, maintenanceMs: 0, unknownMs: 0 };
    let plannedMs = 0;
    for (const size of ['day', 'hour', 'minute'] as const) {
      const list = plan[size];
      const width = BUCKET_MS[size];
      plannedMs += list.length * width;
      // Plans list buckets in runs of consecutive starts; each run is one range sum.
      let k = 0;
      while (k < list.length) {
        const first = list[k] as number;
        let last = first;
        while (k + 1 < list.length && (list[k + 1] as number) === last + width) last = list[++k] as number;
        this.sizes[size].addRange(first, last + width, acc);
        k++;
      }
    }
    acc.unknownMs += plannedMs - (acc.upMs + acc.degradedMs + acc.downMs + acc.maintenanceMs + acc.unknownMs);
    if (plan.spans.length > 0) {
      const states: StateSpan[] = [];
      const maintenance: Interval[] = [];
      for (const s of options.spans ?? []) {
        if (s.state === 'maintenance') maintenance.push(s);
        else states.push({ start: s.start, end: s.end, state: s.state });
      }
      for (const piece of plan.spans) {
        const f = availability({
          calendar: options.calendar,
          from: piece.start,
          to: piece.end,
          states,
          maintenance,
        });
        for (const field of FIELDS) acc[field] += f[field];
      }
    }
    const degradedIsDown = options.degraded === 'down';
    const good = acc.upMs + (degradedIsDown ? 0 : acc.degradedMs);
    const bad = acc.downMs + (degradedIsDown ? acc.degradedMs : 0);
    return { availability: good + bad === 0 ? null : good / (good + bad), ...acc };
  }
}
