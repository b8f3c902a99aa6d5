import { DomainError } from '../../domain/shared/errors.ts';
import { assertCustomerVisible, requireRole, type Actor } from '../actor.ts';
import { audit, diff } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import type { Repositories } from '../ports/repositories.ts';
import type { Contact } from './catalog.repository.ts';

export interface ContactInput {
  readonly name: string;
  readonly email?: string | null;
  readonly phone?: string | null;
  readonly role?: string | null;
  readonly escalationLevel?: number;
  readonly receivesReports?: boolean;
}

/** Deeper customer-side escalation matrices than this are a typo. */
export const MAX_ESCALATION_LEVEL = 9;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** Trims text; blank text and null clear the field, undefined leaves it as it is. */
const blankToNull = (v: string | null | undefined): string | null | undefined => {
  if (v === undefined || v === null) return v;
  const t = v.trim();
  return t === '' ? null : t;
};

function validate(input: Partial<ContactInput>): void {
  if (input.name !== undefined && input.name.trim() === '')
    throw new DomainError('CONTACT_INVALID', 'a contact needs a name');
  const email = blankToNull(input.email);
  if (email != null && !EMAIL.test(email)) {
    throw new DomainError('CONTACT_INVALID', `"${email}" is not an e-mail address`, { field: 'email' });
  }
  const level = input.escalationLevel;
  if (level !== undefined && (!Number.isInteger(level) || level < 0 || level > MAX_ESCALATION_LEVEL)) {
    throw new DomainError(
      'CONTACT_INVALID',
      `escalationLevel must be 0 (not in the escalation matrix) or 1 … ${MAX_ESCALATION_LEVEL}`,
      {
        field: 'escalationLevel',
      },
    );
  }
}

const contactNotFound = (id: string): DomainError =>
  new DomainError('CONTACT_NOT_FOUND', 'contact not found', { id });

async function requireCustomer(repos: Repositories, customerId: string): Promise<void> {
  if (!(await repos.customers.findById(customerId))) {
    throw new DomainError('CUSTOMER_NOT_FOUND', 'customer not found', { id: customerId });
  }
}

/** The contacts of a customer, escalation levels first. Customer viewers see only their own customer's. */
export async function listContacts(ctx: AppContext, actor: Actor, customerId: string): Promise<Contact[]> {
  assertCustomerVisible(actor, customerId, 'CUSTOMER_NOT_FOUND', 'customer');
  await requireCustomer(ctx.storage, customerId);
  return ctx.storage.catalog.listContacts(customerId);
}

export async function getContact(ctx: AppContext, actor: Actor, id: string): Promise<Contact> {
  const contact = await ctx.storage.catalog.findContact(id);
  if (!contact) throw contactNotFound(id);
  assertCustomerVisible(actor, contact.customerId, 'CONTACT_NOT_FOUND', 'contact');
  return contact;
}

export async function createContact(
  ctx: AppContext,
  actor: Actor,
  customerId: string,
  input: ContactInput,
): Promise<Contact> {
  requireRole(actor, 'manager');
  validate(input);
  const now = ctx.clock.now();
  const contact: Contact = {
    id: ctx.ids.next(),
    customerId,
    name: input.name.trim(),
    email: blankToNull(input.email) ?? null,
    phone: blankToNull(input.phone) ?? null,
    role: blankToNull(input.role) ?? null,
    escalationLevel: input.escalationLevel ?? 0,
    receivesReports: input.receivesReports ?? false,
    createdAt: now,
    updatedAt: now,
  };
  await ctx.storage.transaction(async (repos) => {
    await requireCustomer(repos, customerId);
    await repos.catalog.insertContact(contact);
    await audit(repos.audit, actor, now, {
      action: 'contact.created',
      entityType: 'contact',
      entityId: contact.id,
      customerId,
      summary: `Contact "${contact.name}" created`,
    });
  });
  ctx.feed.publish({ type: 'contact.changed', entityId: contact.id, customerId, at: now });
  return contact;
}

export async function updateContact(
  ctx: AppContext,
  actor: Actor,
  id: string,
  patch: Partial<ContactInput>,
): Promise<Contact> {
  requireRole(actor, 'manager');
  validate(patch);
  const after = await ctx.storage.transaction(async (repos) => {
    const before = await repos.catalog.findContact(id);
    if (!before) throw contactNotFound(id);
    const now = ctx.clock.now();
    const email = blankToNull(patch.email);
    const phone = blankToNull(patch.phone);
    const role = blankToNull(patch.role);
    const next: Contact = {
      ...before,
      ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
      ...(email !== undefined ? { email } : {}),
      ...(phone !== undefined ? { phone } : {}),
      ...(role !== undefined ? { role } : {}),
      ...(patch.escalationLevel !== undefined ? { escalationLevel: patch.escalationLevel } : {}),
      ...(patch.receivesReports !== undefined ? { receivesReports: patch.receivesReports } : {}),
      updatedAt: now,
    };
    await repos.catalog.updateContact(next);
    await audit(repos.audit, actor, now, {
      action: 'contact.updated',
      entityType: 'contact',
      entityId: id,
      customerId: next.customerId,
      summary: `Contact "${next.name}" updated`,
      changes: diff(before as unknown as Record<string, unknown>, next as unknown as Record<string, unknown>),
    });
    return next;
  });
  ctx.feed.publish({
    type: 'contact.changed',
    entityId: id,
    customerId: after.customerId,
    at: after.updatedAt,
  });
  return after;
}

export async function deleteContact(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  requireRole(actor, 'manager');
  const now = ctx.clock.now();
  const removed = await ctx.storage.transaction(async (repos) => {
    const before = await repos.catalog.findContact(id);
    if (!before) throw contactNotFound(id);
    await repos.catalog.deleteContact(id);
    await audit(repos.audit, actor, now, {
      action: 'contact.deleted',
      entityType: 'contact',
      entityId: id,
      customerId: before.customerId,
      summary: `Contact "${before.name}" deleted`,
    });
    return before;
  });
  ctx.feed.publish({ type: 'contact.changed', entityId: id, customerId: removed.customerId, at: now });
}
