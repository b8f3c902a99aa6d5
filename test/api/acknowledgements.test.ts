// Staff awareness over HTTP on both dialects: acknowledging SLA versions in force, who has not yet, reminder mail
// through the outbox to a real SMTP server at most once per interval, and each agent's own compliance figures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailChannelFromUrl, notifierOf } from '../../src/app/escalation/channels.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../src/domain/shared/time.ts';
import { acknowledgementReminderJob } from '../../src/workers/acknowledgement-reminder.job.ts';
import { OutboxSender } from '../../src/workers/outbox-sender.ts';
import { recordingSmtpServer, type RecordingSmtpServer } from '../channels/servers.ts';
import { bearer, createTestEnv, DIALECTS, type TestEnv } from '../support/harness.ts';
import { seedTicketFixture, type TicketFixture } from '../support/ticket-fixtures.ts';

const t = (iso: string): number => Date.parse(iso);

for (const dialect of DIALECTS) {
  describe(`staff acknowledgements and compliance (${dialect})`, () => {
    let env: TestEnv;
    let fx: TicketFixture;
    let smtp: RecordingSmtpServer;
    let admin: string;
    let manager: string;
    let agent: string;
    let viewer: string;
    const ids = new Map<string, string>();

    const call = async (token: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
      env.app.inject({
        method,
        url,
        headers: bearer(token),
        ...(payload ? { payload: payload as Record<string, unknown> } : {}),
      });
    const idOf = async (token: string): Promise<string> =>
      (await call(token, 'GET', '/api/v1/auth/me')).json().user.id as string;

    beforeAll(async () => {
      env = await createTestEnv(dialect);
      fx = await seedTicketFixture(env);
      smtp = await recordingSmtpServer();
      admin = await env.token('admin');
      manager = await env.token('manager');
      agent = await env.token('agent');
      viewer = await env.token('customer', fx.customerId);
      for (const [who, token] of [
        ['manager', manager],
        ['agent', agent],
      ] as const)
        ids.set(who, await idOf(token));
    });
    afterAll(async () => {
      await env?.close();
      await smtp?.close();
    });

    it('lists the versions in force an agent still owes, records an acknowledgement once and audits it', async () => {
      env.clock.set(t('2026-03-02T08:00:00Z'));
      const before = (await call(agent, 'GET', '/api/v1/acknowledgements')).json();
      expect(before.required).toBe(true);
      expect(
        before.pending.map((v: { slaName: string; version: number }) => `${v.slaName} v${v.version}`),
      ).toEqual(['Around the clock v1', 'Standard support v2']);
      expect(before.pending[1].quickReference).toBe(`/api/v1/slas/${fx.slaId}/versions/2/quick-reference`);
      expect(before.acknowledged).toEqual([]);

      const first = await call(agent, 'POST', '/api/v1/acknowledgements', { slaId: fx.slaId, version: 2 });
      expect(first.statusCode, first.body).toBe(201);
      expect(first.json()).toMatchObject({ created: true, acknowledgedAt: '2026-03-02T08:00:00Z' });
      env.clock.advance(HOUR_MS);
      const again = await call(agent, 'POST', '/api/v1/acknowledgements', { slaId: fx.slaId, version: 2 });
      expect(again.statusCode).toBe(200);
      expect(again.json()).toMatchObject({ created: false, acknowledgedAt: '2026-03-02T08:00:00Z' });

      const after = (await call(agent, 'GET', '/api/v1/acknowledgements')).json();
      expect(after.pending.map((v: { slaName: string }) => v.slaName)).toEqual(['Around the clock']);
      expect(after.acknowledged).toMatchObject([
        { slaId: fx.slaId, version: 2, acknowledgedAt: '2026-03-02T08:00:00Z' },
      ]);

      const audit = (await call(admin, 'GET', `/api/v1/audit?entityType=sla&entityId=${fx.slaId}`)).json();
      const entries = audit.items.filter((e: { action: string }) => e.action === 'sla.version.acknowledged');
      expect(entries).toHaveLength(1);
      expect(entries[0].summary).toContain('version 2');
    });

    it('refuses versions that are not in force, and customer viewers altogether', async () => {
      const retired = await call(agent, 'POST', '/api/v1/acknowledgements', { slaId: fx.slaId, version: 1 });
      expect(retired.statusCode).toBe(409);
      expect(retired.json().code).toBe('SLA_VERSION_NOT_ACTIVE');
      expect(
        (await call(agent, 'POST', '/api/v1/acknowledgements', { slaId: fx.slaId, version: 9 })).statusCode,
      ).toBe(404);
      expect((await call(viewer, 'GET', '/api/v1/acknowledgements')).statusCode).toBe(403);
      expect((await call(viewer, 'GET', '/api/v1/me/compliance')).statusCode).toBe(403);
      expect((await call(agent, 'GET', '/api/v1/acknowledgements/pending')).statusCode).toBe(403);
      expect((await call(agent, 'GET', `/api/v1/acknowledgements?sla=${fx.slaId}`)).statusCode).toBe(403);
    });

    it('shows managers who has and who has not acknowledged a version, and what is pending per version', async () => {
      const one = (await call(manager, 'GET', `/api/v1/acknowledgements?sla=${fx.slaId}&version=2`)).json();
      expect(one.version.version).toMatchObject({ slaId: fx.slaId, version: 2, status: 'active' });
      expect(one.version.acknowledged).toMatchObject([
        { userId: ids.get('agent'), role: 'agent', acknowledgedAt: '2026-03-02T08:00:00Z' },
      ]);
      expect(one.version.pending.map((p: { userId: string }) => p.userId)).toEqual([ids.get('manager')]);
      // The version in force is the default.
      expect(
        (await call(manager, 'GET', `/api/v1/acknowledgements?sla=${fx.slaId}`)).json().version.version
          .version,
      ).toBe(2);

      const pending = (await call(admin, 'GET', '/api/v1/acknowledgements/pending')).json();
      expect(
        pending.items.map(
          (i: {
            version: { slaName: string };
            staff: number;
            acknowledged: number;
            pending: { userId: string }[];
          }) => [i.version.slaName, i.staff, i.acknowledged, i.pending.map((p) => p.userId).sort()],
        ),
      ).toEqual([
        ['Around the clock', 2, 0, [ids.get('agent'), ids.get('manager')].sort()],
        ['Standard support', 2, 1, [ids.get('manager')]],
      ]);
      // Admins need not acknowledge: nothing is pending for them.
      expect((await call(admin, 'GET', '/api/v1/acknowledgements')).json()).toMatchObject({
        required: false,
        pending: [],
      });
      // An admin may still acknowledge, and is listed with their role, never as pending.
      expect(
        (await call(admin, 'POST', '/api/v1/acknowledgements', { slaId: fx.slaId, version: 2 })).statusCode,
      ).toBe(201);
      const withAdmin = (
        await call(manager, 'GET', `/api/v1/acknowledgements?sla=${fx.slaId}&version=2`)
      ).json();
      expect(withAdmin.version.acknowledged.map((p: { role: string }) => p.role)).toEqual(['agent', 'admin']);
      expect(withAdmin.version.pending.map((p: { userId: string }) => p.userId)).toEqual([
        ids.get('manager'),
      ]);
    });

    it('mails each staff member who owes acknowledgements at most once every N days, with the quick reference links', async () => {
      const settings = {
        publicUrl: 'http://pledge.example:8080',
        envEmail: emailChannelFromUrl(
          notifierOf(env.ctx),
          `smtp://pledge:right@127.0.0.1:${smtp.port}`,
          'Pledge <pledge@provider.example>',
          env.clock.now(),
        ),
      };
      const job = acknowledgementReminderJob({ ctx: env.ctx, settings, reminderDays: 3 });
      const outbox = new OutboxSender({ ctx: env.ctx, owner: 'test', settings });
      const agentEmail = (await call(agent, 'GET', '/api/v1/auth/me')).json().user.email as string;
      const managerEmail = (await call(manager, 'GET', '/api/v1/auth/me')).json().user.email as string;

      const start = t('2026-03-02T10:00:00Z');
      env.clock.set(start);
      // Two workers look at the same instant: each person still gets one reminder.
      const second = acknowledgementReminderJob({ ctx: env.ctx, settings, reminderDays: 3 });
      await Promise.all([job.run(start), second.run(start)]);
      expect(await outbox.tick()).toBe(2);
      expect(smtp.mails.map((m) => m.envelopeTo[0]).sort()).toEqual([agentEmail, managerEmail].sort());
      const toAgent = smtp.mails.find((m) => m.envelopeTo[0] === agentEmail)?.mail;
      expect(toAgent?.subject).toBe('[Pledge] Please acknowledge an SLA version');
      expect(toAgent?.text).toContain(
        `http://pledge.example:8080/api/v1/slas/${fx.otherSlaId}/versions/1/quick-reference`,
      );
      expect(toAgent?.text).not.toContain(`/api/v1/slas/${fx.slaId}/versions/2/quick-reference`);
      expect(toAgent?.text).toContain('http://pledge.example:8080/slas');
      const toManager = smtp.mails.find((m) => m.envelopeTo[0] === managerEmail)?.mail;
      expect(toManager?.subject).toBe('[Pledge] Please acknowledge 2 SLA versions');

      // Hourly runs within the interval add nothing.
      for (const at of [start + HOUR_MS, start + 3 * DAY_MS - MINUTE_MS]) {
        env.clock.set(at);
        await job.run(at);
      }
      expect(await outbox.tick()).toBe(0);

      // The agent acknowledges what is left; after three days only the manager hears again.
      env.clock.set(start + 2 * DAY_MS);
      expect(
        (await call(agent, 'POST', '/api/v1/acknowledgements', { slaId: fx.otherSlaId, version: 1 }))
          .statusCode,
      ).toBe(201);
      env.clock.set(start + 3 * DAY_MS);
      await job.run(start + 3 * DAY_MS);
      expect(await outbox.tick()).toBe(1);
      expect(smtp.mails).toHaveLength(3);
      expect(smtp.mails[2]?.envelopeTo).toEqual([managerEmail]);
    });

    it('asks for a new acknowledgement when a new version comes into force', async () => {
      env.clock.set(t('2026-03-10T08:00:00Z'));
      const draft = await call(manager, 'POST', `/api/v1/slas/${fx.otherSlaId}/versions`, {});
      expect(draft.statusCode, draft.body).toBe(201);
      const activate = await env.app.inject({
        method: 'POST',
        url: `/api/v1/slas/${fx.otherSlaId}/versions/2/activate`,
        headers: { ...bearer(manager), 'if-match': `"${draft.json().revision}"` },
      });
      expect(activate.statusCode, activate.body).toBe(200);
      const mine = (await call(agent, 'GET', '/api/v1/acknowledgements')).json();
      expect(mine.pending).toMatchObject([{ slaId: fx.otherSlaId, version: 2 }]);
      // The retired version keeps who had acknowledged it, and owes nothing any more.
      const old = (
        await call(manager, 'GET', `/api/v1/acknowledgements?sla=${fx.otherSlaId}&version=1`)
      ).json();
      expect(old.version.version.status).toBe('retired');
      expect(old.version.acknowledged.map((p: { userId: string }) => p.userId)).toEqual([ids.get('agent')]);
      expect(old.version.pending).toEqual([]);
    });

    it("gives an agent their own compliance figures, and managers anyone's", async () => {
      const agentId = ids.get('agent') ?? '';
      const ticket = async (title: string, assignee: string): Promise<string> => {
        env.clock.set(t('2026-04-06T07:00:00Z')); // Monday 09:00 in Berlin, inside office hours
        const res = await call(manager, 'POST', '/api/v1/tickets', {
          customerId: fx.customerId,
          serviceId: fx.serviceId,
          title,
          impact: 'high',
          urgency: 'medium',
        });
        expect(res.statusCode, res.body).toBe(201);
        const id = res.json().id as string;
        expect(
          (await call(manager, 'POST', `/api/v1/tickets/${id}/events`, { type: 'assigned', assignee }))
            .statusCode,
        ).toBe(201);
        return id;
      };
      const event = async (id: string, at: string, payload: object): Promise<void> => {
        env.clock.set(t(at));
        const res = await call(agent, 'POST', `/api/v1/tickets/${id}/events`, payload);
        expect(res.statusCode, res.body).toBe(201);
      };
      // P2 on office hours: first response 1 h, resolution 8 h of business time.
      const a = await ticket('Printer jammed', agentId);
      const b = await ticket('VPN slow', agentId);
      const c = await ticket('Someone else’s', ids.get('manager') ?? '');
      await event(a, '2026-04-06T07:30:00Z', { type: 'reply', author: 'agent', public: true }); // 30 min: met
      await event(a, '2026-04-06T09:00:00Z', { type: 'resolved' }); // 2 h: met
      await event(b, '2026-04-06T09:00:00Z', { type: 'reply', author: 'agent', public: true }); // 2 h: breached at 1 h
      await event(c, '2026-04-06T09:30:00Z', { type: 'reply', author: 'agent', public: true });
      env.clock.set(t('2026-04-06T10:00:00Z'));

      const res = await call(agent, 'GET', '/api/v1/me/compliance?month=2026-04');
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.period).toMatchObject({
        key: '2026-04',
        from: '2026-04-01T00:00:00Z',
        to: '2026-05-01T00:00:00Z',
      });
      expect(body.compliance).toEqual([
        {
          priority: 'P2',
          metric: 'first_response',
          met: 1,
          breached: 1,
          compliance: 0.5,
          goal: 0.95,
          achieved: false,
        },
        {
          priority: 'P2',
          metric: 'resolution',
          met: 1,
          breached: 0,
          compliance: 1,
          goal: 0.95,
          achieved: true,
        },
        {
          priority: 'all',
          metric: 'first_response',
          met: 1,
          breached: 1,
          compliance: 0.5,
          goal: 0.95,
          achieved: false,
        },
        {
          priority: 'all',
          metric: 'resolution',
          met: 1,
          breached: 0,
          compliance: 1,
          goal: 0.95,
          achieved: true,
        },
      ]);
      // First responses took 30 min and 2 h of business time: mean 75 min, p90 (nearest rank of 2) 2 h.
      expect(body.times).toContainEqual({
        priority: 'P2',
        metric: 'first_response',
        count: 2,
        meanBusinessMs: 75 * MINUTE_MS,
        p90BusinessMs: 2 * HOUR_MS,
      });
      expect(body.times).toContainEqual({
        priority: 'all',
        metric: 'resolution',
        count: 1,
        meanBusinessMs: 2 * HOUR_MS,
        p90BusinessMs: 2 * HOUR_MS,
      });
      expect(body.now).toEqual({ at: '2026-04-06T10:00:00Z', open: 1, atRisk: 0, breached: 1 });

      const asManager = (
        await call(manager, 'GET', `/api/v1/users/${agentId}/compliance?month=2026-04`)
      ).json();
      expect(asManager.compliance).toEqual(body.compliance);
      expect((await call(agent, 'GET', `/api/v1/users/${ids.get('manager')}/compliance`)).statusCode).toBe(
        403,
      );
      expect((await call(agent, 'GET', '/api/v1/me/compliance?month=2026-13')).statusCode).toBe(400);
      // An earlier month has no figures for these tickets.
      expect((await call(agent, 'GET', '/api/v1/me/compliance?month=2026-03')).json()).toMatchObject({
        compliance: [],
        times: [],
      });
    });
  });
}
