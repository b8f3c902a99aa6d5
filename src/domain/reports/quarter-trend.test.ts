// A golden quarter: a fixed set of tickets under two SLAs and two services in Berlin, the figures of Q1 2026
// per SLA and the trend over the three quarters before, all worked out by hand below.
import { describe, expect, it } from 'vitest';
import { HOUR_MS, MINUTE_MS } from '../shared/time.ts';
import {
  customerReportFigures,
  type ReportClock,
  type ReportService,
  type ReportSla,
  type ReportTicket,
} from './customer-report.ts';
import { previousPeriods, reportPeriod, type PeriodSpec } from './periods.ts';
import { diffFigures } from './report-diff.ts';
import { reportTrend } from './trend.ts';

const BERLIN = 'Europe/Berlin';
const t = (iso: string): number => Date.parse(iso);

const met = (metric: string, stop: string, elapsedMs: number): ReportClock => ({
  metric,
  state: 'met',
  durationMs: 8 * HOUR_MS,
  elapsedMs,
  dueAt: null,
  stoppedAt: t(stop),
  breachedAt: null,
});
const breached = (metric: string, due: string, stop: string | null, elapsedMs: number): ReportClock => ({
  metric,
  state: 'breached',
  durationMs: 8 * HOUR_MS,
  elapsedMs,
  dueAt: t(due),
  stoppedAt: stop === null ? null : t(stop),
  breachedAt: t(due),
});
const ticket = (
  number: number,
  slaId: string,
  priority: string,
  created: string,
  resolved: string | null,
  clocks: ReportClock[],
): ReportTicket => ({
  id: `t${number}`,
  number,
  title: `Ticket ${number}`,
  priority,
  createdAt: t(created),
  resolvedAt: resolved === null ? null : t(resolved),
  clocks,
  slaId,
});

// Q1 2026 in Berlin: [2025-12-31T23:00Z, 2026-03-31T22:00Z). Q4 2025 starts 2025-09-30T22:00Z, Q3 2025
// 2025-06-30T22:00Z, Q2 2025 2025-03-31T22:00Z.
const TICKETS: ReportTicket[] = [
  // #1 Gold P1 in January: both targets met.
  ticket(1, 'gold', 'P1', '2026-01-10T08:00:00Z', '2026-01-10T12:00:00Z', [
    met('first_response', '2026-01-10T08:30:00Z', 30 * MINUTE_MS),
    met('resolution', '2026-01-10T12:00:00Z', 4 * HOUR_MS),
  ]),
  // #2 Gold P1 in February: resolution due 16:00, resolved the next morning.
  ticket(2, 'gold', 'P1', '2026-02-02T08:00:00Z', '2026-02-03T10:00:00Z', [
    met('first_response', '2026-02-02T09:00:00Z', HOUR_MS),
    breached('resolution', '2026-02-02T16:00:00Z', '2026-02-03T10:00:00Z', 10 * HOUR_MS),
  ]),
  // #3 Silver P2 at the end of March: answered; its resolution breaches only on 2 April (Q2), still open.
  ticket(3, 'silver', 'P2', '2026-03-30T08:00:00Z', null, [
    met('first_response', '2026-03-30T10:00:00Z', 2 * HOUR_MS),
    breached('resolution', '2026-04-02T08:00:00Z', null, 16 * HOUR_MS),
  ]),
  // #4 Gold P1 in November: resolution breached (Q4 2025).
  ticket(4, 'gold', 'P1', '2025-11-20T08:00:00Z', '2025-11-21T09:00:00Z', [
    met('first_response', '2025-11-20T08:15:00Z', 15 * MINUTE_MS),
    breached('resolution', '2025-11-20T16:00:00Z', '2025-11-21T09:00:00Z', 9 * HOUR_MS),
  ]),
  // #5 Gold P1 opened 23:30 Berlin time on New Year's Eve (Q4), answered 23:45 (Q4), resolved 01:30 on
  // 1 January (Q1): the quarter boundary is local midnight, 23:00 UTC.
  ticket(5, 'gold', 'P1', '2025-12-31T22:30:00Z', '2026-01-01T00:30:00Z', [
    met('first_response', '2025-12-31T22:45:00Z', 15 * MINUTE_MS),
    met('resolution', '2026-01-01T00:30:00Z', 2 * HOUR_MS),
  ]),
  // #6 Silver P2 in August (Q3 2025): both met.
  ticket(6, 'silver', 'P2', '2025-08-05T08:00:00Z', '2025-08-06T08:00:00Z', [
    met('first_response', '2025-08-05T09:00:00Z', HOUR_MS),
    met('resolution', '2025-08-06T08:00:00Z', 8 * HOUR_MS),
  ]),
];

const SLAS: ReportSla[] = [
  { id: 'gold', name: 'Gold', version: 3, complianceGoal: 0.9 },
  { id: 'silver', name: 'Silver', version: 1, complianceGoal: 0.8 },
];

const service = (
  serviceId: string,
  slaId: string | null,
  target: number | null,
  availability: number | null,
): ReportService => ({
  serviceId,
  name: serviceId === 'mail' ? 'Mail' : 'Backup',
  target,
  availability,
  upMs: 0,
  downMs: 0,
  maintenanceMs: 0,
  unknownMs: 0,
  outages: 0,
  errorBudgetUsed: null,
  credits: [],
  slaId,
});

const Q1: PeriodSpec = { kind: 'quarter', year: 2026, quarter: 1 };
const PERIODS = [...previousPeriods(Q1, 3), Q1].map((s) => reportPeriod(s, BERLIN));
// The availability of Mail per quarter, oldest first, as the monitoring side would give it.
const MAIL = [null, 0.9995, 0.999, 0.998];
const FIGURES = PERIODS.map((p, i) =>
  customerReportFigures({
    period: { start: p.start, end: p.end },
    tickets: TICKETS,
    services: [service('mail', 'gold', 0.999, MAIL[i] ?? null), service('backup', null, null, null)],
    slas: SLAS,
  }),
);
const Q1_FIGURES = FIGURES[3];

describe('a quarter per SLA', () => {
  it('counts the quarter in the customer zone, per SLA against its own goal', () => {
    expect(PERIODS.map((p) => p.key)).toEqual(['2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1']);
    const [gold, silver, none] = Q1_FIGURES?.slas ?? [];
    // Gold: first response #1 and #2 met (the one of #5 fell in Q4) → 2/2 = 100 % ≥ 90 %. Resolution: #1 and
    // #5 met, #2 breached → 2/3 = 66.7 % < 90 %. Opened #1, #2 (#5 opened before local midnight); resolved
    // #1, #2, #5; none open at the end.
    expect(gold).toEqual({
      sla: { id: 'gold', name: 'Gold', version: 3 },
      complianceGoal: 0.9,
      availability: [expect.objectContaining({ serviceId: 'mail', availability: 0.998, achieved: false })],
      compliance: [
        {
          priority: 'P1',
          metric: 'first_response',
          met: 2,
          breached: 0,
          compliance: 1,
          goal: 0.9,
          achieved: true,
        },
        {
          priority: 'P1',
          metric: 'resolution',
          met: 2,
          breached: 1,
          compliance: 2 / 3,
          goal: 0.9,
          achieved: false,
        },
      ],
      counts: { opened: 2, resolved: 3, backlog: 0 },
      breaches: 1,
      credits: [],
    });
    // Silver: #3 answered in time → 1/1; its resolution breaches in April, outside Q1; #3 is still open.
    expect(silver).toMatchObject({
      sla: { id: 'silver', name: 'Silver', version: 1 },
      complianceGoal: 0.8,
      availability: [],
      compliance: [
        {
          priority: 'P2',
          metric: 'first_response',
          met: 1,
          breached: 0,
          compliance: 1,
          goal: 0.8,
          achieved: true,
        },
      ],
      counts: { opened: 1, resolved: 0, backlog: 1 },
      breaches: 0,
    });
    // Backup has no SLA: a last section with the default goal.
    expect(none).toMatchObject({ sla: null, complianceGoal: 0.95, compliance: [] });
    expect(none?.availability.map((a) => a.serviceId)).toEqual(['backup']);
  });

  it('names the SLA of each missed target when there are several', () => {
    expect(Q1_FIGURES?.summary).toEqual({
      en: 'All targets met except availability of Mail: 99.8 % against 99.9 %; resolution of P1 tickets (Gold): 66.7 % against 90 %.',
      de: 'Alle Ziele erreicht außer: Verfügbarkeit von Mail 99,8 % (Ziel 99,9 %); Lösung der P1-Tickets (Gold) 66,7 % (Ziel 90 %).',
    });
  });
});

describe('the trend over the quarters before', () => {
  const trend = reportTrend(PERIODS, FIGURES);

  it('lines up compliance per priority and target, null where nothing was decided', () => {
    // Q2 2025: nothing. Q3: #6 met both (P2). Q4: #4 and #5 answered in time, #4's resolution breached
    // (P1 resolution 0/1). Q1 2026: as above.
    expect(trend.compliance).toEqual([
      { priority: 'P1', metric: 'first_response', goal: 0.95, values: [null, null, 1, 1] },
      { priority: 'P1', metric: 'resolution', goal: 0.95, values: [null, null, 0, 2 / 3] },
      { priority: 'P2', metric: 'first_response', goal: 0.95, values: [null, 1, null, 1] },
      // No P2 resolution was decided in Q1: the goal is the one of the last quarter that had one.
      { priority: 'P2', metric: 'resolution', goal: 0.95, values: [null, 1, null, null] },
    ]);
  });

  it('lines up availability per service and the ticket counts', () => {
    expect(trend.availability).toEqual([
      { serviceId: 'mail', name: 'Mail', target: 0.999, values: [null, 0.9995, 0.999, 0.998] },
      { serviceId: 'backup', name: 'Backup', target: null, values: [null, null, null, null] },
    ]);
    // Opened: Q3 #6; Q4 #4, #5; Q1 #1, #2, #3. Resolved: Q3 #6; Q4 #4; Q1 #1, #2, #5. Open at the end:
    // Q4 #5 (resolved after local midnight); Q1 #3.
    expect(trend.counts).toEqual({ opened: [0, 1, 2, 3], resolved: [0, 1, 1, 3], backlog: [0, 0, 1, 1] });
    expect(trend.periods.map((p) => p.label.en)).toEqual([
      'Q2 2025 (April – June)',
      'Q3 2025 (July – September)',
      'Q4 2025 (October – December)',
      'Q1 2026 (January – March)',
    ]);
  });
});

describe('an issued report against the same period recomputed', () => {
  it('lists the figures that changed with a reason', () => {
    const period = { start: PERIODS[3]?.start ?? 0, end: PERIODS[3]?.end ?? 0 };
    const issued = customerReportFigures({ period, tickets: TICKETS.slice(0, 1), services: [] });
    const now = customerReportFigures({ period, tickets: TICKETS.slice(0, 2), services: [] });
    const facts = { lateTickets: [2], outagesRecordedLater: 0, slaChanged: false };
    // #2 arrived late: one more answer (2 met), one breached resolution (1 of 2 met), one more opened and
    // resolved, one breach.
    expect(diffFigures(issued, now, facts)).toEqual(
      expect.arrayContaining([
        { figure: 'compliance.P1.first_response.met', old: 1, new: 2, reason: 'late_events' },
        { figure: 'compliance.P1.resolution.compliance', old: 1, new: 0.5, reason: 'late_events' },
        { figure: 'counts.opened', old: 1, new: 2, reason: 'late_events' },
        { figure: 'breaches', old: 0, new: 1, reason: 'late_events' },
      ]),
    );
    expect(diffFigures(issued, issued, facts)).toEqual([]);
  });

  it('blames monitoring for changed availability and the SLA for a changed target', () => {
    const period = { start: PERIODS[3]?.start ?? 0, end: PERIODS[3]?.end ?? 0 };
    const mail = (target: number, availability: number) =>
      customerReportFigures({
        period,
        tickets: [],
        services: [service('mail', 'gold', target, availability)],
      });
    const facts = { lateTickets: [], outagesRecordedLater: 1, slaChanged: false };
    expect(diffFigures(mail(0.999, 0.9995), mail(0.999, 0.998), facts)).toEqual([
      {
        figure: 'availability.mail.availability',
        old: 0.9995,
        new: 0.998,
        reason: 'corrected_monitoring_data',
      },
    ]);
    expect(diffFigures(mail(0.999, 0.9995), mail(0.99, 0.9995), { ...facts, slaChanged: true })).toEqual([
      { figure: 'availability.mail.target', old: 0.999, new: 0.99, reason: 'sla_changed' },
    ]);
  });
});
