import type { CheckStatus } from '../../domain/monitoring/types.ts';
import { DomainError } from '../../domain/shared/errors.ts';
import { formatInstant } from '../../domain/shared/time.ts';
import { requireRole, type Actor } from '../actor.ts';
import { audit } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import { recordCheckResult, type RecordedCheck } from './check-recording.ts';
import type { MonitorRecord } from './monitoring.repository.ts';
import { monitorNotFound, visibleMonitor } from './monitors.use-cases.ts';

/** Longest message a push or a person may attach to a status. */
const MAX_MESSAGE = 500;

const clean = (message: string | undefined): string => (message ?? '').slice(0, MAX_MESSAGE);

/**
 * A heartbeat arrived at `/api/v1/heartbeat/{secret}`. The secret is the only credential; an unknown,
 * paused or archived monitor answers as not found, so the URL reveals nothing. A cron job may report a
 * failure itself with `status=down`.
 */
export async function pushHeartbeat(
  ctx: AppContext,
  secret: string,
  report: { readonly status?: 'up' | 'down'; readonly message?: string; readonly latencyMs?: number } = {},
): Promise<RecordedCheck> {
  const monitor = await ctx.storage.monitoring.findMonitorByHeartbeat(ctx.secrets.digest(secret));
  if (!monitor || monitor.paused || monitor.archivedAt !== null || monitor.kind !== 'heartbeat') {
    throw new DomainError('HEARTBEAT_NOT_FOUND', 'no active heartbeat monitor has this URL');
  }
  const status: CheckStatus = report.status ?? 'up';
  const recorded = await recordCheckResult(
    ctx,
    monitor.id,
    {
      at: ctx.clock.now(),
      status,
      latencyMs: report.latencyMs ?? null,
      message: status === 'up' ? '' : clean(report.message) || 'the job reported a failure',
    },
    { nudge: true },
  );
  // A second call within the same millisecond as the last check changes nothing; it is still accepted.
  return recorded ?? { monitor, events: [], openedOutage: null, closedOutage: null };
}

/** The scheduler found no heartbeat by the deadline: the check that says so. */
export async function heartbeatMissed(
  ctx: AppContext,
  monitor: MonitorRecord,
  deadline: number,
): Promise<RecordedCheck | null> {
  const last = monitor.runtime.lastCheck?.at;
  const since = last === undefined ? 'since the monitor was created' : `since ${formatInstant(last)}`;
  return recordCheckResult(
    ctx,
    monitor.id,
    {
      at: Math.max(deadline, ctx.clock.now()),
      status: 'down',
      latencyMs: null,
      message: `no heartbeat ${since}`,
    },
    { scheduledAt: deadline },
  );
}

/** A person sets the state of a service that has no automated check. */
export async function setManualStatus(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { readonly status: CheckStatus; readonly message?: string },
): Promise<RecordedCheck> {
  requireRole(actor, 'agent');
  const monitor = await visibleMonitor(ctx, actor, id);
  if (monitor.kind !== 'manual') {
    throw new DomainError(
      'MONITOR_NOT_MANUAL',
      'only manual monitors take a status by hand; this one is checked automatically',
      { id },
    );
  }
  const now = ctx.clock.now();
  const recorded = await recordCheckResult(
    ctx,
    id,
    {
      at: now,
      status: input.status,
      latencyMs: null,
      message: input.status === 'up' ? '' : clean(input.message) || 'set by hand',
    },
    { nudge: true },
  );
  if (!recorded) throw monitorNotFound(id);
  await audit(ctx.storage.audit, actor, now, {
    action: 'monitor.status_set',
    entityType: 'monitor',
    entityId: id,
    customerId: monitor.customerId,
    summary: `Status of "${monitor.name}" set to ${input.status}${input.message ? `: ${clean(input.message)}` : ''}`,
  });
  return recorded;
}
