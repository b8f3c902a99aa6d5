import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import SQLite from 'better-sqlite3';
import { systemClock } from '../../src/adapters/system.ts';
import type { ProbeOutcome } from '../../src/workers/probes/probe.ts';
import { MonitorScheduler } from '../../src/workers/monitor-scheduler.ts';
import { SECOND_MS } from '../../src/domain/shared/time.ts';
import type { Random } from '../lib/prng.ts';
import { freshStore, httpDefinition, insertMonitors, insertServices, scratchDir } from './store.ts';
import fs from 'node:fs';

/*
 * Scheduler lateness: many monitors on one MonitorScheduler against a real SQLite file, with a stub probe
 * that answers after 5–50 ms (no network), beside the naive approach of one setInterval per monitor doing
 * the same stub probe and one INSERT. Lateness = when the check started − when it was due.
 */

export interface SchedulerSettings {
  readonly monitors: number;
  readonly intervalSeconds: number;
  readonly runSeconds: number;
}

export interface LatenessFigures {
  readonly checks: number;
  readonly checksPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Process CPU time over wall time during the run. */
  readonly cpuShare: number;
}

export interface SchedulerResult {
  readonly monitors: number;
  readonly intervalSeconds: number;
  readonly runSeconds: number;
  readonly ours: LatenessFigures;
  readonly baseline: LatenessFigures;
  /** Checks the schedule called for in the run (monitors × run ÷ interval), to compare with `checks`. */
  readonly expectedChecks: number;
}

const quantile = (sorted: readonly number[], q: number): number =>
  sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number);

function figures(samples: number[], seconds: number, cpuMs: number): LatenessFigures {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    checks: samples.length,
    checksPerSec: samples.length / seconds,
    p50Ms: quantile(sorted, 0.5),
    p99Ms: quantile(sorted, 0.99),
    maxMs: sorted[sorted.length - 1] ?? 0,
    cpuShare: cpuMs / (seconds * 1000),
  };
}

function stubProbe(rng: Random): () => Promise<ProbeOutcome> {
  return async () => {
    const ms = rng.int(5, 50);
    await sleep(ms);
    const outcome: ProbeOutcome = { status: 'up', latencyMs: ms, message: '' };
    return outcome;
  };
}

async function runOurs(rng: Random, s: SchedulerSettings): Promise<LatenessFigures> {
  const b = await freshStore(systemClock);
  const start = systemClock.now() + 500;
  const intervalMs = s.intervalSeconds * SECOND_MS;
  const services = await insertServices(b, s.monitors, start);
  // Spread over the interval as firstCheckAt's phase offset does.
  await insertMonitors(
    b,
    services,
    httpDefinition(s.intervalSeconds),
    start,
    (i) => start + Math.floor((i * intervalMs) / s.monitors),
  );
  const scheduler = new MonitorScheduler({ ctx: b.ctx, owner: 'bench', runProbe: stubProbe(rng) });
  const samples: number[] = [];
  const original = scheduler.lateness.add.bind(scheduler.lateness);
  scheduler.lateness.add = (ms: number): void => {
    samples.push(ms);
    original(ms);
  };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  scheduler.start();
  await sleep(start - systemClock.now() + s.runSeconds * SECOND_MS);
  await scheduler.stop();
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  await b.close();
  return figures(samples, seconds, (cpu.user + cpu.system) / 1000);
}

async function runBaseline(rng: Random, s: SchedulerSettings): Promise<LatenessFigures> {
  const dir = scratchDir();
  const db = new SQLite(path.join(dir, 'naive.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(
    'create table heartbeat (id integer primary key, monitor_id integer not null, time integer not null, status integer not null, ping integer, msg text)',
  );
  db.exec('create index heartbeat_monitor_time on heartbeat (monitor_id, time)');
  const insert = db.prepare(
    'insert into heartbeat (monitor_id, time, status, ping, msg) values (?, ?, ?, ?, ?)',
  );
  const probe = stubProbe(rng);
  const intervalMs = s.intervalSeconds * SECOND_MS;
  const samples: number[] = [];
  const timers: NodeJS.Timeout[] = [];
  const start = Date.now() + 500;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < s.monitors; i++) {
    const first = start + Math.floor((i * intervalMs) / s.monitors);
    let due = first;
    const beat = async (): Promise<void> => {
      const startedAt = Date.now();
      samples.push(Math.max(0, startedAt - due));
      due += intervalMs;
      const outcome = await probe();
      insert.run(i, startedAt, 1, outcome.latencyMs, outcome.message);
    };
    timers.push(
      setTimeout(() => {
        timers.push(setInterval(() => void beat(), intervalMs));
        void beat();
      }, first - Date.now()),
    );
  }
  await sleep(start - Date.now() + s.runSeconds * SECOND_MS);
  for (const t of timers) clearTimeout(t);
  await sleep(60);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return figures(samples, seconds, (cpu.user + cpu.system) / 1000);
}

export async function runScheduler(rng: Random, s: SchedulerSettings): Promise<SchedulerResult> {
  const ours = await runOurs(rng, s);
  const baseline = await runBaseline(rng, s);
  return {
    monitors: s.monitors,
    intervalSeconds: s.intervalSeconds,
    runSeconds: s.runSeconds,
    ours,
    baseline,
    expectedChecks: Math.round((s.monitors * s.runSeconds) / s.intervalSeconds),
  };
}

export function printScheduler(r: SchedulerResult): void {
  const row = (name: string, f: LatenessFigures): string =>
    `  ${name.padEnd(52)} ${String(f.checks).padStart(6)} checks, ${f.checksPerSec.toFixed(0).padStart(4)}/s, lateness p50 ${f.p50Ms.toFixed(0)} ms, p99 ${f.p99Ms.toFixed(0)} ms, max ${f.maxMs.toFixed(0)} ms; CPU ${Math.round(100 * f.cpuShare)}%`;
  console.log(
    `\nscheduler: ${r.monitors.toLocaleString('en-US')} monitors every ${r.intervalSeconds} s for ${r.runSeconds} s ` +
      `(${r.expectedChecks.toLocaleString('en-US')} checks due), stub probe answering after 5–50 ms`,
  );
  console.log(row('pledge, MonitorScheduler (lease, probe, recordCheckResult)', r.ours));
  console.log(row('baseline, one setInterval per monitor (probe + INSERT)', r.baseline));
}
