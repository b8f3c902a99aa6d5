import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../src/app/ports/system.ts';
import { bearer, createTestEnv, DIALECTS, type TestEnv, twoCustomers } from '../support/harness.ts';

interface Named {
  readonly id: string;
  readonly name: string;
}

for (const dialect of DIALECTS) {
  describe(`services and business impact over HTTP (${dialect})`, () => {
    let env: TestEnv;
    let manager: string;
    let agent: string;
    let viewer: string;
    let own: Named;
    let foreign: Named;
    let mail: Named;
    let erp: Named;
    let dms: Named;
    const events: ChangeEvent[] = [];

    beforeAll(async () => {
      env = await createTestEnv(dialect);
      manager = await env.token('manager');
      agent = await env.token('agent');
      ({ own, foreign } = await twoCustomers(env, manager));
      viewer = await env.token('customer', own.id);
      env.ctx.feed.subscribe((e) => events.push(e));
    });
    afterAll(async () => {
      await env?.close();
    });

    const post = (payload: object, token = manager) =>
      env.app.inject({ method: 'POST', url: '/api/v1/services', headers: bearer(token), payload });
    const put = (serviceId: string, customerId: string, payload: object, token = manager) =>
      env.app.inject({
        method: 'PUT',
        url: `/api/v1/services/${serviceId}/impacts/${customerId}`,
        headers: bearer(token),
        payload,
      });
    const get = (url: string, token = manager) =>
      env.app.inject({ method: 'GET', url, headers: bearer(token) });

    it('builds the service catalog', async () => {
      const res = await post({
        name: 'E-Mail (Exchange Online)',
        description: 'Mailboxes, calendars, shared mailboxes',
        owner: 'Team Workplace',
      });
      expect(res.statusCode).toBe(201);
      mail = res.json();
      expect(mail).toMatchObject({
        name: 'E-Mail (Exchange Online)',
        owner: 'Team Workplace',
        archivedAt: null,
        createdAt: '2026-03-02T07:00:00Z',
      });
      erp = (await post({ name: 'ERP' })).json();
      dms = (await post({ name: 'Document management', owner: '' })).json();
      expect(dms).toMatchObject({ owner: null, description: null });
      expect(events.filter((e) => e.type === 'service.changed')).toHaveLength(3);

      const page = (await get('/api/v1/services', agent)).json();
      expect(page.items.map((s: Named) => s.name)).toEqual([
        'Document management',
        'E-Mail (Exchange Online)',
        'ERP',
      ]);
      expect(page.total).toBe(3);
      expect((await get('/api/v1/services?q=mail', agent)).json().items.map((s: Named) => s.id)).toEqual([
        mail.id,
      ]);
      expect((await get(`/api/v1/services/${erp.id}`, agent)).json().name).toBe('ERP');
    });

    it('changes and archives a service', async () => {
      const renamed = await env.app.inject({
        method: 'PATCH',
        url: `/api/v1/services/${erp.id}`,
        headers: bearer(manager),
        payload: { name: 'ERP (SAP Business One)', owner: 'Team Apps' },
      });
      expect(renamed.statusCode).toBe(200);
      expect(renamed.json()).toMatchObject({ name: 'ERP (SAP Business One)', owner: 'Team Apps' });
      const archived = await env.app.inject({
        method: 'PATCH',
        url: `/api/v1/services/${dms.id}`,
        headers: bearer(manager),
        payload: { archived: true },
      });
      expect(archived.json().archivedAt).toBe('2026-03-02T07:00:00Z');
      expect((await get('/api/v1/services')).json().total).toBe(2);
      expect((await get('/api/v1/services?includeArchived=true')).json().total).toBe(3);
      const audit = (await get(`/api/v1/audit?entityId=${erp.id}`)).json();
      expect(audit.items.map((e: { action: string }) => e.action)).toEqual([
        'service.updated',
        'service.created',
      ]);
      expect(audit.items[0].changes).toEqual({
        name: ['ERP', 'ERP (SAP Business One)'],
        owner: [null, 'Team Apps'],
      });
      const missing = await get('/api/v1/services/nope');
      expect(missing.statusCode).toBe(404);
      expect(missing.json().code).toBe('SERVICE_NOT_FOUND');
    });

    it('records the business impact of a service per customer and replaces it with PUT', async () => {
      const created = await put(mail.id, own.id, {
        criticality: 'critical',
        usersAffected: 25,
        downtimeCostPerHour: 1800,
        maxTolerableDowntimeMinutes: 240,
        notes: 'Deadlines at court run by mail',
      });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toEqual({
        serviceId: mail.id,
        serviceName: 'E-Mail (Exchange Online)',
        customerId: own.id,
        customerName: 'Kanzlei Maier',
        criticality: 'critical',
        usersAffected: 25,
        downtimeCostPerHour: 1800,
        maxTolerableDowntimeMinutes: 240,
        notes: 'Deadlines at court run by mail',
        updatedAt: '2026-03-02T07:00:00Z',
      });
      expect((await put(erp.id, own.id, { criticality: 'medium' })).statusCode).toBe(201);
      expect(
        (
          await put(mail.id, foreign.id, {
            criticality: 'high',
            usersAffected: 8,
            downtimeCostPerHour: 9_000_000_000,
          })
        ).statusCode,
      ).toBe(201);

      env.clock.advance(3_600_000);
      const replaced = await put(erp.id, own.id, { criticality: 'high', usersAffected: 12 });
      expect(replaced.statusCode).toBe(200);
      expect(replaced.json()).toMatchObject({
        criticality: 'high',
        usersAffected: 12,
        downtimeCostPerHour: null,
        updatedAt: '2026-03-02T08:00:00Z',
      });

      const ofMail = (await get(`/api/v1/services/${mail.id}/impacts`, agent)).json().items;
      expect(ofMail.map((i: { customerName: string }) => i.customerName)).toEqual([
        'Kanzlei Maier',
        'Zahnarzt Ost',
      ]);
      expect(ofMail[1].downtimeCostPerHour).toBe(9_000_000_000);
      const ofOwn = (await get(`/api/v1/customers/${own.id}/impacts`, agent)).json().items;
      expect(
        ofOwn.map((i: { serviceName: string; criticality: string }) => [i.serviceName, i.criticality]),
      ).toEqual([
        ['E-Mail (Exchange Online)', 'critical'],
        ['ERP (SAP Business One)', 'high'],
      ]);

      const audit = (await get(`/api/v1/audit?entityId=${erp.id}&entityType=service_impact`)).json();
      expect(audit.items.map((e: { action: string }) => e.action)).toEqual([
        'service_impact.updated',
        'service_impact.created',
      ]);
      expect(audit.items[0].changes).toMatchObject({
        criticality: ['medium', 'high'],
        usersAffected: [null, 12],
      });
      expect(
        events.filter((e) => e.type === 'service_impact.changed' && e.customerId === own.id),
      ).toHaveLength(3);
    });

    it('shows a customer viewer only services with an impact for its customer, and only its own rows', async () => {
      const page = (await get('/api/v1/services', viewer)).json();
      expect(page.items.map((s: Named) => s.id).sort()).toEqual([mail.id, erp.id].sort());
      expect((await put(dms.id, foreign.id, { criticality: 'low' })).statusCode).toBe(201);
      const withArchived = (await get('/api/v1/services?includeArchived=true', viewer)).json();
      expect(withArchived.total).toBe(2);
      const hidden = await get(`/api/v1/services/${dms.id}`, viewer);
      expect(hidden.statusCode).toBe(404);
      expect(hidden.json().code).toBe('SERVICE_NOT_FOUND');
      expect((await get(`/api/v1/services/${dms.id}/impacts`, viewer)).statusCode).toBe(404);
      const rows = (await get(`/api/v1/services/${mail.id}/impacts`, viewer)).json().items;
      expect(rows.map((i: { customerId: string }) => i.customerId)).toEqual([own.id]);
      expect((await get(`/api/v1/customers/${own.id}/impacts`, viewer)).json().items).toHaveLength(2);
      const theirs = await get(`/api/v1/customers/${foreign.id}/impacts`, viewer);
      expect(theirs.statusCode).toBe(404);
      expect(theirs.json().code).toBe('CUSTOMER_NOT_FOUND');
    });

    it('refuses writes by agents and customer viewers', async () => {
      for (const token of [agent, viewer]) {
        expect((await post({ name: 'Nope' }, token)).statusCode).toBe(403);
        const patch = await env.app.inject({
          method: 'PATCH',
          url: `/api/v1/services/${mail.id}`,
          headers: bearer(token),
          payload: { name: 'Nope' },
        });
        expect(patch.statusCode).toBe(403);
        expect((await put(mail.id, own.id, { criticality: 'low' }, token)).statusCode).toBe(403);
        const del = await env.app.inject({
          method: 'DELETE',
          url: `/api/v1/services/${mail.id}/impacts/${own.id}`,
          headers: bearer(token),
        });
        expect(del.statusCode).toBe(403);
      }
      expect((await get(`/api/v1/services/${mail.id}`)).json().name).toBe('E-Mail (Exchange Online)');
    });

    it('rejects bad input with a problem document and writes nothing', async () => {
      const total = (await get('/api/v1/services?includeArchived=true')).json().total;
      for (const [payload, code] of [
        [{ name: '' }, 'VALIDATION_FAILED'],
        [{ name: '  ' }, 'SERVICE_INVALID'],
        [{ name: 'X', sla: 'gold' }, 'VALIDATION_FAILED'],
        [{ name: 17 }, 'VALIDATION_FAILED'],
        [{ name: 'Mail\u0000' }, 'TEXT_INVALID'],
      ] as const) {
        const res = await post(payload);
        expect(res.statusCode, JSON.stringify(payload)).toBe(400);
        expect(res.json().code).toBe(code);
      }
      expect((await get('/api/v1/services?includeArchived=true')).json().total).toBe(total);

      const before = (await get(`/api/v1/services/${mail.id}/impacts`)).json();
      for (const payload of [
        { criticality: 'catastrophic' },
        { usersAffected: 5 },
        { criticality: 'low', downtimeCostPerHour: -5 },
        { criticality: 'low', downtimeCostPerHour: 12.5 },
        { criticality: 'low', usersAffected: 3_000_000_000 },
        { criticality: 'low', currency: 'EUR' },
      ]) {
        const res = await put(mail.id, own.id, payload);
        expect(res.statusCode, JSON.stringify(payload)).toBe(400);
        expect(res.headers['content-type']).toContain('application/problem+json');
      }
      expect((await get(`/api/v1/services/${mail.id}/impacts`)).json()).toEqual(before);
      const noService = await put('no-such-service', own.id, { criticality: 'low' });
      expect(noService.statusCode).toBe(404);
      expect(noService.json().code).toBe('SERVICE_NOT_FOUND');
      const noCustomer = await put(mail.id, 'no-such-customer', { criticality: 'low' });
      expect(noCustomer.statusCode).toBe(404);
      expect(noCustomer.json().code).toBe('CUSTOMER_NOT_FOUND');
      const patchUnknown = await env.app.inject({
        method: 'PATCH',
        url: `/api/v1/services/${mail.id}`,
        headers: bearer(manager),
        payload: { archivedAt: '2026-01-01T00:00:00Z' },
      });
      expect(patchUnknown.statusCode).toBe(400);
      expect((await get('/api/v1/services?q=%00')).statusCode).toBe(400);
      expect((await put(mail.id, 'a%00b', { criticality: 'low' })).statusCode).toBe(400);
    });

    it('removes an impact entry', async () => {
      const del = await env.app.inject({
        method: 'DELETE',
        url: `/api/v1/services/${erp.id}/impacts/${own.id}`,
        headers: bearer(manager),
      });
      expect(del.statusCode).toBe(204);
      expect(
        (await get(`/api/v1/customers/${own.id}/impacts`))
          .json()
          .items.map((i: { serviceId: string }) => i.serviceId),
      ).toEqual([mail.id]);
      const again = await env.app.inject({
        method: 'DELETE',
        url: `/api/v1/services/${erp.id}/impacts/${own.id}`,
        headers: bearer(manager),
      });
      expect(again.statusCode).toBe(404);
      expect(again.json().code).toBe('SERVICE_IMPACT_NOT_FOUND');
      expect((await get(`/api/v1/services/${erp.id}`, viewer)).statusCode).toBe(404);
      const audit = (await get(`/api/v1/audit?entityId=${erp.id}&entityType=service_impact`)).json();
      expect(audit.items[0]).toMatchObject({ action: 'service_impact.deleted', customerId: own.id });
    });
  });
}
