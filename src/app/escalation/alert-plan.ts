// Planning the escalation steps of an error-budget alert, in the transaction that opened, kept or ended it
// (and again when a step falls due, so maintenance planned since and the alert's end are honoured).
import { planAvailabilitySteps } from '../../domain/escalation/availability-steps.ts';
import { diffSteps, type PendingStepRow, type PlannedStep } from '../../domain/escalation/planner.ts';
import type { EscalationPolicy } from '../../domain/escalation/policy.ts';
import { windowsFor } from '../monitoring/maintenance.use-cases.ts';
import type { MaintenanceWindowRecord, MonitorRecord } from '../monitoring/monitoring.repository.ts';
import type { Repositories } from '../ports/repositories.ts';
import type { BudgetAlertRecord, StepRecord } from './escalation.repository.ts';
import { maintenanceEndAt, outagePoliciesOf } from './outage-plan.ts';
import type { ReplanResult } from './ticket-plan.ts';

const NOTHING: ReplanResult = { scheduled: [], cancelled: [] };

/** The monitors that count for a customer's service: its own and the shared ones. */
export async function monitorsOfAlert(
  repos: Repositories,
  alert: Pick<BudgetAlertRecord, 'serviceId' | 'customerId'>,
): Promise<MonitorRecord[]> {
  return (await repos.monitoring.monitorsOfServices([alert.serviceId])).filter(
    (m) => m.customerId === null || m.customerId === alert.customerId,
  );
}

/**
 * The end of the maintenance that covers `at` on any of the service's monitors (the latest such end), or
 * null when none does: burn rates leave maintenance out, so an alert raised before the window waits for it.
 */
export function serviceMaintenanceEndAt(
  windows: readonly MaintenanceWindowRecord[],
  monitors: readonly MonitorRecord[],
  at: number,
): number | null {
  let end: number | null = null;
  for (const m of monitors) {
    const e = maintenanceEndAt(
      windows,
      {
        id: '',
        monitorId: m.id,
        serviceId: m.serviceId,
        customerId: m.customerId,
        startedAt: at,
        endedAt: null,
      },
      at,
    );
    if (e !== null && (end === null || e > end)) end = e;
  }
  return end;
}

/** The stored steps of an alert: each level key by key from occurrence 0 (at most one is pending). */
async function storedSteps(
  repos: Repositories,
  alert: BudgetAlertRecord,
  policies: readonly EscalationPolicy[],
): Promise<StepRecord[]> {
  const out: StepRecord[] = [];
  for (const policy of policies)
    for (const [levelIndex, level] of policy.levels.entries()) {
      if (level.trigger.kind !== alert.kind) continue;
      for (let occurrence = 0; ; occurrence++) {
        const row = await repos.escalation.findStep(
          `alert:${alert.id}:${policy.id}:${levelIndex}:${occurrence}`,
        );
        if (!row) break;
        out.push(row);
        if (row.status !== 'fired') break;
      }
    }
  return out;
}

/**
 * Plans the escalation steps of one budget alert from the availability policies linked to its service
 * (levels with the trigger `burn_rate` or `budget_spent`, as the alert's rule) and applies the difference
 * to the stored rows: a raised alert gets its levels, repeats follow until acknowledged, an ended alert has
 * its pending steps cancelled, a step that falls due inside a maintenance window waits for its end. An
 * alert outranked by a faster one raised before it plans nothing.
 */
export async function replanAlertSteps(
  repos: Repositories,
  alert: BudgetAlertRecord,
  now: number,
): Promise<ReplanResult> {
  const policies = await outagePoliciesOf(repos, alert.serviceId);
  const rows = await storedSteps(repos, alert, policies);
  if (policies.length === 0 && rows.length === 0) return NOTHING;
  const monitors = await monitorsOfAlert(repos, alert);
  const windows = await windowsFor(repos, monitors);
  // An outranked alert is on record only: the faster alert raised before it pages for both.
  const planned: PlannedStep[] = (
    alert.outrankedBy !== null
      ? []
      : planAvailabilitySteps({
          serviceId: alert.serviceId,
          policies,
          outages: [],
          alerts: [
            { alertId: alert.id, kind: alert.kind, raisedAt: alert.startedAt, clearedAt: alert.endedAt },
          ],
          acknowledged: new Set((await repos.escalation.acksOfAlert(alert.id)).map((a) => a.levelKey)),
          fired: new Set(rows.filter((r) => r.status === 'fired').map((r) => r.key)),
        })
  ).map((s) => {
    if (s.dueAt === null || windows.length === 0) return s;
    const end = serviceMaintenanceEndAt(windows, monitors, s.dueAt);
    return end === null ? s : { ...s, dueAt: end };
  });
  const pending: PendingStepRow[] = rows
    .filter((r) => r.status === 'pending')
    .map((r) => ({ key: r.key, dueAt: r.dueAt, digest: r.digest }));
  const diff = diffSteps(pending, planned, now);
  if (diff.insert.length === 0 && diff.update.length === 0 && diff.cancel.length === 0) return NOTHING;
  await repos.escalation.applyStepDiff(diff, now);
  return {
    scheduled: [...diff.insert, ...diff.update].map((s) => ({ key: s.key, dueAt: s.dueAt })),
    cancelled: diff.cancel,
  };
}
