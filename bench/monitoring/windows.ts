import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3';
import type { RollupRow } from '../../src/app/monitoring/monitoring.repository.ts';
import { BucketIndex } from '../../src/domain/monitoring/bucket-index.ts';
import {
  planRange,
  rollup,
  type BucketSize,
  type BucketsBySize,
  type RangePlan,
  type RollupBucket,
} from '../../src/domain/monitoring/rollups.ts';
import type { MonitorStateSpan } from '../../src/domain/monitoring/types.ts';
import { TWENTY_FOUR_SEVEN } from '../../src/app/catalog/calendar-cache.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../src/domain/shared/time.ts';
import type { Random } from '../lib/prng.ts';
import { median, UNDISTURBED_SHARE } from '../lib/timing.ts';
import { freshStore, httpDefinition, insertMonitors, insertServices, scratchDir } from './store.ts';

/*
 * 24 h / 7 d / 30 d / 365 d availability of many monitors from rollups, beside the raw-results baseline.
 * For the two to agree exactly, every check's state lasts exactly one check interval and every window
 * holds whole intervals: one check an hour at minute 37 (the minute of "now"), so each window starts and
 * ends on a check. A year of one-a-minute checks for 500 monitors would be 263 million raw rows; hourly
 * checks keep the raw table at 8,785 rows per monitor while the plans still read day, hour and minute buckets.
 */

/** Friday 2026-03-20 11:37 UTC: "now", on a whole minute but not a whole hour. */
export const WINDOWS_NOW = Date.UTC(2026, 2, 20, 11, 37);
const CHECK_MS = HOUR_MS;
export const WINDOWS = [
  { name: '24 h', ms: DAY_MS },
  { name: '7 d', ms: 7 * DAY_MS },
  { name: '30 d', ms: 30 * DAY_MS },
  { name: '365 d', ms: 365 * DAY_MS },
] as const;

export interface WindowsSettings {
  readonly monitors: number;
  /** The first monitors whose raw results the baseline sums (all when equal to `monitors`). */
  readonly baselineMonitors: number;
  readonly repeats: number;
}

export interface TimingFigures {
  readonly medianMs: number;
  readonly minMs: number;
  readonly runsMs: readonly number[];
  readonly disturbed: boolean;
}

export interface WindowsResult {
  readonly monitors: number;
  readonly figures: number;
  readonly bucketsRead: { readonly day: number; readonly hour: number; readonly minute: number };
  readonly rawRows: number;
  /** Figures from buckets already in memory (plan + sum), for every monitor and window. */
  readonly inMemory: TimingFigures;
  /** The same, with the buckets read from SQLite through the repository (one query per grain). */
  readonly withReads: TimingFigures & { readonly readsMedianMs: number };
  /** SQL SUM/COUNT over the raw results table, per monitor and window, for `baselineMonitors`. */
  readonly baseline: TimingFigures & { readonly monitors: number; readonly figures: number };
  /** Baseline time scaled to all monitors, for the ratio. */
  readonly ratioInMemory: number;
  readonly ratioWithReads: number;
  readonly agreement: {
    readonly compared: number;
    readonly agreed: number;
    readonly examples: readonly string[];
  };
}

interface MonitorData {
  readonly spans: MonitorStateSpan[];
  /** Raw checks: instant and 1 = up, 0 = down. */
  readonly checks: { at: number; up: number }[];
}

/** Hourly checks from a year and a day before now until now (inclusive), with down runs. */
function makeMonitor(rng: Random, first: number): MonitorData {
  const spans: MonitorStateSpan[] = [];
  const checks: { at: number; up: number }[] = [];
  let downLeft = 0;
  const downRate = rng.pick([0.001, 0.003, 0.01]);
  for (let at = first; at <= WINDOWS_NOW; at += CHECK_MS) {
    if (downLeft === 0 && rng.chance(downRate)) downLeft = rng.int(1, 6);
    const up = downLeft === 0;
    if (!up) downLeft--;
    checks.push({ at, up: up ? 1 : 0 });
    if (at === WINDOWS_NOW) break;
    const state = up ? 'up' : 'down';
    const last = spans[spans.length - 1];
    if (last && last.state === state && last.end === at)
      spans[spans.length - 1] = { ...last, end: at + CHECK_MS };
    else spans.push({ start: at, end: at + CHECK_MS, state });
  }
  return { spans, checks };
}

/** The plan of every window, and for each grain the ranges its buckets come from. */
function plans(): RangePlan[] {
  return WINDOWS.map((w) => planRange(WINDOWS_NOW - w.ms, WINDOWS_NOW));
}

/** Buckets of one grain, only inside the ranges the plans read (a year of minute buckets is not needed). */
function bucketsFor(
  spans: readonly MonitorStateSpan[],
  size: BucketSize,
  starts: ReadonlySet<number>,
): RollupBucket[] {
  if (size === 'day') return rollup(spans, [], 'day').filter((b) => starts.has(b.bucketStart));
  const width = size === 'hour' ? HOUR_MS : MINUTE_MS;
  const sorted = [...starts].sort((a, b) => a - b);
  const ranges: { start: number; end: number }[] = [];
  for (const t of sorted) {
    const last = ranges[ranges.length - 1];
    if (last && last.end === t) last.end = t + width;
    else ranges.push({ start: t, end: t + width });
  }
  const clipped: MonitorStateSpan[] = [];
  for (const r of ranges)
    for (const s of spans)
      if (s.end > r.start && s.start < r.end)
        clipped.push({ start: Math.max(s.start, r.start), end: Math.min(s.end, r.end), state: s.state });
  return rollup(clipped, [], size);
}

function timing(runs: { ms: number; cpuMs: number }[]): TimingFigures {
  const calm = runs.filter((r) => r.cpuMs >= UNDISTURBED_SHARE * r.ms);
  const disturbed = calm.length < Math.min(3, runs.length);
  const ms = (disturbed ? runs : calm).map((r) => r.ms).sort((a, b) => a - b);
  return { medianMs: median(ms), minMs: ms[0] as number, runsMs: runs.map((r) => r.ms), disturbed };
}

async function repeat(times: number, run: () => Promise<void> | void): Promise<TimingFigures> {
  const runs: { ms: number; cpuMs: number }[] = [];
  for (let i = 0; i < times; i++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await run();
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    runs.push({ ms, cpuMs: (cpu.user + cpu.system) / 1000 });
  }
  return timing(runs);
}

const toBucket = (r: RollupRow): RollupBucket => ({
  bucketStart: r.bucket,
  upMs: r.upMs,
  degradedMs: r.degradedMs,
  downMs: r.downMs,
  maintenanceMs: r.maintenanceMs,
  unknownMs: r.unknownMs,
  checks: r.checks,
  failedChecks: r.failedChecks,
  latencySumMs: r.latencySumMs,
  latencyCount: r.latencyCount,
});

export async function runWindows(rng: Random, s: WindowsSettings): Promise<WindowsResult> {
  const first = WINDOWS_NOW - 366 * DAY_MS;
  const data = Array.from({ length: s.monitors }, () => makeMonitor(rng, first));
  const planList = plans();
  const starts: Record<BucketSize, Set<number>> = { day: new Set(), hour: new Set(), minute: new Set() };
  for (const p of planList)
    for (const size of ['day', 'hour', 'minute'] as const) for (const t of p[size]) starts[size].add(t);
  const from = Math.min(...starts.day, ...starts.hour, ...starts.minute);

  // Rollups into a fresh Pledge database.
  const b = await freshStore();
  const services = await insertServices(b, s.monitors, first);
  const monitors = await insertMonitors(b, services, httpDefinition(3600), first, () => null);
  const ids = monitors.map((m) => m.id);
  const inMemory: BucketsBySize[] = [];
  for (let m = 0; m < s.monitors; m++) {
    const spans = (data[m] as MonitorData).spans;
    const buckets = {
      day: bucketsFor(spans, 'day', starts.day),
      hour: bucketsFor(spans, 'hour', starts.hour),
      minute: bucketsFor(spans, 'minute', starts.minute),
    };
    inMemory.push(buckets);
    const rows: RollupRow[] = [];
    for (const grain of ['day', 'hour', 'minute'] as const)
      for (const bucket of buckets[grain]) {
        const { bucketStart, ...rest } = bucket;
        rows.push({ monitorId: ids[m] as string, grain, bucket: bucketStart, ...rest });
      }
    await b.ctx.storage.monitoring.addRollups(rows);
  }

  // The index (running totals per bucket size) is built inside each timed run: it is part of the cost.
  const figuresOf = (index: BucketIndex, p: RangePlan) => index.figures(p, { calendar: TWENTY_FOUR_SEVEN });
  const ours: { up: number; down: number }[][] = [];

  // (a) Pure computation: plans and sums from buckets already in memory.
  const pure = await repeat(s.repeats, () => {
    ours.length = 0;
    const ps = plans();
    for (const buckets of inMemory) {
      const index = new BucketIndex(buckets);
      ours.push(
        ps.map((p) => {
          const f = figuresOf(index, p);
          return { up: f.upMs, down: f.downMs };
        }),
      );
    }
  });

  // (b) Including the reads: one rollups() query per grain for all monitors, then the same computation.
  const readRuns: number[] = [];
  const withReads = await repeat(s.repeats, async () => {
    const r0 = performance.now();
    const ps = plans();
    const bySize: Record<BucketSize, Map<string, RollupBucket[]>> = {
      day: new Map(),
      hour: new Map(),
      minute: new Map(),
    };
    for (const grain of ['day', 'hour', 'minute'] as const) {
      for (const r of await b.ctx.storage.monitoring.rollups(ids, grain, from, WINDOWS_NOW)) {
        let list = bySize[grain].get(r.monitorId);
        if (!list) bySize[grain].set(r.monitorId, (list = []));
        list.push(toBucket(r));
      }
    }
    readRuns.push(performance.now() - r0);
    for (const id of ids) {
      const buckets = {
        day: bySize.day.get(id) ?? [],
        hour: bySize.hour.get(id) ?? [],
        minute: bySize.minute.get(id) ?? [],
      };
      const index = new BucketIndex(buckets);
      for (const p of ps) figuresOf(index, p);
    }
  });
  await b.close();

  // The baseline: raw results, summed by SQL per monitor and window.
  const dir = scratchDir();
  const raw = new SQLite(path.join(dir, 'raw.sqlite'));
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.exec(
    'create table heartbeat (monitor_id integer not null, time integer not null, status integer not null)',
  );
  const insert = raw.prepare('insert into heartbeat (monitor_id, time, status) values (?, ?, ?)');
  let rawRows = 0;
  raw.transaction(() => {
    for (let m = 0; m < s.baselineMonitors; m++)
      for (const c of (data[m] as MonitorData).checks) {
        insert.run(m, c.at, c.up);
        rawRows++;
      }
  })();
  raw.exec('create index heartbeat_monitor_time on heartbeat (monitor_id, time)');
  raw.exec('analyze');
  const sum = raw.prepare(
    'select coalesce(sum(status), 0) as up, count(*) as n from heartbeat where monitor_id = ? and time >= ? and time < ?',
  );
  const theirs: { up: number; n: number }[][] = [];
  const baseline = await repeat(s.repeats, () => {
    theirs.length = 0;
    for (let m = 0; m < s.baselineMonitors; m++)
      theirs.push(
        WINDOWS.map((w) => sum.get(m, WINDOWS_NOW - w.ms, WINDOWS_NOW) as { up: number; n: number }),
      );
  });
  raw.close();
  fs.rmSync(dir, { recursive: true, force: true });

  const agreement = { compared: 0, agreed: 0, examples: [] as string[] };
  for (let m = 0; m < s.baselineMonitors; m++)
    WINDOWS.forEach((w, k) => {
      const o = ours[m]?.[k];
      const t = theirs[m]?.[k];
      agreement.compared++;
      if (o && t && o.up === t.up * CHECK_MS && o.down === (t.n - t.up) * CHECK_MS) agreement.agreed++;
      else if (agreement.examples.length < 5)
        agreement.examples.push(
          `monitor ${m}, ${w.name}: raw ${JSON.stringify(t)}, rollups ${JSON.stringify(o)} (ms)`,
        );
    });

  const scale = s.monitors / s.baselineMonitors;
  return {
    monitors: s.monitors,
    figures: s.monitors * WINDOWS.length,
    bucketsRead: {
      day: planList.reduce((n, p) => n + p.day.length, 0) * s.monitors,
      hour: planList.reduce((n, p) => n + p.hour.length, 0) * s.monitors,
      minute: planList.reduce((n, p) => n + p.minute.length, 0) * s.monitors,
    },
    rawRows,
    inMemory: pure,
    withReads: { ...withReads, readsMedianMs: median([...readRuns].sort((a, c) => a - c)) },
    baseline: { ...baseline, monitors: s.baselineMonitors, figures: s.baselineMonitors * WINDOWS.length },
    ratioInMemory: (baseline.medianMs * scale) / pure.medianMs,
    ratioWithReads: (baseline.medianMs * scale) / withReads.medianMs,
    agreement,
  };
}

export function printWindows(r: WindowsResult): void {
  const n = (x: number): string => x.toLocaleString('en-US');
  const t = (f: TimingFigures): string =>
    `${f.medianMs.toFixed(1)} ms${f.disturbed ? '*' : ''} (best ${f.minMs.toFixed(1)})`;
  console.log(
    `\navailability windows: 24 h / 7 d / 30 d / 365 d of ${n(r.monitors)} monitors = ${n(r.figures)} figures; ` +
      `plans read ${n(r.bucketsRead.day)} day, ${n(r.bucketsRead.hour)} hour, ${n(r.bucketsRead.minute)} minute buckets`,
  );
  console.log(`  pledge, buckets in memory (plan + sum):         ${t(r.inMemory)}`);
  console.log(
    `  pledge, incl. reading the buckets from SQLite:  ${t(r.withReads)}; the reads alone ${r.withReads.readsMedianMs.toFixed(0)} ms`,
  );
  console.log(
    `  baseline, SQL SUM/COUNT over ${n(r.rawRows)} raw rows: ${t(r.baseline)} for ${n(r.baseline.figures)} figures` +
      `${r.baseline.monitors < r.monitors ? ` (${n(r.baseline.monitors)} monitors; scaled for the ratio)` : ''}`,
  );
  console.log(
    `  ratio to the baseline: in memory ${r.ratioInMemory.toFixed(1)}×, with reads ${r.ratioWithReads.toFixed(1)}×`,
  );
  console.log(
    `  rollups vs raw counts (up and down time = count × 1 h): ${r.agreement.agreed}/${r.agreement.compared}${r.agreement.agreed === r.agreement.compared ? '' : ' DISAGREE'}`,
  );
  for (const e of r.agreement.examples) console.log(`    ${e}`);
}
