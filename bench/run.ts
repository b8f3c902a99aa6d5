// `npm run bench [-- [--quick] [suite…]]`: runs the benchmark suites, prints their tables and writes
// bench/results/<suite>.json. Exits 1 only when implementations disagree where their semantics match;
// missed performance targets are reported as FAIL but do not fail the run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { machineInfo } from './lib/machine.ts';
import type { BenchSuite, TargetCheck } from './lib/suite.ts';
import { formatTable } from './lib/table.ts';

/** Every suite, loaded only when selected, so that one suite's dependencies never burden another's run. */
const SUITES: readonly { readonly name: string; readonly load: () => Promise<BenchSuite> }[] = [
  { name: 'engine', load: async () => (await import('./engine.bench.ts')).engineSuite },
  { name: 'http', load: async () => (await import('./http.bench.ts')).httpSuite },
  { name: 'escalation', load: async () => (await import('./escalation.ts')).escalationSuite },
  { name: 'web', load: async () => (await import('./web.bench.ts')).webSuite },
  { name: 'monitoring', load: async () => (await import('./monitoring.bench.ts')).monitoringSuite },
  { name: 'reports', load: async () => (await import('./reports.bench.ts')).reportsSuite },
  { name: 'documents', load: async () => (await import('./documents.bench.ts')).documentsSuite },
];

function formatMeasured(t: TargetCheck, value: number): string {
  if (t.unit === '×')
    return `${value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1)}×`;
  if (t.unit === 'ops/s') return `${(value / 1e6).toFixed(2)} M/s`;
  if (t.unit === 'ms') return `${value.toFixed(0)} ms`;
  return `${value.toFixed(1)} ${t.unit}`;
}

function printTargets(targets: readonly TargetCheck[]): void {
  const rows = targets.map((t) => [
    t.description,
    formatMeasured(t, t.measured),
    `${t.comparison} ${formatMeasured(t, t.required)}`,
    t.pass ? 'PASS' : 'FAIL',
  ]);
  console.log(`\n${formatTable(['target', 'measured', 'required', 'result'], rows)}`);
}

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const wanted = args.filter((a) => !a.startsWith('--'));
const unknown = wanted.filter((name) => !SUITES.some((s) => s.name === name));
if (unknown.length > 0) {
  console.error(
    `unknown suite(s): ${unknown.join(', ')}; available: ${SUITES.map((s) => s.name).join(', ')}`,
  );
  process.exit(2);
}
const selected = wanted.length === 0 ? SUITES : SUITES.filter((s) => wanted.includes(s.name));

const machine = machineInfo();
console.log(
  `Pledge benchmarks: node ${machine.node}, ${machine.cpuModel}, ${machine.cores} cores${quick ? ' (quick run: figures are indicative only)' : ''}`,
);

let disagreements = 0;
for (const entry of selected) {
  const suite = await entry.load();
  console.log(`\n== ${suite.title} ==\n`);
  const started = performance.now();
  const report = await suite.run({ quick });
  const seconds = (performance.now() - started) / 1000;
  printTargets(report.targets);
  const dir = new URL('./results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const file = new URL(`${suite.name}.json`, dir);
  const json = {
    suite: suite.name,
    title: suite.title,
    generatedAt: new Date().toISOString(),
    quick,
    durationSeconds: Math.round(seconds * 10) / 10,
    machine,
    ...report.data,
    targets: report.targets,
    disagreements: report.disagreements,
  };
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  console.log(`\n${suite.name}: ${seconds.toFixed(1)} s; wrote ${fileURLToPath(file)}`);
  disagreements += report.disagreements;
}

if (disagreements > 0) {
  console.error(
    `\n${disagreements} result(s) disagree where the semantics match: a correctness problem (see above).`,
  );
  process.exitCode = 1;
}
