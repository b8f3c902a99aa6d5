import { localIso } from './agreement.ts';
import { crossesOffsetChange, localParts, MINUTE_MS, type CalendarCase } from './calendars.ts';
import type { DueInputs, SpanInputs } from './inputs.ts';
import type { WorkloadSpec } from './workload.ts';

const HOUR_MS = 60 * MINUTE_MS;

export const EXCLUSION_REASONS: Record<string, string> = {
  'dst-change':
    'a DST change of the local zone lies inside the span; compared separately, as the specification asks',
  'moment-end-before-later-interval':
    "moment-business-time's workingDiff subtracts every opening interval of the end's local date that starts after the end (a defect of the peer), so non-empty spans ending after the day's first opening, with a later interval still to come, are not comparable",
};

/**
 * How much moment-business-time's workingDiff undercounts a span ending at `to` (see EXCLUSION_REASONS):
 * for each opening interval of the end's local date that starts after the end, the time from the end to
 * that start. Zero when the defect does not apply.
 */
function momentEndDefectMs(c: CalendarCase, from: number, to: number): number {
  // An empty span never enters the loop that miscounts.
  if (!(from < to)) return 0;
  const p = localParts(to);
  if (c.holidays.includes(p.date)) return 0;
  const intervals = c.week[p.weekday] ?? [];
  const first = intervals[0];
  if (first === undefined || p.minute <= first[0]) return 0;
  let ms = 0;
  for (const [start] of intervals) if (start > p.minute) ms += (start - p.minute) * MINUTE_MS;
  return ms;
}

function calendarIndexOf(bounds: readonly number[], i: number): number {
  let g = 0;
  while (i >= (bounds[g + 1] as number)) g++;
  return g;
}

/** `elapsed` over the spans, compared in milliseconds. */
export function elapsedSpec(
  id: string,
  title: string,
  calendars: readonly CalendarCase[],
  inputs: SpanInputs,
  peerPerCalendar: number,
): WorkloadSpec {
  const { from, to, bounds } = inputs;
  const calendarAt = (i: number): CalendarCase => calendars[calendarIndexOf(bounds, i)] as CalendarCase;
  return {
    id,
    title,
    bounds,
    size: from.length,
    peerPerCalendar,
    run: (impl, begin, end, out) => impl.elapsed(from, to, begin, end, out),
    exclusion: (peer) => (i) => {
      if (
        peer === 'moment-business-time' &&
        momentEndDefectMs(calendarAt(i), from[i] as number, to[i] as number) > 0
      )
        return 'moment-end-before-later-interval';
      if (crossesOffsetChange(from[i] as number, to[i] as number)) return 'dst-change';
      return undefined;
    },
    predict: (peer, ours) => (i, reason) =>
      peer === 'moment-business-time' && reason === 'moment-end-before-later-interval'
        ? (ours[i] as number) - momentEndDefectMs(calendarAt(i), from[i] as number, to[i] as number)
        : undefined,
    describe: (i, ours, theirs) => ({
      calendar: calendarAt(i).id,
      from: localIso(from[i] as number),
      to: localIso(to[i] as number),
      pledgeMinutes: (ours[i] as number) / MINUTE_MS,
      peerMinutes: (theirs[i] as number) / MINUTE_MS,
    }),
  };
}

/** `due` after `hours` of business time from each start, compared to the millisecond. */
export function dueSpec(
  calendars: readonly CalendarCase[],
  inputs: DueInputs,
  hours: number,
  peerPerCalendar: number,
): WorkloadSpec {
  const { start, bounds } = inputs;
  const durationMs = hours * HOUR_MS;
  const calendarAt = (i: number): CalendarCase => calendars[calendarIndexOf(bounds, i)] as CalendarCase;
  return {
    id: `due-${hours}h`,
    title: `due, +${hours} h`,
    bounds,
    size: start.length,
    peerPerCalendar,
    run: (impl, begin, end, out) => impl.due(start, durationMs, begin, end, out),
    exclusion: (_peer, ours) => (i) =>
      crossesOffsetChange(start[i] as number, ours[i] as number) ? 'dst-change' : undefined,
    describe: (i, ours, theirs) => ({
      calendar: calendarAt(i).id,
      start: localIso(start[i] as number),
      hours,
      pledge: localIso(ours[i] as number),
      peer: localIso(theirs[i] as number),
    }),
  };
}
