import { DomainError } from '../../domain/shared/errors.ts';
import type { Actor } from '../actor.ts';
import { diff } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import { pageRequest, type Page } from '../pagination.ts';
import { EMPTY_CONTENT, resolveContent, type VersionInput } from './sla-terms.ts';
import { isCustomerScoped, requireSlaStaff, visibleVersions } from './sla-access.ts';
import {
  assertNameFree,
  assertOwner,
  auditSla,
  insertSlaWithDraft,
  lockedSla,
  publishSlaChange,
} from './sla-writes.ts';
import type { Sla, SlaVersion } from './slas.repository.ts';

const MAX_NAME = 200;
const MAX_DESCRIPTION = 10_000;

export interface SlaInput {
  readonly name: string;
  readonly description?: string | null;
  readonly ownerUserId?: string | null;
}

export interface SlaPatch {
  readonly name?: string;
  readonly description?: string | null;
  readonly ownerUserId?: string | null;
  readonly archived?: boolean;
}

/** An SLA with the versions the actor may see. */
export interface SlaWithVersions {
  readonly sla: Sla;
  readonly versions: readonly SlaVersion[];
}

/** An SLA in a list, with the number of its version in force (as far as the actor may see it). */
export interface SlaSummary {
  readonly sla: Sla;
  readonly activeVersion: number | null;
}

/** @throws DomainError SLA_INVALID */
export function cleanName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '' || trimmed.length > MAX_NAME)
    throw new DomainError('SLA_INVALID', `an SLA needs a name of 1 to ${MAX_NAME} characters`, {
      field: 'name',
    });
  return trimmed;
}

function cleanDescription(text: string | null | undefined): string | null {
  if (text === undefined || text === null || text.trim() === '') return null;
  if (text.length > MAX_DESCRIPTION)
    throw new DomainError('SLA_INVALID', `the description may hold ${MAX_DESCRIPTION} characters`, {
      field: 'description',
    });
  return text.trim();
}

/** Creates an SLA with version 1 as a draft (manager or admin). */
export async function createSla(
  ctx: AppContext,
  actor: Actor,
  input: SlaInput & { readonly version?: VersionInput },
): Promise<SlaWithVersions> {
  requireSlaStaff(actor, 'manager');
  const fields = {
    name: cleanName(input.name),
    description: cleanDescription(input.description),
    ownerUserId: input.ownerUserId ?? null,
  };
  const now = ctx.clock.now();
  const created = await ctx.storage.transaction(async (repos) => {
    const content = await resolveContent(repos, input.version ?? {}, EMPTY_CONTENT);
    return insertSlaWithDraft(ctx, repos, actor, now, fields, content);
  });
  publishSlaChange(ctx, created.sla.id, now, { action: 'created', version: 1 });
  return { sla: created.sla, versions: [created.version] };
}

/** Lists SLAs; a customer viewer gets only those with a version covering its customer. */
export async function listSlas(
  ctx: AppContext,
  actor: Actor,
  query: {
    readonly customerId?: string;
    readonly includeArchived?: boolean;
    readonly limit?: number;
    readonly offset?: number;
  },
): Promise<Page<SlaSummary>> {
  const page = pageRequest(query.limit, query.offset);
  const viewer = isCustomerScoped(actor);
  if (
    viewer &&
    (actor.customerId === null || (query.customerId !== undefined && query.customerId !== actor.customerId))
  ) {
    return { items: [], total: 0, limit: page.limit, offset: page.offset };
  }
  const customerId = viewer ? actor.customerId : (query.customerId ?? null);
  const slas = await ctx.storage.slas.listSlas(
    { customerId, includeArchived: query.includeArchived === true, excludeDrafts: viewer },
    page,
  );
  const items: SlaSummary[] = [];
  for (const sla of slas.items) {
    const active = await ctx.storage.slas.findActiveVersion(sla.id);
    items.push({
      sla,
      activeVersion: active && visibleVersions(actor, [active]).length > 0 ? active.version : null,
    });
  }
  return { ...slas, items };
}

/** One SLA with its versions. A customer viewer gets SLA_NOT_FOUND for SLAs that do not cover it. */
export async function getSla(ctx: AppContext, actor: Actor, id: string): Promise<SlaWithVersions> {
  const sla = await ctx.storage.slas.findSla(id);
  if (!sla) throw new DomainError('SLA_NOT_FOUND', 'SLA not found', { id });
  const versions = visibleVersions(actor, await ctx.storage.slas.listVersions(id));
  if (isCustomerScoped(actor) && versions.length === 0)
    throw new DomainError('SLA_NOT_FOUND', 'SLA not found', { id });
  return { sla, versions };
}

/**
 * Renames, describes, hands over or (un)archives an SLA (manager or admin). An SLA that assignment rules
 * still point at cannot be archived: new tickets would lose their SLA without anyone noticing.
 */
export async function updateSla(
  ctx: AppContext,
  actor: Actor,
  id: string,
  patch: SlaPatch,
): Promise<SlaWithVersions> {
  requireSlaStaff(actor, 'manager');
  const name = patch.name === undefined ? undefined : cleanName(patch.name);
  const description = patch.description === undefined ? undefined : cleanDescription(patch.description);
  const now = ctx.clock.now();
  const after = await ctx.storage.transaction(async (repos) => {
    // Locks in one order everywhere (the name lock, then the SLA's row), so two writers never wait on each other.
    if (name !== undefined) await repos.slas.lockSlaNames();
    const before = await lockedSla(repos, id, now, true);
    if (name !== undefined) await assertNameFree(repos, name, id);
    if (patch.ownerUserId !== undefined) await assertOwner(repos, patch.ownerUserId);
    if (patch.archived === true && before.archivedAt === null) {
      const rules = await repos.slas.countRulesForSla(id);
      if (rules > 0)
        throw new DomainError(
          'SLA_IN_USE',
          `${rules} assignment rule(s) still give this SLA; change them before archiving it`,
          { rules },
        );
    }
    const next: Sla = {
      ...before,
      ...(name !== undefined ? { name } : {}),
      ...(description !== undefined ? { description } : {}),
      ...(patch.ownerUserId !== undefined ? { ownerUserId: patch.ownerUserId } : {}),
      ...(patch.archived !== undefined
        ? { archivedAt: patch.archived ? (before.archivedAt ?? now) : null }
        : {}),
      updatedAt: now,
    };
    await repos.slas.updateSla(next);
    await auditSla(repos, actor, now, {
      action: 'sla.updated',
      slaId: id,
      summary: `SLA "${next.name}" updated`,
      changes: diff(before as unknown as Record<string, unknown>, next as unknown as Record<string, unknown>),
    });
    return { sla: next, versions: await repos.slas.listVersions(id) };
  });
  publishSlaChange(ctx, id, now, { action: 'updated' });
  return after;
}
