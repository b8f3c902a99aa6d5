import { DomainError } from '../../domain/shared/errors.ts';
import { requireRole, type Actor } from '../actor.ts';
import { audit, diff } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import type { PriorityScheme } from './catalog.repository.ts';
import { defaultPriorityScheme, validatePriorityScheme } from './priorities.ts';

/** The stored priority scheme, or the default P1–P4 scheme before anyone changed it. */
export async function getPriorityScheme(ctx: AppContext): Promise<PriorityScheme> {
  return (await ctx.storage.catalog.getPriorityScheme()) ?? defaultPriorityScheme;
}

/**
 * Replaces the priority scheme. A priority that tickets carry cannot be removed (rename it instead).
 * @throws DomainError PRIORITY_SCHEME_INVALID, PRIORITY_IN_USE
 */
export async function updatePriorityScheme(
  ctx: AppContext,
  actor: Actor,
  input: PriorityScheme,
): Promise<PriorityScheme> {
  requireRole(actor, 'manager');
  const scheme = validatePriorityScheme(input);
  const now = ctx.clock.now();
  await ctx.storage.transaction(async (repos) => {
    const before = (await repos.catalog.getPriorityScheme()) ?? defaultPriorityScheme;
    const kept = new Set(scheme.priorities.map((p) => p.id));
    const removed = before.priorities.map((p) => p.id).filter((id) => !kept.has(id));
    const inUse = await repos.catalog.prioritiesInUse(removed);
    if (inUse.length > 0) {
      throw new DomainError(
        'PRIORITY_IN_USE',
        `tickets carry ${inUse.join(', ')}; keep ${inUse.length === 1 ? 'that priority' : 'those priorities'} (you may rename them)`,
        {
          priorities: inUse,
        },
      );
    }
    await repos.catalog.setPriorityScheme(scheme);
    await audit(repos.audit, actor, now, {
      action: 'priorities.updated',
      entityType: 'priorities',
      entityId: 'scheme',
      customerId: null,
      summary: `Priority scheme updated: ${scheme.priorities.map((p) => `${p.id} ${p.name}`).join(', ')}`,
      changes: diff(
        before as unknown as Record<string, unknown>,
        scheme as unknown as Record<string, unknown>,
      ),
    });
  });
  ctx.feed.publish({ type: 'priorities.changed', entityId: 'scheme', customerId: null, at: now });
  return scheme;
}
