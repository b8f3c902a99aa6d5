import { describe, expect, it } from 'vitest';
import { HOUR_MS } from '../shared/time.ts';
import {
  creditFor,
  customerReportFigures,
  NO_REASON_LABEL,
  percentile90,
  type ReportClock,
  type ReportService,
  type ReportTicket,
} from './customer-report.ts';
import { formatPercent, reportSummary } from './summary.ts';

const h = (hours: number): number => hours * HOUR_MS;
/** The period: hour 100 to hour 200. */
const PERIOD = { start: h(100), end: h(200) };

const met = (metric: string, stop: number, elapsed: number): ReportClock => ({
  metric,
  state: 'met',
  durationMs: h(8),
  elapsedMs: h(elapsed),
  dueAt: h(stop + 1),
  stoppedAt: h(stop),
  breachedAt: null,
});
const breached = (metric: string, due: number, stop: number | null, elapsed: number): ReportClock => ({
  metric,
  state: 'breached',
  durationMs: h(8),
  elapsedMs: h(elapsed),
  dueAt: h(due),
  stoppedAt: stop === null ? null : h(stop),
  breachedAt: h(due),
});
const running = (metric: string, due: number): ReportClock => ({
  metric,
  state: 'running',
  durationMs: h(8),
  elapsedMs: h(1),
  dueAt: h(due),
  stoppedAt: null,
  breachedAt: null,
});
const ticket = (
  number: number,
  priority: string,
  created: number,
  resolved: number | null,
  clocks: ReportClock[],
): ReportTicket => ({
  id: `t${number}`,
  number,
  title: `Ticket ${number}`,
  priority,
  createdAt: h(created),
  resolvedAt: resolved === null ? null : h(resolved),
  clocks,
});

const TICKETS: ReportTicket[] = [
  // Resolution breached at 120 inside the period, resolved at 130.
  ticket(1, 'P2', 110, 130, [met('first_response', 111, 1), breached('resolution', 120, 130, 10)]),
  ticket(2, 'P2', 120, 125, [met('first_response', 120.5, 0.5), met('resolution', 125, 5)]),
  // Created before the period: its first response (hour 91) belongs to the month before.
  ticket(3, 'P1', 90, 105, [met('first_response', 91, 0.25), met('resolution', 105, 3)]),
  ticket(4, 'P1', 190, null, [running('first_response', 210), running('resolution', 230)]),
  // Breached at 180, resolved only after the period: a breach of this period, no time of this period.
  ticket(5, 'P2', 150, 250, [met('first_response', 152, 2), breached('resolution', 180, 250, 20)]),
  // Resolved before the period: counts nowhere.
  ticket(6, 'P3', 80, 95, [met('first_response', 81, 1), met('resolution', 95, 4)]),
];

const CREDITS = [
  { below: 0.995, creditPercent: 5 },
  { below: 0.99, creditPercent: 10 },
  { below: 0.95, creditPercent: 25 },
];
const service = (name: string, target: number | null, availability: number | null): ReportService => ({
  serviceId: name.toLowerCase(),
  name,
  target,
  availability,
  upMs: h(99),
  downMs: h(1),
  maintenanceMs: 0,
  unknownMs: 0,
  outages: 1,
  errorBudgetUsed: null,
  credits: CREDITS,
});
const SERVICES = [service('E-Mail', 0.995, 0.99), service('ERP', 0.99, 0.999), service('Backup', null, null)];

describe('customer report figures', () => {
  const report = customerReportFigures({ period: PERIOD, tickets: TICKETS, services: SERVICES });

  it('counts a clock in the period its outcome fell in, per priority and target, against 95 %', () => {
    // P1 resolution: #3 met. P2 first response: #1, #2, #5 met. P2 resolution: #2 met; #1, #5 breached.
    expect(report.compliance).toEqual([
      {
        priority: 'P1',
        metric: 'resolution',
        met: 1,
        breached: 0,
        compliance: 1,
        goal: 0.95,
        achieved: true,
      },
      {
        priority: 'P2',
        metric: 'first_response',
        met: 3,
        breached: 0,
        compliance: 1,
        goal: 0.95,
        achieved: true,
      },
      {
        priority: 'P2',
        metric: 'resolution',
        met: 1,
        breached: 2,
        compliance: 1 / 3,
        goal: 0.95,
        achieved: false,
      },
    ]);
  });

  it('gives mean and 90th percentile of business and calendar time of the clocks stopped in the period', () => {
    expect(report.times).toEqual([
      // #3: 3 h counted, 15 h from creation (hour 90) to resolution (hour 105).
      {
        priority: 'P1',
        metric: 'resolution',
        count: 1,
        meanBusinessMs: h(3),
        p90BusinessMs: h(3),
        meanCalendarMs: h(15),
        p90CalendarMs: h(15),
      },
      // 1 h, 0.5 h, 2 h: mean 3.5 h / 3 = 70 min; nearest rank ⌈0.9 × 3⌉ = 3rd = 2 h.
      {
        priority: 'P2',
        metric: 'first_response',
        count: 3,
        meanBusinessMs: 70 * 60_000,
        p90BusinessMs: h(2),
        meanCalendarMs: 70 * 60_000,
        p90CalendarMs: h(2),
      },
      // #1 10 h (20 h calendar), #2 5 h (5 h): mean 7.5 h / 12.5 h; ⌈0.9 × 2⌉ = 2nd.
      {
        priority: 'P2',
        metric: 'resolution',
        count: 2,
        meanBusinessMs: h(7.5),
        p90BusinessMs: h(10),
        meanCalendarMs: h(12.5),
        p90CalendarMs: h(20),
      },
      {
        priority: 'all',
        metric: 'first_response',
        count: 3,
        meanBusinessMs: 70 * 60_000,
        p90BusinessMs: h(2),
        meanCalendarMs: 70 * 60_000,
        p90CalendarMs: h(2),
      },
      // 3 h, 10 h, 5 h → mean 6 h; calendar 15 h, 20 h, 5 h → mean 40 h / 3 = 800 min.
      {
        priority: 'all',
        metric: 'resolution',
        count: 3,
        meanBusinessMs: h(6),
        p90BusinessMs: h(10),
        meanCalendarMs: 800 * 60_000,
        p90CalendarMs: h(20),
      },
    ]);
  });

  it('counts opened, resolved and the backlog at the end', () => {
    // Opened: #1, #2, #4, #5. Resolved: #1, #2, #3. Open at hour 200: #4, #5.
    expect(report.counts).toEqual({ opened: 4, resolved: 3, backlog: 2 });
  });

  it('lists the breaches in the order they happened', () => {
    expect(report.breaches.map((b) => [b.number, b.metric, b.breachedAt, b.stoppedAt])).toEqual([
      [1, 'resolution', h(120), h(130)],
      [5, 'resolution', h(180), h(250)],
    ]);
  });

  it('owes the highest credit whose threshold the availability is under', () => {
    // 99 % is under 99.5 % (5 %) but not under 99 % (10 %).
    expect(report.credits).toEqual([
      { serviceId: 'e-mail', name: 'E-Mail', availability: 0.99, creditPercent: 5 },
    ]);
    expect(report.availability.map((a) => a.achieved)).toEqual([false, true, null]);
    expect(creditFor(0.9899, CREDITS)).toBe(10);
    expect(creditFor(0.5, CREDITS)).toBe(25);
    expect(creditFor(0.995, CREDITS)).toBe(0);
    expect(creditFor(0.9, [])).toBe(0);
  });

  it('sums up the missed targets in both languages', () => {
    expect(report.summary).toEqual({
      en: 'All targets met except availability of E-Mail: 99 % against 99.5 %; resolution of P2 tickets: 33.3 % against 95 %.',
      de: 'Alle Ziele erreicht außer: Verfügbarkeit von E-Mail 99 % (Ziel 99,5 %); Lösung der P2-Tickets 33,3 % (Ziel 95 %).',
    });
  });

  it('takes the goal from the SLA when it carries one', () => {
    const lenient = customerReportFigures({
      period: PERIOD,
      tickets: TICKETS,
      services: [],
      complianceGoal: 0.3,
    });
    expect(lenient.compliance.every((c) => c.achieved && c.goal === 0.3)).toBe(true);
    expect(lenient.summary).toEqual({ en: 'All targets met.', de: 'Alle Ziele erreicht.' });
  });

  it('says so when nothing was measured', () => {
    const empty = customerReportFigures({
      period: PERIOD,
      tickets: [],
      services: [service('Backup', null, null)],
    });
    expect(empty.summary.en).toBe('No target was measured in this period.');
    expect(empty.counts).toEqual({ opened: 0, resolved: 0, backlog: 0 });
    expect(empty.times).toEqual([]);
  });
});

describe('report helpers', () => {
  it('takes the nearest-rank 90th percentile', () => {
    expect(percentile90([])).toBe(0);
    expect(percentile90([5])).toBe(5);
    expect(percentile90([10, 1, 9, 2, 8, 3, 7, 4, 6, 5])).toBe(9);
    expect(percentile90(Array.from({ length: 11 }, (_, i) => i + 1))).toBe(10);
  });

  it('writes the example sentence of the issue', () => {
    const row = {
      priority: 'P2',
      metric: 'resolution' as const,
      met: 22,
      breached: 3,
      compliance: 0.88,
      goal: 0.95,
      achieved: false,
    };
    expect(reportSummary([], [row]).en).toBe(
      'All targets met except resolution of P2 tickets: 88 % against 95 %.',
    );
    expect(formatPercent(0.99949, 'de', 3)).toBe('99,949 %');
  });
});

describe('breaches by reason', () => {
  const VENDOR = { de: 'Warten auf Lieferanten', en: 'Waiting on vendor' };
  const STAFF = { de: 'Personalmangel', en: 'Understaffed' };
  // The data set above plus three tickets whose both targets breached in the period.
  const tickets: ReportTicket[] = [
    ...TICKETS,
    ticket(7, 'P1', 140, 160, [
      breached('first_response', 141, 142, 1),
      breached('resolution', 150, 160, 10),
    ]),
    ticket(8, 'P2', 160, null, [
      breached('first_response', 161, null, 1),
      breached('resolution', 170, null, 10),
    ]),
    // Breached at 195, after #5 (180) and #8 (170): the list stays in the order the breaches happened.
    ticket(9, 'P3', 190, null, [met('first_response', 190.5, 0.5), breached('resolution', 195, null, 5)]),
  ];
  const reasons = [
    { ticketId: 't1', metric: 'resolution', code: 'waiting_on_vendor', label: VENDOR, note: 'Supplier late' },
    { ticketId: 't7', metric: 'first_response', code: 'understaffed', label: STAFF, note: null },
    { ticketId: 't7', metric: 'resolution', code: 'waiting_on_vendor', label: VENDOR, note: null },
    { ticketId: 't8', metric: 'resolution', code: 'understaffed', label: STAFF, note: null },
    { ticketId: 't9', metric: 'resolution', code: 'waiting_on_vendor', label: VENDOR, note: null },
    // #6 was resolved before the period: its reason is no breach of this report.
    { ticketId: 't6', metric: 'resolution', code: 'understaffed', label: STAFF, note: null },
  ];
  const report = customerReportFigures({ period: PERIOD, tickets, services: [], breachReasons: reasons });

  it('gives each breach its recorded reason and counts the breaches per reason, those without last', () => {
    // In order of breach: #1 res (120, vendor), #7 fr (141, staff), #7 res (150, vendor), #8 fr (161, none),
    // #8 res (170, staff), #5 res (180, none), #9 res (195, vendor).
    expect(report.breaches.map((b) => [b.number, b.metric, b.reason?.code ?? null])).toEqual([
      [1, 'resolution', 'waiting_on_vendor'],
      [7, 'first_response', 'understaffed'],
      [7, 'resolution', 'waiting_on_vendor'],
      [8, 'first_response', null],
      [8, 'resolution', 'understaffed'],
      [5, 'resolution', null],
      [9, 'resolution', 'waiting_on_vendor'],
    ]);
    // Vendor 3 (#1, #7 res, #9), understaffed 2 (#7 fr, #8 res), none 2 (#8 fr, #5): 7 breaches in all.
    expect(report.breachReasons).toEqual([
      { reason: 'waiting_on_vendor', label: VENDOR, count: 3 },
      { reason: 'understaffed', label: STAFF, count: 2 },
      { reason: null, label: { de: 'Kein Grund erfasst', en: 'No reason recorded' }, count: 2 },
    ]);
    expect(report.breaches[0]).toMatchObject({ note: 'Supplier late' });
  });

  it('carries no note when the reasons come without notes', () => {
    const withoutNotes = reasons.map(({ note: _note, ...r }) => r);
    const plain = customerReportFigures({
      period: PERIOD,
      tickets,
      services: [],
      breachReasons: withoutNotes,
    });
    expect(plain.breaches.every((b) => !('note' in b))).toBe(true);
    expect(plain.breachReasons).toEqual(report.breachReasons);
  });

  it('counts every breach as without a reason when none was recorded', () => {
    const none = customerReportFigures({ period: PERIOD, tickets: TICKETS, services: [] });
    expect(none.breaches.map((b) => b.reason)).toEqual([null, null]);
    expect(none.breachReasons).toEqual([{ reason: null, label: NO_REASON_LABEL, count: 2 }]);
  });
});
