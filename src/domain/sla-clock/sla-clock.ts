import { clockRuns } from './clock-spans.ts';
import { evaluateRun, explainRun, type RunEvaluation } from './evaluate-run.ts';
import type {
  Binding,
  ClockHistoryEntry,
  ClockInput,
  ClockResult,
  ClockTarget,
  TargetResolver,
  TicketEvent,
} from './types.ts';

/** A stretch of the ticket's life under one SLA and priority. */
interface Phase {
  readonly binding: Binding;
  readonly from: number;
  readonly to: number;
  readonly targets: readonly ClockTarget[];
}

const byInstant = (a: TicketEvent, b: TicketEvent): number => a.at - b.at;

/** Events that count at `now`, in time order (stable for equal instants), starting with the creation. */
function countedEvents(events: readonly TicketEvent[], now: number): TicketEvent[] {
  const list = events.filter((e) => e.at <= now);
  let sorted = true;
  for (let i = 1; i < list.length; i++) if ((list[i] as TicketEvent).at < (list[i - 1] as TicketEvent).at) sorted = false;
  if (!sorted) list.sort(byInstant);
  const created = list.findIndex((e) => e.type === 'created');
  if (created > 0) {
    // A creation logged after other events of the same instant still starts the clocks.
    const [event] = list.splice(created, 1);
    list.unshift(event as TicketEvent);
  }
  return list;
}

function resolveTargets(targets: ClockInput['targets'], binding: Binding): readonly ClockTarget[] {
  return typeof targets === 'function' ? (targets as TargetResolver)(binding) : targets;
}

function phasesOf(events: readonly TicketEvent[], now: number, targets: ClockInput['targets']): Phase[] {
  const first = events[0] as TicketEvent;
  let binding: Binding =
    first.type === 'created' ? { sla: first.sla, priority: first.priority } : { sla: undefined, priority: undefined };
  const phases: Phase[] = [];
  let from = first.at;
  for (const e of events) {
    if (e.type !== 'priority' && e.type !== 'sla') continue;
    const next: Binding = e.type === 'priority' ? { ...binding, priority: e.priority } : { ...binding, sla: e.sla };
    if (next.sla === binding.sla && next.priority === binding.priority) continue;
    phases.push({ binding, from, to: e.at, targets: resolveTargets(targets, binding) });
    binding = next;
    from = e.at;
  }
  phases.push({ binding, from, to: now, targets: resolveTargets(targets, binding) });
  return phases;
}

interface Measured {
  readonly result: ClockResult;
  readonly breaches: readonly { at: number; durationMs: number }[];
  readonly cycles: readonly ClockHistoryEntry[];
}

/**
 * Measures one target over the events, as if it had applied since the ticket was created. Results are
 * built as plain literals (no object spread): this runs for every open ticket after a calendar edit.
 */
function measure(target: ClockTarget, events: readonly TicketEvent[], now: number, explain: boolean, binding: Binding): Measured {
  const pauses = new Set(target.pauseStatuses ?? []);
  const runs = clockRuns(target.metric, events, now, pauses);
  const evaluations: RunEvaluation[] = [];
  const breaches: { at: number; durationMs: number }[] = [];
  const cycles: ClockHistoryEntry[] = [];
  const isUpdate = target.metric === 'update';
  for (const run of runs) {
    const ev = evaluateRun(run, target.durationMs, target.calendar, now, target.warnings);
    evaluations.push(ev);
    if (ev.breachedAt !== null) breaches.push({ at: ev.breachedAt, durationMs: target.durationMs });
    if (isUpdate && run.stoppedAt !== null) {
      cycles.push({ type: 'cycle', at: run.startedAt, durationMs: target.durationMs, binding, dueAt: ev.dueAt, stoppedAt: run.stoppedAt, state: ev.state });
    }
  }
  const run = runs[runs.length - 1];
  const ev = evaluations[evaluations.length - 1];
  if (!run || !ev || (isUpdate && run.stoppedAt !== null)) {
    const result: ClockResult = {
      id: target.id,
      metric: target.metric,
      state: 'idle',
      durationMs: target.durationMs,
      elapsedMs: 0,
      pausedMs: 0,
      remainingMs: target.durationMs,
      startedAt: null,
      dueAt: null,
      stoppedAt: null,
      breachedAt: null,
      warnings: [],
      history: [],
      timeline: [],
    };
    return { result, breaches, cycles };
  }
  const result: ClockResult = {
    id: target.id,
    metric: target.metric,
    state: ev.state,
    durationMs: target.durationMs,
    elapsedMs: ev.elapsedMs,
    pausedMs: ev.pausedMs,
    remainingMs: target.durationMs - ev.elapsedMs,
    startedAt: run.startedAt,
    dueAt: ev.dueAt,
    stoppedAt: run.stoppedAt,
    breachedAt: ev.breachedAt,
    warnings: ev.warnings,
    history: [],
    timeline: explain ? explainRun(run, ev.dueAt, target.calendar, now) : [],
  };
  return { result, breaches, cycles };
}

/** A clock's history: breaches under earlier bindings (not repeated by the current one) and update cycles. */
function historyOf(earlier: readonly ClockHistoryEntry[] | undefined, current: Measured): ClockHistoryEntry[] {
  if (!earlier?.length && current.cycles.length === 0) return [];
  const seen = new Set<string>();
  for (const b of current.breaches) seen.add(`breached:${b.at}:${b.durationMs}`);
  const out: ClockHistoryEntry[] = [];
  for (const h of [...(earlier ?? []), ...current.cycles]) {
    const key = `${h.type}:${h.at}:${h.durationMs}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(h);
  }
  return out.sort((a, b) => a.at - b.at);
}

/**
 * Computes the state of every SLA clock of a ticket at `now` from its event log: a pure function of the
 * targets (with their calendars), the events and the instant.
 *
 * A priority change or an SLA re-bind recomputes every target from the ticket's creation with the targets
 * now in force, keeping the paused time; targets the new binding lacks are cancelled. Breaches that
 * happened under an earlier binding stay in each clock's history.
 */
export function computeClocks(input: ClockInput): ClockResult[] {
  const now = input.now;
  const events = countedEvents(input.events, now);
  if (events.length === 0) return [];
  const phases = phasesOf(events, now, input.targets);
  const finalPhase = phases[phases.length - 1] as Phase;
  const explain = input.explain === true;

  // Breaches under earlier bindings, measured up to the end of their phase.
  const earlier = new Map<string, ClockHistoryEntry[]>();
  const lastSeen = new Map<string, { target: ClockTarget; phase: Phase }>();
  for (const phase of phases.slice(0, -1)) {
    for (const target of phase.targets) {
      lastSeen.set(target.id, { target, phase });
      const upTo = events.filter((e) => e.at <= phase.to);
      const m = measure(target, upTo, phase.to, false, phase.binding);
      const list = earlier.get(target.id) ?? [];
      for (const b of m.breaches) {
        if (b.at < phase.to) list.push({ type: 'breached', at: b.at, durationMs: b.durationMs, binding: phase.binding });
      }
      earlier.set(target.id, list);
    }
  }

  const results: ClockResult[] = [];
  const finalIds = new Set<string>();
  for (const target of finalPhase.targets) {
    finalIds.add(target.id);
    const m = measure(target, events, now, explain, finalPhase.binding);
    const history = historyOf(earlier.get(target.id), m);
    results.push(history.length === 0 ? m.result : { ...m.result, history });
  }
  for (const [id, { target, phase }] of lastSeen) {
    if (finalIds.has(id)) continue;
    const upTo = events.filter((e) => e.at <= phase.to);
    const m = measure(target, upTo, phase.to, explain, phase.binding);
    results.push({
      ...m.result,
      state: 'cancelled',
      dueAt: null,
      stoppedAt: m.result.stoppedAt ?? phase.to,
      warnings: [],
      history: historyOf(earlier.get(id), m),
    });
  }
  return results;
}
