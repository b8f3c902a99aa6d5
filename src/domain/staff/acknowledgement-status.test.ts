import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../shared/time.ts';
import { acknowledgementStatus, reminderDue } from './acknowledgement-status.ts';

const T0 = Date.UTC(2026, 2, 2, 8);

describe('acknowledgementStatus', () => {
  const versions = [
    { slaId: 'gold', version: 3 },
    { slaId: 'silver', version: 1 },
  ];
  const staff = [{ userId: 'anna' }, { userId: 'ben' }, { userId: 'cem' }];

  it('splits staff per version into those who acknowledged it (with when) and those who have not', () => {
    const status = acknowledgementStatus(versions, staff, [
      { slaId: 'gold', version: 3, userId: 'ben', acknowledgedAt: T0 },
      { slaId: 'silver', version: 1, userId: 'anna', acknowledgedAt: T0 + 1 },
      { slaId: 'silver', version: 1, userId: 'cem', acknowledgedAt: T0 + 2 },
    ]);
    expect(
      status.map((s) => [
        s.version.slaId,
        s.acknowledged.map((a) => [a.person.userId, a.acknowledgedAt]),
        s.pending.map((p) => p.userId),
      ]),
    ).toEqual([
      ['gold', [['ben', T0]], ['anna', 'cem']],
      [
        'silver',
        [
          ['anna', T0 + 1],
          ['cem', T0 + 2],
        ],
        ['ben'],
      ],
    ]);
  });

  it('does not count an acknowledgement of an earlier version, nor one by somebody no longer on the staff', () => {
    const [gold] = acknowledgementStatus([versions[0] ?? { slaId: '', version: 0 }], staff, [
      { slaId: 'gold', version: 2, userId: 'anna', acknowledgedAt: T0 },
      { slaId: 'gold', version: 3, userId: 'dora', acknowledgedAt: T0 },
    ]);
    expect(gold?.acknowledged).toEqual([]);
    expect(gold?.pending.map((p) => p.userId)).toEqual(['anna', 'ben', 'cem']);
  });
});

describe('reminderDue', () => {
  it('is due for somebody never reminded, and again once the whole interval has passed', () => {
    expect(reminderDue(null, T0, 3 * DAY_MS)).toBe(true);
    expect(reminderDue(T0, T0 + 3 * DAY_MS - 1, 3 * DAY_MS)).toBe(false);
    expect(reminderDue(T0, T0 + 3 * DAY_MS, 3 * DAY_MS)).toBe(true);
  });
});
