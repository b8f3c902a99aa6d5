import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestEnv, DIALECTS, type TestEnv } from '../support/harness.ts';
import { seedTicketFixture, type TicketFixture } from '../support/ticket-fixtures.ts';

interface Frame {
  event: string;
  data: {
    type: string;
    entityId: string;
    customerId: string | null;
    at: string;
    data: Record<string, unknown>;
  };
}

/** Reads server-sent events from a fetch body until `done` says enough. */
class SseReader {
  private buffer = '';
  private readonly decoder = new TextDecoder();
  readonly comments: string[] = [];

  constructor(private readonly reader: ReadableStreamDefaultReader<Uint8Array>) {}

  async until(done: (frames: Frame[]) => boolean, frames: Frame[] = []): Promise<Frame[]> {
    while (!done(frames)) {
      const { value, done: ended } = await this.reader.read();
      if (ended) throw new Error('the stream ended');
      this.buffer += this.decoder.decode(value, { stream: true });
      let cut = this.buffer.indexOf('\n\n');
      while (cut >= 0) {
        const block = this.buffer.slice(0, cut);
        this.buffer = this.buffer.slice(cut + 2);
        const lines = block.split('\n');
        const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
        const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
        for (const l of lines) if (l.startsWith(':')) this.comments.push(l.slice(1).trim());
        if (event && data) frames.push({ event, data: JSON.parse(data) as Frame['data'] });
        cut = this.buffer.indexOf('\n\n');
      }
    }
    return frames;
  }
}

for (const dialect of DIALECTS) {
  describe(`live stream of changes (${dialect})`, () => {
    let env: TestEnv;
    let fx: TicketFixture;
    let base: string;

    beforeAll(async () => {
      env = await createTestEnv(dialect);
      fx = await seedTicketFixture(env);
      await env.app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(env.app.server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      await env?.close();
    });

    it('sends ticket and clock changes as server-sent events, only of the viewer’s own customer', async () => {
      const agent = await env.token('agent');
      const viewer = await env.token('customer', fx.customerId);
      const controller = new AbortController();
      const res = await fetch(`${base}/api/v1/stream`, {
        headers: bearer(viewer),
        signal: controller.signal,
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/event-stream');
      const sse = new SseReader((res.body as ReadableStream<Uint8Array>).getReader());
      await sse.until(() => sse.comments.includes('connected'));

      const foreign = await env.app.inject({
        method: 'POST',
        url: '/api/v1/tickets',
        headers: bearer(agent),
        payload: { customerId: fx.otherCustomerId, title: 'Not for you' },
      });
      expect(foreign.statusCode).toBe(201);
      const own = await env.app.inject({
        method: 'POST',
        url: '/api/v1/tickets',
        headers: bearer(agent),
        payload: { customerId: fx.customerId, title: 'Yours', priority: 'P2' },
      });
      const ownId = own.json().id as string;
      const reply = await env.app.inject({
        method: 'POST',
        url: `/api/v1/tickets/${ownId}/events`,
        headers: bearer(agent),
        payload: { type: 'reply', author: 'agent', public: true },
      });
      expect(reply.statusCode).toBe(201);

      const frames = await sse.until((f) => f.filter((x) => x.event === 'clock.changed').length >= 2);
      expect(frames.map((f) => f.event)).toEqual([
        'ticket.created',
        'clock.changed',
        'ticket.changed',
        'clock.changed',
      ]);
      expect(frames.every((f) => f.data.entityId === ownId && f.data.customerId === fx.customerId)).toBe(
        true,
      );
      expect(frames[0]?.data).toMatchObject({
        type: 'ticket.created',
        at: '2026-03-02T07:00:00Z',
        data: { ticketId: ownId, priority: 'P2', status: 'new' },
      });
      expect(frames[3]?.data.data).toEqual({
        ticketId: ownId,
        clocks: [
          { id: 'first_response', state: 'met', dueAt: '2026-03-02T08:00:00Z', breachedAt: null },
          { id: 'resolution', state: 'running', dueAt: '2026-03-02T15:00:00Z', breachedAt: null },
        ],
      });

      controller.abort();
      // The server notices the client left and stops writing; later changes must not fail.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const later = await env.app.inject({
        method: 'POST',
        url: '/api/v1/tickets',
        headers: bearer(agent),
        payload: { customerId: fx.customerId, title: 'After the client left' },
      });
      expect(later.statusCode).toBe(201);
    });

    it('lets staff hear every customer, and refuses anonymous listeners', async () => {
      const manager = await env.token('manager');
      const controller = new AbortController();
      const res = await fetch(`${base}/api/v1/stream`, {
        headers: bearer(manager),
        signal: controller.signal,
      });
      const sse = new SseReader((res.body as ReadableStream<Uint8Array>).getReader());
      await sse.until(() => sse.comments.includes('connected'));
      await env.app.inject({
        method: 'POST',
        url: '/api/v1/tickets',
        headers: bearer(manager),
        payload: { customerId: fx.otherCustomerId, title: 'Other customer' },
      });
      const frames = await sse.until((f) => f.some((x) => x.event === 'ticket.created'));
      expect(frames[0]?.data.customerId).toBe(fx.otherCustomerId);
      controller.abort();

      const anonymous = await env.app.inject({ method: 'GET', url: '/api/v1/stream' });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.headers['content-type']).toContain('application/problem+json');
    });
  });
}
