import { requireRole, type Actor } from '../actor.ts';
import type { AppContext } from '../context.ts';
import { pageRequest, type Page } from '../pagination.ts';
import type { AuditEntry } from './audit.repository.ts';

export async function listAudit(
  ctx: AppContext,
  actor: Actor,
  query: { readonly entityType?: string; readonly entityId?: string; readonly limit?: number; readonly offset?: number },
): Promise<Page<AuditEntry>> {
  requireRole(actor, 'manager');
  return ctx.storage.audit.list(
    { ...(query.entityType ? { entityType: query.entityType } : {}), ...(query.entityId ? { entityId: query.entityId } : {}) },
    pageRequest(query.limit, query.offset),
  );
}
