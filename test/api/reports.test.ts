// The monthly customer report through the API: ticket compliance and times from stored clocks, availability
// and credits from a manual monitor's outage, in JSON, CSV and a printable German page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR_MS, MINUTE_MS } from '../../src/domain/shared/time.ts';
import { bearer, createTestEnv, DIALECTS, type TestEnv } from '../support/harness.ts';
import { officeTerms, seedTicketFixture, type TicketFixture } from '../support/ticket-fixtures.ts';

const t = (iso: string): number => Date.parse(iso);

describe.each(DIALECTS)('customer report on %s', (dialect) => {
  let env: TestEnv;
  let fx: TicketFixture;
  let admin: string;
  let agent: string;
  let monitorId: string;

  async function at<T>(iso: string, action: () => Promise<T>): Promise<T> {
    env.clock.set(t(iso));
    return action();
  }
  async function createTicket(title: string, priority: string): Promise<string> {
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/tickets',
      headers: bearer(agent),
      payload: { customerId: fx.customerId, title, priority },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  }
  async function event(id: string, payload: Record<string, unknown>): Promise<void> {
    const res = await env.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${id}/events`,
      headers: bearer(agent),
      payload,
    });
    expect(res.statusCode, res.body).toBeLessThan(300);
  }
  const reply = (id: string) => event(id, { type: 'reply', author: 'agent', public: true });
  const resolve = (id: string) => event(id, { type: 'resolved' });
  async function setMonitor(status: 'up' | 'down'): Promise<void> {
    const res = await env.app.inject({
      method: 'POST',
      url: `/api/v1/monitors/${monitorId}/status`,
      headers: bearer(agent),
      payload: { status },
    });
    expect(res.statusCode, res.body).toBe(200);
  }

  beforeAll(async () => {
    env = await createTestEnv(dialect);
    fx = await seedTicketFixture(env);
    admin = await env.token('admin');
    agent = await env.token('agent');
    // The office SLA gets an availability target for the service (around the clock) and a credit table.
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
        }),
      })
      .where('sla_id', '=', fx.slaId)
      .where('version', '=', fx.slaVersion)
      .execute();

    // Berlin office hours are 07:00–16:00 UTC until summer time starts on 29 March.
    await at('2026-03-02T07:00:00Z', async () => {
      const res = await env.app.inject({
        method: 'POST',
        url: '/api/v1/monitors',
        headers: bearer(admin),
        payload: {
          name: 'Mail checked by hand',
          serviceId: fx.serviceId,
          customerId: fx.customerId,
          definition: { kind: 'manual', failuresToConfirm: 1 },
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      monitorId = res.json().id;
      await setMonitor('up');
    });
    // #1 P2: answered after 30 min, resolved after 2 h.
    const one = await at('2026-03-03T07:00:00Z', () => createTicket('Mailbox full', 'P2'));
    await at('2026-03-03T07:30:00Z', () => reply(one));
    await at('2026-03-03T09:00:00Z', () => resolve(one));
    // #2 P2: answered after 15 min; resolution due after 8 office hours (15:00 UTC) but resolved the next day
    // at 09:00 UTC: 9 h + 2 h = 11 h counted, 26 h on the calendar.
    const two = await at('2026-03-04T07:00:00Z', () => createTicket('Calendar sync broken', 'P2'));
    await at('2026-03-04T07:15:00Z', () => reply(two));
    await at('2026-03-05T09:00:00Z', () => resolve(two));
    // #3 P1: answered after 10 min, resolved after 1 h.
    const three = await at('2026-03-09T07:00:00Z', () => createTicket('No mail at all', 'P1'));
    await at('2026-03-09T07:10:00Z', () => reply(three));
    await at('2026-03-09T08:00:00Z', () => resolve(three));
    // Four hours of outage.
    await at('2026-03-10T10:00:00Z', () => setMonitor('down'));
    await at('2026-03-10T14:00:00Z', () => setMonitor('up'));
    // #4 P3 on the last day (09:00 Berlin summer time): answered, still open when the month ends.
    const four = await at('2026-03-31T07:00:00Z', () => createTicket('New shared mailbox', 'P3'));
    await at('2026-03-31T07:30:00Z', () => reply(four));
    env.clock.set(t('2026-04-01T06:00:00Z'));
  });
  afterAll(async () => env?.close());

  const get = (url: string, token = admin) => env.app.inject({ method: 'GET', url, headers: bearer(token) });

  it('gives compliance, times, counts, breaches, availability and credits of the month as JSON', async () => {
    const res = await get(`/api/v1/customers/${fx.customerId}/report?month=2026-03&lang=en`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      month: '2026-03',
      from: '2026-02-28T23:00:00Z',
      to: '2026-03-31T22:00:00Z',
      lang: 'en',
      sla: { id: fx.slaId, version: 2 },
    });
    expect(body.compliance).toEqual([
      {
        priority: 'P1',
        metric: 'first_response',
        met: 1,
        breached: 0,
        compliance: 1,
        goal: 0.95,
        achieved: true,
      },
      {
        priority: 'P1',
        metric: 'resolution',
        met: 1,
        breached: 0,
        compliance: 1,
        goal: 0.95,
        achieved: true,
      },
      {
        priority: 'P2',
        metric: 'first_response',
        met: 2,
        breached: 0,
        compliance: 1,
        goal: 0.95,
        achieved: true,
      },
      {
        priority: 'P2',
        metric: 'resolution',
        met: 1,
        breached: 1,
        compliance: 0.5,
        goal: 0.95,
        achieved: false,
      },
      {
        priority: 'P3',
        metric: 'first_response',
        met: 1,
        breached: 0,
        compliance: 1,
        goal: 0.95,
        achieved: true,
      },
    ]);
    const time = (priority: string, metric: string) =>
      body.times.find(
        (r: { priority: string; metric: string }) => r.priority === priority && r.metric === metric,
      );
    // 30 min and 15 min: mean 22.5 min, 90th percentile (nearest rank, 2nd of 2) 30 min.
    expect(time('P2', 'first_response')).toEqual({
      priority: 'P2',
      metric: 'first_response',
      count: 2,
      meanBusinessMs: 22.5 * MINUTE_MS,
      p90BusinessMs: 30 * MINUTE_MS,
      meanCalendarMs: 22.5 * MINUTE_MS,
      p90CalendarMs: 30 * MINUTE_MS,
    });
    // 2 h and 11 h counted; 2 h and 26 h on the calendar.
    expect(time('P2', 'resolution')).toMatchObject({
      count: 2,
      meanBusinessMs: 6.5 * HOUR_MS,
      p90BusinessMs: 11 * HOUR_MS,
      meanCalendarMs: 14 * HOUR_MS,
      p90CalendarMs: 26 * HOUR_MS,
    });
    // All priorities: 1 h, 2 h, 11 h counted.
    expect(time('all', 'resolution')).toMatchObject({
      count: 3,
      meanBusinessMs: (14 * HOUR_MS) / 3,
      p90BusinessMs: 11 * HOUR_MS,
    });
    expect(body.counts).toEqual({ opened: 4, resolved: 3, backlog: 1 });
    expect(body.breaches).toEqual([
      expect.objectContaining({
        title: 'Calendar sync broken',
        priority: 'P2',
        metric: 'resolution',
        dueAt: '2026-03-04T15:00:00Z',
        breachedAt: '2026-03-04T15:00:00Z',
        stoppedAt: '2026-03-05T09:00:00Z',
      }),
    ]);

    expect(body.availability).toHaveLength(1);
    const mail = body.availability[0];
    expect(mail).toMatchObject({
      serviceId: fx.serviceId,
      name: 'E-Mail',
      target: 0.995,
      achieved: false,
      downMs: 4 * HOUR_MS,
      outages: 1,
    });
    // The same figure the availability endpoint gives for the customer's month.
    const figure = (
      await get(`/api/v1/services/${fx.serviceId}/availability?month=2026-03&customerId=${fx.customerId}`)
    ).json();
    expect(mail.availability).toBe(figure.figures.availability);
    expect(mail.availability).toBeGreaterThanOrEqual(0.99);
    expect(mail.availability).toBeLessThan(0.995);
    // Under 99.5 % but not under 99 %: the 5 % step.
    expect(body.credits).toEqual([
      { serviceId: fx.serviceId, name: 'E-Mail', availability: mail.availability, creditPercent: 5 },
    ]);
    expect(body.summary).toMatch(
      /^All targets met except availability of E-Mail: 99\.\d+ % against 99\.5 %; resolution of P2 tickets: 50 % against 95 %\.$/,
    );
    expect(body.summaries.de).toContain('Lösung der P2-Tickets 50 % (Ziel 95 %)');
  });

  it('writes each table as a CSV section with a header row and plain numbers', async () => {
    const res = await get(`/api/v1/customers/${fx.customerId}/report.csv?month=2026-03`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.body.split('\r\n');
    // Commas separate; a semicolon appears only inside the quoted summary text.
    expect(lines.filter((l) => l.includes(';') && !l.startsWith('Kanzlei Maier,'))).toEqual([]);
    const after = (name: string): string[] => lines.slice(lines.indexOf(name) + 1);
    expect(after('compliance').slice(0, 2)).toEqual([
      'priority,metric,met,breached,compliance,goal,achieved',
      'P1,first_response,1,0,1,0.95,true',
    ]);
    expect(after('compliance')).toContain('P2,resolution,1,1,0.5,0.95,false');
    expect(after('counts').slice(0, 2)).toEqual(['opened,resolved,backlog', '4,3,1']);
    expect(after('breaches')[1]).toMatch(
      /^[0-9a-f-]+,\d+,Calendar sync broken,P2,resolution,2026-03-04T15:00:00Z,2026-03-04T15:00:00Z,2026-03-05T09:00:00Z$/,
    );
    expect(after('availability')[1]).toContain(`${fx.serviceId},E-Mail,0.995,0.99`);
    expect(after('credits')[1]).toMatch(new RegExp(`^${fx.serviceId},E-Mail,0\\.99\\d*,5$`));
    expect(after('times')[0]).toBe(
      'priority,metric,count,mean_business_ms,p90_business_ms,mean_calendar_ms,p90_calendar_ms',
    );
  });

  it("renders a printable page in the customer's language with the summary on top", async () => {
    const res = await get(`/api/v1/customers/${fx.customerId}/report.html?month=2026-03`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const html = res.body;
    expect(html).toContain('<html lang="de">');
    expect(html).not.toContain('<script');
    const summary = /<p class="summary">([^<]*)<\/p>/.exec(html)?.[1] ?? '';
    expect(summary).toMatch(
      /^Alle Ziele erreicht außer: Verfügbarkeit von E-Mail 99,\d+ % \(Ziel 99,5 %\); Lösung der P2-Tickets 50 % \(Ziel 95 %\)\.$/,
    );
    expect(html.indexOf('class="summary"')).toBeLessThan(html.indexOf('<table'));
    for (const heading of [
      'Verfügbarkeit',
      'Einhaltung der Ticket-Ziele',
      'Reaktions- und Lösungszeiten',
      'Zielverletzungen',
      'Gutschriften',
    ])
      expect(html).toContain(`<h2>${heading}</h2>`);
    expect(html).toContain('#');
    expect(html).toContain('Calendar sync broken');
    const english = await get(`/api/v1/customers/${fx.customerId}/report.html?month=2026-03&lang=en`);
    expect(english.body).toContain('<html lang="en">');
  });

  it('shows a customer viewer its own report only, and refuses a bad month', async () => {
    const viewer = await env.token('customer', fx.customerId);
    expect((await get(`/api/v1/customers/${fx.customerId}/report?month=2026-03`, viewer)).statusCode).toBe(
      200,
    );
    expect(
      (await get(`/api/v1/customers/${fx.otherCustomerId}/report?month=2026-03`, viewer)).statusCode,
    ).toBe(404);
    const bad = await get(`/api/v1/customers/${fx.customerId}/report?month=2026-13`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('PERIOD_INVALID');
    // The other customer has no tickets and no services: nothing was measured.
    const empty = (await get(`/api/v1/customers/${fx.otherCustomerId}/report?month=2026-03&lang=en`)).json();
    expect(empty.summary).toBe('No target was measured in this period.');
    expect(empty.counts).toEqual({ opened: 0, resolved: 0, backlog: 0 });
  });
});
