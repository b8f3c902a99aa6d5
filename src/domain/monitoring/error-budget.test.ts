import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, MINUTE_MS, parseInstant as at, type Interval } from '../shared/time.ts';
import {
  burnRateAlerts,
  burnRateWindows,
  errorBudget,
  errorBudgetOf,
  type WindowFigures,
} from './error-budget.ts';
import { intersectIntervals, intervalsLength } from './intervals.ts';

const NOW = at('2026-03-31T12:00:00Z');

/** Monitored all the time, up except during `outages`. */
const seriesWith =
  (outages: readonly Interval[]) =>
  (from: number, to: number): WindowFigures => {
    const downMs = intervalsLength(intersectIntervals(outages, [{ start: from, end: to }]));
    return { upMs: to - from - downMs, downMs };
  };

describe('error budgets', () => {
  it('allows 3.6 h in 30 days at 99.5 % and counts what is left', () => {
    const budget = errorBudget(0.995, 30 * DAY_MS, HOUR_MS);
    expect(budget).toEqual({
      target: 0.995,
      countableMs: 30 * DAY_MS,
      allowedMs: 3.6 * HOUR_MS,
      usedMs: HOUR_MS,
      remainingMs: 2.6 * HOUR_MS,
      consumed: 1 / 3.6,
    });
    expect(errorBudget(0.995, 30 * DAY_MS, 4 * HOUR_MS).remainingMs).toBe(-0.4 * HOUR_MS);
  });

  it('leaves maintenance and unknown time out of the countable time, and degraded where the SLA puts it', () => {
    // 700 h up, 19 h degraded, 1 h down; maintenance and unknown do not count. 99 % of 720 h allows 7.2 h.
    const figures = {
      availability: 0,
      upMs: 700 * HOUR_MS,
      degradedMs: 19 * HOUR_MS,
      downMs: HOUR_MS,
      maintenanceMs: 5 * HOUR_MS,
      unknownMs: HOUR_MS,
    };
    expect(errorBudgetOf(0.99, figures)).toMatchObject({
      countableMs: 720 * HOUR_MS,
      allowedMs: 7.2 * HOUR_MS,
      usedMs: HOUR_MS,
    });
    expect(errorBudgetOf(0.99, figures, 'down')).toMatchObject({
      usedMs: 20 * HOUR_MS,
      remainingMs: -12.8 * HOUR_MS,
    });
    expect(() => errorBudget(1, DAY_MS, 0)).toThrow(
      expect.objectContaining({ code: 'ERROR_BUDGET_INVALID_TARGET' }),
    );
  });
});

describe('burn-rate alerts (99.9 %, 30 days)', () => {
  it('pages during a 10-minute outage that is still going on', () => {
    // Down for the last 10 min. Burn rates: 5 min 1/0.001 = 1000; 1 h 10/60/0.001 = 166.7; 30 min 333.3;
    // 6 h 27.8; 2 h 83.3; 1 d 6.94; 3 d 2.31. Every rule fires.
    const alerts = burnRateAlerts(seriesWith([{ start: NOW - 10 * MINUTE_MS, end: NOW }]), 0.999, NOW);
    expect(alerts.severity).toBe('page');
    expect(alerts.rules.map((r) => r.firing)).toEqual([true, true, true, true]);
    const [fast, , , slow] = alerts.rules;
    expect(fast?.long).toEqual({
      windowMs: HOUR_MS,
      upMs: 50 * MINUTE_MS,
      downMs: 10 * MINUTE_MS,
      burnRate: expect.closeTo(166.667, 3),
    });
    expect(fast?.short.burnRate).toBeCloseTo(1000, 9);
    expect(slow?.long.burnRate).toBeCloseTo(10 / 4320 / 0.001, 9);
  });

  it('opens only a ticket once the outage is over', () => {
    // Down from 40 to 30 min ago: the 5- and 30-minute windows are clean, so neither page rule fires; the 1 d
    // window burns at 6.94 (≥ 3) and the 2 h one at 83.3, the 3 d window at 2.31 (≥ 1) and the 6 h one at 27.8.
    const alerts = burnRateAlerts(
      seriesWith([{ start: NOW - 40 * MINUTE_MS, end: NOW - 30 * MINUTE_MS }]),
      0.999,
      NOW,
    );
    expect(alerts.severity).toBe('ticket');
    expect(alerts.rules.map((r) => [r.rule.severity, r.firing])).toEqual([
      ['page', false],
      ['page', false],
      ['ticket', true],
      ['ticket', true],
    ]);
  });

  it('fires exactly on the threshold and not a millisecond below it', () => {
    // 14.4 × 0.1 % of an hour = 51.84 s down in the last hour, all of it in the last 5 minutes.
    const on = burnRateAlerts(seriesWith([{ start: NOW - 51_840, end: NOW }]), 0.999, NOW);
    expect(on.rules[0]?.firing).toBe(true);
    const below = burnRateAlerts(seriesWith([{ start: NOW - 51_839, end: NOW }]), 0.999, NOW);
    expect(below.rules[0]?.firing).toBe(false);
    // 51.8 s is far too little for the slower rules (6 h: 2.4; 1 d: 0.6; 3 d: 0.2).
    expect(below.severity).toBeNull();
  });

  it('reads the windows from a list, and says which one is missing', () => {
    const windows = burnRateWindows(NOW);
    expect(windows.map((w) => (w.end - w.start) / MINUTE_MS)).toEqual([4320, 1440, 360, 120, 60, 30, 5]);
    const list = windows.map((w) => ({ ...w, upMs: w.end - w.start, downMs: 0 }));
    expect(burnRateAlerts(list, 0.995, NOW).severity).toBeNull();
    expect(() => burnRateAlerts(list.slice(1), 0.995, NOW)).toThrow(
      expect.objectContaining({ code: 'BURN_RATE_WINDOW_MISSING' }),
    );
  });

  it('does not fire on a window without countable time', () => {
    const alerts = burnRateAlerts(() => ({ upMs: 0, downMs: 0 }), 0.999, NOW);
    expect(alerts.severity).toBeNull();
    expect(alerts.rules[0]?.long.burnRate).toBe(0);
  });
});
