import { DomainError } from '../../domain/shared/errors.ts';
import type { Actor } from '../actor.ts';
import { requireSlaStaff } from './sla-access.ts';
import { audit } from '../audit/audit.ts';
import { assertPriority } from '../catalog/priorities.ts';
import type { AppContext } from '../context.ts';
import type { Repositories } from '../ports/repositories.ts';
import { isDefaultRule, matchingRules, type TicketFacts } from './assignment.ts';
import { priorityScheme } from './sla-terms.ts';
import { publishSlaChange } from './sla-writes.ts';
import type { AssignmentRule, SlaVersion } from './slas.repository.ts';

export const MAX_RULES = 1000;
const MAX_TICKET_TYPE = 100;
export const RULES_ENTITY = 'assignment_rules';

export interface RuleInput {
  readonly customerId?: string | null;
  readonly serviceId?: string | null;
  readonly priority?: string | null;
  readonly ticketType?: string | null;
  readonly slaId: string;
}

export interface RuleList {
  readonly rules: readonly AssignmentRule[];
  /** Bumped by every replacement; the API's ETag. */
  readonly revision: number;
}

const orNull = (value: string | null | undefined): string | null =>
  value === undefined || value === null || value.trim() === '' ? null : value.trim();

/** The rules in order (agents and above). */
export async function listAssignmentRules(ctx: AppContext, actor: Actor): Promise<RuleList> {
  requireSlaStaff(actor, 'agent');
  const [rules, revision] = await Promise.all([
    ctx.storage.slas.listRules(),
    ctx.storage.slas.rulesRevision(),
  ]);
  return { rules, revision };
}

async function validateRule(
  repos: Repositories,
  rule: RuleInput,
  index: number,
  schemePriorities: (p: string) => void,
): Promise<void> {
  const field = `rules[${index}]`;
  if (rule.customerId != null && !(await repos.customers.findById(rule.customerId))) {
    throw new DomainError(
      'SLA_CUSTOMER_UNKNOWN',
      `${field}.customerId: there is no customer "${rule.customerId}"`,
      { field, customerId: rule.customerId },
    );
  }
  if (rule.serviceId != null && !(await repos.catalog.findServiceName(rule.serviceId))) {
    throw new DomainError(
      'SLA_SERVICE_UNKNOWN',
      `${field}.serviceId: there is no service "${rule.serviceId}"`,
      { field, serviceId: rule.serviceId },
    );
  }
  if (rule.priority != null) schemePriorities(rule.priority);
  if (rule.ticketType != null && rule.ticketType.length > MAX_TICKET_TYPE) {
    throw new DomainError(
      'ASSIGNMENT_RULE_INVALID',
      `${field}.ticketType is longer than ${MAX_TICKET_TYPE} characters`,
      { field },
    );
  }
  const sla = await repos.slas.findSla(rule.slaId);
  if (!sla)
    throw new DomainError('SLA_UNKNOWN', `${field}.slaId: there is no SLA "${rule.slaId}"`, {
      field,
      slaId: rule.slaId,
    });
  if (sla.archivedAt !== null)
    throw new DomainError('SLA_ARCHIVED', `${field}: SLA "${sla.name}" is archived`, {
      field,
      slaId: rule.slaId,
    });
}

const describeRule = (
  r: Pick<AssignmentRule, 'customerId' | 'serviceId' | 'priority' | 'ticketType' | 'slaId'>,
): string =>
  isDefaultRule(r)
    ? `default → ${r.slaId}`
    : `${[
        r.customerId && `customer ${r.customerId}`,
        r.serviceId && `service ${r.serviceId}`,
        r.priority && `priority ${r.priority}`,
        r.ticketType && `type ${r.ticketType}`,
      ]
        .filter(Boolean)
        .join(', ')} → ${r.slaId}`;

/**
 * Replaces the whole ordered rule list at once (manager or admin). The first rule that matches a new
 * ticket gives its SLA; a default rule (no conditions) may only come last, since nothing after it is ever
 * reached. `expectedRevision` (the If-Match of the list) guards against overwriting someone else's edit.
 * @throws DomainError ASSIGNMENT_RULE_INVALID, SLA_UNKNOWN, SLA_ARCHIVED, SLA_CUSTOMER_UNKNOWN, SLA_SERVICE_UNKNOWN, PRIORITY_UNKNOWN, REVISION_MISMATCH
 */
export async function replaceAssignmentRules(
  ctx: AppContext,
  actor: Actor,
  input: readonly RuleInput[],
  expectedRevision: number | null,
): Promise<RuleList> {
  requireSlaStaff(actor, 'manager');
  if (input.length > MAX_RULES)
    throw new DomainError('ASSIGNMENT_RULE_INVALID', `at most ${MAX_RULES} rules`);
  const now = ctx.clock.now();
  const rules: AssignmentRule[] = input.map((r, position) => ({
    id: ctx.ids.next(),
    position,
    customerId: orNull(r.customerId),
    serviceId: orNull(r.serviceId),
    priority: orNull(r.priority),
    ticketType: orNull(r.ticketType),
    slaId: r.slaId,
    createdAt: now,
  }));
  const seen = new Set<string>();
  for (const [i, rule] of rules.entries()) {
    if (isDefaultRule(rule) && i !== rules.length - 1) {
      throw new DomainError(
        'ASSIGNMENT_RULE_INVALID',
        `rules[${i}] has no conditions (the default); it must be the last rule, as no rule after it is ever reached`,
        {
          field: `rules[${i}]`,
        },
      );
    }
    const key = JSON.stringify([rule.customerId, rule.serviceId, rule.priority, rule.ticketType]);
    if (seen.has(key)) {
      throw new DomainError(
        'ASSIGNMENT_RULE_INVALID',
        `rules[${i}] has the same conditions as an earlier rule and is never reached`,
        { field: `rules[${i}]` },
      );
    }
    seen.add(key);
  }
  const result = await ctx.storage.transaction(async (repos) => {
    // Taken first: the row lock on the list's revision queues concurrent replacements.
    const revision = await repos.slas.bumpRulesRevision();
    if (expectedRevision !== null && revision - 1 !== expectedRevision) {
      throw new DomainError(
        'REVISION_MISMATCH',
        'the assignment rules were changed by someone else; reload them and apply your change again',
        {
          currentRevision: revision - 1,
        },
      );
    }
    const scheme = await priorityScheme(repos);
    for (const [i, rule] of rules.entries())
      await validateRule(repos, rule, i, (p) => assertPriority(scheme, p));
    const before = await repos.slas.listRules();
    await repos.slas.replaceRules(rules);
    await audit(repos.audit, actor, now, {
      action: 'assignment_rules.replaced',
      entityType: RULES_ENTITY,
      entityId: RULES_ENTITY,
      customerId: null,
      summary: `Assignment rules replaced: ${rules.length} rule(s)`,
      changes: { rules: [before.map(describeRule), rules.map(describeRule)] },
    });
    return { rules, revision };
  });
  publishSlaChange(ctx, RULES_ENTITY, now, { action: 'assignment_rules.replaced' });
  return result;
}

/**
 * The SLA version a new ticket starts under: the active version of the SLA of the first matching rule.
 * Rules whose SLA is archived, has no active version, or whose active version covers other customers only
 * (a version covering no customers covers all) are skipped in favour of the next matching rule.
 * Inside a transaction, pass its repositories as `repos` (on SQLite a read outside it would wait for it).
 */
export async function resolveSlaForTicket(
  ctx: AppContext,
  ticket: TicketFacts,
  repos: Pick<Repositories, 'slas'> = ctx.storage,
): Promise<{ readonly slaId: string; readonly version: SlaVersion } | undefined> {
  return resolveSlaWith(repos, ticket);
}

/** The same, on given repositories (inside a transaction). */
export async function resolveSlaWith(
  repos: Pick<Repositories, 'slas'>,
  ticket: TicketFacts,
): Promise<{ readonly slaId: string; readonly version: SlaVersion } | undefined> {
  const rules = matchingRules(await repos.slas.listRules(), ticket);
  for (const rule of rules) {
    const sla = await repos.slas.findSla(rule.slaId);
    if (!sla || sla.archivedAt !== null) continue;
    const version = await repos.slas.findActiveVersion(rule.slaId);
    if (!version) continue;
    const coversCustomer =
      version.customerIds.length === 0 ||
      (ticket.customerId !== null && version.customerIds.includes(ticket.customerId));
    if (coversCustomer) return { slaId: rule.slaId, version };
  }
  return undefined;
}
