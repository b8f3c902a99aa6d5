// What changed between an issued report and the same period computed again, and the likely reason.
import type { CustomerReportFigures } from './customer-report.ts';

export type DiffReason = 'late_events' | 'corrected_monitoring_data' | 'sla_changed' | 'recalculated';

/** Which data a figure comes from: tickets' clocks, monitoring, or the SLA's terms. */
type Source = 'tickets' | 'monitoring' | 'sla';

export interface FigureDiff {
  /** A stable path such as "compliance.P2.resolution.compliance" or "availability.<serviceId>.downMs". */
  readonly figure: string;
  readonly old: number | boolean | null;
  readonly new: number | boolean | null;
  readonly reason: DiffReason;
}

/** What is known about the data since the report was issued. */
export interface DiffFacts {
  /** Tickets (numbers) with events in the period recorded after the issue. */
  readonly lateTickets: readonly number[];
  /** Outages overlapping the period recorded after the issue. */
  readonly outagesRecordedLater: number;
  /** The SLA version or goal in force differs from the issued one. */
  readonly slaChanged: boolean;
}

type Value = number | boolean | null;

/** The key figures of a report, flat: path → value and the data it comes from. */
export function keyFigures(f: CustomerReportFigures): Map<string, { value: Value; source: Source }> {
  const out = new Map<string, { value: Value; source: Source }>();
  const put = (path: string, value: Value, source: Source): void => {
    out.set(path, { value, source });
  };
  for (const a of f.availability) {
    const p = `availability.${a.serviceId}`;
    put(`${p}.target`, a.target, 'sla');
    put(`${p}.availability`, a.availability, 'monitoring');
    put(`${p}.downMs`, a.downMs, 'monitoring');
    put(`${p}.maintenanceMs`, a.maintenanceMs, 'monitoring');
    put(`${p}.unknownMs`, a.unknownMs, 'monitoring');
    put(`${p}.outages`, a.outages, 'monitoring');
    put(`${p}.errorBudgetUsed`, a.errorBudgetUsed, 'monitoring');
  }
  for (const c of f.credits) put(`credits.${c.serviceId}.creditPercent`, c.creditPercent, 'monitoring');
  for (const c of f.compliance) {
    const p = `compliance.${c.priority}.${c.metric}`;
    put(`${p}.met`, c.met, 'tickets');
    put(`${p}.breached`, c.breached, 'tickets');
    put(`${p}.compliance`, c.compliance, 'tickets');
    put(`${p}.goal`, c.goal, 'sla');
  }
  for (const t of f.times) {
    const p = `times.${t.priority}.${t.metric}`;
    put(`${p}.count`, t.count, 'tickets');
    put(`${p}.meanBusinessMs`, t.meanBusinessMs, 'tickets');
    put(`${p}.p90BusinessMs`, t.p90BusinessMs, 'tickets');
  }
  put('counts.opened', f.counts.opened, 'tickets');
  put('counts.resolved', f.counts.resolved, 'tickets');
  put('counts.backlog', f.counts.backlog, 'tickets');
  put('breaches', f.breaches.length, 'tickets');
  return out;
}

function reasonFor(source: Source, facts: DiffFacts): DiffReason {
  if (source === 'sla') return 'sla_changed';
  if (source === 'monitoring') return facts.slaChanged ? 'sla_changed' : 'corrected_monitoring_data';
  if (facts.lateTickets.length > 0) return 'late_events';
  return facts.slaChanged ? 'sla_changed' : 'recalculated';
}

/**
 * The key figures that differ between the issued and the recomputed figures (a figure present on one side
 * only counts as null on the other), each with the likeliest reason: events recorded late for ticket
 * figures, corrected monitoring data for availability figures, a changed SLA for targets and goals;
 * "recalculated" when nothing recorded explains it (e.g. a calendar's holidays were edited).
 */
export function diffFigures(
  issued: CustomerReportFigures,
  now: CustomerReportFigures,
  facts: DiffFacts,
): FigureDiff[] {
  const before = keyFigures(issued);
  const after = keyFigures(now);
  const out: FigureDiff[] = [];
  for (const path of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(path);
    const b = after.get(path);
    const oldValue = a?.value ?? null;
    const newValue = b?.value ?? null;
    if (oldValue === newValue) continue;
    out.push({
      figure: path,
      old: oldValue,
      new: newValue,
      reason: reasonFor((b ?? a)?.source ?? 'tickets', facts),
    });
  }
  return out;
}
