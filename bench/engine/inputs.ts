import type { Random } from '../lib/prng.ts';
import {
  atLocalMinute,
  boundariesOf,
  DAY_MINUTES,
  INPUT_DAYS,
  localInstant,
  localParts,
  MINUTE_MS,
  type CalendarCase,
} from './calendars.ts';

/**
 * Inputs stored calendar after calendar: those of calendar g are `[bounds[g], bounds[g + 1])`. All instants
 * are whole minutes, because dayjs-business-time counts whole minutes only.
 */
export interface SpanInputs {
  readonly bounds: readonly number[];
  readonly from: Float64Array;
  readonly to: Float64Array;
}

export interface DueInputs {
  readonly bounds: readonly number[];
  readonly start: Float64Array;
}

/** Share of instants put exactly on an opening or closing time, where off-by-one mistakes live. */
const ON_BOUNDARY = 0.15;

/** A random local instant in the input range; sometimes exactly at one of the calendar's boundaries. */
function randomInstant(rng: Random, c: CalendarCase): number {
  const dayIndex = rng.int(0, INPUT_DAYS - 1);
  if (!rng.chance(ON_BOUNDARY)) return localInstant(dayIndex, rng.int(0, DAY_MINUTES - 1));
  const weekday = localParts(localInstant(dayIndex, 0)).weekday;
  return localInstant(dayIndex, rng.pick(boundariesOf(c, weekday)));
}

/** Spans of 0 to `maxDays` days; some ends are moved onto a boundary of their local date. */
export function spanInputs(
  rng: Random,
  calendars: readonly CalendarCase[],
  perCalendar: number,
  maxDays: number,
): SpanInputs {
  const n = calendars.length * perCalendar;
  const from = new Float64Array(n);
  const to = new Float64Array(n);
  const bounds = [0];
  const maxMs = maxDays * DAY_MINUTES * MINUTE_MS;
  let i = 0;
  for (const c of calendars) {
    for (let k = 0; k < perCalendar; k++, i++) {
      const a = randomInstant(rng, c);
      let b = a + rng.int(0, maxDays * DAY_MINUTES) * MINUTE_MS;
      if (rng.chance(ON_BOUNDARY)) {
        const snapped = atLocalMinute(b, rng.pick(boundariesOf(c, localParts(b).weekday)));
        if (snapped >= a && snapped <= a + maxMs) b = snapped;
      }
      from[i] = a;
      to[i] = b;
    }
    bounds.push(i);
  }
  return { bounds, from, to };
}

export function dueInputs(rng: Random, calendars: readonly CalendarCase[], perCalendar: number): DueInputs {
  const start = new Float64Array(calendars.length * perCalendar);
  const bounds = [0];
  let i = 0;
  for (const c of calendars) {
    for (let k = 0; k < perCalendar; k++, i++) start[i] = randomInstant(rng, c);
    bounds.push(i);
  }
  return { bounds, start };
}
