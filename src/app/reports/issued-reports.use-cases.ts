// Issued reports: a customer's report of a period frozen as computed, who issued it and when; listing them,
// and comparing one with the period computed again.
import { diffFigures, type FigureDiff } from '../../domain/reports/report-diff.ts';
import { parsePeriod, reportPeriod } from '../../domain/reports/periods.ts';
import type { ReportLanguage } from '../../domain/reports/summary.ts';
import { DomainError } from '../../domain/shared/errors.ts';
import { requireRole, type Actor } from '../actor.ts';
import { audit } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import type { Page, PageRequest } from '../pagination.ts';
import { computeCustomerReport, visibleCustomer, type CustomerReport } from './customer-report.use-cases.ts';
import type { IssuedReportRecord, IssuedReportSummary } from './reports.repository.ts';

/** How often an interim report or a reissue tries the next free revision when simultaneous issues collide. */
const MAX_ISSUE_ATTEMPTS = 3;

export interface IssueReportInput {
  readonly customerId: string;
  /** "2026-03", "2026-Q3", "2026" or "<from>..<to>" in the customer's zone. */
  readonly period: string;
  /** The language the report is issued in; default: the customer's. */
  readonly lang?: ReportLanguage;
  /** Store a new revision even when the closed period was issued before. */
  readonly reissue?: boolean;
}

export interface IssuedReport extends IssuedReportSummary {
  readonly report: CustomerReport;
}

const issued = (r: IssuedReportRecord): IssuedReport => {
  const { snapshot, ...rest } = r;
  return { ...rest, report: snapshot as CustomerReport };
};

/**
 * Computes a customer's report for a period and stores it as issued, with who and when. A closed period
 * (ended before now) is issued once: asking again returns the report already issued unless `reissue` is
 * set, which stores the next revision. A period still running is stored anew on each call, as an interim
 * report. Simultaneous first issues of a closed period store one report and all answer it. Managers and
 * admins may issue; the system actor (a scheduled job) may too.
 * @throws DomainError FORBIDDEN, CUSTOMER_NOT_FOUND, PERIOD_INVALID
 */
export async function issueReport(
  ctx: AppContext,
  actor: Actor,
  input: IssueReportInput,
): Promise<{ readonly report: IssuedReport; readonly created: boolean }> {
  requireRole(actor, 'manager');
  const customer = await visibleCustomer(ctx, actor, input.customerId);
  const now = ctx.clock.now();
  const spec = parsePeriod(input.period, customer.timeZone);
  const period = reportPeriod(spec, customer.timeZone);
  const closed = period.end <= now;
  const before = await ctx.storage.reports.latestIssued(customer.id, period.key);
  if (closed && before && !input.reissue) return { report: issued(before), created: false };
  const report = await computeCustomerReport(ctx, customer, spec, now);
  const once = !input.reissue && closed;
  for (let attempt = 1; ; attempt++) {
    const outcome = await ctx.storage.transaction(async (repos) => {
      // Read again inside the transaction: an issue of the same period may have landed meanwhile.
      const latest = await repos.reports.latestIssued(customer.id, period.key);
      if (once && latest) return { record: latest, created: false };
      const row: IssuedReportRecord = {
        id: ctx.ids.next(),
        customerId: customer.id,
        periodKey: period.key,
        periodKind: period.kind,
        periodStart: period.start,
        periodEnd: period.end,
        revision: (latest?.revision ?? 0) + 1,
        lang: input.lang ?? customer.locale,
        issuedAt: now,
        issuedByUserId: actor.userId,
        issuedByTokenId: actor.tokenId,
        snapshot: report,
      };
      // False: a simultaneous issue took this revision first (the unique index let only one in).
      if (!(await repos.reports.insertIssued(row))) return undefined;
      await audit(repos.audit, actor, now, {
        action: row.revision === 1 ? 'report.issued' : 'report.reissued',
        entityType: 'report',
        entityId: row.id,
        customerId: customer.id,
        summary: `Report ${period.key} of "${customer.name}" issued (revision ${row.revision})`,
      });
      return { record: row, created: true };
    });
    if (outcome) return { report: issued(outcome.record), created: outcome.created };
    // Lost the race: a closed period answers the report that won; otherwise take the next revision.
    if (once || attempt >= MAX_ISSUE_ATTEMPTS) {
      const winner = await ctx.storage.reports.latestIssued(customer.id, period.key);
      if (winner) return { report: issued(winner), created: false };
      throw new Error(`no free revision for report ${period.key} of customer ${customer.id}`);
    }
  }
}

/** Issued reports, newest first; a customer viewer sees only its own customer's. */
export async function listIssuedReports(
  ctx: AppContext,
  actor: Actor,
  filter: { readonly customerId?: string; readonly period?: string },
  page: PageRequest,
): Promise<Page<IssuedReportSummary>> {
  const customerId = actor.customerId ?? filter.customerId;
  if (actor.customerId !== null && filter.customerId !== undefined && filter.customerId !== actor.customerId)
    return { items: [], total: 0, limit: page.limit, offset: page.offset };
  return ctx.storage.reports.listIssued(
    {
      ...(customerId !== undefined ? { customerId } : {}),
      ...(filter.period !== undefined ? { periodKey: filter.period } : {}),
    },
    page,
  );
}

/** @throws DomainError REPORT_NOT_FOUND, also for another customer's report seen by a customer viewer */
export async function getIssuedReport(ctx: AppContext, actor: Actor, id: string): Promise<IssuedReport> {
  const found = await ctx.storage.reports.findIssued(id);
  if (!found || (actor.customerId !== null && found.customerId !== actor.customerId))
    throw new DomainError('REPORT_NOT_FOUND', 'report not found', { id });
  return issued(found);
}

export interface IssuedReportDiff {
  readonly issued: IssuedReportSummary;
  readonly recomputedAt: number;
  readonly differences: readonly FigureDiff[];
  /** Tickets with events in the period recorded after the issue. */
  readonly lateTickets: readonly number[];
  readonly outagesRecordedLater: number;
  readonly slaChanged: boolean;
}

/**
 * Computes an issued report's period again from today's data and lists the key figures that differ, old →
 * new, each with a reason hint: late events, corrected monitoring data, or a changed SLA.
 * @throws DomainError REPORT_NOT_FOUND
 */
export async function diffIssuedReport(ctx: AppContext, actor: Actor, id: string): Promise<IssuedReportDiff> {
  const { report: old, ...summary } = await getIssuedReport(ctx, actor, id);
  const customer = await visibleCustomer(ctx, actor, summary.customerId);
  const now = ctx.clock.now();
  const fresh = await computeCustomerReport(
    ctx,
    customer,
    parsePeriod(summary.periodKey, customer.timeZone),
    now,
  );
  const period = { start: summary.periodStart, end: summary.periodEnd };
  const lateTickets = await ctx.storage.reports.ticketsRecordedLate(
    customer.id,
    summary.issuedAt,
    period.end,
  );
  const outagesRecordedLater = await ctx.storage.reports.outagesRecordedAfter(
    old.figures.availability.map((a) => a.serviceId),
    period,
    summary.issuedAt,
  );
  const slaKey = (r: CustomerReport): string =>
    JSON.stringify([r.sla, r.figures.slas.map((s) => [s.sla, s.complianceGoal])]);
  const slaChanged = slaKey(old) !== slaKey(fresh);
  return {
    issued: summary,
    recomputedAt: now,
    differences: diffFigures(old.figures, fresh.figures, { lateTickets, outagesRecordedLater, slaChanged }),
    lateTickets,
    outagesRecordedLater,
    slaChanged,
  };
}
