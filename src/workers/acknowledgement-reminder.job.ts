import type { AppContext } from '../app/context.ts';
import type { EscalationSettings } from '../app/escalation/channels.ts';
import { remindPendingAcknowledgements } from '../app/staff/acknowledgement-reminders.ts';
import { DAY_MS, HOUR_MS } from '../domain/shared/time.ts';
import type { PeriodicJob, PeriodicJobsLogger } from './periodic-jobs.ts';

/**
 * Looks hourly for staff who owe acknowledgements of SLA versions in force and queues their reminder mail; each
 * person hears at most once every `reminderDays` days (the database keeps when), so a newly activated version is
 * mailed about within the hour and then every few days until it is acknowledged.
 */
export function acknowledgementReminderJob(options: {
  readonly ctx: AppContext;
  readonly settings: EscalationSettings;
  readonly reminderDays: number;
  /** Told when mail was queued, so the outbox sends it now rather than at its next look. */
  readonly onQueued?: () => void;
  readonly log?: PeriodicJobsLogger;
}): PeriodicJob {
  return {
    name: 'acknowledgement-reminders',
    everyMs: HOUR_MS,
    run: async (now) => {
      const run = await remindPendingAcknowledgements(
        options.ctx,
        now,
        options.settings,
        options.reminderDays * DAY_MS,
      );
      if (run.queued > 0) {
        options.log?.info({ queued: run.queued, owing: run.owing }, 'acknowledgement reminders queued');
        options.onQueued?.();
      }
    },
  };
}
