import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MonitorScheduler } from '../../src/workers/monitor-scheduler.ts';
import { bearer, createTestEnv, DIALECTS, type TestEnv } from '../support/harness.ts';
import { startHttpServer, type LoopbackHttpServer } from '../support/loopback-servers.ts';

const T0 = Date.UTC(2026, 2, 2, 9, 0); // Monday 2 March 2026, 10:00 in Berlin

describe.each(DIALECTS)('monitoring on %s', (dialect) => {
  let env: TestEnv;
  let admin: string;
  let server: LoopbackHttpServer;
  let scheduler: MonitorScheduler;
  let serviceId: string;
  let customerId: string;

  beforeAll(async () => {
    server = await startHttpServer();
  });
  afterAll(async () => {
    await server.close();
  });

  beforeEach(async () => {
    env = await createTestEnv(dialect);
    env.clock.set(T0);
    admin = await env.token('admin');
    scheduler = new MonitorScheduler({ ctx: env.ctx, owner: 'test-worker' });
    server.behave('up');
    const svc = await env.app.inject({
      method: 'POST',
      url: '/api/v1/services',
      headers: bearer(admin),
      payload: { name: 'Website' },
    });
    serviceId = svc.json().id;
    const cust = await env.app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: bearer(admin),
      payload: { name: 'Bäckerei Schmidt' },
    });
    customerId = cust.json().id;
  });
  afterEach(async () => {
    await scheduler.stop();
    await env.close();
  });

  /** Moves the clock to the next due check, runs every due check and waits until they are recorded. */
  async function runNextChecks(): Promise<void> {
    const next = await env.ctx.storage.monitoring.nextDueAt();
    if (next === null) throw new Error('nothing is due');
    if (next > env.clock.now()) env.clock.set(next);
    await scheduler.tick();
    await scheduler.drain();
  }

  async function createHttpMonitor(extra: Record<string, unknown> = {}): Promise<string> {
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/monitors',
      headers: bearer(admin),
      payload: {
        name: 'Shop front page',
        serviceId,
        customerId,
        definition: {
          kind: 'http',
          intervalSeconds: 60,
          timeoutSeconds: 5,
          config: { url: `${server.origin}/`, keyword: 'OK' },
          ...extra,
        },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  }

  it('checks a monitor, confirms an outage after two failures, backdates it and ends it on recovery', async () => {
    const id = await createHttpMonitor();
    await runNextChecks();
    let m = (
      await env.app.inject({ method: 'GET', url: `/api/v1/monitors/${id}`, headers: bearer(admin) })
    ).json();
    expect(m.state).toBe('up');
    expect(m.lastCheck.status).toBe('up');
    expect(m.target).toContain(server.origin);

    server.behave('down');
    await runNextChecks();
    const firstFailure = env.clock.now();
    m = (
      await env.app.inject({ method: 'GET', url: `/api/v1/monitors/${id}`, headers: bearer(admin) })
    ).json();
    expect(m.state).toBe('up'); // one failure is not yet an outage
    expect(m.lastCheck.message).toContain('503');
    await runNextChecks();
    m = (
      await env.app.inject({ method: 'GET', url: `/api/v1/monitors/${id}`, headers: bearer(admin) })
    ).json();
    expect(m.state).toBe('down');
    let outages = (
      await env.app.inject({ method: 'GET', url: `/api/v1/outages?monitorId=${id}`, headers: bearer(admin) })
    ).json();
    expect(outages.items).toHaveLength(1);
    expect(Date.parse(outages.items[0].startedAt)).toBe(firstFailure);
    expect(outages.items[0].endedAt).toBeNull();
    expect(outages.items[0].cause).toContain('503');

    server.behave('up');
    await runNextChecks();
    const recovered = env.clock.now();
    outages = (
      await env.app.inject({ method: 'GET', url: `/api/v1/outages?monitorId=${id}`, headers: bearer(admin) })
    ).json();
    expect(Date.parse(outages.items[0].endedAt)).toBe(recovered);
    expect(outages.items[0].durationMs).toBe(recovered - firstFailure);
    const checks = (
      await env.app.inject({ method: 'GET', url: `/api/v1/monitors/${id}/checks`, headers: bearer(admin) })
    ).json();
    expect(checks.items.map((c: { status: string }) => c.status)).toEqual(['up', 'down', 'down', 'up']);
  });

  it('exposes monitor states, response times and clock counts as Prometheus metrics', async () => {
    const id = await createHttpMonitor();
    await runNextChecks();
    const res = await env.app.inject({ method: 'GET', url: '/metrics', headers: bearer(admin) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain; version=0.0.4');
    expect(res.body).toContain('pledge_monitors{state="up"} 1');
    expect(res.body).toContain(
      `pledge_monitor_state{monitor_id="${id}",monitor="Shop front page",service="Website",kind="http",state="up"} 1`,
    );
    expect(res.body).toMatch(/^pledge_monitor_response_ms\{monitor_id="[^"]+",[^}]*\} \d+$/m);
    expect(res.body).toContain('pledge_outages_open 0');
    // Every sample line belongs to a family declared just before it.
    let family = '';
    for (const line of res.body.trim().split('\n')) {
      const declared = /^# TYPE (\S+) /.exec(line);
      if (declared) family = declared[1] ?? '';
      else if (!line.startsWith('#')) expect(line.startsWith(family), line).toBe(true);
    }
    const viewer = await env.token('customer', customerId);
    expect(
      (await env.app.inject({ method: 'GET', url: '/metrics', headers: bearer(viewer) })).statusCode,
    ).toBe(403);
    expect((await env.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
  });

  it('opens an incident ticket backdated to the outage start, and notes the recovery on it', async () => {
    const id = await createHttpMonitor({ openIncident: true });
    await runNextChecks();
    server.behave('down');
    await runNextChecks();
    const firstFailure = env.clock.now();
    await runNextChecks();
    const outage = (
      await env.app.inject({ method: 'GET', url: `/api/v1/outages?monitorId=${id}`, headers: bearer(admin) })
    ).json().items[0];
    expect(outage.ticketId).toEqual(expect.any(String));
    const ticket = (
      await env.app.inject({
        method: 'GET',
        url: `/api/v1/tickets/${outage.ticketId}`,
        headers: bearer(admin),
      })
    ).json();
    expect(ticket.title).toBe('Outage: Shop front page');
    expect(ticket.type).toBe('incident');
    expect(Date.parse(ticket.createdAt)).toBe(firstFailure);
    server.behave('up');
    await runNextChecks();
    const events = (
      await env.app.inject({
        method: 'GET',
        url: `/api/v1/tickets/${outage.ticketId}/events`,
        headers: bearer(admin),
      })
    ).json();
    const notes = (events.items ?? events).filter((e: { type: string }) => e.type === 'note');
    expect(notes).toHaveLength(1);
  });

  it('answers 24 h … 365 d uptime from rollups with the same figures as the formula over the spans', async () => {
    const id = await createHttpMonitor();
    for (const behaviour of ['up', 'up', 'down', 'down', 'down', 'up', 'slow', 'up'] as const) {
      server.behave(behaviour);
      await runNextChecks();
    }
    env.clock.advance(90_000);
    const uptime = (
      await env.app.inject({ method: 'GET', url: `/api/v1/monitors/${id}/uptime`, headers: bearer(admin) })
    ).json();
    const now = env.clock.now();
    const from = new Date(now - 86_400_000).toISOString();
    const to = new Date(now).toISOString();
    const formula = (
      await env.app.inject({
        method: 'GET',
        url: `/api/v1/services/${serviceId}/availability?from=${from}&to=${to}`,
        headers: bearer(admin),
      })
    ).json();
    expect(uptime.windows['24h']).toEqual(formula.figures);
    expect(uptime.windows['24h'].downMs).toBeGreaterThan(0);
    expect(uptime.windows['365d'].upMs).toBe(uptime.windows['24h'].upMs);
  });

  it('keeps the phase of checks: the next check is one interval after the scheduled one', async () => {
    const id = await createHttpMonitor();
    await runNextChecks();
    const first = (await env.ctx.storage.monitoring.findMonitor(id))?.runtime;
    const scheduled = first?.lastCheck?.at ?? 0;
    expect(first?.nextCheckAt).toBe(scheduled + 60_000);
  });

  it('tests a definition and a saved monitor without recording anything', async () => {
    server.behave('keyword-missing');
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/monitors/test',
      headers: bearer(admin),
      payload: { definition: { kind: 'http', config: { url: `${server.origin}/`, keyword: 'OK' } } },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('down');
    expect(res.json().message).toContain('OK');
    const id = await createHttpMonitor();
    server.behave('up');
    const saved = await env.app.inject({
      method: 'POST',
      url: `/api/v1/monitors/${id}/test`,
      headers: bearer(admin),
    });
    expect(saved.json().status).toBe('up');
    const m = (
      await env.app.inject({ method: 'GET', url: `/api/v1/monitors/${id}`, headers: bearer(admin) })
    ).json();
    expect(m.lastCheck).toBeNull();
  });

  it('refuses a bad definition with a clear 400 and stores nothing', async () => {
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/monitors',
      headers: bearer(admin),
      payload: {
        name: 'x',
        serviceId,
        definition: { kind: 'http', intervalSeconds: 5, config: { url: 'ftp://x' } },
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('MONITOR_INVALID');
    const list = (
      await env.app.inject({ method: 'GET', url: '/api/v1/monitors', headers: bearer(admin) })
    ).json();
    expect(list.total).toBe(0);
  });

  it('takes heartbeats at a secret URL and marks the monitor down when they stop', async () => {
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/monitors',
      headers: bearer(admin),
      payload: {
        name: 'Nightly backup',
        serviceId,
        customerId,
        definition: {
          kind: 'heartbeat',
          intervalSeconds: 3600,
          failuresToConfirm: 1,
          config: { graceSeconds: 300 },
        },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const { id, heartbeatUrl } = res.json();
    expect(heartbeatUrl).toMatch(/^http:\/\/localhost:3000\/api\/v1\/heartbeat\/[\w-]{20,}$/);
    const path = new URL(heartbeatUrl).pathname;
    const beat = await env.app.inject({ method: 'GET', url: path });
    expect(beat.statusCode, beat.body).toBe(200);
    expect(beat.json().state).toBe('up');
    expect(
      (await env.app.inject({ method: 'GET', url: '/api/v1/heartbeat/not-a-real-secret-at-all' })).statusCode,
    ).toBe(404);

    // No call within the period and the grace: down, with a message that says since when.
    await runNextChecks();
    const m = (
      await env.app.inject({ method: 'GET', url: `/api/v1/monitors/${id}`, headers: bearer(admin) })
    ).json();
    expect(env.clock.now()).toBe(T0 + 3_900_000);
    expect(m.state).toBe('down');
    expect(m.lastCheck.message).toContain('no heartbeat since 2026-03-02T09:00:00Z');
    const rotated = await env.app.inject({
      method: 'POST',
      url: `/api/v1/monitors/${id}/heartbeat-url`,
      headers: bearer(admin),
    });
    expect((await env.app.inject({ method: 'GET', url: path })).statusCode).toBe(404);
    expect(
      (await env.app.inject({ method: 'GET', url: new URL(rotated.json().heartbeatUrl).pathname }))
        .statusCode,
    ).toBe(200);
  });

  it('lets an agent set a manual monitor and refuses a status for a probed one', async () => {
    const agent = await env.token('agent');
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/monitors',
      headers: bearer(admin),
      payload: {
        name: 'Phone system (checked by hand)',
        serviceId,
        definition: { kind: 'manual', failuresToConfirm: 1 },
      },
    });
    const id = res.json().id;
    const set = await env.app.inject({
      method: 'POST',
      url: `/api/v1/monitors/${id}/status`,
      headers: bearer(agent),
      payload: { status: 'down', message: 'provider outage' },
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().state).toBe('down');
    const httpId = await createHttpMonitor();
    const refused = await env.app.inject({
      method: 'POST',
      url: `/api/v1/monitors/${httpId}/status`,
      headers: bearer(agent),
      payload: { status: 'up' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('MONITOR_NOT_MANUAL');
  });

  it('hides another customer’s monitors from a customer viewer and refuses its writes', async () => {
    const id = await createHttpMonitor();
    const other = (
      await env.app.inject({
        method: 'POST',
        url: '/api/v1/customers',
        headers: bearer(admin),
        payload: { name: 'Other' },
      })
    ).json().id;
    const viewer = await env.token('customer', other);
    expect(
      (await env.app.inject({ method: 'GET', url: `/api/v1/monitors/${id}`, headers: bearer(viewer) }))
        .statusCode,
    ).toBe(404);
    expect(
      (await env.app.inject({ method: 'GET', url: '/api/v1/monitors', headers: bearer(viewer) })).json()
        .total,
    ).toBe(0);
    const own = await env.token('customer', customerId);
    expect(
      (await env.app.inject({ method: 'GET', url: `/api/v1/monitors/${id}`, headers: bearer(own) }))
        .statusCode,
    ).toBe(200);
    const write = await env.app.inject({
      method: 'PATCH',
      url: `/api/v1/monitors/${id}`,
      headers: bearer(own),
      payload: { paused: true },
    });
    expect(write.statusCode).toBe(403);
  });

  it('pauses a monitor: no checks run until it is resumed', async () => {
    const id = await createHttpMonitor();
    const paused = await env.app.inject({
      method: 'PATCH',
      url: `/api/v1/monitors/${id}`,
      headers: bearer(admin),
      payload: { paused: true },
    });
    expect(paused.statusCode, paused.body).toBe(200);
    expect(paused.json().nextCheckAt).toBeNull();
    expect(await env.ctx.storage.monitoring.nextDueAt()).toBeNull();
    await env.app.inject({
      method: 'PATCH',
      url: `/api/v1/monitors/${id}`,
      headers: bearer(admin),
      payload: { paused: false },
    });
    await runNextChecks();
    expect((await env.ctx.storage.monitoring.findMonitor(id))?.runtime.state).toBe('up');
  });

  it('plans maintenance windows in their own zone and lists the next occurrences', async () => {
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/maintenance-windows',
      headers: bearer(admin),
      payload: {
        name: 'Patch Sunday',
        serviceId,
        definition: {
          timeZone: 'Europe/Berlin',
          start: '2026-03-22T02:30',
          durationMinutes: 120,
          recurrence: { kind: 'weekly', weekdays: [7] },
        },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const upcoming = res.json().upcoming as { start: string; end: string }[];
    // 22 March is still winter time (01:30Z); on 29 March 02:30 does not exist and moves to 03:30 CEST (01:30Z).
    expect(upcoming.slice(0, 3)).toEqual([
      { start: '2026-03-22T01:30:00Z', end: '2026-03-22T03:30:00Z' },
      { start: '2026-03-29T01:30:00Z', end: '2026-03-29T03:30:00Z' },
      { start: '2026-04-05T00:30:00Z', end: '2026-04-05T02:30:00Z' },
    ]);
    const bad = await env.app.inject({
      method: 'POST',
      url: '/api/v1/maintenance-windows',
      headers: bearer(admin),
      payload: {
        name: 'x',
        definition: { timeZone: 'Mars/Olympus', start: '2026-03-22T02:30', durationMinutes: 10 },
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('MAINTENANCE_INVALID');
    const list = (
      await env.app.inject({ method: 'GET', url: '/api/v1/maintenance-windows', headers: bearer(admin) })
    ).json();
    expect(list.items).toHaveLength(1);
    const del = await env.app.inject({
      method: 'DELETE',
      url: `/api/v1/maintenance-windows/${res.json().id}`,
      headers: bearer(admin),
    });
    expect(del.statusCode).toBe(204);
  });
});
