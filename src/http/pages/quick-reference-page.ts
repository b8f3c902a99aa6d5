// The staff quick reference of an SLA version as one printable page: inline CSS, no script.
import type {
  DocumentLanguage,
  DocumentTarget,
  QuickReferenceModel,
} from '../../app/documents/document-model.ts';
import {
  calendarName,
  coveredWords,
  dateWords,
  distinctCalendars,
  DOCUMENT_WORDS,
  durationWords,
  hoursWords,
  levelWords,
  pauseWords,
  percent,
  policyScopeWords,
  quickContacts,
} from '../../app/documents/document-words.ts';

const escape = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

function table(headers: readonly string[], rows: readonly (readonly string[])[], empty: string): string {
  if (rows.length === 0) return `<p class="empty">${escape(empty)}</p>`;
  const head = headers.map((h) => `<th>${escape(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${escape(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function target(t: DocumentTarget | null, model: QuickReferenceModel, lang: DocumentLanguage): string {
  const w = DOCUMENT_WORDS[lang];
  if (!t) return w.noTarget;
  const calendar = model.calendars[t.calendar];
  const duration = durationWords(t.durationMs, lang);
  return calendar ? `${duration} ${w.onCalendar(calendarName(calendar, lang))}` : duration;
}

function targets(model: QuickReferenceModel, lang: DocumentLanguage): string {
  const w = DOCUMENT_WORDS[lang];
  const hasUpdate = model.priorities.some((p) => p.update !== null);
  const priorities = table(
    [w.priority, w.metrics.firstResponse, w.metrics.resolution, ...(hasUpdate ? [w.metrics.update] : [])],
    model.priorities.map((p) => [
      p.name === p.id ? p.id : `${p.id} ${p.name}`,
      target(p.firstResponse, model, lang),
      target(p.resolution, model, lang),
      ...(hasUpdate ? [target(p.update, model, lang)] : []),
    ]),
    w.noTarget,
  );
  if (model.availability.length === 0) return priorities;
  const availability = table(
    [w.service, w.availability, w.calendar],
    model.availability.map((a) => {
      const calendar = model.calendars[a.calendar];
      return [
        a.serviceName ?? w.everyService,
        percent(a.target, lang),
        calendar ? calendarName(calendar, lang) : w.twentyFourSeven,
      ];
    }),
    w.noTarget,
  );
  return `${priorities}\n${availability}`;
}

function hours(model: QuickReferenceModel, lang: DocumentLanguage): string {
  const w = DOCUMENT_WORDS[lang];
  return `<ul>${distinctCalendars(model.calendars, lang)
    .map((c) => {
      const zone = c.hours ? ` (${w.timesIn(c.timeZone)})` : '';
      const regions = c.holidayRegions.length > 0 ? `; ${w.regions} ${c.holidayRegions.join(', ')}` : '';
      return `<li><strong>${escape(calendarName(c, lang))}</strong>: ${escape(hoursWords(c, lang) + zone + regions)}</li>`;
    })
    .join('')}</ul>`;
}

function escalation(model: QuickReferenceModel, lang: DocumentLanguage): string {
  const w = DOCUMENT_WORDS[lang];
  if (model.escalation.length === 0) return `<p>${escape(w.noEscalation)}</p>`;
  return model.escalation
    .map(
      (p) =>
        `<p class="policy"><strong>${escape(p.name)}</strong> (${escape(`${w.appliesTo}: ${policyScopeWords(p, lang)}`)})</p><ol>${p.levels
          .map((l) => `<li>${escape(levelWords(l, lang))}</li>`)
          .join('')}</ol>`,
    )
    .join('\n');
}

function contacts(model: QuickReferenceModel, lang: DocumentLanguage): string {
  const w = DOCUMENT_WORDS[lang];
  const { rows, more } = quickContacts(model);
  return (
    table(
      [w.customer, w.contact, w.role, w.phone, w.email, w.level],
      rows.map((c) => [
        c.customer,
        c.name,
        c.role ?? '',
        c.phone ?? '',
        c.email ?? '',
        c.escalationLevel === 0 ? w.notInMatrix : String(c.escalationLevel),
      ]),
      w.noContacts,
    ) + (more > 0 ? `<p class="empty">+ ${more}</p>` : '')
  );
}

/** The quick reference as a self-contained page that prints on one A4 sheet. */
export function renderQuickReferencePage(model: QuickReferenceModel, lang: DocumentLanguage): string {
  const w = DOCUMENT_WORDS[lang];
  const title = `${w.quickReference}: ${model.sla.name}`;
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escape(title)}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#fff;color:#212529;font-size:14px}
main{max-width:860px;margin:0 auto;padding:20px 16px}
h1{font-size:1.4rem;margin:0 0 2px}
h2{font-size:1rem;margin:18px 0 6px}
.meta,.empty{color:#6c757d}
.meta{margin:0 0 10px}
table{border-collapse:collapse;width:100%;font-size:.85rem;margin:0 0 8px}
th,td{border-bottom:1px solid #dee2e6;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f8f9fa}
ul,ol{margin:4px 0 8px;padding-left:20px}
.policy{margin:6px 0 2px}
footer{margin-top:18px;font-size:.75rem;color:#6c757d}
@page{size:A4;margin:12mm}
@media print{body{font-size:10.5px}main{max-width:none;padding:0}h2{margin:10px 0 4px}}
</style>
</head>
<body>
<main>
<h1>${escape(title)}</h1>
<p class="meta">${escape(`${w.version} ${model.sla.version} (${w.status[model.sla.status]})`)}</p>
<h2>${escape(w.covered)}</h2>
<p>${escape(coveredWords(model, lang))}</p>
<h2>${escape(w.hours)}</h2>
${hours(model, lang)}
<h2>${escape(w.targets)}</h2>
${targets(model, lang)}
<h2>${escape(w.pauses)}</h2>
<p>${escape(pauseWords(model.pauseStatuses, lang))}</p>
<h2>${escape(w.escalationPath)}</h2>
${escalation(model, lang)}
<h2>${escape(w.whomToCall)}</h2>
${contacts(model, lang)}
<footer>${escape(`${w.generated}: ${dateWords(model.generatedAt, model.timeZone, lang)}`)}</footer>
</main>
</body>
</html>
`;
}
