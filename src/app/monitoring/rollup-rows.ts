import {
  addCheckToBuckets,
  addSpanToBuckets,
  type BucketMap,
  type BucketSize,
} from '../../domain/monitoring/rollups.ts';
import type { CheckResult, MonitorStateSpan } from '../../domain/monitoring/types.ts';
import type { RollupRow } from './monitoring.repository.ts';

const SIZES: readonly BucketSize[] = ['minute', 'hour', 'day'];

/**
 * The rollup amounts one recorded check adds, as rows to upsert: the finished spans' time in UTC minute,
 * hour and day buckets, and the check itself (count, failure, latency) in the buckets of its instant.
 */
export function rollupRowsFor(
  monitorId: string,
  spans: readonly MonitorStateSpan[],
  checks: readonly CheckResult[],
): RollupRow[] {
  const rows: RollupRow[] = [];
  for (const grain of SIZES) {
    const buckets: BucketMap = new Map();
    for (const s of spans) addSpanToBuckets(buckets, s, grain);
    for (const c of checks) addCheckToBuckets(buckets, c, grain);
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
