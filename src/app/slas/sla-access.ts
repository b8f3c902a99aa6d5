import { DomainError } from '../../domain/shared/errors.ts';
import { requireRole, type Actor } from '../actor.ts';
import type { SlaVersion } from './slas.repository.ts';

/** A customer viewer, or a token limited to one customer: it sees that customer's SLAs only. */
export function isCustomerScoped(actor: Actor): boolean {
  return actor.role === 'customer' || actor.customerId !== null;
}

/**
 * SLAs, their versions and the assignment rules concern many customers at once: changing them needs the
 * given staff role and an actor not limited to one customer.
 * @throws DomainError FORBIDDEN
 */
export function requireSlaStaff(actor: Actor, minimum: 'agent' | 'manager'): void {
  requireRole(actor, minimum);
  if (actor.customerId !== null)
    throw new DomainError('FORBIDDEN', 'a token limited to one customer cannot do this', {
      required: minimum,
    });
}

/**
 * The versions an actor may see: staff see all; a customer-scoped actor sees versions in force or past that
 * cover its customer (drafts are internal until activated).
 */
export function visibleVersions(actor: Actor, versions: readonly SlaVersion[]): SlaVersion[] {
  if (!isCustomerScoped(actor)) return [...versions];
  const customerId = actor.customerId;
  return versions.filter(
    (v) => v.status !== 'draft' && customerId !== null && v.customerIds.includes(customerId),
  );
}
