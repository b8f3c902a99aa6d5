import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HOUR_MS, MINUTE_MS, SECOND_MS, parseInstant } from '../shared/time.ts';
import {
  heartbeatSpans,
  initialTrackerState,
  outagesFromChecks,
  provisionalSpans,
  spansFromChecks,
  stateAt,
  step,
  type Outage,
  type TrackerEvent,
  type TrackerParams,
  type TrackerState,
} from './check-sequence.ts';
import type { CheckResult, CheckStatus, MonitorStateSpan } from './types.ts';

const T0 = parseInstant('2026-03-02T10:00:00Z');
const m = (minutes: number): number => T0 + minutes * MINUTE_MS;
const check = (
  minute: number,
  status: CheckStatus,
  message = status === 'up' ? '' : 'HTTP 503',
): CheckResult => ({
  at: m(minute),
  status,
  latencyMs: 100,
  message,
});
const span = (from: number, to: number, state: MonitorStateSpan['state']): MonitorStateSpan => ({
  start: m(from),
  end: m(to),
  state,
});
const PARAMS: TrackerParams = {
  intervalMs: MINUTE_MS,
  failuresToConfirm: 3,
  successesToRecover: 2,
  unknownAfterMs: 150 * SECOND_MS,
};

function feed(
  checks: readonly CheckResult[],
  params: TrackerParams,
): { state: TrackerState; events: TrackerEvent[] } {
  let state = initialTrackerState();
  const events: TrackerEvent[] = [];
  for (const c of checks) {
    // The scheduler stores the state as JSON between checks.
    const next = step(JSON.parse(JSON.stringify(state)) as TrackerState, c, params);
    state = next.state;
    events.push(...next.events);
  }
  return { state, events };
}

const FLAPPING = [
  check(0, 'up'),
  check(1, 'up'),
  check(2, 'down'),
  check(3, 'down', 'connection refused'),
  check(4, 'down'),
  check(5, 'down'),
  check(6, 'up'),
  check(7, 'down'),
  check(8, 'up'),
  check(9, 'degraded', 'slow: 2.1 s'),
  check(10, 'up'),
];

describe('checks into state spans and outages', () => {
  it('backdates a confirmed outage to its first failure and its end to the first success of the recovery', () => {
    // 3 failures confirm (at 10:04, backdated to 10:02); the lone success at 10:06 is not a recovery; the
    // successes at 10:08 and 10:09 are, so the outage ends at 10:08. 10:10 + 2.5 min lies past the range.
    expect(spansFromChecks(FLAPPING, PARAMS, { start: m(0), end: m(12) })).toEqual([
      span(0, 2, 'up'),
      span(2, 8, 'down'),
      span(8, 9, 'up'),
      span(9, 10, 'degraded'),
      span(10, 12, 'up'),
    ]);
    expect(outagesFromChecks(FLAPPING, PARAMS)).toEqual([{ start: m(2), end: m(8), cause: 'HTTP 503' }]);
  });

  it('emits outage and state events when they are confirmed, and spans once they are final', () => {
    const { events } = feed(FLAPPING, PARAMS);
    expect(events).toEqual([
      { type: 'state-changed', from: 'unknown', to: 'up', at: m(0), confirmedAt: m(0) },
      { type: 'span', span: span(0, 2, 'up') },
      { type: 'outage-opened', start: m(2), cause: 'HTTP 503', confirmedAt: m(4) },
      { type: 'state-changed', from: 'up', to: 'down', at: m(2), confirmedAt: m(4) },
      { type: 'span', span: span(2, 8, 'down') },
      { type: 'span', span: span(8, 9, 'up') },
      { type: 'outage-closed', start: m(2), end: m(8), cause: 'HTTP 503', confirmedAt: m(9) },
      { type: 'state-changed', from: 'down', to: 'up', at: m(8), confirmedAt: m(9) },
      { type: 'state-changed', from: 'up', to: 'degraded', at: m(9), confirmedAt: m(9) },
      { type: 'span', span: span(9, 10, 'degraded') },
      { type: 'state-changed', from: 'degraded', to: 'up', at: m(10), confirmedAt: m(10) },
    ]);
  });

  it('keeps the previous state while failures are unconfirmed', () => {
    const checks = [check(0, 'degraded'), check(1, 'down'), check(2, 'down')];
    const { state, events } = feed(checks, PARAMS);
    expect(events.filter((e) => e.type === 'outage-opened')).toEqual([]);
    expect(stateAt(state, m(2), PARAMS)).toBe('degraded');
    expect(provisionalSpans(state, m(3), PARAMS)).toEqual([span(0, 3, 'degraded')]);
    expect(spansFromChecks(checks, PARAMS, { start: m(0), end: m(3) })).toEqual([span(0, 3, 'degraded')]);
  });

  it('makes the time after a missed check unknown and lets a gap break an unconfirmed run', () => {
    // The state of the check at 10:02 lasts until 10:04:30; the failures on either side of the gap are not
    // consecutive, so three of them do not confirm anything.
    const checks = [
      check(0, 'up'),
      check(1, 'down'),
      check(2, 'down'),
      check(10, 'down'),
      check(11, 'down'),
      check(12, 'up'),
    ];
    expect(spansFromChecks(checks, PARAMS, { start: m(-5), end: m(13) })).toEqual([
      span(-5, 0, 'unknown'),
      { start: m(0), end: m(4.5), state: 'up' },
      { start: m(4.5), end: m(10), state: 'unknown' },
      span(10, 13, 'up'),
    ]);
    expect(outagesFromChecks(checks, PARAMS)).toEqual([]);
    const { state } = feed(checks, PARAMS);
    expect(stateAt(state, m(14), PARAMS)).toBe('up');
    expect(stateAt(state, m(15), PARAMS)).toBe('unknown');
  });

  it('keeps an outage open through a gap in monitoring', () => {
    const params = { ...PARAMS, failuresToConfirm: 1, successesToRecover: 1 };
    const checks = [check(0, 'down'), check(10, 'up')];
    expect(spansFromChecks(checks, params, { start: m(0), end: m(11) })).toEqual([
      { start: m(0), end: m(2.5), state: 'down' },
      { start: m(2.5), end: m(10), state: 'unknown' },
      span(10, 11, 'up'),
    ]);
    expect(outagesFromChecks(checks, params)).toEqual([{ start: m(0), end: m(10), cause: 'HTTP 503' }]);
    expect(outagesFromChecks([check(0, 'down')], params)).toEqual([
      { start: m(0), end: null, cause: 'HTTP 503' },
    ]);
  });

  it('refuses checks out of order', () => {
    const { state } = feed([check(0, 'up'), check(1, 'up')], PARAMS);
    expect(() => step(state, check(1, 'up'), PARAMS)).toThrow(
      expect.objectContaining({ code: 'CHECK_OUT_OF_ORDER' }),
    );
    expect(() =>
      spansFromChecks([check(1, 'up'), check(1, 'down')], PARAMS, { start: m(0), end: m(2) }),
    ).toThrow(expect.objectContaining({ code: 'CHECK_OUT_OF_ORDER' }));
    expect(() => step(state, check(2, 'up'), { ...PARAMS, failuresToConfirm: 0 })).toThrow(
      expect.objectContaining({ code: 'CHECK_PARAMS_INVALID' }),
    );
  });
});

describe('heartbeat monitors', () => {
  it('is down from the last ping plus period plus grace until the next ping', () => {
    const h = (hours: number): number => T0 + hours * HOUR_MS;
    const spans = heartbeatSpans([h(0), h(1), h(3)], HOUR_MS, 5 * MINUTE_MS, { start: h(-1), end: h(5) });
    expect(spans).toEqual([
      { start: h(-1), end: h(0), state: 'unknown' },
      { start: h(0), end: h(2) + 5 * MINUTE_MS, state: 'up' },
      { start: h(2) + 5 * MINUTE_MS, end: h(3), state: 'down' },
      { start: h(3), end: h(4) + 5 * MINUTE_MS, state: 'up' },
      { start: h(4) + 5 * MINUTE_MS, end: h(5), state: 'down' },
    ]);
  });
});

// ---- properties -------------------------------------------------------------------------------------

const checkSeries = fc
  .array(
    fc.record({
      gap: fc.oneof(fc.integer({ min: 1, max: 70 }), fc.integer({ min: 1, max: 400 })),
      status: fc.constantFrom<CheckStatus>('up', 'up', 'degraded', 'down', 'down'),
      message: fc.constantFrom('', 'a', 'b'),
    }),
    { maxLength: 40 },
  )
  .map((list) => {
    let at = T0;
    return list.map(({ gap, status, message }): CheckResult => {
      at += gap * SECOND_MS;
      return { at, status, latencyMs: null, message };
    });
  });
const params = fc.record({
  intervalMs: fc.constant(MINUTE_MS),
  failuresToConfirm: fc.integer({ min: 1, max: 4 }),
  successesToRecover: fc.integer({ min: 1, max: 4 }),
  unknownAfterMs: fc.integer({ min: 30, max: 200 }).map((s) => s * SECOND_MS),
});

/** Merges touching spans of one state and clips them to the range, with unknown where nothing was said. */
function normalise(spans: readonly MonitorStateSpan[], start: number, end: number): MonitorStateSpan[] {
  const out: MonitorStateSpan[] = [];
  let covered = start;
  const push = (s0: number, e0: number, state: MonitorStateSpan['state']): void => {
    const s = Math.max(s0, start);
    const e = Math.min(e0, end);
    if (e <= s) return;
    const last = out[out.length - 1];
    if (last && last.state === state && last.end === s)
      out[out.length - 1] = { start: last.start, end: e, state };
    else out.push({ start: s, end: e, state });
  };
  for (const sp of spans) {
    if (sp.start > covered) push(covered, sp.start, 'unknown');
    push(sp.start, sp.end, sp.state);
    covered = Math.max(covered, sp.end);
  }
  if (covered < end) push(covered, end, 'unknown');
  return out;
}

describe('the tracker, checked against recomputation', () => {
  it('gives the same spans and outages one check at a time as from the whole list', () => {
    fc.assert(
      fc.property(
        checkSeries,
        params,
        fc.integer({ min: -100, max: 3000 }),
        fc.integer({ min: 0, max: 20000 }),
        (checks, p, a, len) => {
          const range = { start: T0 + a * SECOND_MS, end: T0 + (a + len) * SECOND_MS };
          const last = checks[checks.length - 1]?.at ?? T0;
          const end = Math.max(range.end, last);
          const { state, events } = feed(checks, p);
          const emitted = events.flatMap((e) => (e.type === 'span' ? [e.span] : []));
          const incremental = normalise(
            [...emitted, ...provisionalSpans(state, end, p)],
            range.start,
            range.end,
          );
          expect(incremental).toEqual(spansFromChecks(checks, p, range));

          const outages: Outage[] = [];
          for (const e of events) {
            if (e.type === 'outage-closed') outages.push({ start: e.start, end: e.end, cause: e.cause });
          }
          if (state.outage) outages.push({ start: state.outage.start, end: null, cause: state.outage.cause });
          expect(outages).toEqual(outagesFromChecks(checks, p));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('shows each check as it is when one check confirms and nothing expires', () => {
    fc.assert(
      fc.property(checkSeries, (checks) => {
        const p = {
          intervalMs: MINUTE_MS,
          failuresToConfirm: 1,
          successesToRecover: 1,
          unknownAfterMs: HOUR_MS,
        };
        const end = (checks[checks.length - 1]?.at ?? T0) + MINUTE_MS;
        const expected = normalise(
          checks.map((c, k) => ({ start: c.at, end: checks[k + 1]?.at ?? end, state: c.status })),
          T0,
          end,
        );
        expect(spansFromChecks(checks, p, { start: T0, end })).toEqual(expected);
      }),
    );
  });

  it('backdates every outage to a failed check and covers only failed or unconfirmed checks with down', () => {
    fc.assert(
      fc.property(checkSeries, params, (checks, p) => {
        const outages = outagesFromChecks(checks, p);
        for (const o of outages) {
          expect(checks.find((c) => c.at === o.start)?.status).toBe('down');
          if (o.end !== null) expect(checks.find((c) => c.at === o.end)?.status).not.toBe('down');
        }
        const end = (checks[checks.length - 1]?.at ?? T0) + 1;
        const spans = spansFromChecks(checks, p, { start: T0, end });
        for (const s of spans) {
          if (s.state !== 'down') continue;
          expect(outages.some((o) => o.start <= s.start && (o.end === null || s.end <= o.end))).toBe(true);
        }
      }),
    );
  });
});
