import type { AssignmentRule } from './slas.repository.ts';

/** What a new ticket is matched on. Null fields of the ticket match only rules that leave that field open. */
export interface TicketFacts {
  readonly customerId: string | null;
  readonly serviceId: string | null;
  readonly priority: string | null;
  readonly ticketType: string | null;
}

type RuleFields = Pick<AssignmentRule, 'customerId' | 'serviceId' | 'priority' | 'ticketType' | 'slaId'>;

const fits = (ruleValue: string | null, value: string | null): boolean =>
  ruleValue === null || ruleValue === value;

/** Whether a rule applies to the ticket: each field the rule sets must equal the ticket's. */
export function ruleMatches(rule: RuleFields, ticket: TicketFacts): boolean {
  return (
    fits(rule.customerId, ticket.customerId) &&
    fits(rule.serviceId, ticket.serviceId) &&
    fits(rule.priority, ticket.priority) &&
    fits(rule.ticketType, ticket.ticketType)
  );
}

/** A rule that sets no field: the default, which matches every ticket. */
export function isDefaultRule(rule: RuleFields): boolean {
  return (
    rule.customerId === null && rule.serviceId === null && rule.priority === null && rule.ticketType === null
  );
}

/** The rules that apply to the ticket, in their order. */
export function matchingRules<R extends RuleFields>(rules: readonly R[], ticket: TicketFacts): R[] {
  return rules.filter((rule) => ruleMatches(rule, ticket));
}

/** The SLA of the first rule (in the given order) that matches the ticket; undefined when none does. */
export function matchSla(rules: readonly RuleFields[], ticket: TicketFacts): string | undefined {
  return rules.find((rule) => ruleMatches(rule, ticket))?.slaId;
}
