// Printable documents: the customer report as PDF, the SLA document and the staff quick reference.
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { DOCUMENT_LANGUAGES } from '../../app/documents/document-model.ts';
import { customerReportPdf } from '../../app/documents/report-pdf.use-cases.ts';
import {
  quickReferenceModel,
  quickReferencePdf,
  slaDocumentPdf,
  type RenderedDocument,
  type SlaDocumentQuery,
} from '../../app/documents/sla-document.use-cases.ts';
import type { HttpDeps, RouteApp } from '../app.ts';
import { renderQuickReferencePage } from '../pages/quick-reference-page.ts';
import { actorOf } from '../plugins/auth.ts';
import { idParams } from './common.ts';
import { versionParams } from './slas-schemas.routes.ts';

const lang = z.enum(DOCUMENT_LANGUAGES).optional();

const reportPdfQuery = z.object({
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
    .describe('Start of a custom range: an ISO date or an instant with offset'),
  to: z
    .string()
    .max(40)
    .optional()
    .describe('End of a custom range: an ISO date (included) or an instant (excluded)'),
  lang: lang.describe("Language of the document; default: the customer's"),
});

const documentQuery = z.object({
  lang: lang.describe("Language of the document; default: the only customer's, else the company's"),
  customerId: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe('Only this customer among the parties (one agreement per customer); the version must cover it'),
  year: z.coerce
    .number()
    .int()
    .min(1970)
    .max(2299)
    .optional()
    .describe('Year whose holidays are listed; default: this year'),
});

const quickReferenceQuery = documentQuery.extend({
  format: z
    .enum(['html', 'pdf'])
    .optional()
    .describe('html (default, printable page without script) or pdf (one page)'),
});

const docQuery = (q: z.infer<typeof documentQuery>): SlaDocumentQuery => ({
  ...(q.lang !== undefined ? { lang: q.lang } : {}),
  ...(q.customerId !== undefined ? { customerId: q.customerId } : {}),
  ...(q.year !== undefined ? { year: q.year } : {}),
});

/** A PDF shown in the browser, saved under its file name. */
const sendPdf = (reply: FastifyReply, doc: RenderedDocument): FastifyReply =>
  reply
    .type('application/pdf')
    .header('content-disposition', `inline; filename="${doc.fileName}"`)
    .header('content-language', doc.lang)
    .send(Buffer.from(doc.bytes));

export function registerDocumentRoutes(app: RouteApp, { ctx }: HttpDeps): void {
  app.get(
    '/api/v1/customers/:id/report.pdf',
    {
      schema: {
        tags: ['reports'],
        summary: "A customer's report as PDF with its charts, in the customer's language or `lang`",
        params: idParams,
        querystring: reportPdfQuery,
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => {
      const { lang: language, ...period } = request.query;
      const doc = await customerReportPdf(ctx, actorOf(request), request.params.id, period, language);
      return sendPdf(reply, doc);
    },
  );

  app.get(
    '/api/v1/slas/:id/versions/:v/document',
    {
      schema: {
        tags: ['slas'],
        summary:
          'The printable agreement of an SLA version as PDF: parties, services and impact, service hours and holidays, targets, how they are measured, escalation, review, credits, signatures',
        params: versionParams,
        querystring: documentQuery,
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => {
      const doc = await slaDocumentPdf(
        ctx,
        actorOf(request),
        request.params.id,
        request.params.v,
        docQuery(request.query),
      );
      return sendPdf(reply, doc);
    },
  );

  app.get(
    '/api/v1/slas/:id/versions/:v/quick-reference',
    {
      schema: {
        tags: ['slas'],
        summary:
          'One page for staff (agents and up): what is covered, service hours, targets, what pauses a clock, the escalation path, whom to call',
        params: versionParams,
        querystring: quickReferenceQuery,
        produces: ['text/html', 'application/pdf'],
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id, v } = request.params;
      if (request.query.format === 'pdf')
        return sendPdf(reply, await quickReferencePdf(ctx, actor, id, v, docQuery(request.query)));
      const { model, lang: language } = await quickReferenceModel(ctx, actor, id, v, docQuery(request.query));
      return reply
        .type('text/html; charset=utf-8')
        .header('content-language', language)
        .send(renderQuickReferencePage(model, language));
    },
  );
}
