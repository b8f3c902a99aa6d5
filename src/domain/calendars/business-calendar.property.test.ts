import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../shared/errors.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../shared/time.ts';
import { BusinessCalendar } from './business-calendar.ts';
import type { CalendarDefinition } from './calendar-definition.ts';
import {
  OracleCalendar,
  oracleDue,
  oracleElapsed,
  oracleIsOpen,
  oracleNextOpen,
  OracleTimeline,
  type OracleKind,
} from './testing/brute-force-oracle.ts';

/**
 * Random calendars checked against the brute-force oracle (which walks UTC minutes with luxon) and against
 * the algebra business time must obey. Instants cluster around days where something happens: DST changes of
 * the calendar's zone, the engine's internal chunk boundaries, and holidays.
 */

/** Each zone with the days around its 2026 offset changes. All offsets are whole minutes, as the oracle needs. */
const ZONES: Readonly<Record<string, readonly string[]>> = {
  'Europe/Berlin': ['2026-03-29', '2026-10-25'],
  'America/New_York': ['2026-03-08', '2026-11-01'],
  UTC: [],
  'Australia/Lord_Howe': ['2026-04-04', '2026-04-05', '2026-10-03', '2026-10-04'],
  'Asia/Kolkata': [],
  'America/Sao_Paulo': [],
  // Changes at local midnight: a day without 00:00 in September, a repeated Saturday hour in April.
  'America/Santiago': ['2026-04-04', '2026-04-05', '2026-09-05', '2026-09-06'],
  'Asia/Kathmandu': [],
  'Pacific/Chatham': ['2026-04-04', '2026-09-26'],
  'America/Havana': ['2026-03-08', '2026-11-01'],
};

/**
 * Days worth a look in every zone: the engine's chunk boundaries (2025-10-23 and 2026-10-22 UTC), then
 * holidays, some of them lasting several days (RO 01-02, KR 09-25).
 */
const SHARED_DAYS = [
  '2025-10-23',
  '2026-10-22',
  '2026-01-02',
  '2026-01-06',
  '2026-05-01',
  '2026-08-15',
  '2026-09-25',
  '2026-11-01',
  '2026-12-24',
  '2026-12-31',
];

const RANDOM_DAYS_FROM = Date.UTC(2025, 10, 1) / DAY_MS;
const RANDOM_DAYS_TO = Date.UTC(2027, 1, 1) / DAY_MS;

const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const dayMs = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);
const pad2 = (n: number): string => String(n).padStart(2, '0');
const clock = (minutes: number): string => `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;

const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

interface Case {
  readonly def: CalendarDefinition;
  /** UTC midnight of the day the case is built around. */
  readonly anchor: number;
}

// ---- opening hours ----------------------------------------------------------------------------------------

/** A boundary on the clock: mostly half hours, sometimes any minute (including 24:00). */
const boundaryArb = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 48 }).map((h) => h * 30) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 1440 }) },
);

/** Non-overlapping intervals of one day as [start, end) minutes, from sorted distinct boundaries taken in pairs. */
const dayArb = fc.uniqueArray(boundaryArb, { maxLength: 6 }).map((bs) => {
  const sorted = [...bs].sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (let i = 0; i + 1 < sorted.length; i += 2) out.push([sorted[i] as number, sorted[i + 1] as number]);
  return out;
});

/** A week of hours: per day its intervals, whether the last one runs overnight (and how far), and how an empty day is written. */
const weekArb = fc
  .record({
    days: fc.array(dayArb, { minLength: 7, maxLength: 7 }),
    overnight: fc.array(fc.option(fc.integer({ min: 1, max: 1439 }), { nil: undefined, freq: 3 }), {
      minLength: 7,
      maxLength: 7,
    }),
    writeEmpty: fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }),
  })
  .map(({ days, overnight, writeEmpty }) => {
    const hours: Record<string, string[]> = {};
    for (let w = 0; w < 7; w++) {
      const today = days[w] ?? [];
      const list = today.map(([s, e]) => `${clock(s)}-${clock(e)}`);
      const last = today[today.length - 1];
      const wanted = overnight[w];
      if (last && wanted !== undefined) {
        // An overnight end x must stay before the interval's own start and must not pass the next day's first start.
        const nextFirst = days[(w + 1) % 7]?.[0]?.[0] ?? 1439;
        const x = Math.min(wanted, last[0] - 1, nextFirst);
        if (x >= 1) list[list.length - 1] = `${clock(last[0])}-${clock(x)}`;
      }
      if (list.length > 0 || writeEmpty[w]) hours[WEEKDAY_KEYS[w] as string] = list;
    }
    return hours;
  });

/** `undefined` is 24/7; `{}` never opens. */
const hoursArb: fc.Arbitrary<Record<string, string[]> | undefined> = fc.oneof(
  { weight: 12, arbitrary: weekArb },
  { weight: 2, arbitrary: fc.constant(undefined) },
  {
    weight: 1,
    arbitrary: fc.constant(Object.fromEntries(WEEKDAY_KEYS.map((d) => [d, ['00:00-24:00']]))),
  },
  { weight: 1, arbitrary: fc.constant({}) },
);

// ---- the calendar around an anchor day ------------------------------------------------------------------

function anchorArb(zone: string): fc.Arbitrary<number> {
  const shared = { weight: 2, arbitrary: fc.constantFrom(...SHARED_DAYS).map(dayMs) };
  const random = {
    weight: 2,
    arbitrary: fc.integer({ min: RANDOM_DAYS_FROM, max: RANDOM_DAYS_TO }).map((d) => d * DAY_MS),
  };
  const changes = ZONES[zone] ?? [];
  if (changes.length === 0) return fc.oneof(shared, random);
  return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...changes).map(dayMs) }, shared, random);
}

const closureArb = fc.record({
  startMinutes: fc.integer({ min: -2 * 1440, max: 6 * 1440 }),
  lengthMinutes: fc.oneof(fc.integer({ min: 1, max: 180 }), fc.integer({ min: 1, max: 3 * 1440 })),
  reason: fc.option(fc.constantFrom('maintenance', 'move', 'strike'), { nil: undefined }),
});

/** A random calendar in a random zone, with its holidays and closures near an anchor day chosen per zone. */
const casesAround = (anchors: (zone: string) => fc.Arbitrary<number>): fc.Arbitrary<Case> =>
  fc.constantFrom(...Object.keys(ZONES)).chain((zone) =>
    fc
      .record({
        anchor: anchors(zone),
        hours: hoursArb,
        oneOff: fc.array(fc.integer({ min: -2, max: 6 }), { maxLength: 3 }),
        yearly: fc.array(fc.integer({ min: -2, max: 6 }), { maxLength: 2 }),
        named: fc.boolean(),
        regions: fc.oneof(
          { weight: 3, arbitrary: fc.constant([]) },
          { weight: 2, arbitrary: fc.subarray(['DE-BY', 'DE', 'AT', 'RO', 'KR'], { maxLength: 2 }) },
        ),
        closures: fc.array(closureArb, { maxLength: 3 }),
      })
      .map(({ anchor, hours, oneOff, yearly, named, regions, closures }): Case => {
        const holidays = [
          ...oneOff.map((d) => isoDay(anchor + d * DAY_MS)),
          ...yearly.map((d) => isoDay(anchor + d * DAY_MS).slice(5)),
        ].map((date) => (named ? { date, name: `Holiday ${date}` } : date));
        const def: CalendarDefinition = {
          timeZone: zone,
          ...(hours === undefined ? {} : { hours }),
          holidays,
          holidayRegions: regions,
          closures: closures.map((c) => {
            const from = anchor + c.startMinutes * MINUTE_MS;
            const span = {
              from: new Date(from).toISOString(),
              to: new Date(from + c.lengthMinutes * MINUTE_MS).toISOString(),
            };
            return c.reason === undefined ? span : { ...span, reason: c.reason };
          }),
        };
        return { def, anchor };
      }),
  );

const caseArb = casesAround(anchorArb);

/** Calendars around the UTC days where the engine starts a new compiled chunk of 364 days. */
const chunkEdgeCaseArb = casesAround(() => fc.constantFrom('2025-10-23', '2026-10-22').map(dayMs));

// ---- instants and spans relative to the anchor ----------------------------------------------------------

/** Offsets from the anchor: whole minutes, half hours, or any millisecond, from 36 h before to 60 h after. */
const offsetArb = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: -36 * 60, max: 60 * 60 }).map((m) => m * MINUTE_MS) },
  { weight: 2, arbitrary: fc.integer({ min: -72, max: 120 }).map((h) => h * 30 * MINUTE_MS) },
  { weight: 2, arbitrary: fc.integer({ min: -36 * HOUR_MS, max: 60 * HOUR_MS }) },
);

/** Span lengths: mostly up to two days, sometimes up to five, sometimes empty. */
const spanArb = fc.oneof(
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 2 * DAY_MS }) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 5 * 1440 }).map((m) => m * MINUTE_MS) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 5 * DAY_MS }) },
);

/** A fraction in [0, 1] with both ends likely. */
const fractionArb = fc.oneof(fc.constantFrom(0, 1), fc.double({ min: 0, max: 1, noNaN: true }));

// ---- shared pieces of the properties -------------------------------------------------------------------

const compile = (c: Case): BusinessCalendar => BusinessCalendar.from(c.def);

/** Runs f and returns undefined when the engine reports that the calendar never opens again. */
function unlessNeverOpen<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch (e) {
    if (isDomainError(e) && e.code === 'CALENDAR_NEVER_OPEN') return undefined;
    throw e;
  }
}

/** Merges consecutive spans of one kind (labels aside) so the engine's explanation compares with the oracle's. */
function byKind(
  spans: readonly { start: number; end: number; kind: OracleKind }[],
): { start: number; end: number; kind: OracleKind }[] {
  const out: { start: number; end: number; kind: OracleKind }[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && last.kind === s.kind && last.end === s.start) last.end = s.end;
    else out.push({ start: s.start, end: s.end, kind: s.kind });
  }
  return out;
}

const ORACLE_RUNS = 40;
const ALGEBRA_RUNS = 100;

// ---- the oracle itself ----------------------------------------------------------------------------------

describe('the brute-force oracle', () => {
  const berlin = (hours?: Record<string, string[]>): CalendarDefinition => ({
    timeZone: 'Europe/Berlin',
    ...(hours ? { hours } : {}),
  });

  it('reproduces the worked examples of the specification', () => {
    const sunday = berlin({ sun: ['01:00-02:30'] });
    expect(oracleElapsed(sunday, Date.UTC(2026, 2, 28, 23), Date.UTC(2026, 2, 29, 22))).toBe(HOUR_MS);
    expect(oracleElapsed(sunday, Date.UTC(2026, 9, 24, 22), Date.UTC(2026, 9, 25, 23))).toBe(2 * HOUR_MS);
    const shift = berlin({ sat: ['22:00-06:00'] });
    expect(oracleElapsed(shift, Date.UTC(2026, 2, 28), Date.UTC(2026, 2, 30))).toBe(7 * HOUR_MS);
    expect(oracleElapsed(shift, Date.UTC(2026, 9, 24), Date.UTC(2026, 9, 26))).toBe(9 * HOUR_MS);
    expect(oracleElapsed(berlin(), Date.UTC(2026, 2, 28, 11), Date.UTC(2026, 2, 30, 10))).toBe(47 * HOUR_MS);
  });

  it('opens both passes of a repeated hour and nothing in a skipped one', () => {
    const always = berlin();
    expect(oracleIsOpen(always, Date.UTC(2026, 9, 25, 0, 30))).toBe(true);
    expect(oracleIsOpen(always, Date.UTC(2026, 9, 25, 1, 30))).toBe(true);
    const night = berlin({ sun: ['02:00-03:00'] });
    expect(oracleElapsed(night, Date.UTC(2026, 2, 28), Date.UTC(2026, 2, 30))).toBe(0);
    expect(oracleElapsed(night, Date.UTC(2026, 9, 24), Date.UTC(2026, 9, 26))).toBe(2 * HOUR_MS);
  });

  it('counts partial minutes and finds due times to the millisecond', () => {
    const office = berlin({ mon: ['08:00-12:00'] });
    const monday8 = Date.UTC(2026, 2, 23, 7);
    expect(oracleElapsed(office, monday8 - 1234, monday8 + 1234)).toBe(1234);
    expect(oracleDue(office, monday8 - 5 * MINUTE_MS, 1, DAY_MS)).toBe(monday8 + 1);
    expect(oracleDue(office, monday8, 4 * HOUR_MS, DAY_MS)).toBe(monday8 + 4 * HOUR_MS);
    expect(oracleDue(office, monday8, 4 * HOUR_MS + 1, DAY_MS)).toBeUndefined();
    expect(oracleNextOpen(office, monday8 - 1, DAY_MS)).toBe(monday8);
  });
});

// ---- agreement with the oracle ----------------------------------------------------------------------------

describe('the compiled calendar agrees with the brute-force oracle', () => {
  it('isOpen', () => {
    fc.assert(
      fc.property(caseArb, fc.array(offsetArb, { minLength: 1, maxLength: 20 }), (c, offsets) => {
        const cal = compile(c);
        const oracle = new OracleCalendar(c.def);
        for (const offset of offsets) {
          for (const t of [c.anchor + offset - 1, c.anchor + offset, c.anchor + offset + 1]) {
            expect(cal.isOpen(t), `isOpen(${new Date(t).toISOString()})`).toBe(oracle.isOpen(t));
          }
        }
      }),
      { numRuns: ALGEBRA_RUNS },
    );
  });

  it('isOpen next to the boundaries of the compiled chunks, where local dates straddle two chunks', () => {
    fc.assert(
      fc.property(chunkEdgeCaseArb, fc.array(offsetArb, { minLength: 1, maxLength: 20 }), (c, offsets) => {
        const cal = compile(c);
        const oracle = new OracleCalendar(c.def);
        for (const offset of offsets) {
          const t = c.anchor + (offset % (30 * HOUR_MS));
          expect(cal.isOpen(t), `isOpen(${new Date(t).toISOString()})`).toBe(oracle.isOpen(t));
        }
      }),
      { numRuns: ALGEBRA_RUNS },
    );
  });

  it('elapsed over the whole window and over pieces of it', () => {
    fc.assert(
      fc.property(
        caseArb,
        offsetArb,
        spanArb,
        fc.array(fc.tuple(fractionArb, fractionArb), { maxLength: 5 }),
        (c, offset, span, pieces) => {
          const from = c.anchor + offset;
          const to = from + span;
          const cal = compile(c);
          const oracle = new OracleTimeline(new OracleCalendar(c.def), from, to);
          expect(cal.elapsed(from, to)).toBe(oracle.elapsed(from, to));
          for (const [f1, f2] of pieces) {
            const a = from + Math.round(Math.min(f1, f2) * span);
            const b = from + Math.round(Math.max(f1, f2) * span);
            expect(
              cal.elapsed(a, b),
              `elapsed(${new Date(a).toISOString()}, ${new Date(b).toISOString()})`,
            ).toBe(oracle.elapsed(a, b));
          }
        },
      ),
      { numRuns: ORACLE_RUNS },
    );
  });

  it('due, for every budget the window can hold', () => {
    fc.assert(
      fc.property(
        caseArb,
        offsetArb,
        spanArb,
        fc.array(fractionArb, { minLength: 1, maxLength: 6 }),
        (c, offset, span, fractions) => {
          const start = c.anchor + offset;
          const cal = compile(c);
          const oracle = new OracleTimeline(new OracleCalendar(c.def), start, start + span);
          const available = oracle.elapsed(start, start + span) ?? 0;
          for (const fraction of fractions) {
            const budget = Math.round(fraction * available);
            expect(cal.due(start, budget), `due(${new Date(start).toISOString()}, ${budget})`).toBe(
              oracle.due(start, budget),
            );
          }
        },
      ),
      { numRuns: ORACLE_RUNS },
    );
  });

  it('nextOpen', () => {
    fc.assert(
      fc.property(caseArb, offsetArb, (c, offset) => {
        const t = c.anchor + offset;
        const horizon = t + 2 * DAY_MS;
        const cal = compile(c);
        const expected = oracleNextOpen(c.def, t, horizon - t);
        const actual = unlessNeverOpen(() => cal.nextOpen(t));
        if (expected !== undefined) expect(actual).toBe(expected);
        else if (actual !== undefined) expect(actual).toBeGreaterThanOrEqual(horizon);
      }),
      { numRuns: ORACLE_RUNS },
    );
  });

  it('openIntervals', () => {
    fc.assert(
      fc.property(caseArb, offsetArb, spanArb, (c, offset, span) => {
        const from = c.anchor + offset;
        const to = from + span;
        const cal = compile(c);
        const oracle = new OracleTimeline(new OracleCalendar(c.def), from, to);
        expect(cal.openIntervals(from, to)).toEqual(oracle.openIntervals(from, to));
      }),
      { numRuns: ORACLE_RUNS },
    );
  });

  it('explain gives the reason of every closed span (closure, then holiday, then opening hours)', () => {
    fc.assert(
      fc.property(caseArb, offsetArb, spanArb, (c, offset, span) => {
        const from = c.anchor + offset;
        const to = from + span;
        const cal = compile(c);
        const oracle = new OracleTimeline(new OracleCalendar(c.def), from, to);
        const explained = cal.explain(from, to);
        for (let i = 1; i < explained.length; i++) {
          const prev = explained[i - 1];
          const cur = explained[i];
          expect(prev && cur && (prev.kind !== cur.kind || prev.label !== cur.label)).toBe(true);
        }
        expect(byKind(explained)).toEqual(oracle.spans(from, to));
      }),
      { numRuns: ORACLE_RUNS },
    );
  });
});

// ---- the algebra of business time -----------------------------------------------------------------------

/** Three ordered instants a <= b <= c, up to about two years apart so spans cross the engine's chunks. */
const orderedArb = fc.tuple(
  offsetArb,
  fc.oneof(spanArb, fc.integer({ min: 0, max: 800 * DAY_MS })),
  fc.oneof(spanArb, fc.integer({ min: 0, max: 800 * DAY_MS })),
);

describe('business time obeys its algebra', () => {
  it('elapsed(s, due(s, d)) is d, and no earlier instant uses up d', () => {
    fc.assert(
      fc.property(
        caseArb,
        offsetArb,
        fractionArb,
        fc.integer({ min: 1, max: 400 }),
        (c, offset, fraction, days) => {
          const start = c.anchor + offset;
          const cal = compile(c);
          const budget = Math.round(fraction * cal.elapsed(start, start + days * DAY_MS));
          const due = cal.due(start, budget);
          expect(due).toBeGreaterThanOrEqual(start);
          expect(cal.elapsed(start, due)).toBe(budget);
          if (budget > 0) {
            expect(cal.elapsed(start, due - 1)).toBeLessThan(budget);
            expect(cal.isOpen(due - 1)).toBe(true);
          }
        },
      ),
      { numRuns: ALGEBRA_RUNS },
    );
  });

  it('elapsed is additive: elapsed(a, c) = elapsed(a, b) + elapsed(b, c)', () => {
    fc.assert(
      fc.property(caseArb, orderedArb, (c, [offset, ab, bc]) => {
        const a = c.anchor + offset;
        const b = a + ab;
        const cc = b + bc;
        const cal = compile(c);
        expect(cal.elapsed(a, cc)).toBe(cal.elapsed(a, b) + cal.elapsed(b, cc));
      }),
      { numRuns: ALGEBRA_RUNS },
    );
  });

  it('elapsed and due are monotonic and bounded by real time', () => {
    fc.assert(
      fc.property(caseArb, orderedArb, fractionArb, fractionArb, (c, [offset, ab, bc], f1, f2) => {
        const a = c.anchor + offset;
        const b = a + ab;
        const cc = b + bc;
        const cal = compile(c);
        const eab = cal.elapsed(a, b);
        const ebc = cal.elapsed(b, cc);
        expect(eab).toBeGreaterThanOrEqual(0);
        expect(eab).toBeLessThanOrEqual(b - a);
        expect(cal.elapsed(a, cc)).toBeGreaterThanOrEqual(eab);
        expect(cal.elapsed(a, cc)).toBeGreaterThanOrEqual(ebc);
        expect(cal.elapsed(b, a)).toBe(0);
        const total = cal.elapsed(a, cc);
        const d1 = Math.round(Math.min(f1, f2) * total);
        const d2 = Math.round(Math.max(f1, f2) * total);
        expect(cal.due(a, d1)).toBeLessThanOrEqual(cal.due(a, d2));
        expect(cal.due(a, d2)).toBeLessThanOrEqual(cc);
      }),
      { numRuns: ALGEBRA_RUNS },
    );
  });

  it('nextOpen is t itself when open, else the first open instant after a closed stretch', () => {
    fc.assert(
      fc.property(caseArb, offsetArb, (c, offset) => {
        const t = c.anchor + offset;
        const cal = compile(c);
        const next = unlessNeverOpen(() => cal.nextOpen(t));
        if (cal.isOpen(t)) {
          expect(next).toBe(t);
          return;
        }
        if (next === undefined) return;
        expect(next).toBeGreaterThan(t);
        expect(cal.isOpen(next)).toBe(true);
        expect(cal.isOpen(next - 1)).toBe(false);
        expect(cal.elapsed(t, next)).toBe(0);
      }),
      { numRuns: ALGEBRA_RUNS },
    );
  });

  it('addBusinessDays never lands before the start, lands in open time (or at a close) and grows with N', () => {
    fc.assert(
      fc.property(caseArb, offsetArb, fc.integer({ min: 0, max: 4 }), (c, offset, n) => {
        const start = c.anchor + offset;
        const cal = compile(c);
        // A calendar without open time in the next weeks makes the day-by-day search long and proves nothing here.
        fc.pre(cal.elapsed(start, start + 8 * 7 * DAY_MS) > 0);
        const sameTime = cal.addBusinessDays(start, n);
        const sameTimeNext = cal.addBusinessDays(start, n + 1);
        expect(sameTime).toBeGreaterThanOrEqual(start);
        expect(cal.isOpen(sameTime)).toBe(true);
        expect(sameTimeNext).toBeGreaterThanOrEqual(sameTime);
        const close = cal.addBusinessDays(start, n, { endOfDay: true });
        const closeNext = cal.addBusinessDays(start, n + 1, { endOfDay: true });
        expect(close).toBeGreaterThan(start);
        expect(cal.isOpen(close - 1)).toBe(true);
        expect(closeNext).toBeGreaterThanOrEqual(close);
      }),
      { numRuns: ALGEBRA_RUNS },
    );
  });

  it('openIntervals are clipped, sorted, merged, open inside and closed at their edges, and sum to elapsed', () => {
    fc.assert(
      fc.property(
        caseArb,
        offsetArb,
        fc.oneof(spanArb, fc.integer({ min: 0, max: 40 * DAY_MS })),
        (c, offset, span) => {
          const from = c.anchor + offset;
          const to = from + span;
          const cal = compile(c);
          const periods = cal.openIntervals(from, to);
          let sum = 0;
          let previousEnd = -Infinity;
          for (const p of periods) {
            expect(p.start).toBeGreaterThanOrEqual(from);
            expect(p.end).toBeLessThanOrEqual(to);
            expect(p.start).toBeGreaterThan(previousEnd);
            expect(p.end).toBeGreaterThan(p.start);
            expect(cal.isOpen(p.start)).toBe(true);
            expect(cal.isOpen(p.end - 1)).toBe(true);
            if (p.start > from) expect(cal.isOpen(p.start - 1)).toBe(false);
            if (p.end < to) expect(cal.isOpen(p.end)).toBe(false);
            sum += p.end - p.start;
            previousEnd = p.end;
          }
          expect(sum).toBe(cal.elapsed(from, to));
          const spans = cal.explain(from, to);
          expect(spans.filter((s) => s.kind === 'open').map((s) => ({ start: s.start, end: s.end }))).toEqual(
            periods,
          );
          if (span > 0) {
            expect(spans[0]?.start).toBe(from);
            expect(spans[spans.length - 1]?.end).toBe(to);
            for (let i = 1; i < spans.length; i++) expect(spans[i]?.start).toBe(spans[i - 1]?.end);
          }
        },
      ),
      { numRuns: ALGEBRA_RUNS },
    );
  });
});
