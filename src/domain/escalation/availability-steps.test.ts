import { describe, expect, it } from 'vitest';
import { formatInstant, parseInstant as at } from '../shared/time.ts';
import { planAvailabilitySteps, type AvailabilityPlanInput } from './availability-steps.ts';
import { diffSteps } from './planner.ts';
import { parseEscalationPolicy } from './policy.ts';

const OUTAGES = parseEscalationPolicy({
  id: 'out',
  name: 'Outages',
  levels: [
    {
      trigger: { kind: 'outage_start' },
      repeatEveryMinutes: 10,
      maxRepeats: 1,
      actions: [{ kind: 'notify_role', role: 'on_call' }],
    },
    {
      trigger: { kind: 'outage_lasted', minutes: 30 },
      actions: [{ kind: 'notify_customer_contacts', level: 1 }],
    },
    { trigger: { kind: 'burn_rate' }, actions: [{ kind: 'notify_role', role: 'manager' }] },
    { trigger: { kind: 'budget_spent' }, actions: [{ kind: 'notify_user', userId: 'md' }] },
  ],
});

const base = (over: Partial<AvailabilityPlanInput> = {}): AvailabilityPlanInput => ({
  serviceId: 'mail',
  policies: [OUTAGES],
  outages: [],
  alerts: [],
  acknowledged: new Set(),
  fired: new Set(),
  ...over,
});

const plan = (over: Partial<AvailabilityPlanInput>): [string, string | null][] =>
  planAvailabilitySteps(base(over)).map((s) => [s.key, s.dueAt === null ? null : formatInstant(s.dueAt)]);

const START = at('2026-03-07T02:00:00Z');

describe('planAvailabilitySteps', () => {
  it('plans the start notice and the "lasted 30 minutes" notice in wall-clock time', () => {
    expect(plan({ outages: [{ outageId: 'o1', startedAt: START, endedAt: null }] })).toEqual([
      ['outage:o1:out:0:0', '2026-03-07T02:00:00Z'],
      ['outage:o1:out:1:0', '2026-03-07T02:30:00Z'],
    ]);
  });

  it('plans the next repeat after the start notice fired, up to maxRepeats', () => {
    const outages = [{ outageId: 'o1', startedAt: START, endedAt: null }];
    expect(plan({ outages, fired: new Set(['outage:o1:out:0:0']) })[0]).toEqual([
      'outage:o1:out:0:1',
      '2026-03-07T02:10:00Z',
    ]);
    expect(
      plan({ outages, fired: new Set(['outage:o1:out:0:0', 'outage:o1:out:0:1']) }).map(([k]) => k),
    ).toEqual(['outage:o1:out:1:0']);
  });

  it('cancels what is pending once the service is back', () => {
    const running = planAvailabilitySteps(
      base({
        outages: [{ outageId: 'o1', startedAt: START, endedAt: null }],
        fired: new Set(['outage:o1:out:0:0']),
      }),
    );
    const ended = planAvailabilitySteps(
      base({ outages: [{ outageId: 'o1', startedAt: START, endedAt: START + 5 * 60_000 }] }),
    );
    const diff = diffSteps(
      running.map((s) => ({ key: s.key, dueAt: s.dueAt })),
      ended,
    );
    expect(diff.cancel).toEqual(['outage:o1:out:0:1', 'outage:o1:out:1:0']);
    expect(diff.insert).toEqual([]);
  });

  it('stops the repeats of an acknowledged outage notice, not the later level', () => {
    const steps = plan({
      outages: [{ outageId: 'o1', startedAt: START, endedAt: null }],
      fired: new Set(['outage:o1:out:0:0']),
      acknowledged: new Set(['outage:o1:out:0']),
    });
    expect(steps.map(([k]) => k)).toEqual(['outage:o1:out:1:0']);
  });

  it('fires burn-rate and budget-spent levels when their alert is raised, until it clears', () => {
    const raisedAt = at('2026-03-07T09:15:00Z');
    expect(
      plan({
        alerts: [
          { alertId: 'a1', kind: 'burn_rate', raisedAt, clearedAt: null },
          { alertId: 'a2', kind: 'budget_spent', raisedAt, clearedAt: null },
          { alertId: 'a3', kind: 'burn_rate', raisedAt, clearedAt: raisedAt + 1 },
        ],
      }),
    ).toEqual([
      ['alert:a1:out:2:0', '2026-03-07T09:15:00Z'],
      ['alert:a2:out:3:0', '2026-03-07T09:15:00Z'],
    ]);
  });

  it('ignores ticket policies', () => {
    const ticketPolicy = parseEscalationPolicy({
      id: 't',
      name: 'T',
      levels: [{ trigger: { kind: 'breach' }, actions: [{ kind: 'notify_assignee' }] }],
    });
    expect(
      plan({ policies: [ticketPolicy], outages: [{ outageId: 'o1', startedAt: START, endedAt: null }] }),
    ).toEqual([]);
  });
});
