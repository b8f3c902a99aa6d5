import type { Migration, MigrationProvider } from 'kysely';
import type { SqlDialectName } from '../sql-dialect.ts';
import { initial } from './2026-11-27-01-initial.ts';
import { monitoring } from './2026-11-27-03-monitoring.ts';
import { ticketExternalRefUnique } from './2026-11-27-02-ticket-external-ref-unique.ts';
import { escalation } from './2026-11-28-01-escalation.ts';

/** Every migration, by its dated name. Append new ones; never edit or reorder landed ones. */
export function migrationProvider(dialect: SqlDialectName): MigrationProvider {
  return {
    async getMigrations(): Promise<Record<string, Migration>> {
      return {
        '2026-11-27-01-initial': initial(dialect),
        '2026-11-27-02-ticket-external-ref-unique': ticketExternalRefUnique,
        '2026-11-27-03-monitoring': monitoring(dialect),
        '2026-11-28-01-escalation': escalation(dialect),
      };
    },
  };
}
