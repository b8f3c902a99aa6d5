// The SLA versions diff in the UI's language. The API describes changes in English (its labels and values are for
// the audit log and scripts); its field keys are stable, so the words are chosen here.
import type { Locale, Translate } from '../i18n/locale.ts';
import { formatInstant, humanDuration } from './format.ts';

/** The API's diff labels are English; its stable field keys are translated here ("targets.P4.resolution" →
 * "P4 Lösung"). A field this version of the app does not know keeps the server's label. */
export function changeLabel(
  field: string,
  fallback: string,
  t: Translate,
  serviceName: (id: string) => string = (id) => id,
): string {
  const [group, first, second] = field.split('.');
  switch (group) {
    case 'effectiveFrom':
      return t('slas.effectiveFrom');
    case 'customers':
      return t('slas.customers');
    case 'services':
      return t('slas.services');
    case 'targets': {
      const metric =
        second === 'firstResponse'
          ? t('clock.first_response')
          : second === 'update'
            ? t('clock.update')
            : second === 'resolution'
              ? t('clock.resolution')
              : null;
      return metric && first ? `${first} ${metric}` : fallback;
    }
    case 'pauseStatuses':
      return t('slas.change.pauseStatuses');
    case 'warnings':
      return t('slas.change.warnings');
    case 'availability':
      return first === undefined || first === '*'
        ? t('slas.change.availabilityAll')
        : t('slas.change.availability', { service: serviceName(first) });
    case 'reviewIntervalMonths':
      return t('slas.change.reviewInterval');
    case 'credits':
      return t('slas.change.credits');
    default:
      return fallback;
  }
}

/** A value of the diff as the editor writes it, in the UI's language: "PT40H on Office Munich" →
 * "40h · Office Munich", "99.5 % on 24/7" → "99,5 % · 24/7", "none" → "keine". Names stay as they are. */
export function changeValue(value: string | null, locale: Locale, t: Translate): string {
  if (value === null || value === '') return '—';
  if (value === 'none') return t('slas.change.none');
  if (value === 'on activation') return t('slas.onActivation');
  if (/^\d{4}-\d{2}-\d{2}T/.test(value)) return formatInstant(value, locale);
  const number = (text: string): string =>
    Number.isFinite(Number(text))
      ? new Intl.NumberFormat(locale, { maximumFractionDigits: 4 }).format(Number(text))
      : text;
  const calendar = (name: string): string => (name === '24/7' ? t('slas.allDay') : name);
  const target = /^(PT[0-9HMS.]+) on (.+)$/.exec(value);
  if (target?.[1] && target[2]) return `${humanDuration(target[1])} · ${calendar(target[2])}`;
  const availability = /^([\d.]+) % on (.+)$/.exec(value);
  if (availability?.[1] && availability[2])
    return `${number(availability[1])} % · ${calendar(availability[2])}`;
  const months = /^(\d+) months$/.exec(value);
  if (months?.[1]) return t('slas.change.months', { n: months[1] });
  if (/^below [\d.]+ %: [\d.]+ % credit/.test(value))
    return value
      .split(', ')
      .map((part) => {
        const credit = /^below ([\d.]+) %: ([\d.]+) % credit$/.exec(part);
        return credit?.[1] && credit[2]
          ? t('slas.change.credit', { below: number(credit[1]), credit: number(credit[2]) })
          : part;
      })
      .join(', ');
  if (/^[\d.]+ %(, [\d.]+ %)*$/.test(value))
    return value
      .split(', ')
      .map((part) => `${number(part.replace(' %', ''))} %`)
      .join(', ');
  return value;
}
