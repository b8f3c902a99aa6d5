// The plain-language line at the top of a customer report, in German and English.
import type { AvailabilityRow, ComplianceRow, ReportMetric } from './customer-report.ts';

export type ReportLanguage = 'de' | 'en';
export const REPORT_LANGUAGES: readonly ReportLanguage[] = ['de', 'en'];

export interface ReportSummary {
  readonly de: string;
  readonly en: string;
}

/**
 * A share as people read it: percent with at most `digits` decimals, trailing zeros dropped, a decimal comma
 * in German, and a space before the sign ("88 %", "99,25 %").
 */
export function formatPercent(share: number, lang: ReportLanguage, digits = 1): string {
  const text = String(Number((share * 100).toFixed(digits)));
  return `${lang === 'de' ? text.replace('.', ',') : text} %`;
}

const METRIC_WORDS: Readonly<Record<ReportLanguage, Readonly<Record<ReportMetric, string>>>> = {
  en: { first_response: 'first response', resolution: 'resolution' },
  de: { first_response: 'Erstreaktion', resolution: 'Lösung' },
};

/** Availability is shown with up to three decimals so that 99.49 % does not read as 99.5 %. */
const AVAILABILITY_DIGITS = 3;

/** A compliance row, named by its SLA when the report has several. */
export type JudgedRow = ComplianceRow & { readonly slaName?: string | null };

function misses(
  availability: readonly AvailabilityRow[],
  compliance: readonly JudgedRow[],
  lang: ReportLanguage,
): string[] {
  const out: string[] = [];
  for (const a of availability) {
    if (a.achieved !== false || a.availability === null || a.target === null) continue;
    const got = formatPercent(a.availability, lang, AVAILABILITY_DIGITS);
    const want = formatPercent(a.target, lang, AVAILABILITY_DIGITS);
    out.push(
      lang === 'de'
        ? `Verfügbarkeit von ${a.name} ${got} (Ziel ${want})`
        : `availability of ${a.name}: ${got} against ${want}`,
    );
  }
  for (const c of compliance) {
    if (c.achieved) continue;
    const got = formatPercent(c.compliance, lang);
    const want = formatPercent(c.goal, lang);
    const metric = METRIC_WORDS[lang][c.metric];
    const which = c.slaName === undefined ? '' : ` (${c.slaName ?? (lang === 'de' ? 'ohne SLA' : 'no SLA')})`;
    out.push(
      lang === 'de'
        ? `${metric} der ${c.priority}-Tickets${which} ${got} (Ziel ${want})`
        : `${metric} of ${c.priority} tickets${which}: ${got} against ${want}`,
    );
  }
  return out;
}

function sentence(
  availability: readonly AvailabilityRow[],
  compliance: readonly JudgedRow[],
  lang: ReportLanguage,
): string {
  const measured = compliance.length > 0 || availability.some((a) => a.achieved !== null);
  if (!measured)
    return lang === 'de'
      ? 'In diesem Zeitraum war kein Ziel zu messen.'
      : 'No target was measured in this period.';
  const missed = misses(availability, compliance, lang);
  if (missed.length === 0) return lang === 'de' ? 'Alle Ziele erreicht.' : 'All targets met.';
  return lang === 'de'
    ? `Alle Ziele erreicht außer: ${missed.join('; ')}.`
    : `All targets met except ${missed.join('; ')}.`;
}

/** "All targets met." or the targets missed, with the figure against the goal, in both languages. */
export function reportSummary(
  availability: readonly AvailabilityRow[],
  compliance: readonly JudgedRow[],
): ReportSummary {
  return { de: sentence(availability, compliance, 'de'), en: sentence(availability, compliance, 'en') };
}
