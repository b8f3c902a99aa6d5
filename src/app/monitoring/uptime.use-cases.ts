import type { AvailabilityFigures } from '../../domain/availability/availability.ts';
import type { TrackerState } from '../../domain/monitoring/check-sequence.ts';
import { applyMaintenance } from '../../domain/monitoring/maintenance.ts';
import {
  planRange,
  type BucketSize,
  type RangePlan,
  type RollupBucket,
} from '../../domain/monitoring/rollups.ts';
import { BucketIndex } from '../../domain/monitoring/bucket-index.ts';
import { planAvoiding, planWithin } from '../../domain/monitoring/uptime.ts';
import { DAY_MS, type Interval } from '../../domain/shared/time.ts';
import { TWENTY_FOUR_SEVEN } from '../catalog/calendar-cache.ts';
import type { Repositories } from '../ports/repositories.ts';
import { rollupCutoffs } from './rollup-rows.ts';
import { monitorSpans } from './availability.use-cases.ts';
import { maintenanceOf, windowsFor } from './maintenance.use-cases.ts';
import type { MonitorRecord } from './monitoring.repository.ts';

/** The windows a monitor's uptime is shown for. */
export const UPTIME_WINDOWS = {
  '24h': DAY_MS,
  '7d': 7 * DAY_MS,
  '30d': 30 * DAY_MS,
  '365d': 365 * DAY_MS,
} as const;
export type UptimeWindow = keyof typeof UPTIME_WINDOWS;

/**
 * A monitor's availability around the clock over the last 24 h, 7 d, 30 d and 365 d, with the same formula as
 * every other figure (maintenance neither up nor down, unknown apart), answered from the minute/hour/day
 * rollups: a year is a few hundred buckets. Buckets overlapping maintenance, and the newest stretch whose spans
 * are not final yet, are answered from the state spans instead.
 */
export async function monitorUptime(
  repos: Pick<Repositories, 'monitoring'>,
  monitor: MonitorRecord,
  now: number,
): Promise<Record<UptimeWindow, AvailabilityFigures>> {
  const longest: Interval = { start: now - UPTIME_WINDOWS['365d'], end: now };
  const windows = await windowsFor(repos, [monitor]);
  const maintenance = maintenanceOf(windows, monitor, longest.start, longest.end);
  const tracker = monitor.runtime.tracker as TrackerState | null;
  const settled = tracker?.open?.start ?? tracker?.settledAt ?? now;
  const avoid = [...maintenance, { start: Math.min(settled, now), end: now }];
  // Minute and hour buckets older than their retention are gone; those edges come from the spans.
  const kept = rollupCutoffs(now);
  const plans = Object.entries(UPTIME_WINDOWS).map(
    ([name, width]) =>
      [name as UptimeWindow, planWithin(planAvoiding(planRange(now - width, now), avoid), kept)] as const,
  );
  const buckets = await readBuckets(
    repos,
    monitor.id,
    plans.map(([, p]) => p),
  );
  const needsSpans = plans.some(([, p]) => p.spans.length > 0);
  const stored = needsSpans
    ? ((await repos.monitoring.spans([monitor.id], longest.start, now)).get(monitor.id) ?? [])
    : [];
  const spans = needsSpans ? applyMaintenance(monitorSpans(stored, monitor, now), maintenance, longest) : [];
  const index = new BucketIndex(buckets);
  const out = {} as Record<UptimeWindow, AvailabilityFigures>;
  for (const [name, plan] of plans) out[name] = index.figures(plan, { calendar: TWENTY_FOUR_SEVEN, spans });
  return out;
}

async function readBuckets(
  repos: Pick<Repositories, 'monitoring'>,
  monitorId: string,
  plans: readonly RangePlan[],
): Promise<Record<BucketSize, RollupBucket[]>> {
  const out: Record<BucketSize, RollupBucket[]> = { day: [], hour: [], minute: [] };
  for (const size of ['day', 'hour', 'minute'] as const) {
    const starts = [...new Set(plans.flatMap((p) => p[size]))];
    if (starts.length === 0) continue;
    const rows = await repos.monitoring.rollupsAt(monitorId, size, starts);
    out[size] = rows.map(({ monitorId: _m, grain: _g, bucket, ...figures }) => ({
      bucketStart: bucket,
      ...figures,
    }));
  }
  return out;
}
