import type { AppContext } from '../app/context.ts';
import type { EscalationSettings } from '../app/escalation/channels.ts';
import { deliverDueReports, type ReportFormatters } from '../app/reports/report-schedules.delivery.ts';
import { MINUTE_MS } from '../domain/shared/time.ts';
import type { PeriodicJob, PeriodicJobsLogger } from './periodic-jobs.ts';

/** Often enough that a report due at 07:00 local time is mailed within a quarter of an hour of it. */
export const REPORT_DELIVERY_EVERY_MS = 15 * MINUTE_MS;

/**
 * Looks every 15 minutes for report schedules whose period closed and whose first working day has come, and
 * queues their mail. The outbox's idempotency key (schedule, period, recipient) keeps it to one mail per
 * recipient across runs, restarts and workers.
 */
export function reportDeliveryJob(options: {
  readonly ctx: AppContext;
  readonly settings: EscalationSettings;
  readonly formatters: ReportFormatters;
  /** Told when mail was queued, so the outbox sends it now rather than at its next look. */
  readonly onQueued?: () => void;
  readonly log?: PeriodicJobsLogger;
}): PeriodicJob {
  return {
    name: 'report-delivery',
    everyMs: REPORT_DELIVERY_EVERY_MS,
    run: async (now) => {
      const run = await deliverDueReports(options.ctx, now, options.settings, options.formatters);
      for (const failure of run.failures)
        options.log?.error(failure, 'scheduled report could not be delivered; trying again next run');
      const queued = run.deliveries.reduce((sum, d) => sum + d.queued, 0);
      if (run.deliveries.length > 0)
        options.log?.info(
          {
            deliveries: run.deliveries.map((d) => ({
              schedule: d.scheduleId,
              period: d.periodKey,
              queued: d.queued,
            })),
          },
          'scheduled reports queued',
        );
      if (queued > 0) options.onQueued?.();
    },
  };
}
