// Frozen once landed: never edit; add a new dated migration instead. Imports nothing from the app.
import { sql, type Kysely } from 'kysely';
import type { SqlDialectName } from '../sql-dialect.ts';

export function initial(dialect: SqlDialectName) {
  const serial = dialect === 'postgres' ? 'bigserial' : 'integer';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const s = db.schema;
      await s.createTable('settings').addColumn('key', 'text', (c) => c.primaryKey()).addColumn('value', 'text', (c) => c.notNull()).execute();
      await s.createTable('counters').addColumn('name', 'text', (c) => c.primaryKey()).addColumn('value', 'bigint', (c) => c.notNull()).execute();

      await s
        .createTable('customers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('short_name', 'text')
        .addColumn('time_zone', 'text', (c) => c.notNull())
        .addColumn('locale', 'text', (c) => c.notNull())
        .addColumn('notes', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('archived_at', 'bigint')
        .execute();
      await s
        .createTable('contacts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('email', 'text')
        .addColumn('phone', 'text')
        .addColumn('role', 'text')
        .addColumn('escalation_level', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('receives_reports', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await s.createIndex('contacts_customer').on('contacts').column('customer_id').execute();

      await s
        .createTable('services')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('owner', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('archived_at', 'bigint')
        .execute();
      await s
        .createTable('service_impacts')
        .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
        .addColumn('service_id', 'text', (c) => c.notNull().references('services.id').onDelete('cascade'))
        .addColumn('criticality', 'text', (c) => c.notNull())
        .addColumn('users_affected', 'integer')
        .addColumn('downtime_cost_per_hour', 'bigint')
        .addColumn('max_tolerable_downtime_minutes', 'integer')
        .addColumn('notes', 'text')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('service_impacts_pk', ['customer_id', 'service_id'])
        .execute();

      await s
        .createTable('calendars')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('definition', 'text', (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();

      await s
        .createTable('slas')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('owner_user_id', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('archived_at', 'bigint')
        .execute();
      await s
        .createTable('sla_versions')
        .addColumn('sla_id', 'text', (c) => c.notNull().references('slas.id').onDelete('cascade'))
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('effective_from', 'bigint')
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('activated_at', 'bigint')
        .addColumn('retired_at', 'bigint')
        .addPrimaryKeyConstraint('sla_versions_pk', ['sla_id', 'version'])
        .execute();
      for (const [table, column, ref] of [
        ['sla_version_customers', 'customer_id', 'customers.id'],
        ['sla_version_services', 'service_id', 'services.id'],
      ] as const) {
        await s
          .createTable(table)
          .addColumn('sla_id', 'text', (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn(column, 'text', (c) => c.notNull().references(ref).onDelete('cascade'))
          .addPrimaryKeyConstraint(`${table}_pk`, ['sla_id', 'version', column])
          .addForeignKeyConstraint(`${table}_version_fk`, ['sla_id', 'version'], 'sla_versions', ['sla_id', 'version'], (c) => c.onDelete('cascade'))
          .execute();
        await s.createIndex(`${table}_${column}`).on(table).column(column).execute();
      }
      await s
        .createTable('assignment_rules')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('customer_id', 'text', (c) => c.references('customers.id').onDelete('cascade'))
        .addColumn('service_id', 'text', (c) => c.references('services.id').onDelete('cascade'))
        .addColumn('priority', 'text')
        .addColumn('ticket_type', 'text')
        .addColumn('sla_id', 'text', (c) => c.notNull().references('slas.id').onDelete('cascade'))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();

      await s
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('customer_id', 'text', (c) => c.references('customers.id').onDelete('cascade'))
        .addColumn('password_hash', 'text')
        .addColumn('locale', 'text', (c) => c.notNull())
        .addColumn('time_zone', 'text')
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('last_login_at', 'bigint')
        .execute();
      await s
        .createTable('sessions')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
        .execute();
      await s
        .createTable('api_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('customer_id', 'text', (c) => c.references('customers.id').onDelete('cascade'))
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('prefix', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('last_used_at', 'bigint')
        .addColumn('expires_at', 'bigint')
        .addColumn('revoked_at', 'bigint')
        .execute();

      await s
        .createTable('tickets')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('number', 'bigint', (c) => c.notNull().unique())
        .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
        .addColumn('service_id', 'text', (c) => c.references('services.id'))
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('impact', 'text')
        .addColumn('urgency', 'text')
        .addColumn('priority', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('assignee_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('sla_id', 'text', (c) => c.references('slas.id'))
        .addColumn('sla_version', 'integer')
        .addColumn('external_ref', 'text')
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('resolved_at', 'bigint')
        .addColumn('closed_at', 'bigint')
        .addColumn('revision', 'integer', (c) => c.notNull())
        .execute();
      await s.createIndex('tickets_customer_created').on('tickets').columns(['customer_id', 'created_at']).execute();
      await s.createIndex('tickets_created').on('tickets').column('created_at').execute();
      await s.createIndex('tickets_sla').on('tickets').columns(['sla_id', 'sla_version']).execute();
      await s.createIndex('tickets_external_ref').on('tickets').column('external_ref').execute();
      await s
        .createTable('ticket_events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('actor_user_id', 'text')
        .addColumn('actor_token_id', 'text')
        .addColumn('recorded_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('ticket_events_seq', ['ticket_id', 'seq'])
        .execute();
      await s
        .createTable('ticket_clocks')
        .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id').onDelete('cascade'))
        .addColumn('clock_id', 'text', (c) => c.notNull())
        .addColumn('metric', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('duration_ms', 'bigint', (c) => c.notNull())
        .addColumn('elapsed_ms', 'bigint', (c) => c.notNull())
        .addColumn('paused_ms', 'bigint', (c) => c.notNull())
        .addColumn('started_at', 'bigint')
        .addColumn('due_at', 'bigint')
        .addColumn('stopped_at', 'bigint')
        .addColumn('breached_at', 'bigint')
        .addColumn('next_warning_at', 'bigint')
        .addColumn('detail', 'text', (c) => c.notNull())
        .addColumn('computed_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('ticket_clocks_pk', ['ticket_id', 'clock_id'])
        .execute();
      await s.createIndex('ticket_clocks_due').on('ticket_clocks').columns(['state', 'due_at']).execute();
      await s.createIndex('ticket_clocks_warning').on('ticket_clocks').column('next_warning_at').execute();

      await s
        .createTable('audit_log')
        .addColumn('id', serial, (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('actor_user_id', 'text')
        .addColumn('actor_token_id', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('entity_type', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('customer_id', 'text')
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('changes', 'text')
        .execute();
      await s.createIndex('audit_log_entity').on('audit_log').columns(['entity_type', 'entity_id']).execute();
      await s.createIndex('audit_log_at').on('audit_log').column('at').execute();
      await sql`select 1`.execute(db);
    },
  };
}
