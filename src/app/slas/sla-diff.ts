import { DEFAULT_COMPLIANCE_GOAL } from '../../domain/reports/customer-report.ts';
import { formatDuration, formatInstant } from '../../domain/shared/time.ts';
import type { VersionContent } from './sla-terms.ts';

/** Names for the ids a version refers to, so a diff reads "Office hours Munich" rather than a UUID. */
export interface Labels {
  /** Null is 24/7. */
  calendar(id: string | null): string;
  customer(id: string): string;
  service(id: string): string;
}

/** One difference between two versions, old → new. Null means "not set" (e.g. no P4 update target). */
export interface VersionChange {
  /** Stable key, e.g. `targets.P1.resolution`, `availability.<serviceId>`, `warnings`. */
  readonly field: string;
  /** For people, e.g. "P1 resolution". */
  readonly label: string;
  readonly before: string | null;
  readonly after: string | null;
  /** e.g. "P1 resolution: PT4H on 24/7 → PT2H on 24/7". */
  readonly text: string;
}

const METRIC_LABELS = {
  firstResponse: 'first response',
  resolution: 'resolution',
  update: 'update',
} as const;
const METRIC_ORDER = Object.keys(METRIC_LABELS);
const GROUPS = [
  'effectiveFrom',
  'customers',
  'services',
  'targets',
  'pauseStatuses',
  'warnings',
  'availability',
  'reviewIntervalMonths',
  'credits',
  'complianceGoal',
];
const ALL_SERVICES = '*';

/** A share as people read it: 0.995 → "99.5 %". */
export function percent(share: number): string {
  return `${Number((share * 100).toFixed(4))} %`;
}

const joined = (items: readonly string[]): string => (items.length === 0 ? 'none' : items.join(', '));

/** Every comparable part of a version as a readable value, keyed by field. */
export function describeContent(content: VersionContent, labels: Labels): Map<string, string> {
  const out = new Map<string, string>();
  out.set(
    'effectiveFrom',
    content.effectiveFrom === null ? 'on activation' : formatInstant(content.effectiveFrom),
  );
  out.set('customers', joined(content.customerIds.map((id) => labels.customer(id)).sort()));
  out.set('services', joined(content.serviceIds.map((id) => labels.service(id)).sort()));
  for (const [priority, targets] of Object.entries(content.terms.targets)) {
    for (const metric of METRIC_ORDER as (keyof typeof METRIC_LABELS)[]) {
      const spec = targets[metric];
      if (spec)
        out.set(
          `targets.${priority}.${metric}`,
          `${formatDuration(spec.durationMs)} on ${labels.calendar(spec.calendarId)}`,
        );
    }
  }
  out.set('pauseStatuses', joined(content.terms.pauseStatuses));
  out.set('warnings', joined(content.terms.warnings.map(percent)));
  for (const a of content.terms.availability) {
    out.set(
      `availability.${a.serviceId ?? ALL_SERVICES}`,
      `${percent(a.target)} on ${labels.calendar(a.calendarId)}`,
    );
  }
  out.set('reviewIntervalMonths', `${content.terms.reviewIntervalMonths} months`);
  out.set(
    'credits',
    joined(content.terms.credits.map((c) => `below ${percent(c.below)}: ${c.creditPercent} % credit`)),
  );
  // Unset means the report's default, so setting the default explicitly is no change.
  out.set('complianceGoal', percent(content.terms.complianceGoal ?? DEFAULT_COMPLIANCE_GOAL));
  return out;
}

function labelOf(field: string, labels: Labels): string {
  const [group, first, second] = field.split('.');
  switch (group) {
    case 'effectiveFrom':
      return 'Effective from';
    case 'customers':
      return 'Customers';
    case 'services':
      return 'Services';
    case 'targets':
      return `${first ?? ''} ${METRIC_LABELS[second as keyof typeof METRIC_LABELS] ?? second ?? ''}`;
    case 'pauseStatuses':
      return 'Pause statuses';
    case 'warnings':
      return 'Warnings';
    case 'availability':
      return first === ALL_SERVICES || first === undefined
        ? 'Availability of every covered service'
        : `Availability of ${labels.service(first)}`;
    case 'reviewIntervalMonths':
      return 'Review interval';
    case 'credits':
      return 'Credits';
    case 'complianceGoal':
      return 'Compliance goal';
    default:
      return field;
  }
}

function compareFields(a: string, b: string): number {
  const [ga = '', pa = '', ma = ''] = a.split('.');
  const [gb = '', pb = '', mb = ''] = b.split('.');
  return (
    GROUPS.indexOf(ga) - GROUPS.indexOf(gb) ||
    pa.localeCompare(pb, 'en', { numeric: true }) ||
    METRIC_ORDER.indexOf(ma) - METRIC_ORDER.indexOf(mb)
  );
}

/** What differs from `before` to `after`, in a fixed order (dates, coverage, targets by priority, the rest). */
export function diffContents(before: VersionContent, after: VersionContent, labels: Labels): VersionChange[] {
  const a = describeContent(before, labels);
  const b = describeContent(after, labels);
  const fields = [...new Set([...a.keys(), ...b.keys()])].sort(compareFields);
  const changes: VersionChange[] = [];
  for (const field of fields) {
    const was = a.get(field) ?? null;
    const now = b.get(field) ?? null;
    if (was === now) continue;
    const label = labelOf(field, labels);
    changes.push({
      field,
      label,
      before: was,
      after: now,
      text: `${label}: ${was ?? 'not set'} → ${now ?? 'not set'}`,
    });
  }
  return changes;
}

/** The changes in the audit log's shape: `{ field: [before, after] }`. */
export function auditChanges(changes: readonly VersionChange[]): Record<string, [unknown, unknown]> {
  return Object.fromEntries(changes.map((c) => [c.field, [c.before, c.after]]));
}
