import { mulberry32 } from './lib/prng.ts';
import {
  checkTarget,
  type BenchSuite,
  type SuiteOptions,
  type SuiteReport,
  type TargetCheck,
} from './lib/suite.ts';
import {
  printBusinessHours,
  runBusinessHours,
  type BusinessResult,
  type BusinessSettings,
} from './monitoring/business-hours.ts';
import { printIngest, runIngest, type IngestResult, type IngestSettings } from './monitoring/ingest.ts';
import {
  printScheduler,
  runScheduler,
  type SchedulerResult,
  type SchedulerSettings,
} from './monitoring/scheduler.ts';
import { printWindows, runWindows, type WindowsResult, type WindowsSettings } from './monitoring/windows.ts';

const SEED = 20_260_520;

interface Settings {
  readonly ingest: IngestSettings;
  readonly windows: WindowsSettings;
  readonly business: BusinessSettings;
  readonly scheduler: SchedulerSettings;
}

/**
 * The per-check path and the Uptime Kuma pattern store a prefix of the 200,000 results: each runs one
 * transaction per result, and at their rates all of them would take minutes. Their rates are steady over
 * the run, so the prefix gives the rate.
 */
const FULL: Settings = {
  ingest: { monitors: 500, results: 200_000, batch: 20_000, perCheck: 5_000, baseline: 30_000 },
  windows: { monitors: 500, baselineMonitors: 100, repeats: 7 },
  business: { services: 200, repeats: 5 },
  scheduler: { monitors: 2_000, intervalSeconds: 10, runSeconds: 20 },
};

const QUICK: Settings = {
  ingest: { monitors: 200, results: 20_000, batch: 10_000, perCheck: 500, baseline: 4_000 },
  windows: { monitors: 100, baselineMonitors: 20, repeats: 3 },
  business: { services: 50, repeats: 3 },
  scheduler: { monitors: 500, intervalSeconds: 10, runSeconds: 5 },
};

function targetsOf(
  ingest: IngestResult,
  windows: WindowsResult,
  business: BusinessResult,
  scheduler: SchedulerResult,
): TargetCheck[] {
  const n = (x: number): string => x.toLocaleString('en-US');
  return [
    checkTarget(
      'ingest-ratio',
      'ingest: pledge batch path / uptime-kuma pattern',
      ingest.ratioBatch,
      '>=',
      20,
      '×',
    ),
    checkTarget(
      'ingest-rate',
      `ingest: pledge batch path, ${n(ingest.results)} results`,
      ingest.batch.perSec,
      '>=',
      100_000,
      'results/s',
    ),
    checkTarget(
      'windows-in-memory',
      `availability windows: ${n(windows.figures)} figures from buckets in memory (median)`,
      windows.inMemory.medianMs,
      '<',
      10,
      'ms',
    ),
    checkTarget(
      'windows-with-reads',
      `availability windows: ${n(windows.figures)} figures incl. SQLite reads (median)`,
      windows.withReads.medianMs,
      '<',
      10,
      'ms',
    ),
    checkTarget(
      'business-rollups',
      `business hours: ${business.services} services, businessHoursFigures on the month's buckets`,
      business.rollupsMs.medianMs,
      '<',
      200,
      'ms',
    ),
    checkTarget(
      'business-rollups-planned',
      `business hours: ${business.services} services, businessHoursFigures on the planned buckets`,
      business.rollupsPlannedOnlyMs.medianMs,
      '<',
      200,
      'ms',
    ),
    checkTarget(
      'business-compute-availability',
      `business hours: ${business.services} services through computeAvailability`,
      business.computeAvailabilityMs.medianMs,
      '<',
      200,
      'ms',
    ),
    checkTarget(
      'scheduler-p99',
      `scheduler: lateness p99, ${n(scheduler.monitors)} monitors every ${scheduler.intervalSeconds} s`,
      scheduler.ours.p99Ms,
      '<',
      1000,
      'ms',
    ),
  ];
}

async function run(options: SuiteOptions): Promise<SuiteReport> {
  const s = options.quick ? QUICK : FULL;
  console.log(`seed ${SEED}; SQLite files in the system's temporary directory, WAL, synchronous NORMAL\n`);

  const ingest = await runIngest(mulberry32(SEED), s.ingest);
  printIngest(ingest);
  const windows = await runWindows(mulberry32(SEED + 1), s.windows);
  printWindows(windows);
  const business = await runBusinessHours(mulberry32(SEED + 2), s.business);
  printBusinessHours(business);
  const scheduler = await runScheduler(mulberry32(SEED + 3), s.scheduler);
  printScheduler(scheduler);

  const missed = (a: { compared: number; agreed: number }): number => a.compared - a.agreed;
  const disagreements =
    missed(ingest.agreement) +
    missed(ingest.batchAgreement) +
    missed(ingest.perCheckAgreement) +
    missed(windows.agreement) +
    missed(business.agreement);
  return {
    data: { seed: SEED, settings: s, ingest, windows, businessHours: business, scheduler },
    targets: targetsOf(ingest, windows, business, scheduler),
    disagreements,
  };
}

export const monitoringSuite: BenchSuite = {
  name: 'monitoring',
  title: 'Availability monitoring: ingest, rollup figures, business hours and scheduling beside naive peers',
  run,
};
