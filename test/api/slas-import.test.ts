import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOUR_MS } from '../../src/domain/shared/time.ts';
import { insertCalendar, insertService } from '../support/db-fixtures.ts';
import { bearer, createTestEnv, DIALECTS, type TestEnv } from '../support/harness.ts';

const EXAMPLE = readFileSync(new URL('../../examples/sla-managed-workplace.yaml', import.meta.url), 'utf8');

const OFFICE_HOURS = {
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
  describe(`SLA as code: YAML import (${dialect})`, () => {
    let env: TestEnv;
    let manager: string;
    let officeId: string;
    let workplaceId: string;
    let m365Id: string;
    let maierId: string;

    const importYaml = (body: string | object, contentType = 'application/yaml', token = manager) =>
      env.app.inject({
        method: 'POST',
        url: '/api/v1/slas/import',
        headers: { ...bearer(token), ...(typeof body === 'string' ? { 'content-type': contentType } : {}) },
        payload: body,
      });
    const get = (url: string) => env.app.inject({ method: 'GET', url, headers: bearer(manager) });
    const slaCount = async () => (await get('/api/v1/slas?includeArchived=true')).json().total as number;

    beforeAll(async () => {
      env = await createTestEnv(dialect);
      manager = await env.token('manager');
      officeId = await insertCalendar(env, 'Office hours Munich', OFFICE_HOURS);
      workplaceId = await insertService(env, 'Managed Workplace');
      m365Id = await insertService(env, 'Microsoft 365');
      const customer = await env.app.inject({
        method: 'POST',
        url: '/api/v1/customers',
        headers: bearer(manager),
        payload: { name: 'Kanzlei Maier & Partner' },
      });
      maierId = customer.json().id;
    });
    afterAll(async () => {
      await env?.close();
    });

    it('imports the example file, resolving customers, services and calendars by name', async () => {
      const res = await importYaml(EXAMPLE);
      expect(res.statusCode).toBe(200);
      const [item] = res.json().items;
      expect(item).toMatchObject({ name: 'Managed Workplace', version: 1, action: 'created', changes: [] });

      const version = (await get(`/api/v1/slas/${item.slaId}/versions/1`)).json();
      expect(version).toMatchObject({
        status: 'draft',
        effectiveFrom: '2026-02-28T23:00:00Z',
        customerIds: [maierId],
      });
      expect(version.serviceIds).toEqual([workplaceId, m365Id].sort());
      expect(version.terms.targets.P1).toEqual({
        firstResponse: { duration: 'PT1H', durationMs: HOUR_MS, calendarId: null },
        resolution: { duration: 'PT4H', durationMs: 4 * HOUR_MS, calendarId: null },
        update: { duration: 'PT2H', durationMs: 2 * HOUR_MS, calendarId: null },
      });
      expect(version.terms.targets.P3.resolution).toEqual({
        duration: 'PT24H',
        durationMs: 24 * HOUR_MS,
        calendarId: officeId,
      });
      expect(Object.keys(version.terms.targets)).toEqual(['P1', 'P2', 'P3', 'P4']);
      expect(version.terms).toMatchObject({
        pauseStatuses: ['waiting for customer'],
        warnings: [0.5, 0.75],
        availability: [{ serviceId: workplaceId, target: 0.995, calendarId: officeId }],
        reviewIntervalMonths: 12,
        credits: [
          { below: 0.995, creditPercent: 5 },
          { below: 0.99, creditPercent: 10 },
          { below: 0.98, creditPercent: 20 },
        ],
      });
      const sla = (await get(`/api/v1/slas/${item.slaId}`)).json();
      expect(sla.description).toBe('Support of workplaces, Microsoft 365 and the office network.');
    });

    it('changes nothing when the file equals the latest version, and drafts a new version when it differs', async () => {
      const again = (await importYaml(EXAMPLE)).json().items[0];
      expect(again).toMatchObject({ action: 'unchanged', version: 1 });
      const slaId = again.slaId as string;
      expect(
        (
          await env.app.inject({
            method: 'POST',
            url: `/api/v1/slas/${slaId}/versions/1/activate`,
            headers: { ...bearer(manager), 'if-match': '"1"' },
          })
        ).statusCode,
      ).toBe(200);

      const faster = EXAMPLE.replace(
        'resolution: { duration: PT4H, calendar: 24/7 }',
        'resolution: { duration: PT3H, calendar: 24/7 }',
      );
      const created = await importYaml({ yaml: faster });
      expect(created.statusCode).toBe(200);
      expect(created.json().items[0]).toMatchObject({
        action: 'version_created',
        version: 2,
        changes: [{ field: 'targets.P1.resolution', text: 'P1 resolution: PT4H on 24/7 → PT3H on 24/7' }],
      });

      const fastest = faster.replace('PT3H, calendar: 24/7', 'PT2H, calendar: 24/7');
      const updated = (await importYaml(fastest, 'text/plain')).json().items[0];
      expect(updated).toMatchObject({
        action: 'draft_updated',
        version: 2,
        changes: [{ text: 'P1 resolution: PT3H on 24/7 → PT2H on 24/7' }],
      });
      const versions = (await get(`/api/v1/slas/${slaId}/versions`)).json().items;
      expect(versions.map((v: { status: string; revision: number }) => [v.status, v.revision])).toEqual([
        ['active', 2],
        ['draft', 2],
      ]);
      const audit = (await get(`/api/v1/audit?entityId=${slaId}`))
        .json()
        .items.map((e: { action: string }) => e.action);
      expect(audit.slice(0, 2)).toEqual(['sla.version.updated', 'sla.version.created']);
    });

    it('imports several SLAs of one file together, by id or by name', async () => {
      const text = [
        `name: Mail Basic\ncustomers: [${maierId}]\nservices: [Microsoft 365]\ntargets:\n  P2: { resolution: { duration: PT8H, calendar: ${officeId} } }`,
        'name: Network Basic\ncalendar: office hours munich\ntargets:\n  P3: { firstResponse: PT4H }\nwarnings: [0.9]',
      ].join('\n---\n');
      const res = await importYaml(text);
      expect(res.statusCode).toBe(200);
      expect(res.json().items.map((i: { name: string; action: string }) => [i.name, i.action])).toEqual([
        ['Mail Basic', 'created'],
        ['Network Basic', 'created'],
      ]);
      const network = (await get(`/api/v1/slas/${res.json().items[1].slaId}/versions/1`)).json();
      expect(network.terms.targets.P3.firstResponse.calendarId).toBe(officeId);

      // Without effectiveFrom the date is set on activation; importing the same file again is still no change.
      const networkId = res.json().items[1].slaId as string;
      await env.app.inject({
        method: 'POST',
        url: `/api/v1/slas/${networkId}/versions/1/activate`,
        headers: { ...bearer(manager), 'if-match': '"1"' },
      });
      expect((await importYaml(text)).json().items.map((i: { action: string }) => i.action)).toEqual([
        'unchanged',
        'unchanged',
      ]);

      const list = await importYaml('- name: List One\n- name: List Two\n');
      expect(list.json().items.map((i: { action: string }) => i.action)).toEqual(['created', 'created']);
    });

    it('refuses a file with an unknown, ambiguous or invalid part and writes none of its SLAs', async () => {
      await insertCalendar(env, 'Twice', { timeZone: 'Europe/Berlin' });
      await insertCalendar(env, 'twice', { timeZone: 'Europe/Vienna' });
      const before = await slaCount();
      const cases: [string, string][] = [
        [
          'name: A\ncalendar: Night shift Hamburg\ntargets: { P1: { resolution: PT4H } }',
          'SLA_CALENDAR_UNKNOWN',
        ],
        ['name: A\ncustomers: [Nobody GmbH]', 'SLA_CUSTOMER_UNKNOWN'],
        ['name: A\nservices: [Telephony]', 'SLA_SERVICE_UNKNOWN'],
        ['name: A\ncalendar: Twice', 'SLA_IMPORT_AMBIGUOUS'],
        ['name: A\ntargets: { P9: { resolution: PT4H } }', 'PRIORITY_UNKNOWN'],
        ['name: A\ntargets: { P1: { resolution: -PT4H } }', 'DURATION_INVALID'],
        ['name: A\nwarnings: ["150%"]', 'SLA_WARNING_INVALID'],
        ['name: A\nwarnings: [1]', 'SLA_WARNING_INVALID'],
        ['name: A\nreviewIntervalMonths: 0', 'SLA_REVIEW_INTERVAL_INVALID'],
        ['name: A\nowner: nobody@example.test', 'SLA_OWNER_UNKNOWN'],
        ['name: A\ncolour: gold', 'SLA_IMPORT_INVALID'],
        ['name: [unclosed', 'SLA_IMPORT_INVALID'],
        ['just text', 'SLA_IMPORT_INVALID'],
        ['', 'SLA_IMPORT_INVALID'],
        ['name: Good one\n---\nname: Bad one\ntargets: { P1: { resolution: PT0S } }', 'DURATION_INVALID'],
        ['name: Same\n---\nname: same', 'SLA_IMPORT_DUPLICATE'],
        [
          'a: &a [1, 2]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
          'SLA_IMPORT_INVALID',
        ],
      ];
      for (const [yaml, code] of cases) {
        const res = await importYaml(yaml);
        expect({ yaml, status: res.statusCode, code: res.json().code }).toEqual({ yaml, status: 400, code });
      }
      expect(await slaCount()).toBe(before);
      const bad = (
        await importYaml('name: Good one\n---\nname: Bad one\ntargets: { P1: { resolution: PT0S } }')
      ).json();
      expect(bad.detail).toMatch(/^SLA "Bad one": /);
      expect(bad.details).toMatchObject({ sla: 2 });
    });

    it('accepts only YAML, text or JSON bodies, on this route alone, from managers', async () => {
      const xml = await importYaml('<sla/>', 'application/xml');
      expect(xml.statusCode).toBe(415);
      const json = await importYaml({ yaml: 42 });
      expect(json.statusCode).toBe(400);
      const elsewhere = await env.app.inject({
        method: 'POST',
        url: '/api/v1/customers',
        headers: { ...bearer(manager), 'content-type': 'application/yaml' },
        payload: 'name: Via YAML',
      });
      expect(elsewhere.statusCode).toBe(415);
      const agent = await importYaml('name: By an agent', 'application/yaml', await env.token('agent'));
      expect(agent.statusCode).toBe(403);
      const viewer = await importYaml(
        'name: By a customer',
        'application/yaml',
        await env.token('customer', maierId),
      );
      expect(viewer.statusCode).toBe(403);
    });
  });
}
