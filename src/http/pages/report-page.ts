// A customer's report as one self-contained printable page: inline CSS, no script, in the customer's language.
import type { CustomerReport } from '../../app/reports/customer-report.use-cases.ts';
import { REPORT_WORDS } from '../../app/reports/report-words.ts';
import {
  breachReasonCounts,
  NO_REASON_LABEL,
  type AvailabilityRow,
  type ComplianceRow,
  type ReportMetric,
} from '../../domain/reports/customer-report.ts';
import { formatPercent, type ReportLanguage } from '../../domain/reports/summary.ts';

const WORDS = {
  en: {
    ...REPORT_WORDS.en,
    metric: 'Target',
    meanBusiness: 'Mean (business time)',
    p90Business: '90th percentile (business time)',
    meanCalendar: 'Mean (calendar time)',
    p90Calendar: '90th percentile (calendar time)',
    times_in: 'Times in',
    slaSection: 'SLA',
    issued: 'Issued',
    revision: 'revision',
  },
  de: {
    ...REPORT_WORDS.de,
    metric: 'Ziel',
    meanBusiness: 'Mittel (Servicezeit)',
    p90Business: '90. Perzentil (Servicezeit)',
    meanCalendar: 'Mittel (Kalenderzeit)',
    p90Calendar: '90. Perzentil (Kalenderzeit)',
    times_in: 'Zeiten in',
    slaSection: 'SLA',
    issued: 'Ausgestellt',
    revision: 'Revision',
  },
} as const;

type Words = (typeof WORDS)[ReportLanguage];

const escape = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

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
  return lang === 'de' ? `${h} Std. ${m} min` : `${h} h ${m} min`;
}

const pct = (share: number | null, lang: ReportLanguage, digits = 1): string =>
  share === null ? '–' : formatPercent(share, lang, digits);

function table(headers: readonly string[], rows: readonly (readonly string[])[], empty: string): string {
  if (rows.length === 0) return `<p class="empty">${escape(empty)}</p>`;
  const head = headers.map((h) => `<th>${escape(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${escape(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function availabilityTable(rows: readonly AvailabilityRow[], w: Words, lang: ReportLanguage): string {
  const yesNo = (v: boolean | null): string => (v === null ? w.none : v ? w.yes : w.no);
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
      pct(a.availability, lang, 3),
      pct(a.target, lang, 3),
      yesNo(a.achieved),
      duration(a.downMs, lang),
      duration(a.maintenanceMs, lang),
      duration(a.unknownMs, lang),
      String(a.outages),
      pct(a.errorBudgetUsed, lang),
    ]),
    w.noRows,
  );
}

function complianceTable(rows: readonly ComplianceRow[], w: Words, lang: ReportLanguage): string {
  const yesNo = (v: boolean): string => (v ? w.yes : w.no);
  return table(
    [w.priority, w.metric, w.met, w.breached, w.share, w.goal, w.achieved],
    rows.map((c) => [
      c.priority,
      w.metrics[c.metric],
      String(c.met),
      String(c.breached),
      pct(c.compliance, lang),
      pct(c.goal, lang),
      yesNo(c.achieved),
    ]),
    w.noRows,
  );
}

/** Availability and compliance once per SLA covering the customer, or once overall without SLA sections. */
function slaParts(report: CustomerReport, w: Words, lang: ReportLanguage): string {
  const f = report.figures;
  if (f.slas.length === 0) {
    return [
      `<section><h2>${w.availability}</h2>${availabilityTable(f.availability, w, lang)}</section>`,
      `<section><h2>${w.compliance}</h2>${complianceTable(f.compliance, w, lang)}</section>`,
    ].join('\n');
  }
  return f.slas
    .map((s) => {
      const name = s.sla ? `${w.slaSection}: ${s.sla.name} (v${s.sla.version})` : w.noSlaSection;
      return `<section class="sla"><h2>${escape(name)}</h2>
<h3>${w.availability}</h3>${availabilityTable(s.availability, w, lang)}
<h3>${w.compliance}</h3><p class="meta">${w.goalNote}: ${escape(pct(s.complianceGoal, lang))}</p>${complianceTable(s.compliance, w, lang)}</section>`;
    })
    .join('\n');
}

const SPARK_W = 90;
const SPARK_H = 22;

/** A small line of the values (nulls left out), drawn inline so the page needs no script or image. */
function sparkline(values: readonly (number | null)[]): string {
  const points = values.flatMap((v, i) => (v === null ? [] : [{ i, v }]));
  if (points.length === 0) return '';
  const min = Math.min(...points.map((p) => p.v));
  const max = Math.max(...points.map((p) => p.v));
  const step = values.length > 1 ? (SPARK_W - 4) / (values.length - 1) : 0;
  const y = (v: number): number =>
    max === min ? SPARK_H / 2 : SPARK_H - 2 - ((v - min) / (max - min)) * (SPARK_H - 4);
  const xy = points.map((p) => `${(2 + p.i * step).toFixed(1)},${y(p.v).toFixed(1)}`);
  const last = xy[xy.length - 1]?.split(',') ?? ['0', '0'];
  return `<svg class="spark" width="${SPARK_W}" height="${SPARK_H}" viewBox="0 0 ${SPARK_W} ${SPARK_H}" role="img" aria-hidden="true"><polyline fill="none" stroke="#4c6ef5" stroke-width="1.5" points="${xy.join(' ')}"/><circle cx="${last[0]}" cy="${last[1]}" r="2" fill="#4c6ef5"/></svg>`;
}

/** The key figures of this period and the ones before it, one row each with a sparkline. */
function trendSection(report: CustomerReport, w: Words, lang: ReportLanguage): string {
  const t = report.trend;
  const head = [w.figure, ...t.periods.map((p) => p.label[lang]), ''];
  const row = (label: string, values: readonly (number | null)[], format: (v: number) => string): string =>
    `<tr><td>${escape(label)}</td>${values.map((v) => `<td>${escape(v === null ? w.none : format(v))}</td>`).join('')}<td>${sparkline(values)}</td></tr>`;
  const rows = [
    ...t.availability.map((a) => row(`${w.availability} ${a.name}`, a.values, (v) => pct(v, lang, 3))),
    ...t.compliance.map((c) => row(`${w.metrics[c.metric]} ${c.priority}`, c.values, (v) => pct(v, lang))),
    row(w.opened, t.counts.opened, String),
    row(w.resolved, t.counts.resolved, String),
    row(w.backlog, t.counts.backlog, String),
  ];
  return `<section><h2>${w.trend}</h2><table class="trend"><thead><tr>${head.map((h) => `<th>${escape(h)}</th>`).join('')}</tr></thead><tbody>
${rows.join('\n')}
</tbody></table></section>`;
}

function sections(report: CustomerReport, w: Words, lang: ReportLanguage): string {
  const f = report.figures;
  const zone = report.customer.timeZone;
  const metric = (m: ReportMetric): string => w.metrics[m];
  const times = table(
    [w.priority, w.metric, w.count, w.meanBusiness, w.p90Business, w.meanCalendar, w.p90Calendar],
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
  );
  const counts = table(
    [w.opened, w.resolved, w.backlog],
    [[String(f.counts.opened), String(f.counts.resolved), String(f.counts.backlog)]],
    w.noRows,
  );
  // The note column appears only in a report that carries notes (staff asked for them).
  const withNotes = f.breaches.some((b) => b.note !== undefined);
  const breaches = table(
    [w.ticket, w.priority, w.metric, w.due, w.stopped, w.reason, ...(withNotes ? [w.note] : [])],
    f.breaches.map((b) => [
      `#${b.number} ${b.title}`,
      b.priority,
      metric(b.metric),
      b.dueAt === null ? w.none : when(b.dueAt, zone, lang),
      b.stoppedAt === null ? w.open : when(b.stoppedAt, zone, lang),
      (b.reason?.label ?? NO_REASON_LABEL)[lang],
      ...(withNotes ? [b.note ?? w.none] : []),
    ]),
    w.noBreaches,
  );
  const reasons = f.breachReasons ?? breachReasonCounts(f.breaches);
  const byReason =
    reasons.length === 0
      ? ''
      : `<h3>${w.byReason}</h3>${table(
          [w.reason, w.breaches],
          reasons.map((r) => [r.label[lang], String(r.count)]),
          w.noBreaches,
        )}`;
  const credits = table(
    [w.service, w.availability, w.credit],
    f.credits.map((c) => [c.name, pct(c.availability, lang, 3), `${c.creditPercent} %`]),
    w.noCredits,
  );
  return [
    slaParts(report, w, lang),
    `<section><h2>${w.times}</h2>${times}</section>`,
    `<section><h2>${w.tickets}</h2>${counts}</section>`,
    `<section><h2>${w.breaches}</h2>${breaches}${byReason}</section>`,
    `<section><h2>${w.credits}</h2>${credits}</section>`,
    trendSection(report, w, lang),
  ].join('\n');
}

/**
 * The printable report page: summary first, then availability and compliance per SLA, times, counts,
 * breaches, credits and the trend. An issued report says when it was issued and its revision.
 */
export function renderReportPage(
  report: CustomerReport,
  lang: ReportLanguage,
  issued?: { readonly issuedAt: number; readonly revision: number },
): string {
  const w = WORDS[lang];
  const zone = report.customer.timeZone;
  const period = report.period.label[lang];
  const sla = report.sla ? `${report.sla.name} (v${report.sla.version})` : w.noSla;
  const issuedNote = issued
    ? ` · ${w.issued}: ${when(issued.issuedAt, zone, lang)} (${w.revision} ${issued.revision})`
    : '';
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escape(`${w.title} ${report.customer.name} ${period}`)}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#fff;color:#212529}
main{max-width:960px;margin:0 auto;padding:24px 16px}
h1{font-size:1.6rem;margin:0 0 4px}
h2{font-size:1.1rem;margin:28px 0 8px}
h3{font-size:1rem;margin:16px 0 6px}
.spark{vertical-align:middle}
.meta{color:#6c757d;margin:0 0 16px}
.summary{font-size:1.1rem;background:#f1f3f5;border-left:4px solid #4c6ef5;padding:12px 16px;margin:16px 0}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border-bottom:1px solid #dee2e6;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#f8f9fa}
.empty{color:#6c757d}
footer{margin-top:32px;font-size:.8rem;color:#6c757d}
@media print{main{max-width:none;padding:0}section{break-inside:avoid}.summary{border-left-color:#000}}
</style>
</head>
<body>
<main>
<h1>${escape(w.title)}: ${escape(report.customer.name)}</h1>
<p class="meta">${w.period}: ${escape(period)} · ${w.sla}: ${escape(sla)}${issuedNote}</p>
<p class="summary">${escape(report.figures.summary[lang])}</p>
${sections(report, w, lang)}
<footer>${w.generated}: ${when(report.generatedAt, zone, lang)} · ${w.times_in} ${escape(zone)}</footer>
</main>
</body>
</html>
`;
}
