// pdfmake set up once (fonts, access policies) and the three documents rendered with it.
import { createRequire } from 'node:module';
import path from 'node:path';
import pdfmake, { type DocDefinition } from 'pdfmake';
import type { DocumentRenderer } from '../../app/ports/documents.ts';
import { quickReferenceDefinition } from './quick-reference-pdf.ts';
import { reportDefinition } from './report-pdf.ts';
import { slaDocumentDefinition } from './sla-document-pdf.ts';

/** The Roboto faces that ship inside the pdfmake package. */
function robotoFiles(): { normal: string; bold: string; italics: string; bolditalics: string } {
  const require = createRequire(import.meta.url);
  const dir = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
  return {
    normal: path.join(dir, 'Roboto-Regular.ttf'),
    bold: path.join(dir, 'Roboto-Medium.ttf'),
    italics: path.join(dir, 'Roboto-Italic.ttf'),
    bolditalics: path.join(dir, 'Roboto-MediumItalic.ttf'),
  };
}

let configured = false;

/**
 * pdfmake's settings are global to the module. Documents reference no images or URLs of their own, and a
 * name or note typed by a user must never make the server fetch a URL or read a file: only the fonts may be
 * read.
 */
function configure(): void {
  if (configured) return;
  const fonts = robotoFiles();
  const allowed = new Set(Object.values(fonts));
  pdfmake.setFonts({ Roboto: fonts });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((file) => allowed.has(path.resolve(file)));
  configured = true;
}

export async function render(doc: DocDefinition): Promise<Uint8Array> {
  configure();
  return pdfmake.createPdf(doc).getBuffer();
}

export const reportPdf: DocumentRenderer['reportPdf'] = (report, lang) =>
  render(reportDefinition(report, lang));
export const slaDocumentPdf: DocumentRenderer['slaDocumentPdf'] = (model, lang) =>
  render(slaDocumentDefinition(model, lang));
export const quickReferencePdf: DocumentRenderer['quickReferencePdf'] = (model, lang) =>
  render(quickReferenceDefinition(model, lang));
