import { customerScope, type Actor } from '../../app/actor.ts';
import type { ChangeEvent } from '../../app/ports/system.ts';
import { SECOND_MS } from '../../domain/shared/time.ts';
import type { HttpDeps, RouteApp } from '../app.ts';
import { actorOf } from '../plugins/auth.ts';
import { errorResponses, iso } from './common.ts';

/** Proxies close idle connections; a comment line this often keeps the stream open. */
export const HEARTBEAT_MS = 15 * SECOND_MS;

function visibleTo(actor: Actor, event: ChangeEvent): boolean {
  const scope = customerScope(actor);
  return scope === null || event.customerId === scope;
}

function frame(event: ChangeEvent): string {
  const payload = {
    type: event.type,
    entityId: event.entityId,
    customerId: event.customerId,
    at: iso(event.at),
    data: event.data ?? null,
  };
  return `event: ${event.type}\ndata: ${JSON.stringify(payload)}\n\n`;
}

export function registerStreamRoutes(app: RouteApp, { ctx }: HttpDeps): void {
  const open = new Set<() => void>();
  // Server shutdown: end the streams first, or closing would wait for clients that never hang up.
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });

  app.get(
    '/api/v1/stream',
    {
      schema: {
        tags: ['stream'],
        summary:
          'Live changes as server-sent events (ticket.created, ticket.changed, clock.changed …), limited to what the caller may see',
        description:
          'Answers `text/event-stream`: each change is an `event: <type>` line and a `data:` line of JSON `{ type, entityId, customerId, at, data }`; a `: heartbeat` comment follows every 15 seconds.',
        response: { ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      raw.write('retry: 5000\n: connected\n\n');
      const unsubscribe = ctx.feed.subscribe((event) => {
        if (visibleTo(actor, event)) raw.write(frame(event));
      });
      const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), HEARTBEAT_MS);
      heartbeat.unref();
      const end = (): void => {
        if (!open.delete(end)) return;
        clearInterval(heartbeat);
        unsubscribe();
        if (!raw.writableEnded) raw.end();
      };
      open.add(end);
      // The client went away (or the connection broke): stop listening.
      raw.on('close', end);
      return reply;
    },
  );
}
