import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runBatch } from '../../src/cli/batch.ts';
import { CalendarCache } from '../../src/cli/calendar-cache.ts';
import { BusinessCalendar } from '../../src/domain/calendars/business-calendar.ts';
import { formatInstant, HOUR_MS, parseInstant } from '../../src/domain/shared/time.ts';
import { Capture, OFFICE, OFFICE_YAML, pledge, tempFiles } from './harness.ts';

const line = (request: object): string => JSON.stringify(request);
const parse = (text: string): Record<string, unknown> => JSON.parse(text) as Record<string, unknown>;

describe('pledge calc batch: elapsed and due', () => {
  it('answers each op and echoes the id', async () => {
    const run = await pledge(
      ['calc', 'batch'],
      [
        line({
          id: 'a',
          op: 'elapsed',
          calendar: OFFICE,
          from: '2026-03-27T12:30:00Z',
          to: '2026-03-30T08:00:00Z',
        }),
        line({ id: 2, op: 'due', calendar: OFFICE, start: '2026-03-27T15:00:00Z', duration: 'PT4H30M' }),
        line({ op: 'due', calendar: OFFICE, start: '2026-03-27T15:00:00Z', duration: 4 * HOUR_MS }),
        line({ op: 'due', calendar: OFFICE, start: '2026-12-22T10:00:00Z', businessDays: 3 }),
        line({ op: 'due', calendar: OFFICE, start: '2026-12-22T10:00:00Z', businessDays: 3, endOfDay: true }),
      ],
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.lines.map(parse)).toEqual([
      { id: 'a', elapsedMs: 16_200_000 },
      { id: 2, due: '2026-03-30T10:30:00Z' },
      { due: '2026-03-30T10:00:00Z' },
      { due: '2026-12-29T10:00:00Z' },
      { due: '2026-12-29T17:00:00Z' },
    ]);
  });

  it('answers open, explain and holidays requests', async () => {
    const run = await pledge(
      ['calc', 'batch'],
      [
        line({ op: 'open', calendar: OFFICE, from: '2026-03-27T00:00:00Z', to: '2026-03-28T00:00:00Z' }),
        line({ op: 'explain', calendar: OFFICE, from: '2026-12-24T12:00:00Z', to: '2026-12-24T13:00:00Z' }),
        line({
          op: 'holidays',
          calendar: { timeZone: 'UTC', holidays: [{ date: '01-01', name: 'New Year' }] },
          year: 2030,
        }),
      ],
    );
    expect(run.lines.map(parse)).toEqual([
      { intervals: [{ start: '2026-03-27T07:00:00Z', end: '2026-03-27T15:00:00Z' }] },
      {
        spans: [
          { start: '2026-12-24T12:00:00Z', end: '2026-12-24T13:00:00Z', kind: 'holiday', label: 'Holiday' },
        ],
      },
      { holidays: [{ date: '2030-01-01', name: 'New Year' }] },
    ]);
  });

  it('keeps the order of thousands of lines and matches the engine on each', async () => {
    const cal = BusinessCalendar.from(OFFICE);
    const start = parseInstant('2026-01-01T00:00:00Z');
    const requests = Array.from({ length: 3000 }, (_, i) => {
      const from = start + i * 7 * HOUR_MS + i;
      return i % 2 === 0
        ? {
            id: i,
            op: 'elapsed',
            calendar: OFFICE,
            from: formatInstant(from),
            to: formatInstant(from + 50 * HOUR_MS),
          }
        : {
            id: i,
            op: 'due',
            calendar: OFFICE,
            start: formatInstant(from),
            duration: (i % 17) * HOUR_MS + i,
          };
    });
    const run = await pledge(['calc', 'batch'], requests.map(line));
    expect(run.code).toBe(0);
    expect(run.lines).toHaveLength(requests.length);
    run.lines.forEach((text, i) => {
      const answer = parse(text);
      expect(answer['id']).toBe(i);
      const from = start + i * 7 * HOUR_MS + i;
      if (i % 2 === 0) expect(answer['elapsedMs']).toBe(cal.elapsed(from, from + 50 * HOUR_MS));
      else expect(answer['due']).toBe(formatInstant(cal.due(from, (i % 17) * HOUR_MS + i)));
    });
  });

  it('compiles a calendar shared by many lines once', async () => {
    const cache = new CalendarCache();
    const requests = Array.from({ length: 500 }, (_, i) =>
      line({
        op: 'elapsed',
        calendar: i % 100 === 0 ? { timeZone: 'UTC' } : OFFICE,
        from: '2026-03-27T12:30:00Z',
        to: '2026-03-30T08:00:00Z',
      }),
    );
    const out = new Capture();
    const summary = await runBatch(Readable.from(requests.map((r) => `${r}\n`)), out, { cache });
    expect(summary).toEqual({ answered: 500, failed: 0 });
    expect(cache.compilations).toBe(2);
  });

  it('uses the --calendar file for requests without a calendar, and a request calendar over it', async () => {
    const { 'office.yaml': office } = tempFiles({ 'office.yaml': OFFICE_YAML });
    const run = await pledge(
      ['calc', 'batch', '--calendar', office],
      [
        line({ op: 'due', start: '2026-03-27T15:00:00Z', duration: 'PT4H' }),
        line({ op: 'due', calendar: { timeZone: 'UTC' }, start: '2026-03-27T15:00:00Z', duration: 'PT4H' }),
      ],
    );
    expect(run.lines.map(parse)).toEqual([{ due: '2026-03-30T10:00:00Z' }, { due: '2026-03-27T19:00:00Z' }]);
  });
});

describe('pledge calc batch: bad lines', () => {
  const good = line({
    op: 'elapsed',
    calendar: { timeZone: 'UTC' },
    from: '2026-03-27T15:00:00Z',
    to: '2026-03-27T16:00:00Z',
  });

  it('answers each bad line with an error code, goes on, and exits 1', async () => {
    const run = await pledge(
      ['calc', 'batch'],
      [
        good,
        '{"op":"elapsed",',
        line({ id: 'x', op: 'frobnicate' }),
        line({ id: 'y', op: 'elapsed', calendar: { timeZone: 'UTC' }, from: '2026-03-27T15:00:00Z' }),
        line({
          id: 'z',
          op: 'elapsed',
          calendar: { timeZone: 'UTC' },
          from: 'yesterday',
          to: '2026-03-27T16:00:00Z',
        }),
        line({
          op: 'due',
          calendar: { timeZone: 'Mars/Base' },
          start: '2026-03-27T15:00:00Z',
          duration: 'PT1H',
        }),
        line({ op: 'due', calendar: { timeZone: 'UTC' }, start: '2026-03-27T15:00:00Z', duration: 'P1D' }),
        line({
          op: 'due',
          calendar: { timeZone: 'UTC', hours: {} },
          start: '2026-03-27T15:00:00Z',
          duration: 'PT1H',
        }),
        line({ op: 'due', calendar: { timeZone: 'UTC' }, start: '2026-03-27T15:00:00Z' }),
        line({
          op: 'due',
          calendar: { timeZone: 'UTC' },
          start: '2026-03-27T15:00:00Z',
          duration: 'PT1H',
          businessDays: 1,
        }),
        line({
          op: 'elapsed',
          calendar: { timeZone: 'UTC' },
          from: '2026-03-27T15:00:00Z',
          to: '2026-03-27T16:00:00Z',
          form: 1,
        }),
        line({ op: 'elapsed', from: '2026-03-27T15:00:00Z', to: '2026-03-27T16:00:00Z' }),
        '[1, 2]',
        good,
      ],
    );
    expect(run.code).toBe(1);
    const answers = run.lines.map(parse);
    expect(answers).toHaveLength(14);
    const codes = answers.map((a) => (a['error'] as { code?: string } | undefined)?.code ?? 'ok');
    expect(codes).toEqual([
      'ok',
      'BATCH_INVALID_JSON',
      'BATCH_UNKNOWN_OP',
      'BATCH_INVALID_REQUEST',
      'INSTANT_INVALID',
      'CALENDAR_UNKNOWN_ZONE',
      'DURATION_DAYS_AMBIGUOUS',
      'CALENDAR_NEVER_OPEN',
      'BATCH_INVALID_REQUEST',
      'BATCH_INVALID_REQUEST',
      'BATCH_INVALID_REQUEST',
      'BATCH_INVALID_REQUEST',
      'BATCH_INVALID_REQUEST',
      'ok',
    ]);
    expect(answers[2]).toEqual({
      id: 'x',
      error: {
        code: 'BATCH_UNKNOWN_OP',
        message: 'unknown op "frobnicate"; expected one of: elapsed, due, clock, open, explain, availability, holidays',
      },
    });
    expect(answers[3]).toEqual({
      id: 'y',
      error: {
        code: 'BATCH_INVALID_REQUEST',
        message: '"to" is required (an ISO 8601 instant such as 2026-03-27T15:00:00Z)',
      },
    });
    expect(answers[4]?.['id']).toBe('z');
    expect((answers[1]?.['error'] as { message: string }).message).toMatch(/^line 2 is not valid JSON/);
    expect((answers[5]?.['error'] as { message: string }).message).toMatch(
      /^calendar: "Mars\/Base" is not a known IANA time zone/,
    );
    expect((answers[10]?.['error'] as { message: string }).message).toContain('unknown field "form"');
  });

  it('skips blank lines without answering them and counts line numbers in messages', async () => {
    const run = await pledge(['calc', 'batch'], ['', good, '   ', '\r', 'oops', good, '']);
    expect(run.lines).toHaveLength(3);
    expect(parse(run.lines[1] ?? '')).toMatchObject({ error: { code: 'BATCH_INVALID_JSON' } });
    expect(run.lines[1]).toContain('line 5 is not valid JSON');
  });

  it('exits 0 for an empty input', async () => {
    const run = await pledge(['calc', 'batch'], []);
    expect(run).toMatchObject({ code: 0, stdout: '' });
  });

  it('reads CRLF lines, a byte order mark and a last line without a newline', async () => {
    const out = new Capture();
    const input = Readable.from([Buffer.from(`\uFEFF${good}\r\n${good}`)]);
    const summary = await runBatch(input, out);
    expect(summary).toEqual({ answered: 2, failed: 0 });
    expect(out.lines).toEqual(['{"elapsedMs":3600000}', '{"elapsedMs":3600000}']);
  });

  it('reassembles lines and multi-byte characters split across chunks', async () => {
    const text = `${line({ id: 'größe', op: 'elapsed', calendar: { timeZone: 'UTC' }, from: '2026-03-27T15:00:00Z', to: '2026-03-27T16:00:00Z' })}\n`;
    const bytes = Buffer.from(text.repeat(3));
    const chunks = Array.from({ length: Math.ceil(bytes.length / 7) }, (_, i) =>
      bytes.subarray(i * 7, i * 7 + 7),
    );
    const out = new Capture();
    await runBatch(Readable.from(chunks), out);
    expect(out.lines.map(parse)).toEqual(
      Array.from({ length: 3 }, () => ({ id: 'größe', elapsedMs: HOUR_MS })),
    );
  });

  it('turns an unexpected failure into an INTERNAL error line', async () => {
    const broken = new CalendarCache();
    broken.get = (): never => {
      throw new TypeError('disk on fire');
    };
    const out = new Capture();
    const summary = await runBatch(Readable.from([`${good}\n`]), out, { cache: broken });
    expect(summary.failed).toBe(1);
    expect(parse(out.lines[0] ?? '')).toEqual({
      error: { code: 'INTERNAL', message: 'unexpected failure: disk on fire' },
    });
  });
});
