// Firing one due step of an error-budget alert, inside the transaction `fireStep` opened: the step is
// planned again first (an ended alert, an unlinked policy or maintenance planned since keep it from going
// out), then flipped to fired, and the notices are written to the outbox.
import type { AppContext } from '../context.ts';
import type { NotificationFacts } from '../ports/notifier.ts';
import type { Repositories } from '../ports/repositories.ts';
import { replanAlertSteps } from './alert-plan.ts';
import type { EscalationSettings } from './channels.ts';
import type { StepRecord } from './escalation.repository.ts';
import type { FireResult } from './fire-step.ts';
import { messageKind, outboxRows, recipients } from './notices.ts';
import { outagePoliciesOf } from './outage-plan.ts';

/**
 * Fires one due alert step. `fired: false` when it is not due any more: fired elsewhere, cancelled (the
 * rule stopped firing, the policy is no longer linked) or moved to the end of a maintenance window.
 */
export async function fireAlertStep(
  ctx: AppContext,
  repos: Repositories,
  step: StepRecord,
  alertId: string,
  now: number,
  settings: EscalationSettings,
): Promise<FireResult> {
  const notFired: FireResult = { fired: false, notifications: 0 };
  const alert = await repos.escalation.findBudgetAlert(alertId);
  if (alert) {
    if (!(await outagePoliciesOf(repos, alert.serviceId)).some((p) => p.id === step.policyId)) {
      await repos.escalation.applyStepDiff({ insert: [], update: [], cancel: [step.key] }, now);
      return notFired;
    }
    await replanAlertSteps(repos, alert, now);
  }
  if (!(await repos.escalation.markStepFired(step.key, now))) return notFired;
  if (!alert) return { fired: true, notifications: 0 };
  // Plans the next repeat of the level now that this occurrence fired.
  await replanAlertSteps(repos, alert, now);

  const customer = await repos.customers.findById(alert.customerId);
  const used = alert.budgetUsed;
  const facts: Omit<NotificationFacts, 'acknowledgeUrl'> = {
    kind: messageKind(step.plan.trigger),
    level: step.levelIndex + 1,
    service: {
      id: alert.serviceId,
      name: (await repos.catalog.findServiceName(alert.serviceId)) ?? alert.serviceId,
    },
    budget: {
      alertId: alert.id,
      rule: alert.rule,
      target: alert.target,
      period: { start: alert.periodStart, end: alert.periodEnd, timeZone: customer?.timeZone ?? 'UTC' },
      ...(alert.burnRate === null ? {} : { burnRate: alert.burnRate }),
      ...(used === null ? {} : { used, remainingShare: Math.max(0, 1 - used) }),
    },
  };
  const people = await recipients(
    repos,
    step.plan.actions,
    { customerId: alert.customerId, assigneeUserId: null },
    customer,
    now,
  );
  const rows = await outboxRows(ctx, repos, step, { ticketId: null, facts, people, customer, now, settings });
  return { fired: true, notifications: await repos.escalation.insertNotifications(rows) };
}
