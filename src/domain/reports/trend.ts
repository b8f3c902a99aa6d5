// The trend of a customer report: its key figures beside those of the periods of the same kind before it.
import type { CustomerReportFigures, ReportMetric } from './customer-report.ts';
import type { ReportPeriod } from './periods.ts';

/** How many periods before the reported one the trend shows. */
export const TREND_PERIODS = 3;

export interface AvailabilityTrend {
  readonly serviceId: string;
  readonly name: string;
  /** The target in the reported period. */
  readonly target: number | null;
  /** One value per period of the trend, oldest first; null where there was no figure. */
  readonly values: readonly (number | null)[];
}

export interface ComplianceTrend {
  readonly priority: string;
  readonly metric: ReportMetric;
  /** The goal in the reported period. */
  readonly goal: number;
  /** met ÷ (met + breached) per period, oldest first; null where no clock was decided. */
  readonly values: readonly (number | null)[];
}

export interface ReportTrend {
  /** The periods before the reported one, oldest first, then the reported one. */
  readonly periods: readonly ReportPeriod[];
  readonly availability: readonly AvailabilityTrend[];
  readonly compliance: readonly ComplianceTrend[];
  readonly counts: {
    readonly opened: readonly number[];
    readonly resolved: readonly number[];
    readonly backlog: readonly number[];
  };
}

const byPriority = (a: string, b: string): number =>
  a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' });
const metricRank = (m: ReportMetric): number => (m === 'first_response' ? 0 : 1);

/** What the trend needs of a period's figures. */
export type TrendFigures = Pick<CustomerReportFigures, 'availability' | 'compliance' | 'counts'>;

/**
 * Lines the figures of several periods up (oldest first, the reported period last): availability per
 * service of the reported period, compliance per priority and target seen in any of them, ticket counts.
 */
export function reportTrend(periods: readonly ReportPeriod[], figures: readonly TrendFigures[]): ReportTrend {
  const current = figures[figures.length - 1];
  const availability: AvailabilityTrend[] = (current?.availability ?? []).map((a) => ({
    serviceId: a.serviceId,
    name: a.name,
    target: a.target,
    values: figures.map((f) => f.availability.find((x) => x.serviceId === a.serviceId)?.availability ?? null),
  }));
  const keys = new Map<string, { priority: string; metric: ReportMetric }>();
  for (const f of figures)
    for (const c of f.compliance)
      keys.set(`${c.priority}\u0000${c.metric}`, { priority: c.priority, metric: c.metric });
  const compliance: ComplianceTrend[] = [...keys.values()]
    .sort((a, b) => byPriority(a.priority, b.priority) || metricRank(a.metric) - metricRank(b.metric))
    .map(({ priority, metric }) => {
      const row = (f: TrendFigures) =>
        f.compliance.find((c) => c.priority === priority && c.metric === metric);
      const goal = (current && row(current)?.goal) ?? figures.map(row).find((r) => r)?.goal ?? 0;
      return { priority, metric, goal, values: figures.map((f) => row(f)?.compliance ?? null) };
    });
  return {
    periods,
    availability,
    compliance,
    counts: {
      opened: figures.map((f) => f.counts.opened),
      resolved: figures.map((f) => f.counts.resolved),
      backlog: figures.map((f) => f.counts.backlog),
    },
  };
}
