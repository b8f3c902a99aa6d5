import os from 'node:os';
import type { Agreement } from './agreement.ts';
import type { CalendarEditResult } from './calendar-edit.ts';
import type { BusinessTimeImpl } from './implementation.ts';
import type { MemoryResult } from './memory.ts';
import type { ImplResult, WorkloadResult } from './workload.ts';
import { EXCLUSION_REASONS } from './workload-specs.ts';
import { checkTarget, type TargetCheck } from '../lib/suite.ts';
import { formatBytes, formatRate, formatRatio, formatTable } from '../lib/table.ts';

function agreementCell(a: Agreement | undefined): string {
  if (!a) return '-';
  const excluded = Object.values(a.excluded).reduce((n, b) => n + b.inputs, 0);
  return `${a.agreed}/${a.compared}${a.agreed === a.compared ? '' : ' DISAGREE'}${excluded > 0 ? ` (+${excluded} excl.)` : ''}`;
}

function workloadRow(w: WorkloadResult, impls: readonly BusinessTimeImpl[]): string[] {
  const [pledge, ...peers] = impls as [BusinessTimeImpl, ...BusinessTimeImpl[]];
  const rate = (name: string): string => {
    const m = w.implementations[name] as ImplResult;
    return `${formatRate(m.opsPerSec)}${m.disturbed ? '*' : ''}`;
  };
  return [
    w.title,
    rate(pledge.name),
    ...peers.map((p) => rate(p.name)),
    ...peers.map((p) => formatRatio(w.ratios[p.name] ?? Number.NaN)),
    ...peers.map((p) => agreementCell(w.agreement[p.name])),
  ];
}

/** The main table: rates, ratios and agreement per workload, with a note when figures were disturbed. */
export function printWorkloadTable(
  workloads: readonly WorkloadResult[],
  impls: readonly BusinessTimeImpl[],
): void {
  const peers = impls.slice(1);
  const short = (name: string): string => name.split('-')[0] ?? name;
  const header = [
    'workload',
    'pledge',
    ...peers.map((p) => p.name),
    ...peers.map((p) => `pledge/${short(p.name)}`),
    ...peers.map((p) => `agree ${short(p.name)}`),
  ];
  console.log(
    `\n${formatTable(
      header,
      workloads.map((w) => workloadRow(w, impls)),
    )}`,
  );
  if (workloads.some((w) => Object.values(w.implementations).some((m) => m.disturbed))) {
    console.log(
      `* other processes kept this one off the CPU in most samples (load average ${os.loadavg()[0]?.toFixed(1)} on ${os.availableParallelism()} cores): re-run on a quiet machine`,
    );
  }
}

export function printDisagreements(workloads: readonly WorkloadResult[]): void {
  for (const w of workloads) {
    for (const [peer, a] of Object.entries(w.agreement)) {
      if (a.examples.length === 0) continue;
      console.log(
        `\n${w.title}: ${peer} disagrees on ${a.compared - a.agreed} of ${a.compared} comparable inputs, e.g.`,
      );
      for (const e of a.examples) console.log(`  ${JSON.stringify(e)}`);
    }
  }
}

export function printExclusions(workloads: readonly WorkloadResult[]): void {
  const lines: string[] = [];
  for (const w of workloads) {
    for (const [peer, a] of Object.entries(w.agreement)) {
      for (const [reason, b] of Object.entries(a.excluded)) {
        const explained = b.explained === undefined ? '' : `, ${b.explained} exactly as the defect predicts`;
        lines.push(
          `  ${w.title}, ${peer}: ${b.inputs} inputs with ${reason} (${b.agreed} agreed anyway${explained})`,
        );
      }
    }
  }
  if (lines.length === 0) return;
  console.log('\nNot compared (semantics differ):');
  for (const line of lines) console.log(line);
  for (const [reason, text] of Object.entries(EXCLUSION_REASONS)) console.log(`  ${reason}: ${text}`);
}

export function printCalendarEdit(r: CalendarEditResult): void {
  if ('skipped' in r) {
    console.log(`\ncalendar edit: skipped: ${r.skipped}`);
    return;
  }
  console.log(
    `\ncalendar edit: ${r.tickets.toLocaleString('en-US')} open tickets (${r.pausedTickets.toLocaleString('en-US')} paused at some point), ` +
      `${r.clocks.toLocaleString('en-US')} resolution clocks; edit = one more holiday`,
  );
  console.log(`  first computation on the original calendar: ${r.initialMs.toFixed(0)} ms`);
  console.log(
    `  recompute after the edit (new calendar + computeClocks for all): median ${r.medianMs.toFixed(0)} ms${r.disturbed ? '*' : ''}, best ${r.minMs.toFixed(0)} ms` +
      `; ${((r.medianMs * 1000) / r.clocks).toFixed(2)} µs per clock`,
  );
  console.log(
    `  runs: ${r.recomputeMs.map((ms, i) => `${ms.toFixed(0)} ms (CPU ${((100 * (r.recomputeCpuMs[i] ?? 0)) / ms).toFixed(0)}%)`).join(', ')}`,
  );
  console.log(`  due instants moved by the edit: ${r.dueMoved.toLocaleString('en-US')}`);
  console.log(
    `  computeClocks consistent with BusinessCalendar#elapsed/#due: ${r.consistency.agreed}/${r.consistency.checked}`,
  );
  for (const e of r.consistency.examples) console.log(`    ${JSON.stringify(e)}`);
}

export function printMemory(m: MemoryResult): void {
  console.log(`\nmemory: ${m.calendar}, compiled ${m.range}`);
  console.log(
    `  ${m.chunks} chunks of 364 days, ${formatBytes(m.bytes)} in all: ${formatBytes(m.bytesPerYear)} per compiled year; ` +
      `compiling took ${m.compileMsPerYear.toFixed(1)} ms per year; ${m.openHoursPerYear.toFixed(0)} open hours per year`,
  );
}

export function targetsOf(
  workloads: readonly WorkloadResult[],
  edit: CalendarEditResult,
  memory: MemoryResult,
): TargetCheck[] {
  const byId = (id: string): WorkloadResult => {
    const w = workloads.find((x) => x.id === id);
    if (!w) throw new Error(`no workload ${id}`);
    return w;
  };
  const short = byId('elapsed-3d');
  const long = byId('elapsed-90d');
  const ourRate = (w: WorkloadResult): number => (w.implementations['pledge'] as ImplResult).opsPerSec;
  const targets = [
    checkTarget(
      'elapsed-3d-ratio',
      `elapsed, 0-3 day spans: pledge / fastest peer (${short.fastestPeer})`,
      short.ratioToFastestPeer,
      '>=',
      300,
      '×',
    ),
    checkTarget(
      'elapsed-90d-ratio',
      `elapsed, 0-90 day spans: pledge / fastest peer (${long.fastestPeer})`,
      long.ratioToFastestPeer,
      '>=',
      3000,
      '×',
    ),
    checkTarget(
      'elapsed-3d-rate',
      'elapsed, 0-3 day spans: pledge operations per second',
      ourRate(short),
      '>=',
      10_000_000,
      'ops/s',
    ),
    checkTarget(
      'elapsed-90d-rate',
      'elapsed, 0-90 day spans: pledge operations per second',
      ourRate(long),
      '>=',
      10_000_000,
      'ops/s',
    ),
  ];
  if (!('skipped' in edit)) {
    targets.push(
      checkTarget(
        'calendar-edit',
        `calendar edit: recompute ${edit.clocks.toLocaleString('en-US')} clocks (median)`,
        edit.medianMs,
        '<',
        300,
        'ms',
      ),
    );
  }
  targets.push(
    checkTarget(
      'memory-per-year',
      'compiled calendar-year, office calendar with DE-BY holidays',
      memory.bytesPerYear / 1024,
      '<',
      100,
      'KiB',
    ),
  );
  return targets;
}
