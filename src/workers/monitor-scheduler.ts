import type { AppContext } from '../app/context.ts';
import { recordCheckResult, type RecordedCheck } from '../app/monitoring/check-recording.ts';
import { heartbeatMissed } from '../app/monitoring/monitor-signals.use-cases.ts';
import type { WorkerStats } from '../app/monitoring/metrics.use-cases.ts';
import type { MonitorRecord } from '../app/monitoring/monitoring.repository.ts';
import { rollupCutoffs } from '../app/monitoring/rollup-rows.ts';
import type { MonitorDefinition } from '../domain/monitoring/monitor-definition.ts';
import { DAY_MS, SECOND_MS } from '../domain/shared/time.ts';
import { runProbe, type ProbeOutcome } from './probes/probe.ts';

export type ProbeRunner = (def: MonitorDefinition, signal?: AbortSignal) => Promise<ProbeOutcome>;

export interface SchedulerLogger {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface SchedulerOptions {
  readonly ctx: AppContext;
  /** Who holds the leases: unique per worker process. */
  readonly owner: string;
  /** Checks running at once (sockets, child processes). */
  readonly concurrency?: number;
  /** Longest sleep between looks at the database, so monitors created elsewhere are picked up. */
  readonly pollMs?: number;
  /** Raw check results older than this are deleted (state spans and rollups stay). */
  readonly retentionDays?: number;
  readonly runProbe?: ProbeRunner;
  readonly logger?: SchedulerLogger;
  /** Told about every recorded check (escalation, outage tickets). */
  readonly onRecorded?: (recorded: RecordedCheck) => Promise<void> | void;
}

/** Lateness of check starts (started − scheduled), kept for /metrics and the benchmark. */
export class LatenessStats {
  private readonly samples: number[] = [];
  private next = 0;
  count = 0;

  constructor(private readonly capacity = 10_000) {}

  add(ms: number): void {
    if (this.samples.length < this.capacity) this.samples.push(ms);
    else this.samples[this.next] = ms;
    this.next = (this.next + 1) % this.capacity;
    this.count += 1;
  }

  /** The q-quantile (0..1) of the most recent samples; 0 when there are none. */
  quantile(q: number): number {
    if (this.samples.length === 0) return 0;
    const sorted = [...this.samples].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
  }
}

/**
 * Runs due checks: leases due monitors from the database (so several workers share them without checking
 * one twice), runs their probes with bounded concurrency and records each result through the use case.
 * It sleeps until the earliest next check, at most `pollMs`.
 */
export class MonitorScheduler {
  readonly lateness = new LatenessStats();
  private readonly concurrency: number;
  private readonly pollMs: number;
  private readonly retentionMs: number;
  private readonly probe: ProbeRunner;
  private inFlight = 0;
  private running = false;
  private timer: NodeJS.Timeout | null = null;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private lastPrune = 0;
  private readonly active = new Set<Promise<void>>();
  private readonly abort = new AbortController();

  constructor(private readonly options: SchedulerOptions) {
    this.concurrency = options.concurrency ?? 128;
    this.pollMs = options.pollMs ?? SECOND_MS;
    this.retentionMs = (options.retentionDays ?? 30) * DAY_MS;
    this.probe = options.runProbe ?? runProbe;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops claiming, waits for running checks to finish (they are cut at their timeout). */
  async stop(): Promise<void> {
    this.running = false;
    this.abort.abort();
    this.poke();
    await this.loop;
    await Promise.allSettled([...this.active]);
  }

  /** Figures of this scheduler's checks for /metrics. */
  stats(): WorkerStats {
    return {
      checksStarted: this.lateness.count,
      latenessP50Ms: this.lateness.quantile(0.5),
      latenessP99Ms: this.lateness.quantile(0.99),
      checksRunning: this.inFlight,
    };
  }

  /** Wakes the loop now (a monitor was created or changed). */
  poke(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  /** One pass: claims what is due and starts it; resolves when the checks are started, not finished. */
  async tick(): Promise<number> {
    const { ctx, owner } = this.options;
    const free = this.concurrency - this.inFlight;
    if (free <= 0) return 0;
    const now = ctx.clock.now();
    const due = await ctx.storage.monitoring.claimDue(now, free, owner, now + 5 * 60 * SECOND_MS);
    for (const monitor of due) {
      this.inFlight += 1;
      const job = this.check(monitor).finally(() => {
        this.inFlight -= 1;
        this.active.delete(job);
        if (this.inFlight === this.concurrency - 1) this.poke();
      });
      this.active.add(job);
    }
    await this.pruneHourly(now);
    return due.length;
  }

  /** Waits until every check started so far has been recorded (tests). */
  async drain(): Promise<void> {
    while (this.active.size > 0) await Promise.allSettled([...this.active]);
  }

  private async run(): Promise<void> {
    while (this.running) {
      let started = 0;
      try {
        started = await this.tick();
      } catch (e) {
        this.options.logger?.error({ err: e }, 'monitor scheduler pass failed');
      }
      if (!this.running) break;
      if (started > 0 && this.inFlight < this.concurrency) continue;
      await this.sleep(await this.delayUntilNextDue());
    }
  }

  private async delayUntilNextDue(): Promise<number> {
    if (this.inFlight >= this.concurrency) return this.pollMs;
    try {
      const next = await this.options.ctx.storage.monitoring.nextDueAt();
      if (next === null) return this.pollMs;
      return Math.max(0, Math.min(this.pollMs, next - this.options.ctx.clock.now()));
    } catch {
      return this.pollMs;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
      this.timer = setTimeout(() => {
        this.timer = null;
        this.wake = null;
        resolve();
      }, ms);
    });
  }

  private async check(monitor: MonitorRecord): Promise<void> {
    const { ctx } = this.options;
    const scheduledAt = monitor.runtime.nextCheckAt ?? ctx.clock.now();
    try {
      let recorded: RecordedCheck | null;
      if (monitor.kind === 'heartbeat') {
        recorded = await heartbeatMissed(ctx, monitor, scheduledAt);
      } else {
        const startedAt = ctx.clock.now();
        this.lateness.add(Math.max(0, startedAt - scheduledAt));
        const outcome = await this.probe(monitor.definition, this.abort.signal);
        recorded = await recordCheckResult(
          ctx,
          monitor.id,
          {
            at: startedAt,
            status: outcome.status,
            latencyMs: outcome.latencyMs === null ? null : Math.round(outcome.latencyMs),
            message: outcome.message,
          },
          { scheduledAt },
        );
      }
      if (recorded && this.options.onRecorded) await this.options.onRecorded(recorded);
    } catch (e) {
      this.options.logger?.error({ err: e, monitorId: monitor.id }, 'recording a check failed');
      // Release the lease and try again one interval later rather than hammering a broken monitor.
      const retryAt = ctx.clock.now() + monitor.definition.intervalSeconds * SECOND_MS;
      await ctx.storage.monitoring.setNextCheck(monitor.id, retryAt).catch(() => undefined);
    }
  }

  /** Hourly: raw checks past their retention, minute and hour rollups past theirs. */
  private async pruneHourly(now: number): Promise<void> {
    if (now - this.lastPrune < DAY_MS / 24) return;
    this.lastPrune = now;
    const { monitoring } = this.options.ctx.storage;
    const deleted = await monitoring.pruneChecks(now - this.retentionMs);
    const cutoffs = rollupCutoffs(now);
    const minutes = await monitoring.pruneRollups('minute', cutoffs.minute);
    const hours = await monitoring.pruneRollups('hour', cutoffs.hour);
    if (deleted + minutes + hours > 0)
      this.options.logger?.info({ deleted, minutes, hours }, 'pruned raw checks and old rollups');
  }
}
