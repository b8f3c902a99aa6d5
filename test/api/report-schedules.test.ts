// Report schedules through the API, on both dialects and the TestClock: writing and reading them with their
// validation and customer scoping; the delivery job on the last day of a month, on a public holiday that is the
// 1st, on the first working day, run again, after a restart and on two workers at once; a quarterly schedule;
// "send now"; and the mail delivered to a real SMTP server on loopback, its PDF read back with a PDF parser.
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EscalationSettings } from '../../src/app/escalation/channels.ts';
import { reportCsv } from '../../src/http/routes/reports-csv.ts';
import { MINUTE_MS } from '../../src/domain/shared/time.ts';
import { OutboxSender } from '../../src/workers/outbox-sender.ts';
import { reportDeliveryJob } from '../../src/workers/report-delivery.job.ts';
import { recordingSmtpServer, type RecordingSmtpServer } from '../channels/servers.ts';
import { bearer, createTestEnv, DIALECTS, type TestEnv } from '../support/harness.ts';
import { insertCustomer, seedTicketFixture } from '../support/ticket-fixtures.ts';

const t = (iso: string): number => Date.parse(iso);

/** Monday to Friday 08:00–17:00 in Berlin with Germany's public holidays. */
const GERMAN_OFFICE = {
  name: 'Office Germany',
  timeZone: 'Europe/Berlin',
  hours: {
    mon: ['08:00-17:00'],
    tue: ['08:00-17:00'],
    wed: ['08:00-17:00'],
    thu: ['08:00-17:00'],
    fri: ['08:00-17:00'],
  },
  holidayRegions: ['DE'],
};

async function pdfText(bytes: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    return (await parser.getText()).text.replace(/\s+/g, ' ');
  } finally {
    await parser.destroy();
  }
}

describe.each(DIALECTS)('report schedules (%s)', (dialect) => {
  let env: TestEnv;
  let admin: string;
  let manager: string;
  let agent: string;
  let viewer: string;
  let foreignViewer: string;
  let smtp: RecordingSmtpServer;
  let customerId = '';
  let otherCustomerId = '';
  let calendarId = '';
  let reportContact = '';
  let otherContact = '';
  let staffUser = '';
  let viewerUser = '';
  let monthlyId = '';
  let quarterlyId = '';
  const settings: EscalationSettings = { publicUrl: 'https://pledge.example' };
  const formatters = { csv: reportCsv };

  async function call(
    token: string,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: object,
  ) {
    const res = await env.app.inject({
      method,
      url,
      headers: bearer(token),
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
    return { status: res.statusCode, body: res.body === '' ? null : res.json() };
  }
  async function ok(
    token: string,
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: object,
  ) {
    const res = await call(token, method, url, payload);
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    return res.body;
  }
  /** The report mails in the outbox of one schedule, oldest first. */
  async function outbox(scheduleId: string): Promise<{ key: string; recipient: string }[]> {
    const rows = await env.store.db
      .selectFrom('notifications')
      .select(['idempotency_key', 'recipient'])
      .where('idempotency_key', 'like', `report:${scheduleId}:%`)
      .orderBy('idempotency_key')
      .execute();
    return rows.map((r) => ({ key: r.idempotency_key, recipient: r.recipient }));
  }
  const job = () => reportDeliveryJob({ ctx: env.ctx, settings, formatters });
  async function runAt(iso: string, run = job()): Promise<void> {
    env.clock.set(t(iso));
    await run.run(t(iso));
  }

  beforeAll(async () => {
    env = await createTestEnv(dialect, t('2026-12-10T09:00:00Z'));
    admin = await env.token('admin');
    manager = await env.token('manager');
    agent = await env.token('agent');
    smtp = await recordingSmtpServer();
    customerId = await insertCustomer(env, 'Muster Logistik GmbH');
    otherCustomerId = await insertCustomer(env, 'Andere AG');
    viewer = await env.token('customer', customerId);
    foreignViewer = await env.token('customer', otherCustomerId);
    calendarId = (await ok(manager, 'POST', '/api/v1/calendars', { definition: GERMAN_OFFICE })).id as string;
    const contact = (id: string, body: object) =>
      ok(manager, 'POST', `/api/v1/customers/${id}/contacts`, body);
    reportContact = (
      await contact(customerId, { name: 'Rita Report', email: 'Rita@Muster.example', role: 'Report' })
    ).id as string;
    await contact(customerId, { name: 'Carl Flag', email: 'carl@muster.example', receivesReports: true });
    await contact(customerId, { name: 'No Mail', role: 'report' });
    await contact(customerId, { name: 'Ida Ops', email: 'ida@muster.example', role: 'IT contact' });
    otherContact = (
      await contact(otherCustomerId, { name: 'Bea', email: 'bea@andere.example', role: 'report' })
    ).id as string;
    staffUser = (
      await ok(admin, 'POST', '/api/v1/users', {
        email: 'Lea@Provider.example',
        name: 'Lea',
        role: 'manager',
      })
    ).id as string;
    viewerUser = (
      await ok(admin, 'POST', '/api/v1/users', {
        email: 'view@muster.example',
        name: 'Viewer',
        role: 'customer',
        customerId,
      })
    ).id as string;
    await ok(admin, 'POST', '/api/v1/notification-channels', {
      id: 'mail',
      name: 'Mail',
      kind: 'email',
      config: { host: '127.0.0.1', port: smtp.port, from: 'Pledge <pledge@provider.example>' },
    });
  });
  afterAll(async () => {
    await env?.close();
    await smtp?.close();
  });

  it('creates a schedule with defaults, validates it and scopes it to its customer', async () => {
    const created = await call(manager, 'POST', '/api/v1/report-schedules', {
      customerId,
      lang: 'de',
      formats: ['pdf', 'csv'],
      recipients: { reportContacts: false, contactRoles: ['report'], userIds: [staffUser] },
      calendarId,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    monthlyId = created.body.id as string;
    expect(created.body).toMatchObject({
      customerId,
      cadence: 'month',
      lang: 'de',
      formats: ['pdf', 'csv'],
      recipients: { reportContacts: false, contactRoles: ['report'], contactIds: [], userIds: [staffUser] },
      effectiveCalendar: { id: calendarId, source: 'schedule' },
      enabled: true,
      // Friday 2027-01-01 is New Year's Day in the calendar: December goes out on Monday 2027-01-04, 07:00 CET.
      nextDelivery: { period: '2026-12', at: '2027-01-04T06:00:00Z' },
      lastPeriod: null,
    });

    const quarterly = await ok(admin, 'POST', '/api/v1/report-schedules', { customerId, cadence: 'quarter' });
    quarterlyId = quarterly.id as string;
    // Defaults: PDF only, the report contacts, and without an SLA calendar Monday to Friday (2027-01-01 is a Friday).
    expect(quarterly).toMatchObject({
      lang: null,
      formats: ['pdf'],
      recipients: { reportContacts: true, contactRoles: [], contactIds: [], userIds: [] },
      calendarId: null,
      effectiveCalendar: { id: null, source: 'weekdays' },
      nextDelivery: { period: '2026-Q4', at: '2027-01-01T06:00:00Z' },
    });

    // A customer under an SLA on office hours: its working days are that calendar's.
    const fx = await seedTicketFixture(env);
    const underSla = await ok(manager, 'POST', '/api/v1/report-schedules', { customerId: fx.customerId });
    expect(underSla.effectiveCalendar).toEqual({ id: fx.calendarId, source: 'sla' });
    expect((await call(manager, 'DELETE', `/api/v1/report-schedules/${underSla.id}`)).status).toBe(204);

    const invalid = async (body: object, field: string) => {
      const res = await call(manager, 'POST', '/api/v1/report-schedules', { customerId, ...body });
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      if (field !== '') expect(res.body.code).toBe('REPORT_SCHEDULE_INVALID');
      if (field !== '') expect(res.body.details?.field).toBe(field);
    };
    await invalid({ recipients: { reportContacts: false } }, 'recipients');
    await invalid({ recipients: { contactIds: [otherContact] } }, 'recipients.contactIds');
    await invalid({ recipients: { userIds: [viewerUser] } }, 'recipients.userIds');
    await invalid({ calendarId: 'no-such-calendar' }, 'calendarId');
    await invalid({ cadence: 'weekly' }, '');
    await invalid({ surprise: true }, '');
    expect((await call(manager, 'POST', '/api/v1/report-schedules', { customerId: 'nobody' })).status).toBe(
      404,
    );

    // Staff read; writing needs a manager.
    expect((await call(agent, 'GET', `/api/v1/report-schedules/${monthlyId}`)).status).toBe(200);
    expect((await call(agent, 'POST', '/api/v1/report-schedules', { customerId })).status).toBe(403);
    expect(
      (await call(agent, 'PATCH', `/api/v1/report-schedules/${monthlyId}`, { enabled: false })).status,
    ).toBe(403);
    // The customer's viewer reads its own; another customer's viewer sees nothing of them.
    expect((await ok(viewer, 'GET', '/api/v1/report-schedules')).items).toHaveLength(2);
    expect((await ok(foreignViewer, 'GET', '/api/v1/report-schedules')).items).toEqual([]);
    expect(
      (await ok(foreignViewer, 'GET', `/api/v1/report-schedules?customerId=${customerId}`)).items,
    ).toEqual([]);
    expect((await call(foreignViewer, 'GET', `/api/v1/report-schedules/${monthlyId}`)).status).toBe(404);
    expect((await call(viewer, 'DELETE', `/api/v1/report-schedules/${monthlyId}`)).status).toBe(403);
    expect((await ok(agent, 'GET', `/api/v1/report-schedules?customerId=${otherCustomerId}`)).items).toEqual(
      [],
    );

    // A change merges recipients field by field and is audited; a deleted schedule is gone.
    const patched = await ok(manager, 'PATCH', `/api/v1/report-schedules/${monthlyId}`, {
      recipients: { contactIds: [reportContact] },
    });
    expect(patched.recipients).toEqual({
      reportContacts: false,
      contactRoles: ['report'],
      contactIds: [reportContact],
      userIds: [staffUser],
    });
    const extra = await ok(manager, 'POST', '/api/v1/report-schedules', { customerId: otherCustomerId });
    expect((await call(manager, 'DELETE', `/api/v1/report-schedules/${extra.id}`)).status).toBe(204);
    expect((await call(manager, 'GET', `/api/v1/report-schedules/${extra.id}`)).status).toBe(404);
    const audited = await env.store.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'report_schedule')
      .execute();
    expect(audited.map((a) => a.action).sort()).toEqual([
      'report_schedule.created',
      'report_schedule.created',
      'report_schedule.created',
      'report_schedule.created',
      'report_schedule.deleted',
      'report_schedule.deleted',
      'report_schedule.updated',
    ]);
  });

  it('delivers on the first working day after the month, once, however often and wherever the job runs', async () => {
    // The last day of the month (23:00 in Berlin): December is not over.
    await runAt('2026-12-31T22:00:00Z');
    expect(await outbox(monthlyId)).toEqual([]);
    // New Year's Day is a Friday and a public holiday in the schedule's calendar: nothing for the monthly one.
    await runAt('2027-01-01T08:00:00Z');
    expect(await outbox(monthlyId)).toEqual([]);
    // The quarterly one counts Monday to Friday without holidays, so its Q4 went out that Friday at 07:00.
    expect((await outbox(quarterlyId)).map((r) => r.recipient)).toEqual(['carl@muster.example']);
    // Monday 2027-01-04, 06:45 in Berlin: too early.
    await runAt('2027-01-04T05:45:00Z');
    expect(await outbox(monthlyId)).toEqual([]);

    await runAt('2027-01-04T06:00:00Z');
    const first = await outbox(monthlyId);
    // The role "report" (any case) and the contact by id are one address; the contact without mail is left out.
    expect(first.map((r) => r.recipient)).toEqual(['lea@provider.example', 'rita@muster.example']);
    expect(first.every((r) => r.key.startsWith(`report:${monthlyId}:2026-12:scheduled:`))).toBe(true);
    expect((await ok(agent, 'GET', `/api/v1/report-schedules/${monthlyId}`)).lastPeriod).toBe('2026-12');

    // Again a quarter of an hour later, after a restart (a new job), and on two workers at once with the
    // "already delivered" mark lost: the outbox keeps one mail per recipient.
    await runAt('2027-01-04T06:15:00Z');
    await env.store.db.updateTable('report_schedules').set({ last_period_key: null }).execute();
    await runAt('2027-01-04T06:30:00Z', job());
    await env.store.db.updateTable('report_schedules').set({ last_period_key: null }).execute();
    env.clock.set(t('2027-01-04T06:45:00Z'));
    await Promise.all([job().run(env.clock.now()), job().run(env.clock.now())]);
    expect(await outbox(monthlyId)).toEqual(first);
    expect((await outbox(quarterlyId)).length).toBe(1);
    // The period was issued once and is stored frozen.
    const issued = await ok(agent, 'GET', `/api/v1/reports?customerId=${customerId}&period=2026-12`);
    expect(issued.items.map((r: { revision: number; lang: string }) => [r.revision, r.lang])).toEqual([
      [1, 'de'],
    ]);

    // February 1st 2027 is a Monday: January goes out; the quarter does not end until March.
    await runAt('2027-02-01T06:05:00Z');
    expect((await outbox(monthlyId)).length).toBe(4);
    expect((await outbox(quarterlyId)).length).toBe(1);
  });

  it('sends a chosen period now without being swallowed by the delivery already made', async () => {
    const res = await call(manager, 'POST', `/api/v1/report-schedules/${monthlyId}/send-now?period=2026-12`);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body).toMatchObject({ period: '2026-12', queued: 2, recipients: 2, skipped: 1 });
    expect((await outbox(monthlyId)).length).toBe(6);
    const open = await call(manager, 'POST', `/api/v1/report-schedules/${monthlyId}/send-now?period=2027-02`);
    expect(open.status).toBe(400);
    expect(open.body.code).toBe('REPORT_PERIOD_OPEN');
    expect(
      (await call(agent, 'POST', `/api/v1/report-schedules/${monthlyId}/send-now?period=2026-12`)).status,
    ).toBe(403);
  });

  it('mails the report with its PDF and CSV to a real SMTP server', async () => {
    const sender = new OutboxSender({ ctx: env.ctx, owner: 'worker-1', settings, concurrency: 50 });
    env.clock.set(env.clock.now() + MINUTE_MS);
    expect(await sender.tick()).toBe(7);
    const december = smtp.mails.filter(
      (m) => m.envelopeTo.includes('rita@muster.example') && m.mail.subject?.includes('Dezember 2026'),
    );
    // The scheduled mail and the one sent now.
    expect(december).toHaveLength(2);
    const keyOf = (m: (typeof december)[number]) => String(m.mail.headers.get('x-pledge-idempotency-key'));
    const mail = december.find((m) => keyOf(m).includes(':scheduled:'))?.mail;
    const sentNow = december.find((m) => keyOf(m).includes(':now-'))?.mail;
    expect(mail?.subject).toBe('[Pledge] SLA-Bericht Dezember 2026: Muster Logistik GmbH');
    expect(mail?.text).toMatch(/Zusammenfassung: /);
    // Both link to the one issued report: the job's public URL, and the server's for "send now".
    const link = /\/api\/v1\/reports\/([\w-]+)\.html/;
    expect(mail?.text).toMatch(/https:\/\/pledge\.example\/api\/v1\/reports\/[\w-]+\.html/);
    expect(sentNow?.text?.match(link)?.[1]).toBe(mail?.text?.match(link)?.[1]);
    expect(mail?.html).toContain('Bericht online ansehen');
    const names = (mail?.attachments ?? []).map((a) => [a.filename, a.contentType]);
    expect(names).toEqual([
      ['report-muster-logistik-gmbh-2026-12-de.pdf', 'application/pdf'],
      ['report-muster-logistik-gmbh-2026-12-de.csv', 'text/csv'],
    ]);
    const pdf = mail?.attachments.find((a) => a.contentType === 'application/pdf');
    const text = await pdfText(pdf?.content as Buffer);
    expect(text).toContain('Muster Logistik GmbH');
    expect(text).toContain('Dezember 2026');
    const csv = mail?.attachments.find((a) => a.contentType === 'text/csv')?.content.toString('utf8') ?? '';
    expect(csv).toContain('Muster Logistik GmbH');
    // The quarterly schedule: the customer's language, the quarter in words, PDF only.
    const quarter = smtp.mails.find((m) => m.envelopeTo.includes('carl@muster.example'))?.mail;
    expect(quarter?.subject).toBe(
      '[Pledge] SLA-Bericht 4. Quartal 2026 (Oktober – Dezember): Muster Logistik GmbH',
    );
    expect(quarter?.attachments.map((a) => a.filename)).toEqual([
      'report-muster-logistik-gmbh-2026-Q4-de.pdf',
    ]);
  });
});
