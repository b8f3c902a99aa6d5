// The provider's side of the demo: customers with contacts, services with their business impact,
// calendars, SLAs in force and assignment rules, all through the use cases the API calls.
import { formatInstant } from '../../domain/shared/time.ts';
import type { Actor } from '../actor.ts';
import { createCalendar, listCalendars } from '../catalog/calendars.use-cases.ts';
import { createContact } from '../catalog/contacts.use-cases.ts';
import { createService, listServices, putServiceImpact } from '../catalog/services.use-cases.ts';
import type { AppContext } from '../context.ts';
import { createCustomer, listCustomers } from '../customers/customers.use-cases.ts';
import { MAX_PAGE_SIZE, type Page } from '../pagination.ts';
import { listAssignmentRules, replaceAssignmentRules, type RuleInput } from '../slas/assignment.use-cases.ts';
import { activateVersion } from '../slas/sla-versions.use-cases.ts';
import type { PriorityTargetsInput } from '../slas/sla-terms.ts';
import { createSla, listSlas } from '../slas/slas.use-cases.ts';
import {
  CALENDARS,
  CUSTOMERS,
  SERVICES,
  SLAS,
  type CalendarKey,
  type CustomerKey,
  type ServiceKey,
  type SlaKey,
} from './demo-catalog.ts';

/** The ids of the demo's customers and services, and how many contacts and impacts it recorded. */
export interface Catalog {
  readonly customers: Readonly<Record<CustomerKey, string>>;
  readonly services: Readonly<Record<ServiceKey, string>>;
  readonly contacts: number;
  readonly impacts: number;
}

export type Named = (name: string) => string;

/** Every item of a paged list. */
export async function everything<T>(page: (limit: number, offset: number) => Promise<Page<T>>): Promise<T[]> {
  const out: T[] = [];
  for (let offset = 0; ; offset += MAX_PAGE_SIZE) {
    const p = await page(MAX_PAGE_SIZE, offset);
    out.push(...p.items);
    if (offset + MAX_PAGE_SIZE >= p.total) return out;
  }
}

/**
 * How the demo names its records: as they are, or, beside an earlier copy of the demo, all with the same
 * suffix " (2)", " (3)" … (SLA names must be unique, and the same suffix keeps a copy recognisable).
 */
export async function namingBeside(ctx: AppContext, actor: Actor): Promise<Named> {
  const includeArchived = true;
  const customers = await everything((limit, offset) =>
    listCustomers(ctx, actor, { includeArchived, limit, offset }),
  );
  const services = await everything((limit, offset) =>
    listServices(ctx, actor, { includeArchived, limit, offset }),
  );
  const slas = await everything((limit, offset) => listSlas(ctx, actor, { includeArchived, limit, offset }));
  const calendars = await listCalendars(ctx, actor);
  const taken = new Set(
    [...customers, ...services, ...slas.map((s) => s.sla), ...calendars].map((r) => r.name.toLowerCase()),
  );
  const ours = [...CUSTOMERS, ...SERVICES, ...SLAS, ...Object.values(CALENDARS)].map((r) => r.name);
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : ` (${n})`;
    if (!ours.some((name) => taken.has(`${name}${suffix}`.toLowerCase())))
      return (name) => `${name}${suffix}`;
  }
}

export async function loadCatalog(ctx: AppContext, actor: Actor, named: Named): Promise<Catalog> {
  const services = {} as Record<ServiceKey, string>;
  for (const s of SERVICES) {
    services[s.key] = (
      await createService(ctx, actor, { name: named(s.name), description: s.description, owner: s.owner })
    ).id;
  }
  const customers = {} as Record<CustomerKey, string>;
  let contacts = 0;
  let impacts = 0;
  for (const c of CUSTOMERS) {
    const id = (
      await createCustomer(ctx, actor, { name: named(c.name), shortName: c.shortName, notes: c.notes })
    ).id;
    customers[c.key] = id;
    for (const contact of c.contacts) {
      await createContact(ctx, actor, id, contact);
      contacts++;
    }
    for (const [service, impact] of Object.entries(c.impacts)) {
      await putServiceImpact(ctx, actor, services[service as ServiceKey], id, impact);
      impacts++;
    }
  }
  return { customers, services, contacts, impacts };
}

export async function loadCalendars(
  ctx: AppContext,
  actor: Actor,
  named: Named,
): Promise<Record<CalendarKey, string>> {
  const ids = {} as Record<CalendarKey, string>;
  for (const [key, definition] of Object.entries(CALENDARS)) {
    ids[key as CalendarKey] = (
      await createCalendar(ctx, actor, { name: named(definition.name), definition })
    ).id;
  }
  return ids;
}

/** Creates each SLA and puts version 1 in force from the start of the history. */
export async function loadSlas(
  ctx: AppContext,
  actor: Actor,
  catalog: Catalog,
  calendars: Readonly<Record<CalendarKey, string>>,
  effectiveFrom: number,
  named: Named,
): Promise<Record<SlaKey, string>> {
  const ids = {} as Record<SlaKey, string>;
  for (const sla of SLAS) {
    const customers = sla.customers.map((k) => catalog.customers[k]);
    const usedBy =
      sla.customers.length === 0 ? CUSTOMERS : CUSTOMERS.filter((c) => sla.customers.includes(c.key));
    const services = SERVICES.filter((s) => usedBy.some((c) => c.impacts[s.key] !== undefined)).map(
      (s) => catalog.services[s.key],
    );
    const targets: Record<string, PriorityTargetsInput> = {};
    for (const [priority, t] of Object.entries(sla.targets)) {
      const calendarId = calendars[t.calendar];
      targets[priority] = {
        firstResponse: { duration: t.firstResponse, calendarId },
        resolution: { duration: t.resolution, calendarId },
      };
    }
    const created = await createSla(ctx, actor, {
      name: named(sla.name),
      description: sla.description,
      version: {
        effectiveFrom: formatInstant(effectiveFrom),
        customerIds: customers,
        serviceIds: services,
        terms: { ...sla.terms, targets },
      },
    });
    const draft = created.versions[0];
    if (!draft) throw new Error(`SLA "${sla.name}" was created without a version`);
    await activateVersion(ctx, actor, created.sla.id, draft.version, { expectedRevision: draft.revision });
    ids[sla.key] = created.sla.id;
  }
  return ids;
}

/** The demo's customer rules go first; rules already there are kept; a default only if there was none. */
export async function loadRules(
  ctx: AppContext,
  actor: Actor,
  catalog: Catalog,
  slas: Readonly<Record<SlaKey, string>>,
): Promise<number> {
  const current = await listAssignmentRules(ctx, actor);
  const added: RuleInput[] = CUSTOMERS.map((c) => ({
    customerId: catalog.customers[c.key],
    slaId: slas[c.sla],
  }));
  if (current.rules.length === 0) added.push({ slaId: slas.basic });
  const kept: RuleInput[] = current.rules.map((r) => ({
    customerId: r.customerId,
    serviceId: r.serviceId,
    priority: r.priority,
    ticketType: r.ticketType,
    slaId: r.slaId,
  }));
  await replaceAssignmentRules(
    ctx,
    actor,
    [...added.filter((r) => r.customerId), ...kept, ...added.filter((r) => !r.customerId)],
    current.revision,
  );
  return added.length;
}
