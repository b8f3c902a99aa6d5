import { DomainError } from '../domain/shared/errors.ts';

export const ROLES = ['admin', 'manager', 'agent', 'customer'] as const;
export type Role = (typeof ROLES)[number];

/** Higher rank may do what lower ranks may; the customer viewer is apart (read-only, one customer). */
const RANK: Record<Role, number> = { admin: 3, manager: 2, agent: 1, customer: 0 };

/** Who is asking: a signed-in user, an API token, or the system itself (CLI, worker). */
export interface Actor {
  readonly kind: 'user' | 'token' | 'system';
  readonly userId: string | null;
  readonly tokenId: string | null;
  readonly role: Role;
  /** Set for a customer viewer or a customer-scoped token: it sees only this customer. */
  readonly customerId: string | null;
}

export const SYSTEM_ACTOR: Actor = { kind: 'system', userId: null, tokenId: null, role: 'admin', customerId: null };

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Customer viewer < agent < manager < admin. */
export function roleRank(role: Role): number {
  return RANK[role];
}

export function roleAtLeast(role: Role, minimum: Exclude<Role, 'customer'>): boolean {
  return RANK[role] >= RANK[minimum];
}

/** @throws DomainError FORBIDDEN unless the actor has at least the given staff role. */
export function requireRole(actor: Actor, minimum: Exclude<Role, 'customer'>): void {
  if (!roleAtLeast(actor.role, minimum)) {
    throw new DomainError('FORBIDDEN', `this needs the ${minimum} role or higher`, { required: minimum });
  }
}

/** The customer the actor is limited to, or null for staff who see every customer. */
export function customerScope(actor: Actor): string | null {
  return actor.customerId;
}

/**
 * @throws DomainError NOT_FOUND-style code when the actor may not see that customer's data: a foreign
 *   customer's records are reported as absent, so their existence is not revealed.
 */
export function assertCustomerVisible(actor: Actor, customerId: string | null, notFoundCode: string, what: string): void {
  if (actor.customerId !== null && actor.customerId !== customerId) {
    throw new DomainError(notFoundCode, `${what} not found`);
  }
}
