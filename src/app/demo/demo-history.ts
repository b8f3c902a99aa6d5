// Months of a service desk's life, drawn with a seeded generator: tickets with the events that drive
// their SLA clocks. Timings are planned in business time on the clock's own calendar, so the share of
// breaches is chosen, not left to chance.
import type { BusinessCalendar } from '../../domain/calendars/business-calendar.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../domain/shared/time.ts';
import type { TicketType } from '../tickets/tickets.repository.ts';
import {
  AGENT_NOTES,
  LOCAL_TITLES,
  TITLES,
  WAITING,
  type CustomerKey,
  type DemoCustomer,
  type DemoPriority,
  type ServiceKey,
} from './demo-catalog.ts';
import { Random, subSeed } from './random.ts';

export interface PlannedEvent {
  readonly at: number;
  readonly type: 'reply' | 'status' | 'priority' | 'resolved' | 'reopened' | 'closed' | 'note';
  readonly author?: 'agent' | 'customer';
  readonly public?: boolean;
  readonly status?: string;
  readonly priority?: DemoPriority;
  /** The text of an internal note (the import format carries no reply texts). */
  readonly body?: string;
}

export interface PlannedTicket {
  readonly customer: CustomerKey;
  readonly service: ServiceKey;
  readonly type: TicketType;
  readonly title: string;
  /** The priority at creation; a `priority` event may change it. */
  readonly priority: DemoPriority;
  readonly createdAt: number;
  /** In time order, none after the end of the history. */
  readonly events: readonly PlannedEvent[];
}

/** The first response and resolution targets of a customer's SLA for a priority, with their calendar. */
export interface PlannedTargets {
  readonly firstResponse: number;
  readonly resolution: number;
  readonly calendar: BusinessCalendar;
}

export type TargetsOf = (customer: CustomerKey, priority: DemoPriority) => PlannedTargets;

export interface HistoryInput {
  readonly customers: readonly DemoCustomer[];
  /** The customers' reporting hours, compiled. */
  readonly reportingHours: (customer: CustomerKey) => BusinessCalendar;
  readonly targetsOf: TargetsOf;
  readonly from: number;
  readonly now: number;
  /** The length of the history, for the number of tickets. */
  readonly months: number;
}

/** Shares of clocks planned to run past their target. */
const FIRST_RESPONSE_BREACH = 0.04;
const RESOLUTION_BREACH = 0.07;
/** Tickets of the last days are drawn as open tickets with chosen states instead. */
const QUIET_END_MS = 2 * DAY_MS;
const MIN_WORK_MS = 15 * MINUTE_MS;

const SERVICE_WEIGHT: Readonly<Record<ServiceKey, number>> = {
  mail: 15,
  m365: 18,
  files: 8,
  firewall: 9,
  workplace: 26,
  printing: 14,
  backup: 5,
  website: 5,
};

const agentReply = (at: number): PlannedEvent => ({ at, type: 'reply', author: 'agent', public: true });
const customerReply = (at: number): PlannedEvent => ({ at, type: 'reply', author: 'customer', public: true });

const ceilMinute = (t: number): number => Math.ceil(t / MINUTE_MS) * MINUTE_MS;

/**
 * The latest instant from which `calendar` counts at least `amount` of open time up to `end`: where a clock
 * must have started to have used `amount` by `end`.
 */
export function startBefore(calendar: BusinessCalendar, end: number, amount: number): number {
  let lo = end - 60 * DAY_MS;
  let hi = end;
  while (hi - lo > MINUTE_MS) {
    const mid = Math.floor((lo + hi) / 2);
    if (calendar.elapsed(mid, end) >= amount) lo = mid;
    else hi = mid;
  }
  return Math.floor(lo / MINUTE_MS) * MINUTE_MS;
}

/** A wall-clock wait: a few hours, overnight, or over a weekend. */
function waitFor(rng: Random): number {
  const kind = rng.weighted<'hours' | 'night' | 'days'>([
    ['hours', 5],
    ['night', 3],
    ['days', 2],
  ]);
  if (kind === 'hours') return rng.int(60, 300) * MINUTE_MS;
  if (kind === 'night') return rng.int(14 * 60, 20 * 60) * MINUTE_MS;
  return rng.int(48 * 60, 96 * 60) * MINUTE_MS;
}

function priorityOf(rng: Random, type: TicketType, criticality: string): DemoPriority {
  if (type === 'service_request')
    return rng.weighted<DemoPriority>([
      ['P3', 55],
      ['P4', 45],
    ]);
  const weights: Readonly<Record<string, readonly [number, number, number, number]>> = {
    critical: [7, 26, 52, 15],
    high: [4, 20, 56, 20],
    medium: [2, 13, 60, 25],
    low: [0, 6, 46, 48],
  };
  const [p1, p2, p3, p4] = weights[criticality] ?? [2, 13, 60, 25];
  return rng.weighted<DemoPriority>([
    ['P1', p1],
    ['P2', p2],
    ['P3', p3],
    ['P4', p4],
  ]);
}

interface Subject {
  readonly service: ServiceKey;
  readonly type: TicketType;
  readonly title: string;
}

function subjectOf(rng: Random, customer: DemoCustomer): Subject {
  const local = LOCAL_TITLES[customer.key];
  if (rng.chance(0.12) && local.length > 0) {
    const [service, title] = rng.pick(local);
    return { service, type: 'incident', title };
  }
  const services = (Object.keys(customer.impacts) as ServiceKey[]).map(
    (s) => [s, SERVICE_WEIGHT[s]] as const,
  );
  const service = rng.weighted(services);
  const type: TicketType = rng.chance(0.25) ? 'service_request' : 'incident';
  const titles = TITLES[service];
  return { service, type, title: rng.pick(type === 'incident' ? titles.incident : titles.request) };
}

interface PriorityChange {
  readonly initial: DemoPriority;
  /** Raised after the first look, or lowered right after creation. */
  readonly raised: boolean;
}

/** Now and then the first look shows a ticket to be more (or less) urgent than reported. */
function priorityChange(rng: Random, final: DemoPriority): PriorityChange | undefined {
  if (!rng.chance(0.07)) return undefined;
  if (final === 'P2') return { initial: 'P3', raised: true };
  if (final === 'P3')
    return rng.chance(0.6) ? { initial: 'P4', raised: true } : { initial: 'P2', raised: false };
  return undefined;
}

/** A ticket's life as it is written: its events so far, and the resolution time counted up to `cursor`. */
interface Life {
  readonly rng: Random;
  /** The calendar the ticket's clocks count on. */
  readonly cal: BusinessCalendar;
  /** When the customer's people are at work to answer. */
  readonly reporting: BusinessCalendar;
  readonly events: PlannedEvent[];
  counted: number;
  cursor: number;
}

/** Creation up to the first public answer, with a priority change and an internal note now and then. */
function firstLook(
  life: Life,
  createdAt: number,
  targets: PlannedTargets,
  final: DemoPriority,
  change: PriorityChange | undefined,
): void {
  const { rng, cal, events } = life;
  const share = rng.chance(FIRST_RESPONSE_BREACH) ? rng.between(1.05, 2.2) : 0.08 + 0.85 * rng.unit() ** 1.6;
  const tAnswer = ceilMinute(cal.due(createdAt, share * targets.firstResponse));
  const tMore = createdAt + rng.int(5, 45) * MINUTE_MS;
  if (rng.chance(0.2) && tMore < tAnswer) {
    events.push(customerReply(tMore));
  }
  events.push(agentReply(tAnswer));
  events.push({ at: tAnswer, type: 'status', status: 'in progress' });
  if (change) {
    const at = change.raised ? tAnswer + rng.int(1, 10) * MINUTE_MS : createdAt + rng.int(5, 20) * MINUTE_MS;
    events.push({ at, type: 'priority', priority: final });
  }
  if (rng.chance(0.25))
    events.push({ at: tAnswer + rng.int(5, 90) * MINUTE_MS, type: 'note', body: rng.pick(AGENT_NOTES) });
  life.counted = cal.elapsed(createdAt, tAnswer);
  life.cursor = tAnswer;
}

/** Asks the customer something: the clocks pause until the answer has been read. */
function waitForCustomer(life: Life, budget: number): void {
  const { rng, cal, events } = life;
  const tAsk = ceilMinute(cal.due(life.cursor, rng.between(0.1, 0.5) * (budget - life.counted)));
  life.counted += cal.elapsed(life.cursor, tAsk);
  events.push({ at: tAsk, type: 'status', status: WAITING });
  events.push(agentReply(tAsk));
  const tReply = life.reporting.nextOpen(tAsk + waitFor(rng));
  events.push(customerReply(tReply));
  life.cursor = tReply + rng.int(5, 40) * MINUTE_MS;
  events.push({ at: life.cursor, type: 'status', status: 'in progress' });
}

function resolution(at: number): PlannedEvent[] {
  return [agentReply(at), { at, type: 'status', status: 'resolved' }, { at, type: 'resolved' }];
}

/** Resolves once the budget is used, sometimes after a reopen; returns the final resolution instant. */
function resolve(life: Life, budget: number): number {
  const { rng, cal, events } = life;
  let remaining = Math.max(budget - life.counted, MIN_WORK_MS);
  if (rng.chance(0.05)) {
    const first = remaining * rng.between(0.5, 0.8);
    const tFirst = ceilMinute(cal.due(life.cursor, first));
    events.push(...resolution(tFirst));
    life.cursor = life.reporting.nextOpen(tFirst + rng.int(2 * 60, 30 * 60) * MINUTE_MS);
    events.push(customerReply(life.cursor));
    events.push({ at: life.cursor, type: 'reopened' });
    events.push({ at: life.cursor, type: 'status', status: 'in progress' });
    remaining -= first;
  }
  const tResolved = ceilMinute(cal.due(life.cursor, remaining));
  events.push(...resolution(tResolved));
  return tResolved;
}

/** A thank-you now and then, and the closure a few days later. */
function close(life: Life, tResolved: number): void {
  const { rng, events } = life;
  let tClosed = tResolved + rng.int(24 * 60, 5 * 24 * 60) * MINUTE_MS;
  if (rng.chance(0.3)) {
    const tThanks = life.reporting.nextOpen(tResolved + rng.int(10, 240) * MINUTE_MS);
    events.push(customerReply(tThanks));
    tClosed = Math.max(tClosed, tThanks + HOUR_MS);
  }
  events.push({ at: tClosed, type: 'status', status: 'closed' });
  events.push({ at: tClosed, type: 'closed' });
}

/**
 * The events of a ticket from its creation to its closure, cut off at `now`. The first response and the
 * resolution each use a drawn share of their target; a share above 1 is a breach.
 */
function lifeOf(
  rng: Random,
  reporting: BusinessCalendar,
  createdAt: number,
  targets: PlannedTargets,
  final: DemoPriority,
  change: PriorityChange | undefined,
  now: number,
): PlannedEvent[] {
  const life: Life = { rng, cal: targets.calendar, reporting, events: [], counted: 0, cursor: createdAt };
  const share = rng.chance(RESOLUTION_BREACH) ? rng.between(1.05, 1.8) : rng.between(0.2, 0.95);
  firstLook(life, createdAt, targets, final, change);
  const budget = Math.max(share * targets.resolution, life.counted + MIN_WORK_MS);
  if (rng.chance(0.35) && budget - life.counted > 2 * MIN_WORK_MS) waitForCustomer(life, budget);
  close(life, resolve(life, budget));
  return life.events.filter((e) => e.at <= now).sort((a, b) => a.at - b.at);
}

function naturalTickets(seed: number, input: HistoryInput): PlannedTicket[] {
  const end = input.now - QUIET_END_MS;
  const months = input.months - QUIET_END_MS / (30.44 * DAY_MS);
  const out: PlannedTicket[] = [];
  for (const [k, customer] of input.customers.entries()) {
    const hours = input.reportingHours(customer.key);
    const open = hours.elapsed(input.from, end);
    const count = Math.round(
      customer.ticketsPerMonth * months * new Random(subSeed(seed, k)).between(0.9, 1.1),
    );
    for (let i = 0; i < count; i++) {
      const rng = new Random(subSeed(seed, k, i));
      const subject = subjectOf(rng, customer);
      const criticality = customer.impacts[subject.service]?.criticality ?? 'medium';
      const final = priorityOf(rng, subject.type, criticality);
      const outOfHours = rng.chance(final === 'P1' ? 0.3 : 0.03);
      const at = rng.unit();
      const createdAt = ceilMinute(
        outOfHours ? input.from + at * (end - input.from) : hours.due(input.from, at * open),
      );
      const change = priorityChange(rng, final);
      const targets = input.targetsOf(customer.key, final);
      const events = lifeOf(rng, hours, createdAt, targets, final, change, input.now);
      out.push({ customer: customer.key, ...subject, priority: change?.initial ?? final, createdAt, events });
    }
  }
  return out;
}

interface OpenCase {
  readonly customer: CustomerKey;
  readonly service: ServiceKey;
  readonly type: TicketType;
  readonly title: string;
  readonly priority: DemoPriority;
  /** Answered publicly after this share of the first response target; unanswered when absent. */
  readonly answeredAt?: number;
  /** Share of the resolution target used by now; while unanswered, of the first response target. */
  readonly used: number;
  /** Waiting for the customer since this much business time. */
  readonly waitingFor?: number;
  readonly note?: string;
}

/** Tickets open now, one of each kind a service desk sees: running, at risk, waiting, breached. */
const OPEN_CASES: readonly OpenCase[] = [
  {
    customer: 'law',
    service: 'firewall',
    type: 'incident',
    title: 'VPN down for all home-office users',
    priority: 'P1',
    answeredAt: 0.25,
    used: 0.8,
    note: 'Provider outage confirmed by the carrier, ticket number DT-22841.',
  },
  {
    customer: 'law',
    service: 'm365',
    type: 'incident',
    title: 'Teams: meeting invitations do not arrive',
    priority: 'P3',
    answeredAt: 0.3,
    used: 0.3,
  },
  {
    customer: 'dental',
    service: 'workplace',
    type: 'incident',
    title: 'X-ray workstation does not find the image server',
    priority: 'P2',
    answeredAt: 0.4,
    used: 0.85,
  },
  {
    customer: 'dental',
    service: 'mail',
    type: 'incident',
    title: 'Mails from the lab arrive without attachments',
    priority: 'P3',
    answeredAt: 0.2,
    used: 0.4,
    waitingFor: 3 * HOUR_MS,
  },
  {
    customer: 'bakery',
    service: 'printing',
    type: 'incident',
    title: 'Label printer in the Göggingen branch offline',
    priority: 'P3',
    used: 0.1,
  },
  {
    customer: 'bakery',
    service: 'firewall',
    type: 'incident',
    title: 'Card terminal in the Haunstetten branch loses its connection',
    priority: 'P2',
    answeredAt: 0.5,
    used: 1.3,
  },
  {
    customer: 'dental',
    service: 'm365',
    type: 'service_request',
    title: 'Microsoft 365 licence for the new assistant',
    priority: 'P3',
    used: 1.4,
  },
];

/**
 * The open tickets, built backwards from now so that each one is in its intended state whatever day and
 * hour `now` falls on.
 */
function openTickets(seed: number, input: HistoryInput): PlannedTicket[] {
  return OPEN_CASES.map((c, i) => {
    const rng = new Random(subSeed(seed, input.customers.length, i));
    const targets = input.targetsOf(c.customer, c.priority);
    const cal = targets.calendar;
    const events: PlannedEvent[] = [];
    let createdAt: number;
    if (c.answeredAt === undefined) {
      createdAt = startBefore(cal, input.now, c.used * targets.firstResponse);
    } else {
      const pausedFrom = c.waitingFor === undefined ? input.now : startBefore(cal, input.now, c.waitingFor);
      createdAt = startBefore(cal, pausedFrom, c.used * targets.resolution);
      const tFr = ceilMinute(cal.due(createdAt, c.answeredAt * targets.firstResponse));
      events.push(agentReply(tFr));
      events.push({ at: tFr, type: 'status', status: 'in progress' });
      if (c.note !== undefined) events.push({ at: tFr + 10 * MINUTE_MS, type: 'note', body: c.note });
      if (c.waitingFor !== undefined) {
        events.push(agentReply(pausedFrom));
        events.push({ at: pausedFrom, type: 'status', status: WAITING });
      }
    }
    if (rng.chance(0.5) && c.answeredAt !== undefined) {
      const at = createdAt + rng.int(5, 15) * MINUTE_MS;
      if (at < (events[0]?.at ?? input.now)) events.unshift(customerReply(at));
    }
    return {
      customer: c.customer,
      service: c.service,
      type: c.type,
      title: c.title,
      priority: c.priority,
      createdAt,
      events: events.filter((e) => e.at <= input.now),
    };
  });
}

/** The whole history, oldest ticket first. */
export function planHistory(seed: number, input: HistoryInput): PlannedTicket[] {
  const tickets = [...naturalTickets(seed, input), ...openTickets(seed, input)];
  return tickets.sort((a, b) => a.createdAt - b.createdAt);
}
