// The customer report as CSV: one section per table, each a name line, a header row, the rows and a blank
// line; numbers unformatted (shares as fractions, durations in ms, instants in ISO 8601 UTC).
import type { CustomerReport } from '../../app/reports/customer-report.use-cases.ts';
import type { ReportLanguage } from '../../domain/reports/summary.ts';
import { iso, isoOrNull } from './common.ts';
import { reasonCountsOf } from './reports-schemas.routes.ts';

type Cell = string | number | boolean | null;

const csvCell = (v: Cell): string => {
  const text = v === null ? '' : String(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

const AVAILABILITY_HEADER = [
  'service_id',
  'service',
  'target',
  'availability',
  'achieved',
  'up_ms',
  'down_ms',
  'maintenance_ms',
  'unknown_ms',
  'outages',
  'error_budget_used',
];

export function reportCsv(r: CustomerReport, lang: ReportLanguage): string {
  const f = r.figures;
  const out: string[] = [];
  const section = (name: string, header: readonly string[], rows: readonly (readonly Cell[])[]): void => {
    out.push(name, header.join(','), ...rows.map((row) => row.map(csvCell).join(',')), '');
  };
  section(
    'report',
    ['customer', 'from', 'to', 'month', 'summary_en', 'summary_de', 'period_kind', 'period', 'period_label'],
    [
      [
        r.customer.name,
        iso(f.period.start),
        iso(f.period.end),
        r.month,
        f.summary.en,
        f.summary.de,
        r.period.kind,
        r.period.key,
        r.period.label[lang],
      ],
    ],
  );
  section(
    'availability',
    AVAILABILITY_HEADER,
    f.availability.map((a) => [
      a.serviceId,
      a.name,
      a.target,
      a.availability,
      a.achieved,
      a.upMs,
      a.downMs,
      a.maintenanceMs,
      a.unknownMs,
      a.outages,
      a.errorBudgetUsed,
    ]),
  );
  section(
    'compliance',
    ['priority', 'metric', 'met', 'breached', 'compliance', 'goal', 'achieved'],
    f.compliance.map((c) => [c.priority, c.metric, c.met, c.breached, c.compliance, c.goal, c.achieved]),
  );
  section(
    'times',
    [
      'priority',
      'metric',
      'count',
      'mean_business_ms',
      'p90_business_ms',
      'mean_calendar_ms',
      'p90_calendar_ms',
    ],
    f.times.map((t) => [
      t.priority,
      t.metric,
      t.count,
      t.meanBusinessMs,
      t.p90BusinessMs,
      t.meanCalendarMs,
      t.p90CalendarMs,
    ]),
  );
  section(
    'counts',
    ['opened', 'resolved', 'backlog'],
    [[f.counts.opened, f.counts.resolved, f.counts.backlog]],
  );
  section(
    'breaches',
    [
      'ticket_id',
      'number',
      'title',
      'priority',
      'metric',
      'due_at',
      'breached_at',
      'stopped_at',
      'reason',
      'reason_label',
      'note',
    ],
    // The note column stays empty unless staff asked for notes.
    f.breaches.map((b) => [
      b.ticketId,
      b.number,
      b.title,
      b.priority,
      b.metric,
      isoOrNull(b.dueAt),
      iso(b.breachedAt),
      isoOrNull(b.stoppedAt),
      b.reason?.code ?? null,
      b.reason?.label[lang] ?? null,
      b.note ?? null,
    ]),
  );
  section(
    'breach_reasons',
    ['reason', 'label', 'count'],
    reasonCountsOf(f).map((r) => [r.reason, r.label[lang], r.count]),
  );
  section(
    'credits',
    ['service_id', 'service', 'availability', 'credit_percent'],
    f.credits.map((c) => [c.serviceId, c.name, c.availability, c.creditPercent]),
  );
  const slaCells = (s: (typeof f.slas)[number]): Cell[] => [s.sla?.id ?? null, s.sla?.name ?? null];
  section(
    'sla_availability',
    ['sla_id', 'sla', ...AVAILABILITY_HEADER],
    f.slas.flatMap((s) =>
      s.availability.map((a) => [
        ...slaCells(s),
        a.serviceId,
        a.name,
        a.target,
        a.availability,
        a.achieved,
        a.upMs,
        a.downMs,
        a.maintenanceMs,
        a.unknownMs,
        a.outages,
        a.errorBudgetUsed,
      ]),
    ),
  );
  section(
    'sla_compliance',
    ['sla_id', 'sla', 'priority', 'metric', 'met', 'breached', 'compliance', 'goal', 'achieved'],
    f.slas.flatMap((s) =>
      s.compliance.map((c) => [
        ...slaCells(s),
        c.priority,
        c.metric,
        c.met,
        c.breached,
        c.compliance,
        c.goal,
        c.achieved,
      ]),
    ),
  );
  // The trend: one column per period, named by its key, oldest first.
  const keys = r.trend.periods.map((p) => p.key);
  section(
    'trend_availability',
    ['service_id', 'service', 'target', ...keys],
    r.trend.availability.map((a) => [a.serviceId, a.name, a.target, ...a.values]),
  );
  section(
    'trend_compliance',
    ['priority', 'metric', 'goal', ...keys],
    r.trend.compliance.map((c) => [c.priority, c.metric, c.goal, ...c.values]),
  );
  section(
    'trend_counts',
    ['figure', ...keys],
    [
      ['opened', ...r.trend.counts.opened],
      ['resolved', ...r.trend.counts.resolved],
      ['backlog', ...r.trend.counts.backlog],
    ],
  );
  return out.join('\r\n');
}

/** A file name for the report: customer-free (names may hold anything), by period key. */
export const csvName = (r: CustomerReport): string =>
  `report-${r.period.key.replace(/[^0-9A-Za-z-]+/g, '_')}.csv`;
