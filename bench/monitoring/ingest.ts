import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { recordCheckResult, trackerParams } from '../../src/app/monitoring/check-recording.ts';
import type { RollupRow } from '../../src/app/monitoring/monitoring.repository.ts';
import { rollupRowsFor } from '../../src/app/monitoring/rollup-rows.ts';
import {
  initialTrackerState,
  step,
  type TrackerParams,
  type TrackerState,
} from '../../src/domain/monitoring/check-sequence.ts';
import type { CheckResult, MonitorStateSpan } from '../../src/domain/monitoring/types.ts';
import type { Random } from '../lib/prng.ts';
import { formatRate, formatRatio, formatTable } from '../lib/table.ts';
import { kumaStore } from './kuma-baseline.ts';
import {
  FixedClock,
  freshStore,
  httpDefinition,
  insertMonitors,
  insertServices,
  scratchDir,
  type BenchStore,
} from './store.ts';

/** Friday 2026-03-20 00:00 UTC: the first check of the ingest. */
const INGEST_START = Date.UTC(2026, 2, 20);
const INTERVAL_S = 60;

export interface IngestSettings {
  readonly monitors: number;
  readonly results: number;
  /** Results per transaction of the batch path. */
  readonly batch: number;
  /** The first results (in arrival order) that the per-check path records. */
  readonly perCheck: number;
  /** The first results that the Uptime Kuma pattern stores (all of them when equal to `results`). */
  readonly baseline: number;
}

export interface PathFigures {
  readonly results: number;
  readonly ms: number;
  /** Process CPU time over the run; far below `ms` means other processes had the CPU (or I/O waits). */
  readonly cpuMs: number;
  readonly perSec: number;
}

/** Wall and CPU time of an async run. */
async function timed(run: () => Promise<void>): Promise<{ ms: number; cpuMs: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await run();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000 };
}

interface Arrival {
  readonly monitor: number;
  readonly result: CheckResult;
}

export interface IngestResult {
  readonly monitors: number;
  readonly results: number;
  readonly batchSize: number;
  readonly spansWritten: number;
  readonly rollupRowsWritten: number;
  readonly batch: PathFigures & { readonly phasesMs: Record<IngestPhase, number> };
  readonly perCheck: PathFigures;
  readonly baseline: PathFigures;
  readonly ratioBatch: number;
  readonly ratioPerCheck: number;
  /** Kuma vs our rollup arithmetic on Kuma's results: checks, failures, latency sums per minute/hour/day. */
  readonly agreement: Agreement;
  /** Rows the batch path stored vs all results fed through the tracker at once: every row, every field. */
  readonly batchAgreement: Agreement;
  /** The same for the per-check path and its results. */
  readonly perCheckAgreement: Agreement;
}

/** One check a minute per monitor at its own phase; mostly up, with down runs of 1–10 checks. */
function makeArrivals(rng: Random, monitors: number, results: number): Arrival[] {
  const perMonitor = Math.ceil(results / monitors);
  const phase = Array.from({ length: monitors }, () => rng.int(0, INTERVAL_S * 1000 - 1));
  const downLeft = new Array<number>(monitors).fill(0);
  const out: Arrival[] = [];
  for (let i = 0; i < perMonitor && out.length < results; i++) {
    for (let m = 0; m < monitors && out.length < results; m++) {
      const at = INGEST_START + i * INTERVAL_S * 1000 + (phase[m] as number);
      if ((downLeft[m] as number) === 0 && rng.chance(0.004)) downLeft[m] = rng.int(1, 10);
      const down = (downLeft[m] as number) > 0;
      if (down) downLeft[m] = (downLeft[m] as number) - 1;
      const result: CheckResult = down
        ? {
            at,
            status: 'down',
            latencyMs: null,
            message: rng.pick(['HTTP 503', 'connection refused', 'timed out']),
          }
        : { at, status: rng.chance(0.02) ? 'degraded' : 'up', latencyMs: rng.int(15, 900), message: '' };
      out.push({ monitor: m, result });
    }
  }
  return out;
}

const monitorId = (m: number): string => `mon-${String(m).padStart(4, '0')}`;
const rowKey = (r: Pick<RollupRow, 'monitorId' | 'grain' | 'bucket'>): string =>
  `${r.monitorId}:${r.grain}:${r.bucket}`;

/** Where the batch path's time goes, in ms. */
export type IngestPhase = 'compute' | 'checks' | 'spans' | 'runtime' | 'rollups' | 'commit';

/** The batch path: tracker and rollup deltas in memory, then bulk writes in one transaction per batch. */
async function ingestBatched(
  b: BenchStore,
  arrivals: readonly Arrival[],
  monitors: number,
  batch: number,
  params: TrackerParams,
): Promise<{ ms: number; cpuMs: number; spans: number; rows: number; phases: Record<IngestPhase, number> }> {
  const phases: Record<IngestPhase, number> = {
    compute: 0,
    checks: 0,
    spans: 0,
    runtime: 0,
    rollups: 0,
    commit: 0,
  };
  let mark = 0;
  const lap = (phase: IngestPhase): void => {
    const now = performance.now();
    phases[phase] += now - mark;
    mark = now;
  };
  const cpu0 = process.cpuUsage();
  const trackers: TrackerState[] = Array.from({ length: monitors }, initialTrackerState);
  let spansWritten = 0;
  let rowsWritten = 0;
  const t0 = performance.now();
  for (let start = 0; start < arrivals.length; start += batch) {
    const checks: CheckResult[][] = Array.from({ length: monitors }, () => []);
    for (let i = start; i < Math.min(arrivals.length, start + batch); i++) {
      const a = arrivals[i] as Arrival;
      (checks[a.monitor] as CheckResult[]).push(a.result);
    }
    mark = performance.now();
    const spans: MonitorStateSpan[][] = [];
    const rows: RollupRow[] = [];
    for (let m = 0; m < monitors; m++) {
      const own: MonitorStateSpan[] = [];
      let tracker = trackers[m] as TrackerState;
      for (const c of checks[m] as CheckResult[]) {
        const { state, events } = step(tracker, c, params);
        tracker = state;
        for (const e of events) if (e.type === 'span') own.push(e.span);
      }
      trackers[m] = tracker;
      spans.push(own);
      if ((checks[m] as CheckResult[]).length > 0)
        rows.push(...rollupRowsFor(monitorId(m), own, checks[m] as CheckResult[]));
    }
    lap('compute');
    await b.ctx.storage.transaction(async (repos) => {
      for (let m = 0; m < monitors; m++) {
        const own = checks[m] as CheckResult[];
        if (own.length === 0) continue;
        const id = monitorId(m);
        await repos.monitoring.insertChecks(id, own);
        lap('checks');
        const finished = spans[m] as MonitorStateSpan[];
        if (finished.length > 0) await repos.monitoring.insertSpans(id, finished);
        lap('spans');
        // The tracker state and the last check, as recordCheck keeps them (no raw row, no rollups here).
        const tracker = trackers[m] as TrackerState;
        const last = own[own.length - 1] as CheckResult;
        await repos.monitoring.recordCheck({
          monitorId: id,
          result: last,
          keepRaw: false,
          runtime: {
            state: tracker.belief,
            stateSince: 0,
            tracker,
            nextCheckAt: last.at + INTERVAL_S * 1000,
            lastCheck: last,
          },
          spans: [],
          rollups: [],
        });
        lap('runtime');
        spansWritten += finished.length;
      }
      await repos.monitoring.addRollups(rows);
      lap('rollups');
    });
    lap('commit');
    rowsWritten += rows.length;
  }
  const cpu = process.cpuUsage(cpu0);
  return {
    ms: performance.now() - t0,
    cpuMs: (cpu.user + cpu.system) / 1000,
    spans: spansWritten,
    rows: rowsWritten,
    phases,
  };
}

/** The production path: `recordCheckResult` for each check, one transaction each. */
async function ingestPerCheck(
  b: BenchStore,
  clock: FixedClock,
  arrivals: readonly Arrival[],
): Promise<{ ms: number; cpuMs: number }> {
  return timed(async () => {
    for (const a of arrivals) {
      clock.current = a.result.at;
      await recordCheckResult(b.ctx, monitorId(a.monitor), a.result);
    }
  });
}

/** The same results batched in memory: what the per-check path must have written, row by row. */
function expectedRows(
  arrivals: readonly Arrival[],
  monitors: number,
  params: TrackerParams,
): Map<string, RollupRow> {
  const trackers: TrackerState[] = Array.from({ length: monitors }, initialTrackerState);
  const spans: MonitorStateSpan[][] = Array.from({ length: monitors }, () => []);
  const checks: CheckResult[][] = Array.from({ length: monitors }, () => []);
  for (const a of arrivals) {
    const { state, events } = step(trackers[a.monitor] as TrackerState, a.result, params);
    trackers[a.monitor] = state;
    for (const e of events) if (e.type === 'span') (spans[a.monitor] as MonitorStateSpan[]).push(e.span);
    (checks[a.monitor] as CheckResult[]).push(a.result);
  }
  const out = new Map<string, RollupRow>();
  for (let m = 0; m < monitors; m++) {
    for (const r of rollupRowsFor(monitorId(m), spans[m] as MonitorStateSpan[], checks[m] as CheckResult[]))
      out.set(rowKey(r), r);
  }
  return out;
}

async function storedRows(b: BenchStore, monitors: number): Promise<RollupRow[]> {
  const ids = Array.from({ length: monitors }, (_, m) => monitorId(m));
  const out: RollupRow[] = [];
  for (const grain of ['minute', 'hour', 'day'] as const)
    for (const r of await b.ctx.storage.monitoring.rollups(ids, grain, 0, Number.MAX_SAFE_INTEGER))
      out.push(r);
  return out;
}

export interface Agreement {
  readonly compared: number;
  readonly agreed: number;
  readonly examples: readonly string[];
}

function compareRows(stored: readonly RollupRow[], expected: Map<string, RollupRow>): Agreement {
  const out = { compared: 0, agreed: 0, examples: [] as string[] };
  const left = new Map(expected);
  for (const r of stored) {
    const e = left.get(rowKey(r));
    left.delete(rowKey(r));
    out.compared++;
    if (e && FIELDS.every((f) => e[f] === r[f])) out.agreed++;
    else if (out.examples.length < 5)
      out.examples.push(`${rowKey(r)}: stored ${JSON.stringify(r)}, expected ${JSON.stringify(e ?? null)}`);
  }
  out.compared += left.size;
  for (const k of [...left.keys()].slice(0, Math.max(0, 5 - out.examples.length)))
    out.examples.push(`${k}: not stored`);
  return out;
}

const FIELDS = [
  'upMs',
  'degradedMs',
  'downMs',
  'maintenanceMs',
  'unknownMs',
  'checks',
  'failedChecks',
  'latencySumMs',
  'latencyCount',
] as const;

export async function runIngest(rng: Random, s: IngestSettings): Promise<IngestResult> {
  const arrivals = makeArrivals(rng, s.monitors, s.results);
  const params = trackerParams(httpDefinition(INTERVAL_S));

  // Ours, batched.
  const batched = await freshStore(new FixedClock(INGEST_START));
  const services = await insertServices(batched, s.monitors, INGEST_START);
  await insertMonitors(batched, services, httpDefinition(INTERVAL_S), INGEST_START, () => null);
  const ours = await ingestBatched(batched, arrivals, s.monitors, s.batch, params);
  const ourRows = await storedRows(batched, s.monitors);
  await batched.close();

  // Ours, one check at a time (the scheduler's path).
  const clock = new FixedClock(INGEST_START);
  const single = await freshStore(clock);
  const services2 = await insertServices(single, s.monitors, INGEST_START);
  await insertMonitors(single, services2, httpDefinition(INTERVAL_S), INGEST_START, () => null);
  const prefix = arrivals.slice(0, s.perCheck);
  const perCheck = await ingestPerCheck(single, clock, prefix);
  const singleRows = await storedRows(single, s.monitors);
  await single.close();

  // Uptime Kuma's pattern.
  const dir = scratchDir();
  const kuma = kumaStore(dir);
  const lastAt = new Array<number | null>(s.monitors).fill(null);
  const baselineArrivals = arrivals.slice(0, s.baseline);
  const baseline = await timed(() => {
    for (const a of baselineArrivals) {
      kuma.record(a.monitor, a.result, lastAt[a.monitor] ?? null);
      lastAt[a.monitor] = a.result.at;
    }
    return Promise.resolve();
  });

  // Kuma and our rollup arithmetic (tracker + rollupRowsFor) on what both count, over the results Kuma
  // stored: checks, failures and latency sums per monitor and UTC minute, hour and day.
  const agreement = { compared: 0, agreed: 0, examples: [] as string[] };
  const expectedPrefix = expectedRows(baselineArrivals, s.monitors, params);
  const ourChecks = new Map<string, RollupRow>();
  for (const [k, r] of expectedPrefix) if (r.checks > 0) ourChecks.set(k, r);
  const tables = { minute: 'stat_minutely', hour: 'stat_hourly', day: 'stat_daily' } as const;
  for (const grain of ['minute', 'hour', 'day'] as const) {
    for (const [key, [up, down, ping]] of kuma.stats(tables[grain])) {
      const [m, bucket] = key.split(':') as [string, string];
      const k = `${monitorId(Number(m))}:${grain}:${bucket}`;
      const r = ourChecks.get(k);
      ourChecks.delete(k);
      agreement.compared++;
      if (r && r.checks === up + down && r.failedChecks === down && r.latencySumMs === ping)
        agreement.agreed++;
      else if (agreement.examples.length < 5)
        agreement.examples.push(
          `${k}: kuma up ${up} down ${down} ping ${ping}; ours ${r ? `${r.checks}/${r.failedChecks}/${r.latencySumMs}` : 'missing'}`,
        );
    }
  }
  for (const k of ourChecks.keys()) {
    agreement.compared++;
    if (agreement.examples.length < 5) agreement.examples.push(`${k}: only in ours`);
  }
  kuma.close();
  fs.rmSync(dir, { recursive: true, force: true });

  // What each of our paths stored, against the same results fed through the tracker in memory at once.
  const batchAgreement = compareRows(ourRows, expectedRows(arrivals, s.monitors, params));
  const perCheckAgreement = compareRows(singleRows, expectedRows(prefix, s.monitors, params));

  const figures = (results: number, t: { ms: number; cpuMs: number }): PathFigures => ({
    results,
    ms: t.ms,
    cpuMs: t.cpuMs,
    perSec: (results / t.ms) * 1000,
  });
  const ourBatch = figures(arrivals.length, ours);
  const ourSingle = figures(prefix.length, perCheck);
  const theirs = figures(baselineArrivals.length, baseline);
  return {
    monitors: s.monitors,
    results: arrivals.length,
    batchSize: s.batch,
    spansWritten: ours.spans,
    rollupRowsWritten: ours.rows,
    batch: { ...ourBatch, phasesMs: ours.phases },
    perCheck: ourSingle,
    baseline: theirs,
    ratioBatch: ourBatch.perSec / theirs.perSec,
    ratioPerCheck: ourSingle.perSec / theirs.perSec,
    agreement,
    batchAgreement,
    perCheckAgreement,
  };
}

export function printIngest(r: IngestResult): void {
  const n = (x: number): string => x.toLocaleString('en-US');
  const cpu = (p: PathFigures): string => `${Math.round((100 * p.cpuMs) / p.ms)}%`;
  console.log(
    `ingest: ${n(r.results)} check results of ${n(r.monitors)} monitors (one a minute each, ${INTERVAL_S / 60} min interval), fresh SQLite files (WAL)`,
  );
  console.log(
    formatTable(
      ['path', 'results', 'time', 'CPU', 'results/s', 'vs kuma'],
      [
        [
          `pledge, batches of ${n(r.batchSize)} (tracker + bulk checks/spans/rollups)`,
          n(r.batch.results),
          `${(r.batch.ms / 1000).toFixed(2)} s`,
          cpu(r.batch),
          formatRate(r.batch.perSec),
          formatRatio(r.ratioBatch),
        ],
        [
          'pledge, recordCheckResult per check (scheduler path)',
          n(r.perCheck.results),
          `${(r.perCheck.ms / 1000).toFixed(2)} s`,
          cpu(r.perCheck),
          formatRate(r.perCheck.perSec),
          formatRatio(r.ratioPerCheck),
        ],
        [
          'uptime-kuma v2 pattern (heartbeat + 3 upserts + 2 deletes)',
          n(r.baseline.results),
          `${(r.baseline.ms / 1000).toFixed(2)} s`,
          cpu(r.baseline),
          formatRate(r.baseline.perSec),
          '1.0×',
        ],
      ],
    ),
  );
  const phases = Object.entries(r.batch.phasesMs)
    .map(([k, ms]) => `${k} ${(ms / 1000).toFixed(2)} s`)
    .join(', ');
  console.log(`  batch path time by phase: ${phases}`);
  console.log(
    `  batch path wrote ${n(r.spansWritten)} state spans and ${n(r.rollupRowsWritten)} rollup upserts`,
  );
  const agree = (a: IngestResult['agreement'], what: string): void => {
    console.log(`  ${what}: ${a.agreed}/${a.compared}${a.agreed === a.compared ? '' : ' DISAGREE'}`);
    for (const e of a.examples) console.log(`    ${e}`);
  };
  agree(
    r.agreement,
    `checks, failures, latency sums per minute/hour/day bucket, kuma vs pledge's rollup rows (${n(r.baseline.results)} results)`,
  );
  agree(r.batchAgreement, 'rollup rows stored by the batch path vs all results through the tracker at once');
  agree(r.perCheckAgreement, 'rollup rows stored by the per-check path vs the same results at once');
}
