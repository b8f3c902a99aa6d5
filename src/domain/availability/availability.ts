import type { BusinessCalendar } from '../calendars/business-calendar.ts';
import { DomainError } from '../shared/errors.ts';
import type { Interval } from '../shared/time.ts';

/** What a monitor (or a person) said about a service over a span of time. */
export type ServiceState = 'up' | 'degraded' | 'down' | 'unknown';

export interface StateSpan extends Interval {
  readonly state: ServiceState;
}

export interface AvailabilityInput {
  /** The service hours the contract counts; a 24/7 calendar counts every instant. */
  readonly calendar: BusinessCalendar;
  readonly from: number;
  readonly to: number;
  readonly states: readonly StateSpan[];
  readonly maintenance?: readonly Interval[];
  /** Which side degraded time counts on; "up" unless the SLA says otherwise. */
  readonly degraded?: 'up' | 'down';
}

export interface AvailabilityFigures {
  /** up ÷ (up + down) within the service hours, or null when nothing countable happened. */
  readonly availability: number | null;
  readonly upMs: number;
  readonly degradedMs: number;
  readonly downMs: number;
  readonly maintenanceMs: number;
  readonly unknownMs: number;
}

/** Where several states overlap, the worst one counts. */
const SEVERITY: Readonly<Record<ServiceState, number>> = { unknown: 0, up: 1, degraded: 2, down: 3 };
const BY_SEVERITY: readonly ServiceState[] = ['unknown', 'up', 'degraded', 'down'];

/**
 * The availability formula, stated once and used everywhere (dashboard, API, status page, report, badge):
 *
 *   availability = up-time ÷ (up-time + down-time)
 *
 * counting only service-hour time (the calendar's open time) inside `[from, to)`. Maintenance is neither up
 * nor down and overrides every other state; time no state covers is unknown and is excluded, as is time a
 * state explicitly calls unknown; degraded time counts as up unless `degraded` is "down". Where states
 * overlap the worst counts (down > degraded > up > unknown).
 */
export function availability(input: AvailabilityInput): AvailabilityFigures {
  const { calendar, from, to } = input;
  if (!(to > from)) {
    if (to === from) return { availability: null, upMs: 0, degradedMs: 0, downMs: 0, maintenanceMs: 0, unknownMs: 0 };
    throw new DomainError('AVAILABILITY_INVALID_RANGE', '"to" must not be before "from"');
  }
  // A sweep over every boundary: +1/-1 per state kind and for maintenance.
  const deltas = new Map<number, number[]>();
  const bump = (at: number, slot: number, by: number): void => {
    const t = Math.min(Math.max(at, from), to);
    let d = deltas.get(t);
    if (!d) {
      d = [0, 0, 0, 0, 0];
      deltas.set(t, d);
    }
    d[slot] = (d[slot] as number) + by;
  };
  for (const s of input.states) {
    if (!(s.end > s.start)) continue;
    if (s.end <= from || s.start >= to) continue;
    const slot = SEVERITY[s.state];
    bump(s.start, slot, 1);
    bump(s.end, slot, -1);
  }
  for (const m of input.maintenance ?? []) {
    if (!(m.end > m.start) || m.end <= from || m.start >= to) continue;
    bump(m.start, 4, 1);
    bump(m.end, 4, -1);
  }
  bump(from, 0, 0);
  bump(to, 0, 0);
  const points = [...deltas.keys()].sort((a, b) => a - b);
  const active = [0, 0, 0, 0, 0];
  const totals = { up: 0, degraded: 0, down: 0, unknown: 0, maintenance: 0 };
  for (let i = 0; i + 1 < points.length; i++) {
    const at = points[i] as number;
    const d = deltas.get(at) as number[];
    for (let k = 0; k < 5; k++) active[k] = (active[k] as number) + (d[k] as number);
    const next = points[i + 1] as number;
    const ms = calendar.elapsed(at, next);
    if (ms === 0) continue;
    if ((active[4] as number) > 0) {
      totals.maintenance += ms;
      continue;
    }
    let state: ServiceState = 'unknown';
    for (let k = 3; k >= 1; k--) {
      if ((active[k] as number) > 0) {
        state = BY_SEVERITY[k] as ServiceState;
        break;
      }
    }
    totals[state] += ms;
  }
  const degradedIsDown = input.degraded === 'down';
  const good = totals.up + (degradedIsDown ? 0 : totals.degraded);
  const bad = totals.down + (degradedIsDown ? totals.degraded : 0);
  return {
    availability: good + bad === 0 ? null : good / (good + bad),
    upMs: totals.up,
    degradedMs: totals.degraded,
    downMs: totals.down,
    maintenanceMs: totals.maintenance,
    unknownMs: totals.unknown,
  };
}
