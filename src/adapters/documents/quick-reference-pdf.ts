// The staff quick reference of an SLA version as a one-page PDF: small type, long lists cut short.
import type { Content, DocDefinition } from 'pdfmake';
import type { DocumentLanguage, QuickReferenceModel } from '../../app/documents/document-model.ts';
import {
  coveredWords,
  dateWords,
  DOCUMENT_WORDS,
  pauseWords,
  quickContacts,
} from '../../app/documents/document-words.ts';
import { document, heading, paragraph, table } from './pdf-parts.ts';
import { availabilityTable, calendarsContent, escalationContent, targetsTable } from './sla-document-pdf.ts';

const SMALL = 8;

/** The quick reference as a pdfmake document in one language. */
export function quickReferenceDefinition(model: QuickReferenceModel, lang: DocumentLanguage): DocDefinition {
  const w = DOCUMENT_WORDS[lang];
  const title = `${w.quickReference}: ${model.sla.name}`;
  const contacts = quickContacts(model);
  const content: Content[] = [
    { text: title, style: 'title', fontSize: 15 },
    { text: `${w.version} ${model.sla.version} (${w.status[model.sla.status]})`, style: 'meta' },
    heading(w.covered, 'h3'),
    paragraph(coveredWords(model, lang), { fontSize: SMALL }),
    heading(w.hours, 'h3'),
    ...calendarsContent(model, lang, { holidays: false }),
    heading(w.targets, 'h3'),
    targetsTable(model, lang),
    ...(model.availability.length > 0 ? [availabilityTable(model, lang)] : []),
    heading(w.pauses, 'h3'),
    paragraph(pauseWords(model.pauseStatuses, lang), { fontSize: SMALL }),
    heading(w.escalationPath, 'h3'),
    ...escalationContent(model, lang, SMALL),
    heading(w.whomToCall, 'h3'),
    table(
      [w.customer, w.contact, w.role, w.phone, w.email, w.level],
      contacts.rows.map((c) => [
        c.customer,
        c.name,
        c.role ?? '',
        c.phone ?? '',
        c.email ?? '',
        c.escalationLevel === 0 ? w.notInMatrix : String(c.escalationLevel),
      ]),
      w.noContacts,
      [64, 72, 84, 72, '*', 28],
    ),
    ...(contacts.more > 0 ? [{ text: `+ ${contacts.more}`, style: 'small' }] : []),
  ];
  return document(
    title,
    content,
    `${model.sla.name} v${model.sla.version} · ${w.generated}: ${dateWords(model.generatedAt, model.timeZone, lang)}`,
    lang,
    { pageMargins: [32, 28, 32, 40] },
  );
}
