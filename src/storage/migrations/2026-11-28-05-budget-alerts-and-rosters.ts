// Frozen once landed: never edit; add a new dated migration instead. Imports nothing from the app.
import type { Kysely } from 'kysely';
import type { SqlDialectName } from '../sql-dialect.ts';

/** Error-budget alerts of customers' services, and the roster of who is on call and who leads the team. */
export function budgetAlertsAndRosters(dialect: SqlDialectName) {
  const real = dialect === 'postgres' ? 'double precision' : 'real';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const s = db.schema;
      await s
        .createTable('budget_alerts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('service_id', 'text', (c) => c.notNull())
        .addColumn('customer_id', 'text', (c) => c.notNull())
        .addColumn('rule', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('target', real, (c) => c.notNull())
        .addColumn('period_start', 'bigint', (c) => c.notNull())
        .addColumn('period_end', 'bigint', (c) => c.notNull())
        .addColumn('started_at', 'bigint', (c) => c.notNull())
        .addColumn('ended_at', 'bigint')
        .addColumn('burn_rate', real)
        .addColumn('budget_used', real)
        // The faster burn-rate alert already raised when this one opened: it speaks for both, so this one
        // escalates nobody (a hard outage fires every rule at once).
        .addColumn('outranked_by', 'text')
        // `service:customer:rule` while the alert is raised, null once it ended: the unique key that lets
        // only one worker open an alert for the same rule, however many evaluate at once.
        .addColumn('open_key', 'text', (c) => c.unique())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await s
        .createIndex('budget_alerts_customer')
        .on('budget_alerts')
        .columns(['customer_id', 'started_at'])
        .execute();
      await s.createIndex('budget_alerts_service').on('budget_alerts').column('service_id').execute();

      await s
        .createTable('escalation_roster')
        .addColumn('position', 'integer', (c) => c.primaryKey())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        // JSON: opening hours in the calendar format (`{ "mon": ["08:00-18:00"] }`); null = always.
        .addColumn('hours', 'text')
        .addColumn('time_zone', 'text')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  };
}
