// The customer report as a PDF document: summary first, then availability and compliance with their charts,
// times, counts, breaches, credits, the figures per SLA and the trend.
import type { Content, DocDefinition } from 'pdfmake';
import type { CustomerReport } from '../../app/reports/customer-report.use-cases.ts';
import { REPORT_WORDS } from '../../app/reports/report-words.ts';
import {
  breachReasonCounts,
  NO_REASON_LABEL,
  type AvailabilityRow,
  type ComplianceRow,
  type CustomerReportFigures,
  type ReportMetric,
} from '../../domain/reports/customer-report.ts';
import { formatPercent, type ReportLanguage } from '../../domain/reports/summary.ts';
import { barChartSvg, MAX_BARS, type ChartBar } from './charts.ts';
import { callout, CONTENT_WIDTH, document, heading, table } from './pdf-parts.ts';

const WORDS = {
  en: {
    ...REPORT_WORDS.en,
    meanBusiness: 'Mean (business)',
    p90Business: 'P90 (business)',
    meanCalendar: 'Mean (calendar)',
    p90Calendar: 'P90 (calendar)',
    timesIn: 'times in',
    lowest: (n: number, of: number) => `The chart shows the ${n} lowest of ${of}.`,
  },
  de: {
    ...REPORT_WORDS.de,
    meanBusiness: 'Mittel (Servicezeit)',
    p90Business: 'P90 (Servicezeit)',
    meanCalendar: 'Mittel (Kalenderzeit)',
    p90Calendar: 'P90 (Kalenderzeit)',
    timesIn: 'Zeiten in',
    lowest: (n: number, of: number) => `Das Diagramm zeigt die ${n} niedrigsten von ${of}.`,
  },
} as const;

type Words = (typeof WORDS)[ReportLanguage];

/** Availability with three decimals so that 99.49 % does not read as 99.5 %. */
const AVAILABILITY_DIGITS = 3;

const pct = (share: number | null, lang: ReportLanguage, digits = 1): string =>
  share === null ? '–' : formatPercent(share, lang, digits);

const localeOf = (lang: ReportLanguage): string => (lang === 'de' ? 'de-DE' : 'en-GB');

function when(ms: number, zone: string, lang: ReportLanguage): string {
  return new Intl.DateTimeFormat(localeOf(lang), {
    timeZone: zone,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(ms);
}

function duration(ms: number, lang: ReportLanguage): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const hours = lang === 'de' ? `${h} Std.` : `${h} h`;
  return m === 0 ? hours : `${hours} ${m} min`;
}

const yesNo = (v: boolean | null, w: Words): string => (v === null ? w.none : v ? w.yes : w.no);

function availabilityTable(rows: readonly AvailabilityRow[], w: Words, lang: ReportLanguage): Content {
  return table(
    [
      w.service,
      w.availability,
      w.target,
      w.achieved,
      w.downtime,
      w.maintenance,
      w.unknown,
      w.outages,
      w.budget,
    ],
    rows.map((a) => [
      a.name,
      pct(a.availability, lang, AVAILABILITY_DIGITS),
      pct(a.target, lang, AVAILABILITY_DIGITS),
      yesNo(a.achieved, w),
      duration(a.downMs, lang),
      duration(a.maintenanceMs, lang),
      duration(a.unknownMs, lang),
      String(a.outages),
      pct(a.errorBudgetUsed, lang),
    ]),
    w.noRows,
    // Nine columns fit the page only in smaller type.
    ['*', '*', '*', '*', '*', '*', '*', '*', '*'],
    7.5,
  );
}

function complianceTable(rows: readonly ComplianceRow[], w: Words, lang: ReportLanguage): Content {
  return table(
    [w.priority, w.target, w.met, w.breached, w.share, w.goal, w.achieved],
    rows.map((c) => [
      c.priority,
      w.metrics[c.metric],
      String(c.met),
      String(c.breached),
      pct(c.compliance, lang),
      pct(c.goal, lang),
      yesNo(c.achieved, w),
    ]),
    w.noRows,
  );
}

/** The availability chart of the services with a figure; with many services, the lowest ones. */
function availabilityChart(rows: readonly AvailabilityRow[], w: Words, lang: ReportLanguage): Content[] {
  const measured = rows.filter((a) => a.availability !== null);
  if (measured.length === 0) return [];
  const bars: ChartBar[] = [...measured]
    .sort((a, b) => (a.availability ?? 0) - (b.availability ?? 0) || a.name.localeCompare(b.name))
    .slice(0, MAX_BARS)
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((a) => ({ label: a.name, value: a.availability, target: a.target }));
  const svg = barChartSvg(bars, { value: w.availability, target: w.target }, CONTENT_WIDTH, (v) =>
    pct(v, lang, AVAILABILITY_DIGITS),
  );
  return [
    { svg, width: CONTENT_WIDTH, margin: [0, 0, 0, 6] },
    ...(measured.length > MAX_BARS ? [{ text: w.lowest(MAX_BARS, measured.length), style: 'small' }] : []),
  ];
}

function complianceChart(rows: readonly ComplianceRow[], w: Words, lang: ReportLanguage): Content[] {
  if (rows.length === 0) return [];
  const bars = rows.map((c) => ({
    label: `${c.priority} ${w.metrics[c.metric]}`,
    value: c.compliance,
    target: c.goal,
  }));
  const svg = barChartSvg(bars, { value: w.share, target: w.goal }, CONTENT_WIDTH, (v) => pct(v, lang));
  return [{ svg, width: CONTENT_WIDTH, margin: [0, 0, 0, 6] }];
}

/** The figures per SLA, when the customer has more than one SLA section. */
function slaSections(f: CustomerReportFigures, w: Words, lang: ReportLanguage): Content[] {
  if (f.slas.length < 2) return [];
  return f.slas.flatMap((s) => [
    heading(s.sla ? `${w.sla}: ${s.sla.name} (v${s.sla.version})` : w.noSlaSection),
    { text: `${w.goalNote}: ${pct(s.complianceGoal, lang)}`, style: 'meta' },
    heading(w.availability, 'h3'),
    availabilityTable(s.availability, w, lang),
    heading(w.compliance, 'h3'),
    complianceTable(s.compliance, w, lang),
  ]);
}

/** The breaches with their reason (and the staff note in a report that carries notes), then the count per reason. */
function breachParts(f: CustomerReportFigures, zone: string, w: Words, lang: ReportLanguage): Content[] {
  const withNotes = f.breaches.some((b) => b.note !== undefined);
  const list = table(
    [w.ticket, w.priority, w.target, w.due, w.stopped, w.reason, ...(withNotes ? [w.note] : [])],
    f.breaches.map((b) => [
      `#${b.number} ${b.title}`,
      b.priority,
      w.metrics[b.metric],
      b.dueAt === null ? w.none : when(b.dueAt, zone, lang),
      b.stoppedAt === null ? w.open : when(b.stoppedAt, zone, lang),
      (b.reason?.label ?? NO_REASON_LABEL)[lang],
      ...(withNotes ? [b.note ?? w.none] : []),
    ]),
    w.noBreaches,
    withNotes ? ['*', 36, 56, 70, 70, 70, '*'] : ['*', 40, 64, 80, 80, 90],
  );
  const reasons = f.breachReasons ?? breachReasonCounts(f.breaches);
  if (reasons.length === 0) return [list];
  return [
    list,
    heading(w.byReason, 'h3'),
    table(
      [w.reason, w.breaches],
      reasons.map((r) => [r.label[lang], String(r.count)]),
      w.noBreaches,
      ['*', 80],
    ),
  ];
}

function trendTable(report: CustomerReport, w: Words, lang: ReportLanguage): Content {
  const t = report.trend;
  const cell = (v: number | null, format: (v: number) => string): string => (v === null ? w.none : format(v));
  const rows = [
    ...t.availability.map((a) => [
      `${w.availability} ${a.name}`,
      ...a.values.map((v) => cell(v, (x) => pct(x, lang, AVAILABILITY_DIGITS))),
    ]),
    ...t.compliance.map((c) => [
      `${w.metrics[c.metric]} ${c.priority}`,
      ...c.values.map((v) => cell(v, (x) => pct(x, lang))),
    ]),
    [w.opened, ...t.counts.opened.map(String)],
    [w.resolved, ...t.counts.resolved.map(String)],
    [w.backlog, ...t.counts.backlog.map(String)],
  ];
  return table([w.figure, ...t.periods.map((p) => p.label[lang])], rows, w.noRows, [
    150,
    ...t.periods.map(() => '*'),
  ]);
}

/** The customer report as a pdfmake document in one language. */
export function reportDefinition(report: CustomerReport, lang: ReportLanguage): DocDefinition {
  const w = WORDS[lang];
  const f = report.figures;
  const zone = report.customer.timeZone;
  const period = report.period.label[lang];
  const sla = report.sla ? `${report.sla.name} (v${report.sla.version})` : w.noSla;
  const metric = (m: ReportMetric): string => w.metrics[m];
  const content: Content[] = [
    { text: `${w.title}: ${report.customer.name}`, style: 'title' },
    { text: `${w.period}: ${period} · ${w.sla}: ${sla}`, style: 'meta' },
    callout(f.summary[lang]),
    heading(w.availability),
    ...availabilityChart(f.availability, w, lang),
    availabilityTable(f.availability, w, lang),
    heading(w.compliance),
    ...complianceChart(f.compliance, w, lang),
    complianceTable(f.compliance, w, lang),
    heading(w.times),
    table(
      [w.priority, w.target, w.count, w.meanBusiness, w.p90Business, w.meanCalendar, w.p90Calendar],
      f.times.map((t) => [
        t.priority === 'all' ? w.all : t.priority,
        metric(t.metric),
        String(t.count),
        duration(t.meanBusinessMs, lang),
        duration(t.p90BusinessMs, lang),
        duration(t.meanCalendarMs, lang),
        duration(t.p90CalendarMs, lang),
      ]),
      w.noRows,
    ),
    heading(w.tickets),
    table(
      [w.opened, w.resolved, w.backlog],
      [[String(f.counts.opened), String(f.counts.resolved), String(f.counts.backlog)]],
      w.noRows,
    ),
    heading(w.breaches),
    ...breachParts(f, zone, w, lang),
    heading(w.credits),
    table(
      [w.service, w.availability, w.credit],
      f.credits.map((c) => [c.name, pct(c.availability, lang, AVAILABILITY_DIGITS), `${c.creditPercent} %`]),
      w.noCredits,
    ),
    ...slaSections(f, w, lang),
    heading(w.trend),
    trendTable(report, w, lang),
  ];
  return document(
    `${w.title} ${report.customer.name} ${period}`,
    content,
    `${report.customer.name} · ${period} · ${w.generated}: ${when(report.generatedAt, zone, lang)} (${w.timesIn} ${zone})`,
    lang,
  );
}
