import type { HttpDeps, RouteApp } from '../app.ts';
import { registerAccountRoutes } from './accounts.routes.ts';
import { registerAuditRoutes } from './audit.routes.ts';
import { registerCatalogRoutes } from './catalog.routes.ts';
import { registerCustomerRoutes } from './customers.routes.ts';
import { registerEscalationRoutes } from './escalation.routes.ts';
import { registerHealthRoutes } from './health.routes.ts';
import { registerMaintenanceRoutes } from './maintenance.routes.ts';
import { registerMonitorRoutes } from './monitors.routes.ts';
import { registerStatusRoutes } from './status.routes.ts';
import { registerMetricsRoutes } from './metrics.routes.ts';
import { registerPageRoutes } from './pages.routes.ts';
import { registerReportRoutes } from './reports.routes.ts';
import { registerSlaRoutes } from './slas.routes.ts';
import { registerTicketRoutes } from './tickets.routes.ts';

export async function registerRoutes(app: RouteApp, deps: HttpDeps): Promise<void> {
  registerHealthRoutes(app, deps);
  registerPageRoutes(app, deps);
  registerAccountRoutes(app, deps);
  registerCustomerRoutes(app, deps);
  registerCatalogRoutes(app, deps);
  registerSlaRoutes(app, deps);
  registerTicketRoutes(app, deps);
  registerMonitorRoutes(app, deps);
  registerMaintenanceRoutes(app, deps);
  registerStatusRoutes(app, deps);
  registerMetricsRoutes(app, deps);
  registerEscalationRoutes(app, deps);
  registerReportRoutes(app, deps);
  registerAuditRoutes(app, deps);
}
