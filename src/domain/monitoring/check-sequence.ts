import type { ServiceState } from '../availability/availability.ts';
import { DomainError } from '../shared/errors.ts';
import type { Interval } from '../shared/time.ts';
import type { CheckResult, CheckStatus, MonitorState, MonitorStateSpan } from './types.ts';

/*
 * From a monitor's checks to its state over time and its outages.
 *
 * - A failed check ("down") is confirmed at the `failuresToConfirm`-th consecutive failure. The outage is
 *   then backdated to the first failure of that run. Until then the monitor keeps the state it had.
 * - An outage ends at the first success of the `successesToRecover` consecutive successes that end it
 *   (backdated the same way). Degraded checks are successes for this purpose, with state "degraded".
 * - A check's state lasts until the next check, but at most `unknownAfterMs`; time after that is unknown.
 *   Checks on either side of such a gap are not consecutive: a gap breaks an unconfirmed run, whose checks
 *   then keep the state the monitor had. An open outage stays open through a gap: nobody saw it end.
 * - Time before the first check is unknown, and so are unconfirmed failures before the first success.
 *
 * `step` is the incremental form: the scheduler feeds one result at a time and persists the small JSON
 * tracker state. `spansFromChecks` and `outagesFromChecks` recompute from a list of checks, with a separate
 * run-by-run algorithm; the tests hold the two to the same answers.
 */

export interface TrackerParams {
  /** The monitor's check interval; kept for validation and for the caller's default of `unknownAfterMs`. */
  readonly intervalMs: number;
  /** Consecutive failed checks that confirm an outage, at least 1. */
  readonly failuresToConfirm: number;
  /** Consecutive successful checks that end an outage, at least 1. */
  readonly successesToRecover: number;
  /** A check's state lasts at most this long without a next check; after that the time is unknown. */
  readonly unknownAfterMs: number;
}

/** The usual `unknownAfterMs`: two missed checks and one time-out. */
export const defaultUnknownAfterMs = (intervalMs: number, timeoutMs: number): number =>
  2 * intervalMs + timeoutMs;

/** An unconfirmed check, kept in the tracker state. */
export interface PendingCheck {
  readonly at: number;
  readonly status: CheckStatus;
  readonly message: string;
}

/** The tracker's memory between checks: small and JSON-serialisable. */
export interface TrackerState {
  /** The confirmed state: what unconfirmed checks show. */
  readonly belief: ServiceState;
  readonly outage: { readonly start: number; readonly cause: string } | null;
  /** The checks of a run not yet confirmed (failures while not down, successes while down), oldest first. */
  readonly pending: readonly PendingCheck[];
  /** The span not yet emitted; its end depends on checks still to come. Null before the first check. */
  readonly open: { readonly start: number; readonly state: MonitorState } | null;
  /** The time of the last check whose state is final (every check before the pending ones). */
  readonly settledAt: number | null;
  /** The time of the last check fed in. */
  readonly lastCheckAt: number | null;
}

export type TrackerEvent =
  /** A finished span; spans arrive in order and touch each other. */
  | { readonly type: 'span'; readonly span: MonitorStateSpan }
  | {
      readonly type: 'outage-opened';
      readonly start: number;
      readonly cause: string;
      readonly confirmedAt: number;
    }
  | {
      readonly type: 'outage-closed';
      readonly start: number;
      readonly end: number;
      readonly cause: string;
      readonly confirmedAt: number;
    }
  /** The confirmed state changed at `at` (backdated), learnt from the check at `confirmedAt`. */
  | {
      readonly type: 'state-changed';
      readonly from: ServiceState;
      readonly to: ServiceState;
      readonly at: number;
      readonly confirmedAt: number;
    };

/** An outage: `end` is null while it is open. `cause` is the message of its first failed check. */
export interface Outage {
  readonly start: number;
  readonly end: number | null;
  readonly cause: string;
}

export const initialTrackerState = (): TrackerState => ({
  belief: 'unknown',
  outage: null,
  pending: [],
  open: null,
  settledAt: null,
  lastCheckAt: null,
});

/** @throws DomainError CHECK_PARAMS_INVALID */
export function validateTrackerParams(params: TrackerParams): TrackerParams {
  const bad = (field: string, rule: string): never => {
    throw new DomainError('CHECK_PARAMS_INVALID', `${field} must be ${rule}`, {
      field,
      value: params[field as keyof TrackerParams],
    });
  };
  if (!Number.isSafeInteger(params.intervalMs) || params.intervalMs <= 0)
    bad('intervalMs', 'a positive whole number of ms');
  if (!Number.isSafeInteger(params.failuresToConfirm) || params.failuresToConfirm < 1)
    bad('failuresToConfirm', 'a whole number of 1 or more');
  if (!Number.isSafeInteger(params.successesToRecover) || params.successesToRecover < 1)
    bad('successesToRecover', 'a whole number of 1 or more');
  if (!Number.isSafeInteger(params.unknownAfterMs) || params.unknownAfterMs <= 0)
    bad('unknownAfterMs', 'a positive whole number of ms');
  return params;
}

// ---- the incremental tracker ---------------------------------------------------------------------------

/** Builds contiguous spans from settled checks, in order. */
class SpanBuilder {
  open: { start: number; state: MonitorState } | null;
  settledAt: number | null;
  readonly spans: MonitorStateSpan[] = [];

  constructor(
    state: Pick<TrackerState, 'open' | 'settledAt'>,
    private readonly unknownAfterMs: number,
  ) {
    this.open = state.open;
    this.settledAt = state.settledAt;
  }

  private moveTo(state: MonitorState, at: number): void {
    if (!this.open) {
      this.open = { start: at, state };
      return;
    }
    if (this.open.state === state) return;
    if (at > this.open.start) this.spans.push({ start: this.open.start, end: at, state: this.open.state });
    this.open = { start: at, state };
  }

  settle(at: number, state: MonitorState): void {
    if (this.settledAt !== null && at - this.settledAt > this.unknownAfterMs) {
      this.moveTo('unknown', this.settledAt + this.unknownAfterMs);
    }
    this.moveTo(state, at);
    this.settledAt = at;
  }

  /** Ends the timeline at `to`: the last state until its expiry, unknown after. */
  close(to: number): void {
    if (this.settledAt !== null && to - this.settledAt > this.unknownAfterMs) {
      this.moveTo('unknown', this.settledAt + this.unknownAfterMs);
    }
    if (this.open && to > this.open.start)
      this.spans.push({ start: this.open.start, end: to, state: this.open.state });
    this.open = null;
  }
}

const isFailure = (status: CheckStatus): boolean => status === 'down';

/**
 * Feeds one check result to the tracker. Results must come in order of `at`, strictly increasing.
 * @throws DomainError CHECK_OUT_OF_ORDER
 */
export function step(
  state: TrackerState,
  result: CheckResult,
  params: TrackerParams,
): { state: TrackerState; events: TrackerEvent[] } {
  validateTrackerParams(params);
  const { at } = result;
  if (state.lastCheckAt !== null && !(at > state.lastCheckAt)) {
    throw new DomainError(
      'CHECK_OUT_OF_ORDER',
      'check results must be fed in order of time, one per instant',
      {
        at,
        lastCheckAt: state.lastCheckAt,
      },
    );
  }
  const spans = new SpanBuilder(state, params.unknownAfterMs);
  const events: TrackerEvent[] = [];
  let { belief, outage } = state;
  let pending = [...state.pending];
  const settleAll = (list: readonly PendingCheck[], as: (c: PendingCheck) => MonitorState): void => {
    for (const c of list) spans.settle(c.at, as(c));
  };
  const change = (to: ServiceState, changedAt: number): void => {
    if (to === belief) return;
    events.push({ type: 'state-changed', from: belief, to, at: changedAt, confirmedAt: at });
    belief = to;
  };

  // A gap breaks the pending run: its checks keep the confirmed state.
  if (state.lastCheckAt !== null && at - state.lastCheckAt > params.unknownAfterMs && pending.length > 0) {
    settleAll(pending, () => belief);
    pending = [];
  }

  const check: PendingCheck = { at, status: result.status, message: result.message };
  if (outage === null) {
    if (isFailure(check.status)) {
      pending.push(check);
      if (pending.length >= params.failuresToConfirm) {
        const first = pending[0] as PendingCheck;
        outage = { start: first.at, cause: first.message };
        events.push({ type: 'outage-opened', start: outage.start, cause: outage.cause, confirmedAt: at });
        change('down', first.at);
        settleAll(pending, () => 'down');
        pending = [];
      }
    } else {
      settleAll(pending, () => belief);
      pending = [];
      change(check.status, at);
      spans.settle(at, check.status);
    }
  } else if (isFailure(check.status)) {
    settleAll(pending, () => 'down');
    pending = [];
    spans.settle(at, 'down');
  } else {
    pending.push(check);
    if (pending.length >= params.successesToRecover) {
      const first = pending[0] as PendingCheck;
      events.push({
        type: 'outage-closed',
        start: outage.start,
        end: first.at,
        cause: outage.cause,
        confirmedAt: at,
      });
      outage = null;
      for (const c of pending) {
        change(c.status, c.at);
        spans.settle(c.at, c.status);
      }
      pending = [];
    }
  }

  // Spans first (they describe the past), then outage and state events in the order they happened.
  return {
    state: { belief, outage, pending, open: spans.open, settledAt: spans.settledAt, lastCheckAt: at },
    events: [...spans.spans.map((span): TrackerEvent => ({ type: 'span', span })), ...events],
  };
}

/**
 * The spans not yet emitted, as they stand at `now` (>= the last check): unconfirmed checks show the
 * confirmed state, the last check's state lasts until `unknownAfterMs` after it, unknown after that.
 * These spans may still change; the scheduler shows them but stores only `span` events.
 */
export function provisionalSpans(
  state: TrackerState,
  now: number,
  params: TrackerParams,
): MonitorStateSpan[] {
  const spans = new SpanBuilder(state, params.unknownAfterMs);
  for (const c of state.pending) spans.settle(c.at, state.belief);
  spans.close(now);
  return spans.spans;
}

/** The state the monitor shows at `now`: the confirmed state, or unknown when checks stopped coming. */
export function stateAt(state: TrackerState, now: number, params: TrackerParams): ServiceState {
  if (state.lastCheckAt === null || now - state.lastCheckAt > params.unknownAfterMs) return 'unknown';
  return state.belief;
}

// ---- recomputation from a list of checks ----------------------------------------------------------------

function sortedChecks(checks: readonly CheckResult[]): CheckResult[] {
  const sorted = [...checks].sort((a, b) => a.at - b.at);
  for (let i = 1; i < sorted.length; i++) {
    if ((sorted[i] as CheckResult).at === (sorted[i - 1] as CheckResult).at) {
      throw new DomainError('CHECK_OUT_OF_ORDER', 'two check results share one instant', {
        at: (sorted[i] as CheckResult).at,
      });
    }
  }
  return sorted;
}

/** Each check's final state and the outages, run by run. */
function evaluate(
  checks: readonly CheckResult[],
  params: TrackerParams,
): { states: ServiceState[]; outages: Outage[] } {
  const states: ServiceState[] = [];
  const outages: Outage[] = [];
  let belief: ServiceState = 'unknown';
  let open: { start: number; cause: string } | null = null;
  let i = 0;
  while (i < checks.length) {
    // The run: consecutive checks of the same kind (failure or success) with no gap between them.
    const first = checks[i] as CheckResult;
    const failing = isFailure(first.status);
    let j = i + 1;
    while (j < checks.length) {
      const c = checks[j] as CheckResult;
      if (isFailure(c.status) !== failing || c.at - (checks[j - 1] as CheckResult).at > params.unknownAfterMs)
        break;
      j++;
    }
    const run = checks.slice(i, j);
    if (failing && open === null) {
      if (run.length >= params.failuresToConfirm) {
        open = { start: first.at, cause: first.message };
        belief = 'down';
      }
      for (const _ of run) states.push(belief);
    } else if (failing) {
      for (const _ of run) states.push('down');
    } else if (open === null || run.length >= params.successesToRecover) {
      if (open !== null) outages.push({ start: open.start, end: first.at, cause: open.cause });
      open = null;
      for (const c of run) states.push(c.status);
      belief = (run[run.length - 1] as CheckResult).status;
    } else {
      for (const _ of run) states.push('down');
    }
    i = j;
  }
  if (open !== null) outages.push({ start: open.start, end: null, cause: open.cause });
  return { states, outages };
}

/**
 * A monitor's state spans over `range`, recomputed from all its checks (checks after the range may still
 * confirm an outage that started inside it). The spans cover the range without gaps, merged.
 */
export function spansFromChecks(
  checks: readonly CheckResult[],
  params: TrackerParams,
  range: Interval,
): MonitorStateSpan[] {
  validateTrackerParams(params);
  if (!(range.end > range.start)) return [];
  const sorted = sortedChecks(checks);
  const { states } = evaluate(sorted, params);
  return timeline(
    sorted.map((c, k) => ({ at: c.at, state: states[k] as ServiceState })),
    params.unknownAfterMs,
    'unknown',
    range,
  );
}

/** A monitor's outages, recomputed from all its checks; the last one is open (end null) if not recovered. */
export function outagesFromChecks(checks: readonly CheckResult[], params: TrackerParams): Outage[] {
  validateTrackerParams(params);
  return evaluate(sortedChecks(checks), params).outages;
}

// ---- heartbeat monitors ---------------------------------------------------------------------------------

/**
 * Spans of a heartbeat monitor (the monitored job pings us): up from each ping, down from
 * `ping + periodMs + graceMs` until the next ping. Time before the first ping is unknown; to hold a job
 * that never pinged to account, pass the monitor's creation as its first ping.
 */
export function heartbeatSpans(
  pings: readonly number[],
  periodMs: number,
  graceMs: number,
  range: Interval,
): MonitorStateSpan[] {
  if (!(periodMs > 0) || !(graceMs >= 0)) {
    throw new DomainError(
      'CHECK_PARAMS_INVALID',
      'a heartbeat needs a positive period and a grace of 0 or more',
      { periodMs, graceMs },
    );
  }
  if (!(range.end > range.start)) return [];
  const sorted = [...new Set(pings)].sort((a, b) => a - b);
  return timeline(
    sorted.map((at) => ({ at, state: 'up' as const })),
    periodMs + graceMs,
    'down',
    range,
  );
}

/**
 * Spans over `range` from points in time: each point's state lasts until the next point but at most
 * `holdMs`, then `after` until the next point; time before the first point is unknown. Merged, clipped.
 */
function timeline(
  points: readonly { readonly at: number; readonly state: MonitorState }[],
  holdMs: number,
  after: MonitorState,
  range: Interval,
): MonitorStateSpan[] {
  const out: MonitorStateSpan[] = [];
  const push = (start: number, end: number, state: MonitorState): void => {
    const s = Math.max(start, range.start);
    const e = Math.min(end, range.end);
    if (e <= s) return;
    const last = out[out.length - 1];
    if (last && last.state === state && last.end === s)
      out[out.length - 1] = { start: last.start, end: e, state };
    else out.push({ start: s, end: e, state });
  };
  push(range.start, points[0]?.at ?? range.end, 'unknown');
  points.forEach((p, k) => {
    const next = points[k + 1]?.at ?? Math.max(range.end, p.at);
    const expiry = p.at + holdMs;
    push(p.at, Math.min(next, expiry), p.state);
    if (next > expiry) push(expiry, next, after);
  });
  return out;
}
