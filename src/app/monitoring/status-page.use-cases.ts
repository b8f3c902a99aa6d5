import { availability, type AvailabilityFigures } from '../../domain/availability/availability.ts';
import { maintenanceIntervals, type MaintenanceWindow } from '../../domain/monitoring/maintenance.ts';
import { lastLocalDays, monthOf, calendarMonth } from '../../domain/monitoring/periods.ts';
import { combineStates } from '../../domain/monitoring/service-state.ts';
import type { MonitorState } from '../../domain/monitoring/types.ts';
import { DomainError } from '../../domain/shared/errors.ts';
import { DAY_MS, type Interval } from '../../domain/shared/time.ts';
import { assertCustomerVisible, requireRole, type Actor } from '../actor.ts';
import { audit } from '../audit/audit.ts';
import type { Service } from '../catalog/catalog.repository.ts';
import type { AppContext } from '../context.ts';
import type { Customer } from '../customers/customers.repository.ts';
import { countingFor, serviceSpans, toFormula } from './availability.use-cases.ts';
import { windowApplies, windowsFor } from './maintenance.use-cases.ts';
import type { MonitorRecord, Outage } from './monitoring.repository.ts';

/** Days of history on a status page. */
export const STATUS_DAYS = 90;
/** How far ahead a status page lists planned maintenance. */
const UPCOMING_MS = 30 * DAY_MS;

export interface StatusDay {
  readonly date: string;
  readonly start: number;
  readonly end: number;
  readonly figures: AvailabilityFigures;
}

export interface ServiceStatus {
  readonly serviceId: string;
  readonly name: string;
  /** Now: the monitors' states combined by the service's rule; maintenance while a window is open. */
  readonly state: MonitorState;
  readonly target: number | null;
  /** This month so far, counted as the SLA says. */
  readonly month: AvailabilityFigures;
  readonly days: readonly StatusDay[];
  readonly monitors: number;
}

export interface CustomerStatus {
  readonly customerId: string;
  readonly customerName: string;
  readonly title: string;
  readonly timeZone: string;
  readonly generatedAt: number;
  readonly services: readonly ServiceStatus[];
  readonly outages: readonly (Outage & { readonly serviceName: string })[];
  readonly maintenance: readonly {
    readonly name: string;
    readonly serviceName: string | null;
    readonly start: number;
    readonly end: number;
  }[];
}

export interface StatusPageSettings {
  readonly customerId: string;
  readonly public: boolean;
  readonly title: string | null;
  /** The secret public link, only when it was just made. */
  readonly publicToken: string | null;
}

const notFound = (): DomainError => new DomainError('STATUS_PAGE_NOT_FOUND', 'status page not found');

/** The services a customer has: those with a business impact recorded for it or a monitor of its own. */
export async function servicesOf(
  ctx: AppContext,
  customerId: string,
): Promise<{ services: Service[]; monitors: Map<string, MonitorRecord[]> }> {
  const impacts = await ctx.storage.catalog.listImpacts({ customerId });
  const own = await ctx.storage.monitoring.listMonitors({ customerId }, { limit: 500, offset: 0 });
  const ids = new Set([...impacts.map((i) => i.serviceId), ...own.items.map((m) => m.serviceId)]);
  const services: Service[] = [];
  for (const id of ids) {
    const s = await ctx.storage.catalog.findService(id);
    if (s && s.archivedAt === null) services.push(s);
  }
  services.sort((a, b) => a.name.localeCompare(b.name));
  const all = await ctx.storage.monitoring.monitorsOfServices(services.map((s) => s.id));
  const monitors = new Map<string, MonitorRecord[]>();
  for (const m of all) {
    if (m.paused || (m.customerId !== null && m.customerId !== customerId)) continue;
    const list = monitors.get(m.serviceId) ?? [];
    list.push(m);
    monitors.set(m.serviceId, list);
  }
  return { services, monitors };
}

function isoDate(start: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(start);
}

/** What a status page shows for a customer: each service's state now, 90 daily figures, outages, maintenance. */
export async function buildCustomerStatus(
  ctx: AppContext,
  customer: Customer,
  title: string | null,
): Promise<CustomerStatus> {
  const now = ctx.clock.now();
  const zone = customer.timeZone;
  const days = lastLocalDays(now, STATUS_DAYS, zone);
  const range: Interval = { start: (days[0] as Interval).start, end: now };
  const month = calendarMonth(monthOf(now, zone), zone);
  const { services, monitors } = await servicesOf(ctx, customer.id);
  const all = [...monitors.values()].flat();
  const windows = await windowsFor(ctx.storage, all);
  const result: ServiceStatus[] = [];
  for (const service of services) {
    const own = monitors.get(service.id) ?? [];
    const counting = await countingFor(ctx.storage, service.id, customer.id);
    const { combined } = await serviceSpans(ctx.storage, service, own, range, now);
    const formula = toFormula(combined);
    const figuresOf = (from: number, to: number): AvailabilityFigures =>
      availability({ calendar: counting.calendar, from, to: Math.max(from, Math.min(to, now)), ...formula });
    const inMaintenance = (m: MonitorRecord): boolean =>
      windows.some(
        (w) =>
          windowApplies(w, m) &&
          maintenanceIntervals(w.definition as MaintenanceWindow, now, now + 1).length > 0,
      );
    const state =
      own.length === 0
        ? 'unknown'
        : combineStates(
            own.map((m) => (inMaintenance(m) ? 'maintenance' : m.runtime.state)),
            service.monitorRule,
          );
    result.push({
      serviceId: service.id,
      name: service.name,
      state,
      target: counting.target,
      month: figuresOf(Math.max(month.start, range.start), month.end),
      days: days.map((d) => ({
        date: isoDate(d.start, zone),
        start: d.start,
        end: d.end,
        figures: figuresOf(d.start, d.end),
      })),
      monitors: own.length,
    });
  }
  const names = new Map(services.map((s) => [s.id, s.name]));
  const outages =
    all.length === 0
      ? { items: [] as Outage[] }
      : await ctx.storage.monitoring.listOutages(
          { monitorIds: all.map((m) => m.id), from: range.start },
          { limit: 100, offset: 0 },
        );
  const maintenance = windows
    .flatMap((w) =>
      maintenanceIntervals(w.definition as MaintenanceWindow, now, now + UPCOMING_MS).map((i) => ({
        name: w.name,
        serviceName: w.serviceId ? (names.get(w.serviceId) ?? null) : null,
        start: i.start,
        end: i.end,
      })),
    )
    .sort((a, b) => a.start - b.start)
    .slice(0, 20);
  return {
    customerId: customer.id,
    customerName: customer.name,
    title: title ?? customer.name,
    timeZone: zone,
    generatedAt: now,
    services: result,
    outages: outages.items.map((o) => ({ ...o, serviceName: names.get(o.serviceId) ?? '' })),
    maintenance,
  };
}

/** A customer's status page, for its own viewers and for staff. */
export async function customerStatus(
  ctx: AppContext,
  actor: Actor,
  customerId: string,
): Promise<CustomerStatus> {
  assertCustomerVisible(actor, customerId, 'CUSTOMER_NOT_FOUND', 'customer');
  const customer = await ctx.storage.customers.findById(customerId);
  if (!customer) throw new DomainError('CUSTOMER_NOT_FOUND', 'customer not found', { id: customerId });
  const page = await ctx.storage.monitoring.findStatusPage(customerId);
  return buildCustomerStatus(ctx, customer, page?.title ?? null);
}

/** The public status page behind a secret link; an unknown or withdrawn link is simply not found. */
export async function publicStatus(ctx: AppContext, token: string): Promise<CustomerStatus> {
  const page = await ctx.storage.monitoring.findStatusPageByToken(ctx.secrets.digest(token));
  if (!page) throw notFound();
  const customer = await ctx.storage.customers.findById(page.customerId);
  if (!customer || customer.archivedAt !== null) throw notFound();
  return buildCustomerStatus(ctx, customer, page.title);
}

export async function statusPageSettings(
  ctx: AppContext,
  actor: Actor,
  customerId: string,
): Promise<StatusPageSettings> {
  assertCustomerVisible(actor, customerId, 'CUSTOMER_NOT_FOUND', 'customer');
  if (!(await ctx.storage.customers.findById(customerId)))
    throw new DomainError('CUSTOMER_NOT_FOUND', 'customer not found', { id: customerId });
  const page = await ctx.storage.monitoring.findStatusPage(customerId);
  return { customerId, public: page?.publicTokenHash != null, title: page?.title ?? null, publicToken: null };
}

/**
 * Makes a customer's status page public (a new secret link, shown once; any earlier link stops working) or
 * private again, and sets its title.
 */
export async function configureStatusPage(
  ctx: AppContext,
  actor: Actor,
  customerId: string,
  input: { readonly public?: boolean; readonly rotate?: boolean; readonly title?: string | null },
): Promise<StatusPageSettings> {
  requireRole(actor, 'manager');
  const customer = await ctx.storage.customers.findById(customerId);
  if (!customer) throw new DomainError('CUSTOMER_NOT_FOUND', 'customer not found', { id: customerId });
  const before = await ctx.storage.monitoring.findStatusPage(customerId);
  const wasPublic = before?.publicTokenHash != null;
  const makePublic = input.public ?? wasPublic;
  const newToken = makePublic && (!wasPublic || input.rotate === true) ? ctx.secrets.randomToken(24) : null;
  const now = ctx.clock.now();
  const title = input.title !== undefined ? input.title?.trim() || null : (before?.title ?? null);
  const hash = makePublic
    ? newToken
      ? ctx.secrets.digest(newToken)
      : (before?.publicTokenHash ?? null)
    : null;
  await ctx.storage.transaction(async (repos) => {
    await repos.monitoring.saveStatusPage({ customerId, publicTokenHash: hash, title, updatedAt: now });
    await audit(repos.audit, actor, now, {
      action: 'status_page.updated',
      entityType: 'customer',
      entityId: customerId,
      customerId,
      summary: makePublic
        ? newToken
          ? `Status page of "${customer.name}" published with a new link`
          : `Status page of "${customer.name}" updated`
        : `Status page of "${customer.name}" made private`,
    });
  });
  return { customerId, public: makePublic, title, publicToken: newToken };
}
