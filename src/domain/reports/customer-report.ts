// The figures of a customer's report for one period, from tickets' clock results and services' availability.
// Pure: the caller reads storage and passes the period in as instants.
import type { Interval } from '../shared/time.ts';
import { reportSummary, type ReportSummary } from './summary.ts';

/** The share of tickets that must meet a target unless the SLA says otherwise. */
export const DEFAULT_COMPLIANCE_GOAL = 0.95;

export type ReportMetric = 'first_response' | 'resolution';
export const REPORT_METRICS: readonly ReportMetric[] = ['first_response', 'resolution'];

/** A ticket clock as stored (brought up to the report's time): only what the report needs. */
export interface ReportClock {
  readonly metric: string;
  /** met, breached, running, paused, cancelled (idle update clocks are ignored). */
  readonly state: string;
  readonly durationMs: number;
  /** Business time counted up to the stop. */
  readonly elapsedMs: number;
  readonly dueAt: number | null;
  readonly stoppedAt: number | null;
  readonly breachedAt: number | null;
}

export interface ReportTicket {
  readonly id: string;
  readonly number: number;
  readonly title: string;
  readonly priority: string;
  readonly createdAt: number;
  readonly resolvedAt: number | null;
  readonly clocks: readonly ReportClock[];
  /** The SLA the ticket is bound to; absent or null = none. */
  readonly slaId?: string | null;
}

/** A service's availability over the period, as the availability formula gave it. */
export interface ReportService {
  readonly serviceId: string;
  readonly name: string;
  readonly target: number | null;
  readonly availability: number | null;
  readonly upMs: number;
  readonly downMs: number;
  readonly maintenanceMs: number;
  readonly unknownMs: number;
  readonly outages: number;
  /** Share of the error budget used (1 = all spent), null without a target. */
  readonly errorBudgetUsed: number | null;
  /** The credit table of the SLA that counts this service, highest threshold first or in any order. */
  readonly credits: readonly CreditStep[];
  /** The SLA that counts this service for the customer; absent or null = none. */
  readonly slaId?: string | null;
}

export interface CreditStep {
  /** Availability (fraction) below which the credit applies. */
  readonly below: number;
  readonly creditPercent: number;
}

export interface ReportInput {
  readonly period: Interval;
  readonly tickets: readonly ReportTicket[];
  readonly services: readonly ReportService[];
  /** Share of tickets that must meet each target; default 95 %. */
  readonly complianceGoal?: number;
  /** The SLAs covering the customer, in the order their sections appear; without them there are no sections. */
  readonly slas?: readonly ReportSla[];
  /** Why tickets missed their targets, as staff recorded it; a breach without one counts as "no reason". */
  readonly breachReasons?: readonly RecordedBreachReason[];
}

/** A label in both report languages. */
export interface BilingualLabel {
  readonly de: string;
  readonly en: string;
}

/** The reason recorded for one target of one ticket, with its category's labels. */
export interface RecordedBreachReason {
  readonly ticketId: string;
  /** The target the reason is about: first_response, resolution (others are not in the report). */
  readonly metric: string;
  /** The category's code, e.g. waiting_on_vendor. */
  readonly code: string;
  readonly label: BilingualLabel;
  /** The staff note; absent when the report leaves notes out. */
  readonly note?: string | null;
}

/** How many of the period's breaches have each reason; `reason` null counts those without one. */
export interface BreachReasonCount {
  readonly reason: string | null;
  readonly label: BilingualLabel;
  readonly count: number;
}

/** The label of the breaches no reason was recorded for. */
export const NO_REASON_LABEL: BilingualLabel = { de: 'Kein Grund erfasst', en: 'No reason recorded' };

/** An SLA a report section is about. */
export interface ReportSla {
  readonly id: string;
  readonly name: string;
  readonly version: number;
  /** Share of tickets that must meet each target of this SLA. */
  readonly complianceGoal: number;
}

export interface ComplianceRow {
  readonly priority: string;
  readonly metric: ReportMetric;
  readonly met: number;
  readonly breached: number;
  /** met ÷ (met + breached). */
  readonly compliance: number;
  readonly goal: number;
  readonly achieved: boolean;
}

export interface TimeRow {
  /** A priority, or "all". */
  readonly priority: string;
  readonly metric: ReportMetric;
  readonly count: number;
  readonly meanBusinessMs: number;
  readonly p90BusinessMs: number;
  readonly meanCalendarMs: number;
  readonly p90CalendarMs: number;
}

export interface ReportCounts {
  /** Created in the period. */
  readonly opened: number;
  /** Resolved in the period. */
  readonly resolved: number;
  /** Still open at the end of the period. */
  readonly backlog: number;
}

export interface Breach {
  readonly ticketId: string;
  readonly number: number;
  readonly title: string;
  readonly priority: string;
  readonly metric: ReportMetric;
  readonly dueAt: number | null;
  readonly breachedAt: number;
  /** Null while the ticket is still open. */
  readonly stoppedAt: number | null;
  /** The reason category staff recorded; null when none was (absent in reports issued before reasons). */
  readonly reason?: { readonly code: string; readonly label: BilingualLabel } | null;
  /** The staff note on the reason, only in reports that include notes. */
  readonly note?: string | null;
}

export interface AvailabilityRow extends Omit<ReportService, 'credits' | 'slaId'> {
  /** Null without a target or without a figure. */
  readonly achieved: boolean | null;
}

export interface CreditRow {
  readonly serviceId: string;
  readonly name: string;
  readonly availability: number;
  readonly creditPercent: number;
}

export interface CustomerReportFigures {
  readonly period: Interval;
  readonly availability: readonly AvailabilityRow[];
  readonly compliance: readonly ComplianceRow[];
  readonly times: readonly TimeRow[];
  readonly counts: ReportCounts;
  readonly breaches: readonly Breach[];
  /** The breaches counted per reason, most frequent first, "no reason recorded" last (absent in reports issued before reasons). */
  readonly breachReasons?: readonly BreachReasonCount[];
  readonly credits: readonly CreditRow[];
  /** The same figures per SLA covering the customer (services by the SLA that counts them, tickets by theirs). */
  readonly slas: readonly SlaSection[];
  readonly summary: ReportSummary;
}

/** One SLA's part of the report; `sla` null holds tickets and services no SLA covers. */
export interface SlaSection {
  readonly sla: { readonly id: string; readonly name: string; readonly version: number } | null;
  readonly complianceGoal: number;
  readonly availability: readonly AvailabilityRow[];
  readonly compliance: readonly ComplianceRow[];
  readonly counts: ReportCounts;
  readonly breaches: number;
  readonly credits: readonly CreditRow[];
}

const within = (at: number | null, p: Interval): at is number => at !== null && at >= p.start && at < p.end;

const isReportMetric = (m: string): m is ReportMetric => m === 'first_response' || m === 'resolution';

/** Priorities in their natural order: P1 before P2 before P10, then by text. */
const byPriority = (a: string, b: string): number =>
  a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' });

/**
 * The 90th percentile by the nearest-rank method: the smallest value with at least 90 % of the values at or
 * below it (of 10 values the 9th, of 3 the 3rd).
 */
export function percentile90(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(0.9 * sorted.length) - 1] ?? 0;
}

const mean = (values: readonly number[]): number =>
  values.length === 0 ? 0 : Math.round(values.reduce((s, v) => s + v, 0) / values.length);

/**
 * The credit owed for an availability: the highest `creditPercent` among the steps whose `below` the
 * availability is under; 0 when none applies.
 */
export function creditFor(availability: number, steps: readonly CreditStep[]): number {
  let credit = 0;
  for (const s of steps) if (availability < s.below && s.creditPercent > credit) credit = s.creditPercent;
  return credit;
}

/**
 * Ticket SLA compliance per priority and target. A clock counts in the period whose outcome fell in it: met
 * when it stopped in the period in time, breached when its due instant passed in the period (whether the
 * ticket was resolved later or is still open). Running, paused and cancelled clocks are not decided yet.
 */
export function ticketCompliance(
  tickets: readonly ReportTicket[],
  period: Interval,
  goal: number,
): ComplianceRow[] {
  const tally = new Map<string, { priority: string; metric: ReportMetric; met: number; breached: number }>();
  for (const t of tickets) {
    for (const c of t.clocks) {
      if (!isReportMetric(c.metric)) continue;
      const met = c.state === 'met' && within(c.stoppedAt, period);
      const breached = c.state === 'breached' && within(c.breachedAt, period);
      if (!met && !breached) continue;
      const key = `${t.priority}\u0000${c.metric}`;
      const row = tally.get(key) ?? { priority: t.priority, metric: c.metric, met: 0, breached: 0 };
      if (met) row.met++;
      else row.breached++;
      tally.set(key, row);
    }
  }
  return [...tally.values()]
    .sort((a, b) => byPriority(a.priority, b.priority) || metricOrder(a.metric) - metricOrder(b.metric))
    .map((r) => {
      const compliance = r.met / (r.met + r.breached);
      return { ...r, compliance, goal, achieved: compliance >= goal };
    });
}

const metricOrder = (m: ReportMetric): number => REPORT_METRICS.indexOf(m);

/**
 * Mean and 90th percentile of the time to first response and to resolution, of the clocks that stopped in the
 * period (met or breached): business time as the clock counted it, calendar time from the ticket's creation to
 * the stop. One row per priority and metric, then one per metric over all priorities.
 */
export function responseTimes(tickets: readonly ReportTicket[], period: Interval): TimeRow[] {
  const samples = new Map<
    string,
    { priority: string; metric: ReportMetric; business: number[]; calendar: number[] }
  >();
  const add = (priority: string, metric: ReportMetric, business: number, calendar: number): void => {
    const key = `${priority}\u0000${metric}`;
    const s = samples.get(key) ?? { priority, metric, business: [], calendar: [] };
    s.business.push(business);
    s.calendar.push(calendar);
    samples.set(key, s);
  };
  for (const t of tickets) {
    for (const c of t.clocks) {
      if (!isReportMetric(c.metric) || (c.state !== 'met' && c.state !== 'breached')) continue;
      if (!within(c.stoppedAt, period)) continue;
      const calendar = Math.max(0, c.stoppedAt - t.createdAt);
      add(t.priority, c.metric, c.elapsedMs, calendar);
      add('all', c.metric, c.elapsedMs, calendar);
    }
  }
  const rank = (p: string): number => (p === 'all' ? 1 : 0);
  return [...samples.values()]
    .sort(
      (a, b) =>
        rank(a.priority) - rank(b.priority) ||
        byPriority(a.priority, b.priority) ||
        metricOrder(a.metric) - metricOrder(b.metric),
    )
    .map((s) => ({
      priority: s.priority,
      metric: s.metric,
      count: s.business.length,
      meanBusinessMs: mean(s.business),
      p90BusinessMs: percentile90(s.business),
      meanCalendarMs: mean(s.calendar),
      p90CalendarMs: percentile90(s.calendar),
    }));
}

/** Opened and resolved in the period, and open at its end. */
export function ticketCounts(tickets: readonly ReportTicket[], period: Interval): ReportCounts {
  let opened = 0;
  let resolved = 0;
  let backlog = 0;
  for (const t of tickets) {
    if (within(t.createdAt, period)) opened++;
    if (within(t.resolvedAt, period)) resolved++;
    if (t.createdAt < period.end && (t.resolvedAt === null || t.resolvedAt >= period.end)) backlog++;
  }
  return { opened, resolved, backlog };
}

/** The breaches whose due instant passed in the period, in the order they happened. */
export function breachList(tickets: readonly ReportTicket[], period: Interval): Breach[] {
  const out: Breach[] = [];
  for (const t of tickets) {
    for (const c of t.clocks) {
      if (!isReportMetric(c.metric) || c.state !== 'breached' || !within(c.breachedAt, period)) continue;
      out.push({
        ticketId: t.id,
        number: t.number,
        title: t.title,
        priority: t.priority,
        metric: c.metric,
        dueAt: c.dueAt,
        breachedAt: c.breachedAt,
        stoppedAt: c.stoppedAt,
      });
    }
  }
  return out.sort((a, b) => a.breachedAt - b.breachedAt || a.number - b.number);
}

/** The breaches with the reasons recorded for their ticket and target (notes only where given). */
export function withBreachReasons(
  breaches: readonly Breach[],
  reasons: readonly RecordedBreachReason[],
): Breach[] {
  const byKey = new Map(reasons.map((r) => [`${r.ticketId}\u0000${r.metric}`, r]));
  return breaches.map((b) => {
    const r = byKey.get(`${b.ticketId}\u0000${b.metric}`);
    const reason = r ? { code: r.code, label: r.label } : null;
    return r?.note === undefined ? { ...b, reason } : { ...b, reason, note: r.note };
  });
}

/**
 * The breaches per reason category: only categories that occur, most frequent first (then by English
 * label), and the breaches without a reason last.
 */
export function breachReasonCounts(breaches: readonly Breach[]): BreachReasonCount[] {
  const tally = new Map<string, { reason: string; label: BilingualLabel; count: number }>();
  let none = 0;
  for (const b of breaches) {
    if (!b.reason) {
      none++;
      continue;
    }
    const row = tally.get(b.reason.code) ?? { reason: b.reason.code, label: b.reason.label, count: 0 };
    row.count++;
    tally.set(b.reason.code, row);
  }
  const rows: BreachReasonCount[] = [...tally.values()].sort(
    (a, b) => b.count - a.count || a.label.en.localeCompare(b.label.en),
  );
  return none > 0 ? [...rows, { reason: null, label: NO_REASON_LABEL, count: none }] : rows;
}

function availabilityRows(services: readonly ReportService[]): AvailabilityRow[] {
  return services.map(({ credits: _credits, slaId: _sla, ...s }) => ({
    ...s,
    achieved: s.target === null || s.availability === null ? null : s.availability >= s.target,
  }));
}

function creditRows(services: readonly ReportService[]): CreditRow[] {
  const credits: CreditRow[] = [];
  for (const s of services) {
    if (s.availability === null) continue;
    const creditPercent = creditFor(s.availability, s.credits);
    if (creditPercent > 0)
      credits.push({ serviceId: s.serviceId, name: s.name, availability: s.availability, creditPercent });
  }
  return credits;
}

/**
 * The figures per SLA: services under the SLA that counts them for the customer, tickets under the SLA they
 * are bound to, compliance against that SLA's goal. SLAs without a ticket or service in the report are left
 * out; tickets and services without an SLA form a last section with `sla` null and the default goal.
 */
export function slaSections(
  period: Interval,
  tickets: readonly ReportTicket[],
  services: readonly ReportService[],
  slas: readonly ReportSla[],
  defaultGoal: number,
): SlaSection[] {
  const known = new Set(slas.map((s) => s.id));
  const keyOf = (id: string | null | undefined): string | null => (id != null && known.has(id) ? id : null);
  const groups: { sla: ReportSla | null; goal: number }[] = [
    ...slas.map((s) => ({ sla: s, goal: s.complianceGoal })),
    { sla: null, goal: defaultGoal },
  ];
  const out: SlaSection[] = [];
  for (const { sla, goal } of groups) {
    const id = sla?.id ?? null;
    const own = tickets.filter((t) => keyOf(t.slaId) === id);
    const svc = services.filter((s) => keyOf(s.slaId) === id);
    const counts = ticketCounts(own, period);
    const touched = counts.opened + counts.resolved + counts.backlog > 0 || svc.length > 0;
    const compliance = ticketCompliance(own, period, goal);
    if (!touched && compliance.length === 0) continue;
    out.push({
      sla: sla === null ? null : { id: sla.id, name: sla.name, version: sla.version },
      complianceGoal: goal,
      availability: availabilityRows(svc),
      compliance,
      counts,
      breaches: breachList(own, period).length,
      credits: creditRows(svc),
    });
  }
  return out;
}

const openIn = (tickets: readonly ReportTicket[], period: Interval): ReportTicket[] =>
  // Only tickets open at some point of the period can have a figure in it (a clock stops or breaches no
  // later than the resolution); dropping the others first keeps a trend over several periods cheap.
  tickets.filter((t) => t.createdAt < period.end && (t.resolvedAt === null || t.resolvedAt >= period.start));

/**
 * The figures a trend shows of an earlier period: availability per service, compliance per priority and
 * target, counts — the same values `customerReportFigures` gives for that period, without the rest.
 */
export function trendFigures(
  input: Omit<ReportInput, 'slas'>,
): Pick<CustomerReportFigures, 'availability' | 'compliance' | 'counts'> {
  const tickets = openIn(input.tickets, input.period);
  return {
    availability: availabilityRows(input.services),
    compliance: ticketCompliance(tickets, input.period, input.complianceGoal ?? DEFAULT_COMPLIANCE_GOAL),
    counts: ticketCounts(tickets, input.period),
  };
}

/**
 * Every figure of a customer's report for one period: availability per service against its target, ticket
 * compliance per priority and target, response and resolution times, counts, breaches with their reasons
 * and counted per reason, service credits, the same per SLA, and a short summary in German and English. With more than one SLA section the summary
 * weighs each SLA's tickets against that SLA's goal.
 */
export function customerReportFigures(input: ReportInput): CustomerReportFigures {
  const { period } = input;
  const tickets = openIn(input.tickets, period);
  const goal = input.complianceGoal ?? DEFAULT_COMPLIANCE_GOAL;
  const availability = availabilityRows(input.services);
  const compliance = ticketCompliance(tickets, period, goal);
  const slas = input.slas === undefined ? [] : slaSections(period, tickets, input.services, input.slas, goal);
  const breaches = withBreachReasons(breachList(tickets, period), input.breachReasons ?? []);
  const judged =
    slas.filter((s) => s.compliance.length > 0).length > 1
      ? slas.flatMap((s) => s.compliance.map((c) => ({ ...c, slaName: s.sla?.name ?? null })))
      : slas.length === 1
        ? (slas[0]?.compliance ?? compliance)
        : compliance;
  return {
    period,
    availability,
    compliance,
    times: responseTimes(tickets, period),
    counts: ticketCounts(tickets, period),
    breaches,
    breachReasons: breachReasonCounts(breaches),
    credits: creditRows(input.services),
    slas,
    summary: reportSummary(availability, judged),
  };
}
