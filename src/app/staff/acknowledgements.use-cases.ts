// Staff acknowledge each SLA version in force: they confirm they have read what it promises. Every enabled agent
// and manager works under every version in force, so each of them must acknowledge each one.
import { DomainError } from '../../domain/shared/errors.ts';
import { acknowledgementStatus } from '../../domain/staff/acknowledgement-status.ts';
import { requireRole, type Actor } from '../actor.ts';
import { audit } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import type { Repositories } from '../ports/repositories.ts';
import type { ActiveVersionRecord, StaffMember } from './acknowledgements.repository.ts';

/** A version to acknowledge, as people see it. */
export interface AckVersion {
  readonly slaId: string;
  readonly slaName: string;
  readonly version: number;
  readonly status: 'draft' | 'active' | 'retired';
  readonly effectiveFrom: number | null;
  readonly activatedAt: number | null;
}

export interface MyAcknowledgements {
  readonly userId: string;
  /** Whether the caller must acknowledge versions (agents and managers); admins may, but need not. */
  readonly required: boolean;
  /** Versions in force the caller has not acknowledged yet. */
  readonly pending: readonly AckVersion[];
  /** Every version the caller acknowledged, newest first, with when. */
  readonly acknowledged: readonly (AckVersion & { readonly acknowledgedAt: number })[];
}

/** Someone who acknowledged: usually staff, or an admin who did so of their own accord. */
export type AcknowledgedPerson = Omit<StaffMember, 'role'> & {
  readonly role: 'agent' | 'manager' | 'admin';
  readonly acknowledgedAt: number;
};

export interface VersionAcknowledgements {
  readonly version: AckVersion;
  readonly acknowledged: readonly AcknowledgedPerson[];
  /** Staff who have not acknowledged; empty unless the version is in force (only that one is owed). */
  readonly pending: readonly StaffMember[];
}

/** The people behind a staff actor: a user's session or token, never a customer-scoped one or the system. */
function staffUser(actor: Actor): string {
  requireRole(actor, 'agent');
  if (actor.customerId !== null)
    throw new DomainError('FORBIDDEN', 'a token limited to one customer cannot do this', {
      required: 'agent',
    });
  if (actor.userId === null)
    throw new DomainError(
      'FORBIDDEN',
      'acknowledgements are given by people: sign in or use your own token',
      {
        required: 'agent',
      },
    );
  return actor.userId;
}

/** Managers and admins see everyone's acknowledgements. */
function requireOverseer(actor: Actor): void {
  requireRole(actor, 'manager');
  if (actor.customerId !== null)
    throw new DomainError('FORBIDDEN', 'a token limited to one customer cannot do this', {
      required: 'manager',
    });
}

const fromActive = (v: ActiveVersionRecord): AckVersion => ({ ...v, status: 'active' });

async function versionOf(repos: Repositories, slaId: string, number: number): Promise<AckVersion> {
  const sla = await repos.slas.findSla(slaId);
  const version = sla && (await repos.slas.findVersion(slaId, number));
  if (!sla || !version)
    throw new DomainError('SLA_VERSION_NOT_FOUND', `SLA version ${number} not found`, {
      slaId,
      version: number,
    });
  return {
    slaId,
    slaName: sla.name,
    version: number,
    status: version.status,
    effectiveFrom: version.effectiveFrom,
    activatedAt: version.activatedAt,
  };
}

/** The caller's own acknowledgements: the versions in force still to acknowledge, and those done. */
export async function myAcknowledgements(ctx: AppContext, actor: Actor): Promise<MyAcknowledgements> {
  const userId = staffUser(actor);
  const repos = ctx.storage;
  const [active, mine, user] = await Promise.all([
    repos.acknowledgements.activeVersions(),
    repos.acknowledgements.listAcknowledgements({ userId }),
    repos.accounts.findUserById(userId),
  ]);
  const required = user !== undefined && !user.disabled && (user.role === 'agent' || user.role === 'manager');
  const status = acknowledgementStatus(active, [{ userId }], mine);
  const pending = required
    ? status.filter((s) => s.pending.length > 0).map((s) => fromActive(s.version))
    : [];
  const activeByKey = new Map(active.map((v) => [`${v.slaId}:${v.version}`, v]));
  const acknowledged: (AckVersion & { acknowledgedAt: number })[] = [];
  for (const a of [...mine].reverse()) {
    const known = activeByKey.get(`${a.slaId}:${a.version}`);
    const version = known ? fromActive(known) : await versionOf(repos, a.slaId, a.version);
    acknowledged.push({ ...version, acknowledgedAt: a.acknowledgedAt });
  }
  return { userId, required, pending, acknowledged };
}

/**
 * Who has and who has not acknowledged one version (managers and admins). Only the version in force is owed:
 * for a retired version the list of those who had acknowledged remains, and nobody is pending.
 */
export async function versionAcknowledgements(
  ctx: AppContext,
  actor: Actor,
  slaId: string,
  number: number | undefined,
): Promise<VersionAcknowledgements> {
  requireOverseer(actor);
  const repos = ctx.storage;
  let versionNumber = number;
  if (versionNumber === undefined) {
    const active = await repos.slas.findActiveVersion(slaId);
    if (!active)
      throw new DomainError('SLA_VERSION_NOT_FOUND', 'this SLA has no version in force; give ?version=', {
        slaId,
      });
    versionNumber = active.version;
  }
  const version = await versionOf(repos, slaId, versionNumber);
  const [staff, acks] = await Promise.all([
    repos.acknowledgements.staffMembers(),
    repos.acknowledgements.listAcknowledgements({ slaId, version: versionNumber }),
  ]);
  const [status] = acknowledgementStatus([version], staff, acks);
  // Someone who acknowledged and is no longer on the staff (disabled, an admin now, or an admin who acknowledged
  // of their own accord) still did acknowledge.
  const staffIds = new Set(staff.map((s) => s.userId));
  const former: AcknowledgedPerson[] = [];
  for (const a of acks) {
    if (staffIds.has(a.userId)) continue;
    const u = await repos.accounts.findUserById(a.userId);
    if (u && u.role !== 'customer')
      former.push({
        userId: u.id,
        name: u.name,
        email: u.email,
        role: u.role,
        locale: u.locale,
        timeZone: u.timeZone,
        acknowledgedAt: a.acknowledgedAt,
      });
  }
  return {
    version,
    acknowledged: [
      ...(status?.acknowledged ?? []).map((a) => ({ ...a.person, acknowledgedAt: a.acknowledgedAt })),
      ...former,
    ],
    pending: version.status === 'active' ? (status?.pending ?? []) : [],
  };
}

/** Per version in force, the staff who have not acknowledged it yet (managers and admins). */
export async function pendingAcknowledgements(
  ctx: AppContext,
  actor: Actor,
): Promise<
  readonly {
    readonly version: AckVersion;
    readonly staff: number;
    readonly pending: readonly StaffMember[];
  }[]
> {
  requireOverseer(actor);
  const repos = ctx.storage;
  const [active, staff] = await Promise.all([
    repos.acknowledgements.activeVersions(),
    repos.acknowledgements.staffMembers(),
  ]);
  const acks = (await repos.acknowledgements.listAcknowledgements({})).filter((a) =>
    active.some((v) => v.slaId === a.slaId && v.version === a.version),
  );
  return acknowledgementStatus(active, staff, acks).map((s) => ({
    version: fromActive(s.version),
    staff: staff.length,
    pending: s.pending,
  }));
}

/**
 * The caller acknowledges a version in force. Idempotent: a second acknowledgement keeps the first one's time
 * and writes nothing. Audited.
 * @throws DomainError SLA_VERSION_NOT_FOUND, SLA_VERSION_NOT_ACTIVE (drafts and retired versions are not owed)
 */
export async function acknowledgeVersion(
  ctx: AppContext,
  actor: Actor,
  slaId: string,
  number: number,
): Promise<{ readonly version: AckVersion; readonly acknowledgedAt: number; readonly created: boolean }> {
  const userId = staffUser(actor);
  const now = ctx.clock.now();
  return ctx.storage.transaction(async (repos) => {
    const version = await versionOf(repos, slaId, number);
    const existing = (
      await repos.acknowledgements.listAcknowledgements({ userId, slaId, version: number })
    )[0];
    if (existing) return { version, acknowledgedAt: existing.acknowledgedAt, created: false };
    if (version.status !== 'active')
      throw new DomainError(
        'SLA_VERSION_NOT_ACTIVE',
        `version ${number} is ${version.status}; only the version in force is acknowledged`,
        { slaId, version: number, status: version.status },
      );
    const created = await repos.acknowledgements.insertAcknowledgement({
      slaId,
      version: number,
      userId,
      acknowledgedAt: now,
      tokenId: actor.tokenId,
    });
    if (!created) {
      // Another request of the same person landed first: report its time, as the repeat it is.
      const first = (
        await repos.acknowledgements.listAcknowledgements({ userId, slaId, version: number })
      )[0];
      return { version, acknowledgedAt: first?.acknowledgedAt ?? now, created: false };
    }
    const user = await repos.accounts.findUserById(userId);
    await audit(repos.audit, actor, now, {
      action: 'sla.version.acknowledged',
      entityType: 'sla',
      entityId: slaId,
      customerId: null,
      summary: `${user?.name ?? userId} acknowledged SLA "${version.slaName}" version ${number}`,
    });
    return { version, acknowledgedAt: now, created: true };
  });
}
