import type { MonitorState } from '../../domain/monitoring/types.ts';
import { requireRole, type Actor } from '../actor.ts';
import type { AppContext } from '../context.ts';
import type { MonitorRecord } from './monitoring.repository.ts';

/** What a worker process knows about its own checks (lateness of starts), when this process runs one. */
export interface WorkerStats {
  readonly checksStarted: number;
  readonly latenessP50Ms: number;
  readonly latenessP99Ms: number;
  readonly checksRunning: number;
}

export interface MetricsSnapshot {
  readonly now: number;
  readonly monitors: readonly (MonitorRecord & { readonly serviceName: string })[];
  readonly monitorCounts: ReadonlyMap<MonitorState, number>;
  readonly clockCounts: readonly {
    readonly metric: string;
    readonly state: string;
    readonly count: number;
  }[];
  readonly openOutages: number;
}

/** Everything /metrics shows, read in a handful of queries (staff only: it names every customer's monitors). */
export async function metricsSnapshot(ctx: AppContext, actor: Actor): Promise<MetricsSnapshot> {
  requireRole(actor, 'agent');
  const now = ctx.clock.now();
  const monitors: MonitorRecord[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await ctx.storage.monitoring.listMonitors({}, { limit: 500, offset });
    monitors.push(...page.items);
    if (page.items.length < 500) break;
  }
  const names = new Map<string, string>();
  for (const id of new Set(monitors.map((m) => m.serviceId)))
    names.set(id, (await ctx.storage.catalog.findService(id))?.name ?? id);
  const open = await ctx.storage.monitoring.listOutages({ openOnly: true }, { limit: 1, offset: 0 });
  return {
    now,
    monitors: monitors.map((m) => ({ ...m, serviceName: names.get(m.serviceId) ?? m.serviceId })),
    monitorCounts: await ctx.storage.monitoring.countByState(),
    clockCounts: await ctx.storage.tickets.clockCounts(now),
    openOutages: open.total,
  };
}
