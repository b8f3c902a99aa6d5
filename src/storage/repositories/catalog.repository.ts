import type { Kysely } from 'kysely';
import type { CalendarRecord, CatalogRepository, PriorityScheme } from '../../app/catalog/catalog.repository.ts';
import type { CalendarDefinition } from '../../domain/calendars/calendar-definition.ts';
import type { CalendarsTable, Database } from '../schema.ts';
import type { SqlDialectName } from '../sql-dialect.ts';

export const PRIORITY_SCHEME_KEY = 'priority.scheme';

export const toCalendar = (r: CalendarsTable): CalendarRecord => ({
  id: r.id,
  name: r.name,
  definition: JSON.parse(r.definition) as CalendarDefinition,
  revision: Number(r.revision),
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

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
    return (await this.db.selectFrom('calendars').selectAll().orderBy('name').orderBy('id').execute()).map(toCalendar);
  }

  async getPriorityScheme(): Promise<PriorityScheme | undefined> {
    const r = await this.db.selectFrom('settings').select('value').where('key', '=', PRIORITY_SCHEME_KEY).executeTakeFirst();
    return r ? (JSON.parse(r.value) as PriorityScheme) : undefined;
  }

  async findServiceName(id: string): Promise<string | undefined> {
    const r = await this.db.selectFrom('services').select('name').where('id', '=', id).executeTakeFirst();
    return r?.name;
  }
}
