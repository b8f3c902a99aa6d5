// One staff member's figures for a period: the customer report's compliance and time math over the tickets
// assigned to them, with totals over all priorities, and how their open tickets stand now. Pure.
import {
  REPORT_METRICS,
  responseTimes,
  ticketCompliance,
  type ComplianceRow,
  type ReportMetric,
  type ReportTicket,
} from '../reports/customer-report.ts';
import type { Interval } from '../shared/time.ts';
import { openRisk, type OpenRisk, type RiskClock } from './open-risk.ts';

/** A target's time figures in business time, as the clocks counted it. */
export interface StaffTimeRow {
  /** A priority, or "all". */
  readonly priority: string;
  readonly metric: ReportMetric;
  readonly count: number;
  readonly meanBusinessMs: number;
  readonly p90BusinessMs: number;
}

export interface StaffFigures {
  readonly period: Interval;
  /** Per priority and target, then one row per target over all priorities ("all"). */
  readonly compliance: readonly ComplianceRow[];
  readonly times: readonly StaffTimeRow[];
  readonly now: OpenRisk;
}

/**
 * Per target, the met and breached clocks of every priority together, judged against the same goal; targets
 * without a decided clock have no row.
 */
export function complianceTotals(rows: readonly ComplianceRow[], goal: number): ComplianceRow[] {
  const out: ComplianceRow[] = [];
  for (const metric of REPORT_METRICS) {
    const of = rows.filter((r) => r.metric === metric && r.priority !== 'all');
    const met = of.reduce((s, r) => s + r.met, 0);
    const breached = of.reduce((s, r) => s + r.breached, 0);
    if (met + breached === 0) continue;
    const compliance = met / (met + breached);
    out.push({ priority: 'all', metric, met, breached, compliance, goal, achieved: compliance >= goal });
  }
  return out;
}

/**
 * The figures of the tickets assigned to one person: compliance per priority and target (a clock counts in the
 * period its outcome fell in), mean and 90th percentile of business time to first response and to resolution
 * (clocks stopped in the period), and at `now` their open tickets, at risk and breached.
 */
export function staffFigures(input: {
  readonly period: Interval;
  readonly tickets: readonly ReportTicket[];
  readonly goal: number;
  readonly open: readonly { readonly clocks: readonly RiskClock[] }[];
  readonly now: number;
}): StaffFigures {
  const rows = ticketCompliance(input.tickets, input.period, input.goal);
  return {
    period: input.period,
    compliance: [...rows, ...complianceTotals(rows, input.goal)],
    times: responseTimes(input.tickets, input.period).map((t) => ({
      priority: t.priority,
      metric: t.metric,
      count: t.count,
      meanBusinessMs: t.meanBusinessMs,
      p90BusinessMs: t.p90BusinessMs,
    })),
    now: openRisk(input.open, input.now),
  };
}
