import { DomainError } from '../../domain/shared/errors.ts';
import { assertInstant, parseDuration, parseInstant } from '../../domain/shared/time.ts';
import type { PriorityScheme } from '../catalog/catalog.repository.ts';
import { assertPriority, defaultPriorityScheme } from '../catalog/priorities.ts';
import type { Repositories } from '../ports/repositories.ts';
import type {
  AvailabilityTarget,
  CreditStep,
  PriorityTargets,
  SlaTerms,
  TargetSpec,
} from './slas.repository.ts';

/** One clock target as people write it: an ISO 8601 duration ("PT4H") or whole milliseconds, on a calendar. */
export interface TargetInput {
  readonly duration?: string | number;
  readonly durationMs?: number;
  /** A calendar's id; null or absent = 24/7. */
  readonly calendarId?: string | null;
}

export interface PriorityTargetsInput {
  readonly firstResponse?: TargetInput;
  readonly resolution?: TargetInput;
  readonly update?: TargetInput;
}

export interface AvailabilityInput {
  readonly serviceId?: string | null;
  readonly target: number;
  readonly calendarId?: string | null;
}

export interface TermsInput {
  readonly targets?: Readonly<Record<string, PriorityTargetsInput>>;
  readonly pauseStatuses?: readonly string[];
  readonly warnings?: readonly number[];
  readonly availability?: readonly AvailabilityInput[];
  readonly reviewIntervalMonths?: number;
  readonly credits?: readonly CreditStep[];
  /** Share of tickets that must meet each target in the customer report (default 0.95). */
  readonly complianceGoal?: number;
}

/** A version's content as a request gives it; what is absent is taken from the base it is applied to. */
export interface VersionInput {
  /** ISO 8601 instant with offset (or epoch ms); null = no date yet. */
  readonly effectiveFrom?: string | number | null;
  readonly customerIds?: readonly string[];
  readonly serviceIds?: readonly string[];
  readonly terms?: TermsInput;
}

/** What one version says, validated: the part an edit may change. */
export interface VersionContent {
  readonly effectiveFrom: number | null;
  readonly customerIds: readonly string[];
  readonly serviceIds: readonly string[];
  readonly terms: SlaTerms;
}

export const DEFAULT_REVIEW_INTERVAL_MONTHS = 12;
export const MAX_REVIEW_INTERVAL_MONTHS = 36;
const MAX_LIST = 1000;
const MAX_TEXT = 200;

export const EMPTY_TERMS: SlaTerms = {
  targets: {},
  pauseStatuses: [],
  warnings: [],
  availability: [],
  reviewIntervalMonths: DEFAULT_REVIEW_INTERVAL_MONTHS,
  credits: [],
};

export const EMPTY_CONTENT: VersionContent = {
  effectiveFrom: null,
  customerIds: [],
  serviceIds: [],
  terms: EMPTY_TERMS,
};

const METRICS = ['firstResponse', 'resolution', 'update'] as const;

/** The repositories validation reads: a transaction's or the storage's own. */
type Readers = Pick<Repositories, 'catalog' | 'customers'>;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function list(value: unknown, what: string): readonly unknown[] {
  if (!Array.isArray(value)) throw new DomainError('SLA_INVALID', `${what} must be a list`, { field: what });
  if (value.length > MAX_LIST)
    throw new DomainError('SLA_INVALID', `${what} may hold at most ${MAX_LIST} entries`, { field: what });
  return value;
}

function idList(value: unknown, what: string): string[] {
  const ids = list(value, what).map((id) => {
    if (typeof id !== 'string' || id.trim() === '')
      throw new DomainError('SLA_INVALID', `${what} must hold ids (strings)`, { field: what });
    return id.trim();
  });
  return [...new Set(ids)].sort();
}

async function checkCalendar(repos: Readers, calendarId: unknown, field: string): Promise<string | null> {
  if (calendarId === null || calendarId === undefined) return null;
  if (typeof calendarId !== 'string')
    throw new DomainError('SLA_CALENDAR_UNKNOWN', `${field}: a calendar id is a string`, { field });
  if (!(await repos.catalog.findCalendar(calendarId))) {
    throw new DomainError('SLA_CALENDAR_UNKNOWN', `${field}: there is no calendar "${calendarId}"`, {
      field,
      calendarId,
    });
  }
  return calendarId;
}

async function target(repos: Readers, input: unknown, field: string): Promise<TargetSpec> {
  if (!isRecord(input))
    throw new DomainError('SLA_TARGET_INVALID', `${field} must be an object with a duration`, { field });
  const unknownKey = Object.keys(input).find((k) => !['duration', 'durationMs', 'calendarId'].includes(k));
  if (unknownKey)
    throw new DomainError('SLA_TARGET_INVALID', `${field}: unknown field "${unknownKey}"`, { field });
  const fromText = input['duration'] === undefined ? undefined : parseDuration(input['duration'], field);
  const fromMs = input['durationMs'] === undefined ? undefined : parseDuration(input['durationMs'], field);
  if (fromText !== undefined && fromMs !== undefined && fromText !== fromMs) {
    throw new DomainError(
      'SLA_TARGET_INVALID',
      `${field}: duration and durationMs disagree; give one of them`,
      { field },
    );
  }
  const durationMs = fromText ?? fromMs;
  if (durationMs === undefined)
    throw new DomainError('SLA_TARGET_INVALID', `${field} needs a duration such as PT4H`, { field });
  if (durationMs <= 0)
    throw new DomainError('DURATION_INVALID', `${field} must be longer than zero`, { field });
  return { durationMs, calendarId: await checkCalendar(repos, input['calendarId'], `${field}.calendarId`) };
}

async function targets(
  repos: Readers,
  scheme: PriorityScheme,
  input: unknown,
): Promise<Record<string, PriorityTargets>> {
  if (!isRecord(input))
    throw new DomainError('SLA_INVALID', 'terms.targets must map priorities to their targets', {
      field: 'terms.targets',
    });
  const out: Record<string, PriorityTargets> = {};
  const byRank = Object.keys(input).sort(
    (a, b) =>
      (scheme.priorities.find((p) => p.id === a)?.rank ?? 0) -
      (scheme.priorities.find((p) => p.id === b)?.rank ?? 0),
  );
  for (const priority of byRank) {
    assertPriority(scheme, priority);
    const metrics = input[priority];
    const field = `terms.targets.${priority}`;
    if (!isRecord(metrics))
      throw new DomainError(
        'SLA_TARGET_INVALID',
        `${field} must hold firstResponse, resolution and/or update`,
        { field },
      );
    const unknownKey = Object.keys(metrics).find((k) => !(METRICS as readonly string[]).includes(k));
    if (unknownKey) {
      throw new DomainError(
        'SLA_TARGET_INVALID',
        `${field}: unknown target "${unknownKey}"; use firstResponse, resolution or update`,
        { field },
      );
    }
    const specs: { firstResponse?: TargetSpec; resolution?: TargetSpec; update?: TargetSpec } = {};
    for (const metric of METRICS) {
      if (metrics[metric] !== undefined)
        specs[metric] = await target(repos, metrics[metric], `${field}.${metric}`);
    }
    out[priority] = specs;
  }
  return out;
}

function fraction(
  value: unknown,
  field: string,
  code: string,
  { inclusiveOne }: { inclusiveOne: boolean },
): number {
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value <= 0 ||
    value > 1 ||
    (!inclusiveOne && value === 1)
  ) {
    throw new DomainError(
      code,
      `${field} must be a fraction above 0 and ${inclusiveOne ? 'at most' : 'below'} 1 (e.g. 0.75), not ${JSON.stringify(value)}`,
      {
        field,
        value,
      },
    );
  }
  return value;
}

function warnings(input: unknown): number[] {
  const values = list(input, 'terms.warnings').map((w, i) =>
    fraction(w, `terms.warnings[${i}]`, 'SLA_WARNING_INVALID', { inclusiveOne: false }),
  );
  if (new Set(values).size !== values.length)
    throw new DomainError('SLA_WARNING_INVALID', 'terms.warnings lists a share twice', {
      field: 'terms.warnings',
    });
  return values.sort((a, b) => a - b);
}

function pauseStatuses(input: unknown): string[] {
  const out = list(input, 'terms.pauseStatuses').map((s, i) => {
    if (typeof s !== 'string' || s.trim() === '' || s.length > MAX_TEXT) {
      throw new DomainError(
        'SLA_PAUSE_STATUS_INVALID',
        `terms.pauseStatuses[${i}] must be a ticket status name`,
        { field: `terms.pauseStatuses[${i}]` },
      );
    }
    return s.trim();
  });
  return [...new Set(out)];
}

async function availability(
  repos: Readers,
  input: unknown,
  serviceIds: readonly string[],
): Promise<AvailabilityTarget[]> {
  const out: AvailabilityTarget[] = [];
  for (const [i, entry] of list(input, 'terms.availability').entries()) {
    const field = `terms.availability[${i}]`;
    if (!isRecord(entry))
      throw new DomainError('SLA_AVAILABILITY_INVALID', `${field} must be an object with a target`, {
        field,
      });
    const value = fraction(entry['target'], `${field}.target`, 'SLA_AVAILABILITY_INVALID', {
      inclusiveOne: true,
    });
    const serviceId = entry['serviceId'] ?? null;
    if (serviceId !== null) {
      if (typeof serviceId !== 'string' || !(await repos.catalog.findServiceName(serviceId))) {
        throw new DomainError(
          'SLA_SERVICE_UNKNOWN',
          `${field}.serviceId: there is no service "${String(serviceId)}"`,
          { field, serviceId },
        );
      }
      if (serviceIds.length > 0 && !serviceIds.includes(serviceId)) {
        throw new DomainError(
          'SLA_AVAILABILITY_INVALID',
          `${field}.serviceId: the version does not cover service "${serviceId}"`,
          { field, serviceId },
        );
      }
    }
    if (out.some((a) => a.serviceId === serviceId)) {
      throw new DomainError(
        'SLA_AVAILABILITY_INVALID',
        `${field}: a second availability target for the same service`,
        { field },
      );
    }
    out.push({
      serviceId,
      target: value,
      calendarId: await checkCalendar(repos, entry['calendarId'], `${field}.calendarId`),
    });
  }
  return out;
}

function reviewInterval(input: unknown): number {
  if (
    typeof input !== 'number' ||
    !Number.isInteger(input) ||
    input < 1 ||
    input > MAX_REVIEW_INTERVAL_MONTHS
  ) {
    throw new DomainError(
      'SLA_REVIEW_INTERVAL_INVALID',
      `terms.reviewIntervalMonths must be a whole number of months from 1 to ${MAX_REVIEW_INTERVAL_MONTHS}`,
      {
        field: 'terms.reviewIntervalMonths',
        value: input,
      },
    );
  }
  return input;
}

function credits(input: unknown): CreditStep[] {
  const out = list(input, 'terms.credits').map((entry, i): CreditStep => {
    const field = `terms.credits[${i}]`;
    if (!isRecord(entry))
      throw new DomainError('SLA_CREDIT_INVALID', `${field} must be { below, creditPercent }`, { field });
    const below = fraction(entry['below'], `${field}.below`, 'SLA_CREDIT_INVALID', { inclusiveOne: true });
    const percent = entry['creditPercent'];
    if (typeof percent !== 'number' || !Number.isFinite(percent) || percent <= 0 || percent > 100) {
      throw new DomainError('SLA_CREDIT_INVALID', `${field}.creditPercent must be above 0 and at most 100`, {
        field,
        value: percent,
      });
    }
    return { below, creditPercent: percent };
  });
  if (new Set(out.map((c) => c.below)).size !== out.length) {
    throw new DomainError('SLA_CREDIT_INVALID', 'terms.credits lists the same threshold twice', {
      field: 'terms.credits',
    });
  }
  return out.sort((a, b) => b.below - a.below);
}

/** The report's compliance goal: kept from the base when absent, left out when neither sets one. */
function complianceGoal(input: unknown, base: number | undefined): { complianceGoal?: number } {
  if (input === undefined) return base === undefined ? {} : { complianceGoal: base };
  return {
    complianceGoal: fraction(input, 'terms.complianceGoal', 'SLA_COMPLIANCE_GOAL_INVALID', {
      inclusiveOne: true,
    }),
  };
}

async function checkCustomers(repos: Readers, ids: readonly string[]): Promise<void> {
  for (const id of ids) {
    if (!(await repos.customers.findById(id)))
      throw new DomainError('SLA_CUSTOMER_UNKNOWN', `there is no customer "${id}"`, { customerId: id });
  }
}

async function checkServices(repos: Readers, ids: readonly string[]): Promise<void> {
  for (const id of ids) {
    if (!(await repos.catalog.findServiceName(id)))
      throw new DomainError('SLA_SERVICE_UNKNOWN', `there is no service "${id}"`, { serviceId: id });
  }
}

function effectiveFrom(value: unknown): number | null {
  if (value === null) return null;
  return typeof value === 'number'
    ? assertInstant(value, 'effectiveFrom')
    : parseInstant(value, 'effectiveFrom');
}

/** The priority scheme in force: the stored one, or P1–P4 before anyone edited it. */
export async function priorityScheme(repos: Pick<Repositories, 'catalog'>): Promise<PriorityScheme> {
  return (await repos.catalog.getPriorityScheme()) ?? defaultPriorityScheme;
}

/**
 * Applies an input to a base version's content and validates the result: priorities in the scheme,
 * calendars, customers and services that exist, durations above zero, shares between 0 and 1.
 * @throws DomainError SLA_*, PRIORITY_UNKNOWN, DURATION_*, INSTANT_INVALID
 */
export async function resolveContent(
  repos: Readers,
  input: VersionInput,
  base: VersionContent,
): Promise<VersionContent> {
  if (!isRecord(input)) throw new DomainError('SLA_INVALID', 'a version must be an object');
  const terms: Record<string, unknown> = isRecord(input.terms) ? input.terms : {};
  if (input.terms !== undefined && !isRecord(input.terms))
    throw new DomainError('SLA_INVALID', 'terms must be an object', { field: 'terms' });
  const customerIds =
    input.customerIds === undefined ? base.customerIds : idList(input.customerIds, 'customerIds');
  const serviceIds =
    input.serviceIds === undefined ? base.serviceIds : idList(input.serviceIds, 'serviceIds');
  await checkCustomers(repos, customerIds);
  await checkServices(repos, serviceIds);
  const scheme = await priorityScheme(repos);
  if (terms['availability'] === undefined) {
    const uncovered = base.terms.availability.find(
      (a) => a.serviceId !== null && serviceIds.length > 0 && !serviceIds.includes(a.serviceId),
    );
    if (uncovered) {
      throw new DomainError(
        'SLA_AVAILABILITY_INVALID',
        `the availability target of service "${uncovered.serviceId}" needs the version to cover that service`,
        {
          serviceId: uncovered.serviceId,
        },
      );
    }
  }
  return {
    effectiveFrom:
      input.effectiveFrom === undefined ? base.effectiveFrom : effectiveFrom(input.effectiveFrom),
    customerIds,
    serviceIds,
    terms: {
      targets:
        terms['targets'] === undefined ? base.terms.targets : await targets(repos, scheme, terms['targets']),
      pauseStatuses:
        terms['pauseStatuses'] === undefined
          ? base.terms.pauseStatuses
          : pauseStatuses(terms['pauseStatuses']),
      warnings: terms['warnings'] === undefined ? base.terms.warnings : warnings(terms['warnings']),
      availability:
        terms['availability'] === undefined
          ? base.terms.availability
          : await availability(repos, terms['availability'], serviceIds),
      reviewIntervalMonths:
        terms['reviewIntervalMonths'] === undefined
          ? base.terms.reviewIntervalMonths
          : reviewInterval(terms['reviewIntervalMonths']),
      credits: terms['credits'] === undefined ? base.terms.credits : credits(terms['credits']),
      ...complianceGoal(terms['complianceGoal'], base.terms.complianceGoal),
    },
  };
}

/** The editable content of a stored version. */
export const contentOf = (v: VersionContent): VersionContent => ({
  effectiveFrom: v.effectiveFrom,
  customerIds: v.customerIds,
  serviceIds: v.serviceIds,
  terms: v.terms,
});
