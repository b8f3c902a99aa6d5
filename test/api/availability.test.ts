// The availability figure through the API: service hours from the customer's SLA, maintenance neither up nor
// down, monitors combined by the service's rule, months in the customer's zone, and the error budget.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../src/domain/shared/time.ts';
import { bearer, createTestEnv, DIALECTS, type TestEnv } from '../support/harness.ts';
import {
  insertCalendar,
  insertRule,
  insertSla,
  officeTerms,
  OFFICE_HOURS,
} from '../support/ticket-fixtures.ts';

/** Monday 2 March 2026, 00:00 in Berlin. */
const MON = Date.UTC(2026, 2, 1, 23);
const at = (hours: number): number => MON + hours * HOUR_MS;

describe.each(DIALECTS)('service availability on %s', (dialect) => {
  let env: TestEnv;
  let admin: string;
  let serviceId: string;
  let customerId: string;
  let monitorId: string;

  beforeEach(async () => {
    env = await createTestEnv(dialect);
    env.clock.set(MON);
    admin = await env.token('admin');
    serviceId = (
      await env.app.inject({
        method: 'POST',
        url: '/api/v1/services',
        headers: bearer(admin),
        payload: { name: 'ERP' },
      })
    ).json().id;
    customerId = (
      await env.app.inject({
        method: 'POST',
        url: '/api/v1/customers',
        headers: bearer(admin),
        payload: { name: 'Kanzlei Maier', timeZone: 'Europe/Berlin' },
      })
    ).json().id;
    const calendarId = await insertCalendar(env, OFFICE_HOURS); // Mon–Fri 08:00–17:00 Berlin
    const slaId = await insertSla(env, 'Office SLA', {
      ...officeTerms(calendarId),
      availability: [{ serviceId, target: 0.995, calendarId }],
    });
    await insertRule(env, { position: 1, slaId, customerId });
    monitorId = (
      await env.app.inject({
        method: 'POST',
        url: '/api/v1/monitors',
        headers: bearer(admin),
        payload: {
          name: 'ERP login page',
          serviceId,
          customerId,
          definition: { kind: 'http', paused: true, config: { url: 'http://erp.invalid/' } },
        },
      })
    ).json().id;
    // Monday: up all day except down 16:00–18:00 local (an hour of it after closing time).
    await env.ctx.storage.monitoring.insertSpans(monitorId, [
      { start: at(0), end: at(16), state: 'up' },
      { start: at(16), end: at(18), state: 'down' },
      { start: at(18), end: at(24), state: 'up' },
    ]);
    // Patching 07:00–09:00 local: an hour of it inside the service hours.
    const mw = await env.app.inject({
      method: 'POST',
      url: '/api/v1/maintenance-windows',
      headers: bearer(admin),
      payload: {
        name: 'ERP update',
        serviceId,
        definition: { timeZone: 'Europe/Berlin', start: '2026-03-02T07:00', durationMinutes: 120 },
      },
    });
    expect(mw.statusCode, mw.body).toBe(201);
    env.clock.set(at(25)); // Tuesday 01:00 local
  });
  afterEach(async () => env.close());

  it("counts only the SLA's service hours, leaves maintenance out and states the error budget of the month", async () => {
    const res = await env.app.inject({
      method: 'GET',
      url: `/api/v1/services/${serviceId}/availability?month=2026-03&customerId=${customerId}`,
      headers: bearer(admin),
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.from).toBe('2026-02-28T23:00:00Z');
    expect(body.to).toBe('2026-03-31T22:00:00Z');
    expect(body.countedUntil).toBe('2026-03-03T00:00:00Z');
    expect(body.target).toBe(0.995);
    expect(body.calendar.name).toBe('Office hours');
    expect(body.figures).toEqual({
      availability: 7 / 8,
      upMs: 7 * HOUR_MS,
      degradedMs: 0,
      downMs: HOUR_MS,
      maintenanceMs: HOUR_MS,
      unknownMs: 0,
    });
    // March 2026 has 22 working days of 9 hours; the hour of maintenance is not countable.
    const countable = 22 * 9 * HOUR_MS - HOUR_MS;
    expect(body.errorBudget).toEqual({
      target: 0.995,
      countableMs: countable,
      allowedMs: Math.round(0.005 * countable),
      usedMs: HOUR_MS,
      remainingMs: Math.round(0.005 * countable) - HOUR_MS,
      consumed: HOUR_MS / Math.round(0.005 * countable),
    });
    expect(body.monitors).toHaveLength(1);
  });

  it('counts around the clock without a customer, and a custom range', async () => {
    const res = await env.app.inject({
      method: 'GET',
      url: `/api/v1/services/${serviceId}/availability?from=2026-03-01T23:00:00Z&to=2026-03-02T23:00:00Z`,
      headers: bearer(admin),
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.calendar).toBeNull();
    expect(body.target).toBeNull();
    expect(body.errorBudget).toBeNull();
    expect(body.figures).toMatchObject({
      upMs: 20 * HOUR_MS,
      downMs: 2 * HOUR_MS,
      maintenanceMs: 2 * HOUR_MS,
      unknownMs: 0,
    });
    expect(body.figures.availability).toBeCloseTo(20 / 22, 12);
  });

  it('reports time without data as unknown, apart from up and down', async () => {
    const res = await env.app.inject({
      method: 'GET',
      url: `/api/v1/services/${serviceId}/availability?from=2026-03-01T23:00:00Z&to=2026-03-03T00:00:00Z`,
      headers: bearer(admin),
    });
    expect(res.json().figures.unknownMs).toBe(HOUR_MS);
  });

  it('answers a customer viewer with its own figure only', async () => {
    const viewer = await env.token('customer', customerId);
    const res = await env.app.inject({
      method: 'GET',
      url: `/api/v1/services/${serviceId}/availability?month=2026-03`,
      headers: bearer(viewer),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().customerId).toBe(customerId);
    expect(res.json().figures.availability).toBe(7 / 8);
  });

  it('evaluates the burn-rate rules in service hours: a fresh outage pages, an old one only burns the long window', async () => {
    env.clock.set(at(16.5)); // Monday 16:30 local, half an hour into the outage
    const now = await env.app.inject({
      method: 'GET',
      url: `/api/v1/services/${serviceId}/burn-rate?customerId=${customerId}`,
      headers: bearer(admin),
    });
    expect(now.statusCode, now.body).toBe(200);
    const fresh = now.json();
    expect(fresh.severity).toBe('page');
    // The last hour: 30 min up, 30 min down → 50 % bad ÷ 0.5 % allowed = 100×.
    expect(fresh.rules[0].long.burnRate).toBeCloseTo(100, 9);
    expect(fresh.rules[0].short.burnRate).toBeCloseTo(200, 9);
    expect(fresh.rules[0].firing).toBe(true);

    env.clock.set(at(25)); // Tuesday 01:00: the outage is over and no service hours have passed since
    const later = (
      await env.app.inject({
        method: 'GET',
        url: `/api/v1/services/${serviceId}/burn-rate?customerId=${customerId}`,
        headers: bearer(admin),
      })
    ).json();
    expect(later.severity).toBeNull();
    // Three days back: Monday's 8 countable hours, 1 h down → 12.5 % ÷ 0.5 % = 25×, but nothing in the last 6 h.
    expect(later.rules[3].long.burnRate).toBeCloseTo(25, 9);
    expect(later.rules[3].short.burnRate).toBe(0);
    const noTarget = await env.app.inject({
      method: 'GET',
      url: `/api/v1/services/${serviceId}/burn-rate`,
      headers: bearer(admin),
    });
    expect(noTarget.statusCode).toBe(400);
    expect(noTarget.json().code).toBe('AVAILABILITY_NO_TARGET');
  });

  it('refuses a bad period with a clear 400', async () => {
    for (const q of [
      'month=2026-13',
      'from=2026-03-02T00:00:00Z',
      'month=2026-03&from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z',
    ]) {
      const res = await env.app.inject({
        method: 'GET',
        url: `/api/v1/services/${serviceId}/availability?${q}`,
        headers: bearer(admin),
      });
      expect(res.statusCode, q).toBe(400);
      expect(res.json().code).toBe('PERIOD_INVALID');
    }
  });
});
