import type { HttpDeps, RouteApp } from '../app.ts';

export function registerTicketRoutes(_app: RouteApp, _deps: HttpDeps): void {
  // Routes of this area are registered here.
}
