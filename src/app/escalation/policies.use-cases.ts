import { parseEscalationPolicy } from '../../domain/escalation/policy.ts';
import { DomainError } from '../../domain/shared/errors.ts';
import { requireRole, type Actor } from '../actor.ts';
import { audit } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import type { Repositories } from '../ports/repositories.ts';
import { recomputeTickets } from '../tickets/ticket-recompute.ts';
import { ENV_EMAIL_CHANNEL_ID } from './channels.ts';
import type { PolicyRecord } from './escalation.repository.ts';

/** A policy as sent: the policy document plus what it watches. */
export interface PolicyInput {
  readonly definition: unknown;
  readonly slaIds?: readonly string[];
  readonly serviceIds?: readonly string[];
}

const MAX_LINKS = 200;

function notFound(id: string): never {
  throw new DomainError('ESCALATION_POLICY_NOT_FOUND', 'escalation policy not found', { id });
}

async function checkLinks(
  repos: Repositories,
  slaIds: readonly string[],
  serviceIds: readonly string[],
): Promise<void> {
  if (slaIds.length + serviceIds.length > MAX_LINKS)
    throw new DomainError(
      'ESCALATION_POLICY_INVALID',
      `a policy links at most ${MAX_LINKS} SLAs and services`,
    );
  for (const id of slaIds)
    if (!(await repos.slas.findSla(id))) throw new DomainError('SLA_NOT_FOUND', 'SLA not found', { id });
  for (const id of serviceIds)
    if ((await repos.catalog.findServiceName(id)) === undefined)
      throw new DomainError('SERVICE_NOT_FOUND', 'service not found', { id });
}

async function checkChannels(repos: Repositories, channelIds: Iterable<string>): Promise<void> {
  for (const id of new Set(channelIds)) {
    if (id === ENV_EMAIL_CHANNEL_ID) continue;
    if (!(await repos.escalation.findChannel(id)))
      throw new DomainError(
        'ESCALATION_POLICY_INVALID',
        `levels name the unknown notification channel "${id}"`,
        {
          field: 'channels',
          value: id,
        },
      );
  }
}

/** The open tickets of these SLAs get their steps planned again (after a policy or its links changed). */
async function replanSlas(ctx: AppContext, slaIds: Iterable<string>): Promise<void> {
  for (const slaId of new Set(slaIds)) {
    let afterId = '';
    for (;;) {
      const ids = await ctx.storage.tickets.openTicketIdsBySla(slaId, afterId, 500);
      if (ids.length === 0) break;
      await recomputeTickets(ctx, ids);
      afterId = ids[ids.length - 1] as string;
      if (ids.length < 500) break;
    }
  }
}

export async function listPolicies(ctx: AppContext, actor: Actor): Promise<readonly PolicyRecord[]> {
  requireRole(actor, 'agent');
  return ctx.storage.escalation.listPolicies();
}

export async function getPolicy(ctx: AppContext, actor: Actor, id: string): Promise<PolicyRecord> {
  requireRole(actor, 'agent');
  return (await ctx.storage.escalation.findPolicy(id)) ?? notFound(id);
}

/** Creates a policy (managers and admins); its SLAs' open tickets are planned at once. */
export async function createPolicy(ctx: AppContext, actor: Actor, input: PolicyInput): Promise<PolicyRecord> {
  requireRole(actor, 'manager');
  const policy = parseEscalationPolicy(input.definition);
  const now = ctx.clock.now();
  const record: PolicyRecord = {
    policy,
    slaIds: [...new Set(input.slaIds ?? [])],
    serviceIds: [...new Set(input.serviceIds ?? [])],
    revision: 1,
    createdAt: now,
    updatedAt: now,
  };
  await ctx.storage.transaction(async (repos) => {
    if (await repos.escalation.findPolicy(policy.id))
      throw new DomainError('ESCALATION_POLICY_EXISTS', `a policy with id "${policy.id}" exists`, {
        id: policy.id,
      });
    await checkLinks(repos, record.slaIds, record.serviceIds);
    await checkChannels(
      repos,
      policy.levels.flatMap((l) => l.channels),
    );
    await repos.escalation.insertPolicy(record);
    await audit(repos.audit, actor, now, {
      action: 'escalation_policy.created',
      entityType: 'escalation_policy',
      entityId: policy.id,
      customerId: null,
      summary: `Escalation policy "${policy.name}" created`,
    });
  });
  await replanSlas(ctx, record.slaIds);
  return record;
}

/** Replaces a policy's definition and links (managers and admins); the id stays. */
export async function updatePolicy(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: Partial<PolicyInput>,
): Promise<PolicyRecord> {
  requireRole(actor, 'manager');
  const now = ctx.clock.now();
  const { before, after } = await ctx.storage.transaction(async (repos) => {
    const existing = (await repos.escalation.findPolicy(id)) ?? notFound(id);
    const policy =
      input.definition === undefined
        ? existing.policy
        : parseEscalationPolicy({ ...(input.definition as Record<string, unknown>), id });
    const next: PolicyRecord = {
      policy,
      slaIds: input.slaIds === undefined ? existing.slaIds : [...new Set(input.slaIds)],
      serviceIds: input.serviceIds === undefined ? existing.serviceIds : [...new Set(input.serviceIds)],
      revision: existing.revision + 1,
      createdAt: existing.createdAt,
      updatedAt: now,
    };
    await checkLinks(repos, next.slaIds, next.serviceIds);
    await checkChannels(
      repos,
      policy.levels.flatMap((l) => l.channels),
    );
    await repos.escalation.updatePolicy(next);
    await audit(repos.audit, actor, now, {
      action: 'escalation_policy.updated',
      entityType: 'escalation_policy',
      entityId: id,
      customerId: null,
      summary: `Escalation policy "${policy.name}" changed`,
    });
    return { before: existing, after: next };
  });
  await replanSlas(ctx, [...before.slaIds, ...after.slaIds]);
  return after;
}

/** Deletes a policy (managers and admins); pending steps of its tickets are cancelled by the replan. */
export async function deletePolicy(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  requireRole(actor, 'manager');
  const now = ctx.clock.now();
  const removed = await ctx.storage.transaction(async (repos) => {
    const existing = (await repos.escalation.findPolicy(id)) ?? notFound(id);
    await repos.escalation.deletePolicy(id);
    await audit(repos.audit, actor, now, {
      action: 'escalation_policy.deleted',
      entityType: 'escalation_policy',
      entityId: id,
      customerId: null,
      summary: `Escalation policy "${existing.policy.name}" deleted`,
    });
    return existing;
  });
  await replanSlas(ctx, removed.slaIds);
}
