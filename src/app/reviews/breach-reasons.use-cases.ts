// Breach reasons: the configurable list of categories, and why a ticket missed one of its targets.
import type { ClockMetric, ClockResult } from '../../domain/sla-clock/types.ts';
import { DomainError } from '../../domain/shared/errors.ts';
import { parseInstant } from '../../domain/shared/time.ts';
import { assertCustomerVisible, requireRole, type Actor } from '../actor.ts';
import { audit } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import type { Repositories } from '../ports/repositories.ts';
import { clockAt } from '../tickets/ticket-clocks.ts';
import { getTicket } from '../tickets/ticket-queries.ts';
import type { TicketWithClocks } from '../tickets/tickets.use-cases.ts';
import type { BreachReasonCategory, TicketBreachReason } from './reviews.repository.ts';

const SETTINGS_KEY = 'breach_reasons';
const CODE = /^[a-z][a-z0-9_]{0,49}$/;
const MAX_LABEL = 100;
const MAX_CATEGORIES = 50;
export const MAX_NOTE = 2000;
export const BREACH_TARGETS: readonly ClockMetric[] = ['first_response', 'resolution', 'update'];

export const DEFAULT_BREACH_REASONS: readonly BreachReasonCategory[] = [
  {
    code: 'waiting_on_vendor',
    label: { de: 'Warten auf Lieferanten', en: 'Waiting on vendor' },
    active: true,
  },
  { code: 'understaffed', label: { de: 'Personalmangel', en: 'Understaffed' }, active: true },
  { code: 'wrong_priority', label: { de: 'Falsche Priorität', en: 'Wrong priority' }, active: true },
  { code: 'misrouted', label: { de: 'Falsch zugewiesen', en: 'Misrouted' }, active: true },
  {
    code: 'customer_unreachable',
    label: { de: 'Kunde nicht erreichbar', en: 'Customer unreachable' },
    active: true,
  },
  { code: 'other', label: { de: 'Sonstiges', en: 'Other' }, active: true },
];

/** The categories as configured, or the defaults before anyone changed them. */
export async function breachReasonCategories(
  repos: Pick<Repositories, 'settings'>,
): Promise<readonly BreachReasonCategory[]> {
  const stored = await repos.settings.get(SETTINGS_KEY);
  return stored === undefined ? DEFAULT_BREACH_REASONS : (JSON.parse(stored) as BreachReasonCategory[]);
}

/** The list of breach reason categories (staff). */
export async function listBreachReasons(
  ctx: AppContext,
  actor: Actor,
): Promise<readonly BreachReasonCategory[]> {
  requireRole(actor, 'agent');
  return breachReasonCategories(ctx.storage);
}

function invalid(message: string, field: string): DomainError {
  return new DomainError('BREACH_REASON_INVALID', message, { field });
}

function cleanCategory(c: BreachReasonCategory, i: number): BreachReasonCategory {
  const field = `items[${i}]`;
  if (!CODE.test(c.code))
    throw invalid(`${field}.code must be lower-case letters, digits and _ (e.g. waiting_on_vendor)`, field);
  const label = { de: c.label.de.trim(), en: c.label.en.trim() };
  for (const lang of ['de', 'en'] as const) {
    if (label[lang] === '' || label[lang].length > MAX_LABEL)
      throw invalid(`${field}.label.${lang} needs 1 to ${MAX_LABEL} characters`, `${field}.label.${lang}`);
  }
  return { code: c.code, label, active: c.active };
}

/**
 * Replaces the list (manager or admin). A category already recorded on a ticket cannot be removed, only
 * deactivated, so that old tickets and reports keep their labels.
 * @throws DomainError BREACH_REASON_INVALID, BREACH_REASON_IN_USE
 */
export async function replaceBreachReasons(
  ctx: AppContext,
  actor: Actor,
  items: readonly BreachReasonCategory[],
): Promise<readonly BreachReasonCategory[]> {
  requireRole(actor, 'manager');
  if (items.length === 0 || items.length > MAX_CATEGORIES)
    throw invalid(`the list needs 1 to ${MAX_CATEGORIES} categories`, 'items');
  const cleaned = items.map(cleanCategory);
  const codes = new Set(cleaned.map((c) => c.code));
  if (codes.size !== cleaned.length) throw invalid('each code may appear once', 'items');
  const now = ctx.clock.now();
  return ctx.storage.transaction(async (repos) => {
    const before = await breachReasonCategories(repos);
    const used = (await repos.reviews.countBreachReasons({})).map((r) => r.reason);
    const removed = used.filter((code) => !codes.has(code));
    if (removed.length > 0)
      throw new DomainError(
        'BREACH_REASON_IN_USE',
        `tickets record ${removed.join(', ')}: deactivate a category in use instead of removing it`,
        { codes: removed },
      );
    await repos.settings.set(SETTINGS_KEY, JSON.stringify(cleaned));
    await audit(repos.audit, actor, now, {
      action: 'breach_reasons.replaced',
      entityType: 'settings',
      entityId: SETTINGS_KEY,
      customerId: null,
      summary: `Breach reasons: ${cleaned.map((c) => `${c.code}${c.active ? '' : ' (inactive)'}`).join(', ')}`,
      changes: { items: [before, cleaned] },
    });
    return cleaned;
  });
}

/** Whether the clock of that target missed it, now or in an earlier cycle (before a reopen or a new binding). */
export function targetBreached(clocks: readonly ClockResult[], target: ClockMetric): boolean {
  return clocks.some(
    (c) =>
      c.metric === target &&
      (c.state === 'breached' ||
        c.breachedAt !== null ||
        c.history.some((h) => h.type === 'breached' || h.state === 'breached')),
  );
}

export interface BreachReasonInput {
  readonly reason: string;
  readonly note?: string | null;
}

/**
 * Records why one target of a ticket was missed (agent and up); recording again replaces the reason.
 * @throws DomainError TICKET_NOT_FOUND, TICKET_TARGET_NOT_BREACHED, BREACH_REASON_UNKNOWN, BREACH_REASON_INVALID
 */
export async function recordBreachReason(
  ctx: AppContext,
  actor: Actor,
  ticketId: string,
  target: ClockMetric,
  input: BreachReasonInput,
): Promise<BreachReasonView> {
  requireRole(actor, 'agent');
  const note = input.note == null || input.note.trim() === '' ? null : input.note.trim();
  if (note !== null && note.length > MAX_NOTE)
    throw invalid(`the note may hold ${MAX_NOTE} characters`, 'note');
  const now = ctx.clock.now();
  return ctx.storage.transaction(async (repos) => {
    const ticket = await repos.tickets.findByIdForUpdate(ticketId);
    if (!ticket) throw new DomainError('TICKET_NOT_FOUND', 'ticket not found', { id: ticketId });
    assertCustomerVisible(actor, ticket.customerId, 'TICKET_NOT_FOUND', 'ticket');
    const category = (await breachReasonCategories(repos)).find((c) => c.code === input.reason);
    if (!category || !category.active)
      throw new DomainError('BREACH_REASON_UNKNOWN', `"${input.reason}" is not an active breach reason`, {
        reason: input.reason,
      });
    const clocks = (await repos.tickets.clocksOf([ticketId])).map((c) => clockAt(c, now, new Map()));
    if (!targetBreached(clocks, target))
      throw new DomainError(
        'TICKET_TARGET_NOT_BREACHED',
        `ticket #${ticket.number} did not breach its ${target} target: a reason is recorded for breaches only`,
        { target },
      );
    const before = (await repos.reviews.breachReasonsOf([ticketId])).find((r) => r.target === target);
    const recorded: TicketBreachReason = {
      ticketId,
      customerId: ticket.customerId,
      target,
      reason: category.code,
      note,
      recordedBy: actor.userId,
      recordedAt: now,
    };
    await repos.reviews.upsertBreachReason(recorded);
    await audit(repos.audit, actor, now, {
      action: 'ticket.breach_reason.recorded',
      entityType: 'ticket',
      entityId: ticketId,
      customerId: ticket.customerId,
      summary: `Ticket #${ticket.number}: ${target} breached because "${category.label.en}"`,
      changes: {
        [`breachReasons.${target}`]: [
          before ? { reason: before.reason, note: before.note } : null,
          { reason: recorded.reason, note: recorded.note },
        ],
      },
    });
    return (await viewsOf(repos, actor, [recorded]))[0] as BreachReasonView;
  });
}

/** A recorded reason with its category's labels; customer viewers do not see the internal note. */
export interface BreachReasonView extends TicketBreachReason {
  readonly label: { readonly de: string; readonly en: string };
}

export async function viewsOf(
  repos: Pick<Repositories, 'settings'>,
  actor: Actor,
  reasons: readonly TicketBreachReason[],
): Promise<BreachReasonView[]> {
  const categories = await breachReasonCategories(repos);
  return reasons.map((r) => ({
    ...r,
    note: actor.customerId === null ? r.note : null,
    label: categories.find((c) => c.code === r.reason)?.label ?? { de: r.reason, en: r.reason },
  }));
}

/** One ticket with its clocks and the reasons recorded for its breaches. */
export async function getTicketWithBreachReasons(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<TicketWithClocks & { readonly breachReasons: readonly BreachReasonView[] }> {
  const found = await getTicket(ctx, actor, id);
  return {
    ...found,
    breachReasons: await viewsOf(ctx.storage, actor, await ctx.storage.reviews.breachReasonsOf([id])),
  };
}

export interface BreachReasonCount {
  readonly reason: string;
  readonly label: { readonly de: string; readonly en: string };
  readonly active: boolean;
  readonly count: number;
}

/** How often each category was recorded (staff): every category, unused ones with 0, by recording time. */
export async function countBreachReasons(
  ctx: AppContext,
  actor: Actor,
  query: { readonly customer?: string; readonly from?: string; readonly to?: string },
): Promise<readonly BreachReasonCount[]> {
  requireRole(actor, 'agent');
  const from = query.from === undefined ? undefined : parseInstant(query.from, 'from');
  const to = query.to === undefined ? undefined : parseInstant(query.to, 'to');
  if (from !== undefined && to !== undefined && !(to > from))
    throw new DomainError('PERIOD_INVALID', '"to" must be after "from"');
  const counts = await ctx.storage.reviews.countBreachReasons({
    ...(query.customer === undefined ? {} : { customerId: query.customer }),
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
  });
  const byCode = new Map(counts.map((c) => [c.reason, c.count]));
  const categories = await breachReasonCategories(ctx.storage);
  return [
    ...categories.map((c) => ({
      reason: c.code,
      label: c.label,
      active: c.active,
      count: byCode.get(c.code) ?? 0,
    })),
    ...counts
      .filter((c) => !categories.some((k) => k.code === c.reason))
      .map((c) => ({
        reason: c.reason,
        label: { de: c.reason, en: c.reason },
        active: false,
        count: c.count,
      })),
  ];
}
