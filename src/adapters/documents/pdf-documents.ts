// The DocumentRenderer port with pdfmake (layout, fonts) and echarts (charts as SVG, drawn server-side):
// npm packages only, so PDFs work on a fresh machine after `npm install`.
import type { DocumentRenderer } from '../../app/ports/documents.ts';

let engine: Promise<DocumentRenderer> | undefined;

/** pdfmake and echarts take over a second to load: only a process that renders a document pays for it. */
const load = (): Promise<DocumentRenderer> => (engine ??= import('./pdf-render.ts'));

/** The renderer src/main puts into the app context. */
export function pdfDocuments(): DocumentRenderer {
  return {
    reportPdf: async (report, lang) => (await load()).reportPdf(report, lang),
    slaDocumentPdf: async (model, lang) => (await load()).slaDocumentPdf(model, lang),
    quickReferencePdf: async (model, lang) => (await load()).quickReferencePdf(model, lang),
  };
}
