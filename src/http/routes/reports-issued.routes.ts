// Issued reports: issue (freeze) a customer's report of a period, list them, download one in each format, and
// compare one with its period computed again.
import { z } from 'zod';
import {
  diffIssuedReport,
  getIssuedReport,
  issueReport,
  listIssuedReports,
  type IssuedReport,
} from '../../app/reports/issued-reports.use-cases.ts';
import type { IssuedReportSummary } from '../../app/reports/reports.repository.ts';
import { pageRequest } from '../../app/pagination.ts';
import { REPORT_LANGUAGES } from '../../domain/reports/summary.ts';
import type { HttpDeps, RouteApp } from '../app.ts';
import { renderReportPage } from '../pages/report-page.ts';
import { actorOf } from '../plugins/auth.ts';
import { errorResponses, idParams, instant, iso, pageOf, pageQuery } from './common.ts';
import { reportCsv } from './reports-csv.ts';
import { presentReport, reportSchema } from './reports-schemas.routes.ts';

const issuedSummary = z.object({
  id: z.string(),
  customerId: z.string(),
  period: z.object({
    kind: z.enum(['month', 'quarter', 'year', 'range']),
    key: z.string(),
    from: instant,
    to: instant,
  }),
  revision: z.number().int().describe('1 for the first issue of the period, then 2, 3 … for reissues'),
  lang: z.enum(REPORT_LANGUAGES),
  issuedAt: instant,
  issuedByUserId: z.string().nullable(),
  issuedByTokenId: z.string().nullable(),
});

const issuedSchema = issuedSummary.extend({
  report: reportSchema.describe(
    'The report as it was computed when issued, in the language it was issued in',
  ),
});

const issueBody = z.object({
  customerId: z.string().min(1).max(100),
  period: z.string().min(1).max(100).describe('2026-03, 2026-Q3, 2026 or 2026-03-01..2026-03-15'),
  lang: z.enum(REPORT_LANGUAGES).optional().describe("Default: the customer's language"),
  reissue: z
    .boolean()
    .optional()
    .describe('Store a new revision although the closed period was issued before'),
});

const figureValue = z.union([z.number(), z.boolean(), z.null()]);
const diffSchema = z.object({
  id: z.string(),
  issuedAt: instant,
  recomputedAt: instant,
  changed: z.boolean(),
  differences: z.array(
    z.object({
      figure: z
        .string()
        .describe('e.g. compliance.P2.resolution.compliance or availability.<serviceId>.downMs'),
      old: figureValue,
      new: figureValue,
      reason: z
        .enum(['late_events', 'corrected_monitoring_data', 'sla_changed', 'recalculated'])
        .describe('The likeliest reason the figure changed'),
    }),
  ),
  lateTickets: z
    .array(z.number().int())
    .describe('Tickets (numbers) with events in the period recorded later'),
  outagesRecordedLater: z.number().int(),
  slaChanged: z.boolean(),
});

const listQuery = z.object({
  ...pageQuery,
  customerId: z.string().max(100).optional(),
  period: z.string().max(100).optional().describe('A period key such as 2026-03'),
});

function presentSummary(r: IssuedReportSummary): z.infer<typeof issuedSummary> {
  return {
    id: r.id,
    customerId: r.customerId,
    period: { kind: r.periodKind, key: r.periodKey, from: iso(r.periodStart), to: iso(r.periodEnd) },
    revision: r.revision,
    lang: r.lang,
    issuedAt: iso(r.issuedAt),
    issuedByUserId: r.issuedByUserId,
    issuedByTokenId: r.issuedByTokenId,
  };
}

const presentIssued = (r: IssuedReport): z.infer<typeof issuedSchema> => ({
  ...presentSummary(r),
  report: presentReport(r.report, r.lang),
});

export function registerIssuedReportRoutes(app: RouteApp, { ctx }: HttpDeps): void {
  app.post(
    '/api/v1/reports',
    {
      schema: {
        tags: ['reports'],
        summary:
          "Issue a customer's report of a period: computed now and stored as issued. A closed period is issued once; again answers the stored one (200) unless reissue is set",
        body: issueBody,
        response: { 200: issuedSchema, 201: issuedSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { report, created } = await issueReport(ctx, actorOf(request), request.body);
      return reply.status(created ? 201 : 200).send(presentIssued(report));
    },
  );

  app.get(
    '/api/v1/reports',
    {
      schema: {
        tags: ['reports'],
        summary: 'Issued reports, newest first; a customer viewer sees its own customer’s only',
        querystring: listQuery,
        response: { 200: pageOf(issuedSummary), ...errorResponses },
      },
    },
    async (request) => {
      const { limit, offset, customerId, period } = request.query;
      const page = await listIssuedReports(
        ctx,
        actorOf(request),
        { ...(customerId !== undefined ? { customerId } : {}), ...(period !== undefined ? { period } : {}) },
        pageRequest(limit, offset),
      );
      return { ...page, items: page.items.map(presentSummary) };
    },
  );

  app.get(
    '/api/v1/reports/:id',
    {
      schema: {
        tags: ['reports'],
        summary: 'An issued report with its figures as they were when issued',
        params: idParams,
        response: { 200: issuedSchema, ...errorResponses },
      },
    },
    async (request) => presentIssued(await getIssuedReport(ctx, actorOf(request), request.params.id)),
  );

  app.get(
    '/api/v1/reports/:id.csv',
    {
      schema: {
        tags: ['reports'],
        summary: 'An issued report as CSV',
        params: idParams,
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const issued = await getIssuedReport(ctx, actorOf(request), request.params.id);
      const name = `report-${issued.periodKey.replace(/[^0-9A-Za-z-]+/g, '_')}-r${issued.revision}.csv`;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(reportCsv(issued.report, issued.lang));
    },
  );

  app.get(
    '/api/v1/reports/:id.html',
    {
      schema: {
        tags: ['reports'],
        summary: 'An issued report as a printable page in the language it was issued in',
        params: idParams,
        produces: ['text/html'],
      },
    },
    async (request, reply) => {
      const issued = await getIssuedReport(ctx, actorOf(request), request.params.id);
      return reply.type('text/html; charset=utf-8').send(
        renderReportPage(issued.report, issued.lang, {
          issuedAt: issued.issuedAt,
          revision: issued.revision,
        }),
      );
    },
  );

  app.get(
    '/api/v1/reports/:id/diff',
    {
      schema: {
        tags: ['reports'],
        summary:
          'Computes the issued report’s period again and lists the figures that differ, old → new, with a reason hint',
        params: idParams,
        response: { 200: diffSchema, ...errorResponses },
      },
    },
    async (request) => {
      const d = await diffIssuedReport(ctx, actorOf(request), request.params.id);
      return {
        id: d.issued.id,
        issuedAt: iso(d.issued.issuedAt),
        recomputedAt: iso(d.recomputedAt),
        changed: d.differences.length > 0,
        differences: d.differences.map((x) => ({ ...x })),
        lateTickets: [...d.lateTickets],
        outagesRecordedLater: d.outagesRecordedLater,
        slaChanged: d.slaChanged,
      };
    },
  );
}
