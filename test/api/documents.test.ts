// Printable documents through the API, their text read back with a PDF parser: the customer report as PDF
// (the figures of the month of test/api/reports.test.ts), the SLA document and the staff quick reference.
import { PDFParse } from 'pdf-parse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPercent } from '../../src/domain/reports/summary.ts';
import { bearer, createTestEnv, DIALECTS, type TestEnv } from '../support/harness.ts';
import {
  changeCalendar,
  officeTerms,
  OFFICE_HOURS,
  seedTicketFixture,
  type TicketFixture,
} from '../support/ticket-fixtures.ts';

const t = (iso: string): number => Date.parse(iso);

/** The text of a PDF with runs of white space (line breaks inside table cells, wrapped lines) as one space. */
async function pdfText(body: Buffer): Promise<{ text: string; pages: number }> {
  const parser = new PDFParse({ data: new Uint8Array(body) });
  try {
    const result = await parser.getText();
    return { text: result.text.replace(/\s+/g, ' '), pages: result.total };
  } finally {
    await parser.destroy();
  }
}

describe.each(DIALECTS)('printable documents on %s', (dialect) => {
  let env: TestEnv;
  let fx: TicketFixture;
  let admin: string;
  let agent: string;
  let monitorId: string;

  async function at<T>(iso: string, action: () => Promise<T>): Promise<T> {
    env.clock.set(t(iso));
    return action();
  }
  async function call(
    method: 'POST' | 'PUT',
    url: string,
    payload: unknown,
    token = admin,
  ): Promise<{ id?: string }> {
    const res = await env.app.inject({
      method,
      url,
      headers: bearer(token),
      payload: payload as Record<string, unknown>,
    });
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.json();
  }
  const createTicket = async (title: string, priority: string): Promise<string> =>
    (await call('POST', '/api/v1/tickets', { customerId: fx.customerId, title, priority }, agent))
      .id as string;
  const event = (id: string, payload: Record<string, unknown>) =>
    call('POST', `/api/v1/tickets/${id}/events`, payload, agent);
  const reply = (id: string) => event(id, { type: 'reply', author: 'agent', public: true });
  const resolve = (id: string) => event(id, { type: 'resolved' });
  const setMonitor = (status: 'up' | 'down') =>
    call('POST', `/api/v1/monitors/${monitorId}/status`, { status }, agent);
  const get = (url: string, token = admin) => env.app.inject({ method: 'GET', url, headers: bearer(token) });

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    fx = await seedTicketFixture(env);
    admin = await env.token('admin');
    agent = await env.token('agent');
    await env.ctx.storage.settings.set(
      'company',
      JSON.stringify({ companyName: 'Systemhaus Nord GmbH', timeZone: 'Europe/Berlin', locale: 'de' }),
    );
    // Bavarian public holidays on the office calendar: the SLA document lists those of 2026.
    await changeCalendar(env, fx.calendarId, { ...OFFICE_HOURS, holidayRegions: ['DE-BY'] });
    await env.store.db
      .updateTable('sla_versions')
      .set({
        body: JSON.stringify({
          ...officeTerms(fx.calendarId),
          availability: [{ serviceId: fx.serviceId, target: 0.995, calendarId: null }],
          credits: [
            { below: 0.995, creditPercent: 5 },
            { below: 0.99, creditPercent: 10 },
          ],
          reviewIntervalMonths: 6,
        }),
      })
      .where('sla_id', '=', fx.slaId)
      .where('version', '=', fx.slaVersion)
      .execute();
    const version = { sla_id: fx.slaId, version: fx.slaVersion };
    await env.store.db
      .insertInto('sla_version_customers')
      .values({ ...version, customer_id: fx.customerId })
      .execute();
    await env.store.db
      .insertInto('sla_version_services')
      .values({ ...version, service_id: fx.serviceId })
      .execute();
    await call('PUT', `/api/v1/services/${fx.serviceId}/impacts/${fx.customerId}`, {
      criticality: 'critical',
      usersAffected: 14,
      maxTolerableDowntimeMinutes: 240,
      notes: 'Fristen laufen per Mail',
    });
    await call('POST', `/api/v1/customers/${fx.customerId}/contacts`, {
      name: 'Dr. Eva Maier',
      role: 'Geschäftsführerin',
      phone: '+49 89 1234-10',
      email: 'eva@kanzlei-maier.example',
      escalationLevel: 2,
    });
    await call('POST', `/api/v1/customers/${fx.customerId}/contacts`, {
      name: 'Tom Berger',
      role: 'IT-Ansprechpartner',
      phone: '+49 89 1234-20',
      escalationLevel: 1,
    });
    await call('POST', '/api/v1/escalation-policies', {
      id: 'standard-resolution',
      name: 'Standard escalation',
      appliesTo: { targets: ['resolution'], priorities: ['P1', 'P2'] },
      levels: [
        { trigger: { kind: 'share', share: 0.75 }, actions: [{ kind: 'notify_assignee' }] },
        {
          trigger: { kind: 'breach' },
          actions: [
            { kind: 'notify_role', role: 'team_lead' },
            { kind: 'notify_customer_contacts', level: 1 },
          ],
        },
        {
          trigger: { kind: 'after_breach', minutes: 30 },
          repeatEveryMinutes: 60,
          maxRepeats: 4,
          actions: [{ kind: 'raise_priority' }],
        },
      ],
      slaIds: [fx.slaId],
    });

    // The month of test/api/reports.test.ts: three answered and resolved tickets, one P2 resolved late,
    // four hours of outage, one ticket open at the end.
    monitorId = (
      await at('2026-03-02T07:00:00Z', () =>
        call('POST', '/api/v1/monitors', {
          name: 'Mail checked by hand',
          serviceId: fx.serviceId,
          customerId: fx.customerId,
          definition: { kind: 'manual', failuresToConfirm: 1 },
        }),
      )
    ).id as string;
    await setMonitor('up');
    const one = await at('2026-03-03T07:00:00Z', () => createTicket('Mailbox full', 'P2'));
    await at('2026-03-03T07:30:00Z', () => reply(one));
    await at('2026-03-03T09:00:00Z', () => resolve(one));
    const two = await at('2026-03-04T07:00:00Z', () => createTicket('Calendar sync broken', 'P2'));
    await at('2026-03-04T07:15:00Z', () => reply(two));
    await at('2026-03-05T09:00:00Z', () => resolve(two));
    const three = await at('2026-03-09T07:00:00Z', () => createTicket('No mail at all', 'P1'));
    await at('2026-03-09T07:10:00Z', () => reply(three));
    await at('2026-03-09T08:00:00Z', () => resolve(three));
    await at('2026-03-10T10:00:00Z', () => setMonitor('down'));
    await at('2026-03-10T14:00:00Z', () => setMonitor('up'));
    const four = await at('2026-03-31T07:00:00Z', () => createTicket('New shared mailbox', 'P3'));
    await at('2026-03-31T07:30:00Z', () => reply(four));
    env.clock.set(t('2026-04-01T06:00:00Z'));
  });
  afterAll(async () => env?.close());

  describe('the customer report as PDF', () => {
    for (const lang of ['en', 'de'] as const) {
      it(`holds the title, customer, period, summary and every figure of the JSON report (${lang})`, async () => {
        const json = (
          await get(`/api/v1/customers/${fx.customerId}/report?month=2026-03&lang=${lang}`)
        ).json();
        const res = await get(`/api/v1/customers/${fx.customerId}/report.pdf?month=2026-03&lang=${lang}`);
        expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
        expect(res.headers['content-type']).toBe('application/pdf');
        expect(res.headers['content-disposition']).toBe(
          `inline; filename="report-kanzlei-maier-2026-03-${lang}.pdf"`,
        );
        expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
        const { text } = await pdfText(res.rawPayload);

        expect(text).toContain(
          lang === 'de' ? 'Servicebericht: Kanzlei Maier' : 'Service report: Kanzlei Maier',
        );
        expect(text).toContain(lang === 'de' ? 'Zeitraum: März 2026' : 'Period: March 2026');
        expect(text).toContain(json.summary);
        // The figures worked out by hand in test/api/reports.test.ts.
        expect(json.counts).toEqual({ opened: 4, resolved: 3, backlog: 1 });
        expect(text).toContain(
          lang === 'de'
            ? 'Eröffnet Gelöst Offen am Ende des Zeitraums 4 3 1'
            : 'Opened Resolved Open at the end of the period 4 3 1',
        );
        expect(text).toContain(
          lang === 'de' ? 'P2 Lösung 1 1 50 % 95 % nein' : 'P2 Resolution 1 1 50 % 95 % no',
        );
        expect(text).toContain('#2 Calendar sync broken');
        const mail = json.availability[0];
        expect(mail.downMs).toBe(4 * 3_600_000);
        const availability = formatPercent(mail.availability, lang, 3);
        // Missed, with four hours of downtime.
        expect(text).toContain(
          `E-Mail ${availability} ${formatPercent(0.995, lang, 3)} ${lang === 'de' ? 'nein 4 Std.' : 'no 4 h'}`,
        );
        expect(text).toContain(`E-Mail ${availability} 5 %`);
        // Every compliance row and every response and resolution time.
        for (const c of json.compliance)
          expect(text).toContain(`${c.met} ${c.breached} ${formatPercent(c.compliance, lang)}`);
        // 30 min and 15 min first responses of P2: mean 23 min (22.5 rounded), P90 30 min.
        expect(text).toMatch(
          lang === 'de'
            ? /P2 Erstreaktion 2 23 min 30 min 23 min 30 min/
            : /P2 First response 2 23 min 30 min 23 min 30 min/,
        );
      });
    }

    it('draws the availability and compliance charts with their labels', async () => {
      const res = await get(`/api/v1/customers/${fx.customerId}/report.pdf?month=2026-03&lang=en`);
      const { text } = await pdfText(res.rawPayload);
      // The chart labels: P2 resolution against its goal, in the compliance chart's categories.
      expect(text).toContain('P2 Resolution');
      expect((text.match(/P2 Resolution/g) ?? []).length).toBeGreaterThanOrEqual(2);
    });

    it("uses the customer's language without lang, and hides a foreign customer's report", async () => {
      const res = await get(`/api/v1/customers/${fx.customerId}/report.pdf?month=2026-03`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-language']).toBe('de');
      const foreign = await env.token('customer', fx.otherCustomerId);
      const denied = await get(`/api/v1/customers/${fx.customerId}/report.pdf?month=2026-03`, foreign);
      expect(denied.statusCode).toBe(404);
      expect(denied.headers['content-type']).toMatch(/^application\/problem\+json/);
      const bad = await get(`/api/v1/customers/${fx.customerId}/report.pdf?month=2026-13`);
      expect(bad.statusCode).toBe(400);
    });
  });

  describe('the SLA document', () => {
    it('states parties, services, hours and holidays, targets, measurement, escalation, review, credits and signatures (de)', async () => {
      const res = await get(`/api/v1/slas/${fx.slaId}/versions/2/document?lang=de`);
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const { text } = await pdfText(res.rawPayload);
      for (const part of [
        'Service-Level-Vereinbarung: Standard support',
        'Version 2 (in Kraft)',
        'Systemhaus Nord GmbH',
        'Kanzlei Maier',
        'E-Mail kritisch 14 4 Std. – Fristen laufen per Mail',
        'Office hours',
        'Mo–Fr 08:00–17:00 (Zeiten in Europe/Berlin)',
        'Feiertage 2026',
        'Gesetzliche Feiertage von DE-BY',
        '06.01.2026 Heilige Drei Könige',
        'P1 Critical 30 min nach Office hours 4 Std. nach Office hours',
        'P2 High 1 Std. nach Office hours 8 Std. nach Office hours',
        'P3 Medium 4 Std. nach Office hours 16 Std. nach Office hours',
        'E-Mail 99,5 % 24/7',
        'Verfügbarkeit = Betriebszeit ÷ (Betriebszeit + Ausfallzeit)',
        'Die Uhr steht, solange ein Ticket den Status „waiting for customer“ hat.',
        'Mitarbeitende werden gewarnt, wenn 50 %, 75 % eines Ziels verbraucht sind.',
        'Standard escalation (Gilt für: Lösung; P1, P2)',
        'Bei 75 % der Zielzeit: die zuständige Person benachrichtigen.',
        'Bei Zielverletzung: die Teamleitung benachrichtigen und die Kundenkontakte der Eskalationsstufe 1 benachrichtigen.',
        '30 min nach der Zielverletzung: die Priorität um eine Stufe erhöhen.',
        // The list's numbers may fall between the words of a long item in the extracted text.
        'Wiederholung alle 60 min, höchstens 4-mal',
        'alle 6 Monate',
        '99,5 % 5 %',
        '99 % 10 %',
        'Unterschriften',
        'Ort, Datum',
      ])
        expect(text).toContain(part);
    });

    it('is written in English on request, and names only the asking viewer among the parties', async () => {
      const res = await get(`/api/v1/slas/${fx.slaId}/versions/2/document?lang=en`);
      const { text } = await pdfText(res.rawPayload);
      for (const part of [
        'Service level agreement: Standard support',
        'Mon–Fri 08:00–17:00',
        'Availability = up-time ÷ (up-time + down-time)',
        "When the target is breached: notify the team lead and notify the customer's contacts at escalation level 1.",
        'every 6 months',
        'E-Mail 99.5 % 24/7',
      ])
        expect(text).toContain(part);
      const viewer = await env.token('customer', fx.customerId);
      const own = await get(`/api/v1/slas/${fx.slaId}/versions/2/document?lang=en`, viewer);
      expect(own.statusCode).toBe(200);
      expect((await pdfText(own.rawPayload)).text).toContain('Kanzlei Maier');
      const foreign = await env.token('customer', fx.otherCustomerId);
      expect((await get(`/api/v1/slas/${fx.slaId}/versions/2/document`, foreign)).statusCode).toBe(404);
      expect((await get(`/api/v1/slas/${fx.slaId}/versions/9/document`)).statusCode).toBe(404);
      const other = await get(
        `/api/v1/slas/${fx.slaId}/versions/2/document?customerId=${fx.otherCustomerId}`,
      );
      expect(other.statusCode).toBe(404);
    });
  });

  describe('the quick reference', () => {
    it('fits one PDF page with coverage, hours, targets, pauses, the escalation path and whom to call', async () => {
      for (const lang of ['de', 'en'] as const) {
        const res = await get(
          `/api/v1/slas/${fx.slaId}/versions/2/quick-reference?format=pdf&lang=${lang}`,
          agent,
        );
        expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
        const { text, pages } = await pdfText(res.rawPayload);
        expect(pages).toBe(1);
        const parts =
          lang === 'de'
            ? [
                'Kurzreferenz: Standard support',
                'E-Mail (kritisch)',
                'Mo–Fr 08:00–17:00',
                'P2 High 1 Std. nach Office hours',
                '„waiting for customer“',
                'Eskalationsweg',
                'Wen anrufen',
                'Kanzlei Maier Tom Berger IT-Ansprechpartner +49 89 1234-20',
              ]
            : [
                'Quick reference: Standard support',
                'E-Mail (critical)',
                'Mon–Fri 08:00–17:00',
                'P2 High 1 h on Office hours',
                '“waiting for customer”',
                'Escalation path',
                'Whom to call',
                'Kanzlei Maier Tom Berger IT-Ansprechpartner +49 89 1234-20',
              ];
        for (const part of parts) expect(text).toContain(part);
        // Level 1 before level 2.
        expect(text.indexOf('Tom Berger')).toBeLessThan(text.indexOf('Dr. Eva Maier'));
      }
    });

    it('is a printable page without script by default, for staff only', async () => {
      const res = await get(`/api/v1/slas/${fx.slaId}/versions/2/quick-reference?lang=en`, agent);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).not.toContain('<script');
      expect(res.body).toContain('<h1>Quick reference: Standard support</h1>');
      expect(res.body).toContain('<td>+49 89 1234-20</td>');
      expect(res.body).toContain('When the target is breached: notify the team lead');
      const viewer = await env.token('customer', fx.customerId);
      expect((await get(`/api/v1/slas/${fx.slaId}/versions/2/quick-reference`, viewer)).statusCode).toBe(403);
    });
  });
});
