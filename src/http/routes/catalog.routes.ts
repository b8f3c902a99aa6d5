import type { HttpDeps, RouteApp } from '../app.ts';
import { registerCalendarRoutes } from './catalog-calendars.routes.ts';
import { registerContactRoutes } from './catalog-contacts.routes.ts';
import { registerPriorityRoutes } from './catalog-priorities.routes.ts';
import { registerServiceRoutes } from './catalog-services.routes.ts';

/** Contacts, services and their business impact, calendars and priorities. */
export function registerCatalogRoutes(app: RouteApp, deps: HttpDeps): void {
  registerContactRoutes(app, deps);
  registerServiceRoutes(app, deps);
  registerCalendarRoutes(app, deps);
  registerPriorityRoutes(app, deps);
}
