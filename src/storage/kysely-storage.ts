import type { Kysely } from 'kysely';
import type { Repositories, Storage } from '../app/ports/repositories.ts';
import { ping, type Store } from './database.ts';
import { KyselyAccountsRepository, KyselySettingsRepository } from './repositories/accounts.repository.ts';
import { KyselyAcknowledgementsRepository } from './repositories/acknowledgements.repository.ts';
import { KyselyAuditRepository } from './repositories/audit.repository.ts';
import { KyselyCatalogRepository } from './repositories/catalog.repository.ts';
import { KyselyCustomersRepository } from './repositories/customers.repository.ts';
import { KyselyEscalationRepository } from './repositories/escalation.repository.ts';
import { KyselyMonitoringRepository } from './repositories/monitoring.repository.ts';
import { KyselyReviewsRepository } from './repositories/reviews.repository.ts';
import { KyselyReportsRepository } from './repositories/reports.repository.ts';
import { KyselyReportSchedulesRepository } from './repositories/report-schedules.repository.ts';
import { KyselySlasRepository } from './repositories/slas.repository.ts';
import { KyselyTicketsRepository } from './repositories/tickets.repository.ts';
import type { Database } from './schema.ts';
import type { SqlDialectName } from './sql-dialect.ts';

function repositories(db: Kysely<Database>, dialect: SqlDialectName): Repositories {
  return {
    accounts: new KyselyAccountsRepository(db),
    settings: new KyselySettingsRepository(db),
    audit: new KyselyAuditRepository(db),
    customers: new KyselyCustomersRepository(db),
    catalog: new KyselyCatalogRepository(db, dialect),
    slas: new KyselySlasRepository(db, dialect),
    tickets: new KyselyTicketsRepository(db, dialect),
    monitoring: new KyselyMonitoringRepository(db, dialect),
    escalation: new KyselyEscalationRepository(db, dialect),
    reviews: new KyselyReviewsRepository(db),
    reports: new KyselyReportsRepository(db),
    reportSchedules: new KyselyReportSchedulesRepository(db),
    acknowledgements: new KyselyAcknowledgementsRepository(db),
  };
}

/** The storage port over an open database (SQLite or PostgreSQL). */
export function kyselyStorage(store: Store): Storage {
  const base = repositories(store.db, store.dialect);
  return {
    ...base,
    dialect: store.dialect,
    transaction: (work) => store.db.transaction().execute((trx) => work(repositories(trx, store.dialect))),
    ping: () => ping(store),
    close: () => store.close(),
  };
}
