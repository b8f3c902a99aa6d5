// SLA reviews: when each SLA is due, recording a review with the period's report snapshot and the actions
// agreed, and drafting the SLA's next version from a review's decisions.
import { DomainError } from '../../domain/shared/errors.ts';
import type { Actor } from '../actor.ts';
import { audit } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import type { Repositories } from '../ports/repositories.ts';
import { customerReport } from '../reports/customer-report.use-cases.ts';
import { requireSlaStaff } from '../slas/sla-access.ts';
import type { VersionChange } from '../slas/sla-diff.ts';
import type { VersionInput } from '../slas/sla-terms.ts';
import { createVersion, diffVersions } from '../slas/sla-versions.use-cases.ts';
import type { Sla, SlaVersion } from '../slas/slas.repository.ts';
import { insertAction, type ActionInput } from './actions.use-cases.ts';
import {
  dayOf,
  monthsBetween,
  parseDay,
  parseMonth,
  reviewSchedule,
  type ReviewSchedule,
} from './review-schedule.ts';
import type { ActionRecord, ReviewRecord } from './reviews.repository.ts';

const MAX_PARTICIPANTS = 50;
const MAX_NAME = 200;
const MAX_TEXT = 20_000;
const MAX_MONTHS = 24;
const MAX_ACTIONS = 50;
const SLA_PAGE = 500;

export interface ReviewInput {
  readonly slaId: string;
  readonly date: string;
  readonly participants: readonly string[];
  readonly periodFrom: string;
  readonly periodTo: string;
  readonly findings?: string;
  readonly decisions?: string;
  readonly actions?: readonly ActionInput[];
}

/** One customer's report for one month of the reviewed period, as it stood when the review was recorded. */
export interface SnapshotEntry {
  readonly customerId: string;
  readonly month: string;
  readonly report: unknown;
}

export interface ReviewSnapshot {
  readonly takenAt: number;
  readonly reports: readonly SnapshotEntry[];
}

/** A recorded review with what belongs to it: its SLA's name, the actions agreed, the drafted version and its diff. */
export interface ReviewDetail {
  readonly review: ReviewRecord;
  readonly slaName: string;
  readonly actions: readonly ActionRecord[];
  readonly draft: {
    readonly version: number;
    readonly status: SlaVersion['status'];
    /** The version the draft was copied from; null when it is the SLA's first. */
    readonly basedOn: number | null;
    readonly changes: readonly VersionChange[];
  } | null;
}

function invalid(message: string, field: string): DomainError {
  return new DomainError('REVIEW_INVALID', message, { field });
}

function cleanText(text: string | undefined, field: string): string {
  const t = (text ?? '').trim();
  if (t.length > MAX_TEXT) throw invalid(`${field} may hold ${MAX_TEXT} characters`, field);
  return t;
}

/** Every SLA that is not archived, with all its versions. */
async function allSlas(repos: Pick<Repositories, 'slas'>): Promise<{ sla: Sla; versions: SlaVersion[] }[]> {
  const out: { sla: Sla; versions: SlaVersion[] }[] = [];
  for (let offset = 0; ; offset += SLA_PAGE) {
    const page = await repos.slas.listSlas({}, { limit: SLA_PAGE, offset });
    for (const sla of page.items) out.push({ sla, versions: await repos.slas.listVersions(sla.id) });
    if (page.items.length < SLA_PAGE) return out;
  }
}

/** When every SLA in force is next due for review, as of `now` (UTC days). */
export async function reviewSchedules(
  repos: Pick<Repositories, 'slas' | 'reviews'>,
  now: number,
): Promise<ReviewSchedule[]> {
  const last = await repos.reviews.lastReviewDates();
  const today = dayOf(now);
  return (await allSlas(repos))
    .flatMap(({ sla, versions }) => reviewSchedule(sla, versions, last.get(sla.id) ?? null, today) ?? [])
    .sort((a, b) => a.nextReviewDate.localeCompare(b.nextReviewDate) || a.slaName.localeCompare(b.slaName));
}

export type ReviewListStatus = 'due' | 'overdue' | 'done';

/** One line of the review list: a review held ("done"), or one due or overdue. */
export interface ReviewListItem {
  readonly status: ReviewListStatus;
  readonly slaId: string;
  readonly slaName: string;
  readonly ownerUserId: string | null;
  /** The day held, or the day due. */
  readonly date: string;
  /** Set for reviews held. */
  readonly review: ReviewRecord | null;
}

/**
 * Reviews held and reviews due or overdue (staff), by SLA, customer (of the SLA's version in force) and status.
 * Held reviews come newest first, then due ones by date.
 */
export async function listReviews(
  ctx: AppContext,
  actor: Actor,
  query: { readonly sla?: string; readonly customer?: string; readonly status?: ReviewListStatus },
): Promise<readonly ReviewListItem[]> {
  requireSlaStaff(actor, 'agent');
  const schedules = (await reviewSchedules(ctx.storage, ctx.clock.now())).filter(
    (s) =>
      (query.sla === undefined || s.slaId === query.sla) &&
      (query.customer === undefined || s.customerIds.includes(query.customer)),
  );
  const out: ReviewListItem[] = [];
  if (query.status === undefined || query.status === 'done') {
    const names = new Map<string, Sla>();
    for (const review of await ctx.storage.reviews.listReviews(
      query.sla === undefined ? {} : { slaId: query.sla },
    )) {
      const sla = names.get(review.slaId) ?? (await ctx.storage.slas.findSla(review.slaId));
      if (!sla) continue;
      names.set(sla.id, sla);
      if (query.customer !== undefined && !(await coversCustomer(ctx, sla.id, query.customer))) continue;
      out.push({
        status: 'done',
        slaId: sla.id,
        slaName: sla.name,
        ownerUserId: sla.ownerUserId,
        date: review.date,
        review,
      });
    }
  }
  for (const s of schedules) {
    if (s.state === 'scheduled' || (query.status !== undefined && query.status !== s.state)) continue;
    out.push({
      status: s.state,
      slaId: s.slaId,
      slaName: s.slaName,
      ownerUserId: s.ownerUserId,
      date: s.nextReviewDate,
      review: null,
    });
  }
  return out;
}

async function coversCustomer(ctx: AppContext, slaId: string, customerId: string): Promise<boolean> {
  return (await ctx.storage.slas.listVersions(slaId)).some((v) => v.customerIds.includes(customerId));
}

/** What the dashboard shows: reviews due or overdue, and actions past their due date (staff). */
export async function dueWork(
  ctx: AppContext,
  actor: Actor,
): Promise<{ readonly reviews: readonly ReviewSchedule[]; readonly actions: readonly ActionRecord[] }> {
  requireSlaStaff(actor, 'agent');
  const now = ctx.clock.now();
  return {
    reviews: (await reviewSchedules(ctx.storage, now)).filter((s) => s.state !== 'scheduled'),
    actions: await ctx.storage.reviews.listActions({ overdueOn: dayOf(now) }),
  };
}

/**
 * The customer reports of the reviewed months for every customer of the SLA (its version in force, else its
 * latest): the figures the review looked at, kept as they were.
 */
async function snapshotOf(
  ctx: AppContext,
  actor: Actor,
  versions: readonly SlaVersion[],
  months: readonly string[],
): Promise<ReviewSnapshot> {
  const version = versions.find((v) => v.status === 'active') ?? versions.at(-1);
  const reports: SnapshotEntry[] = [];
  for (const customerId of version?.customerIds ?? []) {
    for (const month of months) {
      const report = await customerReport(ctx, actor, customerId, { period: month });
      // Stored as JSON: the report is plain data, and a round trip keeps exactly what the API would show.
      reports.push({ customerId, month, report: JSON.parse(JSON.stringify(report)) as unknown });
    }
  }
  return { takenAt: ctx.clock.now(), reports };
}

/**
 * Records a review held (manager or admin): participants, the period's report snapshot, findings, decisions and
 * the actions agreed, which open in the improvement register linked to the review.
 * @throws DomainError SLA_NOT_FOUND, REVIEW_INVALID, ACTION_INVALID, ACTION_OWNER_UNKNOWN
 */
export async function createReview(ctx: AppContext, actor: Actor, input: ReviewInput): Promise<ReviewDetail> {
  requireSlaStaff(actor, 'manager');
  const sla = await ctx.storage.slas.findSla(input.slaId);
  if (!sla) throw new DomainError('SLA_NOT_FOUND', 'SLA not found', { id: input.slaId });
  const date = parseDay(input.date, 'date');
  if (date > dayOf(ctx.clock.now()))
    throw invalid('a review is recorded once it was held: date lies in the future', 'date');
  const from = parseMonth(input.periodFrom, 'periodFrom');
  const to = parseMonth(input.periodTo, 'periodTo');
  if (to < from) throw invalid('periodTo must not lie before periodFrom', 'periodTo');
  const months = monthsBetween(from, to);
  if (months.length > MAX_MONTHS) throw invalid(`a review covers at most ${MAX_MONTHS} months`, 'periodTo');
  const participants = input.participants.map((p) => p.trim()).filter((p) => p !== '');
  if (
    participants.length === 0 ||
    participants.length > MAX_PARTICIPANTS ||
    participants.some((p) => p.length > MAX_NAME)
  )
    throw invalid(
      `name 1 to ${MAX_PARTICIPANTS} participants of up to ${MAX_NAME} characters`,
      'participants',
    );
  if ((input.actions ?? []).length > MAX_ACTIONS)
    throw invalid(`a review may agree ${MAX_ACTIONS} actions`, 'actions');
  const findings = cleanText(input.findings, 'findings');
  const decisions = cleanText(input.decisions, 'decisions');
  const snapshot = await snapshotOf(ctx, actor, await ctx.storage.slas.listVersions(sla.id), months);
  const now = ctx.clock.now();
  const review: ReviewRecord = {
    id: ctx.ids.next(),
    slaId: sla.id,
    date,
    participants,
    periodFrom: from,
    periodTo: to,
    findings,
    decisions,
    snapshot,
    draftVersion: null,
    createdBy: actor.userId,
    createdAt: now,
  };
  const actions = await ctx.storage.transaction(async (repos) => {
    await repos.reviews.insertReview(review);
    await audit(repos.audit, actor, now, {
      action: 'sla.review.recorded',
      entityType: 'sla',
      entityId: sla.id,
      customerId: null,
      summary: `SLA "${sla.name}" reviewed on ${date} (${from} to ${to}), ${(input.actions ?? []).length} action(s) agreed`,
    });
    const created: ActionRecord[] = [];
    for (const a of input.actions ?? [])
      created.push(
        await insertAction(ctx, repos, actor, now, {
          ...a,
          links: [...(a.links ?? []), { kind: 'review', id: review.id }],
        }),
      );
    return created;
  });
  return { review, slaName: sla.name, actions, draft: null };
}

/** One review with its actions and the SLA version drafted from it, with that draft's diff (staff). */
export async function getReview(ctx: AppContext, actor: Actor, id: string): Promise<ReviewDetail> {
  requireSlaStaff(actor, 'agent');
  const review = await ctx.storage.reviews.findReview(id);
  if (!review) throw new DomainError('REVIEW_NOT_FOUND', 'review not found', { id });
  const sla = await ctx.storage.slas.findSla(review.slaId);
  const actions = await ctx.storage.reviews.listActions({ link: { kind: 'review', id } });
  let draft: ReviewDetail['draft'] = null;
  if (review.draftVersion !== null) {
    const version = await ctx.storage.slas.findVersion(review.slaId, review.draftVersion);
    const basedOn = review.draftVersion > 1 ? review.draftVersion - 1 : null;
    draft = {
      version: review.draftVersion,
      status: version?.status ?? 'draft',
      basedOn,
      changes:
        basedOn === null
          ? []
          : (await diffVersions(ctx, actor, review.slaId, basedOn, review.draftVersion)).changes,
    };
  }
  return { review, slaName: sla?.name ?? review.slaId, actions, draft };
}

/**
 * Turns a review's decision to change the SLA into the SLA's next draft version (manager or admin), copied from
 * the latest with `input` applied, and links it to the review. One draft per review.
 * @throws DomainError REVIEW_NOT_FOUND, REVIEW_DRAFT_EXISTS, and what drafting a version may throw
 */
export async function draftFromReview(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: VersionInput,
): Promise<ReviewDetail> {
  requireSlaStaff(actor, 'manager');
  const review = await ctx.storage.reviews.findReview(id);
  if (!review) throw new DomainError('REVIEW_NOT_FOUND', 'review not found', { id });
  const exists = (): DomainError =>
    new DomainError('REVIEW_DRAFT_EXISTS', `this review already drafted version ${review.draftVersion}`, {
      version: review.draftVersion,
    });
  if (review.draftVersion !== null) throw exists();
  const version = await createVersion(ctx, actor, review.slaId, input);
  const now = ctx.clock.now();
  await ctx.storage.transaction(async (repos) => {
    if (!(await repos.reviews.setReviewDraft(id, version.version))) throw exists();
    await audit(repos.audit, actor, now, {
      action: 'sla.review.drafted',
      entityType: 'sla',
      entityId: review.slaId,
      customerId: null,
      summary: `Review of ${review.date} drafted version ${version.version}`,
    });
  });
  return getReview(ctx, actor, id);
}
