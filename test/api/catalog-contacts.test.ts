import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../src/app/ports/system.ts';
import { bearer, createTestEnv, DIALECTS, type TestEnv, twoCustomers } from '../support/harness.ts';

for (const dialect of DIALECTS) {
  describe(`customer contacts over HTTP (${dialect})`, () => {
    let env: TestEnv;
    let manager: string;
    let agent: string;
    let viewer: string;
    let own: { id: string };
    let foreign: { id: string };
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

    const add = (customerId: string, payload: object, token = manager) =>
      env.app.inject({
        method: 'POST',
        url: `/api/v1/customers/${customerId}/contacts`,
        headers: bearer(token),
        payload,
      });
    const list = (customerId: string, token = manager) =>
      env.app.inject({
        method: 'GET',
        url: `/api/v1/customers/${customerId}/contacts`,
        headers: bearer(token),
      });

    it('adds contacts and lists them with the escalation levels first', async () => {
      const it1 = await add(own.id, {
        name: 'Petra Maier',
        email: 'petra@maier.example',
        phone: '+49 89 1234-0',
        role: 'managing director',
        escalationLevel: 2,
        receivesReports: true,
      });
      expect(it1.statusCode).toBe(201);
      expect(it1.json()).toMatchObject({
        customerId: own.id,
        name: 'Petra Maier',
        email: 'petra@maier.example',
        role: 'managing director',
        escalationLevel: 2,
        receivesReports: true,
        createdAt: '2026-03-02T07:00:00Z',
      });
      const it2 = (
        await add(own.id, {
          name: 'Jonas Huber',
          email: 'it@maier.example',
          role: 'IT contact',
          escalationLevel: 1,
        })
      ).json();
      expect(it2).toMatchObject({ receivesReports: false, phone: null });
      const plain = (await add(own.id, { name: 'Anna Accounting' })).json();
      expect(plain).toMatchObject({ escalationLevel: 0, receivesReports: false, email: null, role: null });
      expect(events.filter((e) => e.type === 'contact.changed' && e.customerId === own.id)).toHaveLength(3);

      const names = (await list(own.id)).json().items.map((c: { name: string }) => c.name);
      expect(names).toEqual(['Jonas Huber', 'Petra Maier', 'Anna Accounting']);
      await add(foreign.id, { name: 'Dr. Ost', escalationLevel: 1 });
      expect((await list(foreign.id)).json().items).toHaveLength(1);
    });

    it('lets agents read and customer viewers read only their own customer', async () => {
      expect((await list(own.id, agent)).statusCode).toBe(200);
      const mine = await list(own.id, viewer);
      expect(mine.statusCode).toBe(200);
      expect(mine.json().items).toHaveLength(3);
      const theirs = await list(foreign.id, viewer);
      expect(theirs.statusCode).toBe(404);
      expect(theirs.json().code).toBe('CUSTOMER_NOT_FOUND');

      const foreignContact = (await list(foreign.id)).json().items[0];
      const peek = await env.app.inject({
        method: 'GET',
        url: `/api/v1/contacts/${foreignContact.id}`,
        headers: bearer(viewer),
      });
      expect(peek.statusCode).toBe(404);
      expect(peek.json().code).toBe('CONTACT_NOT_FOUND');
      const ownContact = (await list(own.id)).json().items[0];
      expect(
        (
          await env.app.inject({
            method: 'GET',
            url: `/api/v1/contacts/${ownContact.id}`,
            headers: bearer(viewer),
          })
        ).json().name,
      ).toBe(ownContact.name);
      const missing = await list('no-such-customer', agent);
      expect(missing.statusCode).toBe(404);
    });

    it('refuses writes by agents and customer viewers', async () => {
      const contact = (await list(own.id)).json().items[0];
      for (const token of [agent, viewer]) {
        expect((await add(own.id, { name: 'Nope' }, token)).statusCode).toBe(403);
        const patch = await env.app.inject({
          method: 'PATCH',
          url: `/api/v1/contacts/${contact.id}`,
          headers: bearer(token),
          payload: { name: 'Nope' },
        });
        expect(patch.statusCode).toBe(403);
        const del = await env.app.inject({
          method: 'DELETE',
          url: `/api/v1/contacts/${contact.id}`,
          headers: bearer(token),
        });
        expect(del.statusCode).toBe(403);
      }
      expect((await list(own.id)).json().items).toHaveLength(3);
    });

    it('changes and removes a contact with an audit trail', async () => {
      const contact = (
        await add(own.id, { name: 'Temp Person', email: 'temp@maier.example', escalationLevel: 3 })
      ).json();
      env.clock.advance(60_000);
      const patched = await env.app.inject({
        method: 'PATCH',
        url: `/api/v1/contacts/${contact.id}`,
        headers: bearer(manager),
        payload: { email: null, receivesReports: true, role: 'office manager' },
      });
      expect(patched.statusCode).toBe(200);
      expect(patched.json()).toMatchObject({
        name: 'Temp Person',
        email: null,
        receivesReports: true,
        role: 'office manager',
        escalationLevel: 3,
        updatedAt: '2026-03-02T07:01:00Z',
      });
      const deleted = await env.app.inject({
        method: 'DELETE',
        url: `/api/v1/contacts/${contact.id}`,
        headers: bearer(manager),
      });
      expect(deleted.statusCode).toBe(204);
      expect(
        (
          await env.app.inject({
            method: 'GET',
            url: `/api/v1/contacts/${contact.id}`,
            headers: bearer(manager),
          })
        ).statusCode,
      ).toBe(404);
      expect(
        (
          await env.app.inject({
            method: 'DELETE',
            url: `/api/v1/contacts/${contact.id}`,
            headers: bearer(manager),
          })
        ).statusCode,
      ).toBe(404);
      const patchGone = await env.app.inject({
        method: 'PATCH',
        url: `/api/v1/contacts/${contact.id}`,
        headers: bearer(manager),
        payload: { name: 'X' },
      });
      expect(patchGone.json().code).toBe('CONTACT_NOT_FOUND');

      const audit = (
        await env.app.inject({
          method: 'GET',
          url: `/api/v1/audit?entityId=${contact.id}`,
          headers: bearer(manager),
        })
      ).json();
      expect(audit.items.map((e: { action: string }) => e.action)).toEqual([
        'contact.deleted',
        'contact.updated',
        'contact.created',
      ]);
      expect(audit.items[1].changes).toEqual({
        email: ['temp@maier.example', null],
        receivesReports: [false, true],
        role: [null, 'office manager'],
      });
      expect(audit.items[0].customerId).toBe(own.id);
    });

    it('rejects bad input with a problem document and writes nothing', async () => {
      const before = (await list(own.id)).json().items.length;
      const cases: [object, string][] = [
        [{ name: '' }, 'VALIDATION_FAILED'],
        [{ name: '   ' }, 'CONTACT_INVALID'],
        [{ name: 'X', email: 'not an address' }, 'CONTACT_INVALID'],
        [{ name: 'X', escalationLevel: 12 }, 'VALIDATION_FAILED'],
        [{ name: 'X', escalationLevel: 1.5 }, 'VALIDATION_FAILED'],
        [{ name: 'X', receivesReports: 'yes' }, 'VALIDATION_FAILED'],
        [{ name: 'X', department: 'IT' }, 'VALIDATION_FAILED'],
        [{ name: 'X', phone: '+49\u0000' }, 'TEXT_INVALID'],
        [[], 'VALIDATION_FAILED'],
      ];
      for (const [payload, code] of cases) {
        const res = await add(own.id, payload);
        expect(res.statusCode, JSON.stringify(payload)).toBe(400);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json().code, JSON.stringify(payload)).toBe(code);
      }
      const contact = (await list(own.id)).json().items[0];
      const patch = await env.app.inject({
        method: 'PATCH',
        url: `/api/v1/contacts/${contact.id}`,
        headers: bearer(manager),
        payload: { customerId: foreign.id },
      });
      expect(patch.statusCode).toBe(400);
      const noCustomer = await add('no-such-customer', { name: 'Ghost' });
      expect(noCustomer.statusCode).toBe(404);
      expect(noCustomer.json().code).toBe('CUSTOMER_NOT_FOUND');
      const malformed = await env.app.inject({
        method: 'POST',
        url: `/api/v1/customers/${own.id}/contacts`,
        headers: { ...bearer(manager), 'content-type': 'application/json' },
        payload: '{"name": ',
      });
      expect(malformed.statusCode).toBe(400);
      expect((await list(own.id)).json().items).toHaveLength(before);
      expect((await list(own.id)).json().items[0]).toEqual(contact);
    });
  });
}
