import type { SlasRepository, SlaVersion } from '../slas/slas.repository.ts';
import type { TicketType } from './tickets.repository.ts';

export interface AssignmentSubject {
  readonly customerId: string;
  readonly serviceId: string | null;
  readonly priority: string;
  readonly type: TicketType;
}

/**
 * The SLA version a new ticket is bound to: the active version of the SLA named by the first rule (in
 * order) that matches; a rule's empty fields match anything. A matching rule whose SLA has no active
 * version is passed over. Undefined when nothing matches: the ticket has no SLA clocks.
 */
export async function assignSla(
  slas: SlasRepository,
  ticket: AssignmentSubject,
): Promise<SlaVersion | undefined> {
  for (const rule of await slas.listRules()) {
    if (rule.customerId !== null && rule.customerId !== ticket.customerId) continue;
    if (rule.serviceId !== null && rule.serviceId !== ticket.serviceId) continue;
    if (rule.priority !== null && rule.priority !== ticket.priority) continue;
    if (rule.ticketType !== null && rule.ticketType !== ticket.type) continue;
    const version = await slas.findActiveVersion(rule.slaId);
    if (version) return version;
  }
  return undefined;
}
