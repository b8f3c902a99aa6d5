import {
  addCheckToBuckets,
  addSpanToBuckets,
  BUCKET_MS,
  type BucketMap,
  type BucketSize,
} from '../../domain/monitoring/rollups.ts';
import { DAY_MS } from '../../domain/shared/time.ts';
import type { CheckResult, MonitorStateSpan } from '../../domain/monitoring/types.ts';
import type { RollupRow } from './monitoring.repository.ts';

const SIZES: readonly BucketSize[] = ['minute', 'hour', 'day'];

/**
 * How long minute and hour rollups are kept (day rollups and state spans are kept for good). A year of
 * minute buckets would be half a million rows per monitor; window figures read minute and hour buckets only
 * at their edges, and older edges are answered from the spans.
 */
export const ROLLUP_RETENTION_MS: Readonly<Record<'minute' | 'hour', number>> = {
  minute: 2 * DAY_MS,
  hour: 40 * DAY_MS,
};

/** The oldest bucket start kept per size at `now` (day buckets: all). */
export function rollupCutoffs(now: number): Readonly<Record<BucketSize, number>> {
  return {
    minute: now - ROLLUP_RETENTION_MS.minute,
    hour: now - ROLLUP_RETENTION_MS.hour,
    day: Number.NEGATIVE_INFINITY,
  };
}

/**
 * The rollup amounts one recorded check adds, as rows to upsert: the finished spans' time in UTC minute,
 * hour and day buckets, and the check itself (count, failure, latency) in the buckets of its instant.
 */
export function rollupRowsFor(
  monitorId: string,
  spans: readonly MonitorStateSpan[],
  checks: readonly CheckResult[],
  now?: number,
): RollupRow[] {
  const rows: RollupRow[] = [];
  const cutoffs = now === undefined ? undefined : rollupCutoffs(now);
  for (const grain of SIZES) {
    const buckets: BucketMap = new Map();
    // Buckets older than the retention are not written: the spans are clipped first, so a span of months
    // does not first make every minute of it.
    const since = cutoffs ? cutoffs[grain] - (cutoffs[grain] % BUCKET_MS[grain]) : Number.NEGATIVE_INFINITY;
    for (const s of spans) {
      if (s.end <= since) continue;
      addSpanToBuckets(buckets, s.start >= since ? s : { ...s, start: since }, grain);
    }
    for (const c of checks) if (c.at >= since) addCheckToBuckets(buckets, c, grain);
    for (const b of buckets.values()) {
      rows.push({ monitorId, grain, bucket: b.bucketStart, ...withoutStart(b) });
    }
  }
  return rows;
}

function withoutStart<T extends { bucketStart: number }>(b: T): Omit<T, 'bucketStart'> {
  const { bucketStart: _ignored, ...rest } = b;
  return rest;
}
