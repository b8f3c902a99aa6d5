// Planning the escalation steps of a service's outage, in the transaction that opened or closed it (and
// again when a step falls due, so maintenance planned since and the outage's end are honoured).
import { planAvailabilitySteps } from '../../domain/escalation/availability-steps.ts';
import { diffSteps, type PendingStepRow, type PlannedStep } from '../../domain/escalation/planner.ts';
import type { EscalationPolicy } from '../../domain/escalation/policy.ts';
import { DAY_MS } from '../../domain/shared/time.ts';
import { maintenanceOf, windowsFor } from '../monitoring/maintenance.use-cases.ts';
import type { MaintenanceWindowRecord, Outage } from '../monitoring/monitoring.repository.ts';
import type { Repositories } from '../ports/repositories.ts';
import type { StepRecord } from './escalation.repository.ts';
import type { ReplanResult } from './ticket-plan.ts';

/** What planning needs of an outage. */
export type OutagePlanSource = Pick<
  Outage,
  'id' | 'monitorId' | 'serviceId' | 'customerId' | 'startedAt' | 'endedAt'
>;

const NOTHING: ReplanResult = { scheduled: [], cancelled: [] };

/** Maintenance longer than this (a window laid end to end with the next) is looked at no further. */
const MAX_MAINTENANCE_DAYS = 31;

/** The availability policies linked to a service. */
export async function outagePoliciesOf(repos: Repositories, serviceId: string): Promise<EscalationPolicy[]> {
  return (await repos.escalation.listPolicies())
    .filter((r) => r.policy.scope === 'availability' && r.serviceIds.includes(serviceId))
    .map((r) => r.policy);
}

/**
 * The stored steps of an outage under these policies. Keys are deterministic and a level has at most one
 * pending occurrence (the one after the last fired), so each level is read key by key from occurrence 0.
 */
async function storedSteps(
  repos: Repositories,
  outageId: string,
  policies: readonly EscalationPolicy[],
): Promise<StepRecord[]> {
  const out: StepRecord[] = [];
  for (const policy of policies)
    for (const [levelIndex, level] of policy.levels.entries()) {
      if (level.trigger.kind !== 'outage_start' && level.trigger.kind !== 'outage_lasted') continue;
      for (let occurrence = 0; ; occurrence++) {
        const row = await repos.escalation.findStep(
          `outage:${outageId}:${policy.id}:${levelIndex}:${occurrence}`,
        );
        if (!row) break;
        out.push(row);
        if (row.status !== 'fired') break;
      }
    }
  return out;
}

/**
 * The end of the maintenance that covers `at` for the outage's monitor, or null when none does. Windows
 * that follow each other without a gap count as one.
 */
export function maintenanceEndAt(
  windows: readonly MaintenanceWindowRecord[],
  outage: OutagePlanSource,
  at: number,
): number | null {
  const monitor = { id: outage.monitorId, serviceId: outage.serviceId, customerId: outage.customerId };
  let end: number | null = null;
  for (let day = 0; day < MAX_MAINTENANCE_DAYS; day++) {
    const from: number = end ?? at;
    const covering = maintenanceOf(windows, monitor, from, from + DAY_MS)[0];
    if (!covering || covering.start > from) break;
    end = covering.end;
    if (covering.end < from + DAY_MS) break;
  }
  return end;
}

/** Maintenance is planned down time: a step due inside a window waits for the window's end. */
function afterMaintenance(
  steps: readonly PlannedStep[],
  windows: readonly MaintenanceWindowRecord[],
  outage: OutagePlanSource,
): PlannedStep[] {
  if (windows.length === 0) return [...steps];
  return steps.map((s) => {
    if (s.dueAt === null) return s;
    const end = maintenanceEndAt(windows, outage, s.dueAt);
    return end === null ? s : { ...s, dueAt: end };
  });
}

/**
 * Plans the escalation steps of one outage from the availability policies linked to its service and
 * applies the difference to the stored step rows: an open outage gets its levels, an ended one has its
 * pending steps cancelled. An outage that began inside a maintenance window pages nobody; a step that falls
 * due inside one is moved to the window's end. Runs in the caller's transaction.
 * An acknowledged level stops repeating (and stops later levels when it says so).
 */
export async function replanOutageSteps(
  repos: Repositories,
  outage: OutagePlanSource,
  now: number,
): Promise<ReplanResult> {
  const policies = await outagePoliciesOf(repos, outage.serviceId);
  const rows = await storedSteps(repos, outage.id, policies);
  if (policies.length === 0 && rows.length === 0) return NOTHING;
  const windows = await windowsFor(repos, [{ id: outage.monitorId, serviceId: outage.serviceId }]);
  const plannedDuringMaintenance = maintenanceEndAt(windows, outage, outage.startedAt) !== null;
  const fired = new Set(rows.filter((r) => r.status === 'fired').map((r) => r.key));
  const planned = plannedDuringMaintenance
    ? []
    : afterMaintenance(
        planAvailabilitySteps({
          serviceId: outage.serviceId,
          policies,
          outages: [{ outageId: outage.id, startedAt: outage.startedAt, endedAt: outage.endedAt }],
          alerts: [],
          acknowledged: new Set((await repos.escalation.acksOfOutage(outage.id)).map((a) => a.levelKey)),
          fired,
        }),
        windows,
        outage,
      );
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

/** The outages a recorded check opened or closed, planned in the check's transaction. */
export async function replanRecordedOutages(
  repos: Repositories,
  changed: { readonly openedOutage: Outage | null; readonly closedOutage: { readonly id: string } | null },
  now: number,
): Promise<void> {
  if (changed.openedOutage) await replanOutageSteps(repos, changed.openedOutage, now);
  const closed = changed.closedOutage && (await repos.monitoring.findOutage(changed.closedOutage.id));
  if (closed) await replanOutageSteps(repos, closed, now);
}
