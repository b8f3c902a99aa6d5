import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken, createUser } from '../../src/app/accounts/accounts.use-cases.ts';
import { SYSTEM_ACTOR } from '../../src/app/actor.ts';
import type { ChangeEvent } from '../../src/app/ports/system.ts';
import { activateVersion, createVersion } from '../../src/app/slas/sla-versions.use-cases.ts';
import { createSla } from '../../src/app/slas/slas.use-cases.ts';
import type { ClockRecompute } from '../../src/app/tickets/clock-recompute.ts';
import { HOUR_MS } from '../../src/domain/shared/time.ts';
import { insertCalendar, insertService } from '../support/db-fixtures.ts';
import { bearer, createTestEnv, DIALECTS, type TestEnv } from '../support/harness.ts';

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

const TERMS = (officeId: string, serviceId: string) => ({
  targets: {
    P1: { firstResponse: { duration: 'PT1H' }, resolution: { duration: 'PT8H' } },
    P2: {
      firstResponse: { duration: 'PT4H', calendarId: officeId },
      resolution: { duration: 'PT16H', calendarId: officeId },
    },
  },
  pauseStatuses: ['waiting for customer'],
  warnings: [0.75, 0.5],
  availability: [{ serviceId, target: 0.995, calendarId: officeId }],
  reviewIntervalMonths: 12,
  credits: [{ below: 0.995, creditPercent: 5 }],
});

for (const dialect of DIALECTS) {
  describe(`SLAs and their versions over HTTP (${dialect})`, () => {
    let env: TestEnv;
    let manager: string;
    let officeId: string;
    let serviceId: string;
    let maierId: string;
    let ostId: string;

    const post = (url: string, payload?: object, headers: Record<string, string> = {}) =>
      env.app.inject({
        method: 'POST',
        url,
        headers: { ...bearer(manager), ...headers },
        ...(payload ? { payload } : {}),
      });
    const put = (url: string, payload: object, headers: Record<string, string> = {}) =>
      env.app.inject({ method: 'PUT', url, headers: { ...bearer(manager), ...headers }, payload });
    const get = (url: string, token = manager) =>
      env.app.inject({ method: 'GET', url, headers: bearer(token) });

    async function customer(name: string): Promise<string> {
      const res = await post('/api/v1/customers', { name });
      expect(res.statusCode).toBe(201);
      return res.json().id as string;
    }

    async function countRows(): Promise<{ slas: number; versions: number; audit: number }> {
      const db = env.store.db;
      const n = async (table: 'slas' | 'sla_versions' | 'audit_log') =>
        Number(
          (
            await db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      return { slas: await n('slas'), versions: await n('sla_versions'), audit: await n('audit_log') };
    }

    beforeAll(async () => {
      env = await createTestEnv(dialect);
      manager = await env.token('manager');
      officeId = await insertCalendar(env, 'Office hours Munich', OFFICE_HOURS);
      serviceId = await insertService(env, 'Managed Workplace');
      maierId = await customer('Kanzlei Maier');
      ostId = await customer('Zahnarzt Ost');
    });
    afterAll(async () => {
      await env?.close();
    });

    it('creates an SLA with version 1 as a draft, presenting durations as ISO and milliseconds', async () => {
      const res = await post('/api/v1/slas', {
        name: 'Managed Workplace Gold',
        description: 'Workplaces of the law office',
        customerIds: [maierId],
        serviceIds: [serviceId],
        terms: TERMS(officeId, serviceId),
      });
      expect(res.statusCode).toBe(201);
      const sla = res.json();
      expect(sla).toMatchObject({ name: 'Managed Workplace Gold', activeVersion: null, archivedAt: null });
      expect(sla.versions).toEqual([expect.objectContaining({ version: 1, status: 'draft', revision: 1 })]);

      const version = await get(`/api/v1/slas/${sla.id}/versions/1`);
      expect(version.statusCode).toBe(200);
      expect(version.headers.etag).toBe('"1"');
      const body = version.json();
      expect(body.terms.targets.P1.firstResponse).toEqual({
        duration: 'PT1H',
        durationMs: HOUR_MS,
        calendarId: null,
      });
      expect(body.terms.targets.P2.resolution).toEqual({
        duration: 'PT16H',
        durationMs: 16 * HOUR_MS,
        calendarId: officeId,
      });
      expect(body.terms.warnings).toEqual([0.5, 0.75]);
      expect(body.customerIds).toEqual([maierId]);
      expect(body.terms.availability).toEqual([{ serviceId, target: 0.995, calendarId: officeId }]);
    });

    it('edits a draft under If-Match, activates it, and drafts a new version when the SLA is in force', async () => {
      const events: ChangeEvent[] = [];
      const unsubscribe = env.ctx.feed.subscribe((e) => events.push(e));
      const created = (
        await post('/api/v1/slas', {
          name: 'Managed Server',
          customerIds: [maierId],
          terms: TERMS(officeId, serviceId),
        })
      ).json();
      const base = `/api/v1/slas/${created.id}/versions`;
      const terms = TERMS(officeId, serviceId);
      const edited = {
        customerIds: [maierId],
        serviceIds: [serviceId],
        terms: {
          ...terms,
          targets: {
            ...terms.targets,
            P1: { firstResponse: { duration: 'PT30M' }, resolution: { duration: 'PT4H' } },
          },
        },
      };

      const missing = await put(`${base}/1`, edited);
      expect(missing.statusCode).toBe(428);
      expect(missing.json()).toMatchObject({ code: 'PRECONDITION_REQUIRED' });
      const ok = await put(`${base}/1`, edited, { 'if-match': '"1"' });
      expect(ok.statusCode).toBe(200);
      expect(ok.headers.etag).toBe('"2"');
      expect(ok.json().terms.targets.P1.firstResponse.duration).toBe('PT30M');
      const stale = await put(`${base}/1`, edited, { 'if-match': '"1"' });
      expect(stale.statusCode).toBe(412);
      expect(stale.json()).toMatchObject({ code: 'REVISION_MISMATCH', details: { currentRevision: 2 } });

      expect((await post(`${base}/1/activate`)).statusCode).toBe(428);
      const activated = await post(`${base}/1/activate`, undefined, { 'if-match': '"2"' });
      expect(activated.statusCode).toBe(200);
      expect(activated.json()).toMatchObject({
        status: 'active',
        revision: 3,
        effectiveFrom: new Date(env.clock.now()).toISOString().replace('.000Z', 'Z'),
      });
      expect(activated.headers.etag).toBe('"3"');

      const locked = await put(`${base}/1`, edited, { 'if-match': '"3"' });
      expect(locked.statusCode).toBe(409);
      expect(locked.json()).toMatchObject({ code: 'SLA_VERSION_NOT_DRAFT' });

      env.clock.advance(HOUR_MS);
      const next = await post(base, {
        terms: {
          targets: {
            ...edited.terms.targets,
            P1: { firstResponse: { duration: 'PT30M' }, resolution: { duration: 'PT2H' } },
          },
        },
      });
      expect(next.statusCode).toBe(201);
      expect(next.json()).toMatchObject({
        version: 2,
        status: 'draft',
        revision: 1,
        customerIds: [maierId],
        serviceIds: [serviceId],
      });
      expect(next.json().terms.pauseStatuses).toEqual(['waiting for customer']);
      const second = await post(base, {});
      expect(second.statusCode).toBe(409);
      expect(second.json()).toMatchObject({ code: 'SLA_DRAFT_EXISTS' });

      const diff = await get(`${base}/1/diff/2`);
      expect(diff.statusCode).toBe(200);
      // The draft's date is left to its activation, so the dates differ too.
      expect(diff.json().changes).toEqual([
        {
          field: 'effectiveFrom',
          label: 'Effective from',
          before: '2026-03-02T07:00:00Z',
          after: 'on activation',
          text: 'Effective from: 2026-03-02T07:00:00Z → on activation',
        },
        {
          field: 'targets.P1.resolution',
          label: 'P1 resolution',
          before: 'PT4H on 24/7',
          after: 'PT2H on 24/7',
          text: 'P1 resolution: PT4H on 24/7 → PT2H on 24/7',
        },
      ]);
      const back = (await get(`${base}/2/diff/1`)).json();
      expect(back.changes[1].text).toBe('P1 resolution: PT2H on 24/7 → PT4H on 24/7');

      const v2 = await post(`${base}/2/activate`, {}, { 'if-match': '"1"' });
      expect(v2.statusCode).toBe(200);
      expect(v2.json().effectiveFrom).toBe('2026-03-02T08:00:00Z');
      const detail = (await get(`/api/v1/slas/${created.id}`)).json();
      expect(detail.activeVersion).toBe(2);
      expect(detail.versions.map((v: { status: string }) => v.status)).toEqual(['retired', 'active']);
      const v1 = await get(`${base}/1`);
      expect(v1.json()).toMatchObject({ status: 'retired', revision: 4 });

      const retired = await post(`${base}/2/retire`, undefined, { 'if-match': '"2"' });
      expect(retired.statusCode).toBe(200);
      expect(retired.json().status).toBe('retired');
      expect((await get(`/api/v1/slas/${created.id}`)).json().activeVersion).toBeNull();
      const again = await post(`${base}/2/retire`, undefined, { 'if-match': '"3"' });
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('SLA_VERSION_STATE_CONFLICT');

      const audit = (await get(`/api/v1/audit?entityId=${created.id}`)).json().items as {
        action: string;
        changes: Record<string, unknown> | null;
      }[];
      expect(audit.map((e) => e.action).reverse()).toEqual([
        'sla.created',
        'sla.version.updated',
        'sla.version.activated',
        'sla.version.created',
        'sla.version.retired',
        'sla.version.activated',
        'sla.version.retired',
      ]);
      const update = audit.find((e) => e.action === 'sla.version.updated');
      expect(update?.changes).toMatchObject({
        services: ['none', 'Managed Workplace'],
        'targets.P1.firstResponse': ['PT1H on 24/7', 'PT30M on 24/7'],
        'targets.P1.resolution': ['PT8H on 24/7', 'PT4H on 24/7'],
      });
      expect(events.filter((e) => e.type === 'sla.changed' && e.entityId === created.id)).toHaveLength(6);
      unsubscribe();
    });

    it('lets exactly one of two concurrent activations with the same If-Match win, leaving one active version', async () => {
      const created = (
        await post('/api/v1/slas', { name: 'Race', terms: TERMS(officeId, serviceId) })
      ).json();
      const base = `/api/v1/slas/${created.id}/versions`;
      expect((await post(`${base}/1/activate`, undefined, { 'if-match': '"1"' })).statusCode).toBe(200);
      await post(base, {});
      const results = await Promise.all([
        post(`${base}/2/activate`, undefined, { 'if-match': '"1"' }),
        post(`${base}/2/activate`, undefined, { 'if-match': '"1"' }),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 412]);
      expect(results.find((r) => r.statusCode === 412)?.json().code).toBe('REVISION_MISMATCH');
      const active = await env.store.db
        .selectFrom('sla_versions')
        .select('version')
        .where('sla_id', '=', created.id)
        .where('status', '=', 'active')
        .execute();
      expect(active.map((r) => Number(r.version))).toEqual([2]);

      const sameName = await Promise.all([
        post('/api/v1/slas', { name: 'Twin' }),
        post('/api/v1/slas', { name: 'twin' }),
      ]);
      expect(sameName.map((r) => r.statusCode).sort()).toEqual([201, 409]);

      await post(base, {});
      const edits = await Promise.all(
        ['PT1H', 'PT2H'].map((duration) =>
          put(
            `${base}/3`,
            { customerIds: [], serviceIds: [], terms: { targets: { P1: { firstResponse: { duration } } } } },
            { 'if-match': '"1"' },
          ),
        ),
      );
      expect(edits.map((r) => r.statusCode).sort()).toEqual([200, 412]);
      const winner = edits.find((r) => r.statusCode === 200)?.json().terms.targets.P1.firstResponse.duration;
      expect((await get(`${base}/3`)).json()).toMatchObject({
        revision: 2,
        terms: { targets: { P1: { firstResponse: { duration: winner } } } },
      });
    });

    it('recomputes clocks after an activation, and refuses an effective date in the future', async () => {
      const calls: string[] = [];
      const recompute: ClockRecompute = {
        afterCalendarChange: async () => 0,
        afterSlaChange: async (_ctx, _actor, slaId) => {
          calls.push(slaId);
          return 0;
        },
      };
      const { sla } = await createSla(env.ctx, SYSTEM_ACTOR, {
        name: 'Recomputed',
        version: { terms: { targets: { P1: { resolution: { duration: 'PT4H' } } } } },
      });
      const future = await post(
        `/api/v1/slas/${sla.id}/versions/1/activate`,
        { effectiveFrom: '2030-01-01T00:00:00Z' },
        { 'if-match': '"1"' },
      );
      expect(future.statusCode).toBe(400);
      expect(future.json().code).toBe('SLA_EFFECTIVE_FROM_IN_FUTURE');
      await activateVersion(
        env.ctx,
        SYSTEM_ACTOR,
        sla.id,
        1,
        { expectedRevision: null, effectiveFrom: '2026-03-01T00:00:00+01:00' },
        recompute,
      );
      expect(calls).toEqual([sla.id]);
      expect((await get(`/api/v1/slas/${sla.id}/versions/1`)).json().effectiveFrom).toBe(
        '2026-02-28T23:00:00Z',
      );
      const draft = await createVersion(env.ctx, SYSTEM_ACTOR, sla.id);
      expect(draft).toMatchObject({ version: 2, status: 'draft', effectiveFrom: null });
      expect(draft.terms.targets['P1']?.resolution).toEqual({ durationMs: 4 * HOUR_MS, calendarId: null });
    });

    it('rejects invalid terms with a stable code and writes nothing', async () => {
      const before = await countRows();
      const cases: [object, string][] = [
        [{ targets: { P9: { resolution: { duration: 'PT4H' } } } }, 'PRIORITY_UNKNOWN'],
        [
          { targets: { P1: { resolution: { duration: 'PT4H', calendarId: 'no-such-calendar' } } } },
          'SLA_CALENDAR_UNKNOWN',
        ],
        [{ targets: { P1: { resolution: { duration: '-PT4H' } } } }, 'DURATION_INVALID'],
        [{ targets: { P1: { resolution: { durationMs: -5 } } } }, 'DURATION_INVALID'],
        [{ targets: { P1: { resolution: { duration: 'PT0S' } } } }, 'DURATION_INVALID'],
        [{ targets: { P1: { resolution: { duration: 'P1D' } } } }, 'DURATION_DAYS_AMBIGUOUS'],
        [{ targets: { P1: { resolution: {} } } }, 'SLA_TARGET_INVALID'],
        [{ warnings: [0.5, 1.5] }, 'SLA_WARNING_INVALID'],
        [{ warnings: [0] }, 'SLA_WARNING_INVALID'],
        [{ warnings: [-0.2] }, 'SLA_WARNING_INVALID'],
        [{ availability: [{ serviceId, target: 1.2 }] }, 'SLA_AVAILABILITY_INVALID'],
        [{ availability: [{ serviceId: 'no-such-service', target: 0.99 }] }, 'SLA_SERVICE_UNKNOWN'],
        [{ reviewIntervalMonths: 48 }, 'SLA_REVIEW_INTERVAL_INVALID'],
        [{ credits: [{ below: 0.99, creditPercent: 150 }] }, 'SLA_CREDIT_INVALID'],
        [{ pauseStatuses: [''] }, 'SLA_PAUSE_STATUS_INVALID'],
      ];
      for (const [terms, code] of cases) {
        const res = await post('/api/v1/slas', { name: `Invalid ${code}`, terms });
        expect({ status: res.statusCode, code: res.json().code, type: res.headers['content-type'] }).toEqual({
          status: 400,
          code,
          type: expect.stringContaining('application/problem+json'),
        });
      }
      const other: [object, string][] = [
        [{ name: 'Unknown customer', customerIds: ['no-such-customer'] }, 'SLA_CUSTOMER_UNKNOWN'],
        [{ name: 'Unknown service', serviceIds: ['no-such-service'] }, 'SLA_SERVICE_UNKNOWN'],
        [{ name: 'Bad date', effectiveFrom: '2026-04-01' }, 'INSTANT_INVALID'],
        [{ name: 'Bad owner', ownerUserId: 'nobody' }, 'SLA_OWNER_UNKNOWN'],
        [{ name: 'Extra', colour: 'gold' }, 'VALIDATION_FAILED'],
        [{ name: 42 }, 'VALIDATION_FAILED'],
        [{ name: 'Managed Workplace Gold' }, 'SLA_NAME_TAKEN'],
      ];
      for (const [payload, code] of other) {
        const res = await post('/api/v1/slas', payload);
        expect(res.statusCode).toBeGreaterThanOrEqual(400);
        expect(res.statusCode).toBeLessThan(500);
        expect(res.json().code).toBe(code);
      }
      const malformed = await env.app.inject({
        method: 'POST',
        url: '/api/v1/slas',
        headers: { ...bearer(manager), 'content-type': 'application/json' },
        payload: '{"name": "x",',
      });
      expect(malformed.statusCode).toBe(400);
      expect(await countRows()).toEqual(before);

      const draft = (await post('/api/v1/slas', { name: 'Draft under edit' })).json();
      const rows = await countRows();
      const bad = await put(
        `/api/v1/slas/${draft.id}/versions/1`,
        {
          customerIds: [],
          serviceIds: [],
          terms: { targets: { P1: { resolution: { duration: 'PT4H', calendarId: 'gone' } } } },
        },
        { 'if-match': '"1"' },
      );
      expect(bad.json().code).toBe('SLA_CALENDAR_UNKNOWN');
      const garbage = await put(
        `/api/v1/slas/${draft.id}/versions/1`,
        { customerIds: [], serviceIds: [], terms: { targets: {} } },
        { 'if-match': 'yesterday' },
      );
      expect(garbage.statusCode).toBe(412);
      expect((await get(`/api/v1/slas/${draft.id}/versions/1`)).json().revision).toBe(1);
      expect(await countRows()).toEqual(rows);
      expect((await get('/api/v1/slas/no-such-sla')).statusCode).toBe(404);
      expect((await get(`/api/v1/slas/${draft.id}/versions/7`)).json().code).toBe('SLA_VERSION_NOT_FOUND');
      expect((await get(`/api/v1/slas/${draft.id}/versions/abc`)).statusCode).toBe(400);
    });

    it('shows a customer viewer only SLAs in force for its customer; agents read but do not write', async () => {
      const own = (
        await post('/api/v1/slas', {
          name: 'Maier Basic',
          customerIds: [maierId],
          terms: { targets: { P1: { resolution: { duration: 'PT8H' } } } },
        })
      ).json();
      await post(`/api/v1/slas/${own.id}/versions/1/activate`, undefined, { 'if-match': '"1"' });
      await post(`/api/v1/slas/${own.id}/versions`, {
        terms: { targets: { P1: { resolution: { duration: 'PT6H' } } } },
      });
      const foreign = (await post('/api/v1/slas', { name: 'Ost Basic', customerIds: [ostId] })).json();
      await post(`/api/v1/slas/${foreign.id}/versions/1/activate`, undefined, { 'if-match': '"1"' });
      const draftOnly = (await post('/api/v1/slas', { name: 'Maier Draft', customerIds: [maierId] })).json();

      const viewer = await env.token('customer', maierId);
      const list = (await get('/api/v1/slas', viewer)).json();
      const names = list.items.map((s: { name: string }) => s.name);
      expect(names).toContain('Maier Basic');
      expect(names).not.toContain('Ost Basic');
      expect(names).not.toContain('Maier Draft');
      expect((await get(`/api/v1/slas?customerId=${ostId}`, viewer)).json().items).toEqual([]);
      expect((await get(`/api/v1/slas/${foreign.id}`, viewer)).statusCode).toBe(404);
      expect((await get(`/api/v1/slas/${foreign.id}/versions/1`, viewer)).statusCode).toBe(404);
      expect((await get(`/api/v1/slas/${draftOnly.id}`, viewer)).statusCode).toBe(404);
      const ownDetail = (await get(`/api/v1/slas/${own.id}`, viewer)).json();
      expect(ownDetail.versions.map((v: { version: number }) => v.version)).toEqual([1]);
      expect((await get(`/api/v1/slas/${own.id}/versions/2`, viewer)).statusCode).toBe(404);
      expect((await get(`/api/v1/slas/${own.id}/versions/1/diff/2`, viewer)).statusCode).toBe(404);
      expect(
        (
          await env.app.inject({
            method: 'POST',
            url: '/api/v1/slas',
            headers: bearer(viewer),
            payload: { name: 'Mine' },
          })
        ).statusCode,
      ).toBe(403);

      // A staff member's token limited to one customer sees what that customer's viewer sees, and writes nothing.
      const integration = await createUser(env.ctx, SYSTEM_ACTOR, {
        email: 'integration@example.test',
        role: 'manager',
      });
      const scoped = (
        await createToken(
          env.ctx,
          { ...SYSTEM_ACTOR, userId: integration.id },
          { name: 'Ost portal', userId: integration.id, customerId: ostId },
        )
      ).token;
      expect((await get('/api/v1/slas', scoped)).json().items.map((s: { name: string }) => s.name)).toEqual([
        'Ost Basic',
      ]);
      expect((await get(`/api/v1/slas/${own.id}`, scoped)).statusCode).toBe(404);
      expect(
        (
          await env.app.inject({
            method: 'POST',
            url: '/api/v1/slas',
            headers: bearer(scoped),
            payload: { name: 'Scoped' },
          })
        ).statusCode,
      ).toBe(403);
      expect((await get('/api/v1/assignment-rules', scoped)).statusCode).toBe(403);

      const staff = (await get(`/api/v1/slas?customerId=${ostId}`)).json();
      expect(staff.items.map((s: { name: string }) => s.name)).toEqual(['Ost Basic']);

      const agent = await env.token('agent');
      expect((await get('/api/v1/slas', agent)).json().total).toBeGreaterThan(3);
      expect((await get(`/api/v1/slas/${own.id}/versions/2`, agent)).statusCode).toBe(200);
      const writes = [
        env.app.inject({
          method: 'POST',
          url: '/api/v1/slas',
          headers: bearer(agent),
          payload: { name: 'Agent SLA' },
        }),
        env.app.inject({
          method: 'PATCH',
          url: `/api/v1/slas/${own.id}`,
          headers: bearer(agent),
          payload: { name: 'Renamed' },
        }),
        env.app.inject({
          method: 'POST',
          url: `/api/v1/slas/${own.id}/versions`,
          headers: bearer(agent),
          payload: {},
        }),
        env.app.inject({
          method: 'PUT',
          url: `/api/v1/slas/${own.id}/versions/2`,
          headers: bearer(agent),
          payload: { customerIds: [], serviceIds: [], terms: {} },
        }),
        env.app.inject({
          method: 'POST',
          url: `/api/v1/slas/${own.id}/versions/2/activate`,
          headers: { ...bearer(agent), 'if-match': '"1"' },
        }),
        env.app.inject({
          method: 'POST',
          url: `/api/v1/slas/${own.id}/versions/2/retire`,
          headers: { ...bearer(agent), 'if-match': '"1"' },
        }),
      ];
      for (const res of await Promise.all(writes)) {
        expect(res.statusCode).toBe(403);
        expect(res.json().code).toBe('FORBIDDEN');
      }
    });

    it('renames, hands over and archives an SLA, with the change audited', async () => {
      const sla = (await post('/api/v1/slas', { name: 'Print Service' })).json();
      const users = await env.app.inject({
        method: 'GET',
        url: '/api/v1/users',
        headers: bearer(await env.token('admin')),
      });
      const owner = (users.json().items as { id: string; role: string }[]).find((u) => u.role === 'manager');
      const patched = await env.app.inject({
        method: 'PATCH',
        url: `/api/v1/slas/${sla.id}`,
        headers: bearer(manager),
        payload: { name: 'Print & Scan Service', ownerUserId: owner?.id, archived: true },
      });
      expect(patched.statusCode).toBe(200);
      expect(patched.json()).toMatchObject({
        name: 'Print & Scan Service',
        ownerUserId: owner?.id,
        archivedAt: expect.any(String),
      });
      expect((await get('/api/v1/slas')).json().items.map((s: { name: string }) => s.name)).not.toContain(
        'Print & Scan Service',
      );
      expect(
        (await get('/api/v1/slas?includeArchived=true')).json().items.map((s: { name: string }) => s.name),
      ).toContain('Print & Scan Service');
      const blocked = await post(`/api/v1/slas/${sla.id}/versions/1/activate`, undefined, {
        'if-match': '"1"',
      });
      expect(blocked.statusCode).toBe(409);
      expect(blocked.json().code).toBe('SLA_ARCHIVED');
      const audit = (await get(`/api/v1/audit?entityId=${sla.id}`)).json().items[0];
      expect(audit).toMatchObject({
        action: 'sla.updated',
        changes: { name: ['Print Service', 'Print & Scan Service'] },
      });
      const taken = await env.app.inject({
        method: 'PATCH',
        url: `/api/v1/slas/${sla.id}`,
        headers: bearer(manager),
        payload: { name: 'managed workplace gold' },
      });
      expect(taken.statusCode).toBe(409);
      expect(taken.json().code).toBe('SLA_NAME_TAKEN');
    });

    it('documents the SLA endpoints in the OpenAPI document', async () => {
      const paths = Object.keys(
        (await env.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json().paths,
      );
      expect(paths).toEqual(
        expect.arrayContaining([
          '/api/v1/slas',
          '/api/v1/slas/{id}',
          '/api/v1/slas/{id}/versions',
          '/api/v1/slas/{id}/versions/{v}',
          '/api/v1/slas/{id}/versions/{v}/activate',
          '/api/v1/slas/{id}/versions/{v}/retire',
          '/api/v1/slas/{id}/versions/{a}/diff/{b}',
          '/api/v1/slas/import',
          '/api/v1/assignment-rules',
        ]),
      );
    });
  });
}
