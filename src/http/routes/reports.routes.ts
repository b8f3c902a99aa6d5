import { z } from 'zod';
import { customerReport, type CustomerReport } from '../../app/reports/customer-report.use-cases.ts';
import { REPORT_LANGUAGES, type ReportLanguage } from '../../domain/reports/summary.ts';
import type { HttpDeps, RouteApp } from '../app.ts';
import { renderReportPage } from '../pages/report-page.ts';
import { actorOf } from '../plugins/auth.ts';
import { errorResponses, idParams } from './common.ts';
import { csvName, reportCsv } from './reports-csv.ts';
import { registerIssuedReportRoutes } from './reports-issued.routes.ts';
import { presentReport, reportSchema } from './reports-schemas.routes.ts';

const reportQuery = z.object({
  period: z
    .string()
    .max(100)
    .optional()
    .describe(
      "2026-03 (month), 2026-Q3 (quarter), 2026 (year) or 2026-03-01..2026-03-15 (dates, both included), in the customer's time zone; default: this month",
    ),
  month: z
    .string()
    .max(7)
    .optional()
    .describe("YYYY-MM in the customer's time zone (same as period=YYYY-MM)"),
  from: z
    .string()
    .max(40)
    .optional()
    .describe("Start of a custom range: an ISO date in the customer's time zone or an instant with offset"),
  to: z
    .string()
    .max(40)
    .optional()
    .describe('End of a custom range: an ISO date (that day included) or an instant with offset (excluded)'),
  lang: z
    .enum(REPORT_LANGUAGES)
    .optional()
    .describe("Language of the summary, period name and page; default: the customer's"),
  notes: z
    .enum(['true', 'false'])
    .optional()
    .describe(
      "true: each breach also carries the staff note on its reason (staff only; a customer's token never gets notes)",
    ),
});
type ReportQueryText = z.infer<typeof reportQuery>;

const query = (q: ReportQueryText) => ({
  ...(q.period !== undefined ? { period: q.period } : {}),
  ...(q.month !== undefined ? { month: q.month } : {}),
  ...(q.from !== undefined ? { from: q.from } : {}),
  ...(q.to !== undefined ? { to: q.to } : {}),
  notes: q.notes === 'true',
});

export function registerReportRoutes(app: RouteApp, deps: HttpDeps): void {
  const { ctx } = deps;
  const build = async (
    request: { params: { id: string }; query: ReportQueryText },
    actor: ReturnType<typeof actorOf>,
  ): Promise<{ report: CustomerReport; lang: ReportLanguage }> => {
    const report = await customerReport(ctx, actor, request.params.id, query(request.query));
    return { report, lang: request.query.lang ?? report.customer.locale };
  };

  app.get(
    '/api/v1/customers/:id/report',
    {
      schema: {
        tags: ['reports'],
        summary:
          "A customer's report for a month, quarter or year (in its time zone) or a range: availability, ticket compliance, times, breaches, credits, per SLA, with the trend",
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
      const { report, lang } = await build(request, actorOf(request));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${csvName(report)}"`)
        .send(reportCsv(report, lang));
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

  registerIssuedReportRoutes(app, deps);
}
