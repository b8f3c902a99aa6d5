import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Logger } from 'pino';
import type { AppContext } from '../app/context.ts';
import type { WorkerStats } from '../app/monitoring/metrics.use-cases.ts';
import type { Config } from '../config/config.ts';
import { emailChannelFromUrl, notifierOf, type EscalationSettings } from '../app/escalation/channels.ts';
import { EscalationWorker } from '../workers/escalation-worker.ts';
import { MonitorScheduler } from '../workers/monitor-scheduler.ts';
import { OutboxSender } from '../workers/outbox-sender.ts';
import { acknowledgementReminderJob } from '../workers/acknowledgement-reminder.job.ts';
import { budgetAlertsJob } from '../workers/budget-alerts.job.ts';
import { startPeriodicJobs, type PeriodicJob } from '../workers/periodic-jobs.ts';
import { reviewRemindersJob } from '../workers/review-reminders.job.ts';
import { reportDeliveryJob } from '../workers/report-delivery.job.ts';
import { reportCsv } from '../http/routes/reports-csv.ts';

/** The background jobs of the worker role, started and stopped together. */
export interface Workers {
  /** Look for due work now (something was created or rescheduled in this process). */
  poke(): void;
  /** Figures of this process's checks, for /metrics. */
  stats(): WorkerStats;
  stop(): Promise<void>;
}

/** Starts the worker role's jobs: the monitor scheduler (and, as they land, escalation and outbox senders). */
export function startWorkers(ctx: AppContext, config: Config, logger: Logger): Workers {
  // Unique per process, so leases taken by a process that died are told apart from live ones.
  const owner = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const monitors = new MonitorScheduler({
    ctx,
    owner,
    concurrency: config.monitorConcurrency,
    retentionDays: config.checkRetentionDays,
    logger: logger.child({ worker: 'monitors' }),
  });
  monitors.start();
  const settings: EscalationSettings = {
    publicUrl: config.publicUrl,
    ...(config.smtpUrl ? { envEmail: emailChannelFromUrl(notifierOf(ctx), config.smtpUrl, config.mailFrom, ctx.clock.now()) } : {}),
  };
  const outbox = new OutboxSender({ ctx, owner, settings, logger: logger.child({ worker: 'outbox' }) });
  outbox.start();
  const escalation = new EscalationWorker({
    ctx,
    owner,
    settings,
    logger: logger.child({ worker: 'escalation' }),
    onFired: () => outbox.poke(),
  });
  escalation.start().catch((err: unknown) => logger.error({ err }, 'escalation worker did not start'));
  // Jobs that run every so often (reminders, digests); each is safe to repeat, the database keeps what was done.
  const periodicJobs: PeriodicJob[] = [
    acknowledgementReminderJob({
      ctx,
      settings,
      reminderDays: config.ackReminderDays,
      onQueued: () => outbox.poke(),
      log: logger.child({ worker: 'acknowledgements' }),
    }),
    reviewRemindersJob({
      ctx,
      settings,
      onQueued: () => outbox.poke(),
      log: logger.child({ worker: 'reviews' }),
    }),
    reportDeliveryJob({
      ctx,
      settings,
      formatters: { csv: reportCsv },
      onQueued: () => outbox.poke(),
      log: logger.child({ worker: 'report-delivery' }),
    }),
    budgetAlertsJob({
      ctx,
      onChanged: () => escalation.poke(),
      log: logger.child({ worker: 'budget-alerts' }),
    }),
  ];
  const stopPeriodicJobs = startPeriodicJobs(periodicJobs, {
    clock: ctx.clock,
    log: logger.child({ worker: 'periodic' }),
  });
  logger.info({ owner }, 'worker started');
  return {
    poke: () => monitors.poke(),
    stats: () => monitors.stats(),
    stop: async () => {
      await monitors.stop();
      await escalation.stop();
      await stopPeriodicJobs();
      await outbox.stop();
    },
  };
}
