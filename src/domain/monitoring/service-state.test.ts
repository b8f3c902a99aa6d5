import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MINUTE_MS, parseInstant } from '../shared/time.ts';
import { combineMonitorSpans, combineStates } from './service-state.ts';
import type { MonitorState, MonitorStateSpan, ServiceRule } from './types.ts';

const T0 = parseInstant('2026-03-02T10:00:00Z');
const s = (from: number, to: number, state: MonitorState): MonitorStateSpan => ({
  start: T0 + from * MINUTE_MS,
  end: T0 + to * MINUTE_MS,
  state,
});
const HOUR = { start: T0, end: T0 + 60 * MINUTE_MS };

const A = [s(0, 20, 'up'), s(20, 40, 'down'), s(40, 60, 'up')];
// Nothing said from 10:30 to 10:35.
const B = [s(0, 30, 'up'), s(35, 50, 'maintenance'), s(50, 60, 'degraded')];

describe('a service from its monitors', () => {
  it('is down when any monitor is down under "any"', () => {
    expect(combineMonitorSpans([A, B], 'any', HOUR)).toEqual([
      s(0, 20, 'up'),
      s(20, 40, 'down'),
      s(40, 50, 'up'),
      s(50, 60, 'degraded'),
    ]);
  });

  it('is down only when every monitor is under "all", and unknown while a silent one might be up', () => {
    // 10:30-10:35: A down, B silent → unknown. 10:35-10:40: B in maintenance abstains, A alone is down.
    expect(combineMonitorSpans([A, B], 'all', HOUR)).toEqual([
      s(0, 30, 'up'),
      s(30, 35, 'unknown'),
      s(35, 40, 'down'),
      s(40, 60, 'up'),
    ]);
  });

  it('is in maintenance only when every monitor is, and unknown without monitors', () => {
    expect(
      combineMonitorSpans(
        [[s(0, 60, 'maintenance')], [s(0, 30, 'maintenance'), s(30, 60, 'up')]],
        'any',
        HOUR,
      ),
    ).toEqual([s(0, 30, 'maintenance'), s(30, 60, 'up')]);
    expect(combineMonitorSpans([], 'all', HOUR)).toEqual([s(0, 60, 'unknown')]);
    expect(combineStates(['unknown', 'up'], 'any')).toBe('unknown');
    expect(combineStates(['unknown', 'down'], 'any')).toBe('down');
    expect(combineStates(['unknown', 'down'], 'all')).toBe('unknown');
    expect(combineStates(['degraded', 'down'], 'all')).toBe('degraded');
  });
});

// ---- brute force, minute by minute --------------------------------------------------------------------

const WORST_FIRST: readonly MonitorState[] = ['maintenance', 'down', 'degraded', 'up'];
const stateOf = (spans: readonly MonitorStateSpan[], t: number): MonitorState =>
  WORST_FIRST.find((st) => spans.some((x) => x.state === st && x.start <= t && t < x.end)) ?? 'unknown';

function oracle(
  monitors: readonly (readonly MonitorStateSpan[])[],
  rule: ServiceRule,
  minutes: number,
): MonitorState[] {
  return Array.from({ length: minutes }, (_, m) => {
    const states = monitors
      .map((spans) => stateOf(spans, T0 + m * MINUTE_MS))
      .filter((st) => st !== 'maintenance');
    if (monitors.length === 0) return 'unknown';
    if (states.length === 0) return 'maintenance';
    const has = (st: (typeof states)[number]): boolean => states.includes(st);
    if (rule === 'any')
      return has('down') ? 'down' : has('unknown') ? 'unknown' : has('degraded') ? 'degraded' : 'up';
    return has('up') ? 'up' : has('degraded') ? 'degraded' : has('unknown') ? 'unknown' : 'down';
  });
}

const monitorSpans = fc.array(
  fc
    .tuple(
      fc.integer({ min: -5, max: 45 }),
      fc.integer({ min: 1, max: 20 }),
      fc.constantFrom<MonitorState>('up', 'degraded', 'down', 'maintenance', 'unknown'),
    )
    .map(([from, len, state]) => s(from, from + len, state)),
  { maxLength: 6 },
);

describe('combining monitors, checked minute by minute', () => {
  it('agrees with a brute-force walk for both rules', () => {
    fc.assert(
      fc.property(
        fc.array(monitorSpans, { maxLength: 4 }),
        fc.constantFrom<ServiceRule>('any', 'all'),
        (monitors, rule) => {
          const range = { start: T0, end: T0 + 40 * MINUTE_MS };
          const spans = combineMonitorSpans(monitors, rule, range);
          const expected = oracle(monitors, rule, 40);
          const actual = Array.from({ length: 40 }, (_, m) => stateOf(spans, T0 + m * MINUTE_MS));
          // stateOf reads an unknown span and no span alike, so also check the spans tile the range.
          expect(actual).toEqual(expected);
          expect(spans[0]?.start).toBe(range.start);
          expect(spans[spans.length - 1]?.end).toBe(range.end);
          spans.slice(1).forEach((x, i) => {
            expect(x.start).toBe(spans[i]?.end);
            expect(x.state).not.toBe(spans[i]?.state);
          });
        },
      ),
    );
  });
});
