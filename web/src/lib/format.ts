// Durations and instants as people read them, in the UI's language.
import type { Locale } from '../i18n/locale.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "2d 3h", "3h 05m", "4m 09s": the two largest units, always non-negative. */
export function formatDuration(ms: number, withSeconds = false): string {
  const abs = Math.abs(ms);
  const d = Math.floor(abs / DAY);
  const h = Math.floor((abs % DAY) / HOUR);
  const m = Math.floor((abs % HOUR) / MINUTE);
  const s = Math.floor((abs % MINUTE) / SECOND);
  const pad = (n: number): string => String(n).padStart(2, '0');
  if (d > 0) return withSeconds ? `${d}d ${h}h ${pad(m)}m ${pad(s)}s` : `${d}d ${h}h`;
  if (h > 0) return withSeconds ? `${h}h ${pad(m)}m ${pad(s)}s` : `${h}h ${pad(m)}m`;
  if (withSeconds) return `${m}m ${pad(s)}s`;
  return `${m}m`;
}

/** Business hours as "8 h" / "7.5 h". */
export function formatHours(ms: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(ms / HOUR);
}

export function formatInstant(iso: string | null | undefined, locale: Locale, timeZone?: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).format(new Date(iso));
}

export function formatDate(date: string, locale: Locale): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}

/** "PT4H30M" → 16200000; null for anything else. */
export function parseIsoDuration(text: string): number | null {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?$/.exec(text.trim());
  if (!m || (!m[1] && !m[2])) return null;
  return Number(m[1] ?? 0) * HOUR + Number(m[2] ?? 0) * MINUTE;
}

/** What a person types ("4h", "30m", "1h30m", "1.5h", "90") → an ISO duration, or null. */
export function parseHumanDuration(text: string): string | null {
  const t = text.trim().toLowerCase().replace(/\s+/g, '').replace(',', '.');
  if (!t) return null;
  if (/^pt/.test(t)) return parseIsoDuration(t.toUpperCase()) === null ? null : t.toUpperCase();
  let minutes: number;
  const hm = /^(?:(\d+(?:\.\d+)?)h)?(?:(\d+)m(?:in)?)?$/.exec(t);
  if (hm && (hm[1] || hm[2])) minutes = Math.round(Number(hm[1] ?? 0) * 60) + Number(hm[2] ?? 0);
  else if (/^\d+$/.test(t)) minutes = Number(t);
  else return null;
  if (minutes <= 0) return null;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}`;
}

/** An ISO duration as a person writes it: "PT1H30M" → "1h30m". */
export function humanDuration(iso: string | null | undefined): string {
  if (!iso) return '';
  return iso.replace(/^PT/, '').toLowerCase();
}

/** The zones a picker offers: every IANA zone the browser knows, with UTC and the browser's own. */
export const TIME_ZONES: readonly string[] = (() => {
  const list = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.(
    'timeZone',
  ) ?? ['Europe/Berlin', 'Europe/Vienna', 'Europe/Zurich', 'Europe/London'];
  return [...new Set([...list, 'UTC', browserTimeZone()])].sort();
})();

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'Europe/Berlin';
}
