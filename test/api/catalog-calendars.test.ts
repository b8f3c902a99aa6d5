import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/app/actor.ts';
import type { AppContext } from '../../src/app/context.ts';
import type { ChangeEvent } from '../../src/app/ports/system.ts';
import type { ClockRecompute } from '../../src/app/tickets/clock-recompute.ts';
import { buildApp } from '../../src/http/app.ts';
import { bearer, createTestEnv, DIALECTS, type TestEnv } from '../support/harness.ts';

const MUNICH = {
  name: 'Service desk Munich',
  timeZone: 'Europe/Berlin',
  hours: {
    mon: ['08:00-18:00'],
    tue: ['08:00-18:00'],
    wed: ['08:00-18:00'],
    thu: ['08:00-18:00'],
    fri: ['08:00-16:00'],
  },
  holidays: [{ date: '12-31', name: "New Year's Eve" }],
  holidayRegions: ['DE-BY'],
};

for (const dialect of DIALECTS) {
  describe(`calendars over HTTP (${dialect})`, () => {
    let env: TestEnv;
    let manager: string;
    let agent: string;
    let viewer: string;
    const events: ChangeEvent[] = [];

    beforeAll(async () => {
      env = await createTestEnv(dialect);
      manager = await env.token('manager');
      agent = await env.token('agent');
      const customer = (
        await env.app.inject({
          method: 'POST',
          url: '/api/v1/customers',
          headers: bearer(manager),
          payload: { name: 'Kanzlei Maier' },
        })
      ).json();
      viewer = await env.token('customer', customer.id);
      env.ctx.feed.subscribe((e) => events.push(e));
    });
    afterAll(async () => {
      await env?.close();
    });

    const create = async (payload: object) =>
      env.app.inject({ method: 'POST', url: '/api/v1/calendars', headers: bearer(manager), payload });
    const count = async () =>
      (await env.app.inject({ method: 'GET', url: '/api/v1/calendars', headers: bearer(manager) })).json()
        .items.length as number;

    it('creates a calendar from a calendar-file definition, names it after the definition and serves it with an ETag', async () => {
      const res = await create({ definition: MUNICH });
      expect(res.statusCode).toBe(201);
      const cal = res.json();
      expect(cal).toMatchObject({ name: 'Service desk Munich', revision: 1, definition: MUNICH });
      expect(res.headers.etag).toBe('"1"');
      expect(events.some((e) => e.type === 'calendar.changed' && e.entityId === cal.id)).toBe(true);

      for (const token of [manager, agent, viewer]) {
        const one = await env.app.inject({
          method: 'GET',
          url: `/api/v1/calendars/${cal.id}`,
          headers: bearer(token),
        });
        expect(one.statusCode).toBe(200);
        expect(one.headers.etag).toBe('"1"');
        expect(one.json().createdAt).toBe('2026-03-02T07:00:00Z');
        const list = await env.app.inject({
          method: 'GET',
          url: '/api/v1/calendars',
          headers: bearer(token),
        });
        expect(list.json().items.map((c: { id: string }) => c.id)).toContain(cal.id);
      }
      const audit = await env.app.inject({
        method: 'GET',
        url: `/api/v1/audit?entityId=${cal.id}`,
        headers: bearer(manager),
      });
      expect(audit.json().items.map((e: { action: string }) => e.action)).toEqual(['calendar.created']);
    });

    it('refuses invalid definitions with their CALENDAR_* code and writes nothing', async () => {
      const before = await count();
      const cases: [object, string][] = [
        [
          {
            name: 'x',
            definition: { timeZone: 'Europe/Berlin', hours: { mon: ['08:00-12:00', '11:00-14:00'] } },
          },
          'CALENDAR_OVERLAPPING_HOURS',
        ],
        [{ name: 'x', definition: { timeZone: 'Mars/Olympus' } }, 'CALENDAR_UNKNOWN_ZONE'],
        [
          { name: 'x', definition: { timeZone: 'Europe/Berlin', holidayRegions: ['XX-YY'] } },
          'CALENDAR_UNKNOWN_REGION',
        ],
        [
          { name: 'x', definition: { timeZone: 'Europe/Berlin', hours: { mon: ['8-17'] } } },
          'CALENDAR_INVALID_HOURS',
        ],
        [{ name: 'x', definition: { timeZone: 'Europe/Berlin', holiday: ['12-24'] } }, 'CALENDAR_INVALID'],
        [
          { name: 'x', definition: { timeZone: 'Europe/Berlin', holidays: ['2026-02-30'] } },
          'CALENDAR_INVALID_HOLIDAY',
        ],
        [{ definition: { timeZone: 'Europe/Berlin' } }, 'CALENDAR_INVALID'],
        [{ definition: { name: 'nul\u0000name', timeZone: 'Europe/Berlin' } }, 'TEXT_INVALID'],
        [{ name: 'nul\u0000name', definition: { timeZone: 'Europe/Berlin' } }, 'TEXT_INVALID'],
        [{ name: 'x', definition: { timeZone: 'UTC' }, colour: 'red' }, 'VALIDATION_FAILED'],
        [{ name: 'x', definition: 'timeZone: UTC' }, 'VALIDATION_FAILED'],
        [{ name: 'x' }, 'VALIDATION_FAILED'],
      ];
      for (const [payload, code] of cases) {
        const res = await create(payload);
        expect(res.statusCode, JSON.stringify(payload)).toBe(400);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json().code, JSON.stringify(payload)).toBe(code);
      }
      const overlap = (await create(cases[0]?.[0] ?? {})).json();
      expect(overlap.detail).toContain('overlap');
      const malformed = await env.app.inject({
        method: 'POST',
        url: '/api/v1/calendars',
        headers: { ...bearer(manager), 'content-type': 'application/json' },
        payload: '{"name": "x", "definition": {',
      });
      expect(malformed.statusCode).toBe(400);
      const nulId = await env.app.inject({
        method: 'GET',
        url: '/api/v1/calendars/a%00b',
        headers: bearer(manager),
      });
      expect(nulId.statusCode).toBe(400);
      expect(await count()).toBe(before);
    });

    it('lets only managers and admins write calendars', async () => {
      for (const token of [agent, viewer]) {
        const res = await env.app.inject({
          method: 'POST',
          url: '/api/v1/calendars',
          headers: bearer(token),
          payload: { definition: MUNICH },
        });
        expect(res.statusCode).toBe(403);
        expect(res.json().code).toBe('FORBIDDEN');
      }
      const cal = (await create({ name: 'Writable', definition: { timeZone: 'UTC' } })).json();
      const put = await env.app.inject({
        method: 'PUT',
        url: `/api/v1/calendars/${cal.id}`,
        headers: bearer(agent),
        payload: { definition: { timeZone: 'UTC' } },
      });
      expect(put.statusCode).toBe(403);
      const del = await env.app.inject({
        method: 'DELETE',
        url: `/api/v1/calendars/${cal.id}`,
        headers: bearer(viewer),
      });
      expect(del.statusCode).toBe(403);
      const anonymous = await env.app.inject({ method: 'GET', url: '/api/v1/calendars' });
      expect(anonymous.statusCode).toBe(401);
    });

    it('replaces a calendar with If-Match, bumps the revision and answers 412 to a stale revision', async () => {
      const cal = (
        await create({
          name: 'Vienna',
          definition: { timeZone: 'Europe/Vienna', hours: { mon: ['08:00-12:00'] } },
        })
      ).json();
      const next = {
        name: 'Vienna desk',
        definition: { timeZone: 'Europe/Vienna', hours: { mon: ['08:00-12:00', '13:00-17:00'] } },
      };
      const ok = await env.app.inject({
        method: 'PUT',
        url: `/api/v1/calendars/${cal.id}`,
        headers: { ...bearer(manager), 'if-match': '"1"' },
        payload: next,
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ name: 'Vienna desk', revision: 2, definition: next.definition });
      expect(ok.headers.etag).toBe('"2"');

      const stale = await env.app.inject({
        method: 'PUT',
        url: `/api/v1/calendars/${cal.id}`,
        headers: { ...bearer(manager), 'if-match': '"1"' },
        payload: next,
      });
      expect(stale.statusCode).toBe(412);
      expect(stale.json()).toMatchObject({ code: 'REVISION_MISMATCH', details: { revision: 2 } });
      const foreignTag = await env.app.inject({
        method: 'PUT',
        url: `/api/v1/calendars/${cal.id}`,
        headers: { ...bearer(manager), 'if-match': 'W/"2"' },
        payload: next,
      });
      expect(foreignTag.statusCode).toBe(412);

      const invalid = await env.app.inject({
        method: 'PUT',
        url: `/api/v1/calendars/${cal.id}`,
        headers: { ...bearer(manager), 'if-match': '"2"' },
        payload: { definition: { timeZone: 'Nowhere/Else' } },
      });
      expect(invalid.statusCode).toBe(400);
      expect(invalid.json().code).toBe('CALENDAR_UNKNOWN_ZONE');

      const unconditional = await env.app.inject({
        method: 'PUT',
        url: `/api/v1/calendars/${cal.id}`,
        headers: bearer(manager),
        payload: { ...next, name: 'Vienna' },
      });
      expect(unconditional.json().revision).toBe(3);
      const star = await env.app.inject({
        method: 'PUT',
        url: `/api/v1/calendars/${cal.id}`,
        headers: { ...bearer(manager), 'if-match': '*' },
        payload: next,
      });
      expect(star.json().revision).toBe(4);
      const get = await env.app.inject({
        method: 'GET',
        url: `/api/v1/calendars/${cal.id}`,
        headers: bearer(agent),
      });
      expect(get.headers.etag).toBe('"4"');

      const audit = (
        await env.app.inject({
          method: 'GET',
          url: `/api/v1/audit?entityId=${cal.id}`,
          headers: bearer(manager),
        })
      ).json();
      expect(audit.items.map((e: { action: string }) => e.action)).toEqual([
        'calendar.updated',
        'calendar.updated',
        'calendar.updated',
        'calendar.created',
      ]);
      expect(audit.items[2].changes).toMatchObject({ name: ['Vienna', 'Vienna desk'] });
    });

    it('recomputes clocks after the definition changed, not after a rename', async () => {
      const calls: string[] = [];
      const recompute: ClockRecompute = {
        afterCalendarChange: async (_ctx: AppContext, _actor: Actor, calendarId: string) => {
          calls.push(calendarId);
          return 0;
        },
        afterSlaChange: async () => 0,
      };
      const app = await buildApp({
        ctx: env.ctx,
        recompute,
        options: { secureCookies: false, publicUrl: 'http://localhost:3000', version: 'test' },
      });
      try {
        const cal = (
          await create({
            name: 'Night shift',
            definition: { timeZone: 'Europe/Berlin', hours: { mon: ['22:00-06:00'] } },
          })
        ).json();
        await app.inject({
          method: 'PUT',
          url: `/api/v1/calendars/${cal.id}`,
          headers: bearer(manager),
          payload: { name: 'Night', definition: cal.definition },
        });
        expect(calls).toEqual([]);
        const res = await app.inject({
          method: 'PUT',
          url: `/api/v1/calendars/${cal.id}`,
          headers: bearer(manager),
          payload: {
            name: 'Night',
            definition: { timeZone: 'Europe/Berlin', hours: { mon: ['22:00-06:00'], tue: ['22:00-06:00'] } },
          },
        });
        expect(res.statusCode).toBe(200);
        expect(calls).toEqual([cal.id]);
      } finally {
        await app.close();
      }
    });

    it("lists a year's holidays and the open intervals of a range", async () => {
      const cal = (await create({ definition: MUNICH })).json();
      const res = await env.app.inject({
        method: 'GET',
        url: `/api/v1/calendars/${cal.id}/holidays?year=2026`,
        headers: bearer(viewer),
      });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.year).toBe(2026);
      expect(body.holidays).toContainEqual({ date: '2026-01-06', name: 'Heilige Drei Könige' });
      expect(body.holidays).toContainEqual({ date: '2026-12-31', name: "New Year's Eve" });
      expect(body.holidays).toHaveLength(13);
      const thisYear = await env.app.inject({
        method: 'GET',
        url: `/api/v1/calendars/${cal.id}/holidays`,
        headers: bearer(agent),
      });
      expect(thisYear.json().year).toBe(2026);
      const badYear = await env.app.inject({
        method: 'GET',
        url: `/api/v1/calendars/${cal.id}/holidays?year=twenty`,
        headers: bearer(agent),
      });
      expect(badYear.statusCode).toBe(400);

      const open = await env.app.inject({
        method: 'GET',
        url: `/api/v1/calendars/${cal.id}/open-intervals?from=2026-04-02T00:00:00Z&to=2026-04-07T00:00:00Z`,
        headers: bearer(agent),
      });
      expect(open.statusCode).toBe(200);
      // Thursday open, Good Friday and Easter Monday closed, the weekend closed.
      expect(open.json()).toMatchObject({
        calendarId: cal.id,
        timeZone: 'Europe/Berlin',
        openMs: 10 * 3_600_000,
        intervals: [
          {
            start: '2026-04-02T06:00:00Z',
            end: '2026-04-02T16:00:00Z',
            localStart: '2026-04-02T08:00',
            localEnd: '2026-04-02T18:00',
          },
        ],
      });
      const tooLong = await env.app.inject({
        method: 'GET',
        url: `/api/v1/calendars/${cal.id}/open-intervals?from=2026-01-01T00:00:00Z&to=2026-06-01T00:00:00Z`,
        headers: bearer(agent),
      });
      expect(tooLong.statusCode).toBe(400);
      expect(tooLong.json().code).toBe('CALENDAR_RANGE_INVALID');
      const backwards = await env.app.inject({
        method: 'GET',
        url: `/api/v1/calendars/${cal.id}/open-intervals?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z`,
        headers: bearer(agent),
      });
      expect(backwards.json().code).toBe('CALENDAR_RANGE_INVALID');
      const noOffset = await env.app.inject({
        method: 'GET',
        url: `/api/v1/calendars/${cal.id}/open-intervals?from=2026-01-01T00:00:00&to=2026-01-02T00:00:00Z`,
        headers: bearer(agent),
      });
      expect(noOffset.statusCode).toBe(400);
      expect(noOffset.json().code).toBe('INSTANT_INVALID');
      const unknown = await env.app.inject({
        method: 'GET',
        url: '/api/v1/calendars/nope/holidays?year=2026',
        headers: bearer(agent),
      });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().code).toBe('CALENDAR_NOT_FOUND');
    });

    it('previews a definition without saving it', async () => {
      const before = await count();
      const res = await env.app.inject({
        method: 'POST',
        url: '/api/v1/calendars/preview',
        headers: bearer(agent),
        payload: { definition: MUNICH, year: 2026, weekOf: '2026-03-29' },
      });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.holidays).toHaveLength(13);
      // The week of the spring-forward Sunday: Monday 23 March to Monday 30 March, local time.
      expect(body.week.from).toBe('2026-03-22T23:00:00Z');
      expect(body.week.to).toBe('2026-03-29T22:00:00Z');
      expect(body.week.intervals).toHaveLength(5);
      expect(body.week.intervals[0]).toEqual({
        start: '2026-03-23T07:00:00Z',
        end: '2026-03-23T17:00:00Z',
        localStart: '2026-03-23T08:00',
        localEnd: '2026-03-23T18:00',
      });
      expect(body.week.openMs).toBe((4 * 10 + 8) * 3_600_000);

      const defaultWeek = (
        await env.app.inject({
          method: 'POST',
          url: '/api/v1/calendars/preview',
          headers: bearer(viewer),
          payload: { definition: MUNICH },
        })
      ).json();
      expect(defaultWeek.year).toBe(2026);
      expect(defaultWeek.week.from).toBe('2026-03-01T23:00:00Z');
      const otherYear = (
        await env.app.inject({
          method: 'POST',
          url: '/api/v1/calendars/preview',
          headers: bearer(agent),
          payload: { definition: MUNICH, year: 2027 },
        })
      ).json();
      expect(otherYear.week.from).toBe('2027-01-03T23:00:00Z');

      const invalid = await env.app.inject({
        method: 'POST',
        url: '/api/v1/calendars/preview',
        headers: bearer(agent),
        payload: { definition: { timeZone: 'Europe/Berlin', holidayRegions: ['ZZ'] } },
      });
      expect(invalid.statusCode).toBe(400);
      expect(invalid.json().code).toBe('CALENDAR_UNKNOWN_REGION');
      const badWeek = await env.app.inject({
        method: 'POST',
        url: '/api/v1/calendars/preview',
        headers: bearer(agent),
        payload: { definition: MUNICH, weekOf: 'monday' },
      });
      expect(badWeek.statusCode).toBe(400);
      expect(await count()).toBe(before);
    });

    it('refuses to delete a calendar an SLA counts on, and deletes an unused one', async () => {
      const used = (await create({ name: 'Used', definition: { timeZone: 'Europe/Berlin' } })).json();
      const now = env.clock.now();
      await env.store.db
        .insertInto('slas')
        .values({
          id: 'sla-gold',
          name: 'Gold',
          description: null,
          owner_user_id: null,
          created_at: now,
          updated_at: now,
          archived_at: null,
        })
        .execute();
      const body = {
        targets: {
          P1: {
            firstResponse: { durationMs: 3_600_000, calendarId: null },
            resolution: { durationMs: 14_400_000, calendarId: used.id },
          },
        },
        pauseStatuses: ['waiting_for_customer'],
        warnings: [0.75],
        availability: [],
        reviewIntervalMonths: 12,
        credits: [],
      };
      await env.store.db
        .insertInto('sla_versions')
        .values({
          sla_id: 'sla-gold',
          version: 1,
          status: 'active',
          effective_from: now,
          body: JSON.stringify(body),
          revision: 1,
          created_at: now,
          created_by: null,
          activated_at: now,
          retired_at: null,
        })
        .execute();
      const refused = await env.app.inject({
        method: 'DELETE',
        url: `/api/v1/calendars/${used.id}`,
        headers: bearer(manager),
      });
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toMatchObject({ code: 'CALENDAR_IN_USE', details: { slaIds: ['sla-gold'] } });
      expect(
        (
          await env.app.inject({
            method: 'GET',
            url: `/api/v1/calendars/${used.id}`,
            headers: bearer(manager),
          })
        ).statusCode,
      ).toBe(200);

      const unused = (await create({ name: 'Unused', definition: { timeZone: 'UTC' } })).json();
      const deleted = await env.app.inject({
        method: 'DELETE',
        url: `/api/v1/calendars/${unused.id}`,
        headers: bearer(manager),
      });
      expect(deleted.statusCode).toBe(204);
      const gone = await env.app.inject({
        method: 'GET',
        url: `/api/v1/calendars/${unused.id}`,
        headers: bearer(manager),
      });
      expect(gone.statusCode).toBe(404);
      expect(gone.json().code).toBe('CALENDAR_NOT_FOUND');
      const again = await env.app.inject({
        method: 'DELETE',
        url: `/api/v1/calendars/${unused.id}`,
        headers: bearer(manager),
      });
      expect(again.statusCode).toBe(404);
      const audit = (
        await env.app.inject({
          method: 'GET',
          url: `/api/v1/audit?entityId=${unused.id}`,
          headers: bearer(manager),
        })
      ).json();
      expect(audit.items.map((e: { action: string }) => e.action)).toEqual([
        'calendar.deleted',
        'calendar.created',
      ]);
    });
  });
}
