import type { CustomerStatus, ServiceStatus } from '../../app/monitoring/status-page.use-cases.ts';
import type { AvailabilityFigures } from '../../domain/availability/availability.ts';
import type { MonitorState } from '../../domain/monitoring/types.ts';

/** The words of a status page, in the customer's language. */
const WORDS = {
  en: {
    status: 'Status',
    state: {
      up: 'Operational',
      degraded: 'Degraded',
      down: 'Outage',
      unknown: 'No data',
      maintenance: 'Maintenance',
    },
    thisMonth: 'this month',
    target: 'target',
    days: '90 days ago',
    today: 'today',
    outages: 'Past outages (90 days)',
    noOutages: 'No outages in the last 90 days.',
    maintenance: 'Planned maintenance',
    noMaintenance: 'No maintenance planned in the next 30 days.',
    ongoing: 'ongoing',
    noServices: 'No services are monitored yet.',
    updated: 'Updated',
    times: 'Times in',
    noData: 'no data',
  },
  de: {
    status: 'Status',
    state: {
      up: 'In Betrieb',
      degraded: 'Eingeschränkt',
      down: 'Störung',
      unknown: 'Keine Daten',
      maintenance: 'Wartung',
    },
    thisMonth: 'diesen Monat',
    target: 'Ziel',
    days: 'vor 90 Tagen',
    today: 'heute',
    outages: 'Störungen der letzten 90 Tage',
    noOutages: 'Keine Störungen in den letzten 90 Tagen.',
    maintenance: 'Geplante Wartung',
    noMaintenance: 'Keine Wartung in den nächsten 30 Tagen geplant.',
    ongoing: 'andauernd',
    noServices: 'Noch werden keine Dienste überwacht.',
    updated: 'Stand',
    times: 'Zeiten in',
    noData: 'keine Daten',
  },
} as const;

type Words = (typeof WORDS)[keyof typeof WORDS];

const COLOURS: Readonly<Record<MonitorState, string>> = {
  up: '#2f9e44',
  degraded: '#e8a317',
  down: '#d6336c',
  unknown: '#adb5bd',
  maintenance: '#4c6ef5',
};

const escape = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

export function percent(value: number | null, locale: 'de' | 'en'): string {
  if (value === null) return '–';
  const digits = value >= 0.9999 && value < 1 ? 3 : 2;
  return `${new Intl.NumberFormat(locale === 'de' ? 'de-DE' : 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value * 100)} %`;
}

function dayColour(f: AvailabilityFigures, target: number | null): string {
  if (f.availability === null) return f.maintenanceMs > 0 ? COLOURS.maintenance : COLOURS.unknown;
  if (f.availability >= (target ?? 1) || f.downMs === 0)
    return f.degradedMs > 0 ? COLOURS.degraded : COLOURS.up;
  return COLOURS.down;
}

function when(ms: number, zone: string, locale: 'de' | 'en'): string {
  return new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', {
    timeZone: zone,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(ms);
}

function duration(ms: number, locale: 'de' | 'en'): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 1) return '< 1 min';
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return locale === 'de' ? `${h} Std. ${m} min` : `${h} h ${m} min`;
}

function serviceBlock(s: ServiceStatus, w: Words, locale: 'de' | 'en'): string {
  const bars = s.days
    .map((d) => {
      const label = `${d.date}: ${d.figures.availability === null ? w.noData : percent(d.figures.availability, locale)}`;
      return `<span class="bar" style="background:${dayColour(d.figures, s.target)}" title="${escape(label)}"></span>`;
    })
    .join('');
  const target = s.target === null ? '' : ` · ${w.target} ${percent(s.target, locale)}`;
  return `<section class="service">
  <div class="head"><h2>${escape(s.name)}</h2><span class="state" style="color:${COLOURS[s.state]}">● ${w.state[s.state]}</span></div>
  <div class="bars" role="img" aria-label="${escape(`${s.name}: ${w.days} – ${w.today}`)}">${bars}</div>
  <div class="legend"><span>${w.days}</span><span>${percent(s.month.availability, locale)} ${w.thisMonth}${target}</span><span>${w.today}</span></div>
</section>`;
}

/** The public status page as one self-contained HTML document (no script, inline styles only). */
export function renderStatusPage(status: CustomerStatus, locale: 'de' | 'en'): string {
  const w = WORDS[locale];
  const zone = status.timeZone;
  const services =
    status.services.length === 0
      ? `<p>${w.noServices}</p>`
      : status.services.map((s) => serviceBlock(s, w, locale)).join('\n');
  const outages =
    status.outages.length === 0
      ? `<p>${w.noOutages}</p>`
      : `<ul>${status.outages
          .map(
            (o) =>
              `<li><strong>${escape(o.serviceName)}</strong> · ${when(o.startedAt, zone, locale)} · ${
                o.endedAt === null ? w.ongoing : duration(o.endedAt - o.startedAt, locale)
              }<br><small>${escape(o.cause)}</small></li>`,
          )
          .join('')}</ul>`;
  const maintenance =
    status.maintenance.length === 0
      ? `<p>${w.noMaintenance}</p>`
      : `<ul>${status.maintenance
          .map(
            (m) =>
              `<li><strong>${escape(m.name)}</strong>${m.serviceName ? ` (${escape(m.serviceName)})` : ''} · ${when(m.start, zone, locale)} – ${when(m.end, zone, locale)}</li>`,
          )
          .join('')}</ul>`;
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escape(status.title)} – ${w.status}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f8f9fa;color:#212529}
main{max-width:860px;margin:0 auto;padding:24px 16px}
h1{font-size:1.6rem;margin:0 0 4px}
h2{font-size:1.05rem;margin:0}
.service{background:#fff;border:1px solid #dee2e6;border-radius:8px;padding:14px 16px;margin:12px 0}
.head{display:flex;justify-content:space-between;align-items:baseline;gap:8px}
.state{font-weight:600;white-space:nowrap}
.bars{display:flex;gap:2px;margin:10px 0 4px;height:32px}
.bar{flex:1;border-radius:2px;min-width:2px}
.legend{display:flex;justify-content:space-between;font-size:.8rem;color:#6c757d}
section.list{margin-top:28px}
ul{padding-left:18px}
li{margin:6px 0}
footer{margin-top:32px;font-size:.8rem;color:#6c757d}
</style>
</head>
<body>
<main>
<h1>${escape(status.title)}</h1>
${services}
<section class="list"><h2>${w.maintenance}</h2>${maintenance}</section>
<section class="list"><h2>${w.outages}</h2>${outages}</section>
<footer>${w.updated}: ${when(status.generatedAt, zone, locale)} · ${w.times} ${escape(zone)}</footer>
</main>
</body>
</html>
`;
}

/** A small SVG badge ("availability | 99.95 %"), coloured against the target. */
export function renderBadge(
  label: string,
  value: number | null,
  target: number | null,
  locale: 'de' | 'en',
): string {
  const text = percent(value, locale);
  const colour =
    value === null
      ? COLOURS.unknown
      : value >= (target ?? 0.999)
        ? COLOURS.up
        : value >= (target ?? 0.999) - 0.01
          ? COLOURS.degraded
          : COLOURS.down;
  const lw = 6 * label.length + 12;
  const vw = 7 * text.length + 12;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${lw + vw}" height="20" role="img" aria-label="${escape(`${label}: ${text}`)}">
<title>${escape(`${label}: ${text}`)}</title>
<rect width="${lw}" height="20" fill="#555"/><rect x="${lw}" width="${vw}" height="20" fill="${colour}"/>
<g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11" text-anchor="middle">
<text x="${lw / 2}" y="14">${escape(label)}</text><text x="${lw + vw / 2}" y="14">${escape(text)}</text>
</g>
</svg>
`;
}
