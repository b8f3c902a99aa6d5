// Frozen once landed: never edit; add a new dated migration instead. Imports nothing from the app.
import type { Kysely } from 'kysely';

/** Customer reports as issued: the figures of a period frozen as JSON, one row per revision. */
export const issuedReports = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('issued_reports')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
      .addColumn('period_key', 'text', (c) => c.notNull())
      .addColumn('period_kind', 'text', (c) => c.notNull())
      .addColumn('period_start', 'bigint', (c) => c.notNull())
      .addColumn('period_end', 'bigint', (c) => c.notNull())
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('lang', 'text', (c) => c.notNull())
      .addColumn('issued_at', 'bigint', (c) => c.notNull())
      .addColumn('issued_by_user_id', 'text')
      .addColumn('issued_by_token_id', 'text')
      .addColumn('snapshot', 'text', (c) => c.notNull())
      .execute();
    // One row per revision of a customer's period: two simultaneous first issues cannot both land.
    await db.schema
      .createIndex('issued_reports_period_revision')
      .unique()
      .on('issued_reports')
      .columns(['customer_id', 'period_key', 'revision'])
      .execute();
    await db.schema
      .createIndex('issued_reports_issued_at')
      .on('issued_reports')
      .column('issued_at')
      .execute();
  },
};
