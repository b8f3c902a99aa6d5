// A customer's report for a period: reads tickets with their stored clocks and each service's availability,
// then leaves the figures to src/domain/reports.
import {
  customerReportFigures,
  type CustomerReportFigures,
  type ReportService,
  type ReportTicket,
} from '../../domain/reports/customer-report.ts';
import { DomainError } from '../../domain/shared/errors.ts';
import type { Interval } from '../../domain/shared/time.ts';
import { assertCustomerVisible, type Actor } from '../actor.ts';
import type { AppContext } from '../context.ts';
import type { Customer } from '../customers/customers.repository.ts';
import { computeAvailability, resolvePeriod } from '../monitoring/availability.use-cases.ts';
import type { MonitorRecord } from '../monitoring/monitoring.repository.ts';
import { servicesOf } from '../monitoring/status-page.use-cases.ts';
import { resolveSlaWith } from '../slas/assignment.use-cases.ts';
import { clockAt } from '../tickets/ticket-clocks.ts';
import type { Ticket } from '../tickets/tickets.repository.ts';

/** Tickets read per query, and ticket ids per clock query. */
const BATCH = 500;
const NO_CALENDARS = new Map<never, never>();

export interface ReportQuery {
  /** A calendar month "YYYY-MM" in the customer's time zone; default: this month. */
  readonly month?: string;
  readonly from?: number;
  readonly to?: number;
}

export interface CustomerReport {
  readonly customer: Pick<Customer, 'id' | 'name' | 'timeZone' | 'locale'>;
  /** Null for a custom range. */
  readonly month: string | null;
  readonly generatedAt: number;
  /** The SLA the customer's tickets fall under by default, if any. */
  readonly sla: { readonly id: string; readonly name: string; readonly version: number } | null;
  readonly figures: CustomerReportFigures;
}

/** The customer's tickets that matter for the period: created before its end, not resolved before its start. */
async function ticketsOf(
  ctx: AppContext,
  customerId: string,
  period: Interval,
  now: number,
): Promise<Ticket[]> {
  const out: Ticket[] = [];
  for (let offset = 0; ; offset += BATCH) {
    const page = await ctx.storage.tickets.list(
      { onlyCustomerId: customerId, customerId, createdTo: period.end, sort: 'created' },
      { limit: BATCH, offset },
      now,
    );
    for (const t of page.items) if (t.resolvedAt === null || t.resolvedAt >= period.start) out.push(t);
    if (page.items.length < BATCH) return out;
  }
}

async function reportTickets(
  ctx: AppContext,
  tickets: readonly Ticket[],
  now: number,
): Promise<ReportTicket[]> {
  const clocks = new Map<string, ReportTicket['clocks'][number][]>();
  for (let i = 0; i < tickets.length; i += BATCH) {
    const stored = await ctx.storage.tickets.clocksOf(tickets.slice(i, i + BATCH).map((t) => t.id));
    for (const c of stored) {
      // Running clocks only need their state now (breached once due); their elapsed time is not reported.
      const r = clockAt(c, now, NO_CALENDARS);
      const list = clocks.get(c.ticketId) ?? [];
      list.push({
        metric: r.metric,
        state: r.state,
        durationMs: r.durationMs,
        elapsedMs: r.elapsedMs,
        dueAt: r.dueAt,
        stoppedAt: r.stoppedAt,
        breachedAt: r.breachedAt,
      });
      clocks.set(c.ticketId, list);
    }
  }
  return tickets.map((t) => ({
    id: t.id,
    number: t.number,
    title: t.title,
    priority: t.priority,
    createdAt: t.createdAt,
    resolvedAt: t.resolvedAt,
    clocks: clocks.get(t.id) ?? [],
  }));
}

async function reportServices(
  ctx: AppContext,
  customerId: string,
  period: Interval,
  month: string | null,
  now: number,
): Promise<ReportService[]> {
  const { services, monitors } = await servicesOf(ctx, customerId);
  const out: ReportService[] = [];
  for (const service of services) {
    const own: readonly MonitorRecord[] = monitors.get(service.id) ?? [];
    const a = await computeAvailability(ctx.storage, {
      service,
      customerId,
      monitors: own,
      period,
      month,
      now,
    });
    const outages =
      own.length === 0
        ? 0
        : (
            await ctx.storage.monitoring.listOutages(
              { monitorIds: own.map((m) => m.id), from: period.start, to: period.end },
              { limit: 1, offset: 0 },
            )
          ).total;
    const sla = await resolveSlaWith(ctx.storage, {
      customerId,
      serviceId: service.id,
      priority: null,
      ticketType: null,
    });
    out.push({
      serviceId: service.id,
      name: service.name,
      target: a.target,
      availability: a.figures.availability,
      upMs: a.figures.upMs + a.figures.degradedMs,
      downMs: a.figures.downMs,
      maintenanceMs: a.figures.maintenanceMs,
      unknownMs: a.figures.unknownMs,
      outages,
      errorBudgetUsed: a.errorBudget?.consumed ?? null,
      credits: sla?.version.terms.credits ?? [],
    });
  }
  return out;
}

/**
 * The report of a customer for a calendar month in its time zone (default: this month) or a range: availability
 * per service, ticket compliance, response and resolution times, counts, breaches, credits and a summary.
 * Customer viewers see only their own customer.
 * @throws DomainError CUSTOMER_NOT_FOUND, PERIOD_INVALID
 */
export async function customerReport(
  ctx: AppContext,
  actor: Actor,
  customerId: string,
  query: ReportQuery,
): Promise<CustomerReport> {
  assertCustomerVisible(actor, customerId, 'CUSTOMER_NOT_FOUND', 'customer');
  const customer = await ctx.storage.customers.findById(customerId);
  if (!customer) throw new DomainError('CUSTOMER_NOT_FOUND', 'customer not found', { id: customerId });
  const now = ctx.clock.now();
  const { period, month } = resolvePeriod(query, customer.timeZone, now);
  const tickets = await reportTickets(ctx, await ticketsOf(ctx, customerId, period, now), now);
  const services = await reportServices(ctx, customerId, period, month, now);
  const resolved = await resolveSlaWith(ctx.storage, {
    customerId,
    serviceId: null,
    priority: null,
    ticketType: null,
  });
  const slaRecord = resolved ? await ctx.storage.slas.findSla(resolved.slaId) : undefined;
  return {
    customer: { id: customer.id, name: customer.name, timeZone: customer.timeZone, locale: customer.locale },
    month,
    generatedAt: now,
    sla: resolved
      ? { id: resolved.slaId, name: slaRecord?.name ?? resolved.slaId, version: resolved.version.version }
      : null,
    figures: customerReportFigures({ period, tickets, services }),
  };
}
