// Frozen once landed: never edit; add a new dated migration instead. Imports nothing from the app.
import type { Kysely } from 'kysely';
import type { SqlDialectName } from '../sql-dialect.ts';

/** Availability monitoring: monitors, raw checks, state spans, rollups, outages, maintenance windows, status pages. */
export function monitoring(dialect: SqlDialectName) {
  const serial = dialect === 'postgres' ? 'bigserial' : 'integer';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const s = db.schema;
      // How a service with several monitors is judged: down when any is down, or only when all are.
      await s
        .alterTable('services')
        .addColumn('monitor_rule', 'text', (c) => c.notNull().defaultTo('any'))
        .execute();
      await s
        .createTable('monitors')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('service_id', 'text', (c) => c.notNull().references('services.id').onDelete('cascade'))
        .addColumn('customer_id', 'text', (c) => c.references('customers.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('definition', 'text', (c) => c.notNull())
        .addColumn('paused', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('heartbeat_token_hash', 'text', (c) => c.unique())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('state_since', 'bigint', (c) => c.notNull())
        .addColumn('tracker', 'text', (c) => c.notNull())
        .addColumn('next_check_at', 'bigint')
        .addColumn('lease_owner', 'text')
        .addColumn('lease_until', 'bigint')
        .addColumn('last_check_at', 'bigint')
        .addColumn('last_status', 'text')
        .addColumn('last_latency_ms', 'integer')
        .addColumn('last_message', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('archived_at', 'bigint')
        .execute();
      await s.createIndex('monitors_next_check').on('monitors').column('next_check_at').execute();
      await s.createIndex('monitors_service').on('monitors').columns(['service_id', 'customer_id']).execute();

      await s
        .createTable('check_results')
        .addColumn('id', serial, (c) => c.primaryKey())
        .addColumn('monitor_id', 'text', (c) => c.notNull().references('monitors.id').onDelete('cascade'))
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('latency_ms', 'integer')
        .addColumn('message', 'text', (c) => c.notNull())
        .execute();
      await s
        .createIndex('check_results_monitor_at')
        .on('check_results')
        .columns(['monitor_id', 'at'])
        .execute();
      await s.createIndex('check_results_at').on('check_results').column('at').execute();

      // Time-weighted state: one row per state change; the open span has no end.
      await s
        .createTable('monitor_spans')
        .addColumn('monitor_id', 'text', (c) => c.notNull().references('monitors.id').onDelete('cascade'))
        .addColumn('start_at', 'bigint', (c) => c.notNull())
        .addColumn('end_at', 'bigint')
        .addColumn('state', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('monitor_spans_pk', ['monitor_id', 'start_at'])
        .execute();

      await s
        .createTable('monitor_rollups')
        .addColumn('monitor_id', 'text', (c) => c.notNull().references('monitors.id').onDelete('cascade'))
        .addColumn('grain', 'text', (c) => c.notNull())
        .addColumn('bucket', 'bigint', (c) => c.notNull())
        .addColumn('up_ms', 'bigint', (c) => c.notNull())
        .addColumn('degraded_ms', 'bigint', (c) => c.notNull())
        .addColumn('down_ms', 'bigint', (c) => c.notNull())
        .addColumn('maintenance_ms', 'bigint', (c) => c.notNull())
        .addColumn('unknown_ms', 'bigint', (c) => c.notNull())
        .addColumn('checks', 'integer', (c) => c.notNull())
        .addColumn('failed_checks', 'integer', (c) => c.notNull())
        .addColumn('latency_sum_ms', 'bigint', (c) => c.notNull())
        .addColumn('latency_count', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('monitor_rollups_pk', ['monitor_id', 'grain', 'bucket'])
        .execute();

      await s
        .createTable('outages')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('monitor_id', 'text', (c) => c.notNull().references('monitors.id').onDelete('cascade'))
        .addColumn('service_id', 'text', (c) => c.notNull())
        .addColumn('customer_id', 'text')
        .addColumn('started_at', 'bigint', (c) => c.notNull())
        .addColumn('ended_at', 'bigint')
        .addColumn('cause', 'text', (c) => c.notNull())
        .addColumn('ticket_id', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await s.createIndex('outages_monitor').on('outages').columns(['monitor_id', 'started_at']).execute();
      await s.createIndex('outages_service').on('outages').columns(['service_id', 'started_at']).execute();

      await s
        .createTable('maintenance_windows')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('service_id', 'text', (c) => c.references('services.id').onDelete('cascade'))
        .addColumn('monitor_id', 'text', (c) => c.references('monitors.id').onDelete('cascade'))
        .addColumn('customer_id', 'text', (c) => c.references('customers.id').onDelete('cascade'))
        .addColumn('definition', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();

      await s
        .createTable('status_pages')
        .addColumn('customer_id', 'text', (c) =>
          c.primaryKey().references('customers.id').onDelete('cascade'),
        )
        .addColumn('public_token_hash', 'text', (c) => c.unique())
        .addColumn('title', 'text')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  };
}
