import type { Clock } from '../app/ports/system.ts';
import { MAX_TIMER_DELAY_MS } from './timer-heap.ts';

/**
 * A job the worker role runs again and again. It must be safe to run after a restart or on two workers at
 * once: whatever it must do exactly once is guarded by the database (idempotency keys, "last sent" columns),
 * not by this runner, which only keeps time in memory.
 */
export interface PeriodicJob {
  /** Shown in the log; unique among the jobs started together. */
  readonly name: string;
  /** Pause between the starts of two runs; a run that takes longer delays the next one instead of overlapping it. */
  readonly everyMs: number;
  run(now: number): Promise<void>;
}

export interface PeriodicJobsLogger {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface PeriodicJobsDeps {
  readonly clock: Clock;
  readonly log: PeriodicJobsLogger;
}

/** Stops every job: no new run starts, and the promise settles once the runs in progress have finished. */
export type StopPeriodicJobs = () => Promise<void>;

/**
 * Runs each job at once and then every `everyMs` (measured from the start of the previous run), never two runs of
 * the same job at a time. A run that throws or rejects is logged and the job keeps its schedule.
 */
export function startPeriodicJobs(jobs: readonly PeriodicJob[], deps: PeriodicJobsDeps): StopPeriodicJobs {
  const names = new Set<string>();
  for (const job of jobs) {
    if (!Number.isFinite(job.everyMs) || job.everyMs <= 0)
      throw new RangeError(`periodic job ${job.name}: everyMs must be a positive number, got ${job.everyMs}`);
    if (names.has(job.name)) throw new RangeError(`periodic job ${job.name} is listed twice`);
    names.add(job.name);
  }
  const runners = jobs.map((job) => new Runner(job, deps));
  for (const runner of runners) runner.start();
  let stopping: Promise<void> | null = null;
  return () => (stopping ??= Promise.all(runners.map((r) => r.stop())).then(() => undefined));
}

class Runner {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly job: PeriodicJob,
    private readonly deps: PeriodicJobsDeps,
  ) {}

  start(): void {
    this.fire();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private fire(): void {
    this.timer = undefined;
    if (this.stopped) return;
    const startedAt = this.deps.clock.now();
    this.running = this.runOnce(startedAt).finally(() => {
      this.running = null;
      this.arm(startedAt + this.job.everyMs);
    });
  }

  private async runOnce(now: number): Promise<void> {
    try {
      await this.job.run(now);
    } catch (err) {
      this.deps.log.error({ err, job: this.job.name }, 'periodic job failed');
    }
  }

  private arm(dueAt: number): void {
    if (this.stopped) return;
    const wait = Math.max(0, dueAt - this.deps.clock.now());
    // A pause longer than setTimeout can hold is waited out in stages, each ending in another look at the clock.
    if (wait > MAX_TIMER_DELAY_MS) {
      this.timer = setTimeout(() => this.arm(dueAt), MAX_TIMER_DELAY_MS);
      return;
    }
    this.timer = setTimeout(() => this.fire(), wait);
  }
}
