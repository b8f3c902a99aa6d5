import { describe, expect, it } from 'vitest';
import { MINUTE_MS } from '../shared/time.ts';
import { isAtRiskAt, isBreachedAt, openRisk, type RiskClock } from './open-risk.ts';

const NOW = Date.UTC(2026, 3, 6, 10, 0);
const clock = (over: Partial<RiskClock>): RiskClock => ({
  metric: 'resolution',
  state: 'running',
  dueAt: NOW + 60 * MINUTE_MS,
  nextWarningAt: NOW + 30 * MINUTE_MS,
  ...over,
});

describe('openRisk', () => {
  it('counts a running clock past its due instant as breached, and at its due instant still as running', () => {
    expect(isBreachedAt(clock({ dueAt: NOW - 1 }), NOW)).toBe(true);
    expect(isBreachedAt(clock({ dueAt: NOW }), NOW)).toBe(false);
    expect(isAtRiskAt(clock({ dueAt: NOW, nextWarningAt: NOW - MINUTE_MS }), NOW)).toBe(true);
  });

  it('counts a clock at risk once its warning instant has come, not before, and never a paused one', () => {
    expect(isAtRiskAt(clock({ nextWarningAt: NOW }), NOW)).toBe(true);
    expect(isAtRiskAt(clock({ nextWarningAt: NOW + 1 }), NOW)).toBe(false);
    expect(isAtRiskAt(clock({ state: 'paused', nextWarningAt: NOW - 1 }), NOW)).toBe(false);
    expect(isAtRiskAt(clock({ nextWarningAt: null }), NOW)).toBe(false);
  });

  it('counts each open ticket once: breached before at risk', () => {
    const tickets = [
      {
        clocks: [clock({ state: 'breached', dueAt: NOW - 5 * MINUTE_MS }), clock({ nextWarningAt: NOW - 1 })],
      },
      { clocks: [clock({ metric: 'first_response', state: 'met' }), clock({ nextWarningAt: NOW - 1 })] },
      { clocks: [clock({})] },
      { clocks: [] },
    ];
    expect(openRisk(tickets, NOW)).toEqual({ open: 4, atRisk: 1, breached: 1 });
  });
});
