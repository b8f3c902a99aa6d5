import { describe, expect, it } from 'vitest';
import { OFFICE, OFFICE_YAML, pledge, tempFiles } from './harness.ts';

const line = (request: object): string => JSON.stringify(request);
const parse = (text: string): Record<string, unknown> => JSON.parse(text) as Record<string, unknown>;

// Mon 2026-03-02 is an ordinary working Monday in Bavaria; Berlin is UTC+1 then, open 07:00–17:00Z.
const TICKET = {
  op: 'clock',
  calendar: OFFICE,
  now: '2026-03-03T12:00:00Z',
  targets: [
    { id: 'first_response', metric: 'first_response', duration: 'PT1H' },
    { id: 'resolution', metric: 'resolution', duration: 'PT8H', pauseStatuses: ['waiting'] },
  ],
  events: [
    { at: '2026-03-02T08:00:00Z', type: 'created', priority: 'P2', sla: 'standard', status: 'open' },
    { at: '2026-03-02T08:10:00Z', type: 'reply', author: 'agent', public: false },
    { at: '2026-03-02T08:30:00Z', type: 'reply', author: 'agent', public: true },
    { at: '2026-03-02T10:00:00Z', type: 'status', status: 'waiting' },
    { at: '2026-03-02T14:00:00Z', type: 'status', status: 'open' },
  ],
};

async function clockAnswer(request: object): Promise<Record<string, unknown>> {
  const run = await pledge(['calc', 'batch'], [line(request)]);
  return parse(run.lines[0] ?? '');
}

describe('pledge calc batch: clock', () => {
  it('computes every clock of a ticket, pausing only the targets that list the status', async () => {
    const run = await pledge(['calc', 'batch'], [line({ id: 'T-1', ...TICKET })]);
    expect(run.code).toBe(0);
    expect(parse(run.lines[0] ?? '')).toEqual({
      id: 'T-1',
      clocks: [
        {
          id: 'first_response',
          state: 'met',
          elapsedMs: 30 * 60_000,
          pausedMs: 0,
          dueAt: '2026-03-02T09:00:00Z',
          stoppedAt: '2026-03-02T08:30:00Z',
          breachedAt: null,
        },
        {
          // 2 h before the pause, 3 h after it on Monday, 5 h on Tuesday; the 8 h ran out Tue 10:00Z.
          id: 'resolution',
          state: 'breached',
          elapsedMs: 10 * 3_600_000,
          pausedMs: 4 * 3_600_000,
          dueAt: '2026-03-03T10:00:00Z',
          stoppedAt: null,
          breachedAt: '2026-03-03T10:00:00Z',
        },
      ],
    });
  });

  it('gives each target its own calendar when it has one, and lists warnings when asked', async () => {
    const answer = await clockAnswer({
      ...TICKET,
      targets: [
        {
          id: 'resolution',
          metric: 'resolution',
          duration: 'PT8H',
          pauseStatuses: ['waiting'],
          warnings: [0.75, 0.5],
        },
        {
          id: 'resolution_24x7',
          metric: 'resolution',
          duration: 8 * 3_600_000,
          calendar: { timeZone: 'UTC' },
        },
      ],
    });
    const clocks = answer['clocks'] as Record<string, unknown>[];
    expect(clocks[0]?.['warnings']).toEqual([
      { fraction: 0.5, at: '2026-03-02T16:00:00Z' },
      { fraction: 0.75, at: '2026-03-03T08:00:00Z' },
    ]);
    expect(clocks[1]).toMatchObject({
      id: 'resolution_24x7',
      state: 'breached',
      breachedAt: '2026-03-02T16:00:00Z',
      pausedMs: 0,
    });
    expect(clocks[1]).not.toHaveProperty('warnings');
  });

  it('stops the resolution clock when resolved, and explains the timeline when asked', async () => {
    const answer = await clockAnswer({
      ...TICKET,
      explain: true,
      targets: [{ id: 'resolution', metric: 'resolution', duration: 'PT8H', pauseStatuses: ['waiting'] }],
      events: [...TICKET.events, { at: '2026-03-02T16:00:00Z', type: 'resolved' }],
    });
    const [clock] = answer['clocks'] as Record<string, unknown>[];
    expect(clock).toMatchObject({
      state: 'met',
      elapsedMs: 4 * 3_600_000,
      stoppedAt: '2026-03-02T16:00:00Z',
      breachedAt: null,
    });
    const timeline = clock?.['timeline'] as { kind: string; label?: string }[];
    expect(timeline.map((s) => s.kind)).toContain('paused');
    expect(timeline.find((s) => s.kind === 'paused')?.label).toBe('waiting');
  });

  it('uses the batch --calendar for requests without a calendar, and asks for one when there is none', async () => {
    const { calendar: _dropped, ...withoutCalendar } = TICKET;
    const { 'office.yaml': office } = tempFiles({ 'office.yaml': OFFICE_YAML });
    const withDefault = await pledge(['calc', 'batch', '--calendar', office], [line(withoutCalendar)]);
    expect(parse(withDefault.lines[0] ?? '')).toEqual(await clockAnswer(TICKET));
    const without = await pledge(['calc', 'batch'], [line(withoutCalendar)]);
    expect(without.code).toBe(1);
    expect(parse(without.lines[0] ?? '')).toEqual({
      error: {
        code: 'BATCH_INVALID_REQUEST',
        message:
          '"targets[0].calendar" or the request\'s "calendar" is required (a calendar object such as {"timeZone":"Europe/Berlin"}), or pass --calendar <file> to the command',
      },
    });
  });

  it.each([
    ['no now', { now: undefined }, 'BATCH_INVALID_REQUEST', '"now" is required'],
    ['a bad now', { now: '03/03/2026' }, 'INSTANT_INVALID', 'now "03/03/2026"'],
    ['no targets', { targets: [] }, 'BATCH_INVALID_REQUEST', 'at least one target'],
    [
      'an unknown metric',
      { targets: [{ id: 'a', metric: 'mttr', duration: 'PT1H' }] },
      'BATCH_INVALID_REQUEST',
      'targets[0].metric',
    ],
    [
      'a days duration',
      { targets: [{ id: 'a', metric: 'resolution', duration: 'P2D' }] },
      'DURATION_DAYS_AMBIGUOUS',
      'targets[0].duration',
    ],
    [
      'a typo in a target',
      { targets: [{ id: 'a', metric: 'resolution', duration: 'PT1H', pauseStatus: ['waiting'] }] },
      'BATCH_INVALID_REQUEST',
      'targets[0].pauseStatus',
    ],
    [
      'a bad warning',
      { targets: [{ id: 'a', metric: 'resolution', duration: 'PT1H', warnings: [50] }] },
      'BATCH_INVALID_REQUEST',
      'targets[0].warnings',
    ],
    [
      'a bad target calendar',
      {
        targets: [
          {
            id: 'a',
            metric: 'resolution',
            duration: 'PT1H',
            calendar: { timeZone: 'UTC', hours: { mon: ['9-5'] } },
          },
        ],
      },
      'CALENDAR_INVALID_HOURS',
      'targets[0].calendar: hours.mon',
    ],
    [
      'duplicate target ids',
      {
        targets: [
          { id: 'a', metric: 'resolution', duration: 'PT1H' },
          { id: 'a', metric: 'first_response', duration: 'PT1H' },
        ],
      },
      'BATCH_INVALID_REQUEST',
      'more than once',
    ],
    [
      'no created event',
      { events: [{ at: '2026-03-02T08:00:00Z', type: 'status', status: 'open' }] },
      'BATCH_INVALID_REQUEST',
      'created',
    ],
    [
      'an unknown event type',
      { events: [{ at: '2026-03-02T08:00:00Z', type: 'escalated' }] },
      'BATCH_INVALID_REQUEST',
      'events[0].type',
    ],
    [
      'a reply without author',
      {
        events: [
          { at: '2026-03-02T08:00:00Z', type: 'created' },
          { at: '2026-03-02T09:00:00Z', type: 'reply', public: true },
        ],
      },
      'BATCH_INVALID_REQUEST',
      'events[1].author',
    ],
    [
      'a reply with a string public',
      {
        events: [
          { at: '2026-03-02T08:00:00Z', type: 'created' },
          { at: '2026-03-02T09:00:00Z', type: 'reply', author: 'agent', public: 'yes' },
        ],
      },
      'BATCH_INVALID_REQUEST',
      'events[1].public',
    ],
    ['an event without at', { events: [{ type: 'created' }] }, 'BATCH_INVALID_REQUEST', 'events[0].at'],
    [
      'an event with a bad at',
      { events: [{ type: 'created', at: '2026-03-02 08:00' }] },
      'INSTANT_INVALID',
      'events[0].at',
    ],
    [
      'a status event without status',
      {
        events: [
          { at: '2026-03-02T08:00:00Z', type: 'created' },
          { at: '2026-03-02T09:00:00Z', type: 'status' },
        ],
      },
      'BATCH_INVALID_REQUEST',
      'events[1].status',
    ],
  ])('refuses %s', async (_name, change, code, fragment) => {
    const answer = await clockAnswer({ id: 'bad', ...TICKET, ...change });
    expect(answer['id']).toBe('bad');
    const error = answer['error'] as { code: string; message: string };
    expect(error.code).toBe(code);
    expect(error.message).toContain(fragment);
  });
});

describe('pledge calc clock', () => {
  const TICKET_YAML = `now: "2026-03-03T12:00:00Z"
targets:
  - { id: first_response, metric: first_response, duration: PT1H }
  - { id: resolution, metric: resolution, duration: PT8H, pauseStatuses: [waiting], warnings: [0.5] }
events:
  - { at: "2026-03-02T08:00:00Z", type: created, priority: P2 }
  - { at: "2026-03-02T08:30:00Z", type: reply, author: agent, public: true }
  - { at: "2026-03-02T10:00:00Z", type: status, status: waiting }
  - { at: "2026-03-02T14:00:00Z", type: status, status: open }
`;
  const files = tempFiles({ 'office.yaml': OFFICE_YAML, 'ticket.yaml': TICKET_YAML, 'list.yaml': '- 1\n' });

  it('prints the clocks of a ticket file as a table in local time', async () => {
    const run = await pledge([
      'calc',
      'clock',
      '-c',
      files['office.yaml'],
      '--request',
      files['ticket.yaml'],
    ]);
    expect(run.code).toBe(0);
    expect(run.lines).toEqual([
      'clock           state     elapsed  paused  remaining  due                   stopped               breached',
      'first_response  met       30m      0s      30m        Mon 2 Mar 2026 10:00  Mon 2 Mar 2026 09:30  –',
      'resolution      breached  10h      4h      -2h        Tue 3 Mar 2026 11:00  –                     Tue 3 Mar 2026 11:00',
      'resolution warnings:',
      '  50%  Mon 2 Mar 2026 17:00',
      'At 2026-03-03T12:00:00Z (Tue 3 Mar 2026 13:00 Europe/Berlin); local times in Europe/Berlin.',
    ]);
  });

  it('answers like the batch with --json, at another instant with --now, and explains with --explain', async () => {
    const argv = [
      'calc',
      'clock',
      '-c',
      files['office.yaml'],
      '-r',
      files['ticket.yaml'],
      '--now',
      '2026-03-02T15:00:00Z',
    ];
    const json = JSON.parse((await pledge([...argv, '--json'])).stdout) as {
      clocks: Record<string, unknown>[];
    };
    expect(json.clocks[1]).toMatchObject({
      id: 'resolution',
      state: 'running',
      elapsedMs: 3 * 3_600_000,
      dueAt: '2026-03-03T10:00:00Z',
    });
    const explained = await pledge([...argv, '--explain']);
    expect(explained.stdout).toContain('resolution timeline:');
    expect(explained.stdout).toMatch(/Mon 2 Mar 2026 11:00–15:00\s+4h\s+paused\s+waiting/);
    expect(explained.stdout).toMatch(/outside hours\s+\(projected\)/);
  });

  it('reads the request from stdin and refuses a request that is not an object', async () => {
    const run = await pledge(
      ['calc', 'clock', '-c', files['office.yaml'], '-r', '-', '--json'],
      TICKET_YAML.split('\n'),
    );
    expect(JSON.parse(run.stdout)).toHaveProperty('clocks');
    const list = await pledge(['calc', 'clock', '-c', files['office.yaml'], '-r', files['list.yaml']]);
    expect(list.code).toBe(1);
    expect(list.stderr).toContain('[BATCH_INVALID_REQUEST]');
    const missing = await pledge(['calc', 'clock', '-r', '/nonexistent/ticket.yaml']);
    expect(missing.stderr).toBe(
      'error: request file /nonexistent/ticket.yaml does not exist [REQUEST_FILE_NOT_FOUND]\n',
    );
  });
});
