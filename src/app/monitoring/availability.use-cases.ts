import {
  availability,
  type AvailabilityFigures,
  type StateSpan,
} from '../../domain/availability/availability.ts';
import type { BusinessCalendar } from '../../domain/calendars/business-calendar.ts';
import { provisionalSpans } from '../../domain/monitoring/check-sequence.ts';
import {
  burnRateAlerts,
  burnRateWindows,
  errorBudget,
  type BurnRateAlerts,
  type ErrorBudget,
} from '../../domain/monitoring/error-budget.ts';
import { applyMaintenance } from '../../domain/monitoring/maintenance.ts';
import { calendarMonth, monthOf } from '../../domain/monitoring/periods.ts';
import { combineMonitorSpans } from '../../domain/monitoring/service-state.ts';
import type { MonitorStateSpan } from '../../domain/monitoring/types.ts';
import { DomainError } from '../../domain/shared/errors.ts';
import type { Interval } from '../../domain/shared/time.ts';
import type { Actor } from '../actor.ts';
import { compiledCalendar, TWENTY_FOUR_SEVEN } from '../catalog/calendar-cache.ts';
import type { Service } from '../catalog/catalog.repository.ts';
import type { AppContext } from '../context.ts';
import type { Repositories } from '../ports/repositories.ts';
import { resolveSlaWith } from '../slas/assignment.use-cases.ts';
import { trackerParams } from './check-recording.ts';
import { maintenanceOf, windowsFor } from './maintenance.use-cases.ts';
import type { MonitorRecord } from './monitoring.repository.ts';
import type { TrackerState } from '../../domain/monitoring/check-sequence.ts';

export interface AvailabilityQuery {
  /** A calendar month "YYYY-MM" in the customer's time zone (UTC without a customer); default: this month. */
  readonly month?: string;
  readonly from?: number;
  readonly to?: number;
  /** Whose figure: monitors of this customer and shared ones, counted on this customer's SLA. */
  readonly customerId?: string;
  /** Overrides which side degraded time counts on (default: up). */
  readonly degraded?: 'up' | 'down';
}

export interface MonitorFigure {
  readonly monitorId: string;
  readonly name: string;
  readonly figures: AvailabilityFigures;
}

export interface ServiceAvailability {
  readonly serviceId: string;
  readonly serviceName: string;
  readonly customerId: string | null;
  readonly month: string | null;
  /** The period asked for, and the part of it counted so far (up to now). */
  readonly period: Interval;
  readonly counted: Interval;
  readonly sla: { readonly id: string; readonly name: string; readonly version: number } | null;
  readonly target: number | null;
  /** The service hours counted; null = around the clock. */
  readonly calendar: { readonly id: string; readonly name: string } | null;
  readonly degraded: 'up' | 'down';
  readonly figures: AvailabilityFigures;
  /** The error budget of the whole period: allowed downtime, used, remaining. */
  readonly errorBudget: ErrorBudget | null;
  readonly monitors: readonly MonitorFigure[];
}

/** Resolves the period: a month in the zone, a custom range, or this month. */
export function resolvePeriod(
  query: AvailabilityQuery,
  timeZone: string,
  now: number,
): { period: Interval; month: string | null } {
  if (query.from !== undefined || query.to !== undefined) {
    if (query.month !== undefined)
      throw new DomainError('PERIOD_INVALID', 'give either a month or from/to, not both');
    if (query.from === undefined || query.to === undefined)
      throw new DomainError('PERIOD_INVALID', 'a custom range needs both from and to');
    if (!(query.to > query.from)) throw new DomainError('PERIOD_INVALID', '"to" must be after "from"');
    return { period: { start: query.from, end: query.to }, month: null };
  }
  const month = query.month ?? monthOf(now, timeZone);
  return { period: calendarMonth(month, timeZone), month };
}

/** A monitor's state spans over the range: stored ones plus the tracker's not-yet-final tail up to now. */
export function monitorSpans(
  stored: readonly MonitorStateSpan[],
  monitor: MonitorRecord,
  now: number,
): MonitorStateSpan[] {
  const tracker = monitor.runtime.tracker as TrackerState | null;
  const tail =
    tracker && tracker.lastCheckAt !== null
      ? provisionalSpans(tracker, now, trackerParams(monitor.definition))
      : [];
  return [...stored.map((s) => ({ ...s, end: Math.min(s.end, now) })), ...tail].filter(
    (s) => s.end > s.start,
  );
}

export function toFormula(spans: readonly MonitorStateSpan[]): {
  states: StateSpan[];
  maintenance: Interval[];
} {
  const states: StateSpan[] = [];
  const maintenance: Interval[] = [];
  for (const s of spans) {
    if (s.state === 'maintenance') maintenance.push({ start: s.start, end: s.end });
    else states.push({ start: s.start, end: s.end, state: s.state });
  }
  return { states, maintenance };
}

interface Counting {
  readonly sla: ServiceAvailability['sla'];
  readonly target: number | null;
  readonly calendar: BusinessCalendar;
  readonly calendarRef: ServiceAvailability['calendar'];
}

/** The SLA terms that say how a customer's service is counted: target and service hours. */
export async function countingFor(
  repos: Pick<Repositories, 'slas' | 'catalog'>,
  serviceId: string,
  customerId: string | null,
): Promise<Counting> {
  const none: Counting = { sla: null, target: null, calendar: TWENTY_FOUR_SEVEN, calendarRef: null };
  if (customerId === null) return none;
  const resolved = await resolveSlaWith(repos, { customerId, serviceId, priority: null, ticketType: null });
  if (!resolved) return none;
  const { version } = resolved;
  const term =
    version.terms.availability.find((a) => a.serviceId === serviceId) ??
    version.terms.availability.find((a) => a.serviceId === null);
  const sla = await repos.slas.findSla(resolved.slaId);
  const slaRef = { id: resolved.slaId, name: sla?.name ?? resolved.slaId, version: version.version };
  if (!term) return { ...none, sla: slaRef };
  const record = term.calendarId ? await repos.catalog.findCalendar(term.calendarId) : undefined;
  return {
    sla: slaRef,
    target: term.target,
    calendar: record ? compiledCalendar(record) : TWENTY_FOUR_SEVEN,
    calendarRef: record ? { id: record.id, name: record.name } : null,
  };
}

/**
 * The availability of a service over a period, the way the contract counts it: the SLA's service hours,
 * maintenance neither up nor down, unknown time apart, the service's monitors combined by its rule. Time after
 * now is not counted yet.
 */
export async function serviceAvailability(
  ctx: AppContext,
  actor: Actor,
  serviceId: string,
  query: AvailabilityQuery,
): Promise<ServiceAvailability> {
  const service = await ctx.storage.catalog.findService(serviceId);
  if (!service) throw new DomainError('SERVICE_NOT_FOUND', 'service not found', { id: serviceId });
  const customerId = actor.customerId ?? query.customerId ?? null;
  const customer = customerId === null ? undefined : await ctx.storage.customers.findById(customerId);
  if (customerId !== null && !customer)
    throw new DomainError('CUSTOMER_NOT_FOUND', 'customer not found', { id: customerId });
  const now = ctx.clock.now();
  const { period, month } = resolvePeriod(query, customer?.timeZone ?? 'UTC', now);
  const monitors = (await ctx.storage.monitoring.monitorsOfServices([serviceId])).filter(
    (m) => customerId === null || m.customerId === null || m.customerId === customerId,
  );
  return computeAvailability(ctx.storage, {
    service,
    customerId,
    monitors,
    period,
    month,
    now,
    degraded: query.degraded,
  });
}

/**
 * The state spans of a service's monitors over a range (stored spans, the trackers' tail up to now, their
 * maintenance windows laid over them) and of the service, combined by its monitor rule.
 */
export async function serviceSpans(
  repos: Pick<Repositories, 'monitoring'>,
  service: Pick<Service, 'monitorRule'>,
  monitors: readonly MonitorRecord[],
  range: Interval,
  now: number,
): Promise<{ perMonitor: MonitorStateSpan[][]; combined: MonitorStateSpan[] }> {
  const stored = await repos.monitoring.spans(
    monitors.map((m) => m.id),
    range.start,
    range.end,
  );
  const windows = await windowsFor(repos, monitors);
  const perMonitor = monitors.map((m) =>
    applyMaintenance(
      monitorSpans(stored.get(m.id) ?? [], m, now),
      maintenanceOf(windows, m, range.start, range.end),
      range,
    ),
  );
  return { perMonitor, combined: combineMonitorSpans(perMonitor, service.monitorRule, range) };
}

/** The figure of one service for one customer over one period, from storage (shared by API, status page and reports). */
export async function computeAvailability(
  repos: Pick<Repositories, 'slas' | 'catalog' | 'monitoring'>,
  input: {
    readonly service: Service;
    readonly customerId: string | null;
    readonly monitors: readonly MonitorRecord[];
    readonly period: Interval;
    readonly month: string | null;
    readonly now: number;
    readonly degraded?: 'up' | 'down' | undefined;
  },
): Promise<ServiceAvailability> {
  const { service, customerId, monitors, period, now } = input;
  const counting = await countingFor(repos, service.id, customerId);
  const degraded = input.degraded ?? 'up';
  const counted = { start: period.start, end: Math.max(period.start, Math.min(period.end, now)) };
  const { perMonitor, combined } = await serviceSpans(repos, service, monitors, counted, now);
  const monitorFigures: MonitorFigure[] = monitors.map((m, i) => ({
    monitorId: m.id,
    name: m.name,
    figures: availability({
      calendar: counting.calendar,
      from: counted.start,
      to: counted.end,
      ...toFormula(perMonitor[i] ?? []),
      degraded,
    }),
  }));
  const figures = availability({
    calendar: counting.calendar,
    from: counted.start,
    to: counted.end,
    ...toFormula(combined),
    degraded,
  });
  let budget: ErrorBudget | null = null;
  if (counting.target !== null) {
    // The budget of the whole period: its service hours, less what is known to be maintenance or unknown.
    const bad = figures.downMs + (degraded === 'down' ? figures.degradedMs : 0);
    const countable = Math.max(
      0,
      counting.calendar.elapsed(period.start, period.end) - figures.maintenanceMs - figures.unknownMs,
    );
    budget = errorBudget(counting.target, countable, bad);
  }
  return {
    serviceId: service.id,
    serviceName: service.name,
    customerId,
    month: input.month,
    period,
    counted,
    sla: counting.sla,
    target: counting.target,
    calendar: counting.calendarRef,
    degraded,
    figures,
    errorBudget: budget,
    monitors: monitorFigures,
  };
}

export interface ServiceBurnRate {
  readonly serviceId: string;
  readonly customerId: string;
  readonly target: number;
  readonly at: number;
  readonly alerts: BurnRateAlerts;
}

/**
 * How fast a customer's service is spending its error budget now: the multi-window burn-rate rules over the
 * last three days, counted in the SLA's service hours like the figure itself.
 * @throws DomainError AVAILABILITY_NO_TARGET when the customer's SLA sets no availability target for it
 */
export async function serviceBurnRate(
  ctx: AppContext,
  actor: Actor,
  serviceId: string,
  query: { readonly customerId?: string },
): Promise<ServiceBurnRate> {
  const service = await ctx.storage.catalog.findService(serviceId);
  if (!service) throw new DomainError('SERVICE_NOT_FOUND', 'service not found', { id: serviceId });
  const customerId = actor.customerId ?? query.customerId ?? null;
  if (customerId === null)
    throw new DomainError('AVAILABILITY_NO_TARGET', 'a burn rate needs a customer: its SLA gives the target');
  const counting = await countingFor(ctx.storage, serviceId, customerId);
  if (counting.target === null) {
    throw new DomainError(
      'AVAILABILITY_NO_TARGET',
      "the customer's SLA sets no availability target for this service",
    );
  }
  const now = ctx.clock.now();
  const windows = burnRateWindows(now);
  const range = { start: Math.min(...windows.map((w) => w.start)), end: now };
  const monitors = (await ctx.storage.monitoring.monitorsOfServices([serviceId])).filter(
    (m) => m.customerId === null || m.customerId === customerId,
  );
  const { combined } = await serviceSpans(ctx.storage, service, monitors, range, now);
  const formula = toFormula(combined);
  const alerts = burnRateAlerts(
    (from, to) => {
      const f = availability({ calendar: counting.calendar, from, to, ...formula });
      return { upMs: f.upMs + f.degradedMs, downMs: f.downMs };
    },
    counting.target,
    now,
  );
  return { serviceId, customerId, target: counting.target, at: now, alerts };
}
