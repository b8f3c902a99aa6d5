import { describe, expect, it } from 'vitest';
import { OFFICE, OFFICE_YAML, pledge, tempFiles } from './harness.ts';

const files = tempFiles({
  'office.yaml': OFFICE_YAML,
  'office.json': JSON.stringify(OFFICE, null, 2),
  'shift.yaml': 'timeZone: Europe/Berlin\nhours: { sat: ["22:00-06:00"] }\n',
  'always.yaml': 'timeZone: UTC\n',
  'broken.yaml': 'timeZone: Europe/Berlin\nhours: { mon: ["08:00-18:00"\n',
  'bad-hours.yaml': 'timeZone: Europe/Berlin\nhours: { mon: ["8-18"] }\n',
  'empty.yaml': '',
});
const office = files['office.yaml'];

describe('pledge calc due', () => {
  it('carries a budget over the weekend and shows the local time', async () => {
    const run = await pledge([
      'calc',
      'due',
      '--calendar',
      office,
      '--start',
      '2026-03-27T15:00:00Z',
      '--duration',
      'PT4H',
    ]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toBe('Due: 2026-03-30T10:00:00Z (Mon 30 Mar 2026 12:00 Europe/Berlin)\n');
  });

  it('answers in JSON with --json, from a JSON calendar file, for an instant given with an offset', async () => {
    const run = await pledge([
      'calc',
      'due',
      '-c',
      files['office.json'],
      '--start',
      '2026-03-27T16:00:00+01:00',
      '--duration',
      'PT4H',
      '--json',
    ]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      start: '2026-03-27T15:00:00Z',
      duration: 'PT4H',
      durationMs: 14_400_000,
      due: '2026-03-30T10:00:00Z',
      dueLocal: '2026-03-30T12:00:00+02:00',
      timeZone: 'Europe/Berlin',
    });
  });

  it('gives the closing instant when the budget is used up exactly at closing', async () => {
    const run = await pledge([
      'calc',
      'due',
      '-c',
      office,
      '--start',
      '2026-03-27T14:00:00Z',
      '--duration',
      '3600000',
    ]);
    expect(run.stdout).toBe('Due: 2026-03-27T15:00:00Z (Fri 27 Mar 2026 16:00 Europe/Berlin)\n');
  });

  it('adds business days, skipping Christmas in Bavaria, and lands at closing time with --end-of-day', async () => {
    const args = ['calc', 'due', '-c', office, '--start', '2026-12-22T10:00:00Z', '--business-days', '3'];
    expect((await pledge(args)).stdout).toBe(
      'Due: 2026-12-29T10:00:00Z (Tue 29 Dec 2026 11:00 Europe/Berlin)\n',
    );
    const eod = await pledge([...args, '--end-of-day', '--json']);
    expect(JSON.parse(eod.stdout)).toMatchObject({
      businessDays: 3,
      endOfDay: true,
      due: '2026-12-29T17:00:00Z',
    });
  });

  it('shows local times in another zone with --zone', async () => {
    const run = await pledge([
      'calc',
      'due',
      '-c',
      office,
      '--start',
      '2026-03-27T15:00:00Z',
      '--duration',
      'PT4H',
      '--zone',
      'America/New_York',
    ]);
    expect(run.stdout).toBe('Due: 2026-03-30T10:00:00Z (Mon 30 Mar 2026 06:00 America/New_York)\n');
  });

  it('reads "now" from the clock of the run', async () => {
    const now = Date.UTC(2026, 2, 27, 15);
    const run = await pledge(
      ['calc', 'due', '-c', office, '--start', 'now', '--duration', 'PT4H', '--json'],
      [],
      now,
    );
    expect(JSON.parse(run.stdout)).toMatchObject({
      start: '2026-03-27T15:00:00Z',
      due: '2026-03-30T10:00:00Z',
    });
  });

  it('reads the calendar from stdin with --calendar -', async () => {
    const run = await pledge(
      ['calc', 'due', '-c', '-', '--start', '2026-03-27T15:00:00Z', '--duration', 'PT4H'],
      OFFICE_YAML.split('\n'),
    );
    expect(run.stdout).toContain('Due: 2026-03-30T10:00:00Z');
  });
});

describe('pledge calc elapsed', () => {
  const range = ['--from', '2026-03-27T12:30:00Z', '--to', '2026-03-30T08:00:00Z'];

  it('prints business time in hours and minutes with the milliseconds', async () => {
    const run = await pledge(['calc', 'elapsed', '-c', office, ...range]);
    expect(run).toMatchObject({ code: 0, stdout: '4h 30m (16200000 ms)\n', stderr: '' });
  });

  it('answers in JSON with --json', async () => {
    const run = await pledge(['calc', 'elapsed', '-c', office, ...range, '--json']);
    expect(JSON.parse(run.stdout)).toEqual({
      from: '2026-03-27T12:30:00Z',
      to: '2026-03-30T08:00:00Z',
      elapsedMs: 16_200_000,
      elapsed: 'PT4H30M',
    });
  });

  it('counts a Saturday night shift as 7 h across spring forward and 9 h across fall back', async () => {
    const shift = files['shift.yaml'];
    const march = await pledge([
      'calc',
      'elapsed',
      '-c',
      shift,
      '--from',
      '2026-03-28T00:00:00Z',
      '--to',
      '2026-03-30T00:00:00Z',
    ]);
    const october = await pledge([
      'calc',
      'elapsed',
      '-c',
      shift,
      '--from',
      '2026-10-24T00:00:00Z',
      '--to',
      '2026-10-26T00:00:00Z',
    ]);
    expect(march.stdout).toBe('7h (25200000 ms)\n');
    expect(october.stdout).toBe('9h (32400000 ms)\n');
  });

  it('gives 0 when --to is not after --from', async () => {
    const run = await pledge([
      'calc',
      'elapsed',
      '-c',
      office,
      '--from',
      '2026-03-30T08:00:00Z',
      '--to',
      '2026-03-27T12:30:00Z',
    ]);
    expect(run.stdout).toBe('0s (0 ms)\n');
  });
});

describe('pledge calc open, explain and holidays', () => {
  it('lists open periods with local times and a total', async () => {
    const run = await pledge([
      'calc',
      'open',
      '-c',
      office,
      '--from',
      '2026-03-27T00:00:00Z',
      '--to',
      '2026-03-31T00:00:00Z',
    ]);
    expect(run.lines).toEqual([
      '2026-03-27T07:00:00Z – 2026-03-27T15:00:00Z  Fri 27 Mar 2026 08:00–16:00  8h',
      '2026-03-30T06:00:00Z – 2026-03-30T16:00:00Z  Mon 30 Mar 2026 08:00–18:00  10h',
      'Open: 18h (64800000 ms) in 2 periods (local times in Europe/Berlin)',
    ]);
    const json = await pledge([
      'calc',
      'open',
      '-c',
      office,
      '--from',
      '2026-03-27T00:00:00Z',
      '--to',
      '2026-03-31T00:00:00Z',
      '--json',
    ]);
    expect(JSON.parse(json.stdout)).toMatchObject({
      totalMs: 64_800_000,
      intervals: [
        { start: '2026-03-27T07:00:00Z', end: '2026-03-27T15:00:00Z', durationMs: 28_800_000 },
        { start: '2026-03-30T06:00:00Z', end: '2026-03-30T16:00:00Z', durationMs: 36_000_000 },
      ],
    });
  });

  it('explains closed time by closure, holiday and opening hours', async () => {
    const run = await pledge([
      'calc',
      'explain',
      '-c',
      office,
      '--from',
      '2026-12-23T12:00:00Z',
      '--to',
      '2026-12-28T12:00:00Z',
      '--json',
    ]);
    const spans = (JSON.parse(run.stdout) as { spans: { kind: string; label?: string }[] }).spans;
    expect(spans.map((s) => s.kind)).toEqual([
      'open',
      'outside_hours',
      'holiday',
      'holiday',
      'holiday',
      'outside_hours',
      'open',
    ]);
    expect(spans[3]?.label).toBe('1. Weihnachtstag');
    const text = await pledge([
      'calc',
      'explain',
      '-c',
      office,
      '--from',
      '2026-05-15T00:00:00Z',
      '--to',
      '2026-05-16T00:00:00Z',
    ]);
    expect(text.lines.map((l) => l.split(/\s{2,}/)[3])).toEqual([
      'outside hours',
      'open',
      'closure',
      'outside hours',
      undefined,
    ]);
    expect(text.lines.at(-1)).toBe('Open: 4h (14400000 ms) of 24h (local times in Europe/Berlin)');
  });

  it('lists the holidays of a year with their weekday', async () => {
    const run = await pledge(['calc', 'holidays', '-c', office, '--year', '2026']);
    expect(run.lines).toContain('2026-12-25  Fri  1. Weihnachtstag');
    expect(run.lines).toContain('2026-12-31  Thu  Holiday');
    expect(run.lines.at(-1)).toBe(
      "14 holidays in 2026 from DE-BY and the calendar's own dates, each closed for its whole local date in Europe/Berlin",
    );
    const json = JSON.parse(
      (await pledge(['calc', 'holidays', '-c', office, '--year', '2027', '--json'])).stdout,
    ) as {
      holidays: { date: string }[];
    };
    expect(json.holidays.map((h) => h.date)).toContain('2027-12-31');
  });
});

describe('errors and exit codes', () => {
  const due = (calendar: string, ...rest: string[]): string[] => [
    'calc',
    'due',
    '-c',
    calendar,
    '--start',
    '2026-03-27T15:00:00Z',
    ...rest,
  ];

  it('exits 1 with the code on stderr for a bad instant', async () => {
    const run = await pledge([
      'calc',
      'due',
      '-c',
      office,
      '--start',
      '2026-03-27T15:00:00',
      '--duration',
      'PT4H',
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^error: --start "2026-03-27T15:00:00" is not an ISO 8601 instant .* \[INSTANT_INVALID\]\n$/,
    );
  });

  it('refuses days as a duration', async () => {
    const run = await pledge(due(office, '--duration', 'P1D'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('[DURATION_DAYS_AMBIGUOUS]');
  });

  it('exits 1 for a bad calendar, naming the file, with the engine code', async () => {
    const run = await pledge(due(files['bad-hours.yaml'], '--duration', 'PT1H'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `calendar file ${files['bad-hours.yaml']}: hours.mon: "8-18" is not an interval`,
    );
    expect(run.stderr).toContain('[CALENDAR_INVALID_HOURS]');
  });

  it.each([
    ['broken.yaml', 'CALENDAR_FILE_INVALID'],
    ['empty.yaml', 'CALENDAR_INVALID'],
  ] as const)('exits 1 for %s with %s', async (name, code) => {
    const run = await pledge(due(files[name], '--duration', 'PT1H'));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`[${code}]`);
  });

  it('exits 1 for a missing calendar file', async () => {
    const run = await pledge(due('/nonexistent/calendar.yaml', '--duration', 'PT1H'));
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'error: calendar file /nonexistent/calendar.yaml does not exist [CALENDAR_FILE_NOT_FOUND]\n',
    );
  });

  it('writes the error as JSON on stderr with --json', async () => {
    const run = await pledge(due(office, '--duration', 'soon', '--json'));
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stderr)).toEqual({
      error: {
        code: 'DURATION_INVALID',
        message: '--duration "soon" is not an ISO 8601 duration such as PT4H30M',
      },
    });
  });

  it('refuses an unknown --zone and a bad --business-days with exit 1', async () => {
    expect((await pledge(due(office, '--duration', 'PT1H', '--zone', 'Mars/Base'))).stderr).toContain(
      '[CALENDAR_UNKNOWN_ZONE]',
    );
    const days = await pledge(due(office, '--business-days', 'three'));
    expect(days.code).toBe(1);
    expect(days.stderr).toContain('[BUSINESS_DAYS_INVALID]');
  });

  it.each([
    ['no budget', due(office)],
    ['both budgets', due(office, '--duration', 'PT1H', '--business-days', '2')],
    ['--end-of-day without business days', due(office, '--duration', 'PT1H', '--end-of-day')],
    ['no calendar', ['calc', 'elapsed', '--from', '2026-03-27T15:00:00Z', '--to', '2026-03-27T16:00:00Z']],
    ['an unknown option', due(office, '--duration', 'PT1H', '--verbose')],
    ['an unknown subcommand', ['calc', 'dew']],
    ['a year out of range', ['calc', 'holidays', '-c', office, '--year', '99']],
  ])('exits 2 for a usage error: %s', async (_name, argv) => {
    const run = await pledge(argv);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^error: /);
    expect(run.stderr).toContain('(add --help for usage and examples)');
  });
});

describe('help', () => {
  it('prints the program help with no arguments and with --help', async () => {
    const bare = await pledge([]);
    const help = await pledge(['--help']);
    expect(bare.code).toBe(0);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('calc');
    expect(help.stdout).toContain('Examples:');
  });

  it('lists every subcommand of calc with examples', async () => {
    const run = await pledge(['calc', '--help']);
    expect(run.code).toBe(0);
    for (const sub of ['due', 'elapsed', 'open', 'explain', 'holidays', 'clock', 'batch'])
      expect(run.stdout).toMatch(new RegExp(`^  ${sub} `, 'm'));
    expect(run.stdout).toContain('Exit codes:');
  });

  it.each(['due', 'elapsed', 'open', 'explain', 'holidays', 'clock', 'batch'])(
    'documents calc %s with an example',
    async (sub) => {
      const run = await pledge(['calc', sub, '--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`Usage: pledge calc ${sub} [options]`);
      expect(run.stdout).toContain('Example');
      expect(run.stdout).toContain(`pledge calc ${sub} `);
    },
  );

  it('prints the version', async () => {
    const run = await pledge(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
