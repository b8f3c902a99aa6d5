// The printable documents: the customer report, the SLA document and the staff quick reference as PDF. Built
// in src/main and kept in the app context, so that http routes and a future delivery worker render alike.
import type { DocumentLanguage, QuickReferenceModel, SlaDocumentModel } from '../documents/document-model.ts';
import type { CustomerReport } from '../reports/customer-report.use-cases.ts';

export interface DocumentRenderer {
  /** The customer report with its charts. */
  reportPdf(report: CustomerReport, lang: DocumentLanguage): Promise<Uint8Array>;
  /** The agreement of one SLA version, with a signatures block. */
  slaDocumentPdf(model: SlaDocumentModel, lang: DocumentLanguage): Promise<Uint8Array>;
  /** One page for staff. */
  quickReferencePdf(model: QuickReferenceModel, lang: DocumentLanguage): Promise<Uint8Array>;
}
