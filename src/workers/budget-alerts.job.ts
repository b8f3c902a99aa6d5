import type { AppContext } from '../app/context.ts';
import { evaluateBudgetAlerts } from '../app/escalation/budget-alerts.use-cases.ts';
import { MINUTE_MS } from '../domain/shared/time.ts';
import type { PeriodicJob, PeriodicJobsLogger } from './periodic-jobs.ts';

/**
 * Every minute, evaluates the burn-rate rules and the spent budget of each customer service with an
 * availability target, opening and ending budget alerts and planning their escalation steps. The
 * escalation worker fires those steps (it picks up new step rows within seconds). Safe on several workers:
 * an alert opens once per rule episode, guarded by a unique key in the database.
 */
export function budgetAlertsJob(options: {
  readonly ctx: AppContext;
  /** Told when an alert opened or ended, so the escalation worker looks for new steps at once. */
  readonly onChanged?: () => void;
  readonly log?: PeriodicJobsLogger;
}): PeriodicJob {
  return {
    name: 'budget-alerts',
    everyMs: MINUTE_MS,
    run: async (now) => {
      const pass = await evaluateBudgetAlerts(options.ctx, now);
      if (pass.opened + pass.ended > 0) {
        options.log?.info(pass, 'budget alerts opened or ended');
        options.onChanged?.();
      }
    },
  };
}
