import { DomainError } from '../../domain/shared/errors.ts';
import { assertCustomerVisible, requireRole, type Actor } from '../actor.ts';
import { audit, diff } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import { pageRequest, type Page } from '../pagination.ts';
import {
  CRITICALITIES,
  type Criticality,
  type Service,
  type ServiceImpact,
  type ServiceImpactView,
} from './catalog.repository.ts';

export interface ServiceInput {
  readonly name: string;
  readonly description?: string | null;
  readonly owner?: string | null;
  readonly monitorRule?: 'any' | 'all';
}

export interface ImpactInput {
  readonly criticality: Criticality;
  readonly usersAffected?: number | null;
  readonly downtimeCostPerHour?: number | null;
  readonly maxTolerableDowntimeMinutes?: number | null;
  readonly notes?: string | null;
}

/** Largest values the integer columns hold on both databases. */
const MAX_INT32 = 2_147_483_647;

const serviceNotFound = (id: string): DomainError =>
  new DomainError('SERVICE_NOT_FOUND', 'service not found', { id });
const impactNotFound = (serviceId: string, customerId: string): DomainError =>
  new DomainError(
    'SERVICE_IMPACT_NOT_FOUND',
    'no business impact is recorded for this service and customer',
    { serviceId, customerId },
  );

function validateService(input: Partial<ServiceInput>): void {
  if (input.name !== undefined && input.name.trim() === '')
    throw new DomainError('SERVICE_INVALID', 'a service needs a name');
}

function wholeNumber(value: number | null | undefined, field: string, max: number): void {
  if (value == null) return;
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new DomainError('SERVICE_IMPACT_INVALID', `${field} must be a whole number between 0 and ${max}`, {
      field,
    });
  }
}

function validateImpact(input: ImpactInput): void {
  if (!(CRITICALITIES as readonly string[]).includes(input.criticality)) {
    throw new DomainError(
      'SERVICE_IMPACT_INVALID',
      `criticality must be one of ${CRITICALITIES.join(', ')}`,
      { field: 'criticality' },
    );
  }
  wholeNumber(input.usersAffected, 'usersAffected', MAX_INT32);
  wholeNumber(input.downtimeCostPerHour, 'downtimeCostPerHour', Number.MAX_SAFE_INTEGER);
  wholeNumber(input.maxTolerableDowntimeMinutes, 'maxTolerableDowntimeMinutes', MAX_INT32);
}

/** Trims text; blank text and null clear the field, undefined leaves it as it is. */
const emptyToNull = (v: string | null | undefined): string | null | undefined => {
  if (v === undefined || v === null) return v;
  const t = v.trim();
  return t === '' ? null : t;
};

/**
 * The service, if the actor may see it: staff see every service, a customer viewer only services with a
 * business-impact entry for its customer (others are reported as absent).
 */
async function visibleService(ctx: AppContext, actor: Actor, id: string): Promise<Service> {
  const service = await ctx.storage.catalog.findService(id);
  if (!service) throw serviceNotFound(id);
  if (actor.customerId !== null && !(await ctx.storage.catalog.findImpact(id, actor.customerId)))
    throw serviceNotFound(id);
  return service;
}

export async function listServices(
  ctx: AppContext,
  actor: Actor,
  query: {
    readonly q?: string;
    readonly includeArchived?: boolean;
    readonly limit?: number;
    readonly offset?: number;
  },
): Promise<Page<Service>> {
  const page = pageRequest(query.limit, query.offset);
  return ctx.storage.catalog.listServices(
    {
      impactForCustomerId: actor.customerId,
      ...(query.q ? { q: query.q } : {}),
      includeArchived: query.includeArchived === true,
    },
    page,
  );
}

export async function getService(ctx: AppContext, actor: Actor, id: string): Promise<Service> {
  return visibleService(ctx, actor, id);
}

export async function createService(ctx: AppContext, actor: Actor, input: ServiceInput): Promise<Service> {
  requireRole(actor, 'manager');
  validateService(input);
  const now = ctx.clock.now();
  const service: Service = {
    id: ctx.ids.next(),
    name: input.name.trim(),
    description: emptyToNull(input.description) ?? null,
    owner: emptyToNull(input.owner) ?? null,
    monitorRule: input.monitorRule ?? 'any',
    createdAt: now,
    updatedAt: now,
    archivedAt: null,
  };
  await ctx.storage.transaction(async (repos) => {
    await repos.catalog.insertService(service);
    await audit(repos.audit, actor, now, {
      action: 'service.created',
      entityType: 'service',
      entityId: service.id,
      customerId: null,
      summary: `Service "${service.name}" created`,
    });
  });
  ctx.feed.publish({ type: 'service.changed', entityId: service.id, customerId: null, at: now });
  return service;
}

export async function updateService(
  ctx: AppContext,
  actor: Actor,
  id: string,
  patch: Partial<ServiceInput> & { readonly archived?: boolean },
): Promise<Service> {
  requireRole(actor, 'manager');
  validateService(patch);
  const now = ctx.clock.now();
  const after = await ctx.storage.transaction(async (repos) => {
    const before = await repos.catalog.findService(id);
    if (!before) throw serviceNotFound(id);
    const description = emptyToNull(patch.description);
    const owner = emptyToNull(patch.owner);
    const next: Service = {
      ...before,
      ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
      ...(description !== undefined ? { description } : {}),
      ...(owner !== undefined ? { owner } : {}),
      ...(patch.monitorRule !== undefined ? { monitorRule: patch.monitorRule } : {}),
      ...(patch.archived !== undefined
        ? { archivedAt: patch.archived ? (before.archivedAt ?? now) : null }
        : {}),
      updatedAt: now,
    };
    await repos.catalog.updateService(next);
    await audit(repos.audit, actor, now, {
      action: 'service.updated',
      entityType: 'service',
      entityId: id,
      customerId: null,
      summary: `Service "${next.name}" updated`,
      changes: diff(before as unknown as Record<string, unknown>, next as unknown as Record<string, unknown>),
    });
    return next;
  });
  ctx.feed.publish({ type: 'service.changed', entityId: id, customerId: null, at: now });
  return after;
}

/** The business impact of a service on each customer; a customer viewer sees only its own row. */
export async function listServiceImpacts(
  ctx: AppContext,
  actor: Actor,
  serviceId: string,
): Promise<ServiceImpactView[]> {
  await visibleService(ctx, actor, serviceId);
  return ctx.storage.catalog.listImpacts({
    serviceId,
    ...(actor.customerId !== null ? { customerId: actor.customerId } : {}),
  });
}

/** What each service means to one customer. */
export async function listCustomerImpacts(
  ctx: AppContext,
  actor: Actor,
  customerId: string,
): Promise<ServiceImpactView[]> {
  assertCustomerVisible(actor, customerId, 'CUSTOMER_NOT_FOUND', 'customer');
  if (!(await ctx.storage.customers.findById(customerId))) {
    throw new DomainError('CUSTOMER_NOT_FOUND', 'customer not found', { id: customerId });
  }
  return ctx.storage.catalog.listImpacts({ customerId });
}

/** Records or replaces the business impact of a service on a customer. */
export async function putServiceImpact(
  ctx: AppContext,
  actor: Actor,
  serviceId: string,
  customerId: string,
  input: ImpactInput,
): Promise<{ readonly impact: ServiceImpactView; readonly created: boolean }> {
  requireRole(actor, 'manager');
  validateImpact(input);
  const now = ctx.clock.now();
  const result = await ctx.storage.transaction(async (repos) => {
    const service = await repos.catalog.findService(serviceId);
    if (!service) throw serviceNotFound(serviceId);
    const customer = await repos.customers.findById(customerId);
    if (!customer) throw new DomainError('CUSTOMER_NOT_FOUND', 'customer not found', { id: customerId });
    const before = await repos.catalog.findImpact(serviceId, customerId);
    const impact: ServiceImpact = {
      serviceId,
      customerId,
      criticality: input.criticality,
      usersAffected: input.usersAffected ?? null,
      downtimeCostPerHour: input.downtimeCostPerHour ?? null,
      maxTolerableDowntimeMinutes: input.maxTolerableDowntimeMinutes ?? null,
      notes: emptyToNull(input.notes) ?? null,
      updatedAt: now,
    };
    await repos.catalog.upsertImpact(impact);
    await audit(repos.audit, actor, now, {
      action: before ? 'service_impact.updated' : 'service_impact.created',
      entityType: 'service_impact',
      entityId: serviceId,
      customerId,
      summary: `Business impact of "${service.name}" on "${customer.name}" ${before ? 'updated' : 'recorded'}: ${impact.criticality}`,
      ...(before
        ? {
            changes: diff(
              before as unknown as Record<string, unknown>,
              impact as unknown as Record<string, unknown>,
            ),
          }
        : {}),
    });
    return {
      impact: { ...impact, serviceName: service.name, customerName: customer.name },
      created: before === undefined,
    };
  });
  ctx.feed.publish({ type: 'service_impact.changed', entityId: serviceId, customerId, at: now });
  return result;
}

export async function deleteServiceImpact(
  ctx: AppContext,
  actor: Actor,
  serviceId: string,
  customerId: string,
): Promise<void> {
  requireRole(actor, 'manager');
  const now = ctx.clock.now();
  await ctx.storage.transaction(async (repos) => {
    const before = await repos.catalog.findImpact(serviceId, customerId);
    if (!before) throw impactNotFound(serviceId, customerId);
    await repos.catalog.deleteImpact(serviceId, customerId);
    await audit(repos.audit, actor, now, {
      action: 'service_impact.deleted',
      entityType: 'service_impact',
      entityId: serviceId,
      customerId,
      summary: `Business impact of "${(await repos.catalog.findServiceName(serviceId)) ?? serviceId}" removed`,
    });
  });
  ctx.feed.publish({ type: 'service_impact.changed', entityId: serviceId, customerId, at: now });
}
