// The SLA versions diff in German: the server describes changes in English, keyed by stable field names; the web
// UI words them in the reader's language. The server's own diff function feeds the translation, so a change in
// its wording shows up here rather than as English text on a German screen.
import { describe, expect, it } from 'vitest';
import { diffContents, type Labels } from '../../src/app/slas/sla-diff.ts';
import { EMPTY_CONTENT, type VersionContent } from '../../src/app/slas/sla-terms.ts';
import { de } from '../../web/src/i18n/de.ts';
import { en, type MessageKey } from '../../web/src/i18n/en.ts';
import type { Translate } from '../../web/src/i18n/locale.ts';
import { changeLabel, changeValue } from '../../web/src/lib/sla-diff.ts';

const HOUR = 3_600_000;
const names: Record<string, string> = { office: 'Büro München', mail: 'Mail', acme: 'Acme' };
const labels: Labels = {
  calendar: (id) => (id === null ? '24/7' : (names[id] ?? id)),
  customer: (id) => names[id] ?? id,
  service: (id) => names[id] ?? id,
};
const translator =
  (dictionary: Record<MessageKey, string>): Translate =>
  (key, values) =>
    dictionary[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      values && name in values ? String(values[name]) : whole,
    );

const before: VersionContent = {
  ...EMPTY_CONTENT,
  customerIds: ['acme'],
  terms: {
    ...EMPTY_CONTENT.terms,
    targets: { P1: { resolution: { durationMs: 4 * HOUR, calendarId: null } } },
    warnings: [0.5, 0.75],
    availability: [{ serviceId: 'mail', target: 0.995, calendarId: null }],
    credits: [{ below: 0.995, creditPercent: 10 }],
  },
};
const after: VersionContent = {
  ...before,
  customerIds: [],
  terms: {
    ...before.terms,
    targets: { P1: { resolution: { durationMs: 2 * HOUR, calendarId: 'office' } } },
    pauseStatuses: ['waiting for customer'],
    warnings: [0.8],
    availability: [{ serviceId: 'mail', target: 0.999, calendarId: 'office' }],
    reviewIntervalMonths: 6,
    credits: [
      { below: 0.999, creditPercent: 5 },
      { below: 0.99, creditPercent: 15 },
    ],
  },
};

function rows(t: Translate, locale: 'de' | 'en'): string[] {
  return diffContents(before, after, labels).map(
    (c) =>
      `${changeLabel(c.field, c.label, t, (id) => names[id] ?? id)}: ${changeValue(c.before, locale, t)} → ${changeValue(c.after, locale, t)}`,
  );
}

describe('the SLA versions diff in the web UI', () => {
  it('words every change of the server in German', () => {
    expect(rows(translator(de), 'de')).toEqual([
      'Kunden: Acme → keine',
      'P1 Lösung: 4h · 24/7 → 2h · Büro München',
      'Pausierende Status: keine → waiting for customer',
      'Warnungen: 50 %, 75 % → 80 %',
      'Verfügbarkeit von Mail: 99,5 % · 24/7 → 99,9 % · Büro München',
      'Review-Intervall: 12 Monate → 6 Monate',
      'Gutschriften: unter 99,5 %: 10 % Gutschrift → unter 99,9 %: 5 % Gutschrift, unter 99 %: 15 % Gutschrift',
    ]);
  });

  it('reads the same as the server in English', () => {
    const english = rows(translator(en), 'en');
    expect(english[1]).toBe('P1 Resolution: 4h · 24/7 → 2h · Büro München');
    expect(english[4]).toBe('Availability of Mail: 99.5 % · 24/7 → 99.9 % · Büro München');
  });

  it('keeps the server label for a field it does not know', () => {
    const t = translator(de);
    expect(changeLabel('complianceGoal', 'Compliance goal', t)).toBe('Compliance goal');
  });
});
