import {
  defaultUnknownAfterMs,
  initialTrackerState,
  step,
  type TrackerEvent,
  type TrackerParams,
  type TrackerState,
} from '../../domain/monitoring/check-sequence.ts';
import type { MonitorDefinition } from '../../domain/monitoring/monitor-definition.ts';
import type { CheckResult, MonitorStateSpan } from '../../domain/monitoring/types.ts';
import { DAY_MS, SECOND_MS } from '../../domain/shared/time.ts';
import type { AppContext } from '../context.ts';
import { replanRecordedOutages } from '../escalation/outage-plan.ts';
import type { Outage, MonitorRecord } from './monitoring.repository.ts';
import { monitorNotFound } from './monitors.use-cases.ts';
import { outageTickets } from './outage-tickets.ts';
import { rollupRowsFor } from './rollup-rows.ts';

/** What a recorded check changed, for alerting (escalation) and live views. */
export interface RecordedCheck {
  readonly monitor: MonitorRecord;
  readonly events: readonly TrackerEvent[];
  readonly openedOutage: Outage | null;
  readonly closedOutage: { readonly id: string; readonly endedAt: number } | null;
}

const MANUAL_HOLD_MS = 100 * 366 * DAY_MS;

/** The tracker parameters of a monitor's definition. */
export function trackerParams(def: MonitorDefinition): TrackerParams {
  const intervalMs = def.intervalSeconds * SECOND_MS;
  const grace =
    def.kind === 'heartbeat' ? def.config.graceSeconds * SECOND_MS : def.timeoutSeconds * SECOND_MS;
  return {
    intervalMs,
    failuresToConfirm: def.failuresToConfirm,
    successesToRecover: def.successesToRecover,
    // A state set by hand holds until a person changes it; checked states fade to unknown when checks stop.
    unknownAfterMs: def.kind === 'manual' ? MANUAL_HOLD_MS : defaultUnknownAfterMs(intervalMs, grace),
  };
}

function trackerOf(value: unknown): TrackerState {
  return value && typeof value === 'object' ? (value as TrackerState) : initialTrackerState();
}

/**
 * When the next check is due: one interval after the scheduled instant (so checks keep their phase and do
 * not drift by their own duration), but never in the past — a worker that was down does not catch up by
 * running every missed check at once.
 */
export function nextCheckAfter(def: MonitorDefinition, scheduledAt: number, now: number): number | null {
  if (def.paused || def.kind === 'manual') return null;
  const interval = def.intervalSeconds * SECOND_MS;
  if (def.kind === 'heartbeat') return now + interval + def.config.graceSeconds * SECOND_MS;
  let next = scheduledAt + interval;
  if (next <= now) next += Math.ceil((now - next + 1) / interval) * interval;
  return next;
}

/**
 * Records one check of a monitor: raw result, tracker state, finished state spans, rollups and outages, in
 * one transaction. Results older than the monitor's last check are ignored (a late answer after a restart).
 */
export async function recordCheckResult(
  ctx: AppContext,
  monitorId: string,
  result: CheckResult,
  options: {
    readonly scheduledAt?: number;
    readonly keepRaw?: boolean;
    /** For pushed and hand-set states: a result in the same millisecond as the last check moves 1 ms later. */
    readonly nudge?: boolean;
  } = {},
): Promise<RecordedCheck | null> {
  const now = ctx.clock.now();
  const recorded = await ctx.storage.transaction(async (repos) => {
    const monitor = await repos.monitoring.findMonitor(monitorId);
    if (!monitor) throw monitorNotFound(monitorId);
    const tracker = trackerOf(monitor.runtime.tracker);
    if (tracker.lastCheckAt !== null && result.at <= tracker.lastCheckAt) {
      if (!options.nudge) return null;
      result = { ...result, at: tracker.lastCheckAt + 1 };
    }
    const params = trackerParams(monitor.definition);
    const { state, events } = step(tracker, result, params);
    const spans: MonitorStateSpan[] = [];
    let openedOutage: Outage | null = null;
    let closedOutage: { id: string; endedAt: number } | null = null;
    for (const e of events) {
      if (e.type === 'span') spans.push(e.span);
      else if (e.type === 'outage-opened') {
        openedOutage = {
          id: ctx.ids.next(),
          monitorId,
          serviceId: monitor.serviceId,
          customerId: monitor.customerId,
          startedAt: e.start,
          endedAt: null,
          cause: e.cause,
          ticketId: null,
          createdAt: now,
        };
      } else if (e.type === 'outage-closed') {
        const open = await repos.monitoring.listOutages(
          { monitorIds: [monitorId], openOnly: true },
          { limit: 1, offset: 0 },
        );
        const current = open.items[0];
        if (current) closedOutage = { id: current.id, endedAt: e.end };
      }
    }
    const changed = events.find((e) => e.type === 'state-changed');
    const runtime = {
      state: state.belief,
      stateSince: changed && changed.type === 'state-changed' ? changed.at : monitor.runtime.stateSince,
      tracker: state,
      nextCheckAt: nextCheckAfter(monitor.definition, options.scheduledAt ?? result.at, now),
      lastCheck: result,
    };
    await repos.monitoring.recordCheck({
      monitorId,
      result,
      keepRaw: options.keepRaw ?? true,
      runtime,
      spans,
      rollups: rollupRowsFor(monitorId, spans, [result], now),
      ...(openedOutage ? { openOutage: openedOutage } : {}),
      ...(closedOutage ? { closeOutage: closedOutage } : {}),
    });
    await replanRecordedOutages(repos, { openedOutage, closedOutage }, now);
    return { monitor: { ...monitor, runtime }, events, openedOutage, closedOutage };
  });
  if (recorded) {
    if (recorded.openedOutage || recorded.closedOutage) await outageTickets(ctx, recorded);
    ctx.feed.publish({
      type: 'monitor.checked',
      entityId: monitorId,
      customerId: recorded.monitor.customerId,
      at: now,
      data: { state: recorded.monitor.runtime.state, status: result.status },
    });
  }
  return recorded;
}
