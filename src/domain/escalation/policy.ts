import type { ClockMetric } from '../sla-clock/types.ts';
import { DomainError } from '../shared/errors.ts';

/** Triggers measured on a ticket's SLA clock (in business time of the clock's calendar). */
export type TicketTrigger =
  | { readonly kind: 'share'; readonly share: number }
  | { readonly kind: 'before_due'; readonly minutes: number }
  | { readonly kind: 'breach' }
  | { readonly kind: 'after_breach'; readonly minutes: number };

/** Triggers raised by a service's availability: outages and error-budget alerts (in wall-clock time). */
export type AvailabilityTrigger =
  | { readonly kind: 'outage_start' }
  | { readonly kind: 'outage_lasted'; readonly minutes: number }
  | { readonly kind: 'burn_rate' }
  | { readonly kind: 'budget_spent' };

export type EscalationTrigger = TicketTrigger | AvailabilityTrigger;

/** Who can be notified by role. `on_call` and `team_lead` are resolved by the roster, the others by account role. */
export const NOTIFY_ROLES = ['admin', 'manager', 'agent', 'on_call', 'team_lead'] as const;
export type NotifyRole = (typeof NOTIFY_ROLES)[number];

/** The deepest level of a customer's escalation matrix (the contacts catalog allows 1 … 9). */
export const MAX_CUSTOMER_ESCALATION_LEVEL = 9;

export type EscalationAction =
  | { readonly kind: 'notify_user'; readonly userId: string }
  | { readonly kind: 'notify_role'; readonly role: NotifyRole }
  | { readonly kind: 'notify_assignee' }
  | { readonly kind: 'notify_customer_contacts'; readonly level: number }
  | { readonly kind: 'raise_priority' }
  | { readonly kind: 'reassign'; readonly userId: string };

export interface EscalationLevel {
  readonly trigger: EscalationTrigger;
  /** Fire again every so many minutes until someone acknowledges the level. */
  readonly repeatEveryMinutes?: number;
  /** How many repeats after the first notice; unlimited when absent. Needs `repeatEveryMinutes`. */
  readonly maxRepeats?: number;
  /** Acknowledging this level also stops every later level of the policy for the same clock or outage. */
  readonly stopsLaterLevels: boolean;
  readonly actions: readonly EscalationAction[];
  /** Ids of the notification channels the notices go out on; empty means the recipients' defaults. */
  readonly channels: readonly string[];
}

export interface EscalationPolicy {
  /** Stable id; part of every step key, so it must not contain `:`. */
  readonly id: string;
  readonly name: string;
  /** Derived from the triggers: a policy escalates either tickets or availability, never both. */
  readonly scope: 'ticket' | 'availability';
  readonly levels: readonly EscalationLevel[];
  readonly appliesTo: {
    /** The SLA clocks the policy watches; all of them when absent. */
    readonly targets?: readonly ClockMetric[];
    /** The ticket priorities the policy applies to; all of them when absent. */
    readonly priorities?: readonly string[];
  };
}

const TICKET_TRIGGERS = ['share', 'before_due', 'breach', 'after_breach'] as const;
const AVAILABILITY_TRIGGERS = ['outage_start', 'outage_lasted', 'burn_rate', 'budget_spent'] as const;
const ACTIONS = [
  'notify_user',
  'notify_role',
  'notify_assignee',
  'notify_customer_contacts',
  'raise_priority',
  'reassign',
] as const;
/** Actions that need a ticket to act on. */
const TICKET_ONLY_ACTIONS: ReadonlySet<string> = new Set(['notify_assignee', 'raise_priority', 'reassign']);
const METRICS: readonly ClockMetric[] = ['first_response', 'resolution', 'update'];

const MAX_LEVELS = 20;
const MAX_ACTIONS = 20;
/** Offsets and repeat intervals: up to a year of minutes; longer is a typo. */
const MAX_MINUTES = 366 * 24 * 60;
const MAX_REPEATS = 1_000;
const ID_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

function invalid(field: string, message: string, value?: unknown): never {
  throw new DomainError('ESCALATION_POLICY_INVALID', `${field}: ${message}`, {
    field,
    ...(value === undefined ? {} : { value }),
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function record(value: unknown, field: string, allowed: readonly string[]): Record<string, unknown> {
  if (!isRecord(value)) invalid(field, 'must be an object', value);
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) invalid(field === '' ? key : `${field}.${key}`, 'is not a known field');
  }
  return value;
}

function text(value: unknown, field: string, max = 200): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) {
    invalid(field, `must be a non-empty string of at most ${max} characters`, value);
  }
  return value;
}

function id(value: unknown, field: string): string {
  if (typeof value !== 'string' || !ID_RE.test(value)) {
    invalid(field, 'must be 1 to 100 letters, digits, "_", "." or "-"', value);
  }
  return value;
}

function wholeNumber(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    invalid(field, `must be a whole number from ${min} to ${max}`, value);
  }
  return value;
}

function list(value: unknown, field: string, max: number): unknown[] {
  if (!Array.isArray(value)) invalid(field, 'must be a list', value);
  if (value.length > max) invalid(field, `must not list more than ${max} entries`);
  return value;
}

function oneOf<T extends string>(value: unknown, field: string, options: readonly T[]): T {
  if (typeof value !== 'string' || !(options as readonly string[]).includes(value)) {
    invalid(field, `must be one of ${options.join(', ')}`, value);
  }
  return value as T;
}

function parseTrigger(input: unknown, field: string): EscalationTrigger {
  const kind = oneOf(isRecord(input) ? input['kind'] : input, `${field}.kind`, [
    ...TICKET_TRIGGERS,
    ...AVAILABILITY_TRIGGERS,
  ]);
  switch (kind) {
    case 'share': {
      const r = record(input, field, ['kind', 'share']);
      const share = r['share'];
      if (typeof share !== 'number' || !Number.isFinite(share) || share <= 0 || share > 1) {
        invalid(`${field}.share`, 'must be a share greater than 0 and at most 1 (e.g. 0.75)', share);
      }
      return { kind, share };
    }
    case 'before_due':
    case 'after_breach':
    case 'outage_lasted': {
      const r = record(input, field, ['kind', 'minutes']);
      return { kind, minutes: wholeNumber(r['minutes'], `${field}.minutes`, 1, MAX_MINUTES) };
    }
    default:
      record(input, field, ['kind']);
      return { kind };
  }
}

function parseAction(input: unknown, field: string): EscalationAction {
  const kind = oneOf(isRecord(input) ? input['kind'] : input, `${field}.kind`, ACTIONS);
  switch (kind) {
    case 'notify_user':
    case 'reassign': {
      const r = record(input, field, ['kind', 'userId']);
      return { kind, userId: text(r['userId'], `${field}.userId`) };
    }
    case 'notify_role': {
      const r = record(input, field, ['kind', 'role']);
      return { kind, role: oneOf(r['role'], `${field}.role`, NOTIFY_ROLES) };
    }
    case 'notify_customer_contacts': {
      const r = record(input, field, ['kind', 'level']);
      return { kind, level: wholeNumber(r['level'], `${field}.level`, 1, MAX_CUSTOMER_ESCALATION_LEVEL) };
    }
    default:
      record(input, field, ['kind']);
      return { kind };
  }
}

function parseLevel(input: unknown, field: string): EscalationLevel {
  const r = record(input, field, [
    'trigger',
    'repeatEveryMinutes',
    'maxRepeats',
    'stopsLaterLevels',
    'actions',
    'channels',
  ]);
  const trigger = parseTrigger(r['trigger'], `${field}.trigger`);
  const repeat =
    r['repeatEveryMinutes'] === undefined
      ? undefined
      : wholeNumber(r['repeatEveryMinutes'], `${field}.repeatEveryMinutes`, 1, MAX_MINUTES);
  const maxRepeats =
    r['maxRepeats'] === undefined
      ? undefined
      : wholeNumber(r['maxRepeats'], `${field}.maxRepeats`, 0, MAX_REPEATS);
  if (maxRepeats !== undefined && repeat === undefined)
    invalid(`${field}.maxRepeats`, 'needs repeatEveryMinutes');
  const stops = r['stopsLaterLevels'] ?? false;
  if (typeof stops !== 'boolean') invalid(`${field}.stopsLaterLevels`, 'must be true or false', stops);
  const actionList = list(r['actions'], `${field}.actions`, MAX_ACTIONS);
  if (actionList.length === 0) invalid(`${field}.actions`, 'must name at least one action');
  const actions = actionList.map((a, i) => parseAction(a, `${field}.actions[${i}]`));
  const channelList =
    r['channels'] === undefined ? [] : list(r['channels'], `${field}.channels`, MAX_ACTIONS);
  const channels = channelList.map((c, i) => id(c, `${field}.channels[${i}]`));
  if (new Set(channels).size !== channels.length) invalid(`${field}.channels`, 'lists a channel twice');
  return {
    trigger,
    ...(repeat === undefined ? {} : { repeatEveryMinutes: repeat }),
    ...(maxRepeats === undefined ? {} : { maxRepeats }),
    stopsLaterLevels: stops,
    actions,
    channels,
  };
}

function parseAppliesTo(input: unknown, scope: EscalationPolicy['scope']): EscalationPolicy['appliesTo'] {
  if (input === undefined) return {};
  const r = record(input, 'appliesTo', ['targets', 'priorities']);
  const out: { targets?: ClockMetric[]; priorities?: string[] } = {};
  if (r['targets'] !== undefined) {
    if (scope !== 'ticket') invalid('appliesTo.targets', 'only ticket policies watch SLA targets');
    const targets = list(r['targets'], 'appliesTo.targets', METRICS.length).map((t, i) =>
      oneOf(t, `appliesTo.targets[${i}]`, METRICS),
    );
    if (targets.length === 0 || new Set(targets).size !== targets.length) {
      invalid('appliesTo.targets', 'must list each target at most once, and at least one');
    }
    out.targets = targets;
  }
  if (r['priorities'] !== undefined) {
    if (scope !== 'ticket') invalid('appliesTo.priorities', 'only ticket policies apply per priority');
    const priorities = list(r['priorities'], 'appliesTo.priorities', 50).map((p, i) =>
      text(p, `appliesTo.priorities[${i}]`, 50),
    );
    if (priorities.length === 0 || new Set(priorities).size !== priorities.length) {
      invalid('appliesTo.priorities', 'must list each priority at most once, and at least one');
    }
    out.priorities = priorities;
  }
  return out;
}

const isTicketTrigger = (t: EscalationTrigger): t is TicketTrigger =>
  (TICKET_TRIGGERS as readonly string[]).includes(t.kind);

/**
 * Validates an escalation policy (from JSON or YAML already parsed into plain values). Every level of a
 * policy must use triggers of one family: ticket clocks (share, before_due, breach, after_breach) or
 * availability (outage_start, outage_lasted, burn_rate, budget_spent). Actions that need a ticket
 * (notify_assignee, raise_priority, reassign) are refused in availability policies.
 *
 * @throws DomainError ESCALATION_POLICY_INVALID with `details.field` naming the offending field.
 */
export function parseEscalationPolicy(input: unknown): EscalationPolicy {
  const r = record(input, '', ['id', 'name', 'levels', 'appliesTo']);
  const policyId = id(r['id'], 'id');
  const name = text(r['name'], 'name');
  const levelList = list(r['levels'], 'levels', MAX_LEVELS);
  if (levelList.length === 0) invalid('levels', 'must define at least one level');
  const levels = levelList.map((l, i) => parseLevel(l, `levels[${i}]`));
  const first = levels[0] as EscalationLevel;
  const scope: EscalationPolicy['scope'] = isTicketTrigger(first.trigger) ? 'ticket' : 'availability';
  levels.forEach((level, i) => {
    if ((scope === 'ticket') !== isTicketTrigger(level.trigger)) {
      invalid(
        `levels[${i}].trigger.kind`,
        `a ${scope} policy cannot mix in ${level.trigger.kind} triggers`,
        level.trigger.kind,
      );
    }
    if (scope === 'availability') {
      level.actions.forEach((a, j) => {
        if (TICKET_ONLY_ACTIONS.has(a.kind))
          invalid(`levels[${i}].actions[${j}].kind`, `${a.kind} needs a ticket`, a.kind);
      });
    }
  });
  return { id: policyId, name, scope, levels, appliesTo: parseAppliesTo(r['appliesTo'], scope) };
}
