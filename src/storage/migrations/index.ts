import type { Migration, MigrationProvider } from 'kysely';
import type { SqlDialectName } from '../sql-dialect.ts';
import { initial } from './2026-11-27-01-initial.ts';
import { monitoring } from './2026-11-27-03-monitoring.ts';
import { ticketExternalRefUnique } from './2026-11-27-02-ticket-external-ref-unique.ts';
import { escalation } from './2026-11-28-01-escalation.ts';
import { reviewsAndImprovement } from './2026-11-28-02-reviews-and-improvement.ts';
import { acknowledgements } from './2026-11-28-03-acknowledgements.ts';
import { issuedReports } from './2026-11-28-04-issued-reports.ts';
import { budgetAlertsAndRosters } from './2026-11-28-05-budget-alerts-and-rosters.ts';
import { reportSchedules } from './2026-11-28-06-report-schedules.ts';

/** Every migration, by its dated name. Append new ones; never edit or reorder landed ones. */
export function migrationProvider(dialect: SqlDialectName): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return {
        '2026-11-27-01-initial': initial(dialect),
        '2026-11-27-02-ticket-external-ref-unique': ticketExternalRefUnique,
        '2026-11-27-03-monitoring': monitoring(dialect),
        '2026-11-28-01-escalation': escalation(dialect),
        '2026-11-28-02-reviews-and-improvement': reviewsAndImprovement(dialect),
        '2026-11-28-03-acknowledgements': acknowledgements,
        '2026-11-28-04-issued-reports': issuedReports,
        '2026-11-28-05-budget-alerts-and-rosters': budgetAlertsAndRosters(dialect),
        '2026-11-28-06-report-schedules': reportSchedules,
      };
    },
  };
}
