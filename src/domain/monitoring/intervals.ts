import type { Interval } from '../shared/time.ts';

/*
 * Interval algebra over half-open `[start, end)` intervals of instants. Every function accepts intervals in
 * any order, with overlaps and empty ones, and answers sorted, merged, non-empty intervals.
 *
 * The business calendar has its own private pair-array versions of merge and subtract, tuned for its
 * compiled form; these are the general ones for monitoring.
 */

/** Sorts, drops empty intervals and merges overlapping or touching ones. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const out: { start: number; end: number }[] = [];
  for (const { start, end } of sorted) {
    const last = out[out.length - 1];
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else out.push({ start, end });
  }
  return out;
}

/** The instants in both `a` and `b`. */
export function intersectIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const x = mergeIntervals(a);
  const y = mergeIntervals(b);
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const p = x[i] as Interval;
    const q = y[j] as Interval;
    const start = Math.max(p.start, q.start);
    const end = Math.min(p.end, q.end);
    if (end > start) out.push({ start, end });
    if (p.end <= q.end) i++;
    else j++;
  }
  return out;
}

/** The instants in `a` that are not in `b`. */
export function subtractIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const x = mergeIntervals(a);
  const y = mergeIntervals(b);
  const out: Interval[] = [];
  let j = 0;
  for (const p of x) {
    let start = p.start;
    while (j < y.length && (y[j] as Interval).end <= start) j++;
    let k = j;
    while (start < p.end) {
      const q = y[k];
      if (!q || q.start >= p.end) {
        out.push({ start, end: p.end });
        break;
      }
      if (q.start > start) out.push({ start, end: q.start });
      start = Math.max(start, q.end);
      k++;
    }
  }
  return out;
}

/** The parts of `intervals` inside `[from, to)`. */
export function clipIntervals(intervals: readonly Interval[], from: number, to: number): Interval[] {
  return intersectIntervals(intervals, [{ start: from, end: to }]);
}

/** The total length of the union of `intervals`. */
export function intervalsLength(intervals: readonly Interval[]): number {
  return mergeIntervals(intervals).reduce((sum, i) => sum + (i.end - i.start), 0);
}
