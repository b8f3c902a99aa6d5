import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPriorityScheme } from '../../src/app/catalog/priorities.use-cases.ts';
import { priorityFor } from '../../src/app/catalog/priorities.ts';
import type { ChangeEvent } from '../../src/app/ports/system.ts';
import { bearer, createTestEnv, DIALECTS, type TestEnv } from '../support/harness.ts';

const DEFAULT = {
  priorities: [
    { id: 'P1', name: 'Critical', rank: 1 },
    { id: 'P2', name: 'High', rank: 2 },
    { id: 'P3', name: 'Medium', rank: 3 },
    { id: 'P4', name: 'Low', rank: 4 },
  ],
  matrix: {
    high: { high: 'P1', medium: 'P2', low: 'P3' },
    medium: { high: 'P2', medium: 'P3', low: 'P4' },
    low: { high: 'P3', medium: 'P4', low: 'P4' },
  },
};

const THREE = {
  priorities: [
    { id: 'P3', name: 'Normal', rank: 3 },
    { id: 'P1', name: 'Outage', rank: 1 },
    { id: 'P2', name: 'Degraded', rank: 2 },
  ],
  matrix: {
    high: { high: 'P1', medium: 'P1', low: 'P2' },
    medium: { high: 'P2', medium: 'P2', low: 'P3' },
    low: { high: 'P3', medium: 'P3', low: 'P3' },
  },
};

for (const dialect of DIALECTS) {
  describe(`priorities over HTTP (${dialect})`, () => {
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

    const put = (payload: object, token = manager) =>
      env.app.inject({ method: 'PUT', url: '/api/v1/priorities', headers: bearer(token), payload });

    it('serves the default P1–P4 scheme to everyone signed in', async () => {
      for (const token of [manager, agent, viewer]) {
        const res = await env.app.inject({
          method: 'GET',
          url: '/api/v1/priorities',
          headers: bearer(token),
        });
        expect(res.statusCode).toBe(200);
        expect(res.json()).toEqual(DEFAULT);
      }
      expect((await env.app.inject({ method: 'GET', url: '/api/v1/priorities' })).statusCode).toBe(401);
      expect(priorityFor(await getPriorityScheme(env.ctx), 'medium', 'high')).toBe('P2');
    });

    it('lets only managers and admins replace the scheme', async () => {
      expect((await put(THREE, agent)).statusCode).toBe(403);
      expect((await put(THREE, viewer)).statusCode).toBe(403);
      const res = await put(THREE);
      expect(res.statusCode).toBe(200);
      expect(res.json().priorities.map((p: { id: string }) => p.id)).toEqual(['P1', 'P2', 'P3']);
      const stored = (
        await env.app.inject({ method: 'GET', url: '/api/v1/priorities', headers: bearer(agent) })
      ).json();
      expect(stored).toEqual(res.json());
      const scheme = await getPriorityScheme(env.ctx);
      expect(priorityFor(scheme, 'high', 'medium')).toBe('P1');
      expect(events.some((e) => e.type === 'priorities.changed')).toBe(true);
      const audit = (
        await env.app.inject({
          method: 'GET',
          url: '/api/v1/audit?entityType=priorities',
          headers: bearer(manager),
        })
      ).json();
      expect(audit.items[0]).toMatchObject({ action: 'priorities.updated', entityId: 'scheme' });
    });

    it('rejects an inconsistent scheme and keeps the stored one', async () => {
      const before = (
        await env.app.inject({ method: 'GET', url: '/api/v1/priorities', headers: bearer(manager) })
      ).json();
      const cases: [object, string][] = [
        [
          { ...THREE, priorities: [...THREE.priorities, { id: 'P1', name: 'Again', rank: 4 }] },
          'PRIORITY_SCHEME_INVALID',
        ],
        [
          { ...THREE, matrix: { ...THREE.matrix, low: { high: 'P3', medium: 'P3', low: 'P9' } } },
          'PRIORITY_SCHEME_INVALID',
        ],
        [
          { ...THREE, priorities: THREE.priorities.map((p) => (p.id === 'P3' ? { ...p, rank: 5 } : p)) },
          'PRIORITY_SCHEME_INVALID',
        ],
        [
          { ...THREE, priorities: THREE.priorities.map((p) => (p.id === 'P3' ? { ...p, rank: 2 } : p)) },
          'PRIORITY_SCHEME_INVALID',
        ],
        [
          { ...THREE, priorities: THREE.priorities.map((p) => (p.id === 'P3' ? { ...p, id: 'P 3' } : p)) },
          'PRIORITY_SCHEME_INVALID',
        ],
        [{ ...THREE, priorities: [] }, 'VALIDATION_FAILED'],
        [{ ...THREE, matrix: { high: THREE.matrix.high, medium: THREE.matrix.medium } }, 'VALIDATION_FAILED'],
        [{ ...THREE, matrix: { ...THREE.matrix, critical: THREE.matrix.high } }, 'VALIDATION_FAILED'],
        [{ ...THREE, default: 'P3' }, 'VALIDATION_FAILED'],
        [
          { ...THREE, priorities: THREE.priorities.map((p) => ({ ...p, colour: 'red' })) },
          'VALIDATION_FAILED',
        ],
      ];
      for (const [payload, code] of cases) {
        const res = await put(payload);
        expect(res.statusCode, JSON.stringify(payload)).toBe(400);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json().code, JSON.stringify(payload)).toBe(code);
      }
      expect((await put(cases[1]?.[0] ?? {})).json().detail).toContain('matrix.low.low');
      expect(
        (await env.app.inject({ method: 'GET', url: '/api/v1/priorities', headers: bearer(manager) })).json(),
      ).toEqual(before);
    });

    it('keeps priorities that tickets carry', async () => {
      const customer = (
        await env.app.inject({
          method: 'POST',
          url: '/api/v1/customers',
          headers: bearer(manager),
          payload: { name: 'Zahnarzt Ost' },
        })
      ).json();
      const now = env.clock.now();
      await env.store.db
        .insertInto('tickets')
        .values({
          id: 'ticket-1',
          number: 1,
          customer_id: customer.id,
          service_id: null,
          type: 'incident',
          title: 'Mail down',
          description: null,
          impact: 'high',
          urgency: 'medium',
          priority: 'P2',
          status: 'new',
          assignee_user_id: null,
          sla_id: null,
          sla_version: null,
          external_ref: null,
          source: 'api',
          created_at: now,
          updated_at: now,
          resolved_at: null,
          closed_at: null,
          revision: 1,
        })
        .execute();
      const withoutP2 = {
        priorities: [
          { id: 'P1', name: 'Outage', rank: 1 },
          { id: 'P3', name: 'Normal', rank: 2 },
        ],
        matrix: {
          high: { high: 'P1', medium: 'P1', low: 'P3' },
          medium: { high: 'P1', medium: 'P3', low: 'P3' },
          low: { high: 'P3', medium: 'P3', low: 'P3' },
        },
      };
      const refused = await put(withoutP2);
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toMatchObject({ code: 'PRIORITY_IN_USE', details: { priorities: ['P2'] } });
      const renamed = await put({
        ...THREE,
        priorities: THREE.priorities.map((p) => (p.id === 'P2' ? { ...p, name: 'Major' } : p)),
      });
      expect(renamed.statusCode).toBe(200);
      expect(renamed.json().priorities[1]).toEqual({ id: 'P2', name: 'Major', rank: 2 });
    });
  });
}
