// When an SLA is next due for review: pure date arithmetic on "YYYY-MM-DD" days, shared by the review list,
// the dashboard and the reminders.
import { DomainError } from '../../domain/shared/errors.ts';
import { DAY_MS } from '../../domain/shared/time.ts';
import type { Sla, SlaVersion } from '../slas/slas.repository.ts';

/** A review falls "due" this many days before its date; after the date it is "overdue". */
export const DUE_LEAD_DAYS = 30;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

/** The UTC day of an instant, "YYYY-MM-DD". */
export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** @throws DomainError REVIEW_INVALID unless `text` is a real calendar day "YYYY-MM-DD". */
export function parseDay(text: string, field: string): string {
  const m = DAY.exec(text);
  if (m && dayOf(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) === text) return text;
  throw new DomainError('REVIEW_INVALID', `${field} must be a day like 2026-03-31`, { field });
}

/** @throws DomainError REVIEW_INVALID unless `text` is a month "YYYY-MM". */
export function parseMonth(text: string, field: string): string {
  const m = MONTH.exec(text);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return text;
  throw new DomainError('REVIEW_INVALID', `${field} must be a month like 2026-03`, { field });
}

/** The day `months` calendar months later; the 31st of a shorter month becomes its last day. */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return dayOf(Date.UTC(y, m - 1 + months, Math.min(d, lastDay)));
}

export function addDays(day: string, days: number): string {
  return dayOf(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS);
}

/** Every month from `from` to `to`, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let day = `${from}-01`; day.slice(0, 7) <= to; day = addMonths(day, 1)) out.push(day.slice(0, 7));
  return out;
}

export type ReviewState = 'scheduled' | 'due' | 'overdue';

/** An SLA's review cadence as of one day. */
export interface ReviewSchedule {
  readonly slaId: string;
  readonly slaName: string;
  readonly ownerUserId: string | null;
  /** The customers of the version in force. */
  readonly customerIds: readonly string[];
  readonly intervalMonths: number;
  readonly lastReviewDate: string | null;
  /** The SLA's first activation, where the cadence starts before the first review. */
  readonly activatedOn: string;
  readonly nextReviewDate: string;
  readonly state: ReviewState;
}

/**
 * The next review of an SLA: its last review's date, else the day it was first activated, plus the review
 * interval of the version in force. Null for an SLA with no version in force (nothing to review yet).
 */
export function reviewSchedule(
  sla: Sla,
  versions: readonly SlaVersion[],
  lastReviewDate: string | null,
  today: string,
): ReviewSchedule | null {
  const active = versions.find((v) => v.status === 'active');
  if (!active) return null;
  const firstActivation = Math.min(
    ...versions.flatMap((v) => (v.activatedAt === null ? [] : [v.activatedAt])),
    active.effectiveFrom ?? Number.POSITIVE_INFINITY,
  );
  const activatedOn = dayOf(Number.isFinite(firstActivation) ? firstActivation : active.createdAt);
  const intervalMonths = active.terms.reviewIntervalMonths;
  const nextReviewDate = addMonths(lastReviewDate ?? activatedOn, intervalMonths);
  const state: ReviewState =
    today > nextReviewDate
      ? 'overdue'
      : addDays(nextReviewDate, -DUE_LEAD_DAYS) <= today
        ? 'due'
        : 'scheduled';
  return {
    slaId: sla.id,
    slaName: sla.name,
    ownerUserId: sla.ownerUserId,
    customerIds: active.customerIds,
    intervalMonths,
    lastReviewDate,
    activatedOn,
    nextReviewDate,
    state,
  };
}
