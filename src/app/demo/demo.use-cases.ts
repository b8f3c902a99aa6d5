// `pledge demo`: a small German IT provider with customers, services, calendars, SLAs and months of ticket
// history, loaded through the same use cases as the API.
import { BusinessCalendar } from '../../domain/calendars/business-calendar.ts';
import type { ClockState } from '../../domain/sla-clock/types.ts';
import { DomainError } from '../../domain/shared/errors.ts';
import { DAY_MS, formatInstant, parseDuration } from '../../domain/shared/time.ts';
import { requireRole, type Actor } from '../actor.ts';
import { getPriorityScheme } from '../catalog/priorities.use-cases.ts';
import type { AppContext } from '../context.ts';
import { listCustomers } from '../customers/customers.use-cases.ts';
import { importTicketsCsv } from '../tickets/import.use-cases.ts';
import { listTickets } from '../tickets/ticket-queries.ts';
import { addTicketEvent, type TicketWithClocks } from '../tickets/tickets.use-cases.ts';
import {
  CALENDARS,
  CUSTOMERS,
  DEMO_PRIORITIES,
  SERVICES,
  SLAS,
  type CalendarKey,
  type CustomerKey,
  type ServiceKey,
} from './demo-catalog.ts';
import { historyCsv } from './demo-csv.ts';
import { loadDemoMonitoring, type DemoMonitoringSummary } from './demo-monitoring.ts';
import { planHistory, type PlannedTicket, type TargetsOf } from './demo-history.ts';
import {
  everything,
  loadCalendars,
  loadCatalog,
  loadRules,
  loadSlas,
  namingBeside,
  type Catalog,
} from './demo-setup.ts';

export const DEFAULT_DEMO_SEED = 2026;
export const DEFAULT_DEMO_MONTHS = 6;
export const MAX_DEMO_MONTHS = 24;
/** Tickets per import call: one progress line each. */
const IMPORT_BATCH = 50;
/** External references as in the provider's former helpdesk. */
const REF_PREFIX = 'MIT-';
const FIRST_REF = 10001;

export interface DemoOptions {
  readonly seed?: number;
  readonly months?: number;
  /** Where the history ends; default the clock's now, never later. */
  readonly now?: number;
  /** Load beside existing data instead of refusing a database that has customers. */
  readonly force?: boolean;
  readonly progress?: (message: string) => void;
}

export interface DemoSummary {
  readonly seed: number;
  readonly months: number;
  readonly from: number;
  readonly to: number;
  readonly customers: number;
  readonly contacts: number;
  readonly services: number;
  readonly impacts: number;
  readonly calendars: number;
  readonly slas: number;
  /** Assignment rules added (the demo's customers, and a default when there was no rule yet). */
  readonly rules: number;
  readonly tickets: number;
  /** Events logged after the creations, internal notes included. */
  readonly events: number;
  readonly notes: number;
  /** The demo tickets' clocks as of now, by state. */
  readonly clocks: Readonly<Record<ClockState, number>>;
  /** Tickets with a breached clock: what `GET /api/v1/tickets?clock=breached` lists. */
  readonly ticketsWithBreach: number;
  /** Tickets not resolved now, and how many of them are at risk or breached. */
  readonly open: { readonly total: number; readonly atRisk: number; readonly breached: number };
  /** Monitors with months of state history, their outages, and the customers' monthly patch windows. */
  readonly monitoring: DemoMonitoringSummary;
}

interface Settings {
  readonly seed: number;
  readonly months: number;
  readonly now: number;
}

function settle(ctx: AppContext, options: DemoOptions): Settings {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const months = options.months ?? DEFAULT_DEMO_MONTHS;
  const clockNow = ctx.clock.now();
  const now = options.now ?? clockNow;
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0xffff_ffff) {
    throw new DomainError('DEMO_INVALID', `the seed must be a whole number from 0 to ${0xffff_ffff}`, {
      seed,
    });
  }
  if (!Number.isInteger(months) || months < 1 || months > MAX_DEMO_MONTHS) {
    throw new DomainError('DEMO_INVALID', `months must be a whole number from 1 to ${MAX_DEMO_MONTHS}`, {
      months,
    });
  }
  if (!Number.isFinite(now) || now > clockNow) {
    throw new DomainError('DEMO_INVALID', 'the demo history cannot end in the future', { now });
  }
  return { seed, months, now };
}

const day = (t: number): string => formatInstant(t).slice(0, 10);

function monthsBefore(now: number, months: number): number {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.getTime();
}

/** @throws DomainError DEMO_NOT_EMPTY when customers exist and `force` is not given */
async function assertEmpty(ctx: AppContext, actor: Actor, force: boolean): Promise<void> {
  const { total } = await listCustomers(ctx, actor, { includeArchived: true, limit: 1 });
  if (total > 0 && !force) {
    throw new DomainError(
      'DEMO_NOT_EMPTY',
      `the database already holds ${total} customer(s); the demo is meant for an empty database. Use --force to add it beside the existing data`,
      { customers: total },
    );
  }
}

async function assertPriorities(ctx: AppContext): Promise<void> {
  const scheme = await getPriorityScheme(ctx);
  const missing = DEMO_PRIORITIES.filter((p) => !scheme.priorities.some((q) => q.id === p));
  if (missing.length > 0) {
    throw new DomainError(
      'DEMO_PRIORITIES_MISSING',
      `the demo needs the priorities P1–P4; missing: ${missing.join(', ')}`,
      {
        missing,
      },
    );
  }
}

function targetsOf(calendars: Readonly<Record<CalendarKey, BusinessCalendar>>): TargetsOf {
  return (customer, priority) => {
    const slaKey = CUSTOMERS.find((c) => c.key === customer)?.sla;
    const t = SLAS.find((s) => s.key === slaKey)?.targets[priority];
    if (!t) throw new Error(`the demo catalogue has no ${priority} targets for ${customer}`);
    return {
      firstResponse: parseDuration(t.firstResponse),
      resolution: parseDuration(t.resolution),
      calendar: calendars[t.calendar],
    };
  };
}

/** Imports the history in batches; each ticket is its own transaction inside the import. */
async function importHistory(
  ctx: AppContext,
  actor: Actor,
  plan: readonly PlannedTicket[],
  refs: readonly string[],
  catalog: Catalog,
  progress: (message: string) => void,
): Promise<number> {
  let events = 0;
  const ids = {
    customer: (k: CustomerKey) => catalog.customers[k],
    service: (k: ServiceKey) => catalog.services[k],
  };
  for (let i = 0; i < plan.length; i += IMPORT_BATCH) {
    const csv = historyCsv(plan.slice(i, i + IMPORT_BATCH), refs.slice(i, i + IMPORT_BATCH), ids);
    const result = await importTicketsCsv(ctx, actor, csv);
    const first = result.errors[0];
    if (first) {
      throw new DomainError(
        'DEMO_IMPORT_FAILED',
        `the demo history did not import: ${first.code} ${first.message}`,
        {
          errors: result.errors.slice(0, 5),
        },
      );
    }
    events += result.events;
    progress(`  tickets ${Math.min(i + IMPORT_BATCH, plan.length)}/${plan.length}`);
  }
  return events;
}

/** Every ticket of the given customers with its clocks as of now. */
async function ticketsOf(
  ctx: AppContext,
  actor: Actor,
  customerIds: readonly string[],
): Promise<TicketWithClocks[]> {
  const out: TicketWithClocks[] = [];
  for (const customer of customerIds) {
    out.push(...(await everything((limit, offset) => listTickets(ctx, actor, { customer, limit, offset }))));
  }
  return out;
}

/** Internal notes are not part of the import format: they are logged on the imported tickets. */
async function logNotes(
  ctx: AppContext,
  actor: Actor,
  plan: readonly PlannedTicket[],
  refs: readonly string[],
  tickets: readonly TicketWithClocks[],
): Promise<number> {
  const idOf = new Map(tickets.map((t) => [t.ticket.externalRef, t.ticket.id]));
  let notes = 0;
  for (const [i, planned] of plan.entries()) {
    const id = idOf.get(refs[i] ?? '');
    if (id === undefined) continue;
    for (const e of planned.events) {
      if (e.type !== 'note' || e.body === undefined) continue;
      await addTicketEvent(ctx, actor, id, { type: 'note', at: formatInstant(e.at), body: e.body });
      notes++;
    }
  }
  return notes;
}

function tally(
  tickets: readonly TicketWithClocks[],
  now: number,
): Pick<DemoSummary, 'clocks' | 'ticketsWithBreach' | 'open'> {
  const clocks: Record<ClockState, number> = {
    running: 0,
    paused: 0,
    met: 0,
    breached: 0,
    cancelled: 0,
    idle: 0,
  };
  let ticketsWithBreach = 0;
  const open = { total: 0, atRisk: 0, breached: 0 };
  for (const { ticket, clocks: list } of tickets) {
    for (const c of list) clocks[c.state]++;
    const breached = list.some((c) => c.state === 'breached');
    if (breached) ticketsWithBreach++;
    if (ticket.resolvedAt !== null) continue;
    open.total++;
    if (breached) open.breached++;
    else if (list.some((c) => c.state === 'running' && c.warnings.some((w) => w.at <= now))) open.atRisk++;
  }
  return { clocks, ticketsWithBreach, open };
}

/**
 * Loads the demo: "Muster IT-Service GmbH" with three customers and their contacts, eight services with
 * their business impact, three calendars, three active SLAs with assignment rules, and `months` of ticket
 * history up to `now`, drawn from `seed` (the same seed gives the same demo). Refuses a database that
 * already has customers unless `force` is given.
 * @throws DomainError DEMO_NOT_EMPTY, DEMO_INVALID, DEMO_PRIORITIES_MISSING, FORBIDDEN
 */
export async function loadDemo(
  ctx: AppContext,
  actor: Actor,
  options: DemoOptions = {},
): Promise<DemoSummary> {
  requireRole(actor, 'manager');
  const { seed, months, now } = settle(ctx, options);
  const progress = options.progress ?? ((): void => undefined);
  await assertEmpty(ctx, actor, options.force === true);
  await assertPriorities(ctx);
  const from = monthsBefore(now, months);

  const named = await namingBeside(ctx, actor);

  const catalog = await loadCatalog(ctx, actor, named);
  progress(
    `Catalogue: ${CUSTOMERS.length} customers with ${catalog.contacts} contacts, ${SERVICES.length} services, ${catalog.impacts} business impacts`,
  );
  const calendarIds = await loadCalendars(ctx, actor, named);
  const effectiveFrom = Math.floor(from / DAY_MS) * DAY_MS - DAY_MS;
  const slaIds = await loadSlas(ctx, actor, catalog, calendarIds, effectiveFrom, named);
  const rules = await loadRules(ctx, actor, catalog, slaIds);
  const calendarNames = Object.values(CALENDARS).map((c) => named(c.name));
  progress(
    `SLAs: ${SLAS.map((s) => named(s.name)).join(', ')}, active, on ${calendarNames.join(', ')}; ${rules} assignment rules`,
  );

  const calendars = {} as Record<CalendarKey, BusinessCalendar>;
  for (const [key, definition] of Object.entries(CALENDARS))
    calendars[key as CalendarKey] = BusinessCalendar.from(definition);
  const reporting = new Map(CUSTOMERS.map((c) => [c.key, BusinessCalendar.from(c.reportingHours)]));
  const plan = planHistory(seed, {
    customers: CUSTOMERS,
    reportingHours: (key) => reporting.get(key) ?? calendars.always,
    targetsOf: targetsOf(calendars),
    from,
    now,
    months,
  });
  const existing = (await listTickets(ctx, actor, { limit: 1 })).total;
  const refs = plan.map((_, i) => `${REF_PREFIX}${FIRST_REF + existing + i}`);
  progress(`Tickets: ${plan.length} from ${day(from)} to ${day(now)}`);
  const imported = await importHistory(ctx, actor, plan, refs, catalog, progress);

  const customerIds = Object.values(catalog.customers);
  // Notes change no clock, so the list read before them tells the clocks as well.
  const tickets = await ticketsOf(ctx, actor, customerIds);
  const notes = await logNotes(ctx, actor, plan, refs, tickets);
  const monitoring = await loadDemoMonitoring(ctx, actor, seed, catalog, from, now);
  progress(
    `Monitoring: ${monitoring.monitors} monitors with ${monitoring.outages} past outages, ${monitoring.windows} patch windows`,
  );
  return {
    seed,
    months,
    from,
    to: now,
    customers: CUSTOMERS.length,
    contacts: catalog.contacts,
    services: SERVICES.length,
    impacts: catalog.impacts,
    calendars: Object.keys(CALENDARS).length,
    slas: SLAS.length,
    rules,
    tickets: tickets.length,
    events: imported + notes,
    notes,
    ...tally(tickets, ctx.clock.now()),
    monitoring,
  };
}
