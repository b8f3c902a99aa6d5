import type { AppContext } from '../app/context.ts';
import { notifierOf, type ChannelSender, type EscalationSettings } from '../app/escalation/channels.ts';
import { deliverNotification } from '../app/escalation/outbox.ts';
import { MINUTE_MS, SECOND_MS } from '../domain/shared/time.ts';
import type { SchedulerLogger } from './monitor-scheduler.ts';

export interface OutboxSenderOptions {
  readonly ctx: AppContext;
  /** Who holds the leases on rows being sent: unique per worker process. */
  readonly owner: string;
  readonly settings: EscalationSettings;
  /** The context's notifier when absent. */
  readonly sender?: ChannelSender;
  /** Notices sent at once (default 8). */
  readonly concurrency?: number;
  /** Longest sleep between looks at the outbox (default 5 s). */
  readonly pollMs?: number;
  readonly logger?: SchedulerLogger;
}

/** A send that has not finished in this time is taken over by another worker (its timeout is far shorter). */
const LEASE_MS = 5 * MINUTE_MS;

/**
 * Sends the outbox: claims due rows (new notices and retries whose back-off is over) so that several
 * workers never send the same row at once, sends each through its channel and records the outcome —
 * sent, retrying at a later instant, or dead after the last attempt.
 */
export class OutboxSender {
  private readonly sender: ChannelSender;
  private readonly concurrency: number;
  private readonly pollMs: number;
  private running = false;
  private loop: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private wake: (() => void) | null = null;
  private readonly abort = new AbortController();

  constructor(private readonly options: OutboxSenderOptions) {
    this.sender = options.sender ?? notifierOf(options.ctx);
    this.concurrency = options.concurrency ?? 8;
    this.pollMs = options.pollMs ?? 5 * SECOND_MS;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.abort.abort();
    this.poke();
    await this.loop;
  }

  /** Looks at the outbox now (notices were just written). */
  poke(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  /** Sends every row due now, `concurrency` at a time; returns how many attempts were made. */
  async tick(): Promise<number> {
    const { ctx, owner, settings, logger } = this.options;
    let attempted = 0;
    for (;;) {
      const now = ctx.clock.now();
      const due = await ctx.storage.escalation.claimDueNotifications(now, this.concurrency, owner, now + LEASE_MS);
      await Promise.all(
        due.map(async (row) => {
          const attempt = await deliverNotification(ctx, row, settings, this.sender, this.abort.signal);
          if (attempt.status !== 'sent')
            logger?.info(
              { notification: row.id, channel: row.channelId, status: attempt.status, attempts: attempt.attempts, error: attempt.lastError },
              'notification not delivered',
            );
        }),
      );
      attempted += due.length;
      if (due.length < this.concurrency || !this.running) break;
    }
    return attempted;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let attempted = 0;
      try {
        attempted = await this.tick();
      } catch (error) {
        this.options.logger?.error({ err: error }, 'outbox pass failed');
      }
      if (!this.running) break;
      await this.sleep(await this.delay(attempted));
    }
  }

  private async delay(attempted: number): Promise<number> {
    try {
      const next = await this.options.ctx.storage.escalation.nextNotificationAt();
      if (next === null) return this.pollMs;
      // A due row this pass could not claim is being sent by another worker: do not spin on it.
      const floor = attempted === 0 ? SECOND_MS : 0;
      return Math.max(floor, Math.min(this.pollMs, next - this.options.ctx.clock.now()));
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
}
