import type { AccountsRepository, SettingsRepository } from '../accounts/accounts.repository.ts';
import type { AuditRepository } from '../audit/audit.repository.ts';
import type { CatalogRepository } from '../catalog/catalog.repository.ts';
import type { MonitoringRepository } from '../monitoring/monitoring.repository.ts';
import type { CustomersRepository } from '../customers/customers.repository.ts';
import type { EscalationRepository } from '../escalation/escalation.repository.ts';
import type { ReviewsRepository } from '../reviews/reviews.repository.ts';
import type { ReportsRepository } from '../reports/reports.repository.ts';
import type { ReportSchedulesRepository } from '../reports/report-schedules.repository.ts';
import type { SlasRepository } from '../slas/slas.repository.ts';
import type { TicketsRepository } from '../tickets/tickets.repository.ts';
import type { AcknowledgementsRepository } from '../staff/acknowledgements.repository.ts';

/** Every repository, bound to one connection or one transaction. */
export interface Repositories {
  readonly accounts: AccountsRepository;
  readonly settings: SettingsRepository;
  readonly audit: AuditRepository;
  readonly customers: CustomersRepository;
  readonly catalog: CatalogRepository;
  readonly slas: SlasRepository;
  readonly tickets: TicketsRepository;
  readonly monitoring: MonitoringRepository;
  readonly escalation: EscalationRepository;
  readonly reviews: ReviewsRepository;
  readonly reports: ReportsRepository;
  readonly reportSchedules: ReportSchedulesRepository;
  readonly acknowledgements: AcknowledgementsRepository;
}

/** The storage port: repositories, and a transaction in which all of them either land or none does. */
export interface Storage extends Repositories {
  readonly dialect: 'sqlite' | 'postgres';
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
