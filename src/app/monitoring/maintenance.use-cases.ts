import {
  maintenanceIntervals,
  parseMaintenanceWindow,
  type MaintenanceWindow,
} from '../../domain/monitoring/maintenance.ts';
import { mergeIntervals } from '../../domain/monitoring/intervals.ts';
import { DomainError } from '../../domain/shared/errors.ts';
import type { Interval } from '../../domain/shared/time.ts';
import { assertCustomerVisible, requireRole, type Actor } from '../actor.ts';
import { audit, diff } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import type { Repositories } from '../ports/repositories.ts';
import type { MaintenanceWindowRecord, MonitorRecord } from './monitoring.repository.ts';

export interface MaintenanceInput {
  readonly name: string;
  /** What the window covers: a service (all its monitors), one monitor, or — with neither — everything. */
  readonly serviceId?: string | null;
  readonly monitorId?: string | null;
  /** Limits a service window to that customer's monitors of the service (and makes it visible to them). */
  readonly customerId?: string | null;
  /** Time zone, local start, duration and recurrence (see maintenance.ts). */
  readonly definition: unknown;
}

export interface MaintenanceView extends MaintenanceWindowRecord {
  readonly definition: MaintenanceWindow;
}

const notFound = (id: string): DomainError =>
  new DomainError('MAINTENANCE_NOT_FOUND', 'maintenance window not found', { id });

async function checkReferences(
  ctx: AppContext,
  input: Omit<MaintenanceInput, 'name' | 'definition'>,
): Promise<void> {
  if (input.serviceId) {
    const s = await ctx.storage.catalog.findService(input.serviceId);
    if (!s)
      throw new DomainError('MAINTENANCE_INVALID', 'the service does not exist', { field: 'serviceId' });
  }
  if (input.monitorId) {
    const m = await ctx.storage.monitoring.findMonitor(input.monitorId);
    if (!m)
      throw new DomainError('MAINTENANCE_INVALID', 'the monitor does not exist', { field: 'monitorId' });
  }
  if (input.customerId) {
    const c = await ctx.storage.customers.findById(input.customerId);
    if (!c)
      throw new DomainError('MAINTENANCE_INVALID', 'the customer does not exist', { field: 'customerId' });
  }
}

const view = (r: MaintenanceWindowRecord): MaintenanceView => ({
  ...r,
  definition: r.definition as MaintenanceWindow,
});

export async function listMaintenance(
  ctx: AppContext,
  actor: Actor,
  query: { readonly serviceId?: string; readonly monitorId?: string },
): Promise<readonly MaintenanceView[]> {
  const filter = {
    visibleToCustomer: actor.customerId,
    ...(query.serviceId !== undefined ? { serviceIds: [query.serviceId] } : {}),
    ...(query.monitorId !== undefined ? { monitorIds: [query.monitorId] } : {}),
  };
  return (await ctx.storage.monitoring.listMaintenance(filter)).map(view);
}

export async function getMaintenance(ctx: AppContext, actor: Actor, id: string): Promise<MaintenanceView> {
  const r = await ctx.storage.monitoring.findMaintenance(id);
  if (!r) throw notFound(id);
  if (r.customerId !== null)
    assertCustomerVisible(actor, r.customerId, 'MAINTENANCE_NOT_FOUND', 'maintenance window');
  else if (actor.customerId !== null) throw notFound(id);
  return view(r);
}

export async function createMaintenance(
  ctx: AppContext,
  actor: Actor,
  input: MaintenanceInput,
): Promise<MaintenanceView> {
  requireRole(actor, 'agent');
  const name = input.name.trim();
  if (name === '')
    throw new DomainError('MAINTENANCE_INVALID', 'a maintenance window needs a name', { field: 'name' });
  const definition = parseMaintenanceWindow(input.definition);
  await checkReferences(ctx, input);
  const now = ctx.clock.now();
  const record: MaintenanceWindowRecord = {
    id: ctx.ids.next(),
    name,
    serviceId: input.serviceId ?? null,
    monitorId: input.monitorId ?? null,
    customerId: input.customerId ?? null,
    definition,
    createdAt: now,
    updatedAt: now,
  };
  await ctx.storage.transaction(async (repos) => {
    await repos.monitoring.insertMaintenance(record);
    await audit(repos.audit, actor, now, {
      action: 'maintenance.created',
      entityType: 'maintenance_window',
      entityId: record.id,
      customerId: record.customerId,
      summary: `Maintenance window "${name}" created`,
    });
  });
  ctx.feed.publish({
    type: 'maintenance.changed',
    entityId: record.id,
    customerId: record.customerId,
    at: now,
  });
  return view(record);
}

export async function updateMaintenance(
  ctx: AppContext,
  actor: Actor,
  id: string,
  patch: Partial<MaintenanceInput>,
): Promise<MaintenanceView> {
  requireRole(actor, 'agent');
  const before = await ctx.storage.monitoring.findMaintenance(id);
  if (!before) throw notFound(id);
  const name = patch.name?.trim();
  if (name === '')
    throw new DomainError('MAINTENANCE_INVALID', 'a maintenance window needs a name', { field: 'name' });
  const next: MaintenanceWindowRecord = {
    ...before,
    ...(name !== undefined ? { name } : {}),
    ...(patch.serviceId !== undefined ? { serviceId: patch.serviceId } : {}),
    ...(patch.monitorId !== undefined ? { monitorId: patch.monitorId } : {}),
    ...(patch.customerId !== undefined ? { customerId: patch.customerId } : {}),
    ...(patch.definition !== undefined ? { definition: parseMaintenanceWindow(patch.definition) } : {}),
    updatedAt: ctx.clock.now(),
  };
  await checkReferences(ctx, next);
  await ctx.storage.transaction(async (repos) => {
    await repos.monitoring.updateMaintenance(next);
    await audit(repos.audit, actor, next.updatedAt, {
      action: 'maintenance.updated',
      entityType: 'maintenance_window',
      entityId: id,
      customerId: next.customerId,
      summary: `Maintenance window "${next.name}" updated`,
      changes: diff(before as unknown as Record<string, unknown>, next as unknown as Record<string, unknown>),
    });
  });
  ctx.feed.publish({
    type: 'maintenance.changed',
    entityId: id,
    customerId: next.customerId,
    at: next.updatedAt,
  });
  return view(next);
}

export async function deleteMaintenance(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  requireRole(actor, 'agent');
  const before = await ctx.storage.monitoring.findMaintenance(id);
  if (!before) throw notFound(id);
  const now = ctx.clock.now();
  await ctx.storage.transaction(async (repos) => {
    await repos.monitoring.deleteMaintenance(id);
    await audit(repos.audit, actor, now, {
      action: 'maintenance.deleted',
      entityType: 'maintenance_window',
      entityId: id,
      customerId: before.customerId,
      summary: `Maintenance window "${before.name}" deleted`,
    });
  });
  ctx.feed.publish({ type: 'maintenance.changed', entityId: id, customerId: before.customerId, at: now });
}

/** Whether a window applies to a monitor: its own, its service's (for its customer or all), or a global one. */
export function windowApplies(
  w: MaintenanceWindowRecord,
  m: Pick<MonitorRecord, 'id' | 'serviceId' | 'customerId'>,
): boolean {
  if (w.monitorId !== null) return w.monitorId === m.id;
  if (w.serviceId !== null && w.serviceId !== m.serviceId) return false;
  if (w.customerId !== null && m.customerId !== null && w.customerId !== m.customerId) return false;
  return true;
}

/** The maintenance of one monitor in [from, to), merged, from every window that applies to it. */
export function maintenanceOf(
  windows: readonly MaintenanceWindowRecord[],
  monitor: Pick<MonitorRecord, 'id' | 'serviceId' | 'customerId'>,
  from: number,
  to: number,
): Interval[] {
  const out: Interval[] = [];
  for (const w of windows) {
    if (!windowApplies(w, monitor)) continue;
    out.push(...maintenanceIntervals(w.definition as MaintenanceWindow, from, to));
  }
  return mergeIntervals(out);
}

/** Every window that may apply to these monitors (their own, their services', global ones). */
export async function windowsFor(
  repos: Pick<Repositories, 'monitoring'>,
  monitors: readonly Pick<MonitorRecord, 'id' | 'serviceId'>[],
): Promise<readonly MaintenanceWindowRecord[]> {
  const all = await repos.monitoring.listMaintenance({});
  const ids = new Set(monitors.map((m) => m.id));
  const services = new Set(monitors.map((m) => m.serviceId));
  return all.filter((w) =>
    w.monitorId !== null ? ids.has(w.monitorId) : w.serviceId === null || services.has(w.serviceId),
  );
}
