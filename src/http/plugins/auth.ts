import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { authenticateSession, authenticateToken } from '../../app/accounts/accounts.use-cases.ts';
import type { Actor } from '../../app/actor.ts';
import type { AppContext } from '../../app/context.ts';
import { DomainError } from '../../domain/shared/errors.ts';

export const SESSION_COOKIE = 'pledge_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route authenticates by a token in its URL (a link in a notice): sessions and CSRF do not apply. */
    sessionless?: boolean;
  }
  interface FastifyRequest {
    /** Who is asking; null for anonymous requests. */
    actor: Actor | null;
    /** How the actor was recognised. */
    authVia: 'session' | 'token' | null;
  }
}

/** The actor of an authenticated request. @throws DomainError UNAUTHENTICATED */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new DomainError('UNAUTHENTICATED', 'sign in, or send an API token as "Authorization: Bearer …"');
  return request.actor;
}

/**
 * Recognises the caller by an API token (`Authorization: Bearer`) or a session cookie, and enforces CSRF
 * protection for cookie-authenticated writes: the page must echo its session's CSRF token in a header.
 */
export const authPlugin = fp(async (app: FastifyInstance, opts: { ctx: AppContext }) => {
  app.decorateRequest('actor', null);
  app.decorateRequest('authVia', null);
  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    // A signed-in browser confirming a notice's link must not fail the CSRF check: the link's own
    // unguessable token is what authorises it, and the handler never looks at the actor.
    if (request.routeOptions.config?.sessionless === true) return;
    const header = request.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const actor = match?.[1] ? await authenticateToken(opts.ctx, match[1]) : undefined;
      if (!actor) throw new DomainError('UNAUTHENTICATED', 'the API token is not valid, expired or revoked');
      request.actor = actor;
      request.authVia = 'token';
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (!cookie) return;
    const session = await authenticateSession(opts.ctx, cookie);
    if (!session) return;
    if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== session.csrfToken) {
      throw new DomainError('CSRF_FAILED', `this change needs the ${CSRF_HEADER} header of your session`);
    }
    request.actor = session.actor;
    request.authVia = 'session';
  });
});
