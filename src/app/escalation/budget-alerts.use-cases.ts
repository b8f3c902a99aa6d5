// Error-budget alerts as records: every minute the worker evaluates each customer's service that has an
// availability target (the four multi-window burn-rate rules and "budget spent" for the current period),
// opens an alert when a rule starts firing, ends it when the rule stops, and plans the availability
// policies' steps for it. Listing them is open to staff and to each customer for its own services.
import {
  alertKind,
  alertTransitions,
  BUDGET_SPENT_RULE,
  burnRuleName,
  outrankingAlert,
  type RuleObservation,
} from '../../domain/escalation/budget-alerts.ts';
import { availability } from '../../domain/availability/availability.ts';
import { burnRateAlerts, burnRateWindows } from '../../domain/monitoring/error-budget.ts';
import { calendarMonth, monthOf } from '../../domain/monitoring/periods.ts';
import type { Interval } from '../../domain/shared/time.ts';
import { type Actor } from '../actor.ts';
import type { Service } from '../catalog/catalog.repository.ts';
import type { AppContext } from '../context.ts';
import type { Customer } from '../customers/customers.repository.ts';
import {
  computeAvailability,
  countingFor,
  serviceSpans,
  toFormula,
} from '../monitoring/availability.use-cases.ts';
import { maintenanceOf, windowsFor } from '../monitoring/maintenance.use-cases.ts';
import type { MonitorRecord } from '../monitoring/monitoring.repository.ts';
import { pageRequest, type Page } from '../pagination.ts';
import type { Repositories } from '../ports/repositories.ts';
import { monitorsOfAlert, replanAlertSteps } from './alert-plan.ts';
import type { BudgetAlertRecord } from './escalation.repository.ts';

const PAGE = 500;

/** What one evaluation of a customer's service saw. */
interface Evaluation {
  readonly target: number;
  readonly period: Interval;
  readonly observations: readonly RuleObservation[];
  /** Share of the period's budget used so far; null when the period allows no down time to count. */
  readonly budgetUsed: number | null;
  /** A maintenance window covers the service now. */
  readonly suppressed: boolean;
}

export interface BudgetAlertPass {
  /** Customer services with an availability target looked at. */
  readonly evaluated: number;
  readonly opened: number;
  readonly ended: number;
}

/** The customer services to evaluate: each service with monitors, for the customers those monitors count for. */
async function pairs(repos: Repositories): Promise<Map<string, { serviceId: string; customerId: string }>> {
  const out = new Map<string, { serviceId: string; customerId: string }>();
  const add = (serviceId: string, customerId: string): void => {
    out.set(`${serviceId}|${customerId}`, { serviceId, customerId });
  };
  let customers: readonly Customer[] | undefined;
  for (let offset = 0; ; offset += PAGE) {
    const page = await repos.monitoring.listMonitors({}, { limit: PAGE, offset });
    for (const m of page.items) {
      if (m.customerId !== null) add(m.serviceId, m.customerId);
      else {
        // A shared monitor counts for every customer whose SLA covers the service.
        customers ??= await allCustomers(repos);
        for (const c of customers) add(m.serviceId, c.id);
      }
    }
    if (page.items.length < PAGE) break;
  }
  // Raised alerts are looked at again even when their service or target is gone, so they end.
  for (const a of await repos.escalation.raisedBudgetAlerts()) add(a.serviceId, a.customerId);
  return out;
}

async function allCustomers(repos: Repositories): Promise<Customer[]> {
  const out: Customer[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await repos.customers.list({}, { limit: PAGE, offset });
    out.push(...page.items);
    if (page.items.length < PAGE) return out;
  }
}

/** The burn-rate rules and the budget of the customer's current period, at `now`. */
async function evaluate(
  repos: Repositories,
  service: Service,
  customer: Customer,
  monitors: readonly MonitorRecord[],
  now: number,
): Promise<Evaluation | null> {
  const counting = await countingFor(repos, service.id, customer.id);
  if (counting.target === null) return null;
  const target = counting.target;
  const windows = burnRateWindows(now);
  const range = { start: Math.min(...windows.map((w) => w.start)), end: now };
  const formula = toFormula((await serviceSpans(repos, service, monitors, range, now)).combined);
  const burn = burnRateAlerts(
    (from, to) => {
      const f = availability({ calendar: counting.calendar, from, to, ...formula });
      return { upMs: f.upMs + f.degradedMs, downMs: f.downMs };
    },
    target,
    now,
  );
  const month = monthOf(now, customer.timeZone);
  const period = calendarMonth(month, customer.timeZone);
  const figure = await computeAvailability(repos, {
    service,
    customerId: customer.id,
    monitors,
    period,
    month,
    now,
  });
  const budgetUsed = figure.errorBudget?.consumed ?? null;
  const maintenance = await windowsFor(repos, monitors);
  return {
    target,
    period,
    budgetUsed,
    suppressed: monitors.some((m) => maintenanceOf(maintenance, m, now, now + 1).length > 0),
    observations: [
      ...burn.rules.map((r) => ({
        rule: burnRuleName(r.rule.longWindowMs, r.rule.shortWindowMs),
        firing: r.firing,
        burnRate: Math.min(r.long.burnRate, r.short.burnRate),
      })),
      // Spent means used up: a period that allows no down time (nothing countable yet) has spent nothing.
      { rule: BUDGET_SPENT_RULE, firing: budgetUsed !== null && budgetUsed >= 1, burnRate: null },
    ],
  };
}

/** Opens, keeps and ends the alerts of one customer's service and plans their steps, in one transaction. */
async function applyEvaluation(
  ctx: AppContext,
  pair: { readonly serviceId: string; readonly customerId: string },
  now: number,
): Promise<{ evaluated: boolean; opened: number; ended: number }> {
  return ctx.storage.transaction(async (repos) => {
    const service = await repos.catalog.findService(pair.serviceId);
    const customer = await repos.customers.findById(pair.customerId);
    const monitors = service && customer ? await monitorsOfAlert(repos, pair) : [];
    const seen =
      service && customer && service.archivedAt === null && monitors.length > 0
        ? await evaluate(repos, service, customer, monitors, now)
        : null;
    const raised = await repos.escalation.raisedBudgetAlerts(pair);
    const changes = alertTransitions({
      raised,
      observations: seen?.observations ?? [],
      period: seen?.period ?? { start: now, end: now },
      suppressed: seen?.suppressed ?? true,
    });
    const touched: BudgetAlertRecord[] = [];
    let ended = 0;
    for (const id of changes.close) {
      if (await repos.escalation.endBudgetAlert(id, now)) ended += 1;
      const alert = await repos.escalation.findBudgetAlert(id);
      if (alert) touched.push(alert);
    }
    for (const { id, observation } of changes.keep) {
      await repos.escalation.updateBudgetAlertFigures(
        id,
        { burnRate: observation.burnRate, budgetUsed: seen?.budgetUsed ?? null },
        now,
      );
      const alert = await repos.escalation.findBudgetAlert(id);
      if (alert) touched.push(alert);
    }
    let opened = 0;
    // The alerts raised after this pass's ends, with those it opens added as it goes (fastest rule first).
    const current: { id: string; rule: string }[] = raised.filter((a) => !changes.close.includes(a.id));
    if (seen)
      for (const o of changes.open) {
        const { alert, created } = await repos.escalation.openBudgetAlert({
          id: ctx.ids.next(),
          serviceId: pair.serviceId,
          customerId: pair.customerId,
          rule: o.rule,
          kind: alertKind(o.rule),
          target: seen.target,
          periodStart: seen.period.start,
          periodEnd: seen.period.end,
          startedAt: now,
          endedAt: null,
          burnRate: o.burnRate,
          budgetUsed: seen.budgetUsed,
          outrankedBy: outrankingAlert(o.rule, current),
          updatedAt: now,
        });
        if (created) opened += 1;
        current.push(alert);
        touched.push(alert);
      }
    for (const alert of touched) await replanAlertSteps(repos, alert, now);
    return { evaluated: seen !== null, opened, ended };
  });
}

/**
 * One evaluation pass at `now` over every customer service with an availability target. Safe to run on
 * several workers at once and again after a restart: an alert opens once per rule episode (a unique key
 * in storage), and its steps are the escalation steps' rows with their own exactly-once firing.
 */
export async function evaluateBudgetAlerts(ctx: AppContext, now: number): Promise<BudgetAlertPass> {
  let evaluated = 0;
  let opened = 0;
  let ended = 0;
  for (const pair of (await pairs(ctx.storage)).values()) {
    const r = await applyEvaluation(ctx, pair, now);
    if (r.evaluated) evaluated += 1;
    opened += r.opened;
    ended += r.ended;
  }
  return { evaluated, opened, ended };
}

/** Budget alerts, newest first: staff see every customer's, a customer viewer only its own. */
export async function listBudgetAlerts(
  ctx: AppContext,
  actor: Actor,
  query: {
    readonly customerId?: string;
    readonly serviceId?: string;
    readonly open?: boolean;
    readonly limit?: number;
    readonly offset?: number;
  },
): Promise<Page<BudgetAlertRecord>> {
  const page = pageRequest(query.limit, query.offset);
  const customerId = actor.customerId ?? query.customerId;
  if (actor.customerId !== null && query.customerId !== undefined && query.customerId !== actor.customerId)
    return { items: [], total: 0, limit: page.limit, offset: page.offset };
  return ctx.storage.escalation.listBudgetAlerts(
    {
      ...(customerId === undefined ? {} : { customerId }),
      ...(query.serviceId === undefined ? {} : { serviceId: query.serviceId }),
      ...(query.open ? { open: true } : {}),
    },
    page,
  );
}
