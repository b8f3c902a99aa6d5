// Review and improve through the API, on both dialects and the TestClock: breach reasons on a ticket that missed
// its targets (and the refusal for one that did not), SLA reviews with their report snapshot, due dates and a
// drafted version, the improvement register with its before/after figure, and the daily e-mail reminders
// delivered to a real SMTP server on loopback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EscalationSettings } from '../../src/app/escalation/channels.ts';
import { measureFinishedActions } from '../../src/app/reviews/actions.use-cases.ts';
import { remindDueReviews, remindOverdueActions } from '../../src/app/reviews/reminders.use-cases.ts';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../src/domain/shared/time.ts';
import { OutboxSender } from '../../src/workers/outbox-sender.ts';
import { reviewRemindersJob } from '../../src/workers/review-reminders.job.ts';
import { recordingSmtpServer, type RecordingSmtpServer } from '../channels/servers.ts';
import { bearer, createTestEnv, DIALECTS, TEST_START, type TestEnv } from '../support/harness.ts';
import { seedTicketFixture, type TicketFixture } from '../support/ticket-fixtures.ts';

const t = (iso: string): number => Date.parse(iso);

describe.each(DIALECTS)('review and improve (%s)', (dialect) => {
  let env: TestEnv;
  let fx: TicketFixture;
  let admin: string;
  let manager: string;
  let agent: string;
  let smtp: RecordingSmtpServer;
  let owner: { id: string; email: string };
  let breachedTicket = '';
  let metTicket = '';
  let reviewId = '';

  async function call(
    token: string,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    url: string,
    payload?: object,
  ) {
    const res = await env.app.inject({
      method,
      url,
      headers: bearer(token),
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
    return { status: res.statusCode, body: res.json() };
  }
  async function ok(token: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object) {
    const res = await call(token, method, url, payload);
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    return res.body;
  }
  async function ticket(priority: string): Promise<string> {
    return (
      await ok(agent, 'POST', '/api/v1/tickets', {
        customerId: fx.customerId,
        title: `${priority} ticket`,
        priority,
      })
    ).id as string;
  }
  const event = (id: string, payload: object) => ok(agent, 'POST', `/api/v1/tickets/${id}/events`, payload);

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    fx = await seedTicketFixture(env);
    admin = await env.token('admin');
    manager = await env.token('manager');
    agent = await env.token('agent');
    smtp = await recordingSmtpServer();
    const user = await ok(admin, 'POST', '/api/v1/users', {
      email: 'Lea@Provider.example',
      name: 'Lea',
      role: 'manager',
    });
    owner = { id: user.id as string, email: 'lea@provider.example' };
    // The office SLA covers the first customer, so a review's snapshot holds that customer's reports.
    await env.store.db
      .insertInto('sla_version_customers')
      .values({ sla_id: fx.slaId, version: fx.slaVersion, customer_id: fx.customerId })
      .execute();
    await ok(admin, 'POST', '/api/v1/notification-channels', {
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
  });
  afterAll(async () => {
    await env?.close();
    await smtp?.close();
  });

  it('records why a ticket missed a target, shows it on the ticket and counts it', async () => {
    // Monday 08:00 Berlin. P1: first response 30 min, resolution 4 h of office time; P3: first response 4 h.
    env.clock.set(TEST_START);
    breachedTicket = await ticket('P1');
    metTicket = await ticket('P3');
    env.clock.set(TEST_START + 30 * MINUTE_MS);
    await event(metTicket, { type: 'reply', author: 'agent', public: true });
    env.clock.set(TEST_START + HOUR_MS);
    await event(breachedTicket, { type: 'reply', author: 'agent', public: true });
    env.clock.set(TEST_START + 5 * HOUR_MS);
    await event(breachedTicket, { type: 'resolved' });

    const categories = await ok(agent, 'GET', '/api/v1/breach-reasons');
    expect(categories.items.map((c: { code: string }) => c.code)).toEqual([
      'waiting_on_vendor',
      'understaffed',
      'wrong_priority',
      'misrouted',
      'customer_unreachable',
      'other',
    ]);

    const recorded = await ok(agent, 'PUT', `/api/v1/tickets/${breachedTicket}/breach-reasons/resolution`, {
      reason: 'waiting_on_vendor',
      note: 'Hoster needed 3 hours to swap the disk',
    });
    expect(recorded).toMatchObject({
      target: 'resolution',
      reason: 'waiting_on_vendor',
      label: { en: 'Waiting on vendor' },
    });
    await ok(agent, 'PUT', `/api/v1/tickets/${breachedTicket}/breach-reasons/first_response`, {
      reason: 'understaffed',
    });
    // Recording again replaces the reason of that target.
    await ok(agent, 'PUT', `/api/v1/tickets/${breachedTicket}/breach-reasons/first_response`, {
      reason: 'misrouted',
    });

    const refused = await call(agent, 'PUT', `/api/v1/tickets/${metTicket}/breach-reasons/first_response`, {
      reason: 'other',
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('TICKET_TARGET_NOT_BREACHED');
    const unknown = await call(agent, 'PUT', `/api/v1/tickets/${breachedTicket}/breach-reasons/resolution`, {
      reason: 'bad_luck',
    });
    expect(unknown.body.code).toBe('BREACH_REASON_UNKNOWN');

    const detail = await ok(agent, 'GET', `/api/v1/tickets/${breachedTicket}`);
    expect(detail.breachReasons.map((r: { target: string; reason: string }) => [r.target, r.reason])).toEqual(
      [
        ['first_response', 'misrouted'],
        ['resolution', 'waiting_on_vendor'],
      ],
    );
    const viewer = await env.token('customer', fx.customerId);
    const seen = await ok(viewer, 'GET', `/api/v1/tickets/${breachedTicket}`);
    expect(seen.breachReasons[1]).toMatchObject({ reason: 'waiting_on_vendor', note: null });

    const counts = await ok(agent, 'GET', `/api/v1/breach-reasons/counts?customer=${fx.customerId}`);
    const byReason = Object.fromEntries(
      counts.items.map((c: { reason: string; count: number }) => [c.reason, c.count]),
    );
    expect(byReason).toMatchObject({ waiting_on_vendor: 1, misrouted: 1, understaffed: 0, other: 0 });
    const none = await ok(agent, 'GET', `/api/v1/breach-reasons/counts?customer=${fx.otherCustomerId}`);
    expect(none.items.every((c: { count: number }) => c.count === 0)).toBe(true);

    // What the customer report joins to its list of breaches.
    const forReport = await env.ctx.storage.reviews.breachReasonsOf([breachedTicket, metTicket]);
    expect(forReport.map((r) => `${r.target}:${r.reason}`)).toEqual([
      'first_response:misrouted',
      'resolution:waiting_on_vendor',
    ]);

    const audit = await ok(admin, 'GET', `/api/v1/audit?entityType=ticket&entityId=${breachedTicket}`);
    expect(
      audit.items.filter((e: { action: string }) => e.action === 'ticket.breach_reason.recorded'),
    ).toHaveLength(3);
  });

  it('lets managers change the list of categories, but not remove one in use', async () => {
    const current = (await ok(agent, 'GET', '/api/v1/breach-reasons')).items as {
      code: string;
      active: boolean;
    }[];
    const withoutVendor = current.filter((c) => c.code !== 'waiting_on_vendor');
    expect((await call(agent, 'PUT', '/api/v1/breach-reasons', { items: current })).status).toBe(403);
    const removed = await call(manager, 'PUT', '/api/v1/breach-reasons', { items: withoutVendor });
    expect(removed.status).toBe(409);
    expect(removed.body.code).toBe('BREACH_REASON_IN_USE');
    const changed = await ok(manager, 'PUT', '/api/v1/breach-reasons', {
      items: [
        ...current.map((c) => (c.code === 'understaffed' ? { ...c, active: false } : c)),
        { code: 'change_freeze', label: { de: 'Änderungssperre', en: 'Change freeze' } },
      ],
    });
    expect(changed.items.at(-1)).toEqual({
      code: 'change_freeze',
      label: { de: 'Änderungssperre', en: 'Change freeze' },
      active: true,
    });
    const inactive = await call(
      agent,
      'PUT',
      `/api/v1/tickets/${breachedTicket}/breach-reasons/first_response`,
      { reason: 'understaffed' },
    );
    expect(inactive.body.code).toBe('BREACH_REASON_UNKNOWN');
  });

  it('records a review with the report snapshot and the actions agreed, and moves the next review date', async () => {
    await ok(manager, 'PATCH', `/api/v1/slas/${fx.slaId}`, { ownerUserId: owner.id });
    env.clock.set(t('2026-03-05T10:00:00Z'));
    // Version 2 was activated on 2026-03-02 with a 12-month interval.
    const before = await ok(agent, 'GET', '/api/v1/reviews/due');
    expect(before.reviews).toEqual([]);
    expect(
      (
        await call(agent, 'POST', '/api/v1/reviews', {
          slaId: fx.slaId,
          date: '2026-03-05',
          participants: ['x'],
          periodFrom: '2026-03',
          periodTo: '2026-03',
        })
      ).status,
    ).toBe(403);
    const bad = await call(manager, 'POST', '/api/v1/reviews', {
      slaId: fx.slaId,
      date: '2026-03-05',
      participants: ['x'],
      periodFrom: '2026-03',
      periodTo: '2026-02',
    });
    expect(bad.body.code).toBe('REVIEW_INVALID');

    const review = await ok(manager, 'POST', '/api/v1/reviews', {
      slaId: fx.slaId,
      date: '2026-03-05',
      participants: ['Lea (provider)', 'Frau Maier (customer)'],
      periodFrom: '2026-02',
      periodTo: '2026-03',
      findings: 'P1 resolution missed once: vendor delay.',
      decisions: 'Shorten the review interval to 6 months.',
      actions: [{ title: 'Second disk supplier', ownerUserId: owner.id, dueDate: '2026-03-20' }],
    });
    reviewId = review.id as string;
    expect(
      review.snapshot.reports.map((r: { customerId: string; month: string }) => [r.customerId, r.month]),
    ).toEqual([
      [fx.customerId, '2026-02'],
      [fx.customerId, '2026-03'],
    ]);
    const march = review.snapshot.reports[1].report;
    expect(march.customer.name).toBe('Kanzlei Maier');
    expect(march.figures.breaches.map((b: { ticketId: string }) => b.ticketId)).toContain(breachedTicket);
    expect(review.actions).toHaveLength(1);
    expect(review.actions[0].links).toEqual([{ kind: 'review', id: reviewId }]);

    const done = await ok(agent, 'GET', `/api/v1/reviews?status=done&sla=${fx.slaId}`);
    expect(done.items).toHaveLength(1);
    expect(done.items[0]).toMatchObject({ status: 'done', date: '2026-03-05', review: { id: reviewId } });
    expect((await ok(agent, 'GET', `/api/v1/reviews?customer=${fx.otherCustomerId}`)).items).toEqual([]);

    // 2026-03-05 + 12 months = 2027-03-05: due 30 days before, overdue after.
    const ours = (body: { reviews: { slaId: string }[] }) => body.reviews.filter((r) => r.slaId === fx.slaId);
    env.clock.set(t('2027-02-02T10:00:00Z'));
    expect(ours(await ok(agent, 'GET', '/api/v1/reviews/due'))).toEqual([]);
    env.clock.set(t('2027-02-03T10:00:00Z'));
    const due = ours(await ok(agent, 'GET', '/api/v1/reviews/due'));
    expect(due).toHaveLength(1);
    expect(due[0]).toMatchObject({
      slaId: fx.slaId,
      state: 'due',
      nextReviewDate: '2027-03-05',
      lastReviewDate: '2026-03-05',
      ownerUserId: owner.id,
    });
    env.clock.set(t('2027-03-06T10:00:00Z'));
    const overdue = await ok(agent, 'GET', `/api/v1/reviews?status=overdue&customer=${fx.customerId}`);
    expect(overdue.items).toEqual([
      expect.objectContaining({ status: 'overdue', slaId: fx.slaId, date: '2027-03-05', review: null }),
    ]);
    env.clock.set(t('2026-03-05T11:00:00Z'));
  });

  it("drafts the SLA's next version from a review and shows the diff", async () => {
    const drafted = await ok(manager, 'POST', `/api/v1/reviews/${reviewId}/draft`, {
      terms: { reviewIntervalMonths: 6 },
    });
    expect(drafted.draftVersion).toBe(3);
    expect(drafted.draft).toMatchObject({ version: 3, status: 'draft', basedOn: 2 });
    expect(drafted.draft.changes.map((c: { text: string }) => c.text)).toContain(
      'Review interval: 12 months → 6 months',
    );
    const again = await call(manager, 'POST', `/api/v1/reviews/${reviewId}/draft`, {});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('REVIEW_DRAFT_EXISTS');
    const read = await ok(agent, 'GET', `/api/v1/reviews/${reviewId}`);
    expect(read.draft.version).toBe(3);
    const version = await ok(manager, 'GET', `/api/v1/slas/${fx.slaId}/versions/3`);
    expect(version.status).toBe('draft');
  });

  it('closes an action with its verdict and measures the figure before and after', async () => {
    const action = await ok(agent, 'POST', '/api/v1/actions', {
      title: 'Escalate vendor tickets after 1 h',
      ownerUserId: owner.id,
      dueDate: '2026-03-31',
      links: [
        { kind: 'ticket', id: breachedTicket },
        { kind: 'service', id: fx.serviceId },
        { kind: 'review', id: reviewId },
      ],
      metric: { kind: 'resolution_compliance', priority: 'P1', customerId: fx.customerId },
    });
    expect(action).toMatchObject({ status: 'open', overdue: false, metric: { windowDays: 30 } });
    const missing = await call(agent, 'POST', '/api/v1/actions', {
      title: 'x',
      links: [{ kind: 'outage', id: 'nope' }],
    });
    expect(missing.body.code).toBe('ACTION_LINK_NOT_FOUND');
    expect(
      (await ok(agent, 'GET', `/api/v1/actions?ticket=${breachedTicket}`)).items.map(
        (a: { id: string }) => a.id,
      ),
    ).toEqual([action.id]);

    env.clock.set(t('2026-03-06T10:00:00Z'));
    const noVerdict = await call(agent, 'PATCH', `/api/v1/actions/${action.id}`, { status: 'done' });
    expect(noVerdict.body.code).toBe('ACTION_INVALID');
    const closed = await ok(agent, 'PATCH', `/api/v1/actions/${action.id}`, {
      status: 'done',
      helped: 'yes',
    });
    // The 30 days before the action hold the one P1 ticket, resolved late: 0 %. Nothing after the closure yet.
    expect(closed).toMatchObject({ status: 'done', helped: 'yes', closedAt: '2026-03-06T10:00:00Z' });
    expect(closed.measurement.before).toEqual({
      from: '2026-02-03T11:00:00Z',
      to: '2026-03-05T11:00:00Z',
      value: 0,
    });
    expect(closed.measurement.after).toBeNull();

    // Monday 09:00 Berlin: a P1 ticket answered and resolved within its targets.
    env.clock.set(t('2026-03-09T08:00:00Z'));
    const quick = await ticket('P1');
    env.clock.set(t('2026-03-09T08:10:00Z'));
    await event(quick, { type: 'reply', author: 'agent', public: true });
    await event(quick, { type: 'resolved' });
    env.clock.set(t('2026-03-11T10:00:00Z'));
    const measured = await ok(agent, 'POST', `/api/v1/actions/${action.id}/measure`);
    // Five days have passed since the closure: both windows are five days long.
    expect(measured.measurement.before).toEqual({
      from: '2026-02-28T11:00:00Z',
      to: '2026-03-05T11:00:00Z',
      value: 0,
    });
    expect(measured.measurement.after).toEqual({
      from: '2026-03-06T10:00:00Z',
      to: '2026-03-11T10:00:00Z',
      value: 1,
    });

    // Not before the 30 days after the closure have passed; then once, over the whole window on both sides.
    expect(await measureFinishedActions(env.ctx, t('2026-04-05T09:59:00Z'))).toBe(0);
    env.clock.set(t('2026-04-05T10:00:00Z'));
    expect(await measureFinishedActions(env.ctx, t('2026-04-05T10:00:00Z'))).toBe(1);
    expect(await measureFinishedActions(env.ctx, t('2026-04-05T11:00:00Z'))).toBe(0);
    const settled = await ok(agent, 'GET', `/api/v1/actions/${action.id}`);
    expect(settled.measurement.before).toEqual({
      from: '2026-02-03T11:00:00Z',
      to: '2026-03-05T11:00:00Z',
      value: 0,
    });
    expect(settled.measurement.after).toEqual({
      from: '2026-03-06T10:00:00Z',
      to: '2026-04-05T10:00:00Z',
      value: 1,
    });

    const reopened = await ok(agent, 'PATCH', `/api/v1/actions/${action.id}`, { status: 'in_progress' });
    expect(reopened).toMatchObject({ helped: null, measurement: null, closedAt: null });
    const audit = await ok(admin, 'GET', `/api/v1/audit?entityType=improvement_action&entityId=${action.id}`);
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining([
        'improvement_action.created',
        'improvement_action.updated',
        'improvement_action.measured',
      ]),
    );
  });

  it('reminds owners of overdue actions and due reviews by e-mail, once a day', async () => {
    const settings: EscalationSettings = { publicUrl: 'https://pledge.example' };
    // The review's action was due on 2026-03-20.
    env.clock.set(t('2026-03-21T06:00:00Z'));
    const overdue = await ok(agent, 'GET', '/api/v1/actions?overdue=true');
    expect(overdue.items.map((a: { title: string }) => a.title)).toEqual(['Second disk supplier']);
    expect((await ok(agent, 'GET', '/api/v1/reviews/due')).actions).toHaveLength(1);

    const now = env.clock.now();
    expect(await remindOverdueActions(env.ctx, now, settings)).toEqual({ queued: 1, skipped: 0 });
    expect(await remindOverdueActions(env.ctx, now + HOUR_MS, settings)).toEqual({ queued: 0, skipped: 0 });
    expect((await remindDueReviews(env.ctx, now, settings)).queued).toBe(0);

    env.clock.set(t('2027-02-20T06:00:00Z'));
    const later = env.clock.now();
    // The second SLA of the fixture is due as well, but has no owner to remind.
    expect(await remindDueReviews(env.ctx, later, settings)).toEqual({ queued: 1, skipped: 1 });
    expect((await remindDueReviews(env.ctx, later + 2 * HOUR_MS, settings)).queued).toBe(0);
    expect((await remindDueReviews(env.ctx, later + DAY_MS, settings)).queued).toBe(1);

    const outbox = new OutboxSender({ ctx: env.ctx, owner: 'worker-1', settings, concurrency: 50 });
    env.clock.set(later + DAY_MS);
    expect(await outbox.tick()).toBe(3);
    const subjects = smtp.mails.map((m) => [m.envelopeTo.join(','), m.mail.subject]);
    expect(subjects).toEqual(
      expect.arrayContaining([
        [owner.email, '[Pledge] Action overdue: Second disk supplier'],
        [owner.email, '[Pledge] SLA review due: Standard support'],
      ]),
    );
    expect(smtp.mails.find((m) => m.mail.subject?.includes('review'))?.mail.text).toMatch(
      /Due on:\s+2027-03-05/,
    );

    // The worker's hourly job: a new day brings one more mail per owner; the next hour brings none.
    let pokes = 0;
    const job = reviewRemindersJob({ ctx: env.ctx, settings, onQueued: () => pokes++ });
    await job.run(later + 2 * DAY_MS);
    expect(pokes).toBe(1);
    await job.run(later + 2 * DAY_MS + HOUR_MS);
    expect(pokes).toBe(1);
    env.clock.set(later + 2 * DAY_MS + HOUR_MS);
    // That day's review reminder, and one for each overdue action: the reopened one was due on 2026-03-31.
    expect(await outbox.tick()).toBe(3);
    expect(smtp.mails.at(-1)?.envelopeTo).toEqual([owner.email]);
  });
});
