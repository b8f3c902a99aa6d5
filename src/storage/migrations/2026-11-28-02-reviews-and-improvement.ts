// Frozen once landed: never edit; add a new dated migration instead. Imports nothing from the app.
import type { Kysely } from 'kysely';
import type { SqlDialectName } from '../sql-dialect.ts';

/** Breach reasons of tickets, SLA reviews and the improvement register (actions and their links). */
export function reviewsAndImprovement(_dialect: SqlDialectName) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const s = db.schema;
      await s
        .createTable('ticket_breach_reasons')
        .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('recorded_by', 'text')
        .addColumn('recorded_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('ticket_breach_reasons_pk', ['ticket_id', 'target'])
        .execute();
      await s
        .createIndex('ticket_breach_reasons_recorded')
        .on('ticket_breach_reasons')
        .columns(['customer_id', 'recorded_at'])
        .execute();

      await s
        .createTable('sla_reviews')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('sla_id', 'text', (c) => c.notNull().references('slas.id'))
        .addColumn('date', 'text', (c) => c.notNull())
        .addColumn('participants', 'text', (c) => c.notNull())
        .addColumn('period_from', 'text', (c) => c.notNull())
        .addColumn('period_to', 'text', (c) => c.notNull())
        .addColumn('findings', 'text', (c) => c.notNull())
        .addColumn('decisions', 'text', (c) => c.notNull())
        .addColumn('snapshot', 'text', (c) => c.notNull())
        .addColumn('draft_version', 'integer')
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await s.createIndex('sla_reviews_sla').on('sla_reviews').columns(['sla_id', 'date']).execute();

      await s
        .createTable('improvement_actions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('owner_user_id', 'text')
        .addColumn('due_date', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('metric', 'text')
        .addColumn('helped', 'text')
        .addColumn('measurement', 'text')
        .addColumn('created_by', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('closed_at', 'bigint')
        .addColumn('revision', 'integer', (c) => c.notNull())
        .execute();
      await s
        .createIndex('improvement_actions_due')
        .on('improvement_actions')
        .columns(['status', 'due_date'])
        .execute();
      await s
        .createTable('improvement_action_links')
        .addColumn('action_id', 'text', (c) =>
          c.notNull().references('improvement_actions.id').onDelete('cascade'),
        )
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('target_id', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('improvement_action_links_pk', ['action_id', 'kind', 'target_id'])
        .execute();
      await s
        .createIndex('improvement_action_links_target')
        .on('improvement_action_links')
        .columns(['kind', 'target_id'])
        .execute();
    },
  };
}
