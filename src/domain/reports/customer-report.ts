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
}

export interface AvailabilityRow extends Omit<ReportService, 'credits'> {
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
  readonly credits: readonly CreditRow[];
  readonly summary: ReportSummary;
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

/**
 * Every figure of a customer's report for one period: availability per service against its target, ticket
 * compliance per priority and target, response and resolution times, counts, breaches, service credits and
 * a short summary in German and English.
 */
export function customerReportFigures(input: ReportInput): CustomerReportFigures {
  const { period, tickets } = input;
  const goal = input.complianceGoal ?? DEFAULT_COMPLIANCE_GOAL;
  const availability: AvailabilityRow[] = input.services.map(({ credits: _credits, ...s }) => ({
    ...s,
    achieved: s.target === null || s.availability === null ? null : s.availability >= s.target,
  }));
  const credits: CreditRow[] = [];
  for (const s of input.services) {
    if (s.availability === null) continue;
    const creditPercent = creditFor(s.availability, s.credits);
    if (creditPercent > 0)
      credits.push({ serviceId: s.serviceId, name: s.name, availability: s.availability, creditPercent });
  }
  const compliance = ticketCompliance(tickets, period, goal);
  return {
    period,
    availability,
    compliance,
    times: responseTimes(tickets, period),
    counts: ticketCounts(tickets, period),
    breaches: breachList(tickets, period),
    credits,
    summary: reportSummary(availability, compliance),
  };
}
