import type { ClockMetric, TicketEvent } from './types.ts';

/** A stretch of a clock's life: counting, or paused (with why). */
export interface ClockSpan {
  readonly start: number;
  readonly end: number;
  readonly running: boolean;
  /** The pause status, or "resolved" for the time a ticket spent resolved before a reopen. */
  readonly label?: string;
}

/** One run of a clock from its start to its stop (or to now), cut into counting and paused spans. */
export interface ClockRun {
  readonly startedAt: number;
  readonly spans: readonly ClockSpan[];
  /** Null while the clock still runs or pauses at `now`. */
  readonly stoppedAt: number | null;
  /** Whether the clock counts at its end (at `now`, for a clock that has not stopped). */
  readonly runningAtEnd: boolean;
}

type Mode = { readonly running: true } | { readonly running: false; readonly label: string };

const RUNNING: Mode = { running: true };

/** Collects spans, merging neighbours of the same mode and dropping empty ones. */
class SpanBuilder {
  private readonly spans: ClockSpan[] = [];
  private cursor: number;
  private mode: Mode;

  constructor(start: number, mode: Mode) {
    this.cursor = start;
    this.mode = mode;
  }

  switchTo(at: number, mode: Mode): void {
    if (sameMode(mode, this.mode)) return;
    this.close(at);
    this.mode = mode;
  }

  get running(): boolean {
    return this.mode.running;
  }

  close(at: number): ClockSpan[] {
    if (at > this.cursor) {
      const span: ClockSpan = this.mode.running
        ? { start: this.cursor, end: at, running: true }
        : { start: this.cursor, end: at, running: false, label: this.mode.label };
      const last = this.spans[this.spans.length - 1];
      if (last && last.end === span.start && last.running === span.running && last.label === span.label) {
        this.spans[this.spans.length - 1] = { ...last, end: span.end };
      } else this.spans.push(span);
      this.cursor = at;
    }
    return this.spans;
  }
}

function sameMode(a: Mode, b: Mode): boolean {
  return a.running === b.running && (a.running || (b.running === false && a.label === b.label));
}

function statusMode(status: string | undefined, pauses: ReadonlySet<string>): Mode {
  return status !== undefined && pauses.has(status) ? { running: false, label: status } : RUNNING;
}

function stopped(startedAt: number, spans: SpanBuilder, at: number): ClockRun {
  const running = spans.running;
  return { startedAt, spans: spans.close(at), stoppedAt: at, runningAtEnd: running };
}

const isAgentAnswer = (e: TicketEvent): boolean => e.type === 'reply' && e.author === 'agent' && e.public;

/**
 * The runs of a clock over a ticket's events (sorted, all at or before `now`, the first being the
 * creation). First response and resolution have one run from creation; the update clock has one run per
 * customer message that found no cycle running.
 */
export function clockRuns(
  metric: ClockMetric,
  events: readonly TicketEvent[],
  now: number,
  pauseStatuses: ReadonlySet<string>,
): ClockRun[] {
  const created = events[0];
  if (!created) return [];
  if (metric === 'update') return updateRuns(events, now, pauseStatuses);
  let status = created.type === 'created' ? created.status : undefined;
  let resolvedAt: number | null = null;
  const spans = new SpanBuilder(created.at, statusMode(status, pauseStatuses));
  for (let i = 1; i < events.length; i++) {
    const e = events[i] as TicketEvent;
    switch (e.type) {
      case 'status':
        status = e.status;
        if (resolvedAt === null) spans.switchTo(e.at, statusMode(status, pauseStatuses));
        break;
      case 'reply':
        if (metric === 'first_response' && isAgentAnswer(e)) {
          return [stopped(created.at, spans, e.at)];
        }
        break;
      case 'resolved':
      case 'closed':
        if (metric === 'first_response') return [stopped(created.at, spans, e.at)];
        if (resolvedAt === null) {
          resolvedAt = e.at;
          spans.switchTo(e.at, { running: false, label: 'resolved' });
        }
        break;
      case 'reopened':
        if (resolvedAt !== null) {
          resolvedAt = null;
          spans.switchTo(e.at, statusMode(status, pauseStatuses));
        }
        break;
      default:
        break;
    }
  }
  if (resolvedAt !== null) return [stopped(created.at, spans, resolvedAt)];
  return [{ startedAt: created.at, spans: spans.close(now), stoppedAt: null, runningAtEnd: spans.running }];
}

/** Update cycles: a customer message starts one (if none runs); the next public agent answer stops it. */
function updateRuns(events: readonly TicketEvent[], now: number, pauses: ReadonlySet<string>): ClockRun[] {
  const runs: ClockRun[] = [];
  const first = events[0];
  let status = first && first.type === 'created' ? first.status : undefined;
  let resolved = false;
  let cycle: { startedAt: number; spans: SpanBuilder } | null = null;
  const stop = (at: number): void => {
    if (cycle) runs.push(stopped(cycle.startedAt, cycle.spans, at));
    cycle = null;
  };
  for (let i = 1; i < events.length; i++) {
    const e = events[i] as TicketEvent;
    switch (e.type) {
      case 'status':
        status = e.status;
        cycle?.spans.switchTo(e.at, statusMode(status, pauses));
        break;
      case 'reply':
        if (e.author === 'customer' && !cycle && !resolved) {
          cycle = { startedAt: e.at, spans: new SpanBuilder(e.at, statusMode(status, pauses)) };
        } else if (isAgentAnswer(e)) stop(e.at);
        break;
      case 'resolved':
      case 'closed':
        resolved = true;
        stop(e.at);
        break;
      case 'reopened':
        resolved = false;
        break;
      default:
        break;
    }
  }
  const open = cycle as { startedAt: number; spans: SpanBuilder } | null;
  if (open) runs.push({ startedAt: open.startedAt, spans: open.spans.close(now), stoppedAt: null, runningAtEnd: open.spans.running });
  return runs;
}
