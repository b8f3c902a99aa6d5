import type { BusinessCalendar } from '../calendars/business-calendar.ts';
import type { ClockRun, ClockSpan } from './clock-spans.ts';
import type { ClockState, ClockWarning, TimelineSegment } from './types.ts';

/** The measured state of one clock run against one target duration. */
export interface RunEvaluation {
  readonly state: Exclude<ClockState, 'cancelled' | 'idle'>;
  readonly elapsedMs: number;
  readonly pausedMs: number;
  readonly dueAt: number;
  readonly breachedAt: number | null;
  readonly warnings: ClockWarning[];
}

/**
 * Where, inside the counting spans, the counted business time first reaches `amount`: the instant a
 * running clock passes it. A budget used up exactly when a span ends (a pause, the stop, or `now`) is not
 * passed there: after a pause the clock passes it the moment it resumes.
 */
function crossing(spans: readonly ClockSpan[], counted: readonly number[], amount: number, cal: BusinessCalendar): number | null {
  let sum = 0;
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i] as ClockSpan;
    if (!span.running) continue;
    const e = counted[i] as number;
    const rest = amount - sum;
    if (e >= rest) {
      const t = cal.due(span.start, Math.max(0, rest));
      if (t < span.end) return t;
    }
    sum += e;
  }
  return null;
}

/**
 * Evaluates a run of a clock against a target: counted and paused business time, the due instant (for a
 * running or paused clock: where it falls if the clock runs on from now), whether and when it breached,
 * and the warning instants. A clock breaches when it is still running after its due instant; stopping
 * exactly at the due instant is met.
 */
export function evaluateRun(
  run: ClockRun,
  durationMs: number,
  cal: BusinessCalendar,
  now: number,
  warningShares: readonly number[] = [],
): RunEvaluation {
  const spans = run.spans;
  const counted: number[] = new Array<number>(spans.length);
  let elapsedMs = 0;
  let pausedMs = 0;
  for (let i = 0; i < spans.length; i++) {
    const span = spans[i] as ClockSpan;
    const e = cal.elapsed(span.start, span.end);
    counted[i] = e;
    if (span.running) elapsedMs += e;
    else pausedMs += e;
  }
  // Where a share of the target falls if the clock runs on from its end (its stop, or now).
  const end = run.stoppedAt ?? now;
  const breachedAt = elapsedMs >= durationMs ? crossing(spans, counted, durationMs, cal) : null;
  let state: RunEvaluation['state'];
  if (breachedAt !== null) state = 'breached';
  else if (run.stoppedAt !== null) state = 'met';
  else state = run.runningAtEnd ? 'running' : 'paused';
  const dueAt = breachedAt ?? cal.due(end, Math.max(0, durationMs - elapsedMs));
  const warnings: ClockWarning[] = [];
  for (const share of warningShares) {
    const amount = Math.ceil(share * durationMs);
    const reached = elapsedMs >= amount ? crossing(spans, counted, amount, cal) : null;
    if (reached !== null) warnings.push({ fraction: share, at: reached });
    else if (run.stoppedAt === null) warnings.push({ fraction: share, at: cal.due(end, Math.max(0, amount - elapsedMs)) });
  }
  return { state, elapsedMs, pausedMs, dueAt, breachedAt, warnings };
}

/**
 * The explanation timeline of a run: counted, paused and closed (outside hours, holiday, closure) spans
 * from its start to its stop, and, for a clock still active, projected on to its due instant.
 */
export function explainRun(run: ClockRun, dueAt: number, cal: BusinessCalendar, now: number): TimelineSegment[] {
  const out: TimelineSegment[] = [];
  const push = (seg: TimelineSegment): void => {
    const last = out[out.length - 1];
    if (last && last.end === seg.start && last.kind === seg.kind && last.label === seg.label && last.projected === seg.projected) {
      out[out.length - 1] = { ...last, end: seg.end };
    } else out.push(seg);
  };
  const add = (start: number, end: number, running: boolean, label: string | undefined, projected: boolean): void => {
    for (const s of cal.explain(start, end)) {
      const kind = s.kind === 'open' ? (running ? 'counted' : 'paused') : s.kind;
      const why = s.kind === 'open' ? (running ? undefined : label) : s.label;
      const seg: TimelineSegment = { start: s.start, end: s.end, kind, ...(why === undefined ? {} : { label: why }), ...(projected ? { projected } : {}) };
      push(seg);
    }
  };
  for (const span of run.spans) add(span.start, span.end, span.running, span.label, false);
  if (run.stoppedAt === null && dueAt > now) add(now, dueAt, true, undefined, true);
  return out;
}
