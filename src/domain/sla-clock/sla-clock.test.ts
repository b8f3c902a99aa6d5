import { describe, expect, it } from 'vitest';
import { BusinessCalendar } from '../calendars/business-calendar.ts';
import { formatInstant, HOUR_MS, MINUTE_MS, parseInstant as at } from '../shared/time.ts';
import { computeClocks } from './sla-clock.ts';
import type { ClockResult, ClockTarget, TargetResolver, TicketEvent } from './types.ts';

const OFFICE = BusinessCalendar.from({
  timeZone: 'Europe/Berlin',
  hours: { mon: ['08:00-17:00'], tue: ['08:00-17:00'], wed: ['08:00-17:00'], thu: ['08:00-17:00'], fri: ['08:00-17:00'] },
  holidayRegions: ['DE-BY'],
});
const ALWAYS = BusinessCalendar.from({ timeZone: 'UTC' });

const target = (id: string, metric: ClockTarget['metric'], hours: number, extra: Partial<ClockTarget> = {}): ClockTarget => ({
  id,
  metric,
  durationMs: hours * HOUR_MS,
  calendar: OFFICE,
  pauseStatuses: ['waiting'],
  ...extra,
});

const iso = (ms: number | null | undefined): string | null => (ms === null || ms === undefined ? null : formatInstant(ms));
const clock = (list: ClockResult[], id: string): ClockResult => {
  const found = list.find((c) => c.id === id);
  if (!found) throw new Error(`no clock ${id}`);
  return found;
};
const created = (when: string, extra: Partial<Extract<TicketEvent, { type: 'created' }>> = {}): TicketEvent => ({ at: at(when), type: 'created', ...extra });
const ev = (when: string, e: Record<string, unknown>): TicketEvent => ({ at: at(when), ...e }) as TicketEvent;

// Mon 2026-03-02 is an ordinary working Monday in Bavaria; Berlin is UTC+1 then.
describe('first response', () => {
  const targets = [target('first_response', 'first_response', 2)];

  it('stops at the first public agent reply, not at internal notes or customer messages', () => {
    const events = [
      created('2026-03-02T08:00:00Z'),
      ev('2026-03-02T08:30:00Z', { type: 'reply', author: 'agent', public: false }),
      ev('2026-03-02T08:45:00Z', { type: 'reply', author: 'customer', public: true }),
      ev('2026-03-02T09:00:00Z', { type: 'reply', author: 'agent', public: true }),
    ];
    const c = clock(computeClocks({ events, now: at('2026-03-02T12:00:00Z'), targets }), 'first_response');
    expect(c.state).toBe('met');
    expect(c.elapsedMs).toBe(HOUR_MS);
    expect(iso(c.stoppedAt)).toBe('2026-03-02T09:00:00Z');
    expect(iso(c.dueAt)).toBe('2026-03-02T10:00:00Z');
  });

  it('is stopped by resolving the ticket', () => {
    const events = [created('2026-03-02T08:00:00Z'), ev('2026-03-02T08:20:00Z', { type: 'resolved' })];
    const c = clock(computeClocks({ events, now: at('2026-03-03T12:00:00Z'), targets }), 'first_response');
    expect(c.state).toBe('met');
    expect(iso(c.stoppedAt)).toBe('2026-03-02T08:20:00Z');
  });

  it('ignores events after now', () => {
    const events = [created('2026-03-02T08:00:00Z'), ev('2026-03-02T09:00:00Z', { type: 'reply', author: 'agent', public: true })];
    const c = clock(computeClocks({ events, now: at('2026-03-02T08:30:00Z'), targets }), 'first_response');
    expect(c.state).toBe('running');
    expect(c.elapsedMs).toBe(30 * MINUTE_MS);
    expect(c.remainingMs).toBe(90 * MINUTE_MS);
  });
});

describe('breach semantics', () => {
  const targets = [target('resolution', 'resolution', 8)];
  // Created Mon 08:00 local (07:00Z): 8 business hours are used up Mon 16:00 local; with 4 h it is Mon 12:00.
  const four = [target('resolution', 'resolution', 4)];

  it('is met when stopped exactly at the due instant and breached one millisecond later', () => {
    const base = [created('2026-03-02T07:00:00Z')];
    const met = clock(computeClocks({ events: [...base, ev('2026-03-02T11:00:00Z', { type: 'resolved' })], now: at('2026-03-03T00:00:00Z'), targets: four }), 'resolution');
    expect(met.state).toBe('met');
    expect(iso(met.dueAt)).toBe('2026-03-02T11:00:00Z');
    const late = clock(
      computeClocks({ events: [...base, ev('2026-03-02T11:00:00.001Z', { type: 'resolved' })], now: at('2026-03-03T00:00:00Z'), targets: four }),
      'resolution',
    );
    expect(late.state).toBe('breached');
    expect(iso(late.breachedAt)).toBe('2026-03-02T11:00:00Z');
  });

  it('is late when due Monday 17:00 and resolved Tuesday before opening, though no business time passed overnight', () => {
    const events = [created('2026-03-02T07:00:00Z'), ev('2026-03-03T06:30:00Z', { type: 'resolved' })];
    const c = clock(computeClocks({ events, now: at('2026-03-04T00:00:00Z'), targets: [target('resolution', 'resolution', 9)] }), 'resolution');
    expect(iso(c.dueAt)).toBe('2026-03-02T16:00:00Z');
    expect(c.elapsedMs).toBe(9 * HOUR_MS);
    expect(c.state).toBe('breached');
    expect(iso(c.breachedAt)).toBe('2026-03-02T16:00:00Z');
  });

  it('reports a running clock past its due instant as breached at the due instant', () => {
    const c = clock(computeClocks({ events: [created('2026-03-02T07:00:00Z')], now: at('2026-03-03T10:00:00Z'), targets }), 'resolution');
    expect(c.state).toBe('breached');
    expect(iso(c.breachedAt)).toBe('2026-03-02T15:00:00Z');
    expect(c.stoppedAt).toBeNull();
    expect(c.remainingMs).toBe(-4 * HOUR_MS); // Mon 08-17 and Tue 08-11 local: 12 h against 8 h
  });
});

describe('pauses', () => {
  const targets = [target('resolution', 'resolution', 8)];

  it('moves the due time by exactly the business time spent waiting, across a weekend', () => {
    // Fri 2026-03-06 12:00 local → waiting → Mon 10:00 local: 5 business hours paused (Fri 12-17), Monday 08-10 also paused.
    const events = [
      created('2026-03-06T09:00:00Z'), // Fri 10:00 local
      ev('2026-03-06T11:00:00Z', { type: 'status', status: 'waiting' }), // Fri 12:00 local
      ev('2026-03-09T09:00:00Z', { type: 'status', status: 'open' }), // Mon 10:00 local
    ];
    const c = clock(computeClocks({ events, now: at('2026-03-09T09:00:00Z'), targets }), 'resolution');
    expect(c.state).toBe('running');
    expect(c.elapsedMs).toBe(2 * HOUR_MS);
    expect(c.pausedMs).toBe(7 * HOUR_MS);
    expect(iso(c.dueAt)).toBe('2026-03-09T15:00:00Z'); // Mon 16:00 local: 6 h after Mon 10:00
  });

  it('cannot breach while paused and shows the due time as if it resumed now', () => {
    const events = [created('2026-03-02T07:00:00Z'), ev('2026-03-02T08:00:00Z', { type: 'status', status: 'waiting' })];
    const c = clock(computeClocks({ events, now: at('2026-03-05T09:00:00Z'), targets }), 'resolution');
    expect(c.state).toBe('paused');
    expect(c.breachedAt).toBeNull();
    expect(c.elapsedMs).toBe(HOUR_MS);
    expect(iso(c.dueAt)).toBe('2026-03-05T16:00:00Z'); // 7 h from Thu 10:00 local is Thu 17:00 local
  });

  it('never breaches instantly on resume for time it was paused', () => {
    const events = [
      created('2026-03-02T07:00:00Z'),
      ev('2026-03-02T14:00:00Z', { type: 'status', status: 'waiting' }), // 7 h used
      ev('2026-03-04T07:00:00Z', { type: 'status', status: 'open' }),
    ];
    const c = clock(computeClocks({ events, now: at('2026-03-04T07:30:00Z'), targets }), 'resolution');
    expect(c.state).toBe('running');
    expect(iso(c.dueAt)).toBe('2026-03-04T08:00:00Z');
  });

  it('counts the time a ticket was resolved before a reopen as paused', () => {
    const events = [
      created('2026-03-02T07:00:00Z'),
      ev('2026-03-02T09:00:00Z', { type: 'resolved' }),
      ev('2026-03-03T09:00:00Z', { type: 'reopened' }),
    ];
    const c = clock(computeClocks({ events, now: at('2026-03-03T10:00:00Z'), targets }), 'resolution');
    expect(c.state).toBe('running');
    expect(c.elapsedMs).toBe(3 * HOUR_MS);
    expect(c.pausedMs).toBe(9 * HOUR_MS); // Mon 10-17 local + Tue 08-10 local
    expect(iso(c.dueAt)).toBe('2026-03-03T15:00:00Z');
  });
});

describe('re-binding', () => {
  const matrix: Record<string, number> = { P1: 2, P2: 4, P3: 16 };
  const resolver: TargetResolver = ({ sla, priority }) =>
    sla === 'basic'
      ? [target('first_response', 'first_response', 8)]
      : [target('first_response', 'first_response', 1), target('resolution', 'resolution', matrix[priority ?? 'P3'] ?? 16)];

  it('recomputes from the original start with the new durations and keeps the paused time', () => {
    const events = [
      created('2026-03-02T07:00:00Z', { priority: 'P3', sla: 'gold' }),
      ev('2026-03-02T08:00:00Z', { type: 'status', status: 'waiting' }),
      ev('2026-03-02T09:00:00Z', { type: 'status', status: 'open' }),
      ev('2026-03-02T10:00:00Z', { type: 'priority', priority: 'P2' }),
    ];
    const c = clock(computeClocks({ events, now: at('2026-03-02T10:00:00Z'), targets: resolver }), 'resolution');
    expect(c.durationMs).toBe(4 * HOUR_MS);
    expect(c.pausedMs).toBe(HOUR_MS);
    expect(iso(c.dueAt)).toBe('2026-03-02T12:00:00Z');
  });

  it('keeps a breach recorded under the earlier priority in the history', () => {
    const events = [
      created('2026-03-02T07:00:00Z', { priority: 'P1', sla: 'gold' }),
      ev('2026-03-02T10:00:00Z', { type: 'priority', priority: 'P3' }),
    ];
    const c = clock(computeClocks({ events, now: at('2026-03-02T11:00:00Z'), targets: resolver }), 'resolution');
    expect(c.state).toBe('running');
    expect(c.history).toEqual([{ type: 'breached', at: at('2026-03-02T09:00:00Z'), durationMs: 2 * HOUR_MS, binding: { sla: 'gold', priority: 'P1' } }]);
  });

  it('cancels targets the new SLA lacks', () => {
    const events = [
      created('2026-03-02T07:00:00Z', { priority: 'P2', sla: 'gold' }),
      ev('2026-03-02T08:00:00Z', { type: 'sla', sla: 'basic' }),
    ];
    const list = computeClocks({ events, now: at('2026-03-02T09:00:00Z'), targets: resolver });
    expect(clock(list, 'resolution').state).toBe('cancelled');
    expect(clock(list, 'first_response').durationMs).toBe(8 * HOUR_MS);
    expect(clock(list, 'first_response').state).toBe('running');
  });
});

describe('update clock and warnings', () => {
  it('runs one cycle per customer message until the next public agent answer', () => {
    const targets = [target('update', 'update', 1, { calendar: ALWAYS })];
    const events = [
      created('2026-03-02T07:00:00Z'),
      ev('2026-03-02T08:00:00Z', { type: 'reply', author: 'customer', public: true }),
      ev('2026-03-02T08:30:00Z', { type: 'reply', author: 'customer', public: true }),
      ev('2026-03-02T10:00:00Z', { type: 'reply', author: 'agent', public: true }),
      ev('2026-03-02T11:00:00Z', { type: 'reply', author: 'customer', public: true }),
    ];
    const c = clock(computeClocks({ events, now: at('2026-03-02T11:30:00Z'), targets }), 'update');
    expect(c.state).toBe('running');
    expect(iso(c.dueAt)).toBe('2026-03-02T12:00:00Z');
    expect(c.history).toHaveLength(1);
    expect(c.history[0]).toMatchObject({ type: 'cycle', state: 'breached', dueAt: at('2026-03-02T09:00:00Z') });
  });

  it('is idle with no customer message waiting', () => {
    const targets = [target('update', 'update', 1)];
    const c = clock(computeClocks({ events: [created('2026-03-02T07:00:00Z')], now: at('2026-03-02T08:00:00Z'), targets }), 'update');
    expect(c.state).toBe('idle');
    expect(c.dueAt).toBeNull();
  });

  it('gives the instants at which warning shares are reached, projected while running', () => {
    const targets = [target('resolution', 'resolution', 8, { warnings: [0.5, 0.75] })];
    const c = clock(computeClocks({ events: [created('2026-03-02T07:00:00Z')], now: at('2026-03-02T12:00:00Z'), targets }), 'resolution');
    expect(c.warnings.map((w) => [w.fraction, iso(w.at)])).toEqual([
      [0.5, '2026-03-02T11:00:00Z'],
      [0.75, '2026-03-02T13:00:00Z'],
    ]);
  });
});

describe('the explanation timeline', () => {
  it('shows counted, paused, outside-hours and holiday spans up to the due instant', () => {
    const targets = [target('resolution', 'resolution', 8)];
    // Wed 2026-06-03 15:00 local; Thu 06-04 is Corpus Christi in Bavaria.
    const events = [created('2026-06-03T13:00:00Z'), ev('2026-06-03T14:00:00Z', { type: 'status', status: 'waiting' }), ev('2026-06-03T14:30:00Z', { type: 'status', status: 'open' })];
    const c = clock(computeClocks({ events, now: at('2026-06-03T14:30:00Z'), targets, explain: true }), 'resolution');
    expect(iso(c.dueAt)).toBe('2026-06-05T12:30:00Z'); // 1.5 h on Wed, 6.5 h on Fri from 08:00 local
    expect(c.timeline.map((s) => s.kind + (s.label ? `:${s.label}` : '') + (s.projected ? '*' : ''))).toEqual([
      'counted',
      'paused:waiting',
      'counted*',
      'outside_hours*',
      'holiday:Fronleichnam*',
      'outside_hours*',
      'counted*',
    ]);
  });
});
