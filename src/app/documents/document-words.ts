// The SLA document and the quick reference in words, German and English: headings, and the rules of a
// version (service hours, targets, escalation levels, the availability formula) as sentences. Shared by the
// PDF renderer and the HTML quick reference so that both say the same.
import type { EscalationAction, EscalationLevel, EscalationTrigger } from '../../domain/escalation/policy.ts';
import { formatPercent } from '../../domain/reports/summary.ts';
import type {
  DocumentCalendar,
  DocumentContact,
  DocumentLanguage,
  DocumentLevel,
  DocumentPolicy,
  DocumentService,
  QuickReferenceModel,
} from './document-model.ts';

const MINUTE_MS = 60_000;
const MINUTES_PER_HOUR = 60;

export const DOCUMENT_WORDS = {
  en: {
    slaDocument: 'Service level agreement',
    quickReference: 'Quick reference',
    version: 'Version',
    status: { draft: 'draft', active: 'in force', retired: 'retired' },
    effectiveFrom: 'Effective from',
    notYetEffective: 'not yet dated',
    parties: 'Parties',
    provider: 'Provider',
    providerUnnamed: 'the IT service provider',
    customer: 'Customer',
    noCustomers: 'This version names no customer yet.',
    services: 'Services and their business impact',
    allServices: 'This version covers every service of the catalog.',
    service: 'Service',
    criticality: 'Criticality',
    criticalities: { low: 'low', medium: 'medium', high: 'high', critical: 'critical' },
    users: 'Users affected',
    maxDowntime: 'Tolerable downtime',
    costPerHour: 'Cost per hour of downtime',
    notes: 'Notes',
    noImpact: 'No business impact recorded.',
    hours: 'Service hours and holidays',
    calendar: 'Calendar',
    openHours: 'Open',
    holidaysOf: (year: number) => `Holidays ${year}`,
    regions: 'Public holidays of',
    noHolidays: 'No holidays.',
    closures: 'Closures',
    allDay: 'around the clock, every day',
    twentyFourSeven: '24/7',
    timesIn: (zone: string) => `times in ${zone}`,
    targets: 'Targets per priority',
    priority: 'Priority',
    metrics: { firstResponse: 'First response', resolution: 'Resolution', update: 'Update' },
    noTarget: '–',
    onCalendar: (name: string) => `on ${name}`,
    availability: 'Availability',
    target: 'Target',
    everyService: 'every covered service',
    complianceGoal: (share: string) =>
      `At least ${share} of the tickets of each priority must meet each target in a reporting period.`,
    measured: 'How the targets are measured',
    ticketClock:
      'Response, resolution and update times are counted in business time: only the open hours of the calendar a target names count; a target without a calendar runs around the clock. The clock starts when the ticket is created, stops at the first response (or the resolution), and restarts for each update cycle.',
    pauses: 'What pauses a clock',
    pausesWith: (statuses: string) => `The clock pauses while a ticket has the status ${statuses}.`,
    noPauses: 'No ticket status pauses the clock.',
    warnings: (shares: string) => `Staff are warned when ${shares} of a target has been used.`,
    formula: 'Availability = up-time ÷ (up-time + down-time)',
    formulaWords: [
      'Only the service hours of the calendar named by the availability target count; time outside them is neither up nor down. A target without a calendar counts around the clock.',
      'Announced maintenance is neither up nor down and overrides every other state: an outage inside a maintenance window does not count.',
      'Time without monitoring data is left out of the figure and reported separately, so a gap in monitoring never makes a service look better or worse.',
      'Degraded time counts as up. Where several monitors overlap, the worst state counts: down before degraded before up.',
      "Periods are calendar months in the customer's time zone. When nothing countable happened, there is no figure rather than 100 %.",
    ],
    escalation: 'Escalation procedure',
    escalationPath: 'Escalation path',
    noEscalation: 'No escalation policy is attached to this SLA.',
    appliesTo: 'Applies to',
    allTargets: 'all targets',
    allPriorities: 'all priorities',
    review: 'Review',
    reviewEvery: (months: number) =>
      `The parties review this agreement every ${months} month${months === 1 ? '' : 's'}, using the customer report of the period.`,
    credits: 'Service credits',
    creditBelow: 'Availability below',
    creditShare: 'Credit (share of the monthly fee)',
    noCredits: 'This agreement grants no service credits.',
    creditsRule:
      'For each service the highest credit whose threshold its monthly availability falls below applies.',
    signatures: 'Signatures',
    place: 'Place, date',
    signature: 'Signature, name in capitals',
    generated: 'Generated',
    covered: 'What is covered',
    whomToCall: 'Whom to call',
    contact: 'Contact',
    role: 'Role',
    phone: 'Phone',
    email: 'E-mail',
    level: 'Level',
    noContacts: 'No contacts recorded.',
    notInMatrix: '–',
  },
  de: {
    slaDocument: 'Service-Level-Vereinbarung',
    quickReference: 'Kurzreferenz',
    version: 'Version',
    status: { draft: 'Entwurf', active: 'in Kraft', retired: 'außer Kraft' },
    effectiveFrom: 'Gültig ab',
    notYetEffective: 'noch ohne Datum',
    parties: 'Vertragsparteien',
    provider: 'Dienstleister',
    providerUnnamed: 'der IT-Dienstleister',
    customer: 'Kunde',
    noCustomers: 'Diese Version nennt noch keinen Kunden.',
    services: 'Dienste und ihre geschäftliche Bedeutung',
    allServices: 'Diese Version umfasst alle Dienste des Katalogs.',
    service: 'Dienst',
    criticality: 'Kritikalität',
    criticalities: { low: 'niedrig', medium: 'mittel', high: 'hoch', critical: 'kritisch' },
    users: 'Betroffene Nutzer',
    maxDowntime: 'Tolerierbare Ausfallzeit',
    costPerHour: 'Kosten je Stunde Ausfall',
    notes: 'Anmerkungen',
    noImpact: 'Keine geschäftliche Bedeutung erfasst.',
    hours: 'Servicezeiten und Feiertage',
    calendar: 'Kalender',
    openHours: 'Geöffnet',
    holidaysOf: (year: number) => `Feiertage ${year}`,
    regions: 'Gesetzliche Feiertage von',
    noHolidays: 'Keine Feiertage.',
    closures: 'Schließzeiten',
    allDay: 'rund um die Uhr, jeden Tag',
    twentyFourSeven: '24/7',
    timesIn: (zone: string) => `Zeiten in ${zone}`,
    targets: 'Ziele je Priorität',
    priority: 'Priorität',
    metrics: { firstResponse: 'Erstreaktion', resolution: 'Lösung', update: 'Aktualisierung' },
    noTarget: '–',
    onCalendar: (name: string) => `nach ${name}`,
    availability: 'Verfügbarkeit',
    target: 'Ziel',
    everyService: 'alle abgedeckten Dienste',
    complianceGoal: (share: string) =>
      `Mindestens ${share} der Tickets jeder Priorität müssen jedes Ziel in einem Berichtszeitraum einhalten.`,
    measured: 'Wie die Ziele gemessen werden',
    ticketClock:
      'Reaktions-, Lösungs- und Aktualisierungszeiten zählen in Servicezeit: nur die Öffnungszeiten des Kalenders, den ein Ziel nennt, zählen; ein Ziel ohne Kalender läuft rund um die Uhr. Die Uhr beginnt mit dem Anlegen des Tickets, stoppt bei der ersten Reaktion (bzw. der Lösung) und beginnt für jede Aktualisierung neu.',
    pauses: 'Was eine Uhr anhält',
    pausesWith: (statuses: string) => `Die Uhr steht, solange ein Ticket den Status ${statuses} hat.`,
    noPauses: 'Kein Ticketstatus hält die Uhr an.',
    warnings: (shares: string) => `Mitarbeitende werden gewarnt, wenn ${shares} eines Ziels verbraucht sind.`,
    formula: 'Verfügbarkeit = Betriebszeit ÷ (Betriebszeit + Ausfallzeit)',
    formulaWords: [
      'Es zählen nur die Servicezeiten des Kalenders, den das Verfügbarkeitsziel nennt; Zeit außerhalb ist weder Betrieb noch Ausfall. Ein Ziel ohne Kalender zählt rund um die Uhr.',
      'Angekündigte Wartung ist weder Betrieb noch Ausfall und geht jedem anderen Zustand vor: Ein Ausfall in einem Wartungsfenster zählt nicht.',
      'Zeit ohne Messdaten bleibt außerhalb der Kennzahl und wird gesondert ausgewiesen; eine Lücke in der Überwachung macht einen Dienst nie besser oder schlechter.',
      'Eingeschränkter Betrieb zählt als Betrieb. Überlappen sich mehrere Monitore, zählt der schlechteste Zustand: Ausfall vor eingeschränkt vor Betrieb.',
      'Zeiträume sind Kalendermonate in der Zeitzone des Kunden. Ist nichts Zählbares geschehen, gibt es keine Kennzahl statt 100 %.',
    ],
    escalation: 'Eskalationsverfahren',
    escalationPath: 'Eskalationsweg',
    noEscalation: 'Diesem SLA ist keine Eskalationsrichtlinie zugeordnet.',
    appliesTo: 'Gilt für',
    allTargets: 'alle Ziele',
    allPriorities: 'alle Prioritäten',
    review: 'Überprüfung',
    reviewEvery: (months: number) =>
      `Die Parteien überprüfen diese Vereinbarung alle ${months} ${months === 1 ? 'Monat' : 'Monate'} anhand des Kundenberichts des Zeitraums.`,
    credits: 'Gutschriften',
    creditBelow: 'Verfügbarkeit unter',
    creditShare: 'Gutschrift (Anteil der Monatsgebühr)',
    noCredits: 'Diese Vereinbarung sieht keine Gutschriften vor.',
    creditsRule:
      'Je Dienst gilt die höchste Gutschrift, deren Schwelle die monatliche Verfügbarkeit unterschreitet.',
    signatures: 'Unterschriften',
    place: 'Ort, Datum',
    signature: 'Unterschrift, Name in Druckbuchstaben',
    generated: 'Erstellt',
    covered: 'Was abgedeckt ist',
    whomToCall: 'Wen anrufen',
    contact: 'Kontakt',
    role: 'Rolle',
    phone: 'Telefon',
    email: 'E-Mail',
    level: 'Stufe',
    noContacts: 'Keine Kontakte erfasst.',
    notInMatrix: '–',
  },
} as const;

export type DocumentWords = (typeof DOCUMENT_WORDS)[DocumentLanguage];

const WEEKDAY_NAMES: Readonly<Record<DocumentLanguage, readonly string[]>> = {
  en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
  de: ['Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa', 'So'],
};
const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const localeOf = (lang: DocumentLanguage): string => (lang === 'de' ? 'de-DE' : 'en-GB');

/** A share as people read it ("99,5 %" in German). */
export const percent = (share: number, lang: DocumentLanguage, digits = 3): string =>
  formatPercent(share, lang, digits);

/** A duration of a target: "30 min", "4 h", "1 h 30 min" ("4 Std." in German). */
export function durationWords(ms: number, lang: DocumentLanguage): string {
  const minutes = Math.round(ms / MINUTE_MS);
  const h = Math.floor(minutes / MINUTES_PER_HOUR);
  const m = minutes % MINUTES_PER_HOUR;
  const hours = lang === 'de' ? `${h} Std.` : `${h} h`;
  if (h === 0) return `${m} min`;
  return m === 0 ? hours : `${hours} ${m} min`;
}

/** A date in a zone, e.g. "1 Apr 2026" / "01.04.2026". */
export function dateWords(ms: number, zone: string, lang: DocumentLanguage): string {
  return new Intl.DateTimeFormat(localeOf(lang), { timeZone: zone, dateStyle: 'medium' }).format(ms);
}

/** A local date "YYYY-MM-DD" as people read it, without a zone (it is a whole day wherever it is). */
export function localDateWords(date: string, lang: DocumentLanguage): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(localeOf(lang), { timeZone: 'UTC', dateStyle: 'medium' }).format(
    Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1),
  );
}

const dash = (text: string): string => text.replace('-', '–');

/**
 * Opening hours in words, weekdays with the same hours run together: "Mon–Fri 08:00–18:00, Sat 09:00–12:00".
 */
export function hoursWords(calendar: DocumentCalendar, lang: DocumentLanguage): string {
  const w = DOCUMENT_WORDS[lang];
  if (!calendar.hours) return w.allDay;
  const days = WEEKDAY_KEYS.map((k) => {
    const value = calendar.hours?.[k];
    const list = typeof value === 'string' ? [value] : (value ?? []);
    return list.map((iv) => dash(iv.replace(/\s+/g, ''))).join(', ');
  });
  const runs: string[] = [];
  let i = 0;
  while (i < days.length) {
    let j = i;
    while (j + 1 < days.length && days[j + 1] === days[i]) j++;
    const text = days[i] ?? '';
    if (text !== '') {
      const first = WEEKDAY_NAMES[lang][i] ?? '';
      const last = WEEKDAY_NAMES[lang][j] ?? '';
      runs.push(`${i === j ? first : `${first}–${last}`} ${text}`);
    }
    i = j + 1;
  }
  return runs.join('; ');
}

/** A calendar's name, "24/7" for around the clock. */
export const calendarName = (calendar: DocumentCalendar, lang: DocumentLanguage): string =>
  calendar.id === null ? DOCUMENT_WORDS[lang].twentyFourSeven : (calendar.name ?? calendar.id);

function triggerWords(t: EscalationTrigger, lang: DocumentLanguage): string {
  const de = lang === 'de';
  switch (t.kind) {
    case 'share':
      return de
        ? `Bei ${percent(t.share, lang, 1)} der Zielzeit`
        : `At ${percent(t.share, lang, 1)} of the target time`;
    case 'before_due':
      return de ? `${t.minutes} min vor Fälligkeit` : `${t.minutes} min before the target is due`;
    case 'breach':
      return de ? 'Bei Zielverletzung' : 'When the target is breached';
    case 'after_breach':
      return de ? `${t.minutes} min nach der Zielverletzung` : `${t.minutes} min after the breach`;
    case 'outage_start':
      return de ? 'Bei Beginn eines Ausfalls' : 'When an outage starts';
    case 'outage_lasted':
      return de ? `Nach ${t.minutes} min Ausfall` : `When an outage has lasted ${t.minutes} min`;
    case 'burn_rate':
      return de ? 'Wenn das Fehlerbudget zu schnell verbraucht wird' : 'When the error budget burns too fast';
    case 'budget_spent':
      return de ? 'Wenn das Fehlerbudget aufgebraucht ist' : 'When the error budget is spent';
  }
}

const ROLE_WORDS: Readonly<Record<DocumentLanguage, Readonly<Record<string, string>>>> = {
  en: {
    admin: 'the admins',
    manager: 'the managers',
    agent: 'the agents',
    on_call: 'the on-call engineer',
    team_lead: 'the team lead',
  },
  de: {
    admin: 'die Admins',
    manager: 'die Manager',
    agent: 'die Agents',
    on_call: 'die Rufbereitschaft',
    team_lead: 'die Teamleitung',
  },
};

function actionWords(
  a: EscalationAction,
  users: Readonly<Record<string, string>>,
  lang: DocumentLanguage,
): string {
  const de = lang === 'de';
  const user = (id: string): string => users[id] ?? (de ? 'eine benannte Person' : 'a named person');
  switch (a.kind) {
    case 'notify_user':
      return de ? `${user(a.userId)} benachrichtigen` : `notify ${user(a.userId)}`;
    case 'notify_role':
      return de
        ? `${ROLE_WORDS.de[a.role] ?? a.role} benachrichtigen`
        : `notify ${ROLE_WORDS.en[a.role] ?? a.role}`;
    case 'notify_assignee':
      return de ? 'die zuständige Person benachrichtigen' : 'notify the assignee';
    case 'notify_customer_contacts':
      return de
        ? `die Kundenkontakte der Eskalationsstufe ${a.level} benachrichtigen`
        : `notify the customer's contacts at escalation level ${a.level}`;
    case 'raise_priority':
      return de ? 'die Priorität um eine Stufe erhöhen' : 'raise the priority one step';
    case 'reassign':
      return de ? `an ${user(a.userId)} übergeben` : `reassign to ${user(a.userId)}`;
  }
}

function repeatWords(level: EscalationLevel, lang: DocumentLanguage): string {
  if (level.repeatEveryMinutes === undefined) return '';
  const de = lang === 'de';
  const cap =
    level.maxRepeats === undefined
      ? ''
      : de
        ? `, höchstens ${level.maxRepeats}-mal`
        : `, at most ${level.maxRepeats} times`;
  return de
    ? ` Wiederholung alle ${level.repeatEveryMinutes} min${cap}, bis jemand bestätigt.`
    : ` Repeated every ${level.repeatEveryMinutes} min${cap} until someone acknowledges.`;
}

/** One level as a sentence: "When the target is breached: notify the team lead (by Mail)." */
export function levelWords(entry: DocumentLevel, lang: DocumentLanguage): string {
  const { level } = entry;
  const actions = level.actions
    .map((a) => actionWords(a, entry.users, lang))
    .join(lang === 'de' ? ' und ' : ' and ');
  const channels = level.channels.map((c) => entry.channels[c] ?? c).join(', ');
  const via = channels === '' ? '' : lang === 'de' ? ` (über ${channels})` : ` (by ${channels})`;
  const stops = level.stopsLaterLevels
    ? lang === 'de'
      ? ' Eine Bestätigung beendet auch die späteren Stufen.'
      : ' Acknowledging it also stops the later levels.'
    : '';
  return `${triggerWords(level.trigger, lang)}: ${actions}${via}.${repeatWords(level, lang)}${stops}`;
}

/** Which clocks and priorities a policy watches: "Resolution; P1, P2". */
export function policyScopeWords(policy: DocumentPolicy, lang: DocumentLanguage): string {
  const w = DOCUMENT_WORDS[lang];
  const metric: Readonly<Record<string, string>> = {
    first_response: w.metrics.firstResponse,
    resolution: w.metrics.resolution,
    update: w.metrics.update,
  };
  const targets = policy.targets ? policy.targets.map((t) => metric[t] ?? t).join(', ') : w.allTargets;
  const priorities = policy.priorities ? policy.priorities.join(', ') : w.allPriorities;
  return `${targets}; ${priorities}`;
}

/** The pause statuses as a list in quotes: "“waiting for customer” or “on hold”". */
export function pauseWords(statuses: readonly string[], lang: DocumentLanguage): string {
  const w = DOCUMENT_WORDS[lang];
  if (statuses.length === 0) return w.noPauses;
  const quoted = statuses.map((s) => (lang === 'de' ? `„${s}“` : `“${s}”`));
  const joined =
    quoted.length === 1
      ? (quoted[0] ?? '')
      : `${quoted.slice(0, -1).join(', ')} ${lang === 'de' ? 'oder' : 'or'} ${quoted[quoted.length - 1] ?? ''}`;
  return w.pausesWith(joined);
}

/** How many services and contacts the one-page quick reference lists before it says "+ n more". */
export const QUICK_SERVICES = 15;
export const QUICK_CONTACTS = 12;

/** What a version covers in one sentence: its customers and services, the most critical first. */
export function coveredWords(
  model: Pick<QuickReferenceModel, 'customers' | 'services'>,
  lang: DocumentLanguage,
): string {
  const w = DOCUMENT_WORDS[lang];
  const rank = { critical: 0, high: 1, medium: 2, low: 3 } as const;
  const worst = (s: DocumentService): number => Math.min(4, ...s.impacts.map((i) => rank[i.criticality]));
  const services = [...model.services].sort((a, b) => worst(a) - worst(b) || a.name.localeCompare(b.name));
  const named = services.slice(0, QUICK_SERVICES).map((s) => {
    const level = worst(s);
    const criticality = (Object.keys(rank) as (keyof typeof rank)[]).find((k) => rank[k] === level);
    return criticality ? `${s.name} (${w.criticalities[criticality]})` : s.name;
  });
  const more = services.length - named.length;
  const customers = model.customers.map((c) => c.name).join(', ');
  const serviceText =
    services.length === 0
      ? w.allServices
      : `${w.services}: ${named.join(', ')}${more > 0 ? ` + ${more}` : ''}.`;
  return `${w.customer}: ${customers === '' ? '–' : customers}. ${serviceText}`;
}

export interface QuickContact extends DocumentContact {
  readonly customer: string;
}

/** Whom to call: the contacts of the escalation matrix by level, then the others; at most QUICK_CONTACTS. */
export function quickContacts(model: Pick<QuickReferenceModel, 'customers'>): {
  readonly rows: readonly QuickContact[];
  readonly more: number;
} {
  const all = model.customers.flatMap((c) => c.contacts.map((k) => ({ ...k, customer: c.name })));
  const level = (k: QuickContact): number => (k.escalationLevel === 0 ? Infinity : k.escalationLevel);
  const sorted = all.sort((a, b) => level(a) - level(b) || a.customer.localeCompare(b.customer));
  return { rows: sorted.slice(0, QUICK_CONTACTS), more: Math.max(0, sorted.length - QUICK_CONTACTS) };
}

/**
 * The calendars to show, each set of rules once: a stored calendar without hours or holidays reads the same
 * as "no calendar" (both "24/7").
 */
export function distinctCalendars(
  calendars: readonly DocumentCalendar[],
  lang: DocumentLanguage,
): DocumentCalendar[] {
  const seen = new Set<string>();
  return calendars.filter((c) => {
    const key = JSON.stringify([
      calendarName(c, lang),
      hoursWords(c, lang),
      c.holidayRegions,
      c.holidays.length,
    ]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
