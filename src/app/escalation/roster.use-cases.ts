// The roster behind the notify roles "on_call" and "team_lead": which staff members hold them, always or
// during hours in their zone. Read by staff, replaced as a whole by managers and admins.
import { parseRoster, type RosterEntry } from '../../domain/escalation/roster.ts';
import { DomainError } from '../../domain/shared/errors.ts';
import { requireRole, type Actor } from '../actor.ts';
import { audit } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import type { StoredRosterEntry } from './escalation.repository.ts';

/** The roster in its order (staff). */
export async function getRoster(ctx: AppContext, actor: Actor): Promise<readonly StoredRosterEntry[]> {
  requireRole(actor, 'agent');
  return ctx.storage.escalation.roster();
}

/**
 * Replaces the roster. Every entry must name an enabled staff user (not a customer viewer).
 * @throws DomainError ESCALATION_ROSTER_INVALID
 */
export async function replaceRoster(
  ctx: AppContext,
  actor: Actor,
  input: unknown,
): Promise<readonly StoredRosterEntry[]> {
  requireRole(actor, 'manager');
  const entries: RosterEntry[] = parseRoster(input);
  const now = ctx.clock.now();
  await ctx.storage.transaction(async (repos) => {
    for (const [i, e] of entries.entries()) {
      const user = await repos.accounts.findUserById(e.userId);
      if (!user || user.disabled || user.customerId !== null)
        throw new DomainError(
          'ESCALATION_ROSTER_INVALID',
          `entries[${i}].userId: no enabled staff user has this id`,
          {
            field: `entries[${i}].userId`,
          },
        );
    }
    await repos.escalation.replaceRoster(entries, now);
    await audit(repos.audit, actor, now, {
      action: 'escalation.roster_changed',
      entityType: 'escalation_roster',
      entityId: 'roster',
      customerId: null,
      summary: `Escalation roster set: ${entries.filter((e) => e.role === 'on_call').length} on call, ${entries.filter((e) => e.role === 'team_lead').length} team lead`,
    });
  });
  return ctx.storage.escalation.roster();
}
