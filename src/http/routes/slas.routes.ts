import type { HttpDeps, RouteApp } from '../app.ts';

export function registerSlaRoutes(_app: RouteApp, _deps: HttpDeps): void {
  // Routes of this area are registered here.
}
