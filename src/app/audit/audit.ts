import type { Actor } from '../actor.ts';
import type { AuditEntry, AuditRepository } from './audit.repository.ts';

/** The fields that differ between two records, as `{ field: [before, after] }`. */
export function diff(before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (key === 'updatedAt' || key === 'revision') continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) out[key] = [before[key], after[key]];
  }
  return out;
}

/** Records who changed what; every change to SLAs, calendars and tickets goes through here. */
export function audit(
  repo: AuditRepository,
  actor: Actor,
  at: number,
  entry: Omit<AuditEntry, 'at' | 'actorUserId' | 'actorTokenId' | 'changes'> & { readonly changes?: AuditEntry['changes'] },
): Promise<void> {
  return repo.record({
    at,
    actorUserId: actor.userId,
    actorTokenId: actor.tokenId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    customerId: entry.customerId,
    summary: entry.summary,
    changes: entry.changes && Object.keys(entry.changes).length > 0 ? entry.changes : null,
  });
}
