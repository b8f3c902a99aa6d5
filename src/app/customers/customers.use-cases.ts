import { ZoneRules } from '../../domain/calendars/time-zone.ts';
import { DomainError } from '../../domain/shared/errors.ts';
import { assertCustomerVisible, requireRole, type Actor } from '../actor.ts';
import { audit, diff } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import { pageRequest, type Page } from '../pagination.ts';
import type { Customer } from './customers.repository.ts';

export interface CustomerInput {
  readonly name: string;
  readonly shortName?: string | null;
  readonly timeZone?: string;
  readonly locale?: 'de' | 'en';
  readonly notes?: string | null;
}

const DEFAULT_ZONE = 'Europe/Berlin';

function validate(input: Partial<CustomerInput>): void {
  if (input.name !== undefined && input.name.trim() === '') {
    throw new DomainError('CUSTOMER_INVALID', 'a customer needs a name');
  }
  if (input.timeZone !== undefined) ZoneRules.of(input.timeZone);
}

export async function createCustomer(ctx: AppContext, actor: Actor, input: CustomerInput): Promise<Customer> {
  requireRole(actor, 'manager');
  validate(input);
  const now = ctx.clock.now();
  const customer: Customer = {
    id: ctx.ids.next(),
    name: input.name.trim(),
    shortName: input.shortName ?? null,
    timeZone: input.timeZone ?? DEFAULT_ZONE,
    locale: input.locale ?? 'de',
    notes: input.notes ?? null,
    createdAt: now,
    updatedAt: now,
    archivedAt: null,
  };
  await ctx.storage.transaction(async (repos) => {
    await repos.customers.insert(customer);
    await audit(repos.audit, actor, now, {
      action: 'customer.created',
      entityType: 'customer',
      entityId: customer.id,
      customerId: customer.id,
      summary: `Customer "${customer.name}" created`,
    });
  });
  ctx.feed.publish({ type: 'customer.changed', entityId: customer.id, customerId: customer.id, at: now });
  return customer;
}

export async function getCustomer(ctx: AppContext, actor: Actor, id: string): Promise<Customer> {
  assertCustomerVisible(actor, id, 'CUSTOMER_NOT_FOUND', 'customer');
  const customer = await ctx.storage.customers.findById(id);
  if (!customer) throw new DomainError('CUSTOMER_NOT_FOUND', 'customer not found', { id });
  return customer;
}

export async function listCustomers(
  ctx: AppContext,
  actor: Actor,
  query: { readonly q?: string; readonly includeArchived?: boolean; readonly limit?: number; readonly offset?: number },
): Promise<Page<Customer>> {
  const page = pageRequest(query.limit, query.offset);
  return ctx.storage.customers.list(
    { onlyId: actor.customerId, ...(query.q ? { q: query.q } : {}), includeArchived: query.includeArchived === true },
    page,
  );
}

export async function updateCustomer(ctx: AppContext, actor: Actor, id: string, patch: Partial<CustomerInput> & { readonly archived?: boolean }): Promise<Customer> {
  requireRole(actor, 'manager');
  validate(patch);
  return ctx.storage.transaction(async (repos) => {
    const before = await repos.customers.findById(id);
    if (!before) throw new DomainError('CUSTOMER_NOT_FOUND', 'customer not found', { id });
    const now = ctx.clock.now();
    const after: Customer = {
      ...before,
      ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
      ...(patch.shortName !== undefined ? { shortName: patch.shortName } : {}),
      ...(patch.timeZone !== undefined ? { timeZone: patch.timeZone } : {}),
      ...(patch.locale !== undefined ? { locale: patch.locale } : {}),
      ...(patch.notes !== undefined ? { notes: patch.notes } : {}),
      ...(patch.archived !== undefined ? { archivedAt: patch.archived ? (before.archivedAt ?? now) : null } : {}),
      updatedAt: now,
    };
    await repos.customers.update(after);
    await audit(repos.audit, actor, now, {
      action: 'customer.updated',
      entityType: 'customer',
      entityId: id,
      customerId: id,
      summary: `Customer "${after.name}" updated`,
      changes: diff(before as unknown as Record<string, unknown>, after as unknown as Record<string, unknown>),
    });
    ctx.feed.publish({ type: 'customer.changed', entityId: id, customerId: id, at: now });
    return after;
  });
}
