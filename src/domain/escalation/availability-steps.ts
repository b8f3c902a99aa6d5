import { MINUTE_MS } from '../shared/time.ts';
import type { EscalationPolicy } from './policy.ts';
import { planLevels, type LevelSchedule, type PlannedStep, type StepSubject } from './planner.ts';

/** An outage of a service: from when it went down to when it came back (null while it lasts). */
export interface OutageInput {
  readonly outageId: string;
  readonly startedAt: number;
  readonly endedAt: number | null;
}

/** An error-budget alert of a service: a burn rate over its threshold, or the budget used up. */
export interface BudgetAlertInput {
  readonly alertId: string;
  readonly kind: 'burn_rate' | 'budget_spent';
  readonly raisedAt: number;
  /** When the alert cleared (burn rate back under its threshold, a new budget period); null while raised. */
  readonly clearedAt: number | null;
}

export interface AvailabilityPlanInput {
  readonly serviceId: string;
  /** The policies bound to the service; ticket policies are ignored. */
  readonly policies: readonly EscalationPolicy[];
  readonly outages: readonly OutageInput[];
  readonly alerts: readonly BudgetAlertInput[];
  /** Level keys someone acknowledged. */
  readonly acknowledged: ReadonlySet<string>;
  /** Step keys already fired. */
  readonly fired: ReadonlySet<string>;
}

function outageSchedules(policy: EscalationPolicy, outage: OutageInput): LevelSchedule[] {
  const out: LevelSchedule[] = [];
  policy.levels.forEach((level, levelIndex) => {
    const t = level.trigger;
    if (t.kind !== 'outage_start' && t.kind !== 'outage_lasted') return;
    const base = outage.startedAt + (t.kind === 'outage_lasted' ? t.minutes * MINUTE_MS : 0);
    const every = (level.repeatEveryMinutes ?? 0) * MINUTE_MS;
    out.push({
      levelKey: `outage:${outage.outageId}:${policy.id}:${levelIndex}`,
      level,
      levelIndex,
      dueAt: (n) => base + n * every,
    });
  });
  return out;
}

function alertSchedules(policy: EscalationPolicy, alert: BudgetAlertInput): LevelSchedule[] {
  const out: LevelSchedule[] = [];
  policy.levels.forEach((level, levelIndex) => {
    if (level.trigger.kind !== alert.kind) return;
    const every = (level.repeatEveryMinutes ?? 0) * MINUTE_MS;
    out.push({
      levelKey: `alert:${alert.alertId}:${policy.id}:${levelIndex}`,
      level,
      levelIndex,
      dueAt: (n) => alert.raisedAt + n * every,
    });
  });
  return out;
}

/**
 * Plans the pending escalation steps of one service's outages and error-budget alerts. Offsets are
 * wall-clock time from the outage's start (an outage is down time whether or not the office is open);
 * burn-rate and budget-spent levels fall due when the alert is raised.
 *
 * An outage that has ended, or an alert that has cleared, plans nothing more: `diffSteps` cancels its
 * pending rows, including repeats. Acknowledgement, `stopsLaterLevels`, `fired` and repeats work as for
 * tickets (see `planLevels`). Keys are `outage:<outageId>:<policyId>:<level>:<occurrence>` and
 * `alert:<alertId>:<policyId>:<level>:<occurrence>`.
 */
export function planAvailabilitySteps(input: AvailabilityPlanInput): PlannedStep[] {
  const out: PlannedStep[] = [];
  const policies = input.policies.filter((p) => p.scope === 'availability');
  for (const outage of input.outages) {
    // Like a resolved ticket: once the service is back, nothing more goes out about this outage.
    if (outage.endedAt !== null) continue;
    const subject: StepSubject = { kind: 'outage', serviceId: input.serviceId, outageId: outage.outageId };
    for (const policy of policies) {
      out.push(
        ...planLevels(policy, outageSchedules(policy, outage), subject, input.acknowledged, input.fired),
      );
    }
  }
  for (const alert of input.alerts) {
    if (alert.clearedAt !== null) continue;
    const subject: StepSubject = { kind: 'alert', serviceId: input.serviceId, alertId: alert.alertId };
    for (const policy of policies) {
      out.push(
        ...planLevels(policy, alertSchedules(policy, alert), subject, input.acknowledged, input.fired),
      );
    }
  }
  return out;
}
