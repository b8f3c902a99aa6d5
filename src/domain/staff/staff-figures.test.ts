import { describe, expect, it } from 'vitest';
import type { ReportClock, ReportTicket } from '../reports/customer-report.ts';
import { HOUR_MS, MINUTE_MS } from '../shared/time.ts';
import { complianceTotals, staffFigures } from './staff-figures.ts';

const APRIL = { start: Date.UTC(2026, 3, 1), end: Date.UTC(2026, 4, 1) };
const day = (d: number, h = 9): number => Date.UTC(2026, 3, d, h);

const met = (metric: string, stoppedAt: number, elapsedMs: number): ReportClock => ({
  metric,
  state: 'met',
  durationMs: 8 * HOUR_MS,
  elapsedMs,
  dueAt: stoppedAt + HOUR_MS,
  stoppedAt,
  breachedAt: null,
});
const breached = (
  metric: string,
  breachedAt: number,
  elapsedMs: number,
  stoppedAt: number | null,
): ReportClock => ({
  metric,
  state: 'breached',
  durationMs: HOUR_MS,
  elapsedMs,
  dueAt: breachedAt,
  stoppedAt,
  breachedAt,
});
const ticket = (n: number, priority: string, clocks: ReportClock[]): ReportTicket => ({
  id: `t${n}`,
  number: n,
  title: `Ticket ${n}`,
  priority,
  createdAt: day(1, 8),
  resolvedAt: null,
  clocks,
});

describe('staffFigures', () => {
  // P1: one first response met after 20 min, one breached (due 2 April, answered after 90 min);
  // P2: one first response met after 40 min; one resolution met after 3 h; one breached at the end of March
  // (outside the period, not counted).
  const tickets = [
    ticket(1, 'P1', [met('first_response', day(2), 20 * MINUTE_MS)]),
    ticket(2, 'P1', [breached('first_response', day(2), 90 * MINUTE_MS, day(2, 10))]),
    ticket(3, 'P2', [
      met('first_response', day(3), 40 * MINUTE_MS),
      met('resolution', day(3, 12), 3 * HOUR_MS),
    ]),
    ticket(4, 'P2', [breached('first_response', Date.UTC(2026, 2, 31), HOUR_MS, Date.UTC(2026, 2, 31, 12))]),
  ];

  it('gives compliance per priority and target, then over all priorities per target', () => {
    const f = staffFigures({ period: APRIL, tickets, goal: 0.9, open: [], now: day(10) });
    expect(
      f.compliance.map((r) => [r.priority, r.metric, r.met, r.breached, r.compliance, r.achieved]),
    ).toEqual([
      ['P1', 'first_response', 1, 1, 0.5, false],
      ['P2', 'first_response', 1, 0, 1, true],
      ['P2', 'resolution', 1, 0, 1, true],
      ['all', 'first_response', 2, 1, 2 / 3, false],
      ['all', 'resolution', 1, 0, 1, true],
    ]);
  });

  it('gives mean and 90th percentile of business time per priority and over all', () => {
    const f = staffFigures({ period: APRIL, tickets, goal: 0.9, open: [], now: day(10) });
    // First responses stopped in April: 20, 90 and 40 min → mean 50 min, p90 (nearest rank 3 of 3) 90 min.
    expect(f.times).toContainEqual({
      priority: 'all',
      metric: 'first_response',
      count: 3,
      meanBusinessMs: 50 * MINUTE_MS,
      p90BusinessMs: 90 * MINUTE_MS,
    });
    expect(f.times).toContainEqual({
      priority: 'P1',
      metric: 'first_response',
      count: 2,
      meanBusinessMs: 55 * MINUTE_MS,
      p90BusinessMs: 90 * MINUTE_MS,
    });
  });

  it('has no total row for a target without decided clocks', () => {
    expect(complianceTotals([], 0.95)).toEqual([]);
  });
});
