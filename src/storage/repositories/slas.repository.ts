import type { Kysely, Selectable } from 'kysely';
import type { Page, PageRequest } from '../../app/pagination.ts';
import type { AssignmentRule, Sla, SlasRepository, SlaTerms, SlaVersion, SlaVersionStatus } from '../../app/slas/slas.repository.ts';
import type { Database, SlasTable, SlaVersionsTable } from '../schema.ts';
import type { SqlDialectName } from '../sql-dialect.ts';

export const toSla = (r: Selectable<SlasTable>): Sla => ({
  id: r.id,
  name: r.name,
  description: r.description,
  ownerUserId: r.owner_user_id,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
  archivedAt: r.archived_at === null ? null : Number(r.archived_at),
});

export class KyselySlasRepository implements SlasRepository {
  constructor(
    private readonly db: Kysely<Database>,
    readonly dialect: SqlDialectName,
  ) {}

  /** Reads a version row with its covered customers and services. */
  protected async hydrate(r: Selectable<SlaVersionsTable>): Promise<SlaVersion> {
    const [customers, services] = await Promise.all([
      this.db.selectFrom('sla_version_customers').select('customer_id').where('sla_id', '=', r.sla_id).where('version', '=', r.version).orderBy('customer_id').execute(),
      this.db.selectFrom('sla_version_services').select('service_id').where('sla_id', '=', r.sla_id).where('version', '=', r.version).orderBy('service_id').execute(),
    ]);
    return {
      slaId: r.sla_id,
      version: Number(r.version),
      status: r.status as SlaVersionStatus,
      effectiveFrom: r.effective_from === null ? null : Number(r.effective_from),
      terms: JSON.parse(r.body) as SlaTerms,
      customerIds: customers.map((c) => c.customer_id),
      serviceIds: services.map((s) => s.service_id),
      revision: Number(r.revision),
      createdAt: Number(r.created_at),
      createdBy: r.created_by,
      activatedAt: r.activated_at === null ? null : Number(r.activated_at),
      retiredAt: r.retired_at === null ? null : Number(r.retired_at),
    };
  }

  async findVersion(slaId: string, version: number): Promise<SlaVersion | undefined> {
    const r = await this.db.selectFrom('sla_versions').selectAll().where('sla_id', '=', slaId).where('version', '=', version).executeTakeFirst();
    return r && this.hydrate(r);
  }

  async findActiveVersion(slaId: string): Promise<SlaVersion | undefined> {
    const r = await this.db
      .selectFrom('sla_versions')
      .selectAll()
      .where('sla_id', '=', slaId)
      .where('status', '=', 'active')
      .orderBy('version', 'desc')
      .executeTakeFirst();
    return r && this.hydrate(r);
  }

  async listRules(): Promise<AssignmentRule[]> {
    const rows = await this.db.selectFrom('assignment_rules').selectAll().orderBy('position').orderBy('created_at').execute();
    return rows.map((r) => ({
      id: r.id,
      position: Number(r.position),
      customerId: r.customer_id,
      serviceId: r.service_id,
      priority: r.priority,
      ticketType: r.ticket_type,
      slaId: r.sla_id,
      createdAt: Number(r.created_at),
    }));
  }

  async findSla(id: string): Promise<Sla | undefined> {
    const r = await this.db.selectFrom('slas').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toSla(r);
  }

  async listSlas(filter: { readonly customerId?: string | null; readonly includeArchived?: boolean }, page: PageRequest): Promise<Page<Sla>> {
    let q = this.db.selectFrom('slas');
    if (!filter.includeArchived) q = q.where('archived_at', 'is', null);
    if (filter.customerId != null) {
      const customerId = filter.customerId;
      q = q.where('id', 'in', (eb) => eb.selectFrom('sla_version_customers').select('sla_id').where('customer_id', '=', customerId));
    }
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await q.selectAll().orderBy('name').orderBy('id').limit(page.limit).offset(page.offset).execute();
    return { items: rows.map(toSla), total: Number(total.n), limit: page.limit, offset: page.offset };
  }
}
