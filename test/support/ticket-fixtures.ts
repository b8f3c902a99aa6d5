// Calendars, SLAs and assignment rules written straight into the database, for ticket tests that must
// not wait for the calendar and SLA APIs.
import { randomUUID } from 'node:crypto';
import { HOUR_MS, MINUTE_MS } from '../../src/domain/shared/time.ts';
import type { TestEnv } from './harness.ts';

/** Monday to Friday 08:00–17:00 in Berlin, no holidays. */
export const OFFICE_HOURS = {
  name: 'Office hours Berlin',
  timeZone: 'Europe/Berlin',
  hours: {
    mon: ['08:00-17:00'],
    tue: ['08:00-17:00'],
    wed: ['08:00-17:00'],
    thu: ['08:00-17:00'],
    fri: ['08:00-17:00'],
  },
};

export const WAITING = 'waiting for customer';

export interface TicketFixture {
  readonly customerId: string;
  readonly otherCustomerId: string;
  readonly serviceId: string;
  readonly calendarId: string;
  readonly slaId: string;
  /** The active version. */
  readonly slaVersion: number;
  /** A second SLA (24/7, P2 resolution 2 h) with an active version, bound by no rule. */
  readonly otherSlaId: string;
}

/** SLA terms: P1 30 min / 4 h, P2 1 h / 8 h, P3 4 h / 16 h (first response / resolution) on `calendarId`. */
export function officeTerms(calendarId: string | null) {
  const t = (first: number, resolution: number) => ({
    firstResponse: { durationMs: first, calendarId },
    resolution: { durationMs: resolution, calendarId },
  });
  return {
    targets: {
      P1: t(30 * MINUTE_MS, 4 * HOUR_MS),
      P2: t(HOUR_MS, 8 * HOUR_MS),
      P3: t(4 * HOUR_MS, 16 * HOUR_MS),
    },
    pauseStatuses: [WAITING],
    warnings: [0.5, 0.75],
    availability: [],
    reviewIntervalMonths: 12,
    credits: [],
  };
}

export async function insertCustomer(env: TestEnv, name: string): Promise<string> {
  const id = randomUUID();
  const now = env.clock.now();
  await env.store.db
    .insertInto('customers')
    .values({
      id,
      name,
      short_name: null,
      time_zone: 'Europe/Berlin',
      locale: 'de',
      notes: null,
      created_at: now,
      updated_at: now,
      archived_at: null,
    })
    .execute();
  return id;
}

export async function insertCalendar(env: TestEnv, definition: object = OFFICE_HOURS): Promise<string> {
  const id = randomUUID();
  const now = env.clock.now();
  await env.store.db
    .insertInto('calendars')
    .values({
      id,
      name: 'Office hours',
      definition: JSON.stringify(definition),
      revision: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

/** Changes a stored calendar the way the calendar API will: new definition, revision bumped. */
export async function changeCalendar(env: TestEnv, id: string, definition: object): Promise<void> {
  const row = await env.store.db
    .selectFrom('calendars')
    .select('revision')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  await env.store.db
    .updateTable('calendars')
    .set({
      definition: JSON.stringify(definition),
      revision: Number(row.revision) + 1,
      updated_at: env.clock.now(),
    })
    .where('id', '=', id)
    .execute();
}

export async function insertSla(
  env: TestEnv,
  name: string,
  terms: object,
  status = 'active',
  version = 1,
): Promise<string> {
  const id = randomUUID();
  const now = env.clock.now();
  await env.store.db
    .insertInto('slas')
    .values({
      id,
      name,
      description: null,
      owner_user_id: null,
      created_at: now,
      updated_at: now,
      archived_at: null,
    })
    .execute();
  await insertSlaVersion(env, id, version, terms, status);
  return id;
}

export async function insertSlaVersion(
  env: TestEnv,
  slaId: string,
  version: number,
  terms: object,
  status: string,
): Promise<void> {
  const now = env.clock.now();
  await env.store.db
    .insertInto('sla_versions')
    .values({
      sla_id: slaId,
      version,
      status,
      effective_from: now,
      body: JSON.stringify(terms),
      revision: 1,
      created_at: now,
      created_by: null,
      activated_at: status === 'active' ? now : null,
      retired_at: null,
    })
    .execute();
}

export async function insertRule(
  env: TestEnv,
  rule: {
    position: number;
    slaId: string;
    customerId?: string | null;
    serviceId?: string | null;
    priority?: string | null;
    ticketType?: string | null;
  },
): Promise<void> {
  await env.store.db
    .insertInto('assignment_rules')
    .values({
      id: randomUUID(),
      position: rule.position,
      customer_id: rule.customerId ?? null,
      service_id: rule.serviceId ?? null,
      priority: rule.priority ?? null,
      ticket_type: rule.ticketType ?? null,
      sla_id: rule.slaId,
      created_at: env.clock.now(),
    })
    .execute();
}

/**
 * Two customers, a service, an office-hours calendar, an SLA whose active version 2 counts on it (version
 * 1 is retired), a 24/7 SLA, and one rule binding every ticket of the first customer to the office SLA.
 */
export async function seedTicketFixture(env: TestEnv): Promise<TicketFixture> {
  const customerId = await insertCustomer(env, 'Kanzlei Maier');
  const otherCustomerId = await insertCustomer(env, 'Zahnarzt Ost');
  const serviceId = randomUUID();
  const now = env.clock.now();
  await env.store.db
    .insertInto('services')
    .values({
      id: serviceId,
      name: 'E-Mail',
      description: null,
      owner: null,
      created_at: now,
      updated_at: now,
      archived_at: null,
    })
    .execute();
  const calendarId = await insertCalendar(env);
  const slaId = await insertSla(env, 'Standard support', officeTerms(calendarId), 'retired', 1);
  await insertSlaVersion(env, slaId, 2, officeTerms(calendarId), 'active');
  const otherSlaId = await insertSla(env, 'Around the clock', {
    targets: { P2: { resolution: { durationMs: 2 * HOUR_MS, calendarId: null } } },
    pauseStatuses: [],
    warnings: [],
    availability: [],
    reviewIntervalMonths: 12,
    credits: [],
  });
  await insertRule(env, { position: 1, slaId, customerId });
  return { customerId, otherCustomerId, serviceId, calendarId, slaId, slaVersion: 2, otherSlaId };
}
