// `npm run bench escalation`: the escalation worker's alarm clock. 100,000 pending steps go into the
// TimerHeap (one setTimeout for the earliest), beside one setTimeout per step as the baseline: time to
// schedule, heap memory, and how late 2,000 steps due within two seconds actually fire.
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { TimerHeap, Waker } from '../src/workers/timer-heap.ts';
import { checkTarget, type BenchSuite, type SuiteReport } from './lib/suite.ts';
import { formatBytes, formatRatio, formatTable } from './lib/table.ts';

const DAY_MS = 86_400_000;

/** A full collection, so heap figures are what stays reachable; exposed at run time when not given. */
function collector(): { readonly gc: () => void; readonly exact: boolean } {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') return { gc: exposed, exact: true };
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    return { gc, exact: true };
  } catch {
    return { gc: () => undefined, exact: false };
  }
}

function heapUsed(gc: () => void): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** Random but repeatable due instants within the next 30 days. */
function dueInstants(count: number, now: number): number[] {
  let x = 0x2545f491;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out.push(now + DAY_MS + ((x >>> 0) % (29 * DAY_MS)));
  }
  return out;
}

/** Step keys as the planner writes them; made before measuring, as the worker gets them from its rows. */
function stepKeys(count: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++)
    out.push(
      `ticket:${i.toString(16).padStart(8, '0')}-4e1c-9f0a-7b3d2c1e0f${(i % 100).toString().padStart(2, '0')}:standard:resolution:${i % 3}:0`,
    );
  return out;
}

interface Scheduled {
  readonly ms: number;
  readonly bytes: number;
}

function scheduleHeap(
  keys: readonly string[],
  dues: readonly number[],
  gc: () => void,
): Scheduled & { heap: TimerHeap; waker: Waker } {
  const before = heapUsed(gc);
  const started = performance.now();
  const heap = new TimerHeap();
  // As the worker loads its pending steps at start-up: all at once.
  heap.pushAll(keys.map((key, i) => ({ key, dueAt: dues[i] as number })));
  const waker = new Waker({ onWake: () => undefined, unref: true });
  waker.follow(heap);
  const ms = performance.now() - started;
  const bytes = heapUsed(gc) - before;
  return { ms, bytes, heap, waker };
}

function scheduleTimeouts(
  dues: readonly number[],
  now: number,
  gc: () => void,
): Scheduled & { timers: NodeJS.Timeout[] } {
  const before = heapUsed(gc);
  const started = performance.now();
  const timers: NodeJS.Timeout[] = [];
  for (const due of dues) {
    const t = setTimeout(() => undefined, Math.min(due - now, 2 ** 31 - 1));
    t.unref();
    timers.push(t);
  }
  const ms = performance.now() - started;
  const bytes = heapUsed(gc) - before;
  return { ms, bytes, timers };
}

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

/** 2,000 steps due at spread instants over two seconds, fired from the heap by one Waker. */
async function latenessHeap(count: number, spanMs: number): Promise<number[]> {
  const heap = new TimerHeap();
  const late: number[] = [];
  const start = Date.now() + 50;
  const dues = dueInstants(count, 0).map((d) => start + (d % spanMs));
  dues.forEach((dueAt, i) => heap.push({ key: `s${i}`, dueAt }));
  await new Promise<void>((resolve) => {
    const waker: Waker = new Waker({
      onWake: () => {
        const now = Date.now();
        for (const item of heap.popDue(now)) late.push(now - item.dueAt);
        if (heap.size === 0) resolve();
        else waker.follow(heap);
      },
    });
    waker.follow(heap);
  });
  return late;
}

async function latenessTimeouts(count: number, spanMs: number): Promise<number[]> {
  const late: number[] = [];
  const start = Date.now() + 50;
  const dues = dueInstants(count, 0).map((d) => start + (d % spanMs));
  await Promise.all(
    dues.map(
      (dueAt) =>
        new Promise<void>((resolve) =>
          setTimeout(() => {
            late.push(Date.now() - dueAt);
            resolve();
          }, dueAt - Date.now()),
        ),
    ),
  );
  return late;
}

/** Runs the escalation timer measurements; returns the figures for bench/results/escalation.json. */
export async function runEscalationBench(options: { readonly quick: boolean }): Promise<SuiteReport> {
  const count = 100_000;
  const { gc, exact } = collector();
  const now = Date.now();
  const keys = stepKeys(count);
  const dues = dueInstants(count, now);
  // One warm-up round each, so both sides run optimised code.
  scheduleHeap(keys.slice(0, 10_000), dues.slice(0, 10_000), gc).waker.stop();
  for (const t of scheduleTimeouts(dues.slice(0, 10_000), now, gc).timers) clearTimeout(t);

  const heap = scheduleHeap(keys, dues, gc);
  heap.waker.stop();
  const heapBytes = heap.bytes;
  const heapMs = heap.ms;
  const timeouts = scheduleTimeouts(dues, now, gc);
  for (const t of timeouts.timers) clearTimeout(t);

  const lateCount = options.quick ? 500 : 2_000;
  const spanMs = 2_000;
  const heapLate = [...(await latenessHeap(lateCount, spanMs))].sort((a, b) => a - b);
  const timeoutLate = [...(await latenessTimeouts(lateCount, spanMs))].sort((a, b) => a - b);
  const p99Heap = percentile(heapLate, 0.99);
  const p99Timeouts = percentile(timeoutLate, 0.99);

  console.log(
    `${count.toLocaleString('en-US')} pending steps due within 30 days; heap figures ${exact ? 'after a full GC' : 'approximate (no GC available)'}; step keys exist before measuring (the worker reads them from its rows)\n`,
  );
  console.log(
    formatTable(
      ['scheduler', 'schedule 100k', 'heap growth', 'per step', `p50 late (${lateCount})`, 'p99 late'],
      [
        [
          'TimerHeap + one setTimeout',
          `${heapMs.toFixed(1)} ms`,
          formatBytes(heapBytes),
          `${(heapBytes / count).toFixed(0)} B`,
          `${percentile(heapLate, 0.5)} ms`,
          `${p99Heap} ms`,
        ],
        [
          'one setTimeout per step',
          `${timeouts.ms.toFixed(1)} ms`,
          formatBytes(timeouts.bytes),
          `${(timeouts.bytes / count).toFixed(0)} B`,
          `${percentile(timeoutLate, 0.5)} ms`,
          `${p99Timeouts} ms`,
        ],
        [
          'ratio (setTimeout / heap)',
          formatRatio(timeouts.ms / heapMs),
          formatRatio(timeouts.bytes / Math.max(1, heapBytes)),
          '',
          '',
          '',
        ],
      ],
    ),
  );

  const MIB = 1024 * 1024;
  return {
    data: {
      steps: count,
      gcExact: exact,
      heap: { scheduleMs: heapMs, bytes: heapBytes, bytesPerStep: heapBytes / count },
      setTimeoutPerStep: {
        scheduleMs: timeouts.ms,
        bytes: timeouts.bytes,
        bytesPerStep: timeouts.bytes / count,
      },
      ratios: { scheduleTime: timeouts.ms / heapMs, memory: timeouts.bytes / Math.max(1, heapBytes) },
      lateness: {
        steps: lateCount,
        spanMs,
        heap: { p50: percentile(heapLate, 0.5), p99: p99Heap, max: heapLate[heapLate.length - 1] ?? 0 },
        setTimeoutPerStep: {
          p50: percentile(timeoutLate, 0.5),
          p99: p99Timeouts,
          max: timeoutLate[timeoutLate.length - 1] ?? 0,
        },
      },
    },
    targets: [
      checkTarget('escalation.schedule', '100,000 pending steps into the TimerHeap', heapMs, '<', 50, 'ms'),
      checkTarget(
        'escalation.memory',
        'heap growth of 100,000 scheduled steps',
        heapBytes / MIB,
        '<',
        5,
        'MiB',
      ),
      checkTarget(
        'escalation.lateness',
        `p99 lateness of ${lateCount} steps due within 2 s`,
        p99Heap,
        '<',
        50,
        'ms',
      ),
    ],
    disagreements: 0,
  };
}

export const escalationSuite: BenchSuite = {
  name: 'escalation',
  title: 'Escalation timers: TimerHeap beside one setTimeout per step',
  run: runEscalationBench,
};
