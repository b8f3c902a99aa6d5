// Escalating outages end to end: a manual monitor of a customer's service goes down, the availability policy
// linked to the service pages the customer's contact at once and the managers after 30 minutes, each
// exactly once; an outage that ends first cancels what is still pending; maintenance is planned down time
// and pages nobody. Real HTTP and SMTP servers on loopback receive what is sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EscalationSettings } from '../../src/app/escalation/channels.ts';
import { formatInstant, MINUTE_MS } from '../../src/domain/shared/time.ts';
import { EscalationWorker } from '../../src/workers/escalation-worker.ts';
import { OutboxSender } from '../../src/workers/outbox-sender.ts';
import {
  recordingHttpServer,
  recordingSmtpServer,
  type RecordingHttpServer,
  type RecordingSmtpServer,
} from '../channels/servers.ts';
import { bearer, createTestEnv, DIALECTS, type TestEnv } from '../support/harness.ts';

interface Step {
  id: string;
  level: number;
  occurrence: number;
  status: string;
  dueAt: string | null;
}

describe.each(DIALECTS)('outage escalation (%s)', (dialect) => {
  let env: TestEnv;
  let admin: string;
  let hook: RecordingHttpServer;
  let smtp: RecordingSmtpServer;
  let worker: EscalationWorker;
  let second: EscalationWorker;
  let outbox: OutboxSender;
  let customerId: string;
  let serviceId: string;
  const settings: EscalationSettings = { publicUrl: 'http://localhost:3000' };

  const call = async (method: string, url: string, payload?: unknown) => {
    const res = await env.app.inject({
      method: method as 'GET',
      url,
      headers: bearer(admin),
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.statusCode === 204 ? null : res.json();
  };

  const newMonitor = async (name: string): Promise<string> =>
    (
      await call('POST', '/api/v1/monitors', {
        name,
        serviceId,
        customerId,
        definition: { kind: 'manual', failuresToConfirm: 1 },
      })
    ).id as string;

  const setStatus = (monitorId: string, status: 'up' | 'down') =>
    call('POST', `/api/v1/monitors/${monitorId}/status`, { status, message: 'power cut in the rack' });

  const outageOf = async (monitorId: string): Promise<string | undefined> =>
    (await env.ctx.storage.monitoring.listOutages({ monitorIds: [monitorId] }, { limit: 1, offset: 0 }))
      .items[0]?.id;

  const steps = async (outageId: string): Promise<Step[]> =>
    ((await call('GET', '/api/v1/escalations?limit=100')).items as Step[])
      .filter((s) => s.id.startsWith(`outage:${outageId}:`))
      .sort((a, b) => a.level - b.level || a.occurrence - b.occurrence);

  const at = (ms: number): string => formatInstant(ms);

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    admin = await env.token('admin');
    hook = await recordingHttpServer();
    smtp = await recordingSmtpServer();
    customerId = (
      await call('POST', '/api/v1/customers', {
        name: 'Kanzlei Maier',
        locale: 'de',
        timeZone: 'Europe/Berlin',
      })
    ).id;
    await call('POST', `/api/v1/customers/${customerId}/contacts`, {
      name: 'Frau Maier',
      email: 'maier@kanzlei.example',
      escalationLevel: 1,
    });
    await call('POST', '/api/v1/users', { email: 'boss@provider.example', name: 'Boss', role: 'manager' });
    serviceId = (await call('POST', '/api/v1/services', { name: 'Kanzlei-Netz' })).id;
    await call('POST', '/api/v1/notification-channels', {
      id: 'hook',
      name: 'Hook',
      kind: 'webhook',
      config: { url: `${hook.url}/hook`, secret: 'a-long-shared-secret-value' },
    });
    await call('POST', '/api/v1/notification-channels', {
      id: 'mail',
      name: 'Mail',
      kind: 'email',
      config: {
        host: '127.0.0.1',
        port: smtp.port,
        from: 'Pledge <pledge@provider.example>',
        auth: { user: 'pledge', password: 'right' },
      },
    });
    await call('POST', '/api/v1/escalation-policies', {
      id: 'outages',
      name: 'Outages',
      serviceIds: [serviceId],
      levels: [
        {
          trigger: { kind: 'outage_start' },
          actions: [{ kind: 'notify_customer_contacts', level: 1 }],
          channels: ['hook'],
        },
        {
          trigger: { kind: 'outage_lasted', minutes: 30 },
          actions: [{ kind: 'notify_role', role: 'manager' }],
          channels: ['mail'],
        },
      ],
    });
    worker = new EscalationWorker({ ctx: env.ctx, owner: 'worker-1', settings, sweepAtStart: false });
    second = new EscalationWorker({ ctx: env.ctx, owner: 'worker-2', settings, sweepAtStart: false });
    outbox = new OutboxSender({ ctx: env.ctx, owner: 'worker-1', settings, concurrency: 50 });
  });

  afterAll(async () => {
    await env?.close();
    await hook?.close();
    await smtp?.close();
  });

  it('pages the customer at the outage start and the managers after 30 minutes, each exactly once', async () => {
    const start = env.clock.now();
    const hooksBefore = hook.requests.length;
    const mailsBefore = smtp.mails.length;
    const monitor = await newMonitor('Router Kanzlei');
    await setStatus(monitor, 'down');
    const outageId = (await outageOf(monitor)) as string;
    expect(outageId).toBeDefined();
    expect((await steps(outageId)).map((s) => [s.level, s.occurrence, s.status, s.dueAt])).toEqual([
      [1, 0, 'pending', at(start)],
      [2, 0, 'pending', at(start + 30 * MINUTE_MS)],
    ]);

    expect(await worker.tick()).toBe(1);
    expect(await worker.tick()).toBe(0);
    expect(await second.tick()).toBe(0);
    await outbox.tick();
    env.clock.set(start + 30 * MINUTE_MS - 1);
    expect(await worker.tick()).toBe(0);
    env.clock.set(start + 30 * MINUTE_MS);
    expect(await second.tick()).toBe(1);
    expect(await worker.tick()).toBe(0);
    await outbox.tick();

    const posts = hook.requests.slice(hooksBefore);
    expect(posts).toHaveLength(1);
    expect(JSON.parse(posts[0]?.body ?? '{}')).toMatchObject({
      type: 'outage',
      level: 1,
      service: { id: serviceId, name: 'Kanzlei-Netz' },
      outage: {
        id: outageId,
        startedAt: at(start),
        monitorName: 'Router Kanzlei',
        cause: 'power cut in the rack',
        durationMs: 0,
      },
    });
    expect(JSON.parse(posts[0]?.body ?? '{}').acknowledgeUrl).toMatch(
      /^http:\/\/localhost:3000\/api\/v1\/escalations\/ack\//,
    );
    const mails = smtp.mails.slice(mailsBefore);
    expect(mails.map((m) => m.envelopeTo)).toEqual([['boss@provider.example']]);
    expect(mails[0]?.mail.text).toContain('Kanzlei-Netz');
    expect((await steps(outageId)).map((s) => [s.level, s.status])).toEqual([
      [1, 'fired'],
      [2, 'fired'],
    ]);

    await setStatus(monitor, 'up');
  });

  it('repeats a level until someone acknowledges it', async () => {
    const start = env.clock.now();
    const mailService = (await call('POST', '/api/v1/services', { name: 'Mailserver' })).id as string;
    await call('POST', '/api/v1/escalation-policies', {
      id: 'repeating',
      name: 'Repeating',
      serviceIds: [mailService],
      levels: [
        {
          trigger: { kind: 'outage_start' },
          repeatEveryMinutes: 10,
          actions: [{ kind: 'notify_role', role: 'manager' }],
          channels: ['mail'],
        },
      ],
    });
    const monitor = (
      await call('POST', '/api/v1/monitors', {
        name: 'Mailserver SMTP',
        serviceId: mailService,
        customerId,
        definition: { kind: 'manual', failuresToConfirm: 1 },
      })
    ).id as string;
    await setStatus(monitor, 'down');
    const outageId = (await outageOf(monitor)) as string;
    const mailsBefore = smtp.mails.length;
    expect(await worker.tick()).toBe(1);
    await outbox.tick();
    expect(smtp.mails.length - mailsBefore).toBe(1);
    expect((await steps(outageId)).map((s) => [s.occurrence, s.status, s.dueAt])).toEqual([
      [0, 'fired', at(start)],
      [1, 'pending', at(start + 10 * MINUTE_MS)],
    ]);
    const first = (await steps(outageId))[0] as Step;
    await call('POST', `/api/v1/escalations/${encodeURIComponent(first.id)}/acknowledge`);
    expect((await steps(outageId)).map((s) => [s.occurrence, s.status])).toEqual([
      [0, 'fired'],
      [1, 'cancelled'],
    ]);
    env.clock.set(start + 20 * MINUTE_MS);
    expect(await worker.tick()).toBe(0);
    await setStatus(monitor, 'up');
  });

  it('cancels the 30-minute level when the outage ends before it', async () => {
    const start = env.clock.now();
    const hooksBefore = hook.requests.length;
    const mailsBefore = smtp.mails.length;
    const monitor = await newMonitor('Telefonanlage');
    await setStatus(monitor, 'down');
    const outageId = (await outageOf(monitor)) as string;
    expect(await worker.tick()).toBe(1);
    env.clock.set(start + 10 * MINUTE_MS);
    await setStatus(monitor, 'up');
    expect((await steps(outageId)).map((s) => [s.level, s.status])).toEqual([
      [1, 'fired'],
      [2, 'cancelled'],
    ]);
    env.clock.set(start + 2 * 30 * MINUTE_MS);
    expect(await worker.tick()).toBe(0);
    await outbox.tick();
    expect(hook.requests.length - hooksBefore).toBe(1);
    expect(smtp.mails.length - mailsBefore).toBe(0);
  });

  it('pages nobody for an outage that starts inside a maintenance window', async () => {
    const start = env.clock.now();
    const hooksBefore = hook.requests.length;
    const mailsBefore = smtp.mails.length;
    const monitor = await newMonitor('Fileserver');
    await call('POST', '/api/v1/maintenance-windows', {
      name: 'Firmware update',
      monitorId: monitor,
      definition: { timeZone: 'UTC', start: at(start - 5 * MINUTE_MS).slice(0, 16), durationMinutes: 120 },
    });
    await setStatus(monitor, 'down');
    const outageId = (await outageOf(monitor)) as string;
    expect(outageId).toBeDefined();
    expect(await steps(outageId)).toEqual([]);
    for (const offset of [0, 30 * MINUTE_MS, 3 * 60 * MINUTE_MS]) {
      env.clock.set(start + offset);
      expect(await worker.tick()).toBe(0);
    }
    await outbox.tick();
    expect(hook.requests.length - hooksBefore).toBe(0);
    expect(smtp.mails.length - mailsBefore).toBe(0);
    await setStatus(monitor, 'up');
  });

  it('holds a level that falls due during maintenance until the window ends', async () => {
    const start = env.clock.now();
    const mailsBefore = smtp.mails.length;
    const monitor = await newMonitor('Drucker');
    await setStatus(monitor, 'down');
    const outageId = (await outageOf(monitor)) as string;
    expect(await worker.tick()).toBe(1);
    // Maintenance planned after the outage began, from +20 to +50 minutes: level 2 waits for its end.
    await call('POST', '/api/v1/maintenance-windows', {
      name: 'Toner swap',
      monitorId: monitor,
      definition: { timeZone: 'UTC', start: at(start + 20 * MINUTE_MS).slice(0, 16), durationMinutes: 30 },
    });
    env.clock.set(start + 30 * MINUTE_MS);
    expect(await worker.tick()).toBe(0);
    expect((await steps(outageId)).map((s) => [s.level, s.status, s.dueAt])).toEqual([
      [1, 'fired', at(start)],
      [2, 'pending', at(start + 50 * MINUTE_MS)],
    ]);
    env.clock.set(start + 50 * MINUTE_MS);
    expect(await worker.tick()).toBe(1);
    await outbox.tick();
    expect(smtp.mails.slice(mailsBefore).map((m) => m.envelopeTo)).toEqual([['boss@provider.example']]);
    await setStatus(monitor, 'up');
  });
});
