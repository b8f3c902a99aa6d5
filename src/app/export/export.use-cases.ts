import { requireRole, type Actor } from '../actor.ts';
import { defaultPriorityScheme } from '../catalog/priorities.ts';
import type { AppContext } from '../context.ts';
import { MAX_PAGE_SIZE, type Page } from '../pagination.ts';

/** Format version of `pledge export` files. */
export const EXPORT_FORMAT = 1;

async function all<T>(fetch: (page: { limit: number; offset: number }) => Promise<Page<T>>): Promise<T[]> {
  const out: T[] = [];
  for (let offset = 0; ; offset += MAX_PAGE_SIZE) {
    const page = await fetch({ limit: MAX_PAGE_SIZE, offset });
    out.push(...page.items);
    if (page.items.length < MAX_PAGE_SIZE) return out;
  }
}

/**
 * Everything an installation holds about its customers, services, calendars, SLAs and tickets, as one JSON
 * document (instants as epoch milliseconds). Users, tokens and sessions are not exported: they carry
 * secrets. The audit log stays with the installation.
 */
export async function exportAll(ctx: AppContext, actor: Actor): Promise<Record<string, unknown>> {
  requireRole(actor, 'admin');
  const s = ctx.storage;
  const now = ctx.clock.now();
  const customers = await all((page) => s.customers.list({ includeArchived: true }, page));
  const contacts = (await Promise.all(customers.map((c) => s.catalog.listContacts(c.id)))).flat();
  const services = await all((page) => s.catalog.listServices({ includeArchived: true }, page));
  const impacts = await s.catalog.listImpacts({});
  const calendars = await s.catalog.listCalendars();
  const slas = await all((page) => s.slas.listSlas({ includeArchived: true }, page));
  const versions = (await Promise.all(slas.map((sla) => s.slas.listVersions(sla.id)))).flat();
  const tickets = await all((page) => s.tickets.list({}, page, now));
  const events: unknown[] = [];
  for (const t of tickets) events.push(...(await s.tickets.listEvents(t.id)));
  return {
    format: EXPORT_FORMAT,
    exportedAt: now,
    customers,
    contacts,
    services,
    impacts,
    calendars,
    priorityScheme: (await s.catalog.getPriorityScheme()) ?? defaultPriorityScheme,
    slas,
    slaVersions: versions,
    assignmentRules: await s.slas.listRules(),
    tickets,
    ticketEvents: events,
  };
}
