// The SLA document as a PDF: the printable agreement of one version, from parties to signatures.
import type { Content, DocDefinition } from 'pdfmake';
import type {
  DocumentLanguage,
  DocumentTarget,
  QuickReferenceModel,
  SlaDocumentModel,
} from '../../app/documents/document-model.ts';
import {
  calendarName,
  dateWords,
  distinctCalendars,
  DOCUMENT_WORDS,
  durationWords,
  hoursWords,
  levelWords,
  localDateWords,
  pauseWords,
  percent,
  policyScopeWords,
  type DocumentWords,
} from '../../app/documents/document-words.ts';
import { document, heading, paragraph, table } from './pdf-parts.ts';

type Model = QuickReferenceModel;

/** "4 h on Office hours" for a target cell. */
export function targetCell(t: DocumentTarget | null, model: Model, lang: DocumentLanguage): string {
  const w = DOCUMENT_WORDS[lang];
  if (!t) return w.noTarget;
  const calendar = model.calendars[t.calendar];
  return calendar
    ? `${durationWords(t.durationMs, lang)} ${w.onCalendar(calendarName(calendar, lang))}`
    : durationWords(t.durationMs, lang);
}

export function targetsTable(model: Model, lang: DocumentLanguage): Content {
  const w = DOCUMENT_WORDS[lang];
  const hasUpdate = model.priorities.some((p) => p.update !== null);
  return table(
    [w.priority, w.metrics.firstResponse, w.metrics.resolution, ...(hasUpdate ? [w.metrics.update] : [])],
    model.priorities.map((p) => [
      p.name === p.id ? p.id : `${p.id} ${p.name}`,
      targetCell(p.firstResponse, model, lang),
      targetCell(p.resolution, model, lang),
      ...(hasUpdate ? [targetCell(p.update, model, lang)] : []),
    ]),
    w.noTarget,
  );
}

export function availabilityTable(model: Model, lang: DocumentLanguage): Content {
  const w = DOCUMENT_WORDS[lang];
  return table(
    [w.service, w.target, w.calendar],
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
}

/** Each calendar: its opening hours in words, its holiday regions and the year's holidays. */
export function calendarsContent(
  model: Model,
  lang: DocumentLanguage,
  options: { holidays: boolean },
): Content[] {
  const w = DOCUMENT_WORDS[lang];
  return distinctCalendars(model.calendars, lang).flatMap((c): Content[] => {
    const name = calendarName(c, lang);
    const hours = `${w.openHours}: ${hoursWords(c, lang)}${c.hours ? ` (${w.timesIn(c.timeZone)})` : ''}`;
    const regions = c.holidayRegions.length > 0 ? `${w.regions} ${c.holidayRegions.join(', ')}.` : '';
    const holidays = c.holidays.map((h) => `${localDateWords(h.date, lang)} ${h.name}`).join(' · ');
    const closures = c.closures
      .map(
        (x) =>
          `${dateWords(x.from, c.timeZone, lang)}–${dateWords(x.to, c.timeZone, lang)}${x.reason ? ` ${x.reason}` : ''}`,
      )
      .join(' · ');
    return [
      { text: `${w.calendar}: ${name}`, bold: true, fontSize: 9.5, margin: [0, 4, 0, 2] },
      paragraph(hours, { margin: [0, 0, 0, 2] }),
      ...(options.holidays && c.id !== null
        ? [
            paragraph(
              `${w.holidaysOf(model.year)}: ${regions ? `${regions} ` : ''}${holidays === '' ? w.noHolidays : holidays}`,
              { fontSize: 8.5, margin: [0, 0, 0, 2] },
            ),
            ...(closures === '' ? [] : [paragraph(`${w.closures}: ${closures}`, { fontSize: 8.5 })]),
          ]
        : []),
    ];
  });
}

/** The escalation policies: each with what it applies to and its levels in words. */
export function escalationContent(model: Model, lang: DocumentLanguage, fontSize = 9.5): Content[] {
  const w = DOCUMENT_WORDS[lang];
  if (model.escalation.length === 0) return [paragraph(w.noEscalation, { fontSize })];
  return model.escalation.flatMap((p): Content[] => [
    {
      text: `${p.name} (${w.appliesTo}: ${policyScopeWords(p, lang)})`,
      bold: true,
      fontSize,
      margin: [0, 2, 0, 2],
    },
    { ol: p.levels.map((l) => levelWords(l, lang)), fontSize, margin: [0, 0, 0, 4] },
  ]);
}

function partiesContent(model: SlaDocumentModel, w: DocumentWords): Content[] {
  const provider = model.provider.name ?? w.providerUnnamed;
  return [
    heading(w.parties),
    {
      columns: [
        {
          stack: [
            { text: w.provider, style: 'small' },
            { text: provider, bold: true },
          ],
        },
        {
          stack: [
            { text: w.customer, style: 'small' },
            ...(model.customers.length === 0
              ? [{ text: w.noCustomers }]
              : model.customers.map((c) => ({ text: c.name, bold: true }))),
          ],
        },
      ],
      margin: [0, 0, 0, 6],
    },
  ];
}

function servicesContent(model: SlaDocumentModel, lang: DocumentLanguage, w: DocumentWords): Content[] {
  const money = (n: number): string => new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-GB').format(n);
  const rows = model.services.flatMap((s) =>
    s.impacts.length === 0
      ? [[s.name, w.noImpact, '', '', '', '']]
      : s.impacts.map((i) => [
          s.name,
          `${w.criticalities[i.criticality]}${model.customers.length > 1 ? ` (${i.customerName})` : ''}`,
          i.usersAffected === null ? '–' : String(i.usersAffected),
          i.maxTolerableDowntimeMinutes === null
            ? '–'
            : durationWords(i.maxTolerableDowntimeMinutes * 60_000, lang),
          i.downtimeCostPerHour === null ? '–' : money(i.downtimeCostPerHour),
          i.notes ?? '',
        ]),
  );
  return [
    heading(w.services),
    ...(model.services.length === 0 ? [paragraph(w.allServices)] : []),
    table([w.service, w.criticality, w.users, w.maxDowntime, w.costPerHour, w.notes], rows, w.allServices, [
      90,
      60,
      45,
      60,
      60,
      '*',
    ]),
  ];
}

function measuredContent(model: SlaDocumentModel, lang: DocumentLanguage, w: DocumentWords): Content[] {
  const warnings = model.warnings.map((s) => percent(s, lang, 1)).join(', ');
  return [
    heading(w.measured),
    paragraph(w.ticketClock),
    paragraph(pauseWords(model.pauseStatuses, lang)),
    ...(warnings === '' ? [] : [paragraph(w.warnings(warnings))]),
    paragraph(w.complianceGoal(percent(model.complianceGoal, lang, 1))),
    { text: w.formula, bold: true, margin: [0, 4, 0, 4] },
    { ul: [...w.formulaWords], fontSize: 9, margin: [0, 0, 0, 6] },
  ];
}

function creditsContent(model: SlaDocumentModel, lang: DocumentLanguage, w: DocumentWords): Content[] {
  return [
    heading(w.credits),
    ...(model.credits.length > 0 ? [paragraph(w.creditsRule)] : []),
    table(
      [w.creditBelow, w.creditShare],
      model.credits.map((c) => [percent(c.below, lang), `${c.creditPercent} %`]),
      w.noCredits,
    ),
  ];
}

function signaturesContent(model: SlaDocumentModel, w: DocumentWords): Content[] {
  const line = (party: string): Content => ({
    stack: [
      { text: party, bold: true, margin: [0, 0, 0, 28] },
      { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 220, y2: 0, lineWidth: 0.5 }] },
      { text: w.place, style: 'small', margin: [0, 2, 0, 28] },
      { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 220, y2: 0, lineWidth: 0.5 }] },
      { text: w.signature, style: 'small', margin: [0, 2, 0, 0] },
    ],
  });
  const customers = model.customers.length === 0 ? [w.customer] : model.customers.map((c) => c.name);
  const parties = [model.provider.name ?? w.provider, ...customers];
  const rows: Content[] = [];
  for (let i = 0; i < parties.length; i += 2)
    rows.push({
      columns: [
        line(parties[i] ?? ''),
        parties[i + 1] === undefined ? { text: '' } : line(parties[i + 1] ?? ''),
      ],
      columnGap: 35,
      margin: [0, 0, 0, 16],
    });
  // Kept on one page with its heading: a signature must not sit apart from the parties' names.
  return [{ stack: [heading(w.signatures), ...rows], unbreakable: true }];
}

/** The SLA document as a pdfmake document in one language. */
export function slaDocumentDefinition(model: SlaDocumentModel, lang: DocumentLanguage): DocDefinition {
  const w = DOCUMENT_WORDS[lang];
  const effective =
    model.sla.effectiveFrom === null
      ? w.notYetEffective
      : dateWords(model.sla.effectiveFrom, model.timeZone, lang);
  const title = `${w.slaDocument}: ${model.sla.name}`;
  const content: Content[] = [
    { text: title, style: 'title' },
    {
      text: `${w.version} ${model.sla.version} (${w.status[model.sla.status]}) · ${w.effectiveFrom}: ${effective}`,
      style: 'meta',
    },
    ...(model.sla.description ? [paragraph(model.sla.description)] : []),
    ...partiesContent(model, w),
    ...servicesContent(model, lang, w),
    heading(w.hours),
    ...calendarsContent(model, lang, { holidays: true }),
    heading(w.targets),
    targetsTable(model, lang),
    ...(model.availability.length > 0 ? [heading(w.availability, 'h3'), availabilityTable(model, lang)] : []),
    ...measuredContent(model, lang, w),
    heading(w.escalation),
    ...escalationContent(model, lang),
    heading(w.review),
    paragraph(w.reviewEvery(model.reviewIntervalMonths)),
    ...creditsContent(model, lang, w),
    ...signaturesContent(model, w),
  ];
  return document(
    title,
    content,
    `${model.sla.name} v${model.sla.version} · ${w.generated}: ${dateWords(model.generatedAt, model.timeZone, lang)}`,
    lang,
  );
}
