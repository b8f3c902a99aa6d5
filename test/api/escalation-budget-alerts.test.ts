// Error-budget alerts end to end: a customer's service with a 99.9 % target goes down; the minute-by-minute
// evaluation records each burn-rate rule that starts firing once (even with two workers evaluating at the
// same instant), the fastest rule pages the on-call agent from the roster every 10 minutes until someone
// acknowledges, the spent budget notifies the customer, the alert ends when its rule stops firing, and a
// maintenance window raises nothing. Real SMTP and HTTP servers on loopback receive what is sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateBudgetAlerts } from '../../src/app/escalation/budget-alerts.use-cases.ts';
import type { EscalationSettings } from '../../src/app/escalation/channels.ts';
import { DAY_MS, formatInstant, MINUTE_MS } from '../../src/domain/shared/time.ts';
import { EscalationWorker } from '../../src/workers/escalation-worker.ts';
import { OutboxSender } from '../../src/workers/outbox-sender.ts';
import {
  recordingHttpServer,
  recordingSmtpServer,
  type RecordingHttpServer,
  type RecordingSmtpServer,
} from '../channels/servers.ts';
import { bearer, createTestEnv, DIALECTS, type TestEnv } from '../support/harness.ts';
import { insertRule, insertSla, officeTerms } from '../support/ticket-fixtures.ts';

/** Tuesday 10 March 2026, 10:00 in Berlin. */
const D0 = Date.UTC(2026, 2, 10, 9);
const ANNA = 'anna@provider.example';
const BERT = 'bert@provider.example';
const BOSS = 'boss@provider.example';

interface Alert {
  id: string;
  serviceId: string;
  customerId: string;
  rule: string;
  kind: string;
  startedAt: string;
  endedAt: string | null;
  burnRate: number | null;
  budgetUsed: number | null;
  outrankedBy: string | null;
  periodStart: string;
}

describe.each(DIALECTS)('budget alerts (%s)', (dialect) => {
  let env: TestEnv;
  let admin: string;
  let hook: RecordingHttpServer;
  let smtp: RecordingSmtpServer;
  let worker: EscalationWorker;
  let outbox: OutboxSender;
  let customerId: string;
  let otherCustomer: string;
  let erp: string;
  let mail: string;
  let erpMonitor: string;
  let mailMonitor: string;
  let anna: string;
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
  const setStatus = (monitorId: string, status: 'up' | 'down') =>
    call('POST', `/api/v1/monitors/${monitorId}/status`, { status, message: 'switch failed' });
  const alerts = async (query = '', token = admin): Promise<Alert[]> =>
    (await call('GET', `/api/v1/budget-alerts?limit=100${query}`, undefined, token)).items as Alert[];
  const evaluate = () => evaluateBudgetAlerts(env.ctx, env.clock.now());
  const mailsTo = (address: string, from: number) =>
    smtp.mails.slice(from).filter((m) => m.envelopeTo.includes(address));

  beforeAll(async () => {
    env = await createTestEnv(dialect, D0 - 3 * DAY_MS);
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
    otherCustomer = (await call('POST', '/api/v1/customers', { name: 'Bäckerei Huber' })).id;
    await call('POST', `/api/v1/customers/${customerId}/contacts`, {
      name: 'Frau Maier',
      email: 'maier@kanzlei.example',
      escalationLevel: 1,
    });
    anna = (await call('POST', '/api/v1/users', { email: ANNA, name: 'Anna', role: 'agent' })).id;
    await call('POST', '/api/v1/users', { email: BERT, name: 'Bert', role: 'agent' });
    const boss = (
      await call('POST', '/api/v1/users', { email: BOSS, name: 'Boss', role: 'manager', locale: 'de' })
    ).id;
    // Anna is on call on weekdays during office hours in Berlin; the boss leads the team at all times.
    await call('PUT', '/api/v1/escalation-roster', {
      entries: [
        {
          role: 'on_call',
          userId: anna,
          timeZone: 'Europe/Berlin',
          hours: {
            mon: ['08:00-18:00'],
            tue: ['08:00-18:00'],
            wed: ['08:00-18:00'],
            thu: ['08:00-18:00'],
            fri: ['08:00-18:00'],
          },
        },
        { role: 'team_lead', userId: boss },
      ],
    });
    erp = (await call('POST', '/api/v1/services', { name: 'Kanzlei-ERP' })).id;
    mail = (await call('POST', '/api/v1/services', { name: 'Kanzlei-Mail' })).id;
    const slaId = await insertSla(env, 'Verfügbarkeit', {
      ...officeTerms(null),
      availability: [{ serviceId: null, target: 0.999, calendarId: null }],
    });
    await insertRule(env, { position: 1, slaId, customerId });
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
      id: 'budget',
      name: 'Budget',
      serviceIds: [erp, mail],
      levels: [
        {
          trigger: { kind: 'outage_start' },
          actions: [{ kind: 'notify_customer_contacts', level: 1 }],
          channels: ['hook'],
        },
        {
          trigger: { kind: 'burn_rate' },
          repeatEveryMinutes: 10,
          actions: [{ kind: 'notify_role', role: 'on_call' }],
          channels: ['mail'],
        },
        {
          trigger: { kind: 'budget_spent' },
          actions: [
            { kind: 'notify_customer_contacts', level: 1 },
            { kind: 'notify_role', role: 'team_lead' },
          ],
          channels: ['hook', 'mail'],
        },
      ],
    });
    const monitor = async (name: string, serviceId: string): Promise<string> =>
      (
        await call('POST', '/api/v1/monitors', {
          name,
          serviceId,
          customerId,
          definition: { kind: 'manual', failuresToConfirm: 1 },
        })
      ).id;
    // Three days up before anything happens: the burn-rate windows see a healthy history.
    erpMonitor = await monitor('ERP-Server', erp);
    mailMonitor = await monitor('Mailserver', mail);
    await setStatus(erpMonitor, 'up');
    await setStatus(mailMonitor, 'up');
    worker = new EscalationWorker({ ctx: env.ctx, owner: 'worker-1', settings, sweepAtStart: false });
    outbox = new OutboxSender({ ctx: env.ctx, owner: 'worker-1', settings, concurrency: 50 });
  }, 60_000);

  afterAll(async () => {
    await env?.close();
    await hook?.close();
    await smtp?.close();
  });

  it('records each firing rule once, pages the on-call holder until acknowledged, and ends the alert when the rule stops', async () => {
    env.clock.set(D0);
    await setStatus(erpMonitor, 'down');
    expect(await worker.tick()).toBe(1); // the outage_start level
    await outbox.tick();
    const mailsBefore = smtp.mails.length;

    env.clock.set(D0 + 10 * MINUTE_MS);
    // Two workers evaluate at the same instant: each rule still opens one alert.
    const passes = await Promise.all([evaluate(), evaluate()]);
    expect(passes.reduce((n, p) => n + p.opened, 0)).toBe(4);
    expect((await evaluate()).opened).toBe(0);
    const raised = (await alerts(`&serviceId=${erp}&open=true`)).sort((a, b) => a.rule.localeCompare(b.rule));
    expect(raised.map((a) => a.rule)).toEqual(['burn_1d_2h', 'burn_1h_5m', 'burn_3d_6h', 'burn_6h_30m']);
    const fast = raised.find((a) => a.rule === 'burn_1h_5m') as Alert;
    expect(fast).toMatchObject({
      customerId,
      kind: 'burn_rate',
      startedAt: formatInstant(D0 + 10 * MINUTE_MS),
      endedAt: null,
      outrankedBy: null,
    });
    expect(fast.periodStart).toBe('2026-02-28T23:00:00Z');
    // Ten minutes down of the last hour against an allowance of 0.1 %: a burn rate of 166.
    expect(fast.burnRate).toBeCloseTo(10 / 60 / 0.001, 5);
    // A hard outage fires every rule; the fastest pages, the others are on record only.
    expect(raised.filter((a) => a !== fast).map((a) => a.outrankedBy)).toEqual([fast.id, fast.id, fast.id]);

    expect(await worker.tick()).toBe(1);
    await outbox.tick();
    const page = mailsTo(ANNA, mailsBefore);
    expect(page).toHaveLength(1);
    expect(smtp.mails.slice(mailsBefore)).toHaveLength(1); // not Bert: the roster names Anna
    const text = page[0]?.mail.text ?? '';
    expect(page[0]?.mail.subject).toContain('Error budget burning fast: Kanzlei-ERP');
    expect(text).toContain('burn rate over 1h and 5m');
    expect(text).toMatch(/Burn rate:\s+166[.,]7×/);
    expect(text).toMatch(/Budget used:\s+28%/);
    expect(text).toContain('Period:');
    expect(text).toContain('01/03/2026 – 31/03/2026 (Europe/Berlin)');

    // Every 10 minutes again, until acknowledged.
    env.clock.set(D0 + 20 * MINUTE_MS);
    await evaluate();
    expect(await worker.tick()).toBe(1);
    await outbox.tick();
    expect(mailsTo(ANNA, mailsBefore)).toHaveLength(2);
    const steps = (await call('GET', '/api/v1/escalations?limit=200')).items as {
      id: string;
      status: string;
      occurrence: number;
    }[];
    const fastSteps = steps.filter((s) => s.id.startsWith(`alert:${fast.id}:`));
    expect(fastSteps.map((s) => [s.occurrence, s.status]).sort()).toEqual([
      [0, 'fired'],
      [1, 'fired'],
      [2, 'pending'],
    ]);
    // No step at all for the outranked alerts.
    expect(steps.filter((s) => raised.some((a) => a !== fast && s.id.startsWith(`alert:${a.id}:`)))).toEqual(
      [],
    );
    const ack = await call(
      'POST',
      `/api/v1/escalations/${encodeURIComponent(`alert:${fast.id}:budget:1:1`)}/acknowledge`,
    );
    expect(ack.alreadyAcknowledged).toBe(false);
    env.clock.set(D0 + 30 * MINUTE_MS);
    await evaluate();
    expect(await worker.tick()).toBe(0);

    // 50 minutes down spend the month's budget (0.1 % of the counted time since the monitor came): the
    // customer and the team lead hear of it once.
    env.clock.set(D0 + 50 * MINUTE_MS);
    const hooksBefore = hook.requests.length;
    expect((await evaluate()).opened).toBe(1);
    const spent = (await alerts(`&serviceId=${erp}&open=true`)).find(
      (a) => a.rule === 'budget_spent',
    ) as Alert;
    expect(spent).toMatchObject({ kind: 'budget_spent', burnRate: null, outrankedBy: null });
    expect(spent.budgetUsed).toBeGreaterThan(1);
    expect(await worker.tick()).toBe(1);
    await outbox.tick();
    const posts = hook.requests.slice(hooksBefore).map((r) => JSON.parse(r.body));
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({
      type: 'budget_spent',
      service: { id: erp, name: 'Kanzlei-ERP' },
      budget: {
        alertId: spent.id,
        rule: 'budget_spent',
        target: 0.999,
        remainingShare: 0,
        period: { timeZone: 'Europe/Berlin' },
      },
    });
    expect(posts[0].budget.period.start).toMatch(/^2026-02-28T23:00:00/);
    const lead = mailsTo(BOSS, mailsBefore);
    expect(lead).toHaveLength(1);
    expect(lead[0]?.mail.subject).toContain('Fehlerbudget aufgebraucht: Kanzlei-ERP');
    expect(lead[0]?.mail.text).toContain('Zeitraum:');
    expect(lead[0]?.mail.text).toContain('01.03.2026 – 31.03.2026 (Europe/Berlin)');

    // Back up: five minutes later the fast rule's short window is clean and its alert ends.
    await setStatus(erpMonitor, 'up');
    env.clock.set(D0 + 56 * MINUTE_MS);
    expect((await evaluate()).ended).toBeGreaterThanOrEqual(1);
    const ended = (await alerts(`&serviceId=${erp}`)).find((a) => a.id === fast.id) as Alert;
    expect(ended.endedAt).toBe(formatInstant(D0 + 56 * MINUTE_MS));
    expect((await alerts(`&serviceId=${erp}&open=true`)).map((a) => a.rule)).not.toContain('burn_1h_5m');
    env.clock.set(D0 + 90 * MINUTE_MS);
    await evaluate();
    expect(await worker.tick()).toBe(0);

    // The notification log by budget alert and by outage.
    const byAlert = (await call('GET', `/api/v1/notifications?budgetAlert=${fast.id}`)).items as {
      kind: string;
      recipient: string;
      budgetAlertId: string;
    }[];
    expect(byAlert.map((n) => [n.kind, n.recipient, n.budgetAlertId])).toEqual([
      ['burn_rate', ANNA, fast.id],
      ['burn_rate', ANNA, fast.id],
    ]);
    const outageId = (
      await env.ctx.storage.monitoring.listOutages({ monitorIds: [erpMonitor] }, { limit: 1, offset: 0 })
    ).items[0]?.id;
    const byOutage = (await call('GET', `/api/v1/notifications?outage=${outageId}`)).items as {
      kind: string;
      outageId: string;
    }[];
    expect(byOutage.map((n) => [n.kind, n.outageId])).toEqual([['outage', outageId]]);
    const both = await env.app.inject({
      method: 'GET',
      url: `/api/v1/notifications?outage=${outageId}&budgetAlert=${fast.id}`,
      headers: bearer(admin),
    });
    expect(both.statusCode).toBe(400);
  });

  it('shows a customer viewer its own alerts only', async () => {
    const viewer = await env.token('customer', customerId);
    const foreign = await env.token('customer', otherCustomer);
    const own = await alerts('', viewer);
    expect(own.length).toBeGreaterThanOrEqual(5);
    expect(own.every((a) => a.customerId === customerId)).toBe(true);
    expect(await alerts('', foreign)).toEqual([]);
    expect(await alerts(`&customerId=${customerId}`, foreign)).toEqual([]);
  });

  it('raises nothing during a maintenance window, and alerts after it when the rule still fires', async () => {
    const M0 = D0 + DAY_MS; // Wednesday 10:00 in Berlin
    env.clock.set(M0 - 10 * MINUTE_MS);
    await call('POST', '/api/v1/maintenance-windows', {
      name: 'Mail migration',
      monitorId: mailMonitor,
      definition: {
        timeZone: 'UTC',
        start: formatInstant(M0 - 5 * MINUTE_MS).slice(0, 16),
        durationMinutes: 60,
      },
    });
    env.clock.set(M0);
    await setStatus(mailMonitor, 'down');
    for (const minutes of [10, 30, 54]) {
      env.clock.set(M0 + minutes * MINUTE_MS);
      await evaluate();
      expect(await alerts(`&serviceId=${mail}`)).toEqual([]);
    }
    // Nobody rostered on call on Wednesdays now: the agents stand in, so the page still reaches someone.
    await call('PUT', '/api/v1/escalation-roster', {
      entries: [
        { role: 'on_call', userId: anna, timeZone: 'Europe/Berlin', hours: { sun: ['00:00-24:00'] } },
      ],
    });
    const roster = await call('GET', '/api/v1/escalation-roster');
    expect(roster.entries).toEqual([
      { role: 'on_call', userId: anna, timeZone: 'Europe/Berlin', hours: { sun: ['00:00-24:00'] } },
    ]);
    const mailsBefore = smtp.mails.length;
    // The window ended at +55 min; still down at +70 min, the fast rule fires over what is not maintenance.
    env.clock.set(M0 + 70 * MINUTE_MS);
    await evaluate();
    const after = await alerts(`&serviceId=${mail}&open=true`);
    expect(after.map((a) => a.rule)).toContain('burn_1h_5m');
    expect(after.every((a) => a.startedAt === formatInstant(M0 + 70 * MINUTE_MS))).toBe(true);
    expect(await worker.tick()).toBe(1);
    await outbox.tick();
    const to = smtp.mails.slice(mailsBefore).flatMap((m) => m.envelopeTo);
    expect(to).toContain(ANNA);
    expect(to).toContain(BERT);
  });

  it('refuses a roster entry naming someone who is not staff', async () => {
    const viewerUser = (
      await call('POST', '/api/v1/users', {
        email: 'viewer@kanzlei.example',
        name: 'V',
        role: 'customer',
        customerId,
      })
    ).id;
    const res = await env.app.inject({
      method: 'PUT',
      url: '/api/v1/escalation-roster',
      headers: bearer(admin),
      payload: { entries: [{ role: 'team_lead', userId: viewerUser }] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'ESCALATION_ROSTER_INVALID' });
  });
});
