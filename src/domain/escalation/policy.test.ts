import { describe, expect, it } from 'vitest';
import { DomainError } from '../shared/errors.ts';
import { parseEscalationPolicy } from './policy.ts';

const THREE_LEVELS = {
  id: 'standard',
  name: 'Standard escalation',
  appliesTo: { targets: ['resolution'], priorities: ['P1', 'P2'] },
  levels: [
    { trigger: { kind: 'share', share: 0.75 }, actions: [{ kind: 'notify_assignee' }] },
    {
      trigger: { kind: 'breach' },
      actions: [
        { kind: 'notify_role', role: 'team_lead' },
        { kind: 'notify_customer_contacts', level: 1 },
      ],
      channels: ['mail', 'teams'],
    },
    {
      trigger: { kind: 'after_breach', minutes: 30 },
      repeatEveryMinutes: 60,
      maxRepeats: 3,
      stopsLaterLevels: true,
      actions: [{ kind: 'notify_user', userId: 'u-md' }, { kind: 'raise_priority' }],
    },
  ],
};

function failure(input: unknown): DomainError {
  try {
    parseEscalationPolicy(input);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected the policy to be refused');
}

const withLevel = (level: Record<string, unknown>): unknown => ({ id: 'p', name: 'P', levels: [level] });

describe('parseEscalationPolicy', () => {
  it('reads a ticket policy with three levels and fills the defaults', () => {
    const policy = parseEscalationPolicy(THREE_LEVELS);
    expect(policy.scope).toBe('ticket');
    expect(policy.appliesTo).toEqual({ targets: ['resolution'], priorities: ['P1', 'P2'] });
    expect(policy.levels).toHaveLength(3);
    expect(policy.levels[0]).toEqual({
      trigger: { kind: 'share', share: 0.75 },
      stopsLaterLevels: false,
      actions: [{ kind: 'notify_assignee' }],
      channels: [],
    });
    expect(policy.levels[2]).toMatchObject({ repeatEveryMinutes: 60, maxRepeats: 3, stopsLaterLevels: true });
  });

  it('reads an availability policy', () => {
    const policy = parseEscalationPolicy({
      id: 'outages',
      name: 'Outages',
      levels: [
        { trigger: { kind: 'outage_start' }, actions: [{ kind: 'notify_role', role: 'on_call' }] },
        {
          trigger: { kind: 'outage_lasted', minutes: 15 },
          actions: [{ kind: 'notify_customer_contacts', level: 2 }],
        },
        { trigger: { kind: 'burn_rate' }, actions: [{ kind: 'notify_role', role: 'manager' }] },
      ],
    });
    expect(policy.scope).toBe('availability');
  });

  it.each([
    [{ ...THREE_LEVELS, id: 'has:colon' }, 'id'],
    [{ ...THREE_LEVELS, name: '' }, 'name'],
    [{ ...THREE_LEVELS, levels: [] }, 'levels'],
    [{ ...THREE_LEVELS, colour: 'red' }, 'colour'],
    [
      withLevel({ trigger: { kind: 'share', share: 0 }, actions: [{ kind: 'notify_assignee' }] }),
      'levels[0].trigger.share',
    ],
    [
      withLevel({ trigger: { kind: 'share', share: 1.5 }, actions: [{ kind: 'notify_assignee' }] }),
      'levels[0].trigger.share',
    ],
    [
      withLevel({ trigger: { kind: 'after_breach', minutes: 2.5 }, actions: [{ kind: 'notify_assignee' }] }),
      'levels[0].trigger.minutes',
    ],
    [
      withLevel({ trigger: { kind: 'soon' }, actions: [{ kind: 'notify_assignee' }] }),
      'levels[0].trigger.kind',
    ],
    [withLevel({ trigger: { kind: 'breach' }, actions: [] }), 'levels[0].actions'],
    [
      withLevel({ trigger: { kind: 'breach' }, actions: [{ kind: 'notify_role', role: 'ceo' }] }),
      'levels[0].actions[0].role',
    ],
    [
      withLevel({ trigger: { kind: 'breach' }, actions: [{ kind: 'notify_customer_contacts', level: 0 }] }),
      'levels[0].actions[0].level',
    ],
    [
      withLevel({ trigger: { kind: 'breach' }, maxRepeats: 2, actions: [{ kind: 'notify_assignee' }] }),
      'levels[0].maxRepeats',
    ],
    [
      withLevel({
        trigger: { kind: 'breach' },
        stopsLaterLevels: 'yes',
        actions: [{ kind: 'notify_assignee' }],
      }),
      'levels[0].stopsLaterLevels',
    ],
    [
      withLevel({
        trigger: { kind: 'breach' },
        channels: ['mail', 'mail'],
        actions: [{ kind: 'notify_assignee' }],
      }),
      'levels[0].channels',
    ],
    [
      withLevel({ trigger: { kind: 'outage_start' }, actions: [{ kind: 'raise_priority' }] }),
      'levels[0].actions[0].kind',
    ],
    [{ ...THREE_LEVELS, appliesTo: { targets: ['reaction'] } }, 'appliesTo.targets[0]'],
    [{ ...THREE_LEVELS, appliesTo: { priorities: ['P1', 'P1'] } }, 'appliesTo.priorities'],
  ])('refuses %j naming the field %s', (input, field) => {
    const error = failure(input);
    expect(error.code).toBe('ESCALATION_POLICY_INVALID');
    expect(error.details?.['field']).toBe(field);
  });

  it('refuses a policy mixing ticket and availability triggers', () => {
    const error = failure({
      id: 'mixed',
      name: 'Mixed',
      levels: [
        { trigger: { kind: 'breach' }, actions: [{ kind: 'notify_assignee' }] },
        { trigger: { kind: 'outage_start' }, actions: [{ kind: 'notify_role', role: 'on_call' }] },
      ],
    });
    expect(error.details?.['field']).toBe('levels[1].trigger.kind');
  });

  it('refuses SLA targets on an availability policy', () => {
    const error = failure({
      id: 'o',
      name: 'O',
      appliesTo: { targets: ['resolution'] },
      levels: [{ trigger: { kind: 'budget_spent' }, actions: [{ kind: 'notify_user', userId: 'u1' }] }],
    });
    expect(error.details?.['field']).toBe('appliesTo.targets');
  });
});
