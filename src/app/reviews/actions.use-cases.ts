// The improvement register: actions with an owner and a due date, linked to what motivated them; closing one
// records whether it helped and measures its figure before and after.
import { DomainError } from '../../domain/shared/errors.ts';
import { DAY_MS, formatInstant } from '../../domain/shared/time.ts';
import { SYSTEM_ACTOR, type Actor } from '../actor.ts';
import { audit, diff } from '../audit/audit.ts';
import { assertPriority } from '../catalog/priorities.ts';
import type { AppContext } from '../context.ts';
import { serviceAvailability } from '../monitoring/availability.use-cases.ts';
import type { Repositories } from '../ports/repositories.ts';
import { customerReport } from '../reports/customer-report.use-cases.ts';
import { requireSlaStaff } from '../slas/sla-access.ts';
import { priorityScheme } from '../tickets/tickets.use-cases.ts';
import { dayOf, parseDay } from './review-schedule.ts';
import type {
  ActionFilter,
  ActionLink,
  ActionMeasurement,
  ActionMetric,
  ActionRecord,
  ActionStatus,
  Helped,
  MeasuredFigure,
} from './reviews.repository.ts';

const MAX_TITLE = 300;
const MAX_DESCRIPTION = 10_000;
const MAX_LINKS = 100;
export const DEFAULT_WINDOW_DAYS = 30;
const MAX_WINDOW_DAYS = 365;

export type MetricInput =
  | {
      readonly kind: 'availability';
      readonly serviceId: string;
      readonly customerId?: string | null;
      readonly windowDays?: number;
    }
  | {
      readonly kind: 'resolution_compliance';
      readonly priority: string;
      readonly customerId: string;
      readonly windowDays?: number;
    };

export interface ActionInput {
  readonly title: string;
  readonly description?: string | null;
  readonly ownerUserId?: string | null;
  readonly dueDate?: string | null;
  readonly links?: readonly ActionLink[];
  readonly metric?: MetricInput | null;
}

export interface ActionPatch extends Partial<ActionInput> {
  readonly status?: ActionStatus;
  /** Required when the status becomes done. */
  readonly helped?: Helped;
}

function invalid(message: string, field: string): DomainError {
  return new DomainError('ACTION_INVALID', message, { field });
}

function cleanTitle(title: string): string {
  const t = title.trim();
  if (t === '' || t.length > MAX_TITLE)
    throw invalid(`an action needs a title of 1 to ${MAX_TITLE} characters`, 'title');
  return t;
}

function cleanDescription(text: string | null | undefined): string | null {
  if (text == null || text.trim() === '') return null;
  if (text.length > MAX_DESCRIPTION)
    throw invalid(`the description may hold ${MAX_DESCRIPTION} characters`, 'description');
  return text.trim();
}

async function staffUser(repos: Repositories, userId: string | null | undefined): Promise<string | null> {
  if (userId == null) return null;
  const user = await repos.accounts.findUserById(userId);
  if (!user || user.role === 'customer' || user.disabled)
    throw new DomainError(
      'ACTION_OWNER_UNKNOWN',
      `the owner must be an active staff user; "${userId}" is not`,
      {
        ownerUserId: userId,
      },
    );
  return user.id;
}

async function checkLinks(repos: Repositories, links: readonly ActionLink[]): Promise<ActionLink[]> {
  if (links.length > MAX_LINKS) throw invalid(`an action may have ${MAX_LINKS} links`, 'links');
  const out = new Map<string, ActionLink>();
  for (const link of links) {
    const exists =
      link.kind === 'ticket'
        ? (await repos.tickets.findById(link.id)) !== undefined
        : link.kind === 'outage'
          ? (await repos.monitoring.findOutage(link.id)) !== undefined
          : link.kind === 'service'
            ? (await repos.catalog.findServiceName(link.id)) !== undefined
            : (await repos.reviews.findReview(link.id)) !== undefined;
    if (!exists)
      throw new DomainError('ACTION_LINK_NOT_FOUND', `no ${link.kind} with id "${link.id}"`, { link });
    out.set(`${link.kind}:${link.id}`, { kind: link.kind, id: link.id });
  }
  return [...out.values()];
}

async function checkMetric(
  repos: Repositories,
  input: MetricInput | null | undefined,
): Promise<ActionMetric | null> {
  if (input == null) return null;
  const windowDays = input.windowDays ?? DEFAULT_WINDOW_DAYS;
  if (!Number.isInteger(windowDays) || windowDays < 1 || windowDays > MAX_WINDOW_DAYS)
    throw invalid(
      `metric.windowDays must be a whole number from 1 to ${MAX_WINDOW_DAYS}`,
      'metric.windowDays',
    );
  const customerId = input.customerId ?? null;
  if (customerId !== null && !(await repos.customers.findById(customerId)))
    throw new DomainError('CUSTOMER_NOT_FOUND', 'customer not found', { id: customerId });
  if (input.kind === 'availability') {
    if ((await repos.catalog.findServiceName(input.serviceId)) === undefined)
      throw new DomainError('SERVICE_NOT_FOUND', 'service not found', { id: input.serviceId });
    return { kind: 'availability', serviceId: input.serviceId, customerId, windowDays };
  }
  assertPriority(await priorityScheme(repos), input.priority);
  if (customerId === null)
    throw invalid('a resolution compliance figure needs a customer', 'metric.customerId');
  return { kind: 'resolution_compliance', priority: input.priority, customerId, windowDays };
}

/** The metric's figure over [from, to): a service's availability, or one priority's resolution compliance. */
async function figure(
  ctx: AppContext,
  actor: Actor,
  metric: ActionMetric,
  from: number,
  to: number,
): Promise<MeasuredFigure> {
  if (metric.kind === 'availability') {
    const a = await serviceAvailability(ctx, actor, metric.serviceId, {
      from,
      to,
      ...(metric.customerId === null ? {} : { customerId: metric.customerId }),
    });
    return { from, to, value: a.figures.availability };
  }
  // Instants with an offset: the report reads them as a half-open range, not as days in the customer's zone.
  const report = await customerReport(ctx, actor, metric.customerId, {
    from: formatInstant(from),
    to: formatInstant(to),
  });
  const row = report.figures.compliance.find(
    (c) => c.priority === metric.priority && c.metric === 'resolution',
  );
  return { from, to, value: row && row.met + row.breached > 0 ? row.compliance : null };
}

/**
 * The figure over two windows of equal length: the one ending when the action was opened and the one starting
 * when it was closed. The second can only be counted as far as it has passed, so both windows are as long as the
 * metric's window or the time since the closure, whichever is shorter; right at the closure there is no "after".
 */
export async function measure(
  ctx: AppContext,
  actor: Actor,
  action: ActionRecord,
  now: number,
): Promise<ActionMeasurement | null> {
  if (action.metric === null || action.closedAt === null) return null;
  const length = Math.min(action.metric.windowDays * DAY_MS, now - action.closedAt);
  const full = action.metric.windowDays * DAY_MS;
  const beforeLength = length > 0 ? length : full;
  const before = await figure(ctx, actor, action.metric, action.createdAt - beforeLength, action.createdAt);
  const after =
    length > 0 ? await figure(ctx, actor, action.metric, action.closedAt, action.closedAt + length) : null;
  return { before, after, measuredAt: now };
}

function notFound(id: string): DomainError {
  return new DomainError('ACTION_NOT_FOUND', 'action not found', { id });
}

/** Opens an action (staff); used by the API and by a review's agreed actions, inside the caller's transaction. */
export async function insertAction(
  ctx: AppContext,
  repos: Repositories,
  actor: Actor,
  now: number,
  input: ActionInput,
): Promise<ActionRecord> {
  const action: ActionRecord = {
    id: ctx.ids.next(),
    title: cleanTitle(input.title),
    description: cleanDescription(input.description),
    ownerUserId: await staffUser(repos, input.ownerUserId),
    dueDate: input.dueDate == null ? null : parseDay(input.dueDate, 'dueDate'),
    status: 'open',
    links: await checkLinks(repos, input.links ?? []),
    metric: await checkMetric(repos, input.metric),
    helped: null,
    measurement: null,
    createdBy: actor.userId,
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    revision: 1,
  };
  await repos.reviews.insertAction(action);
  await audit(repos.audit, actor, now, {
    action: 'improvement_action.created',
    entityType: 'improvement_action',
    entityId: action.id,
    customerId: null,
    summary: `Action "${action.title}" opened${action.dueDate ? `, due ${action.dueDate}` : ''}`,
  });
  return action;
}

/** Opens an action (agent and up, not limited to one customer). */
export async function createAction(ctx: AppContext, actor: Actor, input: ActionInput): Promise<ActionRecord> {
  requireSlaStaff(actor, 'agent');
  const now = ctx.clock.now();
  return ctx.storage.transaction((repos) => insertAction(ctx, repos, actor, now, input));
}

export async function getAction(ctx: AppContext, actor: Actor, id: string): Promise<ActionRecord> {
  requireSlaStaff(actor, 'agent');
  const action = await ctx.storage.reviews.findAction(id);
  if (!action) throw notFound(id);
  return action;
}

export interface ActionQuery {
  readonly status?: ActionStatus;
  readonly owner?: string;
  readonly review?: string;
  readonly service?: string;
  readonly ticket?: string;
  readonly outage?: string;
  /** Only open or in-progress actions past their due date. */
  readonly overdue?: boolean;
}

/** The register, due date first (staff). */
export async function listActions(
  ctx: AppContext,
  actor: Actor,
  query: ActionQuery,
): Promise<readonly ActionRecord[]> {
  requireSlaStaff(actor, 'agent');
  const links: ActionLink[] = [
    ...(query.review ? [{ kind: 'review' as const, id: query.review }] : []),
    ...(query.service ? [{ kind: 'service' as const, id: query.service }] : []),
    ...(query.ticket ? [{ kind: 'ticket' as const, id: query.ticket }] : []),
    ...(query.outage ? [{ kind: 'outage' as const, id: query.outage }] : []),
  ];
  if (links.length > 1) throw invalid('filter by one of review, service, ticket or outage at a time', 'link');
  const filter: ActionFilter = {
    ...(query.status ? { status: query.status } : {}),
    ...(query.owner ? { ownerUserId: query.owner } : {}),
    ...(links[0] ? { link: links[0] } : {}),
    ...(query.overdue ? { overdueOn: dayOf(ctx.clock.now()) } : {}),
  };
  return ctx.storage.reviews.listActions(filter);
}

const CLOSED: readonly ActionStatus[] = ['done', 'dropped'];

/**
 * Changes an action (agent and up). Becoming done needs `helped` and measures the figure; becoming open or in
 * progress again forgets the closure, its verdict and its figures.
 * @throws DomainError ACTION_NOT_FOUND, ACTION_INVALID, ACTION_OWNER_UNKNOWN, ACTION_LINK_NOT_FOUND, REVISION_MISMATCH
 */
export async function updateAction(
  ctx: AppContext,
  actor: Actor,
  id: string,
  patch: ActionPatch,
): Promise<ActionRecord> {
  requireSlaStaff(actor, 'agent');
  const now = ctx.clock.now();
  const current = await ctx.storage.reviews.findAction(id);
  if (!current) throw notFound(id);
  const status = patch.status ?? current.status;
  const closing = status === 'done' && current.status !== 'done';
  const reopening = !CLOSED.includes(status);
  if (patch.helped !== undefined && status !== 'done')
    throw invalid('helped is recorded when an action is done', 'helped');
  if (closing && patch.helped === undefined)
    throw invalid('say whether the action helped: yes, no or unclear', 'helped');
  // The figures are read before the transaction: they come from reports and availability, not from the action.
  const draft: ActionRecord = await ctx.storage.transaction(async (repos) => ({
    ...current,
    title: patch.title === undefined ? current.title : cleanTitle(patch.title),
    description: patch.description === undefined ? current.description : cleanDescription(patch.description),
    ownerUserId:
      patch.ownerUserId === undefined ? current.ownerUserId : await staffUser(repos, patch.ownerUserId),
    dueDate:
      patch.dueDate === undefined
        ? current.dueDate
        : patch.dueDate === null
          ? null
          : parseDay(patch.dueDate, 'dueDate'),
    links: patch.links === undefined ? current.links : await checkLinks(repos, patch.links),
    metric: patch.metric === undefined ? current.metric : await checkMetric(repos, patch.metric),
    status,
    helped: reopening ? null : (patch.helped ?? current.helped),
    closedAt: reopening ? null : CLOSED.includes(current.status) ? current.closedAt : now,
  }));
  const measurement =
    status !== 'done'
      ? null
      : closing || patch.metric !== undefined
        ? await measure(ctx, actor, draft, now)
        : current.measurement;
  const after: ActionRecord = { ...draft, measurement, updatedAt: now, revision: current.revision + 1 };
  const changes = diff(
    { ...current, measurement: undefined } as unknown as Record<string, unknown>,
    { ...after, measurement: undefined } as unknown as Record<string, unknown>,
  );
  if (Object.keys(changes).length === 0) return current;
  await ctx.storage.transaction(async (repos) => {
    if (!(await repos.reviews.updateAction(after, current.revision)))
      throw new DomainError('REVISION_MISMATCH', 'the action changed meanwhile; read it again', { id });
    await audit(repos.audit, actor, now, {
      action: 'improvement_action.updated',
      entityType: 'improvement_action',
      entityId: id,
      customerId: null,
      summary: `Action "${after.title}": ${Object.keys(changes).join(', ')}${closing ? ` (helped: ${after.helped})` : ''}`,
      changes,
    });
  });
  return after;
}

/** Measures a done action's figure again, e.g. once the window after its closure has passed (agent and up). */
export async function remeasureAction(ctx: AppContext, actor: Actor, id: string): Promise<ActionRecord> {
  requireSlaStaff(actor, 'agent');
  const now = ctx.clock.now();
  const current = await getAction(ctx, actor, id);
  if (current.status !== 'done' || current.metric === null)
    throw new DomainError(
      'ACTION_STATE_CONFLICT',
      'only a done action with a metric has figures to measure',
      { id },
    );
  const after: ActionRecord = {
    ...current,
    measurement: await measure(ctx, actor, current, now),
    updatedAt: now,
    revision: current.revision + 1,
  };
  await ctx.storage.transaction(async (repos) => {
    if (!(await repos.reviews.updateAction(after, current.revision)))
      throw new DomainError('REVISION_MISMATCH', 'the action changed meanwhile; read it again', { id });
    await audit(repos.audit, actor, now, {
      action: 'improvement_action.measured',
      entityType: 'improvement_action',
      entityId: id,
      customerId: null,
      summary: `Action "${after.title}" measured`,
      changes: { measurement: [current.measurement, after.measurement] },
    });
  });
  return after;
}

/**
 * Measures, once, every done action whose window after its closure has fully passed since it was last measured:
 * the figure a person closing the action could not see yet. The worker runs it with the reminders; a second run,
 * or a second worker, finds the measurement already taken after the window's end and does nothing.
 */
export async function measureFinishedActions(ctx: AppContext, now: number): Promise<number> {
  let measured = 0;
  for (const action of await ctx.storage.reviews.listActions({ status: 'done' })) {
    if (action.metric === null || action.closedAt === null) continue;
    const windowEnd = action.closedAt + action.metric.windowDays * DAY_MS;
    if (now < windowEnd || (action.measurement !== null && action.measurement.measuredAt >= windowEnd))
      continue;
    const updated: ActionRecord = {
      ...action,
      measurement: await measure(ctx, SYSTEM_ACTOR, action, now),
      updatedAt: now,
      revision: action.revision + 1,
    };
    const saved = await ctx.storage.transaction(async (repos) => {
      // Someone changed it meanwhile (or another worker measured it): leave it to the next run.
      if (!(await repos.reviews.updateAction(updated, action.revision))) return false;
      await audit(repos.audit, SYSTEM_ACTOR, now, {
        action: 'improvement_action.measured',
        entityType: 'improvement_action',
        entityId: action.id,
        customerId: null,
        summary: `Action "${action.title}" measured after its window`,
        changes: { measurement: [action.measurement, updated.measurement] },
      });
      return true;
    });
    if (saved) measured++;
  }
  return measured;
}
