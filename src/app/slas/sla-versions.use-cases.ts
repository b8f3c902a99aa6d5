import { DomainError } from '../../domain/shared/errors.ts';
import { formatInstant, parseInstant } from '../../domain/shared/time.ts';
import type { Actor } from '../actor.ts';
import { requireSlaStaff } from './sla-access.ts';
import type { AppContext } from '../context.ts';
import type { Repositories } from '../ports/repositories.ts';
import type { ClockRecompute } from '../tickets/clock-recompute.ts';
import { diffContents, type VersionChange } from './sla-diff.ts';
import { EMPTY_CONTENT, resolveContent, type VersionInput } from './sla-terms.ts';
import {
  addDraft,
  assertRevision,
  auditSla,
  loadLabels,
  lockedSla,
  publishSlaChange,
  revisionMismatch,
  storeDraft,
} from './sla-writes.ts';
import type { Sla, SlaVersion } from './slas.repository.ts';
import { getSla } from './slas.use-cases.ts';

/**
 * The precondition of a write: the revision the caller last read (the API's If-Match), or null when the
 * caller accepts whatever is stored now (the CLI, the system itself, `If-Match: *`). Undefined means the
 * caller stated nothing, which is refused: a change must say which state it was made against.
 */
export type ExpectedRevision = number | null | undefined;

function precondition(expected: ExpectedRevision): number | null {
  if (expected === undefined) {
    throw new DomainError(
      'PRECONDITION_REQUIRED',
      'send If-Match with the ETag you read (e.g. If-Match: "3"), so that a change made meanwhile is not overwritten',
    );
  }
  return expected;
}

export interface VersionPair {
  readonly slaId: string;
  readonly from: number;
  readonly to: number;
  readonly changes: readonly VersionChange[];
}

function notFound(slaId: string, version: number): DomainError {
  return new DomainError('SLA_VERSION_NOT_FOUND', `SLA version ${version} not found`, { slaId, version });
}

async function lockedVersion(
  repos: Repositories,
  slaId: string,
  number: number,
  now: number,
): Promise<{ sla: Sla; version: SlaVersion }> {
  const sla = await lockedSla(repos, slaId, now);
  const version = await repos.slas.findVersion(slaId, number);
  if (!version) throw notFound(slaId, number);
  return { sla, version };
}

/** Every version of an SLA the actor may see, oldest first. */
export async function listVersions(
  ctx: AppContext,
  actor: Actor,
  slaId: string,
): Promise<readonly SlaVersion[]> {
  return (await getSla(ctx, actor, slaId)).versions;
}

/** One version; a customer viewer gets SLA_VERSION_NOT_FOUND for drafts and versions that do not cover it. */
export async function getVersion(
  ctx: AppContext,
  actor: Actor,
  slaId: string,
  number: number,
): Promise<SlaVersion> {
  const { versions } = await getSla(ctx, actor, slaId);
  const version = versions.find((v) => v.version === number);
  if (!version) throw notFound(slaId, number);
  return version;
}

/**
 * Opens the next version as a draft, copied from the latest version (all but its effective date) with
 * `input` applied: editing an SLA in force means drafting a new version and activating it (manager or admin).
 */
export async function createVersion(
  ctx: AppContext,
  actor: Actor,
  slaId: string,
  input: VersionInput = {},
): Promise<SlaVersion> {
  requireSlaStaff(actor, 'manager');
  const now = ctx.clock.now();
  const created = await ctx.storage.transaction(async (repos) => {
    const sla = await lockedSla(repos, slaId, now);
    const latest = (await repos.slas.listVersions(slaId)).at(-1);
    // The copy's date is left to its activation: the latest version's date belongs to that version.
    const content = await resolveContent(
      repos,
      input,
      latest ? { ...latest, effectiveFrom: null } : EMPTY_CONTENT,
    );
    return (await addDraft(repos, actor, now, sla, content)).version;
  });
  publishSlaChange(ctx, slaId, now, { action: 'version.created', version: created.version });
  return created;
}

/**
 * Replaces a draft's content (manager or admin). Absent fields are emptied: send the whole version.
 * @throws DomainError SLA_VERSION_NOT_DRAFT (active and retired versions are fixed), PRECONDITION_REQUIRED, REVISION_MISMATCH
 */
export async function updateDraft(
  ctx: AppContext,
  actor: Actor,
  slaId: string,
  number: number,
  input: VersionInput,
  expectedRevision: ExpectedRevision,
): Promise<SlaVersion> {
  requireSlaStaff(actor, 'manager');
  const expected = precondition(expectedRevision);
  const now = ctx.clock.now();
  const updated = await ctx.storage.transaction(async (repos) => {
    const { sla, version } = await lockedVersion(repos, slaId, number, now);
    assertRevision(version, expected);
    const content = version.status === 'draft' ? await resolveContent(repos, input, EMPTY_CONTENT) : version;
    return (await storeDraft(repos, actor, now, sla, version, content, expected)).version;
  });
  publishSlaChange(ctx, slaId, now, { action: 'version.updated', version: number });
  return updated;
}

/**
 * Puts a draft in force: it becomes the SLA's one active version, effective from `effectiveFrom`, the
 * draft's own date or now; the version in force before is retired. Tickets keep the version they started
 * under; stored clocks are recomputed after the change has committed.
 * @throws DomainError SLA_VERSION_NOT_DRAFT, REVISION_MISMATCH, SLA_EFFECTIVE_FROM_IN_FUTURE
 */
export async function activateVersion(
  ctx: AppContext,
  actor: Actor,
  slaId: string,
  number: number,
  options: { readonly expectedRevision: ExpectedRevision; readonly effectiveFrom?: string | null },
  recompute?: ClockRecompute,
): Promise<{ readonly activated: SlaVersion; readonly retired: SlaVersion | null }> {
  requireSlaStaff(actor, 'manager');
  const expected = precondition(options.expectedRevision);
  const now = ctx.clock.now();
  const requestedFrom =
    options.effectiveFrom == null ? undefined : parseInstant(options.effectiveFrom, 'effectiveFrom');
  const result = await ctx.storage.transaction(async (repos) => {
    const { sla, version } = await lockedVersion(repos, slaId, number, now);
    assertRevision(version, expected);
    if (version.status !== 'draft') {
      throw new DomainError(
        'SLA_VERSION_NOT_DRAFT',
        `version ${number} is already ${version.status}; only a draft can be activated`,
        {
          version: number,
          status: version.status,
        },
      );
    }
    const effectiveFrom = requestedFrom ?? version.effectiveFrom ?? now;
    if (effectiveFrom > now) {
      throw new DomainError(
        'SLA_EFFECTIVE_FROM_IN_FUTURE',
        `version ${number} takes effect on ${formatInstant(effectiveFrom)}; activate it then (or give an earlier effectiveFrom)`,
        { effectiveFrom: formatInstant(effectiveFrom) },
      );
    }
    const previous = await repos.slas.findActiveVersion(slaId);
    const activated: SlaVersion = {
      ...version,
      status: 'active',
      effectiveFrom,
      activatedAt: now,
      revision: version.revision + 1,
    };
    if (!(await repos.slas.updateVersion(activated, version.revision))) throw revisionMismatch(number);
    let retired: SlaVersion | null = null;
    if (previous && previous.version !== number) {
      retired = { ...previous, status: 'retired', retiredAt: now, revision: previous.revision + 1 };
      if (!(await repos.slas.updateVersion(retired, previous.revision)))
        throw revisionMismatch(previous.version);
      await auditSla(repos, actor, now, {
        action: 'sla.version.retired',
        slaId,
        summary: `SLA "${sla.name}": version ${previous.version} retired, replaced by version ${number}`,
        changes: { [`version.${previous.version}.status`]: ['active', 'retired'] },
      });
    }
    const changes = previous
      ? diffContents(previous, activated, await loadLabels(repos, [previous, activated]))
      : [];
    await auditSla(repos, actor, now, {
      action: 'sla.version.activated',
      slaId,
      summary: `SLA "${sla.name}": version ${number} active from ${formatInstant(effectiveFrom)}${previous ? ` (was version ${previous.version})` : ''}`,
      changes: {
        [`version.${number}.status`]: ['draft', 'active'],
        ...Object.fromEntries(changes.map((c) => [c.field, [c.before, c.after]])),
      },
    });
    return { activated, retired };
  });
  publishSlaChange(ctx, slaId, now, { action: 'version.activated', version: number });
  await recompute?.afterSlaChange(ctx, actor, slaId);
  return result;
}

/**
 * Retires a version (manager or admin): an active one stops applying to new tickets, leaving the SLA without
 * a version in force until another is activated; a draft is dropped from further editing.
 * @throws DomainError SLA_VERSION_STATE_CONFLICT for a version already retired, REVISION_MISMATCH
 */
export async function retireVersion(
  ctx: AppContext,
  actor: Actor,
  slaId: string,
  number: number,
  expectedRevision: ExpectedRevision,
): Promise<SlaVersion> {
  requireSlaStaff(actor, 'manager');
  const expected = precondition(expectedRevision);
  const now = ctx.clock.now();
  const retired = await ctx.storage.transaction(async (repos) => {
    const { sla, version } = await lockedVersion(repos, slaId, number, now);
    assertRevision(version, expected);
    if (version.status === 'retired') {
      throw new DomainError('SLA_VERSION_STATE_CONFLICT', `version ${number} is already retired`, {
        version: number,
        status: version.status,
      });
    }
    const after: SlaVersion = {
      ...version,
      status: 'retired',
      retiredAt: now,
      revision: version.revision + 1,
    };
    if (!(await repos.slas.updateVersion(after, version.revision))) throw revisionMismatch(number);
    await auditSla(repos, actor, now, {
      action: 'sla.version.retired',
      slaId,
      summary: `SLA "${sla.name}": version ${number} retired${version.status === 'active' ? '; no version is in force now' : ''}`,
      changes: { [`version.${number}.status`]: [version.status, 'retired'] },
    });
    return after;
  });
  publishSlaChange(ctx, slaId, now, { action: 'version.retired', version: number });
  return retired;
}

/** What changed from version `from` to version `to`, readable: "P1 resolution: PT4H on 24/7 → PT2H on 24/7". */
export async function diffVersions(
  ctx: AppContext,
  actor: Actor,
  slaId: string,
  from: number,
  to: number,
): Promise<VersionPair> {
  const { versions } = await getSla(ctx, actor, slaId);
  const a = versions.find((v) => v.version === from);
  const b = versions.find((v) => v.version === to);
  if (!a) throw notFound(slaId, from);
  if (!b) throw notFound(slaId, to);
  return { slaId, from, to, changes: diffContents(a, b, await loadLabels(ctx.storage, [a, b])) };
}
