// The customer report as PDF: the report use case's model, laid out by the document renderer.
import type { Actor } from '../actor.ts';
import type { AppContext } from '../context.ts';
import { customerReport, type ReportQuery } from '../reports/customer-report.use-cases.ts';
import type { DocumentLanguage } from './document-model.ts';
import { documentRenderer, fileSlug, type RenderedDocument } from './sla-document.use-cases.ts';

/**
 * A customer's report for a period as PDF with its charts, in `lang` or the customer's language. Scoped
 * like the report: customer viewers get their own customer only.
 * @throws DomainError CUSTOMER_NOT_FOUND, PERIOD_INVALID, INSTANT_INVALID, DOCUMENTS_UNAVAILABLE
 */
export async function customerReportPdf(
  ctx: AppContext,
  actor: Actor,
  customerId: string,
  query: ReportQuery,
  lang?: DocumentLanguage,
): Promise<RenderedDocument> {
  const renderer = documentRenderer(ctx);
  const report = await customerReport(ctx, actor, customerId, query);
  const language = lang ?? report.customer.locale;
  const period = report.period.kind === 'range' ? 'range' : report.period.key;
  return {
    bytes: await renderer.reportPdf(report, language),
    fileName: `report-${fileSlug(report.customer.name)}-${period}-${language}.pdf`,
    lang: language,
  };
}
