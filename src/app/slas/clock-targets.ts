import type { BusinessCalendar } from '../../domain/calendars/business-calendar.ts';
import type { ClockTarget } from '../../domain/sla-clock/types.ts';
import type { PriorityTargets, SlaVersion, TargetSpec } from './slas.repository.ts';

const METRICS = [
  ['firstResponse', 'first_response'],
  ['resolution', 'resolution'],
  ['update', 'update'],
] as const satisfies readonly (readonly [keyof PriorityTargets, ClockTarget['metric']])[];

/**
 * The clock targets of an SLA version for one priority, each on its calendar. A priority the version
 * does not list has no targets (its tickets are measured by nothing).
 */
export function clockTargetsFor(
  version: SlaVersion,
  priority: string,
  calendarOf: (calendarId: string | null) => BusinessCalendar,
): ClockTarget[] {
  const targets = version.terms.targets[priority];
  if (!targets) return [];
  const out: ClockTarget[] = [];
  for (const [key, metric] of METRICS) {
    const spec: TargetSpec | undefined = targets[key];
    if (!spec) continue;
    out.push({
      id: metric,
      metric,
      durationMs: spec.durationMs,
      calendar: calendarOf(spec.calendarId),
      pauseStatuses: version.terms.pauseStatuses,
      warnings: version.terms.warnings,
    });
  }
  return out;
}
