import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TWENTY_FOUR_SEVEN, compiledCalendar } from '../../src/app/catalog/calendar-cache.ts';
import { matchSla } from '../../src/app/slas/assignment.ts';
import { resolveSlaForTicket } from '../../src/app/slas/assignment.use-cases.ts';
import { clockTargetsFor } from '../../src/app/slas/clock-targets.ts';
import type { AssignmentRule, SlaVersion } from '../../src/app/slas/slas.repository.ts';
import type { BusinessCalendar } from '../../src/domain/calendars/business-calendar.ts';
import { computeClocks } from '../../src/domain/sla-clock/sla-clock.ts';
import { HOUR_MS, MINUTE_MS, parseInstant } from '../../src/domain/shared/time.ts';
import { insertCalendar, insertService } from '../support/db-fixtures.ts';
import { bearer, createTestEnv, DIALECTS, type TestEnv } from '../support/harness.ts';

const rule = (
  slaId: string,
  fields: Partial<Pick<AssignmentRule, 'customerId' | 'serviceId' | 'priority' | 'ticketType'>> = {},
) => ({
  customerId: null,
  serviceId: null,
  priority: null,
  ticketType: null,
  ...fields,
  slaId,
});

describe('matchSla', () => {
  const rules = [
    rule('gold-p1', { customerId: 'maier', priority: 'P1' }),
    rule('gold', { customerId: 'maier' }),
    rule('changes', { ticketType: 'change' }),
    rule('mail', { serviceId: 'mail', priority: 'P2' }),
    rule('standard'),
  ];
  const ticket = { customerId: 'maier', serviceId: null, priority: 'P1', ticketType: 'incident' };

  it('gives the SLA of the first rule whose set fields all match', () => {
    expect(matchSla(rules, ticket)).toBe('gold-p1');
    expect(matchSla(rules, { ...ticket, priority: 'P3' })).toBe('gold');
    expect(matchSla(rules, { ...ticket, customerId: 'ost', ticketType: 'change' })).toBe('changes');
    expect(
      matchSla(rules, { customerId: 'ost', serviceId: 'mail', priority: 'P2', ticketType: 'incident' }),
    ).toBe('mail');
  });

  it('falls through to the default, and gives nothing without one', () => {
    expect(
      matchSla(rules, { customerId: 'ost', serviceId: 'erp', priority: 'P4', ticketType: 'incident' }),
    ).toBe('standard');
    expect(
      matchSla(rules.slice(0, -1), { customerId: 'ost', serviceId: null, priority: null, ticketType: null }),
    ).toBeUndefined();
    expect(matchSla([], ticket)).toBeUndefined();
  });

  it('does not let a ticket without a value match a rule that asks for one', () => {
    expect(
      matchSla([rule('mail', { serviceId: 'mail' })], {
        customerId: 'x',
        serviceId: null,
        priority: 'P1',
        ticketType: 'incident',
      }),
    ).toBeUndefined();
  });
});

const BERLIN_OFFICE = {
  timeZone: 'Europe/Berlin',
  hours: {
    mon: ['08:00-18:00'],
    tue: ['08:00-18:00'],
    wed: ['08:00-18:00'],
    thu: ['08:00-18:00'],
    fri: ['08:00-18:00'],
  },
  holidayRegions: ['DE-BY'],
};

for (const dialect of DIALECTS) {
  describe(`assignment rules and clock targets (${dialect})`, () => {
    let env: TestEnv;
    let manager: string;
    let maierId: string;
    let ostId: string;
    let mailId: string;
    let officeId: string;
    let alwaysId: string;
    const slaIds: Record<string, string> = {};

    const call = (
      method: 'GET' | 'POST' | 'PUT' | 'PATCH',
      url: string,
      payload?: object,
      headers: Record<string, string> = {},
      token = manager,
    ) =>
      env.app.inject({
        method,
        url,
        headers: { ...bearer(token), ...headers },
        ...(payload ? { payload } : {}),
      });

    async function sla(name: string, body: object, activate: boolean): Promise<string> {
      const created = await call('POST', '/api/v1/slas', { name, ...body });
      expect(created.statusCode).toBe(201);
      const id = created.json().id as string;
      if (activate)
        expect(
          (await call('POST', `/api/v1/slas/${id}/versions/1/activate`, undefined, { 'if-match': '"1"' }))
            .statusCode,
        ).toBe(200);
      slaIds[name] = id;
      return id;
    }

    beforeAll(async () => {
      env = await createTestEnv(dialect);
      manager = await env.token('manager');
      maierId = (await call('POST', '/api/v1/customers', { name: 'Kanzlei Maier' })).json().id;
      ostId = (await call('POST', '/api/v1/customers', { name: 'Zahnarzt Ost' })).json().id;
      mailId = await insertService(env, 'Mail');
      officeId = await insertCalendar(env, 'Office hours Munich', BERLIN_OFFICE);
      alwaysId = await insertCalendar(env, '24/7 Berlin', { timeZone: 'Europe/Berlin' });
      const terms = {
        targets: {
          P1: {
            firstResponse: { duration: 'PT1H', calendarId: alwaysId },
            resolution: { duration: 'PT4H', calendarId: alwaysId },
          },
          P2: {
            firstResponse: { duration: 'PT4H', calendarId: officeId },
            resolution: { duration: 'PT16H', calendarId: officeId },
          },
        },
        pauseStatuses: ['waiting for customer'],
        warnings: [0.5, 0.75],
      };
      await sla('Gold', { customerIds: [maierId], terms }, true);
      await sla('Premium P1', { customerIds: [maierId], terms }, false);
      await sla('Mail', { terms }, true);
      await sla('Ost only', { customerIds: [ostId], terms }, true);
      await sla('Standard', { terms }, true);
    });
    afterAll(async () => {
      await env?.close();
    });

    it('replaces the ordered rule list at once and answers it with an ETag', async () => {
      const empty = await call('GET', '/api/v1/assignment-rules');
      expect(empty.json()).toEqual({ revision: 0, rules: [] });
      expect(empty.headers.etag).toBe('"0"');
      const rules = [
        { customerId: maierId, priority: 'P1', slaId: slaIds['Premium P1'] },
        { customerId: maierId, slaId: slaIds['Gold'] },
        { serviceId: mailId, slaId: slaIds['Mail'] },
        { ticketType: 'service_request', slaId: slaIds['Ost only'] },
        { slaId: slaIds['Standard'] },
      ];
      const put = await call('PUT', '/api/v1/assignment-rules', { rules }, { 'if-match': '"0"' });
      expect(put.statusCode).toBe(200);
      expect(put.headers.etag).toBe('"1"');
      const listed = (await call('GET', '/api/v1/assignment-rules')).json();
      expect(listed.revision).toBe(1);
      expect(listed.rules.map((r: { position: number; slaId: string }) => [r.position, r.slaId])).toEqual(
        rules.map((r, i) => [i, r.slaId]),
      );
      expect(listed.rules[4]).toMatchObject({
        customerId: null,
        serviceId: null,
        priority: null,
        ticketType: null,
      });

      const stale = await call('PUT', '/api/v1/assignment-rules', { rules: [] }, { 'if-match': '"0"' });
      expect(stale.statusCode).toBe(412);
      expect(stale.json().code).toBe('REVISION_MISMATCH');

      const audit = (await call('GET', '/api/v1/audit?entityType=assignment_rules')).json().items;
      expect(audit[0]).toMatchObject({ action: 'assignment_rules.replaced' });
      expect(audit[0].changes.rules[1]).toHaveLength(5);
    });

    it('refuses rule lists with a misplaced default or unknown references, keeping the old list', async () => {
      const cases: [object[], string][] = [
        [
          [{ slaId: slaIds['Standard'] }, { customerId: maierId, slaId: slaIds['Gold'] }],
          'ASSIGNMENT_RULE_INVALID',
        ],
        [
          [
            { customerId: maierId, slaId: slaIds['Gold'] },
            { customerId: maierId, slaId: slaIds['Mail'] },
          ],
          'ASSIGNMENT_RULE_INVALID',
        ],
        [[{ slaId: 'no-such-sla' }], 'SLA_UNKNOWN'],
        [[{ customerId: 'no-such-customer', slaId: slaIds['Gold'] }], 'SLA_CUSTOMER_UNKNOWN'],
        [[{ serviceId: 'no-such-service', slaId: slaIds['Gold'] }], 'SLA_SERVICE_UNKNOWN'],
        [[{ priority: 'P7', slaId: slaIds['Gold'] }], 'PRIORITY_UNKNOWN'],
        [[{ slaId: slaIds['Gold'], colour: 'red' }], 'VALIDATION_FAILED'],
      ];
      for (const [rules, code] of cases) {
        const res = await call('PUT', '/api/v1/assignment-rules', { rules });
        expect({ status: res.statusCode, code: res.json().code }).toEqual({ status: 400, code });
      }
      const listed = (await call('GET', '/api/v1/assignment-rules')).json();
      expect(listed.revision).toBe(1);
      expect(listed.rules).toHaveLength(5);

      const archive = await call('PATCH', `/api/v1/slas/${slaIds['Gold']}`, { archived: true });
      expect(archive.statusCode).toBe(409);
      expect(archive.json().code).toBe('SLA_IN_USE');
    });

    it('lets agents read the rules but only managers change them; customer viewers see neither', async () => {
      const agent = await env.token('agent');
      expect((await call('GET', '/api/v1/assignment-rules', undefined, {}, agent)).statusCode).toBe(200);
      expect((await call('PUT', '/api/v1/assignment-rules', { rules: [] }, {}, agent)).statusCode).toBe(403);
      const viewer = await env.token('customer', maierId);
      expect((await call('GET', '/api/v1/assignment-rules', undefined, {}, viewer)).statusCode).toBe(403);
    });

    it('resolves the active version of the first matching SLA that is in force and covers the customer', async () => {
      const facts = { customerId: maierId, serviceId: null, priority: 'P1', ticketType: 'incident' };
      // "Premium P1" matches first but has no active version: the next rule gives Gold.
      const gold = await resolveSlaForTicket(env.ctx, facts);
      expect(gold?.slaId).toBe(slaIds['Gold']);
      expect(gold?.version).toMatchObject({ version: 1, status: 'active' });

      await call('POST', `/api/v1/slas/${slaIds['Premium P1']}/versions/1/activate`, undefined, {
        'if-match': '"1"',
      });
      expect((await resolveSlaForTicket(env.ctx, facts))?.slaId).toBe(slaIds['Premium P1']);
      expect((await resolveSlaForTicket(env.ctx, { ...facts, priority: 'P3' }))?.slaId).toBe(slaIds['Gold']);
      expect(
        (await resolveSlaForTicket(env.ctx, { ...facts, customerId: ostId, serviceId: mailId }))?.slaId,
      ).toBe(slaIds['Mail']);
      expect(
        (await resolveSlaForTicket(env.ctx, { ...facts, customerId: ostId, ticketType: 'service_request' }))
          ?.slaId,
      ).toBe(slaIds['Ost only']);
      // "Ost only" covers Zahnarzt Ost alone: a third customer's service request falls through to Standard.
      const third = (await call('POST', '/api/v1/customers', { name: 'Bäckerei Huber' })).json().id as string;
      expect(
        (await resolveSlaForTicket(env.ctx, { ...facts, customerId: third, ticketType: 'service_request' }))
          ?.slaId,
      ).toBe(slaIds['Standard']);

      // A new version of Gold takes over for new tickets once active.
      const base = `/api/v1/slas/${slaIds['Gold']}/versions`;
      await call('POST', base, { terms: { targets: { P3: { resolution: { duration: 'PT24H' } } } } });
      expect((await resolveSlaForTicket(env.ctx, { ...facts, priority: 'P3' }))?.version.version).toBe(1);
      await call('POST', `${base}/2/activate`, undefined, { 'if-match': '"1"' });
      expect((await resolveSlaForTicket(env.ctx, { ...facts, priority: 'P3' }))?.version.version).toBe(2);

      await call('POST', `/api/v1/slas/${slaIds['Standard']}/versions/1/retire`, undefined, {
        'if-match': '"2"',
      });
      expect(
        await resolveSlaForTicket(env.ctx, { ...facts, customerId: third, ticketType: 'incident' }),
      ).toBeUndefined();
    });

    it('gives clockTargetsFor the targets of a priority on their calendars: P1 around the clock, P2 in office hours', async () => {
      const version = (await env.ctx.storage.slas.findVersion(slaIds['Mail'] as string, 1)) as SlaVersion;
      const calendarOf = (id: string | null): BusinessCalendar => {
        if (id === null) return TWENTY_FOUR_SEVEN;
        const found = calendarsById.get(id);
        if (!found) throw new Error(`calendar ${id} not loaded`);
        return found;
      };
      const calendarsById = new Map(
        (await env.ctx.storage.catalog.listCalendars()).map((c) => [c.id, compiledCalendar(c)]),
      );

      const p1 = clockTargetsFor(version, 'P1', calendarOf);
      expect(p1.map((t) => [t.id, t.metric, t.durationMs])).toEqual([
        ['first_response', 'first_response', HOUR_MS],
        ['resolution', 'resolution', 4 * HOUR_MS],
      ]);
      expect(p1[0]?.pauseStatuses).toEqual(['waiting for customer']);
      expect(p1[0]?.warnings).toEqual([0.5, 0.75]);
      expect(clockTargetsFor(version, 'P4', calendarOf)).toEqual([]);

      // Friday 17:30 in Munich: P1 counts through the night, P2 stops at 18:00 and resumes on Monday 08:00.
      const created = parseInstant('2026-03-06T17:30:00+01:00');
      const events = [{ at: created, type: 'created' as const, status: 'new' }];
      const [p1Response] = computeClocks({ events, now: created + 10 * MINUTE_MS, targets: p1 });
      expect(p1Response?.dueAt).toBe(parseInstant('2026-03-06T18:30:00+01:00'));
      const p2 = clockTargetsFor(version, 'P2', calendarOf);
      const [p2Response, p2Resolution] = computeClocks({
        events,
        now: created + 10 * MINUTE_MS,
        targets: p2,
      });
      expect(p2Response?.dueAt).toBe(parseInstant('2026-03-09T11:30:00+01:00'));
      expect(p2Resolution?.dueAt).toBe(parseInstant('2026-03-10T13:30:00+01:00'));
    });
  });
}
