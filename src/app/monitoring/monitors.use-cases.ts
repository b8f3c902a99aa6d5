import { initialTrackerState } from '../../domain/monitoring/check-sequence.ts';
import {
  parseMonitorDefinition,
  type MonitorDefinition,
} from '../../domain/monitoring/monitor-definition.ts';
import type { MonitorKind, MonitorState } from '../../domain/monitoring/types.ts';
import { DomainError } from '../../domain/shared/errors.ts';
import { SECOND_MS } from '../../domain/shared/time.ts';
import { assertCustomerVisible, requireRole, type Actor } from '../actor.ts';
import { audit, diff } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import { pageRequest, type Page } from '../pagination.ts';
import type { Monitor, MonitorRecord } from './monitoring.repository.ts';

export interface MonitorInput {
  readonly name: string;
  readonly serviceId: string;
  readonly customerId?: string | null;
  /** The monitor definition: kind, schedule and per-kind config (see monitor-definition.ts). */
  readonly definition: unknown;
}

export interface MonitorPatch {
  readonly name?: string;
  readonly serviceId?: string;
  readonly customerId?: string | null;
  readonly definition?: unknown;
  readonly paused?: boolean;
  readonly archived?: boolean;
}

export interface MonitorQuery {
  readonly customerId?: string;
  readonly serviceId?: string;
  readonly state?: MonitorState;
  readonly kind?: MonitorKind;
  readonly q?: string;
  readonly includeArchived?: boolean;
  readonly limit?: number;
  readonly offset?: number;
}

/** A new heartbeat monitor's secret, shown once: the push URL is `/api/v1/heartbeat/{secret}`. */
export interface CreatedMonitor {
  readonly monitor: MonitorRecord;
  readonly heartbeatSecret: string | null;
}

export const monitorNotFound = (id: string): DomainError =>
  new DomainError('MONITOR_NOT_FOUND', 'monitor not found', { id });

/**
 * A stable offset in [0, interval) from the monitor's id, so that monitors created together do not all
 * check in the same second (jitter without a random source, the same after every restart).
 */
export function phaseOffset(id: string, intervalMs: number): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619) >>> 0;
  return h % intervalMs;
}

/** When a monitor with this definition is first due: probes after their phase offset, heartbeats after a period. */
export function firstCheckAt(id: string, def: MonitorDefinition, now: number): number | null {
  const interval = def.intervalSeconds * SECOND_MS;
  if (def.kind === 'manual') return null;
  if (def.kind === 'heartbeat') return now + interval + def.config.graceSeconds * SECOND_MS;
  return now + phaseOffset(id, interval);
}

function definitionOf(input: unknown): MonitorDefinition {
  return parseMonitorDefinition(input);
}

async function assertReferences(
  ctx: AppContext,
  serviceId: string,
  customerId: string | null,
): Promise<void> {
  const service = await ctx.storage.catalog.findService(serviceId);
  if (!service || service.archivedAt !== null) {
    throw new DomainError('MONITOR_INVALID', 'the service does not exist', { field: 'serviceId' });
  }
  if (customerId !== null) {
    const customer = await ctx.storage.customers.findById(customerId);
    if (!customer)
      throw new DomainError('MONITOR_INVALID', 'the customer does not exist', { field: 'customerId' });
  }
}

function assertIncidentCustomer(def: MonitorDefinition, customerId: string | null): void {
  if (def.openIncident && customerId === null) {
    throw new DomainError(
      'MONITOR_INVALID',
      "openIncident needs the monitor's customer: tickets belong to a customer",
      {
        field: 'definition.openIncident',
      },
    );
  }
}

/** A monitor the actor may see: customer viewers see their own and shared monitors. */
export async function visibleMonitor(ctx: AppContext, actor: Actor, id: string): Promise<MonitorRecord> {
  const m = await ctx.storage.monitoring.findMonitor(id);
  if (!m) throw monitorNotFound(id);
  if (m.customerId !== null) assertCustomerVisible(actor, m.customerId, 'MONITOR_NOT_FOUND', 'monitor');
  return m;
}

export async function listMonitors(
  ctx: AppContext,
  actor: Actor,
  query: MonitorQuery,
): Promise<Page<MonitorRecord>> {
  const page = pageRequest(query.limit, query.offset);
  return ctx.storage.monitoring.listMonitors(
    {
      visibleToCustomer: actor.customerId,
      ...(query.customerId !== undefined ? { customerId: query.customerId } : {}),
      ...(query.serviceId !== undefined ? { serviceId: query.serviceId } : {}),
      ...(query.state !== undefined ? { state: query.state } : {}),
      ...(query.kind !== undefined ? { kind: query.kind } : {}),
      ...(query.q ? { q: query.q } : {}),
      includeArchived: query.includeArchived === true,
    },
    page,
  );
}

export async function createMonitor(
  ctx: AppContext,
  actor: Actor,
  input: MonitorInput,
): Promise<CreatedMonitor> {
  requireRole(actor, 'manager');
  const name = input.name.trim();
  if (name === '') throw new DomainError('MONITOR_INVALID', 'a monitor needs a name', { field: 'name' });
  const definition = definitionOf(input.definition);
  const customerId = input.customerId ?? null;
  await assertReferences(ctx, input.serviceId, customerId);
  assertIncidentCustomer(definition, customerId);
  const now = ctx.clock.now();
  const id = ctx.ids.next();
  const heartbeatSecret = definition.kind === 'heartbeat' ? ctx.secrets.randomToken(24) : null;
  const monitor: MonitorRecord = {
    id,
    name,
    serviceId: input.serviceId,
    customerId,
    kind: definition.kind,
    definition,
    paused: definition.paused,
    heartbeatTokenHash: heartbeatSecret === null ? null : ctx.secrets.digest(heartbeatSecret),
    createdAt: now,
    updatedAt: now,
    archivedAt: null,
    runtime: {
      state: 'unknown',
      stateSince: now,
      tracker: initialTrackerState(),
      nextCheckAt: definition.paused ? null : firstCheckAt(id, definition, now),
      lastCheck: null,
    },
  };
  await ctx.storage.transaction(async (repos) => {
    await repos.monitoring.insertMonitor(monitor);
    await audit(repos.audit, actor, now, {
      action: 'monitor.created',
      entityType: 'monitor',
      entityId: id,
      customerId,
      summary: `Monitor "${name}" created`,
    });
  });
  ctx.feed.publish({ type: 'monitor.changed', entityId: id, customerId, at: now });
  return { monitor, heartbeatSecret };
}

export async function updateMonitor(
  ctx: AppContext,
  actor: Actor,
  id: string,
  patch: MonitorPatch,
): Promise<MonitorRecord> {
  requireRole(actor, 'manager');
  const now = ctx.clock.now();
  const before = await ctx.storage.monitoring.findMonitor(id);
  if (!before) throw monitorNotFound(id);
  const name = patch.name?.trim();
  if (name === '') throw new DomainError('MONITOR_INVALID', 'a monitor needs a name', { field: 'name' });
  let definition = patch.definition !== undefined ? definitionOf(patch.definition) : before.definition;
  if (definition.kind !== before.kind) {
    throw new DomainError('MONITOR_INVALID', 'the kind of a monitor cannot change; create a new monitor', {
      field: 'definition.kind',
    });
  }
  if (patch.paused !== undefined) definition = { ...definition, paused: patch.paused };
  const serviceId = patch.serviceId ?? before.serviceId;
  const customerId = patch.customerId !== undefined ? patch.customerId : before.customerId;
  await assertReferences(ctx, serviceId, customerId);
  assertIncidentCustomer(definition, customerId);
  const next: Monitor = {
    ...before,
    ...(name !== undefined ? { name } : {}),
    serviceId,
    customerId,
    definition,
    paused: definition.paused,
    ...(patch.archived !== undefined
      ? { archivedAt: patch.archived ? (before.archivedAt ?? now) : null }
      : {}),
    updatedAt: now,
  };
  const { runtime: _runtime, ...beforeConfig } = before;
  await ctx.storage.transaction(async (repos) => {
    await repos.monitoring.updateMonitor(next);
    // A new schedule (or resuming) takes effect now rather than at the old next check.
    const scheduleChanged =
      patch.definition !== undefined || patch.paused !== undefined || patch.archived !== undefined;
    if (scheduleChanged) {
      const live = !next.paused && next.archivedAt === null;
      await repos.monitoring.setNextCheck(id, live ? firstCheckAt(id, definition, now) : null);
    }
    await audit(repos.audit, actor, now, {
      action: 'monitor.updated',
      entityType: 'monitor',
      entityId: id,
      customerId: next.customerId,
      summary: `Monitor "${next.name}" updated`,
      changes: diff(
        beforeConfig as unknown as Record<string, unknown>,
        next as unknown as Record<string, unknown>,
      ),
    });
  });
  ctx.feed.publish({ type: 'monitor.changed', entityId: id, customerId: next.customerId, at: now });
  const after = await ctx.storage.monitoring.findMonitor(id);
  if (!after) throw monitorNotFound(id);
  return after;
}

export async function deleteMonitor(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  requireRole(actor, 'manager');
  const now = ctx.clock.now();
  const before = await ctx.storage.monitoring.findMonitor(id);
  if (!before) throw monitorNotFound(id);
  await ctx.storage.transaction(async (repos) => {
    await repos.monitoring.deleteMonitor(id);
    await audit(repos.audit, actor, now, {
      action: 'monitor.deleted',
      entityType: 'monitor',
      entityId: id,
      customerId: before.customerId,
      summary: `Monitor "${before.name}" deleted with its history`,
    });
  });
  ctx.feed.publish({ type: 'monitor.changed', entityId: id, customerId: before.customerId, at: now });
}

/** A new heartbeat secret; the old URL stops working at once. */
export async function rotateHeartbeatSecret(ctx: AppContext, actor: Actor, id: string): Promise<string> {
  requireRole(actor, 'manager');
  const before = await ctx.storage.monitoring.findMonitor(id);
  if (!before) throw monitorNotFound(id);
  if (before.kind !== 'heartbeat') {
    throw new DomainError('MONITOR_NOT_HEARTBEAT', 'only heartbeat monitors have a push URL', { id });
  }
  const secret = ctx.secrets.randomToken(24);
  const now = ctx.clock.now();
  await ctx.storage.transaction(async (repos) => {
    await repos.monitoring.updateMonitor({
      ...before,
      heartbeatTokenHash: ctx.secrets.digest(secret),
      updatedAt: now,
    });
    await audit(repos.audit, actor, now, {
      action: 'monitor.heartbeat_rotated',
      entityType: 'monitor',
      entityId: id,
      customerId: before.customerId,
      summary: `New heartbeat URL for "${before.name}"`,
    });
  });
  return secret;
}
