// A customer's report for a period: reads tickets with their stored clocks and each service's availability
// over the period and the three before it, then leaves the figures to src/domain/reports.
import {
  breachList,
  customerReportFigures,
  DEFAULT_COMPLIANCE_GOAL,
  trendFigures,
  type CustomerReportFigures,
  type RecordedBreachReason,
  type ReportClock,
  type ReportSla,
  type ReportTicket,
} from '../../domain/reports/customer-report.ts';
import {
  parsePeriod,
  periodContaining,
  previousPeriods,
  rangeSpec,
  reportPeriod,
  type PeriodSpec,
  type ReportPeriod,
} from '../../domain/reports/periods.ts';
import { reportTrend, TREND_PERIODS, type ReportTrend } from '../../domain/reports/trend.ts';
import { DomainError } from '../../domain/shared/errors.ts';
import { assertCustomerVisible, roleAtLeast, type Actor } from '../actor.ts';
import type { AppContext } from '../context.ts';
import type { Customer } from '../customers/customers.repository.ts';
import type { Repositories } from '../ports/repositories.ts';
import { breachReasonCategories } from '../reviews/breach-reasons.use-cases.ts';
import { resolveSlaWith } from '../slas/assignment.use-cases.ts';
import { memoReaders, servicesOverPeriods } from './report-services.ts';

export interface ReportQuery {
  /** "2026-03", "2026-Q3", "2026" or "<from>..<to>"; default: this month in the customer's zone. */
  readonly period?: string;
  /** A calendar month "YYYY-MM" (the older way to ask for one). */
  readonly month?: string;
  /** A custom range: ISO dates in the customer's zone (`to` included) or instants with offset (`to` excluded). */
  readonly from?: string;
  readonly to?: string;
  /** Include staff notes on breach reasons; honoured for staff only, never for a customer's token. */
  readonly notes?: boolean;
}

export interface ComputeOptions {
  /** Copy staff notes on breach reasons into the report (never in issued reports, which customers read). */
  readonly notes?: boolean;
}

/**
 * The customer report's model: what the JSON, CSV, page and PDF present. Instants are epoch ms; shares are
 * fractions. New fields may be added; existing ones keep their meaning.
 */
export interface CustomerReport {
  readonly customer: Pick<Customer, 'id' | 'name' | 'timeZone' | 'locale'>;
  readonly period: ReportPeriod;
  /** The period's key when it is a calendar month, else null (kept from the first version of the model). */
  readonly month: string | null;
  readonly generatedAt: number;
  /** The SLA the customer's tickets fall under by default, if any. */
  readonly sla: { readonly id: string; readonly name: string; readonly version: number } | null;
  /** The reported period's figures; `figures.slas` holds them per SLA. */
  readonly figures: CustomerReportFigures;
  /** Key figures of the previous periods of the same kind and of this one, oldest first. */
  readonly trend: ReportTrend;
}

/**
 * Which period a query asks for: `period`, or `month`, or `from` and `to`, or this month.
 * @throws DomainError PERIOD_INVALID, INSTANT_INVALID
 */
export function periodSpecOf(query: ReportQuery, timeZone: string, now: number): PeriodSpec {
  const given = [query.period, query.month, query.from ?? query.to].filter((v) => v !== undefined);
  if (given.length > 1) throw new DomainError('PERIOD_INVALID', 'give one of period, month, or from and to');
  if (query.period !== undefined) return parsePeriod(query.period, timeZone);
  if (query.month !== undefined) {
    const spec = parsePeriod(query.month, timeZone);
    if (spec.kind !== 'month')
      throw new DomainError('PERIOD_INVALID', 'a month is written "YYYY-MM", e.g. 2026-03', {
        value: query.month,
      });
    return spec;
  }
  if (query.from !== undefined || query.to !== undefined) {
    if (query.from === undefined || query.to === undefined)
      throw new DomainError('PERIOD_INVALID', 'a custom range needs both from and to');
    return rangeSpec(query.from, query.to, timeZone);
  }
  return periodContaining('month', now, timeZone);
}

/** A stored clock as of now: a running clock whose due instant has passed has breached there. */
function asOf(c: ReportClock, now: number): ReportClock {
  if (c.state === 'running' && c.dueAt !== null && c.dueAt <= now)
    return { ...c, state: 'breached', breachedAt: c.dueAt };
  return c;
}

/** The SLAs the report speaks about, in order: the default one, then those of services and tickets. */
async function reportSlas(readers: Pick<Repositories, 'slas'>, ids: readonly string[]): Promise<ReportSla[]> {
  const out: ReportSla[] = [];
  for (const id of new Set(ids)) {
    const sla = await readers.slas.findSla(id);
    const version = await readers.slas.findActiveVersion(id);
    if (!sla) continue;
    out.push({
      id,
      name: sla.name,
      version: version?.version ?? 0,
      complianceGoal: version?.terms.complianceGoal ?? DEFAULT_COMPLIANCE_GOAL,
    });
  }
  return out;
}

/** The reasons recorded for the period's breaches, labelled; notes only when asked for. */
async function reasonsOfBreaches(
  ctx: AppContext,
  ticketIds: readonly string[],
  notes: boolean,
): Promise<RecordedBreachReason[]> {
  if (ticketIds.length === 0) return [];
  const recorded = await ctx.storage.reviews.breachReasonsOf(ticketIds);
  if (recorded.length === 0) return [];
  const categories = new Map((await breachReasonCategories(ctx.storage)).map((c) => [c.code, c.label]));
  return recorded.map((r) => ({
    ticketId: r.ticketId,
    metric: r.target,
    code: r.reason,
    // A category removed from the list keeps its code as the label, as the ticket view does.
    label: categories.get(r.reason) ?? { de: r.reason, en: r.reason },
    ...(notes ? { note: r.note } : {}),
  }));
}

/**
 * Computes a customer's report for a period, without asking who may see it (the callers do).
 * Reads the tickets and services of the period and of the three before it once.
 */
export async function computeCustomerReport(
  ctx: AppContext,
  customer: Customer,
  spec: PeriodSpec,
  now: number,
  options: ComputeOptions = {},
): Promise<CustomerReport> {
  const periods = [...previousPeriods(spec, TREND_PERIODS), spec].map((s) =>
    reportPeriod(s, customer.timeZone),
  );
  const current = periods[periods.length - 1] as ReportPeriod;
  const first = periods[0] as ReportPeriod;
  const readers = memoReaders(ctx.storage);
  const tickets: ReportTicket[] = (
    await ctx.storage.reports.reportTickets(customer.id, { start: first.start, end: current.end })
  ).map((t) =>
    t.clocks.some((c) => asOf(c, now) !== c) ? { ...t, clocks: t.clocks.map((c) => asOf(c, now)) } : t,
  );
  const services = await servicesOverPeriods(ctx, readers, customer.id, periods, now);
  const resolved = await resolveSlaWith(readers, {
    customerId: customer.id,
    serviceId: null,
    priority: null,
    ticketType: null,
  });
  const slaIds = [
    ...(resolved ? [resolved.slaId] : []),
    ...(services[services.length - 1] ?? []).flatMap((s) => (s.slaId ? [s.slaId] : [])),
    ...tickets.flatMap((t) => (t.slaId ? [t.slaId] : [])),
  ];
  const slas = await reportSlas(readers, slaIds);
  const defaultSla = resolved ? slas.find((s) => s.id === resolved.slaId) : undefined;
  const goal = defaultSla?.complianceGoal ?? DEFAULT_COMPLIANCE_GOAL;
  const input = (i: number) => ({
    period: { start: periods[i]?.start ?? 0, end: periods[i]?.end ?? 0 },
    tickets,
    services: services[i] ?? [],
    complianceGoal: goal,
  });
  const last = periods.length - 1;
  // Reasons exist for breached tickets only: ask for the few breached in the period, not every ticket.
  const breached = [...new Set(breachList(tickets, input(last).period).map((b) => b.ticketId))];
  const breachReasons = await reasonsOfBreaches(ctx, breached, options.notes === true);
  const figures = customerReportFigures({ ...input(last), slas, breachReasons });
  const earlier = periods.slice(0, last).map((_, i) => trendFigures(input(i)));
  return {
    customer: { id: customer.id, name: customer.name, timeZone: customer.timeZone, locale: customer.locale },
    period: current,
    month: current.kind === 'month' ? current.key : null,
    generatedAt: now,
    sla: defaultSla ? { id: defaultSla.id, name: defaultSla.name, version: defaultSla.version } : null,
    figures,
    trend: reportTrend(periods, [...earlier, figures]),
  };
}

/** The customer, if the actor may see it. @throws DomainError CUSTOMER_NOT_FOUND */
export async function visibleCustomer(ctx: AppContext, actor: Actor, customerId: string): Promise<Customer> {
  assertCustomerVisible(actor, customerId, 'CUSTOMER_NOT_FOUND', 'customer');
  const customer = await ctx.storage.customers.findById(customerId);
  if (!customer) throw new DomainError('CUSTOMER_NOT_FOUND', 'customer not found', { id: customerId });
  return customer;
}

/**
 * The report of a customer for a calendar month, quarter or year in its time zone (default: this month) or a
 * range: availability per service, ticket compliance, times, counts, breaches, credits, the same per SLA,
 * the trend over the three periods before, and a summary. Customer viewers see only their own customer.
 * Breaches carry their recorded reason category; the staff note only when staff ask with `notes`.
 * @throws DomainError CUSTOMER_NOT_FOUND, PERIOD_INVALID, INSTANT_INVALID
 */
export async function customerReport(
  ctx: AppContext,
  actor: Actor,
  customerId: string,
  query: ReportQuery,
): Promise<CustomerReport> {
  const customer = await visibleCustomer(ctx, actor, customerId);
  const now = ctx.clock.now();
  const notes = query.notes === true && actor.customerId === null && roleAtLeast(actor.role, 'agent');
  return computeCustomerReport(ctx, customer, periodSpecOf(query, customer.timeZone, now), now, { notes });
}
