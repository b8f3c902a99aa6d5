import { z } from 'zod';
import { customerReport, type CustomerReport } from '../../app/reports/customer-report.use-cases.ts';
import { REPORT_LANGUAGES, type ReportLanguage } from '../../domain/reports/summary.ts';
import { parseInstant } from '../../domain/shared/time.ts';
import type { HttpDeps, RouteApp } from '../app.ts';
import { renderReportPage } from '../pages/report-page.ts';
import { actorOf } from '../plugins/auth.ts';
import { errorResponses, idParams, instant, iso, isoOrNull } from './common.ts';

const reportQuery = z.object({
  month: z.string().max(7).optional().describe("YYYY-MM in the customer's time zone; default: this month"),
  from: z.string().max(40).optional().describe('Start of a custom range (ISO 8601 with offset)'),
  to: z.string().max(40).optional().describe('End of a custom range, exclusive (ISO 8601 with offset)'),
  lang: z
    .enum(REPORT_LANGUAGES)
    .optional()
    .describe("Language of the summary and page; default: the customer's"),
});
type ReportQueryText = z.infer<typeof reportQuery>;

const metric = z.enum(['first_response', 'resolution']);

const reportSchema = z.object({
  customer: z.object({ id: z.string(), name: z.string(), timeZone: z.string() }),
  month: z.string().nullable().describe('Null for a custom range'),
  from: instant,
  to: instant,
  generatedAt: instant,
  lang: z.enum(REPORT_LANGUAGES),
  sla: z.object({ id: z.string(), name: z.string(), version: z.number().int() }).nullable(),
  summary: z.string().describe('In the language asked for'),
  summaries: z.object({ de: z.string(), en: z.string() }),
  availability: z.array(
    z.object({
      serviceId: z.string(),
      name: z.string(),
      target: z.number().nullable(),
      availability: z.number().nullable(),
      achieved: z.boolean().nullable(),
      upMs: z.number().int(),
      downMs: z.number().int(),
      maintenanceMs: z.number().int(),
      unknownMs: z.number().int(),
      outages: z.number().int(),
      errorBudgetUsed: z.number().nullable().describe('1 = the whole budget of the period spent'),
    }),
  ),
  compliance: z
    .array(
      z.object({
        priority: z.string(),
        metric,
        met: z.number().int(),
        breached: z.number().int(),
        compliance: z.number(),
        goal: z.number(),
        achieved: z.boolean(),
      }),
    )
    .describe(
      'Clocks whose outcome fell in the period: met when stopped in time, breached when their due instant passed',
    ),
  times: z
    .array(
      z.object({
        priority: z.string().describe('A priority, or "all"'),
        metric,
        count: z.number().int(),
        meanBusinessMs: z.number().int(),
        p90BusinessMs: z.number().int(),
        meanCalendarMs: z.number().int(),
        p90CalendarMs: z.number().int(),
      }),
    )
    .describe('Of the clocks stopped in the period; calendar time from the ticket’s creation to the stop'),
  counts: z.object({ opened: z.number().int(), resolved: z.number().int(), backlog: z.number().int() }),
  breaches: z.array(
    z.object({
      ticketId: z.string(),
      number: z.number().int(),
      title: z.string(),
      priority: z.string(),
      metric,
      dueAt: instant.nullable(),
      breachedAt: instant,
      stoppedAt: instant.nullable(),
    }),
  ),
  credits: z.array(
    z.object({
      serviceId: z.string(),
      name: z.string(),
      availability: z.number(),
      creditPercent: z.number(),
    }),
  ),
});

function presentReport(r: CustomerReport, lang: ReportLanguage): z.infer<typeof reportSchema> {
  const f = r.figures;
  return {
    customer: { id: r.customer.id, name: r.customer.name, timeZone: r.customer.timeZone },
    month: r.month,
    from: iso(f.period.start),
    to: iso(f.period.end),
    generatedAt: iso(r.generatedAt),
    lang,
    sla: r.sla,
    summary: f.summary[lang],
    summaries: f.summary,
    availability: f.availability.map((a) => ({ ...a })),
    compliance: f.compliance.map((c) => ({ ...c })),
    times: f.times.map((t) => ({ ...t })),
    counts: f.counts,
    breaches: f.breaches.map((b) => ({
      ...b,
      dueAt: isoOrNull(b.dueAt),
      breachedAt: iso(b.breachedAt),
      stoppedAt: isoOrNull(b.stoppedAt),
    })),
    credits: f.credits.map((c) => ({ ...c })),
  };
}

type Cell = string | number | boolean | null;

const csvCell = (v: Cell): string => {
  const text = v === null ? '' : String(v);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** One section per table: its name on a line of its own, a header row, the rows, then a blank line. */
function reportCsv(r: CustomerReport): string {
  const f = r.figures;
  const out: string[] = [];
  const section = (name: string, header: readonly string[], rows: readonly (readonly Cell[])[]): void => {
    out.push(name, header.join(','), ...rows.map((row) => row.map(csvCell).join(',')), '');
  };
  section(
    'report',
    ['customer', 'from', 'to', 'month', 'summary_en', 'summary_de'],
    [[r.customer.name, iso(f.period.start), iso(f.period.end), r.month, f.summary.en, f.summary.de]],
  );
  section(
    'availability',
    [
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
    ],
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
    ['ticket_id', 'number', 'title', 'priority', 'metric', 'due_at', 'breached_at', 'stopped_at'],
    f.breaches.map((b) => [
      b.ticketId,
      b.number,
      b.title,
      b.priority,
      b.metric,
      isoOrNull(b.dueAt),
      iso(b.breachedAt),
      isoOrNull(b.stoppedAt),
    ]),
  );
  section(
    'credits',
    ['service_id', 'service', 'availability', 'credit_percent'],
    f.credits.map((c) => [c.serviceId, c.name, c.availability, c.creditPercent]),
  );
  return `${out.join('\r\n')}`;
}

const period = (q: ReportQueryText) => ({
  ...(q.month !== undefined ? { month: q.month } : {}),
  ...(q.from !== undefined ? { from: parseInstant(q.from, 'from') } : {}),
  ...(q.to !== undefined ? { to: parseInstant(q.to, 'to') } : {}),
});

export function registerReportRoutes(app: RouteApp, { ctx }: HttpDeps): void {
  const build = async (
    request: { params: { id: string }; query: ReportQueryText },
    actor: ReturnType<typeof actorOf>,
  ): Promise<{ report: CustomerReport; lang: ReportLanguage }> => {
    const report = await customerReport(ctx, actor, request.params.id, period(request.query));
    return { report, lang: request.query.lang ?? report.customer.locale };
  };

  app.get(
    '/api/v1/customers/:id/report',
    {
      schema: {
        tags: ['reports'],
        summary:
          "A customer's report for a month (in its time zone) or a range: availability, ticket compliance, times, breaches, credits",
        params: idParams,
        querystring: reportQuery,
        response: { 200: reportSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { report, lang } = await build(request, actorOf(request));
      return presentReport(report, lang);
    },
  );

  app.get(
    '/api/v1/customers/:id/report.csv',
    {
      schema: {
        tags: ['reports'],
        summary: 'The same report as CSV: one section per table, each with a header row, numbers unformatted',
        params: idParams,
        querystring: reportQuery,
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const { report } = await build(request, actorOf(request));
      const name = `report-${report.month ?? 'range'}.csv`;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(reportCsv(report));
    },
  );

  app.get(
    '/api/v1/customers/:id/report.html',
    {
      schema: {
        tags: ['reports'],
        summary: 'The same report as a printable page in the customer’s language',
        params: idParams,
        querystring: reportQuery,
        produces: ['text/html'],
      },
    },
    async (request, reply) => {
      const { report, lang } = await build(request, actorOf(request));
      return reply.type('text/html; charset=utf-8').send(renderReportPage(report, lang));
    },
  );
}
