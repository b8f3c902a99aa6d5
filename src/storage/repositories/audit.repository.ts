import type { Kysely } from 'kysely';
import type { AuditEntry, AuditFilter, AuditRepository } from '../../app/audit/audit.repository.ts';
import type { Page, PageRequest } from '../../app/pagination.ts';
import type { Database } from '../schema.ts';

export class KyselyAuditRepository implements AuditRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async record(e: AuditEntry): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        at: e.at,
        actor_user_id: e.actorUserId,
        actor_token_id: e.actorTokenId,
        action: e.action,
        entity_type: e.entityType,
        entity_id: e.entityId,
        customer_id: e.customerId,
        summary: e.summary,
        changes: e.changes === null ? null : JSON.stringify(e.changes),
      })
      .execute();
  }

  async list(filter: AuditFilter, page: PageRequest): Promise<Page<AuditEntry>> {
    let q = this.db.selectFrom('audit_log');
    if (filter.entityType !== undefined) q = q.where('entity_type', '=', filter.entityType);
    if (filter.entityId !== undefined) q = q.where('entity_id', '=', filter.entityId);
    if (filter.customerId != null) q = q.where('customer_id', '=', filter.customerId);
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await q.selectAll().orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute();
    return {
      items: rows.map((r) => ({
        id: Number(r.id),
        at: Number(r.at),
        actorUserId: r.actor_user_id,
        actorTokenId: r.actor_token_id,
        action: r.action,
        entityType: r.entity_type,
        entityId: r.entity_id,
        customerId: r.customer_id,
        summary: r.summary,
        changes: r.changes === null ? null : (JSON.parse(r.changes) as AuditEntry['changes']),
      })),
      total: Number(total.n),
      limit: page.limit,
      offset: page.offset,
    };
  }
}
