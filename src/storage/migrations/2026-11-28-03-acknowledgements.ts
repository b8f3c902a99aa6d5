// Frozen once landed: never edit; add a new dated migration instead. Imports nothing from the app.
import type { Kysely } from 'kysely';

/** Staff acknowledgements of SLA versions, and when each staff member was last reminded of pending ones. */
export const acknowledgements = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('sla_acknowledgements')
      .addColumn('sla_id', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('acknowledged_at', 'bigint', (c) => c.notNull())
      .addColumn('token_id', 'text')
      // One acknowledgement per person and version: a second one (a double click, two tabs) changes nothing.
      .addPrimaryKeyConstraint('sla_acknowledgements_pk', ['sla_id', 'version', 'user_id'])
      .addForeignKeyConstraint(
        'sla_acknowledgements_version_fk',
        ['sla_id', 'version'],
        'sla_versions',
        ['sla_id', 'version'],
        (fk) => fk.onDelete('cascade'),
      )
      .execute();
    await db.schema
      .createIndex('sla_acknowledgements_user')
      .on('sla_acknowledgements')
      .column('user_id')
      .execute();
    await db.schema
      .createTable('acknowledgement_reminders')
      .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
      .addColumn('last_sent_at', 'bigint', (c) => c.notNull())
      .addColumn('sent_count', 'integer', (c) => c.notNull())
      .execute();
  },
};
