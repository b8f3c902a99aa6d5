import { describe, expect, it } from 'vitest';
import { BusinessCalendar } from '../calendars/business-calendar.ts';
import { formatInstant, HOUR_MS, MINUTE_MS, parseInstant as at } from '../shared/time.ts';
import { computeClocks } from '../sla-clock/sla-clock.ts';
import type { ClockResult, ClockTarget, TicketEvent } from '../sla-clock/types.ts';
import {
  diffSteps,
  planTicketSteps,
  projectOnCalendars,
  type PendingStepRow,
  type PlannedStep,
} from './planner.ts';
import { parseEscalationPolicy, type EscalationPolicy } from './policy.ts';

const ALWAYS = BusinessCalendar.from({ timeZone: 'UTC' });
const OFFICE = BusinessCalendar.from({
  timeZone: 'Europe/Berlin',
  hours: {
    mon: ['08:00-17:00'],
    tue: ['08:00-17:00'],
    wed: ['08:00-17:00'],
    thu: ['08:00-17:00'],
    fri: ['08:00-17:00'],
  },
});

const target = (metric: ClockTarget['metric'], hours: number, calendar = ALWAYS): ClockTarget => ({
  id: metric,
  metric,
  durationMs: hours * HOUR_MS,
  calendar,
  pauseStatuses: ['waiting'],
  warnings: [0.75],
});

const STANDARD = parseEscalationPolicy({
  id: 'std',
  name: 'Standard',
  appliesTo: { targets: ['resolution'] },
  levels: [
    { trigger: { kind: 'share', share: 0.75 }, actions: [{ kind: 'notify_assignee' }] },
    {
      trigger: { kind: 'breach' },
      actions: [
        { kind: 'notify_role', role: 'team_lead' },
        { kind: 'notify_customer_contacts', level: 1 },
      ],
    },
    { trigger: { kind: 'after_breach', minutes: 30 }, actions: [{ kind: 'notify_user', userId: 'md' }] },
  ],
});

const iso = (ms: number | null): string | null => (ms === null ? null : formatInstant(ms));

interface Row {
  step: PlannedStep;
  status: 'pending' | 'fired' | 'cancelled';
}

/**
 * A ticket with a store of step rows and a worker, driven by an injected clock: each `advanceTo` replans
 * (as the app does on every clock change), fires what is due, and replans after each firing (repeats).
 */
class Harness {
  readonly events: TicketEvent[] = [];
  readonly rows = new Map<string, Row>();
  readonly firedLog: { key: string; at: string }[] = [];
  readonly acknowledged = new Set<string>();
  now = 0;

  constructor(
    readonly targets: readonly ClockTarget[],
    readonly policies: readonly EscalationPolicy[],
    readonly priority = 'P2',
  ) {}

  clocks(): ClockResult[] {
    return computeClocks({ events: this.events, now: this.now, targets: this.targets });
  }

  plan(): PlannedStep[] {
    const clocks = this.clocks();
    const calendars = new Map(this.targets.map((t) => [t.id, t.calendar]));
    const fired = new Set([...this.rows].filter(([, r]) => r.status === 'fired').map(([k]) => k));
    return planTicketSteps({
      ticketId: 't1',
      priority: this.priority,
      policies: this.policies,
      clocks,
      now: this.now,
      instantAtElapsed: projectOnCalendars({ clocks, now: this.now, calendarOf: (id) => calendars.get(id) }),
      acknowledged: this.acknowledged,
      fired,
    });
  }

  pending(): PendingStepRow[] {
    return [...this.rows.values()]
      .filter((r) => r.status === 'pending')
      .map((r) => ({ key: r.step.key, dueAt: r.step.dueAt, digest: r.step.digest }));
  }

  replan(): void {
    const diff = diffSteps(this.pending(), this.plan(), this.now);
    for (const step of [...diff.insert, ...diff.update]) this.rows.set(step.key, { step, status: 'pending' });
    for (const key of diff.cancel) (this.rows.get(key) as Row).status = 'cancelled';
  }

  event(when: string, e: Record<string, unknown>): void {
    this.now = at(when);
    this.events.push({ at: this.now, ...e } as TicketEvent);
    this.replan();
  }

  /** Moves the clock forward minute by minute, firing each due step the moment it is due. */
  advanceTo(when: string): void {
    const end = at(when);
    while (this.now < end) {
      this.now = Math.min(end, this.now + MINUTE_MS);
      this.fireDue();
    }
  }

  private fireDue(): void {
    for (;;) {
      const due = [...this.rows.values()].filter(
        (r) => r.status === 'pending' && r.step.dueAt !== null && r.step.dueAt <= this.now,
      );
      if (due.length === 0) return;
      for (const row of due) {
        row.status = 'fired';
        this.firedLog.push({ key: row.step.key, at: formatInstant(this.now) });
      }
      this.replan();
    }
  }

  pendingSteps(): PlannedStep[] {
    return [...this.rows.values()].filter((r) => r.status === 'pending').map((r) => r.step);
  }
}

const RES = 'ticket:t1:std:resolution';

describe('planTicketSteps on a 24/7 clock', () => {
  it('fires the 75 % warning, the breach and the notice 30 minutes later exactly once each', () => {
    const h = new Harness([target('resolution', 4)], [STANDARD]);
    h.event('2026-03-02T08:00:00Z', { type: 'created' });
    expect(h.pendingSteps().map((s) => [s.key, iso(s.dueAt)])).toEqual([
      [`${RES}:0:0`, '2026-03-02T11:00:00Z'],
      [`${RES}:1:0`, '2026-03-02T12:00:00Z'],
      [`${RES}:2:0`, '2026-03-02T12:30:00Z'],
    ]);
    h.advanceTo('2026-03-02T20:00:00Z');
    expect(h.firedLog).toEqual([
      { key: `${RES}:0:0`, at: '2026-03-02T11:00:00Z' },
      { key: `${RES}:1:0`, at: '2026-03-02T12:00:00Z' },
      { key: `${RES}:2:0`, at: '2026-03-02T12:30:00Z' },
    ]);
    expect(h.pendingSteps()).toEqual([]);
  });

  it('does not plan a fired step again when the ticket changes afterwards', () => {
    const h = new Harness([target('resolution', 4)], [STANDARD]);
    h.event('2026-03-02T08:00:00Z', { type: 'created' });
    h.advanceTo('2026-03-02T11:30:00Z');
    expect(h.firedLog.map((f) => f.key)).toEqual([`${RES}:0:0`]);
    // A priority change and a pause replan the ticket: the warning stays fired, once.
    h.event('2026-03-02T11:40:00Z', { type: 'priority', priority: 'P1' });
    h.event('2026-03-02T11:45:00Z', { type: 'status', status: 'waiting' });
    h.event('2026-03-02T11:50:00Z', { type: 'status', status: 'open' });
    expect(h.plan().map((s) => s.key)).not.toContain(`${RES}:0:0`);
    h.advanceTo('2026-03-02T20:00:00Z');
    expect(h.firedLog.filter((f) => f.key === `${RES}:0:0`)).toHaveLength(1);
  });

  it('holds pending steps while paused and moves them by the paused time', () => {
    const h = new Harness([target('resolution', 4)], [STANDARD]);
    h.event('2026-03-02T08:00:00Z', { type: 'created' });
    h.advanceTo('2026-03-02T09:00:00Z');
    h.event('2026-03-02T09:00:00Z', { type: 'status', status: 'waiting' });
    expect(h.pendingSteps().map((s) => s.dueAt)).toEqual([null, null, null]);
    h.advanceTo('2026-03-02T13:00:00Z');
    expect(h.firedLog).toEqual([]);
    h.event('2026-03-02T13:00:00Z', { type: 'status', status: 'open' });
    expect(h.pendingSteps().map((s) => iso(s.dueAt))).toEqual([
      '2026-03-02T15:00:00Z',
      '2026-03-02T16:00:00Z',
      '2026-03-02T16:30:00Z',
    ]);
    h.advanceTo('2026-03-02T20:00:00Z');
    expect(h.firedLog.map((f) => f.at)).toEqual([
      '2026-03-02T15:00:00Z',
      '2026-03-02T16:00:00Z',
      '2026-03-02T16:30:00Z',
    ]);
  });

  it('keeps a share reached before the pause due', () => {
    const h = new Harness([target('resolution', 4)], [STANDARD]);
    h.event('2026-03-02T08:00:00Z', { type: 'created' });
    // The worker was down: the warning fell due at 11:00 and had not fired when the ticket paused.
    h.now = at('2026-03-02T11:10:00Z');
    h.event('2026-03-02T11:10:00Z', { type: 'status', status: 'waiting' });
    const [warning, breach] = h.pendingSteps();
    expect(iso(warning?.dueAt ?? null)).toBe('2026-03-02T11:00:00Z');
    expect(breach?.dueAt).toBeNull();
  });

  it('cancels the pending steps when the ticket is resolved, and plans them again on a reopen', () => {
    const h = new Harness([target('resolution', 4)], [STANDARD]);
    h.event('2026-03-02T08:00:00Z', { type: 'created' });
    h.advanceTo('2026-03-02T11:15:00Z');
    h.event('2026-03-02T11:20:00Z', { type: 'resolved' });
    expect(h.pendingSteps()).toEqual([]);
    expect([...h.rows.values()].filter((r) => r.status === 'cancelled').map((r) => r.step.key)).toEqual([
      `${RES}:1:0`,
      `${RES}:2:0`,
    ]);
    h.advanceTo('2026-03-02T20:00:00Z');
    expect(h.firedLog.map((f) => f.key)).toEqual([`${RES}:0:0`]);
    h.event('2026-03-02T20:00:00Z', { type: 'reopened' });
    // 3h20m counted before the resolve; the breach is 40 minutes after the reopen.
    expect(h.pendingSteps().map((s) => [s.key, iso(s.dueAt)])).toEqual([
      [`${RES}:1:0`, '2026-03-02T20:40:00Z'],
      [`${RES}:2:0`, '2026-03-02T21:10:00Z'],
    ]);
  });

  it('repeats a level until it is acknowledged, one occurrence at a time', () => {
    const policy = parseEscalationPolicy({
      id: 'rep',
      name: 'Repeat',
      levels: [
        {
          trigger: { kind: 'breach' },
          repeatEveryMinutes: 15,
          actions: [{ kind: 'notify_role', role: 'on_call' }],
        },
      ],
    });
    const h = new Harness([target('resolution', 1)], [policy]);
    h.event('2026-03-02T08:00:00Z', { type: 'created' });
    expect(h.pendingSteps().map((s) => s.occurrence)).toEqual([0]);
    h.advanceTo('2026-03-02T09:40:00Z');
    const key = 'ticket:t1:rep:resolution:0';
    expect(h.firedLog).toEqual([
      { key: `${key}:0`, at: '2026-03-02T09:00:00Z' },
      { key: `${key}:1`, at: '2026-03-02T09:15:00Z' },
      { key: `${key}:2`, at: '2026-03-02T09:30:00Z' },
    ]);
    expect(h.pendingSteps().map((s) => [s.key, iso(s.dueAt)])).toEqual([
      [`${key}:3`, '2026-03-02T09:45:00Z'],
    ]);
    h.acknowledged.add(key);
    h.replan();
    expect(h.pendingSteps()).toEqual([]);
    h.advanceTo('2026-03-02T12:00:00Z');
    expect(h.firedLog).toHaveLength(3);
  });

  it('stops repeating after maxRepeats', () => {
    const policy = parseEscalationPolicy({
      id: 'rep',
      name: 'Repeat',
      levels: [
        {
          trigger: { kind: 'breach' },
          repeatEveryMinutes: 10,
          maxRepeats: 2,
          actions: [{ kind: 'notify_assignee' }],
        },
      ],
    });
    const h = new Harness([target('resolution', 1)], [policy]);
    h.event('2026-03-02T08:00:00Z', { type: 'created' });
    h.advanceTo('2026-03-02T12:00:00Z');
    expect(h.firedLog.map((f) => f.at)).toEqual([
      '2026-03-02T09:00:00Z',
      '2026-03-02T09:10:00Z',
      '2026-03-02T09:20:00Z',
    ]);
  });

  it('lets later levels fire after an acknowledgement unless the level stops them', () => {
    const levels = (stops: boolean): EscalationPolicy =>
      parseEscalationPolicy({
        id: 'p',
        name: 'P',
        levels: [
          {
            trigger: { kind: 'share', share: 0.5 },
            repeatEveryMinutes: 30,
            stopsLaterLevels: stops,
            actions: [{ kind: 'notify_assignee' }],
          },
          { trigger: { kind: 'breach' }, actions: [{ kind: 'notify_role', role: 'team_lead' }] },
        ],
      });
    for (const stops of [false, true]) {
      const h = new Harness([target('resolution', 2)], [levels(stops)]);
      h.event('2026-03-02T08:00:00Z', { type: 'created' });
      h.advanceTo('2026-03-02T09:05:00Z');
      h.acknowledged.add('ticket:t1:p:resolution:0');
      h.replan();
      h.advanceTo('2026-03-02T12:00:00Z');
      expect(h.firedLog.map((f) => f.key)).toEqual(
        stops ? ['ticket:t1:p:resolution:0:0'] : ['ticket:t1:p:resolution:0:0', 'ticket:t1:p:resolution:1:0'],
      );
    }
  });

  it('plans a level "before due" at the remaining business time', () => {
    const policy = parseEscalationPolicy({
      id: 'b',
      name: 'B',
      levels: [{ trigger: { kind: 'before_due', minutes: 20 }, actions: [{ kind: 'notify_assignee' }] }],
    });
    const h = new Harness([target('first_response', 1)], [policy]);
    h.event('2026-03-02T08:00:00Z', { type: 'created' });
    expect(h.pendingSteps().map((s) => [s.key, iso(s.dueAt)])).toEqual([
      ['ticket:t1:b:first_response:0:0', '2026-03-02T08:40:00Z'],
    ]);
    h.event('2026-03-02T08:30:00Z', { type: 'reply', author: 'agent', public: true });
    expect(h.pendingSteps()).toEqual([]);
  });

  it('skips policies for other targets and priorities', () => {
    const p1Only = parseEscalationPolicy({
      ...{ id: 'p1', name: 'P1' },
      appliesTo: { priorities: ['P1'] },
      levels: [{ trigger: { kind: 'breach' }, actions: [{ kind: 'notify_assignee' }] }],
    });
    const h = new Harness([target('resolution', 4), target('first_response', 1)], [STANDARD, p1Only], 'P2');
    h.event('2026-03-02T08:00:00Z', { type: 'created' });
    expect(
      new Set(
        h.pendingSteps().map((s) => `${s.policyId}/${s.subject.kind === 'ticket' ? s.subject.metric : ''}`),
      ),
    ).toEqual(new Set(['std/resolution']));
  });

  it('escalates each update cycle on its own', () => {
    const policy = parseEscalationPolicy({
      id: 'u',
      name: 'U',
      appliesTo: { targets: ['update'] },
      levels: [{ trigger: { kind: 'breach' }, actions: [{ kind: 'notify_assignee' }] }],
    });
    const h = new Harness([target('update', 1)], [policy]);
    h.event('2026-03-02T08:00:00Z', { type: 'created' });
    expect(h.pendingSteps()).toEqual([]);
    h.event('2026-03-02T08:10:00Z', { type: 'reply', author: 'customer', public: true });
    h.advanceTo('2026-03-02T09:30:00Z');
    h.event('2026-03-02T09:30:00Z', { type: 'reply', author: 'agent', public: true });
    h.event('2026-03-02T10:00:00Z', { type: 'reply', author: 'customer', public: true });
    h.advanceTo('2026-03-02T11:30:00Z');
    expect(h.firedLog).toEqual([
      { key: `ticket:t1:u:update@${at('2026-03-02T08:10:00Z')}:0:0`, at: '2026-03-02T09:10:00Z' },
      { key: `ticket:t1:u:update@${at('2026-03-02T10:00:00Z')}:0:0`, at: '2026-03-02T11:00:00Z' },
    ]);
  });
});

describe('planTicketSteps on business hours', () => {
  // Fri 2026-03-06 15:00 in Berlin (UTC+1); an 8-hour resolution target on 08:00–17:00.
  it('maps shares through the calendar, across the weekend', () => {
    const policy = parseEscalationPolicy({
      id: 'o',
      name: 'Office',
      levels: [
        { trigger: { kind: 'share', share: 0.6 }, actions: [{ kind: 'notify_assignee' }] },
        { trigger: { kind: 'share', share: 0.75 }, actions: [{ kind: 'notify_assignee' }] },
        {
          trigger: { kind: 'after_breach', minutes: 30 },
          actions: [{ kind: 'notify_role', role: 'manager' }],
        },
      ],
    });
    const h = new Harness([target('resolution', 8, OFFICE)], [policy]);
    h.event('2026-03-06T14:00:00Z', { type: 'created' });
    expect(h.pendingSteps().map((s) => iso(s.dueAt))).toEqual([
      // 4 h 48 min counted: 2 h on Friday, 2 h 48 min on Monday → Mon 10:48 Berlin.
      '2026-03-09T09:48:00Z',
      // 6 h: Mon 12:00 Berlin.
      '2026-03-09T11:00:00Z',
      // 8 h 30 min: Mon 14:30 Berlin.
      '2026-03-09T13:30:00Z',
    ]);
  });
});

describe('diffSteps', () => {
  const step = (key: string, dueAt: number | null, digest = 'd'): PlannedStep => ({
    key,
    levelKey: key.slice(0, key.lastIndexOf(':')),
    subject: { kind: 'ticket', ticketId: 't', clockId: 'resolution', metric: 'resolution' },
    policyId: 'p',
    levelIndex: 0,
    occurrence: 0,
    dueAt,
    trigger: { kind: 'breach' },
    actions: [{ kind: 'notify_assignee' }],
    channels: [],
    digest,
  });

  it('inserts new keys, updates moved ones and cancels the rest', () => {
    const existing: PendingStepRow[] = [
      { key: 'a:0', dueAt: 100 },
      { key: 'b:0', dueAt: 200 },
      { key: 'c:0', dueAt: 300 },
    ];
    const diff = diffSteps(existing, [step('a:0', 100), step('b:0', 250), step('d:0', 400)]);
    expect(diff.insert.map((s) => s.key)).toEqual(['d:0']);
    expect(diff.update.map((s) => [s.key, s.dueAt])).toEqual([['b:0', 250]]);
    expect(diff.cancel).toEqual(['c:0']);
  });

  it('updates a row when the level was edited, and leaves overdue rows alone', () => {
    const diff = diffSteps(
      [
        { key: 'a:0', dueAt: 100, digest: 'old' },
        { key: 'b:0', dueAt: 50 },
        { key: 'c:0', dueAt: 500 },
      ],
      [step('a:0', 100, 'new'), step('b:0', 90), step('c:0', null)],
      100,
    );
    expect(diff.update.map((s) => s.key)).toEqual(['a:0', 'c:0']);
  });
});
