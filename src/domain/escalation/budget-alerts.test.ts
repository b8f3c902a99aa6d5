import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, MINUTE_MS, parseInstant as at } from '../shared/time.ts';
import { planAvailabilitySteps } from './availability-steps.ts';
import {
  alertKind,
  alertTransitions,
  BUDGET_SPENT_RULE,
  burnRuleName,
  longWindowOf,
  outrankingAlert,
  type RaisedAlert,
  type RuleObservation,
} from './budget-alerts.ts';
import { diffSteps, type PlannedStep } from './planner.ts';
import { parseEscalationPolicy } from './policy.ts';

const MARCH = { start: at('2026-02-28T23:00:00Z'), end: at('2026-03-31T22:00:00Z') };
const APRIL = { start: at('2026-03-31T22:00:00Z'), end: at('2026-04-30T22:00:00Z') };

const fast = (firing: boolean): RuleObservation => ({
  rule: 'burn_1h_5m',
  firing,
  burnRate: firing ? 20 : 0.5,
});
const spent = (firing: boolean): RuleObservation => ({ rule: BUDGET_SPENT_RULE, firing, burnRate: null });

describe('burn-rate rule names', () => {
  it('names each multi-window rule by its windows', () => {
    expect(burnRuleName(HOUR_MS, 5 * MINUTE_MS)).toBe('burn_1h_5m');
    expect(burnRuleName(6 * HOUR_MS, 30 * MINUTE_MS)).toBe('burn_6h_30m');
    expect(burnRuleName(DAY_MS, 2 * HOUR_MS)).toBe('burn_1d_2h');
    expect(burnRuleName(3 * DAY_MS, 6 * HOUR_MS)).toBe('burn_3d_6h');
    expect(longWindowOf('burn_6h_30m')).toBe(6 * HOUR_MS);
    expect(longWindowOf(BUDGET_SPENT_RULE)).toBeNull();
    expect(alertKind('burn_3d_6h')).toBe('burn_rate');
  });

  it('lets the fastest raised burn-rate alert speak for slower ones opening after it', () => {
    const raised = [
      { id: 'slow', rule: 'burn_1d_2h' },
      { id: 'fast', rule: 'burn_1h_5m' },
      { id: 'spent', rule: BUDGET_SPENT_RULE },
    ];
    expect(outrankingAlert('burn_3d_6h', raised)).toBe('fast');
    expect(outrankingAlert('burn_6h_30m', raised)).toBe('fast');
    expect(outrankingAlert('burn_1h_5m', raised)).toBeNull();
    expect(outrankingAlert('burn_6h_30m', [{ id: 'slow', rule: 'burn_1d_2h' }])).toBeNull();
    expect(outrankingAlert(BUDGET_SPENT_RULE, raised)).toBeNull();
    expect(alertKind(BUDGET_SPENT_RULE)).toBe('budget_spent');
  });
});

describe('alert transitions', () => {
  it('opens an alert for a rule that starts firing, and none for one already raised', () => {
    const first = alertTransitions({
      raised: [],
      observations: [fast(true), spent(false)],
      period: MARCH,
      suppressed: false,
    });
    expect(first.open.map((o) => o.rule)).toEqual(['burn_1h_5m']);
    const raised: RaisedAlert[] = [{ id: 'a1', rule: 'burn_1h_5m', periodStart: MARCH.start }];
    const again = alertTransitions({
      raised,
      observations: [fast(true), spent(false)],
      period: MARCH,
      suppressed: false,
    });
    expect(again).toEqual({ open: [], close: [], keep: [{ id: 'a1', observation: fast(true) }] });
  });

  it('ends an alert when its rule stops firing, when the period ends, or when the rule is gone', () => {
    const raised: RaisedAlert[] = [
      { id: 'a1', rule: 'burn_1h_5m', periodStart: MARCH.start },
      { id: 'a2', rule: BUDGET_SPENT_RULE, periodStart: MARCH.start },
    ];
    expect(
      alertTransitions({ raised, observations: [fast(false), spent(true)], period: MARCH, suppressed: false })
        .close,
    ).toEqual(['a1']);
    // A new month: the spent budget of March ends; April's is fresh.
    expect(
      alertTransitions({
        raised,
        observations: [fast(true), spent(false)],
        period: APRIL,
        suppressed: false,
      }),
    ).toMatchObject({
      close: ['a1', 'a2'],
      open: [fast(true)],
    });
    expect(alertTransitions({ raised, observations: [], period: MARCH, suppressed: true }).close).toEqual([
      'a1',
      'a2',
    ]);
  });

  it('opens nothing during maintenance, and keeps what was raised before it', () => {
    const raised: RaisedAlert[] = [{ id: 'a1', rule: BUDGET_SPENT_RULE, periodStart: MARCH.start }];
    const during = alertTransitions({
      raised,
      observations: [fast(true), spent(true)],
      period: MARCH,
      suppressed: true,
    });
    expect(during.open).toEqual([]);
    expect(during.keep.map((k) => k.id)).toEqual(['a1']);
  });
});

/*
 * The evaluation loop with an injected clock, as the worker runs it each minute: transitions open and end
 * alerts, planning gives each raised alert its steps, and a step fires when the clock passes its due instant.
 */
describe('a burn-rate alert escalating minute by minute', () => {
  const policy = parseEscalationPolicy({
    id: 'budget',
    name: 'Budget',
    levels: [
      {
        trigger: { kind: 'burn_rate' },
        repeatEveryMinutes: 10,
        actions: [{ kind: 'notify_role', role: 'on_call' }],
      },
      { trigger: { kind: 'budget_spent' }, actions: [{ kind: 'notify_role', role: 'team_lead' }] },
    ],
  });

  function simulate(input: {
    readonly from: number;
    readonly minutes: number;
    /** Whether the fast rule fires at an instant. */
    readonly firing: (now: number) => boolean;
    readonly maintenance?: (now: number) => boolean;
    /** Acknowledges the burn-rate level at this instant. */
    readonly ackAt?: number;
  }) {
    let raised: (RaisedAlert & { startedAt: number; endedAt: number | null })[] = [];
    const alerts: typeof raised = [];
    const pending = new Map<string, PlannedStep>();
    const fired: { key: string; at: number }[] = [];
    const acknowledged = new Set<string>();
    for (let m = 0; m <= input.minutes; m++) {
      const now = input.from + m * MINUTE_MS;
      if (input.ackAt !== undefined && now === input.ackAt)
        for (const f of fired) acknowledged.add(f.key.replace(/:\d+$/, ''));
      const t = alertTransitions({
        raised,
        observations: [fast(input.firing(now)), spent(false)],
        period: MARCH,
        suppressed: input.maintenance?.(now) ?? false,
      });
      for (const id of t.close) {
        const a = alerts.find((x) => x.id === id);
        if (a) a.endedAt = now;
      }
      for (const o of t.open)
        alerts.push({
          id: `a${alerts.length + 1}`,
          rule: o.rule,
          periodStart: MARCH.start,
          startedAt: now,
          endedAt: null,
        });
      raised = alerts.filter((a) => a.endedAt === null);
      // Plan every alert, fire what is due (in key order, as claims would), then plan again for repeats.
      for (let round = 0; round < 2; round++) {
        const planned = planAvailabilitySteps({
          serviceId: 'erp',
          policies: [policy],
          outages: [],
          alerts: alerts.map((a) => ({
            alertId: a.id,
            kind: alertKind(a.rule),
            raisedAt: a.startedAt,
            clearedAt: a.endedAt,
          })),
          acknowledged,
          fired: new Set(fired.map((f) => f.key)),
        });
        const diff = diffSteps(
          [...pending.values()].map((s) => ({ key: s.key, dueAt: s.dueAt, digest: s.digest })),
          planned,
          now,
        );
        for (const key of diff.cancel) pending.delete(key);
        for (const s of [...diff.insert, ...diff.update]) pending.set(s.key, s);
        if (round === 1) break;
        for (const s of [...pending.values()].sort((a, b) => a.key.localeCompare(b.key)))
          if (s.dueAt !== null && s.dueAt <= now) {
            fired.push({ key: s.key, at: now });
            pending.delete(s.key);
          }
      }
    }
    return { alerts, fired, pending: [...pending.keys()] };
  }

  const T0 = at('2026-03-10T09:00:00Z');

  it('opens the alert once and fires its first notice once', () => {
    const r = simulate({ from: T0, minutes: 5, firing: (now) => now >= T0 + 2 * MINUTE_MS });
    expect(r.alerts).toHaveLength(1);
    expect(r.alerts[0]).toMatchObject({ startedAt: T0 + 2 * MINUTE_MS, endedAt: null });
    expect(r.fired).toEqual([{ key: 'alert:a1:budget:0:0', at: T0 + 2 * MINUTE_MS }]);
    expect(r.pending).toEqual(['alert:a1:budget:0:1']);
  });

  it('repeats every 10 minutes until acknowledged', () => {
    const r = simulate({ from: T0, minutes: 60, firing: () => true, ackAt: T0 + 25 * MINUTE_MS });
    expect(r.fired.map((f) => (f.at - T0) / MINUTE_MS)).toEqual([0, 10, 20]);
    expect(r.pending).toEqual([]);
    expect(r.alerts).toHaveLength(1);
  });

  it('stops when the rule stops firing, and a new episode is a new alert', () => {
    const firing = (now: number): boolean => now < T0 + 15 * MINUTE_MS || now >= T0 + 40 * MINUTE_MS;
    const r = simulate({ from: T0, minutes: 45, firing });
    expect(
      r.alerts.map((a) => [
        a.id,
        (a.startedAt - T0) / MINUTE_MS,
        a.endedAt === null ? null : (a.endedAt - T0) / MINUTE_MS,
      ]),
    ).toEqual([
      ['a1', 0, 15],
      ['a2', 40, null],
    ]);
    expect(r.fired.map((f) => [f.key, (f.at - T0) / MINUTE_MS])).toEqual([
      ['alert:a1:budget:0:0', 0],
      ['alert:a1:budget:0:1', 10],
      ['alert:a2:budget:0:0', 40],
    ]);
    expect(r.pending).toEqual(['alert:a2:budget:0:1']);
  });

  it('raises nothing during a maintenance window, and alerts once it is over if the rule still fires', () => {
    const inMaintenance = (now: number): boolean => now < T0 + 30 * MINUTE_MS;
    const r = simulate({ from: T0, minutes: 35, firing: () => true, maintenance: inMaintenance });
    expect(r.alerts.map((a) => (a.startedAt - T0) / MINUTE_MS)).toEqual([30]);
    expect(r.fired.map((f) => (f.at - T0) / MINUTE_MS)).toEqual([30]);
  });
});
