import { runCalendarEdit } from './engine/calendar-edit.ts';
import { describeCalendar, randomCalendars } from './engine/calendars.ts';
import { DayjsImpl } from './engine/dayjs-impl.ts';
import type { BusinessTimeImpl } from './engine/implementation.ts';
import { dueInputs, spanInputs } from './engine/inputs.ts';
import { runMemory } from './engine/memory.ts';
import { MomentImpl } from './engine/moment-impl.ts';
import { PledgeImpl } from './engine/pledge-impl.ts';
import {
  printCalendarEdit,
  printDisagreements,
  printExclusions,
  printMemory,
  printWorkloadTable,
  targetsOf,
} from './engine/report.ts';
import {
  runWorkload,
  type MeasureSettings,
  type WorkloadResult,
  type WorkloadSpec,
} from './engine/workload.ts';
import { dueSpec, elapsedSpec, EXCLUSION_REASONS } from './engine/workload-specs.ts';
import { mulberry32 } from './lib/prng.ts';
import type { BenchSuite, SuiteOptions, SuiteReport } from './lib/suite.ts';

const SEED = 20_260_320;
/** The peers compute in the process's local zone; the bench pins it and gives Pledge the same zone. */
const TIME_ZONE = 'Europe/Berlin';

interface Settings {
  readonly calendars: number;
  /**
   * Inputs per calendar for Pledge. Thousands per calendar: on a few hundred inputs, repeated over and over,
   * the CPU's branch predictor learns the outcomes of the binary searches and Pledge looks up to 3× faster
   * than on inputs it has not seen.
   */
  readonly pledgePerCalendar: number;
  /** The first inputs of each calendar that the (far slower) peers compute and that are compared. */
  readonly shortPerCalendar: number;
  readonly longPerCalendar: number;
  readonly duePerCalendar: number;
  readonly pledge: MeasureSettings;
  readonly peers: MeasureSettings;
  readonly tickets: number;
  readonly editRepeats: number;
  readonly memoryYears: number;
}

const FULL: Settings = {
  calendars: 6,
  pledgePerCalendar: 4000,
  shortPerCalendar: 1000,
  longPerCalendar: 250,
  duePerCalendar: 500,
  pledge: { warmupMs: 150, sampleMs: 40, budgetMs: 600, minSamples: 9, blockSize: 0 },
  peers: { warmupMs: 100, sampleMs: 150, budgetMs: 1200, minSamples: 5, blockSize: 8 },
  tickets: 100_000,
  editRepeats: 5,
  memoryYears: 10,
};

const QUICK: Settings = {
  calendars: 3,
  pledgePerCalendar: 1000,
  shortPerCalendar: 200,
  longPerCalendar: 40,
  duePerCalendar: 100,
  pledge: { warmupMs: 30, sampleMs: 10, budgetMs: 100, minSamples: 3, blockSize: 0 },
  peers: { warmupMs: 20, sampleMs: 30, budgetMs: 150, minSamples: 3, blockSize: 8 },
  tickets: 100_000,
  editRepeats: 2,
  memoryYears: 10,
};

/** Sets the process's zone for the peers and gives back a function that restores the previous one. */
function pinTimeZone(zone: string): () => void {
  const previous = process.env['TZ'];
  process.env['TZ'] = zone;
  const resolved = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (resolved !== zone)
    throw new Error(`could not switch the process to ${zone} (got ${resolved}); run with TZ=${zone}`);
  return () => {
    if (previous === undefined) delete process.env['TZ'];
    else process.env['TZ'] = previous;
  };
}

async function run(options: SuiteOptions): Promise<SuiteReport> {
  const s = options.quick ? QUICK : FULL;
  const restoreZone = pinTimeZone(TIME_ZONE);
  try {
    const rng = mulberry32(SEED);
    const calendars = randomCalendars(rng, s.calendars);
    const impls: BusinessTimeImpl[] = [
      new PledgeImpl(calendars, TIME_ZONE),
      new MomentImpl(),
      new DayjsImpl(),
    ];
    console.log(`process time zone ${TIME_ZONE}, seed ${SEED}, ${calendars.length} random calendars:`);
    for (const c of calendars) console.log(`  ${c.id}: ${describeCalendar(c)}`);
    console.log(`implementations: ${impls.map((i) => `${i.name} ${i.version}`).join(', ')}\n`);

    const specs: WorkloadSpec[] = [
      elapsedSpec(
        'elapsed-3d',
        'elapsed, 0-3 d spans',
        calendars,
        spanInputs(rng, calendars, s.pledgePerCalendar, 3),
        s.shortPerCalendar,
      ),
      elapsedSpec(
        'elapsed-90d',
        'elapsed, 0-90 d spans',
        calendars,
        spanInputs(rng, calendars, s.pledgePerCalendar, 90),
        s.longPerCalendar,
      ),
      ...[4, 16, 40].map((h) =>
        dueSpec(calendars, dueInputs(rng, calendars, s.pledgePerCalendar), h, s.duePerCalendar),
      ),
    ];

    const workloads: WorkloadResult[] = [];
    for (const spec of specs) {
      const peerInputs = Math.min(spec.size, spec.peerPerCalendar * calendars.length);
      process.stdout.write(
        `running ${spec.title}: pledge on ${spec.size} inputs, the peers on ${peerInputs} of them…\n`,
      );
      workloads.push(runWorkload(spec, impls, calendars, s));
    }
    printWorkloadTable(workloads, impls);
    printExclusions(workloads);
    printDisagreements(workloads);

    process.stdout.write(`\nrunning the calendar edit (${s.tickets.toLocaleString('en-US')} tickets)…\n`);
    const edit = await runCalendarEdit(mulberry32(SEED + 1), s.tickets, s.editRepeats);
    printCalendarEdit(edit);
    const memory = runMemory(2025, s.memoryYears);
    printMemory(memory);

    let disagreements = 0;
    for (const w of workloads)
      for (const a of Object.values(w.agreement)) disagreements += a.compared - a.agreed;
    if (!('skipped' in edit)) disagreements += edit.consistency.checked - edit.consistency.agreed;

    return {
      data: {
        seed: SEED,
        timeZone: TIME_ZONE,
        settings: s,
        calendars: calendars.map((c) => ({
          id: c.id,
          description: describeCalendar(c),
          holidays: c.holidays,
        })),
        implementations: Object.fromEntries(impls.map((i) => [i.name, i.version])),
        exclusionReasons: EXCLUSION_REASONS,
        workloads,
        calendarEdit: edit,
        memory,
      },
      targets: targetsOf(workloads, edit, memory),
      disagreements,
    };
  } finally {
    restoreZone();
  }
}

export const engineSuite: BenchSuite = {
  name: 'engine',
  title: 'Business-time engine: Pledge beside moment-business-time and dayjs-business-time',
  run,
};
