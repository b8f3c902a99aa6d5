// The availability of a customer's services over several periods at once (the reported one and those of its
// trend): every monitor's spans, maintenance and outages are read once for the whole span and the formula is
// applied per period, so a report costs a few queries per service rather than a few per service and period.
import { availability } from '../../domain/availability/availability.ts';
import { errorBudget } from '../../domain/monitoring/error-budget.ts';
import { applyMaintenance } from '../../domain/monitoring/maintenance.ts';
import { combineMonitorSpans } from '../../domain/monitoring/service-state.ts';
import type { ReportService } from '../../domain/reports/customer-report.ts';
import type { Interval } from '../../domain/shared/time.ts';
import type { CatalogRepository, Service } from '../catalog/catalog.repository.ts';
import type { AppContext } from '../context.ts';
import { countingFor, monitorSpans, toFormula } from '../monitoring/availability.use-cases.ts';
import { maintenanceOf, windowsFor } from '../monitoring/maintenance.use-cases.ts';
import type { MonitorRecord, Outage } from '../monitoring/monitoring.repository.ts';
import type { Repositories } from '../ports/repositories.ts';
import type { SlasRepository } from '../slas/slas.repository.ts';

const OUTAGE_PAGE = 1000;
const SERVICE_PAGE = 500;

/**
 * The SLA and catalog reads of one report, remembered: every service asks for the same assignment rules,
 * SLAs and calendars, which do not change while a report is computed.
 */
export function memoReaders(
  repos: Pick<Repositories, 'slas' | 'catalog'>,
): Pick<Repositories, 'slas' | 'catalog'> {
  const memo = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, load: () => Promise<T>): Promise<T> => {
    let hit = memo.get(key) as Promise<T> | undefined;
    if (!hit) {
      hit = load();
      memo.set(key, hit);
    }
    return hit;
  };
  // Objects whose prototype is the real repository: the remembered methods shadow it, the rest reach it.
  const slas: SlasRepository = Object.assign(Object.create(repos.slas) as SlasRepository, {
    listRules: () => once('rules', () => repos.slas.listRules()),
    findSla: (id: string) => once(`sla:${id}`, () => repos.slas.findSla(id)),
    findActiveVersion: (id: string) => once(`active:${id}`, () => repos.slas.findActiveVersion(id)),
  });
  const catalog: CatalogRepository = Object.assign(Object.create(repos.catalog) as CatalogRepository, {
    findCalendar: (id: string) => once(`calendar:${id}`, () => repos.catalog.findCalendar(id)),
  });
  return { slas, catalog };
}

async function outagesOf(ctx: AppContext, monitorIds: readonly string[], range: Interval): Promise<Outage[]> {
  const out: Outage[] = [];
  for (let offset = 0; monitorIds.length > 0; offset += OUTAGE_PAGE) {
    const page = await ctx.storage.monitoring.listOutages(
      { monitorIds, from: range.start, to: range.end },
      { limit: OUTAGE_PAGE, offset },
    );
    out.push(...page.items);
    if (page.items.length < OUTAGE_PAGE) break;
  }
  return out;
}

/**
 * The customer's services as the status page lists them (an impact recorded for the customer, or a monitor
 * of the customer), with their active monitors: read by page rather than one service at a time.
 */
async function customerServices(
  ctx: AppContext,
  customerId: string,
): Promise<{ services: Service[]; monitors: Map<string, MonitorRecord[]> }> {
  const byId = new Map<string, Service>();
  for (let offset = 0; ; offset += SERVICE_PAGE) {
    const page = await ctx.storage.catalog.listServices(
      { impactForCustomerId: customerId },
      { limit: SERVICE_PAGE, offset },
    );
    for (const s of page.items) byId.set(s.id, s);
    if (page.items.length < SERVICE_PAGE) break;
  }
  const own = await ctx.storage.monitoring.listMonitors({ customerId }, { limit: SERVICE_PAGE, offset: 0 });
  for (const m of own.items) {
    if (byId.has(m.serviceId)) continue;
    const s = await ctx.storage.catalog.findService(m.serviceId);
    if (s && s.archivedAt === null) byId.set(s.id, s);
  }
  const services = [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
  const monitors = new Map<string, MonitorRecord[]>();
  for (const m of await ctx.storage.monitoring.monitorsOfServices(services.map((s) => s.id))) {
    if (m.paused || (m.customerId !== null && m.customerId !== customerId)) continue;
    const list = monitors.get(m.serviceId) ?? [];
    list.push(m);
    monitors.set(m.serviceId, list);
  }
  return { services, monitors };
}

const overlaps = (o: Outage, p: Interval): boolean =>
  o.startedAt < p.end && (o.endedAt === null || o.endedAt > p.start);

/**
 * Each period's availability rows of the customer's services (one list per period, in the order given),
 * counted like the availability API: the SLA's service hours, maintenance and unknown time apart, time
 * after now not yet counted, the error budget of the whole period.
 */
export async function servicesOverPeriods(
  ctx: AppContext,
  readers: Pick<Repositories, 'slas' | 'catalog'>,
  customerId: string,
  periods: readonly Interval[],
  now: number,
): Promise<ReportService[][]> {
  const { services, monitors } = await customerServices(ctx, customerId);
  const all: MonitorRecord[] = services.flatMap((s) => monitors.get(s.id) ?? []);
  const start = Math.min(...periods.map((p) => p.start));
  const end = Math.max(start, Math.min(Math.max(...periods.map((p) => p.end)), now));
  const range = { start, end };
  const ids = all.map((m) => m.id);
  const stored = ids.length === 0 ? new Map() : await ctx.storage.monitoring.spans(ids, start, end);
  const windows = all.length === 0 ? [] : await windowsFor(ctx.storage, all);
  const outages = await outagesOf(ctx, ids, { start, end: Math.max(...periods.map((p) => p.end)) });
  const out: ReportService[][] = periods.map(() => []);
  for (const service of services) {
    const own = monitors.get(service.id) ?? [];
    const counting = await countingFor(readers, service.id, customerId);
    const version = counting.sla ? await readers.slas.findActiveVersion(counting.sla.id) : undefined;
    const perMonitor = own.map((m) =>
      applyMaintenance(
        monitorSpans(stored.get(m.id) ?? [], m, now),
        maintenanceOf(windows, m, start, end),
        range,
      ),
    );
    const formula = toFormula(combineMonitorSpans(perMonitor, service.monitorRule, range));
    const ownIds = new Set(own.map((m) => m.id));
    const ownOutages = outages.filter((o) => ownIds.has(o.monitorId));
    periods.forEach((period, i) => {
      const counted = { start: period.start, end: Math.max(period.start, Math.min(period.end, now)) };
      const f = availability({
        calendar: counting.calendar,
        from: counted.start,
        to: counted.end,
        ...formula,
      });
      let budgetUsed: number | null = null;
      if (counting.target !== null) {
        // As the availability API: the budget of the whole period, less maintenance and unknown time.
        const countable = Math.max(
          0,
          counting.calendar.elapsed(period.start, period.end) - f.maintenanceMs - f.unknownMs,
        );
        budgetUsed = errorBudget(counting.target, countable, f.downMs).consumed;
      }
      out[i]?.push({
        serviceId: service.id,
        name: service.name,
        target: counting.target,
        availability: f.availability,
        upMs: f.upMs + f.degradedMs,
        downMs: f.downMs,
        maintenanceMs: f.maintenanceMs,
        unknownMs: f.unknownMs,
        outages: ownOutages.filter((o) => overlaps(o, period)).length,
        errorBudgetUsed: budgetUsed,
        credits: version?.terms.credits ?? [],
        slaId: counting.sla?.id ?? null,
      });
    });
  }
  return out;
}
