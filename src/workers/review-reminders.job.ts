import type { AppContext } from '../app/context.ts';
import type { EscalationSettings } from '../app/escalation/channels.ts';
import { measureFinishedActions } from '../app/reviews/actions.use-cases.ts';
import { remindDueReviews, remindOverdueActions } from '../app/reviews/reminders.use-cases.ts';
import { HOUR_MS } from '../domain/shared/time.ts';
import type { PeriodicJob, PeriodicJobsLogger } from './periodic-jobs.ts';

/**
 * Looks hourly for SLA reviews due or overdue and improvement actions past their due date, and queues a mail to
 * each owner; and measures closed actions whose window after the closure has passed. The outbox's idempotency key holds the day, so an owner hears once a day at most, however often
 * this runs and on however many workers; looking hourly sends the day's reminders soon after midnight UTC.
 */
export function reviewRemindersJob(options: {
  readonly ctx: AppContext;
  readonly settings: EscalationSettings;
  /** Told when mail was queued, so the outbox sends it now rather than at its next look. */
  readonly onQueued?: () => void;
  readonly log?: PeriodicJobsLogger;
}): PeriodicJob {
  return {
    name: 'review-reminders',
    everyMs: HOUR_MS,
    run: async (now) => {
      const reviews = await remindDueReviews(options.ctx, now, options.settings);
      const actions = await remindOverdueActions(options.ctx, now, options.settings);
      const measured = await measureFinishedActions(options.ctx, now);
      if (measured > 0) options.log?.info({ measured }, 'closed actions measured after their window');
      if (reviews.queued + actions.queued > 0) {
        options.log?.info(
          { reviews: reviews.queued, actions: actions.queued },
          'review and action reminders queued',
        );
        options.onQueued?.();
      }
    },
  };
}
