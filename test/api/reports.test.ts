// The monthly customer report through the API: ticket compliance and times from stored clocks, availability
// and credits from a manual monitor's outage, in JSON, CSV and a printable German page.
import { PDFParse } from 'pdf-parse';
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
    // The agent records why #2 missed its resolution target, with an internal note.
    await at('2026-03-05T09:30:00Z', async () => {
      const res = await env.app.inject({
        method: 'PUT',
        url: `/api/v1/tickets/${two}/breach-reasons/resolution`,
        headers: bearer(agent),
        payload: { reason: 'waiting_on_vendor', note: 'Vendor hotline closed overnight' },
      });
      expect(res.statusCode, res.body).toBe(200);
    });
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
        reason: {
          code: 'waiting_on_vendor',
          label: 'Waiting on vendor',
          labels: { de: 'Warten auf Lieferanten', en: 'Waiting on vendor' },
        },
      }),
    ]);
    // The note is internal: not in the report unless staff ask for it.
    expect(body.breaches[0]).not.toHaveProperty('note');
    // One breach, its reason recorded: nothing counts as "no reason recorded".
    expect(body.breachReasons).toEqual([
      {
        reason: 'waiting_on_vendor',
        label: 'Waiting on vendor',
        labels: { de: 'Warten auf Lieferanten', en: 'Waiting on vendor' },
        count: 1,
      },
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
      /^[0-9a-f-]+,\d+,Calendar sync broken,P2,resolution,2026-03-04T15:00:00Z,2026-03-04T15:00:00Z,2026-03-05T09:00:00Z,waiting_on_vendor,Warten auf Lieferanten,$/,
    );
    expect(after('breach_reasons').slice(0, 2)).toEqual([
      'reason,label,count',
      'waiting_on_vendor,Warten auf Lieferanten,1',
    ]);
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
    expect(html).toContain('Zeitraum: März 2026');
    // Availability and compliance are grouped under the SLA that covers them.
    expect(html).toContain('<h2>SLA: Standard support (v2)</h2>');
    for (const heading of ['Verfügbarkeit', 'Einhaltung der Ticket-Ziele'])
      expect(html).toContain(`<h3>${heading}</h3>`);
    for (const heading of ['Reaktions- und Lösungszeiten', 'Zielverletzungen', 'Gutschriften', 'Entwicklung'])
      expect(html).toContain(`<h2>${heading}</h2>`);
    // The trend: one column per month, an inline sparkline per figure.
    expect(html).toContain(
      '<th>Dezember 2025</th><th>Januar 2026</th><th>Februar 2026</th><th>März 2026</th>',
    );
    expect(html).toMatch(
      /<tr><td>Eröffnet<\/td><td>0<\/td><td>0<\/td><td>0<\/td><td>4<\/td><td><svg class="spark"/,
    );
    expect(html).toContain('#');
    expect(html).toContain('Calendar sync broken');
    const english = await get(`/api/v1/customers/${fx.customerId}/report.html?month=2026-03&lang=en`);
    expect(english.body).toContain('<html lang="en">');
  });

  it('shows the staff note on a breach reason to staff who ask, never to the customer', async () => {
    const url = `/api/v1/customers/${fx.customerId}/report?month=2026-03&notes=true`;
    const staff = (await get(url, agent)).json();
    expect(staff.breaches[0]).toMatchObject({
      reason: { code: 'waiting_on_vendor' },
      note: 'Vendor hotline closed overnight',
    });
    const viewer = await env.token('customer', fx.customerId);
    const customer = (await get(url, viewer)).json();
    expect(customer.breaches[0].reason.code).toBe('waiting_on_vendor');
    expect(customer.breaches[0]).not.toHaveProperty('note');
    expect(customer.breachReasons).toEqual(staff.breachReasons);

    const csv = (await get(`/api/v1/customers/${fx.customerId}/report.csv?month=2026-03&notes=true`)).body;
    expect(csv).toContain(',waiting_on_vendor,Warten auf Lieferanten,Vendor hotline closed overnight');
    const page = (await get(`/api/v1/customers/${fx.customerId}/report.html?month=2026-03&lang=en`)).body;
    expect(page).toContain('<td>Waiting on vendor</td>');
    expect(page).toContain('<h3>Breaches by reason</h3>');
    expect(page).toContain('<tr><td>Waiting on vendor</td><td>1</td></tr>');
    expect(page).not.toContain('Vendor hotline');
    const noted = (await get(`/api/v1/customers/${fx.customerId}/report.html?month=2026-03&notes=true`)).body;
    expect(noted).toContain('<th>Notiz (intern)</th>');
    expect(noted).toContain('<td>Vendor hotline closed overnight</td>');
    const viewerPage = (
      await get(`/api/v1/customers/${fx.customerId}/report.html?month=2026-03&notes=true`, viewer)
    ).body;
    expect(viewerPage).not.toContain('Vendor hotline');
  });

  it('prints the breach reasons and their counts in the PDF', async () => {
    const res = await get(`/api/v1/customers/${fx.customerId}/report.pdf?month=2026-03`);
    expect(res.statusCode).toBe(200);
    const parser = new PDFParse({ data: new Uint8Array(res.rawPayload) });
    try {
      const text = (await parser.getText()).text.replace(/\s+/g, ' ');
      expect(text).toContain('Zielverletzungen nach Grund');
      expect(text).toMatch(/Warten auf Lieferanten 1/);
      expect(text).not.toContain('Vendor hotline');
    } finally {
      await parser.destroy();
    }
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

  it('reports a quarter, a year and a range of dates, naming the period', async () => {
    const quarter = (await get(`/api/v1/customers/${fx.customerId}/report?period=2026-Q1&lang=en`)).json();
    // Q1 in Berlin: from local midnight on 1 January (23:00 UTC) to local midnight on 1 April (22:00 UTC).
    expect(quarter.period).toEqual({
      kind: 'quarter',
      key: '2026-Q1',
      from: '2025-12-31T23:00:00Z',
      to: '2026-03-31T22:00:00Z',
      label: 'Q1 2026 (January – March)',
      labels: { en: 'Q1 2026 (January – March)', de: '1. Quartal 2026 (Januar – März)' },
    });
    expect(quarter.month).toBeNull();
    // Everything happened in March, so the quarter holds March's tickets.
    expect(quarter.counts).toEqual({ opened: 4, resolved: 3, backlog: 1 });
    expect(quarter.trend.periods.map((p: { key: string }) => p.key)).toEqual([
      '2025-Q2',
      '2025-Q3',
      '2025-Q4',
      '2026-Q1',
    ]);
    const year = (await get(`/api/v1/customers/${fx.customerId}/report?period=2026`)).json();
    expect(year.period).toMatchObject({ kind: 'year', key: '2026', label: 'Jahr 2026' });
    // 1–4 March as dates in Berlin, both days included: #1 (3 March) and #2 (4 March, resolved 5 March).
    const range = (
      await get(`/api/v1/customers/${fx.customerId}/report?from=2026-03-01&to=2026-03-04&lang=en`)
    ).json();
    expect(range.period).toMatchObject({
      kind: 'range',
      from: '2026-02-28T23:00:00Z',
      to: '2026-03-04T23:00:00Z',
      label: '1 March 2026 – 4 March 2026',
    });
    // #2's resolution was due on 4 March: breached in the range; its resolution on 5 March is outside it.
    expect(range.counts).toEqual({ opened: 2, resolved: 1, backlog: 1 });
    expect(range.compliance).toContainEqual(
      expect.objectContaining({ priority: 'P2', metric: 'resolution', met: 1, breached: 1 }),
    );
    const both = await get(`/api/v1/customers/${fx.customerId}/report?period=2026-03&month=2026-03`);
    expect(both.statusCode).toBe(400);
    expect(both.json().code).toBe('PERIOD_INVALID');
    expect((await get(`/api/v1/customers/${fx.customerId}/report?period=2026-Q5`)).json().code).toBe(
      'PERIOD_INVALID',
    );
  });

  it('shows the trend of the three months before and the figures per SLA', async () => {
    const body = (await get(`/api/v1/customers/${fx.customerId}/report?month=2026-03&lang=en`)).json();
    expect(body.trend.periods.map((p: { label: string }) => p.label)).toEqual([
      'December 2025',
      'January 2026',
      'February 2026',
      'March 2026',
    ]);
    expect(body.trend.counts).toEqual({
      opened: [0, 0, 0, 4],
      resolved: [0, 0, 0, 3],
      backlog: [0, 0, 0, 1],
    });
    expect(body.trend.compliance).toContainEqual({
      priority: 'P2',
      metric: 'resolution',
      goal: 0.95,
      values: [null, null, null, 0.5],
    });
    // The monitor exists since 2 March: no figure for the months before.
    expect(body.trend.availability).toEqual([
      {
        serviceId: fx.serviceId,
        name: 'E-Mail',
        target: 0.995,
        values: [null, null, null, body.availability[0].availability],
      },
    ]);
    expect(body.slas).toHaveLength(1);
    expect(body.slas[0]).toMatchObject({
      sla: { id: fx.slaId, name: 'Standard support', version: 2 },
      complianceGoal: 0.95,
      counts: { opened: 4, resolved: 3, backlog: 1 },
      breaches: 1,
    });
    expect(body.slas[0].compliance).toEqual(body.compliance);
    expect(body.slas[0].availability).toEqual(body.availability);

    const csv = (await get(`/api/v1/customers/${fx.customerId}/report.csv?month=2026-03`)).body.split('\r\n');
    const after = (name: string): string[] => csv.slice(csv.indexOf(name) + 1);
    expect(after('trend_counts').slice(0, 4)).toEqual([
      'figure,2025-12,2026-01,2026-02,2026-03',
      'opened,0,0,0,4',
      'resolved,0,0,0,3',
      'backlog,0,0,0,1',
    ]);
    expect(after('trend_compliance')).toContain('P2,resolution,0.95,,,,0.5');
    expect(after('sla_compliance')).toContain(
      `${fx.slaId},Standard support,P2,resolution,1,1,0.5,0.95,false`,
    );
  });

  it('takes the compliance goal from the SLA', async () => {
    const invalid = await env.app.inject({
      method: 'POST',
      url: '/api/v1/slas',
      headers: bearer(admin),
      payload: { name: 'Too strict', terms: { complianceGoal: 1.5 } },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().code).toBe('SLA_COMPLIANCE_GOAL_INVALID');
    const created = await env.app.inject({
      method: 'POST',
      url: '/api/v1/slas',
      headers: bearer(admin),
      payload: { name: 'Lenient', terms: { complianceGoal: 0.5 } },
    });
    expect(created.statusCode, created.body).toBe(201);
    const lenient = await get(`/api/v1/slas/${created.json().id}/versions/1`);
    expect(lenient.json().terms.complianceGoal).toBe(0.5);

    const version = await env.store.db
      .selectFrom('sla_versions')
      .select('body')
      .where('sla_id', '=', fx.slaId)
      .where('version', '=', fx.slaVersion)
      .executeTakeFirstOrThrow();
    const setGoal = async (body: string) =>
      env.store.db
        .updateTable('sla_versions')
        .set({ body })
        .where('sla_id', '=', fx.slaId)
        .where('version', '=', fx.slaVersion)
        .execute();
    await setGoal(JSON.stringify({ ...JSON.parse(version.body), complianceGoal: 0.5 }));
    try {
      const body = (await get(`/api/v1/customers/${fx.customerId}/report?month=2026-03&lang=en`)).json();
      // 50 % of P2 resolutions in time now meets the goal; only the availability target is missed.
      expect(body.slas[0].complianceGoal).toBe(0.5);
      expect(body.compliance.every((c: { goal: number }) => c.goal === 0.5)).toBe(true);
      expect(body.summary).toMatch(
        /^All targets met except availability of E-Mail: 99\.\d+ % against 99\.5 %\.$/,
      );
    } finally {
      await setGoal(version.body);
    }
  });

  it('issues a closed month once, reissues on request, and lists and serves issued reports', async () => {
    const issue = (payload: Record<string, unknown>, token = admin) =>
      env.app.inject({ method: 'POST', url: '/api/v1/reports', headers: bearer(token), payload });
    expect((await issue({ customerId: fx.customerId, period: '2026-03' }, agent)).statusCode).toBe(403);
    const first = await issue({ customerId: fx.customerId, period: '2026-03', lang: 'en' });
    expect(first.statusCode, first.body).toBe(201);
    const issued = first.json();
    expect(issued).toMatchObject({
      customerId: fx.customerId,
      period: { kind: 'month', key: '2026-03', from: '2026-02-28T23:00:00Z', to: '2026-03-31T22:00:00Z' },
      revision: 1,
      lang: 'en',
      issuedAt: '2026-04-01T06:00:00Z',
      report: { counts: { opened: 4, resolved: 3, backlog: 1 }, period: { label: 'March 2026' } },
    });
    expect(issued.report.summary).toMatch(/^All targets met except/);
    // Asked again: the report already issued, unchanged.
    const again = await issue({ customerId: fx.customerId, period: '2026-03', lang: 'de' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: issued.id, revision: 1, lang: 'en' });
    const reissued = await issue({ customerId: fx.customerId, period: '2026-03', reissue: true });
    expect(reissued.statusCode).toBe(201);
    expect(reissued.json()).toMatchObject({ revision: 2, lang: 'de' });
    // A month still running is stored anew each time, as an interim report.
    const april = [
      await issue({ customerId: fx.customerId, period: '2026-04' }),
      await issue({ customerId: fx.customerId, period: '2026-04' }),
    ];
    expect(april.map((r) => [r.statusCode, r.json().revision])).toEqual([
      [201, 1],
      [201, 2],
    ]);

    const list = (await get(`/api/v1/reports?customerId=${fx.customerId}&period=2026-03`)).json();
    expect(list.total).toBe(2);
    expect(list.items.map((r: { revision: number }) => r.revision).sort()).toEqual([1, 2]);
    expect(list.items[0]).not.toHaveProperty('report');

    const viewer = await env.token('customer', fx.customerId);
    const foreign = await env.token('customer', fx.otherCustomerId);
    expect((await get(`/api/v1/reports`, viewer)).json().total).toBe(4);
    expect((await get(`/api/v1/reports`, foreign)).json().total).toBe(0);
    expect((await get(`/api/v1/reports?customerId=${fx.customerId}`, foreign)).json().total).toBe(0);
    expect((await get(`/api/v1/reports/${issued.id}`, viewer)).statusCode).toBe(200);
    expect((await get(`/api/v1/reports/${issued.id}`, foreign)).statusCode).toBe(404);
    expect((await get(`/api/v1/reports/no-such-report`)).json().code).toBe('REPORT_NOT_FOUND');

    const csv = await get(`/api/v1/reports/${issued.id}.csv`);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toContain('report-2026-03-r1.csv');
    expect(csv.body.split('\r\n')).toContain('opened,0,0,0,4');
    const html = await get(`/api/v1/reports/${issued.id}.html`);
    expect(html.body).toContain('<html lang="en">');
    expect(html.body).toContain('Period: March 2026');
    expect(html.body).toMatch(/Issued: 1 Apr 2026, 08:00 \(revision 1\)/);

    const audit = await env.store.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', issued.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['report.issued']);
  });

  it('shows what changed since a report was issued, and why', async () => {
    const list = (await get(`/api/v1/reports?customerId=${fx.customerId}&period=2026-03`)).json();
    const id = list.items.find((r: { revision: number }) => r.revision === 1).id as string;
    const unchanged = (await get(`/api/v1/reports/${id}/diff`)).json();
    expect(unchanged).toMatchObject({
      id,
      changed: false,
      differences: [],
      lateTickets: [],
      slaChanged: false,
    });

    // On 2 April a manager records that #4 was in fact resolved on 31 March.
    const four = (
      await get(`/api/v1/tickets?customerId=${fx.customerId}&q=${encodeURIComponent('New shared mailbox')}`)
    ).json().items[0];
    env.clock.set(t('2026-04-02T08:00:00Z'));
    const late = await env.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${four.id}/events`,
      headers: bearer(admin),
      payload: { type: 'resolved', at: '2026-03-31T09:00:00Z' },
    });
    expect(late.statusCode, late.body).toBeLessThan(300);
    const diff = (await get(`/api/v1/reports/${id}/diff`)).json();
    expect(diff).toMatchObject({ changed: true, lateTickets: [four.number], slaChanged: false });
    expect(diff.recomputedAt).toBe('2026-04-02T08:00:00Z');
    expect(diff.differences).toEqual(
      expect.arrayContaining([
        { figure: 'counts.resolved', old: 3, new: 4, reason: 'late_events' },
        { figure: 'counts.backlog', old: 1, new: 0, reason: 'late_events' },
        { figure: 'compliance.P3.resolution.met', old: null, new: 1, reason: 'late_events' },
      ]),
    );
    // The issued report itself stays as it was.
    expect((await get(`/api/v1/reports/${id}`)).json().report.counts).toEqual({
      opened: 4,
      resolved: 3,
      backlog: 1,
    });
  });

  it('answers simultaneous first issues of a closed period with one stored report', async () => {
    const issue = () =>
      env.app.inject({
        method: 'POST',
        url: '/api/v1/reports',
        headers: bearer(admin),
        payload: { customerId: fx.customerId, period: '2026-02' },
      });
    const answers = await Promise.all([issue(), issue(), issue()]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 200, 201]);
    const ids = new Set(answers.map((r) => r.json().id as string));
    expect(ids.size).toBe(1);
    const stored = await env.store.db
      .selectFrom('issued_reports')
      .select(['id', 'revision'])
      .where('customer_id', '=', fx.customerId)
      .where('period_key', '=', '2026-02')
      .execute();
    expect(stored).toEqual([{ id: [...ids][0], revision: 1 }]);

    // The storage side of the race: a second row for a taken revision is refused without an error, and the
    // transaction it ran in stays usable (PostgreSQL aborts a transaction on a failed statement).
    const winner = await env.ctx.storage.reports.findIssued([...ids][0] as string);
    if (!winner) throw new Error('the issued report is missing');
    const after = await env.ctx.storage.transaction(async (repos) => {
      const inserted = await repos.reports.insertIssued({ ...winner, id: 'a-second-first-issue' });
      return { inserted, latest: (await repos.reports.latestIssued(fx.customerId, '2026-02'))?.id };
    });
    expect(after).toEqual({ inserted: false, latest: winner.id });
  });
});
