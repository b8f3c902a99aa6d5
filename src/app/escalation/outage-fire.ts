// Firing one due step of a service's outage, inside the transaction `fireStep` opened: the step is planned
// again first (an ended outage, an unlinked policy or maintenance planned since keep it from going out),
// then flipped to fired, and the notices are written to the outbox.
import type { AppContext } from '../context.ts';
import type { NotificationFacts } from '../ports/notifier.ts';
import type { Repositories } from '../ports/repositories.ts';
import type { EscalationSettings } from './channels.ts';
import type { StepRecord } from './escalation.repository.ts';
import type { FireResult } from './fire-step.ts';
import { messageKind, outboxRows, recipients } from './notices.ts';
import { outagePoliciesOf, replanOutageSteps } from './outage-plan.ts';

type OutageNotice = NonNullable<NotificationFacts['outage']>;

/**
 * Fires one due outage step. `fired: false` when it is not due any more: fired elsewhere, cancelled (the
 * outage ended, the policy is no longer linked to the service) or moved to the end of a maintenance window.
 */
export async function fireOutageStep(
  ctx: AppContext,
  repos: Repositories,
  step: StepRecord,
  outageId: string,
  now: number,
  settings: EscalationSettings,
): Promise<FireResult> {
  const notFired: FireResult = { fired: false, notifications: 0 };
  const outage = await repos.monitoring.findOutage(outageId);
  if (outage) {
    // A step of a policy no longer linked to the service is dropped; planning again cancels the steps of an
    // outage that ended and moves those that now fall inside maintenance, so they are not due any more.
    if (!(await outagePoliciesOf(repos, outage.serviceId)).some((p) => p.id === step.policyId)) {
      await repos.escalation.applyStepDiff({ insert: [], update: [], cancel: [step.key] }, now);
      return notFired;
    }
    await replanOutageSteps(repos, outage, now);
  }
  if (!(await repos.escalation.markStepFired(step.key, now))) return notFired;
  if (!outage) return { fired: true, notifications: 0 };
  await replanOutageSteps(repos, outage, now);

  const customer = outage.customerId === null ? undefined : await repos.customers.findById(outage.customerId);
  const monitor = await repos.monitoring.findMonitor(outage.monitorId);
  const monitorName = monitor?.name ?? outage.monitorId;
  const notice: OutageNotice = {
    id: outage.id,
    startedAt: outage.startedAt,
    reason: `${monitorName}: ${outage.cause}`,
    monitorId: outage.monitorId,
    monitorName,
    cause: outage.cause,
    durationMs: Math.max(0, now - outage.startedAt),
  };
  const facts: Omit<NotificationFacts, 'acknowledgeUrl'> = {
    kind: messageKind(step.plan.trigger),
    level: step.levelIndex + 1,
    service: {
      id: outage.serviceId,
      name: (await repos.catalog.findServiceName(outage.serviceId)) ?? outage.serviceId,
    },
    outage: notice,
  };
  const people = await recipients(
    repos,
    step.plan.actions,
    { customerId: outage.customerId, assigneeUserId: null },
    customer,
    now,
  );
  const rows = await outboxRows(ctx, repos, step, { ticketId: null, facts, people, customer, now, settings });
  const inserted = await repos.escalation.insertNotifications(rows);
  return { fired: true, notifications: inserted };
}
