import type { Kysely, Selectable } from 'kysely';
import type { Customer, CustomerFilter, CustomersRepository } from '../../app/customers/customers.repository.ts';
import type { Page, PageRequest } from '../../app/pagination.ts';
import type { CustomersTable, Database } from '../schema.ts';
import { likePattern } from '../sql-helpers.ts';

const toCustomer = (r: Selectable<CustomersTable>): Customer => ({
  id: r.id,
  name: r.name,
  shortName: r.short_name,
  timeZone: r.time_zone,
  locale: r.locale === 'en' ? 'en' : 'de',
  notes: r.notes,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
  archivedAt: r.archived_at === null ? null : Number(r.archived_at),
});

const toRow = (c: Customer): Selectable<CustomersTable> => ({
  id: c.id,
  name: c.name,
  short_name: c.shortName,
  time_zone: c.timeZone,
  locale: c.locale,
  notes: c.notes,
  created_at: c.createdAt,
  updated_at: c.updatedAt,
  archived_at: c.archivedAt,
});

export class KyselyCustomersRepository implements CustomersRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(c: Customer): Promise<void> {
    await this.db.insertInto('customers').values(toRow(c)).execute();
  }

  async update(c: Customer): Promise<void> {
    const { id, ...rest } = toRow(c);
    await this.db.updateTable('customers').set(rest).where('id', '=', id).execute();
  }

  async findById(id: string): Promise<Customer | undefined> {
    const r = await this.db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toCustomer(r);
  }

  async list(filter: CustomerFilter, page: PageRequest): Promise<Page<Customer>> {
    let q = this.db.selectFrom('customers');
    if (filter.onlyId != null) q = q.where('id', '=', filter.onlyId);
    if (!filter.includeArchived) q = q.where('archived_at', 'is', null);
    if (filter.q) {
      const pattern = likePattern(filter.q);
      q = q.where((eb) => eb.or([eb(eb.fn('lower', ['name']), 'like', pattern), eb(eb.fn('lower', ['short_name']), 'like', pattern)]));
    }
    const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await q.selectAll().orderBy('name').orderBy('id').limit(page.limit).offset(page.offset).execute();
    return { items: rows.map(toCustomer), total: Number(total.n), limit: page.limit, offset: page.offset };
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('customers').where('id', '=', id).execute();
  }
}
