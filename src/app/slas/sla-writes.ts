// The write steps shared by the SLA use cases and the SLA file import; each runs inside the caller's transaction.
import { DomainError } from '../../domain/shared/errors.ts';
import type { Actor } from '../actor.ts';
import { audit } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import type { Repositories } from '../ports/repositories.ts';
import { auditChanges, diffContents, type Labels, type VersionChange } from './sla-diff.ts';
import { contentOf, EMPTY_CONTENT, type VersionContent } from './sla-terms.ts';
import type { Sla, SlaVersion } from './slas.repository.ts';

export const SLA_CHANGED = 'sla.changed';

/** Names of the calendars, customers and services the contents refer to; an unknown id stands for itself. */
export async function loadLabels(
  repos: Pick<Repositories, 'catalog' | 'customers'>,
  contents: readonly VersionContent[],
): Promise<Labels> {
  const calendars = new Map<string, string>();
  const customers = new Map<string, string>();
  const services = new Map<string, string>();
  for (const c of contents) {
    const calendarIds = [
      ...Object.values(c.terms.targets).flatMap((t) =>
        [t.firstResponse, t.resolution, t.update].map((s) => s?.calendarId ?? null),
      ),
      ...c.terms.availability.map((a) => a.calendarId),
    ];
    for (const id of calendarIds) {
      if (id !== null && !calendars.has(id))
        calendars.set(id, (await repos.catalog.findCalendar(id))?.name ?? id);
    }
    for (const id of c.customerIds)
      if (!customers.has(id)) customers.set(id, (await repos.customers.findById(id))?.name ?? id);
    const serviceIds = [
      ...c.serviceIds,
      ...c.terms.availability.flatMap((a) => (a.serviceId === null ? [] : [a.serviceId])),
    ];
    for (const id of serviceIds)
      if (!services.has(id)) services.set(id, (await repos.catalog.findServiceName(id)) ?? id);
  }
  return {
    calendar: (id) => (id === null ? '24/7' : (calendars.get(id) ?? id)),
    customer: (id) => customers.get(id) ?? id,
    service: (id) => services.get(id) ?? id,
  };
}

export async function describeChanges(
  repos: Repositories,
  before: VersionContent,
  after: VersionContent,
): Promise<VersionChange[]> {
  return diffContents(before, after, await loadLabels(repos, [before, after]));
}

export async function auditSla(
  repos: Repositories,
  actor: Actor,
  at: number,
  entry: {
    readonly action: string;
    readonly slaId: string;
    readonly summary: string;
    readonly changes?: Record<string, [unknown, unknown]>;
  },
): Promise<void> {
  await audit(repos.audit, actor, at, {
    action: entry.action,
    entityType: 'sla',
    entityId: entry.slaId,
    // An SLA may cover several customers: its entries are for staff, not for one customer's viewers.
    customerId: null,
    summary: entry.summary,
    ...(entry.changes ? { changes: entry.changes } : {}),
  });
}

export function publishSlaChange(
  ctx: AppContext,
  slaId: string,
  at: number,
  data: { readonly action: string; readonly version?: number },
): void {
  ctx.feed.publish({ type: SLA_CHANGED, entityId: slaId, customerId: null, at, data });
}

/**
 * Locks the SLA for this transaction (see SlasRepository.lockSla) and returns it.
 * @throws DomainError SLA_NOT_FOUND; SLA_ARCHIVED unless `allowArchived`
 */
export async function lockedSla(
  repos: Repositories,
  slaId: string,
  at: number,
  allowArchived = false,
): Promise<Sla> {
  if (!(await repos.slas.lockSla(slaId, at)))
    throw new DomainError('SLA_NOT_FOUND', 'SLA not found', { id: slaId });
  const sla = await repos.slas.findSla(slaId);
  if (!sla) throw new DomainError('SLA_NOT_FOUND', 'SLA not found', { id: slaId });
  if (sla.archivedAt !== null && !allowArchived) {
    throw new DomainError(
      'SLA_ARCHIVED',
      `SLA "${sla.name}" is archived; unarchive it before changing its versions`,
      { id: slaId },
    );
  }
  return sla;
}

/**
 * Checks that no other SLA has the name, holding the name lock until the transaction ends so that two
 * writers cannot both take it (there is no unique index: names compare without regard to case).
 * @throws DomainError SLA_NAME_TAKEN
 */
export async function assertNameFree(repos: Repositories, name: string, exceptId?: string): Promise<void> {
  await repos.slas.lockSlaNames();
  const other = await repos.slas.findSlaByName(name);
  if (other && other.id !== exceptId)
    throw new DomainError('SLA_NAME_TAKEN', `there is already an SLA named "${other.name}"`, {
      id: other.id,
    });
}

/** @throws DomainError SLA_OWNER_UNKNOWN unless the user exists and is staff */
export async function assertOwner(repos: Repositories, userId: string | null): Promise<void> {
  if (userId === null) return;
  const user = await repos.accounts.findUserById(userId);
  if (!user || user.role === 'customer') {
    throw new DomainError(
      'SLA_OWNER_UNKNOWN',
      `the owner must be a staff user; there is none with id "${userId}"`,
      { ownerUserId: userId },
    );
  }
}

export interface NewSla {
  readonly name: string;
  readonly description: string | null;
  readonly ownerUserId: string | null;
}

/** Inserts an SLA with version 1 as a draft holding `content`, audited. */
export async function insertSlaWithDraft(
  ctx: AppContext,
  repos: Repositories,
  actor: Actor,
  now: number,
  fields: NewSla,
  content: VersionContent,
): Promise<{ sla: Sla; version: SlaVersion }> {
  await assertNameFree(repos, fields.name);
  await assertOwner(repos, fields.ownerUserId);
  const sla: Sla = { id: ctx.ids.next(), ...fields, createdAt: now, updatedAt: now, archivedAt: null };
  const version = draftOf(sla.id, 1, content, now, actor);
  await repos.slas.insertSla(sla);
  await repos.slas.insertVersion(version);
  const changes = await describeChanges(repos, EMPTY_CONTENT, content);
  await auditSla(repos, actor, now, {
    action: 'sla.created',
    slaId: sla.id,
    summary: `SLA "${sla.name}" created with draft version 1`,
    changes: auditChanges(changes),
  });
  return { sla, version };
}

export function draftOf(
  slaId: string,
  number: number,
  content: VersionContent,
  now: number,
  actor: Actor,
): SlaVersion {
  return {
    slaId,
    version: number,
    status: 'draft',
    ...contentOf(content),
    revision: 1,
    createdAt: now,
    createdBy: actor.userId,
    activatedAt: null,
    retiredAt: null,
  };
}

/**
 * Adds the next version of a locked SLA as a draft holding `content`, audited with its changes against the
 * latest version. @throws DomainError SLA_DRAFT_EXISTS when a draft is already open
 */
export async function addDraft(
  repos: Repositories,
  actor: Actor,
  now: number,
  sla: Sla,
  content: VersionContent,
): Promise<{ version: SlaVersion; changes: VersionChange[] }> {
  const versions = await repos.slas.listVersions(sla.id);
  const draft = versions.find((v) => v.status === 'draft');
  if (draft) {
    throw new DomainError(
      'SLA_DRAFT_EXISTS',
      `version ${draft.version} is still a draft; edit it, or activate or retire it first`,
      { version: draft.version },
    );
  }
  const latest = versions.at(-1);
  const version = draftOf(sla.id, (latest?.version ?? 0) + 1, content, now, actor);
  await repos.slas.insertVersion(version);
  const changes = await describeChanges(repos, latest ?? EMPTY_CONTENT, content);
  await auditSla(repos, actor, now, {
    action: 'sla.version.created',
    slaId: sla.id,
    summary: `SLA "${sla.name}": draft version ${version.version} created${latest ? ` from version ${latest.version}` : ''}`,
    changes: auditChanges(changes),
  });
  return { version, changes };
}

/**
 * Stores new content in a draft if its revision is still `expectedRevision` (null: whatever it is now).
 * @throws DomainError SLA_VERSION_NOT_DRAFT, REVISION_MISMATCH
 */
export async function storeDraft(
  repos: Repositories,
  actor: Actor,
  now: number,
  sla: Sla,
  before: SlaVersion,
  content: VersionContent,
  expectedRevision: number | null,
): Promise<{ version: SlaVersion; changes: VersionChange[] }> {
  assertRevision(before, expectedRevision);
  if (before.status !== 'draft') {
    throw new DomainError(
      'SLA_VERSION_NOT_DRAFT',
      `version ${before.version} is ${before.status}; only drafts can be edited. Create a new version instead`,
      {
        version: before.version,
        status: before.status,
      },
    );
  }
  const after: SlaVersion = { ...before, ...contentOf(content), revision: before.revision + 1 };
  if (!(await repos.slas.updateVersion(after, before.revision))) throw revisionMismatch(before.version);
  const changes = await describeChanges(repos, before, content);
  await auditSla(repos, actor, now, {
    action: 'sla.version.updated',
    slaId: sla.id,
    summary: `SLA "${sla.name}": draft version ${before.version} edited`,
    changes: auditChanges(changes),
  });
  return { version: after, changes };
}

export function revisionMismatch(version: number, current?: number): DomainError {
  return new DomainError(
    'REVISION_MISMATCH',
    `version ${version} was changed by someone else; reload it and apply your change again`,
    {
      version,
      ...(current === undefined ? {} : { currentRevision: current }),
    },
  );
}

/** @throws DomainError REVISION_MISMATCH when the caller's revision is not the stored one */
export function assertRevision(version: SlaVersion, expectedRevision: number | null): void {
  if (expectedRevision !== null && version.revision !== expectedRevision)
    throw revisionMismatch(version.version, version.revision);
}
