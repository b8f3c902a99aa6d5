// Escalation end to end through the API and the worker, on the TestClock: each notice fires once, later
// levels at their offsets, pauses move pending steps, resolving cancels them, acknowledging stops repeats,
// the outbox retries with back-off and gives up after the last attempt. Real SMTP and HTTP servers on
// loopback receive what is sent.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/app/accounts/accounts.use-cases.ts';
import { SYSTEM_ACTOR } from '../../src/app/actor.ts';
import type { EscalationSettings } from '../../src/app/escalation/channels.ts';
import { MAX_ATTEMPTS } from '../../src/app/escalation/outbox.ts';
import { HOUR_MS, MINUTE_MS, SECOND_MS } from '../../src/domain/shared/time.ts';
import { EscalationWorker } from '../../src/workers/escalation-worker.ts';
import { OutboxSender } from '../../src/workers/outbox-sender.ts';
import {
  recordingHttpServer,
  recordingSmtpServer,
  type RecordingHttpServer,
  type RecordingSmtpServer,
} from '../channels/servers.ts';
import { bearer, createTestEnv, DIALECTS, type TestEnv } from '../support/harness.ts';
import { insertSla, officeTerms, WAITING } from '../support/ticket-fixtures.ts';

const PASSWORD = 'correct horse battery staple';

interface Step {
  id: string;
  level: number;
  occurrence: number;
  status: string;
  dueAt: string | null;
  firedAt: string | null;
}

describe.each(DIALECTS)('escalation (%s)', (dialect) => {
  let env: TestEnv;
  let admin: string;
  let smtp: RecordingSmtpServer;
  let hook: RecordingHttpServer;
  let worker: EscalationWorker;
  let second: EscalationWorker;
  let outbox: OutboxSender;
  let customerId: string;
  let slaId: string;
  let assignee: { id: string; email: string };
  const settings: EscalationSettings = { publicUrl: 'http://localhost:3000' };

  const call = async (method: string, url: string, payload?: unknown, token = admin) => {
    const res = await env.app.inject({
      method: method as 'GET',
      url,
      headers: bearer(token),
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.statusCode === 204 ? null : res.json();
  };

  const steps = async (ticketId: string): Promise<Step[]> =>
    ((await call('GET', `/api/v1/escalations?ticketId=${ticketId}&limit=100`)).items as Step[]).sort(
      (a, b) => a.level - b.level || a.occurrence - b.occurrence,
    );

  /** Tickets of the running test: resolved after it, so their steps do not fire in the next one. */
  const open: string[] = [];
  const newTicket = async (title: string): Promise<string> => {
    const id = (
      await call('POST', '/api/v1/tickets', {
        customerId,
        title,
        priority: 'P1',
        slaId,
        assigneeUserId: assignee.id,
      })
    ).id as string;
    open.push(id);
    return id;
  };

  const at = (offset: number): string => new Date(start + offset).toISOString().replace('.000Z', 'Z');
  let start = 0;

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    admin = await env.token('admin');
    smtp = await recordingSmtpServer();
    hook = await recordingHttpServer();
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
    const user = await call('POST', '/api/v1/users', {
      email: 'ana@provider.example',
      name: 'Ana',
      role: 'agent',
    });
    assignee = { id: user.id, email: 'ana@provider.example' };
    await call('POST', '/api/v1/users', { email: 'boss@provider.example', name: 'Boss', role: 'manager' });
    // P1: resolution 4 h around the clock; "waiting for customer" pauses.
    slaId = await insertSla(env, '24/7', officeTerms(null));
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
    await call('POST', '/api/v1/notification-channels', {
      id: 'hook',
      name: 'Hook',
      kind: 'webhook',
      config: { url: `${hook.url}/hook`, secret: 'a-long-shared-secret-value' },
    });
    await call('POST', '/api/v1/escalation-policies', {
      id: 'standard',
      name: 'Standard',
      appliesTo: { targets: ['resolution'] },
      slaIds: [slaId],
      levels: [
        {
          trigger: { kind: 'share', share: 0.75 },
          actions: [{ kind: 'notify_assignee' }],
          channels: ['mail'],
        },
        {
          trigger: { kind: 'breach' },
          actions: [{ kind: 'notify_customer_contacts', level: 1 }],
          channels: ['mail'],
        },
        {
          trigger: { kind: 'after_breach', minutes: 30 },
          repeatEveryMinutes: 60,
          maxRepeats: 2,
          actions: [{ kind: 'notify_role', role: 'manager' }],
          channels: ['hook'],
        },
      ],
    });
    worker = new EscalationWorker({ ctx: env.ctx, owner: 'worker-1', settings, sweepAtStart: false });
    second = new EscalationWorker({ ctx: env.ctx, owner: 'worker-2', settings, sweepAtStart: false });
    outbox = new OutboxSender({ ctx: env.ctx, owner: 'worker-1', settings, concurrency: 50 });
  });

  afterEach(async () => {
    for (const id of open.splice(0))
      await call('POST', `/api/v1/tickets/${id}/events`, { type: 'resolved' }).catch(() => undefined);
  });

  afterAll(async () => {
    await env?.close();
    await smtp?.close();
    await hook?.close();
  });

  it('masks channel secrets and plans the levels of a new ticket at their offsets', async () => {
    const channel = await call('GET', '/api/v1/notification-channels/mail');
    expect(channel.config.auth).toEqual({ user: 'pledge', password: '********' });
    expect((await call('GET', '/api/v1/notification-channels/hook')).config.secret).toBe('********');

    start = env.clock.now();
    const ticket = await newTicket('Mail is down');
    const planned = await steps(ticket);
    expect(planned.map((s) => [s.level, s.occurrence, s.status, s.dueAt])).toEqual([
      [1, 0, 'pending', at(3 * HOUR_MS)],
      [2, 0, 'pending', at(4 * HOUR_MS)],
      [3, 0, 'pending', at(4 * HOUR_MS + 30 * MINUTE_MS)],
    ]);
  });

  it('sends the 75 % warning and the breach notice exactly once, and later levels at their offsets', async () => {
    start = env.clock.now();
    const mailsBefore = smtp.mails.length;
    const hooksBefore = hook.requests.length;
    const ticket = await newTicket('Printer on fire');
    await worker.load();

    env.clock.set(start + 3 * HOUR_MS - 1);
    expect(await worker.tick()).toBe(0);
    env.clock.set(start + 3 * HOUR_MS);
    expect(await worker.tick()).toBe(1);
    expect(await worker.tick()).toBe(0);
    expect(await second.tick()).toBe(0);
    await outbox.tick();
    env.clock.set(start + 4 * HOUR_MS + 5 * SECOND_MS);
    expect(await second.tick()).toBe(1);
    expect(await worker.tick()).toBe(0);
    await outbox.tick();
    env.clock.set(start + 4 * HOUR_MS + 30 * MINUTE_MS);
    expect(await worker.tick()).toBe(1);
    await outbox.tick();

    const mails = smtp.mails.slice(mailsBefore);
    expect(mails.map((m) => m.envelopeTo)).toEqual([[assignee.email], ['maier@kanzlei.example']]);
    const [warning, breach] = mails.map((m) => m.mail);
    expect(warning?.text).toContain('Printer on fire');
    expect(breach?.text).toContain('Printer on fire');
    expect(warning?.subject).not.toEqual(breach?.subject);
    // The customer's contact reads German and Berlin time.
    expect(breach?.text).toContain('Fällig');
    const posts = hook.requests.slice(hooksBefore);
    expect(posts).toHaveLength(1);
    expect(JSON.parse(posts[0]?.body ?? '{}')).toMatchObject({ type: 'ticket_after_breach', level: 3 });

    const log = (await call('GET', `/api/v1/notifications?ticketId=${ticket}`)).items as {
      status: string;
      kind: string;
    }[];
    expect(log.map((n) => [n.kind, n.status]).sort()).toEqual([
      ['ticket_after_breach', 'sent'],
      ['ticket_breach', 'sent'],
      ['ticket_warning', 'sent'],
    ]);
    // The repeat of level 3 is planned one hour (of the 24/7 clock) after its first notice.
    const after = await steps(ticket);
    expect(after.filter((s) => s.status === 'pending').map((s) => [s.level, s.occurrence, s.dueAt])).toEqual([
      [3, 1, at(5 * HOUR_MS + 30 * MINUTE_MS)],
    ]);
  });

  it('stops the repeats of a level once acknowledged', async () => {
    start = env.clock.now();
    const ticket = await newTicket('Server room hot');
    env.clock.set(start + 4 * HOUR_MS + 30 * MINUTE_MS);
    expect(await worker.tick()).toBe(3);
    const fired = (await steps(ticket)).find((s) => s.level === 3 && s.occurrence === 0) as Step;
    const ack = await call('POST', `/api/v1/escalations/${encodeURIComponent(fired.id)}/acknowledge`);
    expect(ack).toMatchObject({ alreadyAcknowledged: false, status: 'fired' });
    expect(ack.acknowledgedAt).not.toBeNull();
    const left = (await steps(ticket)).filter((s) => s.status === 'pending');
    expect(left).toEqual([]);
    env.clock.set(start + 8 * HOUR_MS);
    expect(await worker.tick()).toBe(0);
    await outbox.tick();
  });

  it('acknowledges through the link in a mail, without a session, once', async () => {
    start = env.clock.now();
    const before = smtp.mails.length;
    const ticket = await newTicket('VPN flaky');
    env.clock.set(start + 3 * HOUR_MS);
    expect(await worker.tick()).toBe(1);
    await outbox.tick();
    const mail = smtp.mails[before]?.mail;
    const link = /http:\/\/localhost:3000(\/api\/v1\/escalations\/ack\/[A-Za-z0-9_-]+)/.exec(
      mail?.text ?? '',
    )?.[1];
    expect(link).toBeDefined();
    const acknowledgedAt = async (): Promise<string | null> =>
      ((await steps(ticket)).find((s) => s.level === 1) as Step & { acknowledgedAt: string | null })
        .acknowledgedAt;
    // Opening the link (a mail scanner, a link preview) only shows the confirmation: nothing is acknowledged.
    for (let i = 0; i < 2; i++) {
      const opened = await env.app.inject({ method: 'GET', url: link as string });
      expect(opened.statusCode).toBe(200);
      expect(opened.headers['content-type']).toContain('text/html');
      expect(opened.headers['referrer-policy']).toBe('no-referrer');
      expect(opened.body).toContain('<form method="post">');
      expect(opened.body).not.toContain('<script');
      expect(opened.body).toContain('Acknowledge escalation level 1?');
    }
    expect(await acknowledgedAt()).toBeNull();
    // The form posts an empty urlencoded body, as a browser does: here one where the recipient is signed in
    // to Pledge, whose session cookie goes along without a CSRF header (the link's token is what counts).
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    await createUser(env.ctx, SYSTEM_ACTOR, {
      email: 'signed-in@provider.example',
      role: 'agent',
      password: PASSWORD,
    });
    const login = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'signed-in@provider.example', password: PASSWORD },
    });
    const session = login.cookies.find((c) => c.name === 'pledge_session');
    expect(session).toBeDefined();
    const first = await env.app.inject({
      method: 'POST',
      url: link as string,
      headers: { ...form, cookie: `pledge_session=${session?.value ?? ''}` },
      payload: '',
    });
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('Acknowledged');
    expect(await acknowledgedAt()).not.toBeNull();
    const again = await env.app.inject({ method: 'POST', url: link as string, headers: form, payload: '' });
    expect(again.body).toContain('Already acknowledged');
    const reopened = await env.app.inject({ method: 'GET', url: link as string });
    expect(reopened.body).toContain('Already acknowledged');
    expect(reopened.body).not.toContain('<form');
    for (const method of ['GET', 'POST'] as const) {
      const bogus = await env.app.inject({
        method,
        url: '/api/v1/escalations/ack/not-a-real-token-at-all',
        ...(method === 'POST' ? { headers: form, payload: '' } : {}),
      });
      expect(bogus.statusCode).toBe(404);
    }
  });

  it('moves pending steps while the ticket waits, and cancels them when it is resolved', async () => {
    start = env.clock.now();
    const ticket = await newTicket('Waiting for the customer');
    env.clock.set(start + HOUR_MS);
    await call('POST', `/api/v1/tickets/${ticket}/events`, { type: 'status', status: WAITING });
    const paused = await steps(ticket);
    expect(paused.map((s) => [s.status, s.dueAt])).toEqual([
      ['pending', null],
      ['pending', null],
      ['pending', null],
    ]);
    env.clock.set(start + 3 * HOUR_MS);
    expect(await worker.tick()).toBe(0);
    await call('POST', `/api/v1/tickets/${ticket}/events`, { type: 'status', status: 'in progress' });
    // Two hours paused: every step moves by two hours.
    expect((await steps(ticket)).map((s) => s.dueAt)).toEqual([
      at(5 * HOUR_MS),
      at(6 * HOUR_MS),
      at(6 * HOUR_MS + 30 * MINUTE_MS),
    ]);
    await call('POST', `/api/v1/tickets/${ticket}/events`, { type: 'resolved' });
    expect((await steps(ticket)).map((s) => s.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    env.clock.set(start + 7 * HOUR_MS);
    expect(await worker.tick()).toBe(0);
  });

  it('retries a failed notice with back-off, then delivers it', async () => {
    start = env.clock.now();
    const ticket = await newTicket('Retry me');
    hook.status = 503;
    env.clock.set(start + 4 * HOUR_MS + 30 * MINUTE_MS);
    expect(await worker.tick()).toBe(3);
    await outbox.tick();
    const failing = (await call('GET', `/api/v1/notifications?ticketId=${ticket}&channelId=hook`)).items[0];
    expect(failing).toMatchObject({
      status: 'retrying',
      attempts: 1,
      lastError: expect.stringContaining('503'),
    });
    const wait = Date.parse(failing.nextAttemptAt) - env.clock.now();
    expect(wait).toBeGreaterThanOrEqual(30 * SECOND_MS);
    expect(wait).toBeLessThanOrEqual(36 * SECOND_MS);
    env.clock.advance(10 * SECOND_MS);
    expect(await outbox.tick()).toBe(0);
    hook.status = 200;
    env.clock.advance(30 * SECOND_MS);
    expect(await outbox.tick()).toBe(1);
    const sent = (await call('GET', `/api/v1/notifications?ticketId=${ticket}&channelId=hook`)).items[0];
    expect(sent).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    expect(sent.sentAt).not.toBeNull();
  });

  it(`gives a notice up as dead after ${MAX_ATTEMPTS} failed attempts`, async () => {
    start = env.clock.now();
    const ticket = await newTicket('Dead letter');
    hook.status = 500;
    env.clock.set(start + 4 * HOUR_MS + 30 * MINUTE_MS);
    await worker.tick();
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
      await outbox.tick();
      env.clock.advance(2 * HOUR_MS);
    }
    hook.status = 200;
    const dead = (await call('GET', `/api/v1/notifications?ticketId=${ticket}&channelId=hook`)).items[0];
    expect(dead).toMatchObject({ status: 'dead', attempts: MAX_ATTEMPTS, nextAttemptAt: null });
    const deadOnly = (await call('GET', `/api/v1/notifications?status=dead`)).items as { ticketId: string }[];
    expect(deadOnly.map((n) => n.ticketId)).toContain(ticket);
  });
});
