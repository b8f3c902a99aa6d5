// Frozen once landed: never edit; add a new dated migration instead. Imports nothing from the app.
import type { Kysely } from 'kysely';

/** Customers' reports mailed every month or quarter: whom to, in which language and formats, and what went out. */
export const reportSchedules = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('report_schedules')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
      .addColumn('cadence', 'text', (c) => c.notNull())
      .addColumn('lang', 'text')
      .addColumn('formats', 'text', (c) => c.notNull())
      .addColumn('recipients', 'text', (c) => c.notNull())
      .addColumn('calendar_id', 'text', (c) => c.references('calendars.id').onDelete('set null'))
      .addColumn('enabled', 'integer', (c) => c.notNull())
      .addColumn('last_period_key', 'text')
      .addColumn('last_delivered_at', 'bigint')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('report_schedules_customer')
      .on('report_schedules')
      .column('customer_id')
      .execute();
  },
};
