import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HttpDeps, RouteApp } from '../app.ts';

const PAGES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'pages');

/** The first-run page (a plain HTML form, so setup works before any web UI is built). */
export function registerPageRoutes(app: RouteApp, _deps: HttpDeps): void {
  const html = fs.readFileSync(path.join(PAGES, 'setup.html'), 'utf8');
  const script = fs.readFileSync(path.join(PAGES, 'setup.js'), 'utf8');
  app.get('/setup', { schema: { hide: true } }, async (_request, reply) => reply.type('text/html; charset=utf-8').send(html));
  app.get('/assets/setup.js', { schema: { hide: true } }, async (_request, reply) => reply.type('text/javascript; charset=utf-8').send(script));
}
