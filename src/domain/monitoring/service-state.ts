import type { Interval } from '../shared/time.ts';
import type { MonitorState, MonitorStateSpan, ServiceRule } from './types.ts';

/*
 * A service's state from the states of its monitors.
 *
 * - Rule "any" (every monitored part is needed): the worst monitor counts, in the order
 *   down > unknown > degraded > up. An unknown monitor might be hiding an outage, so the service is unknown
 *   unless another monitor already shows it down.
 * - Rule "all" (redundant parts; down only when every one is): the best monitor counts, in the order
 *   up > degraded > unknown > down. An unknown monitor might be hiding a working path, so the service is
 *   down only when every monitor is known to be down.
 * - A monitor in maintenance abstains: the others decide. When all of them are in maintenance, the service
 *   is in maintenance. A service without monitors is unknown.
 * - Time a monitor's spans do not cover is unknown for that monitor. Where one monitor's own spans overlap,
 *   the availability formula's order applies: maintenance > down > degraded > up > unknown.
 *
 * Service-wide maintenance windows go on top afterwards, with `applyMaintenance`.
 */

const STATES: readonly MonitorState[] = ['unknown', 'up', 'degraded', 'down', 'maintenance'];
const SLOT: Readonly<Record<MonitorState, number>> = {
  unknown: 0,
  up: 1,
  degraded: 2,
  down: 3,
  maintenance: 4,
};

/** Rank per rule: the highest ranked voting state wins. */
const RANK: Readonly<Record<ServiceRule, Readonly<Record<Exclude<MonitorState, 'maintenance'>, number>>>> = {
  any: { up: 0, degraded: 1, unknown: 2, down: 3 },
  all: { down: 0, unknown: 1, degraded: 2, up: 3 },
};

/** The service state of one instant from the states of its monitors at that instant. */
export function combineStates(states: readonly MonitorState[], rule: ServiceRule): MonitorState {
  if (states.length === 0) return 'unknown';
  let best: Exclude<MonitorState, 'maintenance'> | null = null;
  for (const s of states) {
    if (s === 'maintenance') continue;
    if (best === null || RANK[rule][s] > RANK[rule][best]) best = s;
  }
  return best ?? 'maintenance';
}

/**
 * The state spans of a service over `range` from the state spans of each of its monitors: contiguous,
 * merged, covering the whole range.
 */
export function combineMonitorSpans(
  monitors: readonly (readonly MonitorStateSpan[])[],
  rule: ServiceRule,
  range: Interval,
): MonitorStateSpan[] {
  if (!(range.end > range.start)) return [];
  // Per monitor, +1/-1 per state at each boundary inside the range.
  const deltas = new Map<number, number[][]>();
  const bump = (at: number, monitor: number, slot: number, by: number): void => {
    let d = deltas.get(at);
    if (!d) {
      d = monitors.map(() => [0, 0, 0, 0, 0]);
      deltas.set(at, d);
    }
    const row = d[monitor] as number[];
    row[slot] = (row[slot] as number) + by;
  };
  monitors.forEach((spans, m) => {
    for (const s of spans) {
      const start = Math.max(s.start, range.start);
      const end = Math.min(s.end, range.end);
      if (end <= start) continue;
      bump(start, m, SLOT[s.state], 1);
      bump(end, m, SLOT[s.state], -1);
    }
  });
  if (!deltas.has(range.start))
    deltas.set(
      range.start,
      monitors.map(() => [0, 0, 0, 0, 0]),
    );
  const points = [...deltas.keys()].filter((t) => t < range.end).sort((a, b) => a - b);
  const active = monitors.map(() => [0, 0, 0, 0, 0]);
  const out: MonitorStateSpan[] = [];
  points.forEach((at, i) => {
    const d = deltas.get(at) as number[][];
    const states = active.map((row, m) => {
      const delta = d[m] as number[];
      for (let k = 0; k < 5; k++) row[k] = (row[k] as number) + (delta[k] as number);
      for (let k = 4; k >= 1; k--) if ((row[k] as number) > 0) return STATES[k] as MonitorState;
      return 'unknown';
    });
    const state = combineStates(states, rule);
    const end = points[i + 1] ?? range.end;
    const last = out[out.length - 1];
    if (last && last.state === state) out[out.length - 1] = { start: last.start, end, state };
    else out.push({ start: at, end, state });
  });
  return out;
}
