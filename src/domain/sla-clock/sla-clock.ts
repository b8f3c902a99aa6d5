import { clockRuns, type ClockRun } from './clock-spans.ts';
import { evaluateRun, explainRun } from './evaluate-run.ts';
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

function phasesOf(events: readonly TicketEvent[], now: number, resolve: TargetResolver): Phase[] {
  const first = events[0] as TicketEvent;
  let binding: Binding =
    first.type === 'created' ? { sla: first.sla, priority: first.priority } : { sla: undefined, priority: undefined };
  const phases: Phase[] = [];
  let from = first.at;
  for (const e of events) {
    if (e.type !== 'priority' && e.type !== 'sla') continue;
    const next: Binding = e.type === 'priority' ? { ...binding, priority: e.priority } : { ...binding, sla: e.sla };
    if (next.sla === binding.sla && next.priority === binding.priority) continue;
    phases.push({ binding, from, to: e.at, targets: resolve(binding) });
    binding = next;
    from = e.at;
  }
  phases.push({ binding, from, to: now, targets: resolve(binding) });
  return phases;
}

interface Measured {
  readonly result: Omit<ClockResult, 'history'>;
  readonly breaches: readonly { at: number; durationMs: number }[];
  readonly cycles: readonly ClockHistoryEntry[];
}

/** Measures one target over the events, as if it had applied since the ticket was created. */
function measure(target: ClockTarget, events: readonly TicketEvent[], now: number, explain: boolean, binding: Binding): Measured {
  const pauses = new Set(target.pauseStatuses ?? []);
  const runs = clockRuns(target.metric, events, now, pauses);
  const base = { id: target.id, metric: target.metric, durationMs: target.durationMs };
  const evaluated = runs.map((run) => ({ run, ev: evaluateRun(run, target.durationMs, target.calendar, now, target.warnings) }));
  const breaches = evaluated.flatMap(({ ev }) => (ev.breachedAt === null ? [] : [{ at: ev.breachedAt, durationMs: target.durationMs }]));
  const current = evaluated[evaluated.length - 1];
  const isUpdate = target.metric === 'update';
  const cycles: ClockHistoryEntry[] = isUpdate
    ? evaluated
        .filter(({ run }) => run.stoppedAt !== null)
        .map(({ run, ev }) => ({
          type: 'cycle',
          at: run.startedAt,
          durationMs: target.durationMs,
          binding,
          dueAt: ev.dueAt,
          stoppedAt: run.stoppedAt,
          state: ev.state,
        }))
    : [];
  if (!current || (isUpdate && current.run.stoppedAt !== null)) {
    return {
      result: {
        ...base,
        state: 'idle',
        elapsedMs: 0,
        pausedMs: 0,
        remainingMs: target.durationMs,
        startedAt: null,
        dueAt: null,
        stoppedAt: null,
        breachedAt: null,
        warnings: [],
        timeline: [],
      },
      breaches,
      cycles,
    };
  }
  const { run, ev } = current;
  return {
    result: {
      ...base,
      state: ev.state,
      elapsedMs: ev.elapsedMs,
      pausedMs: ev.pausedMs,
      remainingMs: target.durationMs - ev.elapsedMs,
      startedAt: run.startedAt,
      dueAt: ev.dueAt,
      stoppedAt: run.stoppedAt,
      breachedAt: ev.breachedAt,
      warnings: ev.warnings,
      timeline: explain ? explainRun(run as ClockRun, ev.dueAt, target.calendar, now) : [],
    },
    breaches,
    cycles,
  };
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
  const targets = input.targets;
  const resolve: TargetResolver = typeof targets === 'function' ? targets : () => targets;
  const phases = phasesOf(events, now, resolve);
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

  const historyOf = (id: string, current: Measured): ClockHistoryEntry[] => {
    const seen = new Set<string>();
    const out: ClockHistoryEntry[] = [];
    const add = (h: ClockHistoryEntry): void => {
      const key = `${h.type}:${h.at}:${h.durationMs}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(h);
      }
    };
    for (const b of current.breaches) seen.add(`breached:${b.at}:${b.durationMs}`);
    for (const h of earlier.get(id) ?? []) add(h);
    for (const h of current.cycles) add(h);
    return out.sort((a, b) => a.at - b.at);
  };

  const results: ClockResult[] = [];
  const finalIds = new Set<string>();
  for (const target of finalPhase.targets) {
    finalIds.add(target.id);
    const m = measure(target, events, now, explain, finalPhase.binding);
    results.push({ ...m.result, history: historyOf(target.id, m) });
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
      history: historyOf(id, m),
    });
  }
  return results;
}
