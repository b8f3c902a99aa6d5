// A customer's status page: private by default, public behind a secret link that can be rotated or
// withdrawn, with the services' states, 90 daily bars, outages, planned maintenance and SVG badges.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../src/domain/shared/time.ts';
import { bearer, createTestEnv, DIALECTS, type TestEnv } from '../support/harness.ts';

/** Monday 2 March 2026, 00:00 in Berlin. */
const MON = Date.UTC(2026, 2, 1, 23);

describe.each(DIALECTS)('status pages on %s', (dialect) => {
  let env: TestEnv;
  let admin: string;
  let customerId: string;
  let serviceId: string;

  beforeEach(async () => {
    env = await createTestEnv(dialect);
    env.clock.set(MON);
    admin = await env.token('admin');
    const post = async (url: string, payload: object) => {
      const res = await env.app.inject({ method: 'POST', url, headers: bearer(admin), payload });
      if (res.statusCode >= 300) throw new Error(`${url}: ${res.body}`);
      return res.json();
    };
    customerId = (
      await post('/api/v1/customers', { name: 'Bäckerei Schmidt', timeZone: 'Europe/Berlin', locale: 'de' })
    ).id;
    serviceId = (await post('/api/v1/services', { name: 'Webshop' })).id;
    const monitor = await post('/api/v1/monitors', {
      name: 'Shop',
      serviceId,
      customerId,
      definition: { kind: 'manual', failuresToConfirm: 1 },
    });
    env.clock.set(MON + HOUR_MS);
    await post(`/api/v1/monitors/${monitor.id}/status`, { status: 'up' });
    env.clock.set(MON + 10 * HOUR_MS);
    await post(`/api/v1/monitors/${monitor.id}/status`, {
      status: 'down',
      message: 'Zahlungsanbieter antwortet nicht',
    });
    env.clock.set(MON + 11 * HOUR_MS);
    await post(`/api/v1/monitors/${monitor.id}/status`, { status: 'up' });
    await post('/api/v1/maintenance-windows', {
      name: 'Shop-Update',
      serviceId,
      definition: { timeZone: 'Europe/Berlin', start: '2026-03-08T03:00', durationMinutes: 60 },
    });
    env.clock.set(MON + 12 * HOUR_MS);
  });
  afterEach(async () => env.close());

  it('is private until published, then answers at its secret link in the customer’s language', async () => {
    const settings = await env.app.inject({
      method: 'GET',
      url: `/api/v1/customers/${customerId}/status-page`,
      headers: bearer(admin),
    });
    expect(settings.json()).toMatchObject({ public: false, publicUrl: null });
    const published = await env.app.inject({
      method: 'PUT',
      url: `/api/v1/customers/${customerId}/status-page`,
      headers: bearer(admin),
      payload: { public: true, title: 'Bäckerei Schmidt – Systemstatus' },
    });
    expect(published.statusCode, published.body).toBe(200);
    const url = new URL(published.json().publicUrl as string);
    expect(url.pathname).toMatch(/^\/status\/[\w-]{20,}$/);

    const page = await env.app.inject({ method: 'GET', url: url.pathname });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('Bäckerei Schmidt – Systemstatus');
    expect(page.body).toContain('Webshop');
    expect(page.body).toContain('In Betrieb');
    expect(page.body).toContain('Zahlungsanbieter antwortet nicht');
    expect(page.body).toContain('Shop-Update');
    expect(page.body.match(/class="bar"/g)).toHaveLength(90);

    const token = url.pathname.split('/').pop();
    const json = (await env.app.inject({ method: 'GET', url: `/api/v1/status/${token}` })).json();
    const shop = json.services[0];
    expect(shop.state).toBe('up');
    expect(shop.days).toHaveLength(90);
    expect(shop.days[89].date).toBe('2026-03-02');
    // Today 01:00–12:00 local was watched: 10 h up, 1 h down.
    expect(shop.days[89].figures).toMatchObject({ upMs: 10 * HOUR_MS, downMs: HOUR_MS });
    expect(json.outages).toHaveLength(1);
    expect(json.maintenance[0]).toMatchObject({ name: 'Shop-Update', start: '2026-03-08T02:00:00Z' });

    const badge = await env.app.inject({
      method: 'GET',
      url: `/api/v1/status/${token}/badges/${serviceId}.svg`,
    });
    expect(badge.statusCode).toBe(200);
    expect(badge.headers['content-type']).toContain('image/svg+xml');
    expect(badge.body).toContain('90,91 %');
  });

  it('stops answering the old link after a rotation, and every link once it is private again', async () => {
    const first = (
      await env.app.inject({
        method: 'PUT',
        url: `/api/v1/customers/${customerId}/status-page`,
        headers: bearer(admin),
        payload: { public: true },
      })
    ).json();
    const second = (
      await env.app.inject({
        method: 'PUT',
        url: `/api/v1/customers/${customerId}/status-page`,
        headers: bearer(admin),
        payload: { rotate: true },
      })
    ).json();
    expect((await env.app.inject({ method: 'GET', url: new URL(first.publicUrl).pathname })).statusCode).toBe(
      404,
    );
    expect(
      (await env.app.inject({ method: 'GET', url: new URL(second.publicUrl).pathname })).statusCode,
    ).toBe(200);
    await env.app.inject({
      method: 'PUT',
      url: `/api/v1/customers/${customerId}/status-page`,
      headers: bearer(admin),
      payload: { public: false },
    });
    expect(
      (await env.app.inject({ method: 'GET', url: new URL(second.publicUrl).pathname })).statusCode,
    ).toBe(404);
    expect((await env.app.inject({ method: 'GET', url: '/status/not-a-real-token-at-all' })).statusCode).toBe(
      404,
    );
  });

  it("shows a customer viewer its own status and hides other customers'", async () => {
    const own = await env.token('customer', customerId);
    const res = await env.app.inject({
      method: 'GET',
      url: `/api/v1/customers/${customerId}/status`,
      headers: bearer(own),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().services.map((s: { name: string }) => s.name)).toEqual(['Webshop']);
    const otherId = (
      await env.app.inject({
        method: 'POST',
        url: '/api/v1/customers',
        headers: bearer(admin),
        payload: { name: 'Other' },
      })
    ).json().id;
    const foreign = await env.token('customer', otherId);
    expect(
      (
        await env.app.inject({
          method: 'GET',
          url: `/api/v1/customers/${customerId}/status`,
          headers: bearer(foreign),
        })
      ).statusCode,
    ).toBe(404);
    const write = await env.app.inject({
      method: 'PUT',
      url: `/api/v1/customers/${customerId}/status-page`,
      headers: bearer(own),
      payload: { public: true },
    });
    expect(write.statusCode).toBe(403);
  });
});
