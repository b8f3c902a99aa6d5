import type { ClockMetric } from '../../domain/sla-clock/types.ts';
import type { MessageKind, NotificationMessage } from '../../app/ports/notifier.ts';

type Locale = NotificationMessage['locale'];

/** One labelled fact of a notice ("Due: Mon, 09.03.2026, 12:00 CET"). */
export interface RenderedFact {
  readonly label: string;
  readonly value: string;
}

export interface RenderedLink {
  readonly label: string;
  readonly url: string;
}

/** A notice rendered for people, in the recipient's language and time zone. */
export interface RenderedMessage {
  /** E-mail subject, with the product prefix. */
  readonly subject: string;
  /** A headline without the prefix, for chat cards and push titles. */
  readonly title: string;
  /** One sentence saying what happened and what to do. */
  readonly summary: string;
  readonly facts: readonly RenderedFact[];
  readonly links: readonly RenderedLink[];
  readonly text: string;
  readonly html: string;
  /** At most 160 characters: for SMS. */
  readonly short: string;
  /** How urgent, for channels with priorities and colours. */
  readonly severity: 'info' | 'warning' | 'critical';
}

const TARGET: Record<Locale, Record<ClockMetric, string>> = {
  de: { first_response: 'Erstreaktion', resolution: 'Lösung', update: 'Aktualisierung' },
  en: { first_response: 'first response', resolution: 'resolution', update: 'update' },
};

const LABELS = {
  de: {
    ticket: 'Ticket',
    customer: 'Kunde',
    priority: 'Priorität',
    target: 'SLA-Ziel',
    due: 'Fällig',
    breached: 'Verletzt seit',
    used: 'Verbraucht',
    service: 'Dienst',
    outageSince: 'Ausfall seit',
    lasting: 'Dauer bisher',
    reason: 'Ursache',
    burnRate: 'Verbrauchsrate',
    remaining: 'Restbudget',
    rule: 'Regel',
    budgetUsed: 'Budget verbraucht',
    availabilityTarget: 'Verfügbarkeitsziel',
    period: 'Zeitraum',
    level: 'Eskalationsstufe',
    open: 'Ticket öffnen',
    openService: 'Dienst öffnen',
    acknowledge: 'Bestätigen',
    dueOn: 'Fällig am',
    openReminder: 'Öffnen',
    slaVersion: 'SLA',
    quickReference: 'Kurzreferenz',
    openPledge: 'In Pledge öffnen',
    footer: 'Diese Nachricht wurde von Pledge gesendet. Bestätigen Sie sie, damit sie nicht wiederholt wird.',
  },
  en: {
    ticket: 'Ticket',
    customer: 'Customer',
    priority: 'Priority',
    target: 'SLA target',
    due: 'Due',
    breached: 'Breached at',
    used: 'Used',
    service: 'Service',
    outageSince: 'Down since',
    lasting: 'Lasting',
    reason: 'Reason',
    burnRate: 'Burn rate',
    remaining: 'Budget left',
    rule: 'Rule',
    budgetUsed: 'Budget used',
    availabilityTarget: 'Availability target',
    period: 'Period',
    level: 'Escalation level',
    open: 'Open ticket',
    openService: 'Open service',
    acknowledge: 'Acknowledge',
    dueOn: 'Due on',
    openReminder: 'Open',
    slaVersion: 'SLA',
    quickReference: 'Quick reference',
    openPledge: 'Open in Pledge',
    footer: 'Sent by Pledge. Acknowledge it to stop the reminders.',
  },
} as const;

/** Formats an instant in the recipient's zone, with the zone's abbreviation so nobody guesses. */
export function formatDue(ms: number, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    timeZone,
    weekday: 'short',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(ms);
}

/** A budget period `[start, end)` as its first and last day in its own zone. */
function periodText(p: { start: number; end: number; timeZone: string }, locale: Locale): string {
  const day = new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    timeZone: p.timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  });
  return `${day.format(p.start)} – ${day.format(Math.max(p.start, p.end - 1))} (${p.timeZone})`;
}

/** A rule name in words: `burn_1h_5m` reads "burn rate over 1h and 5m". */
function ruleText(rule: string, locale: Locale): string {
  const m = /^burn_(\w+?)_(\w+)$/.exec(rule);
  if (m)
    return locale === 'de' ? `Verbrauchsrate über ${m[1]} und ${m[2]}` : `burn rate over ${m[1]} and ${m[2]}`;
  if (rule === 'budget_spent') return locale === 'de' ? 'Budget aufgebraucht' : 'budget spent';
  return rule;
}

function percent(share: number, locale: Locale): string {
  return `${Math.round(share * 100)}${locale === 'de' ? ' %' : '%'}`;
}

function ticketRef(m: NotificationMessage): string {
  const t = m.facts.ticket;
  if (!t) return '';
  return t.number !== undefined ? `#${t.number}` : t.id;
}

function headline(m: NotificationMessage): { title: string; summary: string } {
  const { facts, locale } = m;
  const de = locale === 'de';
  const ref = ticketRef(m);
  const target = facts.clock ? TARGET[locale][facts.clock.target] : de ? 'SLA-Ziel' : 'SLA target';
  const service = facts.service?.name ?? '';
  const byKind: Record<MessageKind, () => { title: string; summary: string }> = {
    ticket_warning: () => {
      const used = facts.clock?.shareUsed !== undefined ? percent(facts.clock.shareUsed, locale) : undefined;
      return de
        ? {
            title: `Warnung: Ticket ${ref} hat ${used ?? 'einen Großteil'} der ${target}szeit verbraucht`,
            summary: `Das Ticket nähert sich seinem SLA-Ziel (${target}). Bitte jetzt bearbeiten.`,
          }
        : {
            title: `Warning: ticket ${ref} has used ${used ?? 'most'} of its ${target} time`,
            summary: `The ticket is getting close to its SLA target (${target}). Please act now.`,
          };
    },
    ticket_breach: () =>
      de
        ? {
            title: `SLA verletzt: Ticket ${ref} – ${target}szeit überschritten`,
            summary: `Das SLA-Ziel (${target}) wurde nicht eingehalten.`,
          }
        : {
            title: `SLA breached: ticket ${ref} – ${target} time exceeded`,
            summary: `The SLA target (${target}) was missed.`,
          },
    ticket_after_breach: () =>
      de
        ? {
            title: `Eskalation Stufe ${facts.level}: Ticket ${ref} ist weiter überfällig`,
            summary: `Das SLA-Ziel (${target}) ist seit einiger Zeit verletzt und noch nicht erledigt.`,
          }
        : {
            title: `Escalation level ${facts.level}: ticket ${ref} is still overdue`,
            summary: `The SLA target (${target}) was missed a while ago and is still open.`,
          },
    outage: () =>
      de
        ? { title: `Ausfall: ${service}`, summary: `Der Dienst ${service} ist nicht erreichbar.` }
        : { title: `Outage: ${service}`, summary: `The service ${service} is down.` },
    burn_rate: () =>
      de
        ? {
            title: `Fehlerbudget schmilzt: ${service}`,
            summary: `${service} verbraucht sein Fehlerbudget schneller als vereinbart.`,
          }
        : {
            title: `Error budget burning fast: ${service}`,
            summary: `${service} is using up its error budget faster than agreed.`,
          },
    budget_spent: () =>
      de
        ? {
            title: `Fehlerbudget aufgebraucht: ${service}`,
            summary: `${service} hat sein Fehlerbudget für diesen Zeitraum aufgebraucht.`,
          }
        : {
            title: `Error budget spent: ${service}`,
            summary: `${service} has used up its error budget for this period.`,
          },
    reminder: () => {
      const r = facts.reminder;
      const what = r?.title ?? '';
      const overdue = r?.state === 'overdue';
      if (r?.about === 'action')
        return de
          ? {
              title: `Maßnahme überfällig: ${what}`,
              summary: `Die Maßnahme „${what}“ war am ${r.dueDate} fällig. Bitte erledigen oder neu terminieren.`,
            }
          : {
              title: `Action overdue: ${what}`,
              summary: `The action "${what}" was due on ${r.dueDate}. Please finish it or set a new date.`,
            };
      return de
        ? {
            title: `SLA-Review ${overdue ? 'überfällig' : 'fällig'}: ${what}`,
            summary: `Das SLA „${what}“ ist am ${r?.dueDate ?? ''} zur Überprüfung fällig. Bitte einen Termin ansetzen.`,
          }
        : {
            title: `SLA review ${overdue ? 'overdue' : 'due'}: ${what}`,
            summary: `The SLA "${what}" is due for review on ${r?.dueDate ?? ''}. Please schedule the review.`,
          };
    },
    acknowledgement_reminder: () => {
      const n = facts.acknowledgements?.versions.length ?? 0;
      return de
        ? {
            title: n === 1 ? 'Bitte eine SLA-Version bestätigen' : `Bitte ${n} SLA-Versionen bestätigen`,
            summary:
              'Für Ihre Arbeit gelten SLA-Versionen, die Sie noch nicht bestätigt haben. Bitte lesen Sie die Kurzreferenz und bestätigen Sie sie in Pledge.',
          }
        : {
            title: n === 1 ? 'Please acknowledge an SLA version' : `Please acknowledge ${n} SLA versions`,
            summary:
              'SLA versions you work under are in force and you have not acknowledged them yet. Please read the quick reference and acknowledge them in Pledge.',
          };
    },
    scheduled_report: () => {
      const r = facts.report;
      return de
        ? { title: `SLA-Bericht ${r?.period ?? ''}: ${r?.customerName ?? ''}`, summary: r?.summary ?? '' }
        : { title: `SLA report ${r?.period ?? ''}: ${r?.customerName ?? ''}`, summary: r?.summary ?? '' };
    },
    test: () =>
      de
        ? { title: 'Testnachricht von Pledge', summary: 'Dieser Kanal ist richtig eingerichtet.' }
        : { title: 'Test message from Pledge', summary: 'This channel is set up correctly.' },
  };
  return byKind[facts.kind]();
}

function severityOf(kind: MessageKind): RenderedMessage['severity'] {
  if (kind === 'ticket_warning' || kind === 'burn_rate' || kind === 'reminder') return 'warning';
  if (kind === 'test' || kind === 'acknowledgement_reminder' || kind === 'scheduled_report') return 'info';
  return 'critical';
}

function factsOf(m: NotificationMessage): RenderedFact[] {
  const { facts, locale, timeZone } = m;
  const l = LABELS[locale];
  const out: RenderedFact[] = [];
  const at = (ms: number): string => formatDue(ms, locale, timeZone);
  if (facts.ticket) {
    out.push({ label: l.ticket, value: `${ticketRef(m)} ${facts.ticket.title}` });
    out.push({ label: l.customer, value: facts.ticket.customerName });
    out.push({ label: l.priority, value: facts.ticket.priority });
  }
  if (facts.clock) {
    out.push({ label: l.target, value: TARGET[locale][facts.clock.target] });
    out.push({ label: l.due, value: at(facts.clock.dueAt) });
    if (facts.clock.breachedAt !== undefined)
      out.push({ label: l.breached, value: at(facts.clock.breachedAt) });
    if (facts.clock.shareUsed !== undefined)
      out.push({ label: l.used, value: percent(facts.clock.shareUsed, locale) });
  }
  if (facts.service) out.push({ label: l.service, value: facts.service.name });
  if (facts.outage) {
    out.push({ label: l.outageSince, value: at(facts.outage.startedAt) });
    if (facts.outage.durationMs !== undefined)
      out.push({
        label: l.lasting,
        value: `${Math.max(1, Math.round(facts.outage.durationMs / 60_000))} min`,
      });
    if (facts.outage.reason) out.push({ label: l.reason, value: facts.outage.reason });
  }
  if (facts.budget?.burnRate !== undefined)
    out.push({
      label: l.burnRate,
      value: `${facts.budget.burnRate.toLocaleString(locale === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 1 })}×`,
    });
  if (facts.budget?.remainingShare !== undefined)
    out.push({ label: l.remaining, value: percent(facts.budget.remainingShare, locale) });
  if (facts.budget?.rule !== undefined)
    out.push({ label: l.rule, value: ruleText(facts.budget.rule, locale) });
  if (facts.budget?.used !== undefined)
    out.push({ label: l.budgetUsed, value: percent(facts.budget.used, locale) });
  if (facts.budget?.target !== undefined)
    out.push({
      label: l.availabilityTarget,
      value: `${(facts.budget.target * 100).toLocaleString(locale === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 3 })}${locale === 'de' ? ' %' : '%'}`,
    });
  if (facts.budget?.period !== undefined)
    out.push({ label: l.period, value: periodText(facts.budget.period, locale) });
  if (facts.reminder) out.push({ label: l.dueOn, value: facts.reminder.dueDate });
  for (const v of facts.acknowledgements?.versions ?? [])
    out.push({
      label: l.slaVersion,
      value: `${v.slaName}, ${locale === 'de' ? 'Version' : 'version'} ${v.version}${v.effectiveFrom === null ? '' : ` (${locale === 'de' ? 'gilt seit' : 'in force since'} ${at(v.effectiveFrom)})`}`,
    });
  if (facts.kind !== 'test' && facts.kind !== 'reminder' && facts.kind !== 'acknowledgement_reminder')
    out.push({ label: l.level, value: String(facts.level) });
  return out;
}

function linksOf(m: NotificationMessage): RenderedLink[] {
  const l = LABELS[m.locale];
  const out: RenderedLink[] = [];
  if (m.facts.ticket) out.push({ label: l.open, url: m.facts.ticket.url });
  else if (m.facts.service?.url) out.push({ label: l.openService, url: m.facts.service.url });
  else if (m.facts.reminder) out.push({ label: l.openReminder, url: m.facts.reminder.url });
  for (const v of m.facts.acknowledgements?.versions ?? [])
    out.push({ label: `${l.quickReference}: ${v.slaName} v${v.version}`, url: v.quickReferenceUrl });
  if (m.facts.acknowledgements) out.push({ label: l.openPledge, url: m.facts.acknowledgements.url });
  if (m.facts.acknowledgeUrl) out.push({ label: l.acknowledge, url: m.facts.acknowledgeUrl });
  return out;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string);

const COLOURS: Record<RenderedMessage['severity'], string> = {
  info: '#2563eb',
  warning: '#d97706',
  critical: '#dc2626',
};

/** The colour of a severity, for chat cards. */
export const severityColour = (severity: RenderedMessage['severity']): string => COLOURS[severity];

function htmlOf(
  title: string,
  summary: string,
  facts: readonly RenderedFact[],
  links: readonly RenderedLink[],
  severity: RenderedMessage['severity'],
  m: NotificationMessage,
): string {
  const rows = facts
    .map(
      (f) =>
        `<tr><th align="left" style="padding:2px 12px 2px 0;color:#555">${escapeHtml(f.label)}</th><td style="padding:2px 0">${escapeHtml(f.value)}</td></tr>`,
    )
    .join('\n');
  const buttons = links
    .map(
      (k) =>
        `<a href="${escapeHtml(k.url)}" style="display:inline-block;margin-right:8px;padding:8px 14px;background:${COLOURS[severity]};color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(k.label)}</a>`,
    )
    .join('\n');
  return [
    '<!doctype html>',
    `<html lang="${m.locale}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>`,
    '<body style="font-family:system-ui,-apple-system,Segoe UI,sans-serif;font-size:14px;color:#111">',
    `<h2 style="color:${COLOURS[severity]};margin:0 0 8px">${escapeHtml(title)}</h2>`,
    `<p>${escapeHtml(summary)}</p>`,
    `<table cellspacing="0" cellpadding="0">\n${rows}\n</table>`,
    `<p style="margin-top:16px">${buttons}</p>`,
    `<p style="color:#777;font-size:12px">${escapeHtml(LABELS[m.locale].footer)}</p>`,
    '</body></html>',
  ].join('\n');
}

function shortOf(title: string, m: NotificationMessage, limit = 160): string {
  const due = m.facts.clock
    ? ` ${LABELS[m.locale].due}: ${formatDue(m.facts.clock.dueAt, m.locale, m.timeZone)}`
    : '';
  const text = `Pledge: ${title}.${due}`;
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

/** Renders a notice in the recipient's language and time zone: subject, HTML and plain text, SMS text. */
export function renderMessage(m: NotificationMessage): RenderedMessage {
  const { title, summary } = headline(m);
  const facts = factsOf(m);
  const links = linksOf(m);
  const severity = severityOf(m.facts.kind);
  const width = Math.max(...facts.map((f) => f.label.length), 0);
  const text = [
    title,
    '',
    summary,
    '',
    ...facts.map((f) => `${`${f.label}:`.padEnd(width + 2)}${f.value}`),
    '',
    ...links.map((k) => `${k.label}: ${k.url}`),
    '',
    '-- ',
    LABELS[m.locale].footer,
    '',
  ].join('\n');
  return {
    subject: `[Pledge] ${title}`,
    title,
    summary,
    facts,
    links,
    text,
    html: htmlOf(title, summary, facts, links, severity, m),
    short: shortOf(title, m),
    severity,
  };
}
