import type { Insertable, Kysely, Selectable } from 'kysely';
import type {
  CalendarRecord,
  CatalogRepository,
  Contact,
  Criticality,
  ImpactFilter,
  PriorityScheme,
  Service,
  ServiceFilter,
  ServiceImpact,
  ServiceImpactView,
} from '../../app/catalog/catalog.repository.ts';
import type { Page, PageRequest } from '../../app/pagination.ts';
import type { CalendarDefinition } from '../../domain/calendars/calendar-definition.ts';
import type {
  CalendarsTable,
  ContactsTable,
  Database,
  ServiceImpactsTable,
  ServicesTable,
} from '../schema.ts';
import type { SqlDialectName } from '../sql-dialect.ts';
import { likePattern } from '../sql-helpers.ts';

export const PRIORITY_SCHEME_KEY = 'priority.scheme';

export const toCalendar = (r: CalendarsTable): CalendarRecord => ({
  id: r.id,
  name: r.name,
  definition: JSON.parse(r.definition) as CalendarDefinition,
  revision: Number(r.revision),
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

const calendarRow = (c: CalendarRecord): CalendarsTable => ({
  id: c.id,
  name: c.name,
  definition: JSON.stringify(c.definition),
  revision: c.revision,
  created_at: c.createdAt,
  updated_at: c.updatedAt,
});

const toContact = (r: Selectable<ContactsTable>): Contact => ({
  id: r.id,
  customerId: r.customer_id,
  name: r.name,
  email: r.email,
  phone: r.phone,
  role: r.role,
  escalationLevel: Number(r.escalation_level),
  receivesReports: Number(r.receives_reports) === 1,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

const contactRow = (c: Contact): ContactsTable => ({
  id: c.id,
  customer_id: c.customerId,
  name: c.name,
  email: c.email,
  phone: c.phone,
  role: c.role,
  escalation_level: c.escalationLevel,
  receives_reports: c.receivesReports ? 1 : 0,
  created_at: c.createdAt,
  updated_at: c.updatedAt,
});

const toService = (r: Selectable<ServicesTable>): Service => ({
  id: r.id,
  name: r.name,
  description: r.description,
  owner: r.owner,
  monitorRule: r.monitor_rule === 'all' ? 'all' : 'any',
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
  archivedAt: r.archived_at === null ? null : Number(r.archived_at),
});

const serviceRow = (s: Service): Insertable<ServicesTable> & { id: string } => ({
  id: s.id,
  name: s.name,
  description: s.description,
  owner: s.owner,
  monitor_rule: s.monitorRule,
  created_at: s.createdAt,
  updated_at: s.updatedAt,
  archived_at: s.archivedAt,
});

const numberOrNull = (v: number | null): number | null => (v === null ? null : Number(v));

const toImpact = (r: Selectable<ServiceImpactsTable>): ServiceImpact => ({
  serviceId: r.service_id,
  customerId: r.customer_id,
  criticality: r.criticality as Criticality,
  usersAffected: numberOrNull(r.users_affected),
  downtimeCostPerHour: numberOrNull(r.downtime_cost_per_hour),
  maxTolerableDowntimeMinutes: numberOrNull(r.max_tolerable_downtime_minutes),
  notes: r.notes,
  updatedAt: Number(r.updated_at),
});

const impactRow = (i: ServiceImpact): ServiceImpactsTable => ({
  service_id: i.serviceId,
  customer_id: i.customerId,
  criticality: i.criticality,
  users_affected: i.usersAffected,
  downtime_cost_per_hour: i.downtimeCostPerHour,
  max_tolerable_downtime_minutes: i.maxTolerableDowntimeMinutes,
  notes: i.notes,
  updated_at: i.updatedAt,
});

/** True when some string anywhere in the JSON value equals `needle`. */
function mentions(value: unknown, needle: string): boolean {
  if (typeof value === 'string') return value === needle;
  if (Array.isArray(value)) return value.some((v) => mentions(v, needle));
  if (typeof value === 'object' && value !== null)
    return Object.values(value).some((v) => mentions(v, needle));
  return false;
}

export class KyselyCatalogRepository implements CatalogRepository {
  constructor(
    private readonly db: Kysely<Database>,
    readonly dialect: SqlDialectName,
  ) {}

  async findCalendar(id: string): Promise<CalendarRecord | undefined> {
    const r = await this.db.selectFrom('calendars').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toCalendar(r);
  }

  async listCalendars(): Promise<CalendarRecord[]> {
    return (await this.db.selectFrom('calendars').selectAll().orderBy('name').orderBy('id').execute()).map(
      toCalendar,
    );
  }

  async getPriorityScheme(): Promise<PriorityScheme | undefined> {
    const r = await this.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', PRIORITY_SCHEME_KEY)
      .executeTakeFirst();
    return r ? (JSON.parse(r.value) as PriorityScheme) : undefined;
  }

  async findServiceName(id: string): Promise<string | undefined> {
    const r = await this.db.selectFrom('services').select('name').where('id', '=', id).executeTakeFirst();
    return r?.name;
  }

  // ---- calendars -----------------------------------------------------------------------------------

  async insertCalendar(calendar: CalendarRecord): Promise<void> {
    await this.db.insertInto('calendars').values(calendarRow(calendar)).execute();
  }

  async updateCalendar(calendar: CalendarRecord, expectedRevision: number): Promise<boolean> {
    const { id, created_at: _created, ...rest } = calendarRow(calendar);
    const result = await this.db
      .updateTable('calendars')
      .set(rest)
      .where('id', '=', id)
      .where('revision', '=', expectedRevision)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async deleteCalendar(id: string): Promise<void> {
    await this.db.deleteFrom('calendars').where('id', '=', id).execute();
  }

  async slasUsingCalendar(calendarId: string): Promise<string[]> {
    // LIKE narrows the rows; the JSON walk decides, so `%` or `_` in an id cannot produce a false match.
    const rows = await this.db
      .selectFrom('sla_versions')
      .select(['sla_id', 'body'])
      .where('body', 'like', `%${calendarId}%`)
      .orderBy('sla_id')
      .execute();
    const ids = new Set<string>();
    for (const r of rows) {
      let body: unknown;
      try {
        body = JSON.parse(r.body);
      } catch {
        continue;
      }
      if (mentions(body, calendarId)) ids.add(r.sla_id);
    }
    return [...ids];
  }

  // ---- priorities ----------------------------------------------------------------------------------

  async setPriorityScheme(scheme: PriorityScheme): Promise<void> {
    const value = JSON.stringify(scheme);
    await this.db
      .insertInto('settings')
      .values({ key: PRIORITY_SCHEME_KEY, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }

  async prioritiesInUse(ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('tickets')
      .select('priority')
      .distinct()
      .where('priority', 'in', [...ids])
      .orderBy('priority')
      .execute();
    return rows.map((r) => r.priority);
  }

  // ---- contacts ------------------------------------------------------------------------------------

  async insertContact(contact: Contact): Promise<void> {
    await this.db.insertInto('contacts').values(contactRow(contact)).execute();
  }

  async updateContact(contact: Contact): Promise<void> {
    const { id, ...rest } = contactRow(contact);
    await this.db.updateTable('contacts').set(rest).where('id', '=', id).execute();
  }

  async findContact(id: string): Promise<Contact | undefined> {
    const r = await this.db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toContact(r);
  }

  async listContacts(customerId: string): Promise<Contact[]> {
    const rows = await this.db
      .selectFrom('contacts')
      .selectAll()
      .where('customer_id', '=', customerId)
      .orderBy((eb) => eb.case().when('escalation_level', '=', 0).then(1).else(0).end())
      .orderBy('escalation_level')
      .orderBy('name')
      .orderBy('id')
      .execute();
    return rows.map(toContact);
  }

  async deleteContact(id: string): Promise<void> {
    await this.db.deleteFrom('contacts').where('id', '=', id).execute();
  }

  // ---- services ------------------------------------------------------------------------------------

  async insertService(service: Service): Promise<void> {
    await this.db.insertInto('services').values(serviceRow(service)).execute();
  }

  async updateService(service: Service): Promise<void> {
    const { id, ...rest } = serviceRow(service);
    await this.db.updateTable('services').set(rest).where('id', '=', id).execute();
  }

  async findService(id: string): Promise<Service | undefined> {
    const r = await this.db.selectFrom('services').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toService(r);
  }

  async listServices(filter: ServiceFilter, page: PageRequest): Promise<Page<Service>> {
    let q = this.db.selectFrom('services');
    const customerId = filter.impactForCustomerId;
    if (customerId != null) {
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('service_impacts')
            .select('service_impacts.service_id')
            .whereRef('service_impacts.service_id', '=', 'services.id')
            .where('service_impacts.customer_id', '=', customerId),
        ),
      );
    }
    if (!filter.includeArchived) q = q.where('archived_at', 'is', null);
    if (filter.q) q = q.where((eb) => eb(eb.fn('lower', ['name']), 'like', likePattern(filter.q ?? '')));
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await q
      .selectAll()
      .orderBy('name')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    return { items: rows.map(toService), total: Number(total.n), limit: page.limit, offset: page.offset };
  }

  // ---- business impact -----------------------------------------------------------------------------

  async findImpact(serviceId: string, customerId: string): Promise<ServiceImpact | undefined> {
    const r = await this.db
      .selectFrom('service_impacts')
      .selectAll()
      .where('service_id', '=', serviceId)
      .where('customer_id', '=', customerId)
      .executeTakeFirst();
    return r && toImpact(r);
  }

  async upsertImpact(impact: ServiceImpact): Promise<void> {
    const row = impactRow(impact);
    const { service_id: _s, customer_id: _c, ...rest } = row;
    await this.db
      .insertInto('service_impacts')
      .values(row)
      .onConflict((oc) => oc.columns(['customer_id', 'service_id']).doUpdateSet(rest))
      .execute();
  }

  async deleteImpact(serviceId: string, customerId: string): Promise<void> {
    await this.db
      .deleteFrom('service_impacts')
      .where('service_id', '=', serviceId)
      .where('customer_id', '=', customerId)
      .execute();
  }

  async listImpacts(filter: ImpactFilter): Promise<ServiceImpactView[]> {
    let q = this.db
      .selectFrom('service_impacts')
      .innerJoin('services', 'services.id', 'service_impacts.service_id')
      .innerJoin('customers', 'customers.id', 'service_impacts.customer_id')
      .selectAll('service_impacts')
      .select(['services.name as service_name', 'customers.name as customer_name']);
    if (filter.serviceId !== undefined) q = q.where('service_impacts.service_id', '=', filter.serviceId);
    if (filter.customerId !== undefined) q = q.where('service_impacts.customer_id', '=', filter.customerId);
    const rows = await q
      .orderBy('services.name')
      .orderBy('customers.name')
      .orderBy('service_impacts.service_id')
      .orderBy('service_impacts.customer_id')
      .execute();
    return rows.map((r) => ({ ...toImpact(r), serviceName: r.service_name, customerName: r.customer_name }));
  }
}
