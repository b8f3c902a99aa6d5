import type { Kysely, Selectable } from 'kysely';
import type { Page, PageRequest } from '../../app/pagination.ts';
import type {
  AssignmentRule,
  Sla,
  SlaListFilter,
  SlasRepository,
  SlaTerms,
  SlaVersion,
  SlaVersionStatus,
} from '../../app/slas/slas.repository.ts';
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

const RULES_REVISION = 'assignment_rules.revision';
const NAMES_LOCK = 'slas.name_changes';

const versionRow = (v: SlaVersion): Selectable<SlaVersionsTable> => ({
  sla_id: v.slaId,
  version: v.version,
  status: v.status,
  effective_from: v.effectiveFrom,
  body: JSON.stringify(v.terms),
  revision: v.revision,
  created_at: v.createdAt,
  created_by: v.createdBy,
  activated_at: v.activatedAt,
  retired_at: v.retiredAt,
});

export class KyselySlasRepository implements SlasRepository {
  constructor(
    private readonly db: Kysely<Database>,
    readonly dialect: SqlDialectName,
  ) {}

  /** Reads a version row with its covered customers and services. */
  protected async hydrate(r: Selectable<SlaVersionsTable>): Promise<SlaVersion> {
    const [customers, services] = await Promise.all([
      this.db
        .selectFrom('sla_version_customers')
        .select('customer_id')
        .where('sla_id', '=', r.sla_id)
        .where('version', '=', r.version)
        .orderBy('customer_id')
        .execute(),
      this.db
        .selectFrom('sla_version_services')
        .select('service_id')
        .where('sla_id', '=', r.sla_id)
        .where('version', '=', r.version)
        .orderBy('service_id')
        .execute(),
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
    const r = await this.db
      .selectFrom('sla_versions')
      .selectAll()
      .where('sla_id', '=', slaId)
      .where('version', '=', version)
      .executeTakeFirst();
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
    const rows = await this.db
      .selectFrom('assignment_rules')
      .selectAll()
      .orderBy('position')
      .orderBy('created_at')
      .execute();
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

  async listSlas(filter: SlaListFilter, page: PageRequest): Promise<Page<Sla>> {
    let q = this.db.selectFrom('slas');
    if (!filter.includeArchived) q = q.where('archived_at', 'is', null);
    if (filter.customerId != null) {
      const customerId = filter.customerId;
      q = filter.excludeDrafts
        ? q.where('id', 'in', (eb) =>
            eb
              .selectFrom('sla_version_customers as c')
              .innerJoin('sla_versions as v', (j) =>
                j.onRef('v.sla_id', '=', 'c.sla_id').onRef('v.version', '=', 'c.version'),
              )
              .select('c.sla_id')
              .where('c.customer_id', '=', customerId)
              .where('v.status', '<>', 'draft'),
          )
        : q.where('id', 'in', (eb) =>
            eb.selectFrom('sla_version_customers').select('sla_id').where('customer_id', '=', customerId),
          );
    }
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await q
      .selectAll()
      .orderBy('name')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    return { items: rows.map(toSla), total: Number(total.n), limit: page.limit, offset: page.offset };
  }

  async insertSla(sla: Sla): Promise<void> {
    await this.db
      .insertInto('slas')
      .values({
        id: sla.id,
        name: sla.name,
        description: sla.description,
        owner_user_id: sla.ownerUserId,
        created_at: sla.createdAt,
        updated_at: sla.updatedAt,
        archived_at: sla.archivedAt,
      })
      .execute();
  }

  async updateSla(sla: Sla): Promise<void> {
    await this.db
      .updateTable('slas')
      .set({
        name: sla.name,
        description: sla.description,
        owner_user_id: sla.ownerUserId,
        updated_at: sla.updatedAt,
        archived_at: sla.archivedAt,
      })
      .where('id', '=', sla.id)
      .execute();
  }

  async findSlaByName(name: string): Promise<Sla | undefined> {
    // Compared here, not with SQL lower(): SQLite lowers ASCII only, and "Bäckerei" must match "BÄCKEREI".
    const wanted = name.trim().toLowerCase();
    const rows = await this.db.selectFrom('slas').selectAll().orderBy('created_at').orderBy('id').execute();
    const r = rows.find((row) => row.name.trim().toLowerCase() === wanted);
    return r && toSla(r);
  }

  async lockSlaNames(): Promise<void> {
    await this.bumpCounter(NAMES_LOCK);
  }

  async lockSla(id: string, at: number): Promise<boolean> {
    const result = await this.db
      .updateTable('slas')
      .set({ updated_at: at })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async listVersions(slaId: string): Promise<SlaVersion[]> {
    const rows = await this.db
      .selectFrom('sla_versions')
      .selectAll()
      .where('sla_id', '=', slaId)
      .orderBy('version')
      .execute();
    return Promise.all(rows.map((r) => this.hydrate(r)));
  }

  async insertVersion(v: SlaVersion): Promise<void> {
    await this.db.insertInto('sla_versions').values(versionRow(v)).execute();
    await this.writeCoverage(v);
  }

  async updateVersion(v: SlaVersion, expectedRevision: number): Promise<boolean> {
    const { sla_id, version, created_at: _createdAt, created_by: _createdBy, ...rest } = versionRow(v);
    // The revision check and the write are one statement, so two writers holding the same revision
    // cannot both succeed, whichever process they run in.
    const result = await this.db
      .updateTable('sla_versions')
      .set(rest)
      .where('sla_id', '=', sla_id)
      .where('version', '=', version)
      .where('revision', '=', expectedRevision)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    await this.db
      .deleteFrom('sla_version_customers')
      .where('sla_id', '=', sla_id)
      .where('version', '=', version)
      .execute();
    await this.db
      .deleteFrom('sla_version_services')
      .where('sla_id', '=', sla_id)
      .where('version', '=', version)
      .execute();
    await this.writeCoverage(v);
    return true;
  }

  private async writeCoverage(v: SlaVersion): Promise<void> {
    if (v.customerIds.length > 0) {
      await this.db
        .insertInto('sla_version_customers')
        .values(v.customerIds.map((customer_id) => ({ sla_id: v.slaId, version: v.version, customer_id })))
        .execute();
    }
    if (v.serviceIds.length > 0) {
      await this.db
        .insertInto('sla_version_services')
        .values(v.serviceIds.map((service_id) => ({ sla_id: v.slaId, version: v.version, service_id })))
        .execute();
    }
  }

  async replaceRules(rules: readonly AssignmentRule[]): Promise<void> {
    await this.db.deleteFrom('assignment_rules').execute();
    if (rules.length === 0) return;
    await this.db
      .insertInto('assignment_rules')
      .values(
        rules.map((r) => ({
          id: r.id,
          position: r.position,
          customer_id: r.customerId,
          service_id: r.serviceId,
          priority: r.priority,
          ticket_type: r.ticketType,
          sla_id: r.slaId,
          created_at: r.createdAt,
        })),
      )
      .execute();
  }

  async rulesRevision(): Promise<number> {
    const r = await this.db
      .selectFrom('counters')
      .select('value')
      .where('name', '=', RULES_REVISION)
      .executeTakeFirst();
    return r ? Number(r.value) : 0;
  }

  async bumpRulesRevision(): Promise<number> {
    return this.bumpCounter(RULES_REVISION);
  }

  /** Adds one to a counter (created at 0) and returns it; the row stays locked until the transaction ends. */
  private async bumpCounter(name: string): Promise<number> {
    await this.db
      .insertInto('counters')
      .values({ name, value: 0 })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const r = await this.db
      .updateTable('counters')
      .set((eb) => ({ value: eb('value', '+', 1) }))
      .where('name', '=', name)
      .returning('value')
      .executeTakeFirstOrThrow();
    return Number(r.value);
  }

  async countRulesForSla(slaId: string): Promise<number> {
    const r = await this.db
      .selectFrom('assignment_rules')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('sla_id', '=', slaId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async findServicesByName(name: string): Promise<{ readonly id: string; readonly name: string }[]> {
    const wanted = name.trim().toLowerCase();
    const rows = await this.db.selectFrom('services').select(['id', 'name']).orderBy('id').execute();
    return rows.filter((r) => r.name.trim().toLowerCase() === wanted);
  }
}
