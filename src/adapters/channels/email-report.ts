// The mail of a scheduled customer report, in German or English: the summary line, a link to the issued
// report's page and a word about the attached files. Kept apart from the escalation notices' template, whose
// footer asks the reader to acknowledge; a report is sent once and asks for nothing.
import type { NotificationMessage } from '../../app/ports/notifier.ts';
import { escapeHtml } from './templates.ts';

export interface RenderedReportMail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

const WORDS = {
  de: {
    subject: (period: string, customer: string) => `[Pledge] SLA-Bericht ${period}: ${customer}`,
    greeting: 'Guten Tag,',
    intro: (period: string, customer: string) =>
      `hier ist der SLA-Bericht für ${customer}, Zeitraum ${period}.`,
    summary: 'Zusammenfassung',
    open: 'Bericht online ansehen',
    attached: (files: string) => `Im Anhang: ${files}.`,
    footer: 'Diese Nachricht wurde von Pledge nach dem vereinbarten Berichtsplan gesendet.',
  },
  en: {
    subject: (period: string, customer: string) => `[Pledge] SLA report ${period}: ${customer}`,
    greeting: 'Hello,',
    intro: (period: string, customer: string) => `here is the SLA report of ${customer} for ${period}.`,
    summary: 'Summary',
    open: 'View the report online',
    attached: (files: string) => `Attached: ${files}.`,
    footer: 'Sent by Pledge on the agreed report schedule.',
  },
} as const;

/** Subject, plain text and HTML of a `scheduled_report` message. */
export function renderReportMail(m: NotificationMessage): RenderedReportMail {
  const w = WORDS[m.locale];
  const r = m.facts.report ?? { customerName: '', period: '', summary: '', url: '' };
  const files = (m.attachments ?? []).map((a) => a.fileName).join(', ');
  const text = [
    w.greeting,
    '',
    w.intro(r.period, r.customerName),
    '',
    `${w.summary}: ${r.summary}`,
    '',
    `${w.open}: ${r.url}`,
    ...(files ? ['', w.attached(files)] : []),
    '',
    '-- ',
    w.footer,
    '',
  ].join('\n');
  const html = [
    '<!doctype html>',
    `<html lang="${m.locale}"><head><meta charset="utf-8"><title>${escapeHtml(w.subject(r.period, r.customerName))}</title></head>`,
    '<body style="font-family:system-ui,-apple-system,Segoe UI,sans-serif;font-size:14px;color:#111">',
    `<p>${escapeHtml(w.greeting)}</p>`,
    `<p>${escapeHtml(w.intro(r.period, r.customerName))}</p>`,
    `<p><strong>${escapeHtml(w.summary)}:</strong> ${escapeHtml(r.summary)}</p>`,
    `<p><a href="${escapeHtml(r.url)}" style="display:inline-block;padding:8px 14px;background:#2563eb;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(w.open)}</a></p>`,
    ...(files ? [`<p>${escapeHtml(w.attached(files))}</p>`] : []),
    `<p style="color:#777;font-size:12px">${escapeHtml(w.footer)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject: w.subject(r.period, r.customerName), text, html };
}
