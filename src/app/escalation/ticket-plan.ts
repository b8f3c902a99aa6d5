// Planning a ticket's escalation steps from its clocks, inside the transaction that wrote the clocks.
import type { BusinessCalendar } from '../../domain/calendars/business-calendar.ts';
import {
  diffSteps,
  planTicketSteps,
  projectOnCalendars,
  type PendingStepRow,
  type PlannedStep,
} from '../../domain/escalation/planner.ts';
import type { EscalationPolicy } from '../../domain/escalation/policy.ts';
import type { ClockResult } from '../../domain/sla-clock/types.ts';
import { compiledCalendar, TWENTY_FOUR_SEVEN } from '../catalog/calendar-cache.ts';
import type { Repositories } from '../ports/repositories.ts';
import type { ClockTargets } from '../tickets/ticket-clocks.ts';
import { parseSlaRef } from '../tickets/ticket-state.ts';

/** What planning needs of one ticket: its clocks as just computed and how they count. */
export interface TicketPlanSource {
  readonly ticketId: string;
  readonly clocks: readonly ClockResult[];
  /** `<slaId>@<version>` the ticket is bound to, if any. */
  readonly sla: string | undefined;
  readonly priority: string;
  readonly status: string;
  /** Closed tickets escalate no more, whatever their clocks say. */
  readonly closed: boolean;
}

/** Steps whose row changed: the worker puts them in (or takes them out of) its timer heap. */
export interface ReplanResult {
  readonly scheduled: readonly { readonly key: string; readonly dueAt: number | null }[];
  readonly cancelled: readonly string[];
}

const NOTHING: ReplanResult = { scheduled: [], cancelled: [] };

async function calendarsOf(
  repos: Repositories,
  ids: Iterable<string>,
): Promise<Map<string, BusinessCalendar>> {
  const out = new Map<string, BusinessCalendar>();
  for (const id of ids) {
    const record = await repos.catalog.findCalendar(id);
    out.set(id, record ? compiledCalendar(record) : TWENTY_FOUR_SEVEN);
  }
  return out;
}

/**
 * Plans the escalation steps of these tickets and applies the difference to the stored step rows: new
 * steps inserted, moved ones updated, those no longer planned (resolved, acknowledged, re-bound) cancelled.
 * Runs in the caller's transaction, so steps always agree with the clocks written beside them.
 */
export async function replanTicketSteps(
  repos: Repositories,
  targets: ClockTargets,
  sources: readonly TicketPlanSource[],
  now: number,
): Promise<ReplanResult> {
  if (sources.length === 0) return NOTHING;
  const slaIds = new Set<string>();
  for (const s of sources) {
    const ref = s.sla === undefined ? undefined : parseSlaRef(s.sla);
    if (ref) slaIds.add(ref.slaId);
  }
  const policiesBySla = await repos.escalation.policiesForSlas([...slaIds]);
  const ticketIds = sources.map((s) => s.ticketId);
  const rows = await repos.escalation.stepsOfTickets(ticketIds);
  // Nothing linked and nothing stored: the common case without escalation costs two small queries.
  if (policiesBySla.size === 0 && rows.length === 0) return NOTHING;
  const acks = await repos.escalation.acksOfTickets(ticketIds);

  const calendarIds = new Set<string>();
  for (const s of sources)
    for (const c of s.clocks) {
      const id = targets.calendarIdOf(s.sla, s.priority, c.id);
      if (id !== null) calendarIds.add(id);
    }
  const calendars = await calendarsOf(repos, calendarIds);

  const planned: PlannedStep[] = [];
  for (const s of sources) {
    const ref = s.sla === undefined ? undefined : parseSlaRef(s.sla);
    const policies: readonly EscalationPolicy[] = (ref && policiesBySla.get(ref.slaId)) || [];
    if (s.closed || policies.length === 0) continue;
    const pauses = targets.version(s.sla)?.terms.pauseStatuses ?? [];
    const counting = !pauses.includes(s.status);
    const fired = new Set<string>();
    for (const r of rows) if (r.ticketId === s.ticketId && r.status === 'fired') fired.add(r.key);
    const acknowledged = new Set<string>();
    for (const a of acks) if (a.ticketId === s.ticketId) acknowledged.add(a.levelKey);
    const calendarOf = (clockId: string): BusinessCalendar => {
      const id = targets.calendarIdOf(s.sla, s.priority, clockId);
      return id === null ? TWENTY_FOUR_SEVEN : (calendars.get(id) ?? TWENTY_FOUR_SEVEN);
    };
    planned.push(
      ...planTicketSteps({
        ticketId: s.ticketId,
        priority: s.priority,
        policies,
        clocks: s.clocks,
        now,
        instantAtElapsed: projectOnCalendars({
          clocks: s.clocks,
          now,
          calendarOf,
          isCounting: () => counting,
        }),
        acknowledged,
        fired,
      }),
    );
  }
  const pending: PendingStepRow[] = rows
    .filter((r) => r.status === 'pending')
    .map((r) => ({ key: r.key, dueAt: r.dueAt, digest: r.digest }));
  const diff = diffSteps(pending, planned, now);
  if (diff.insert.length === 0 && diff.update.length === 0 && diff.cancel.length === 0) return NOTHING;
  await repos.escalation.applyStepDiff(diff, now);
  return {
    scheduled: [...diff.insert, ...diff.update].map((s) => ({ key: s.key, dueAt: s.dueAt })),
    cancelled: diff.cancel,
  };
}
