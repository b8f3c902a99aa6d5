import type { AppContext } from '../app/context.ts';
import type { EscalationSettings } from '../app/escalation/channels.ts';
import { replanOpenTickets } from '../app/escalation/escalations.use-cases.ts';
import { fireStep } from '../app/escalation/fire-step.ts';
import { MINUTE_MS, SECOND_MS } from '../domain/shared/time.ts';
import { LatenessStats, type SchedulerLogger } from './monitor-scheduler.ts';
import { TimerHeap, Waker } from './timer-heap.ts';

export interface EscalationWorkerOptions {
  readonly ctx: AppContext;
  /** Who holds the step leases: unique per worker process. */
  readonly owner: string;
  readonly settings: EscalationSettings;
  /** How often steps planned by other processes are looked for (default 2 s). */
  readonly syncMs?: number;
  /** Steps claimed per database round trip (default 100). */
  readonly batch?: number;
  /** Plan every open ticket again at start (default true). */
  readonly sweepAtStart?: boolean;
  readonly logger?: SchedulerLogger;
  /** Told after steps fired, so the outbox sender looks at once. */
  readonly onFired?: () => void;
}

/** Steps written this long before the last look are read again: commits land after their timestamps. */
const SYNC_OVERLAP_MS = 30 * SECOND_MS;
const LEASE_MS = 5 * MINUTE_MS;
const LOAD_PAGE = 5_000;
const SYNC_LIMIT = 50_000;

/**
 * Fires escalation steps when they fall due. The pending steps' due instants sit in a timer heap with one
 * `setTimeout` for the earliest; when it rings, due steps are claimed from the database and each fired in
 * its own transaction (which flips the step only if it is still pending). The heap is only the alarm
 * clock: a step another worker fired, or one moved since, is simply not claimed. Steps planned in other
 * processes reach the heap through a look at the recently changed rows every `syncMs` (with a claim, which
 * also takes over steps a dead worker had leased), and at once when this process's change feed says a
 * ticket changed.
 */
export class EscalationWorker {
  readonly heap = new TimerHeap();
  readonly lateness = new LatenessStats();
  private readonly waker: Waker;
  private readonly batch: number;
  private readonly syncMs: number;
  private lastSync = 0;
  private chain: Promise<unknown> = Promise.resolve();
  private syncTimer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private running = false;
  private syncQueued = false;

  constructor(private readonly options: EscalationWorkerOptions) {
    this.batch = options.batch ?? 100;
    this.syncMs = options.syncMs ?? 2 * SECOND_MS;
    this.waker = new Waker({
      onWake: () => void this.enqueue(() => this.tick()),
      now: () => options.ctx.clock.now(),
    });
  }

  /** Sweeps the open tickets, loads the pending steps, fires those already due and starts the timers. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const { ctx, logger } = this.options;
    this.unsubscribe = ctx.feed.subscribe((event) => {
      if (event.type === 'clock.changed' || event.type.startsWith('ticket.')) this.syncSoon();
    });
    await this.enqueue(async () => {
      if (this.options.sweepAtStart !== false) {
        const swept = await replanOpenTickets(ctx);
        logger?.info({ tickets: swept }, 'escalation: planned the open tickets');
      }
      await this.load();
      await this.tick();
    });
    this.syncTimer = setInterval(() => this.syncSoon(), this.syncMs);
    this.syncTimer.unref();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.syncTimer) clearInterval(this.syncTimer);
    this.syncTimer = null;
    this.waker.stop();
    await this.chain.catch(() => undefined);
  }

  /** Loads every pending step with a due instant into the heap. */
  async load(): Promise<number> {
    const now = this.options.ctx.clock.now();
    let afterKey = '';
    for (;;) {
      const page = await this.options.ctx.storage.escalation.pendingSteps(afterKey, LOAD_PAGE);
      this.heap.pushAll(page.flatMap((s) => (s.dueAt === null ? [] : [{ key: s.key, dueAt: s.dueAt }])));
      if (page.length < LOAD_PAGE) break;
      afterKey = (page[page.length - 1] as { key: string }).key;
    }
    this.lastSync = now;
    this.waker.follow(this.heap);
    return this.heap.size;
  }

  /** Brings the heap up to date with the step rows written since the last look. */
  async sync(): Promise<void> {
    const { ctx } = this.options;
    const now = ctx.clock.now();
    const changed = await ctx.storage.escalation.stepsChangedSince(
      this.lastSync - SYNC_OVERLAP_MS,
      SYNC_LIMIT,
    );
    this.lastSync = now;
    for (const s of changed) {
      if (s.status === 'pending' && s.dueAt !== null) this.heap.push({ key: s.key, dueAt: s.dueAt });
      else this.heap.remove(s.key);
    }
    if (this.running) this.waker.follow(this.heap);
  }

  /** Claims and fires every step due now; returns how many fired. Runs one at a time per worker. */
  async tick(): Promise<number> {
    const { ctx, owner, settings, logger } = this.options;
    let fired = 0;
    for (;;) {
      const now = ctx.clock.now();
      this.heap.popDue(now);
      const due = await ctx.storage.escalation.claimDueSteps(now, this.batch, owner, now + LEASE_MS);
      for (const step of due) {
        try {
          const result = await fireStep(ctx, step.key, settings);
          if (result.fired) {
            fired += 1;
            if (step.dueAt !== null) this.lateness.add(Math.max(0, ctx.clock.now() - step.dueAt));
          }
        } catch (error) {
          logger?.error({ err: error, step: step.key }, 'escalation: firing a step failed');
          await ctx.storage.escalation.releaseStep(step.key).catch(() => undefined);
        }
      }
      if (due.length < this.batch) break;
    }
    await this.sync();
    if (fired > 0) this.options.onFired?.();
    return fired;
  }

  /** Look for new and due steps now (planned in this process outside a ticket change: budget alerts). */
  poke(): void {
    this.syncSoon();
  }

  /** A claim and a look at changed rows: also picks up steps whose lease a dead worker left behind. */
  private syncSoon(): void {
    if (this.syncQueued || !this.running) return;
    this.syncQueued = true;
    void this.enqueue(async () => {
      this.syncQueued = false;
      await this.tick();
    });
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work, work);
    this.chain = next.catch((error: unknown) => {
      this.options.logger?.error({ err: error }, 'escalation worker pass failed');
    });
    return next;
  }
}
