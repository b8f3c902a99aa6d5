import { z } from 'zod';
import {
  completeSetup,
  createToken,
  createUser,
  getUser,
  listTokens,
  listUsers,
  login,
  logout,
  MIN_PASSWORD_LENGTH,
  revokeToken,
  setPassword,
  setupStatus,
  updateUser,
  type PublicToken,
  type PublicUser,
} from '../../app/accounts/accounts.use-cases.ts';
import { ROLES } from '../../app/actor.ts';
import { parseInstant } from '../../domain/shared/time.ts';
import type { HttpDeps, RouteApp } from '../app.ts';
import { actorOf, SESSION_COOKIE } from '../plugins/auth.ts';
import { problemSchema } from '../problem.ts';
import { errorResponses, idParams, instant, isoOrNull, iso, pageOf, pageQuery } from './common.ts';

const role = z.enum(ROLES);
const locale = z.enum(['de', 'en']);

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role,
  customerId: z.string().nullable(),
  locale: z.string(),
  timeZone: z.string().nullable(),
  disabled: z.boolean(),
  hasPassword: z.boolean(),
  createdAt: instant,
  updatedAt: instant,
  lastLoginAt: instant.nullable(),
});

export const presentUser = (u: PublicUser): z.infer<typeof userSchema> => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  customerId: u.customerId,
  locale: u.locale,
  timeZone: u.timeZone,
  disabled: u.disabled,
  hasPassword: u.hasPassword,
  createdAt: iso(u.createdAt),
  updatedAt: iso(u.updatedAt),
  lastLoginAt: isoOrNull(u.lastLoginAt),
});

const tokenSchema = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  role,
  customerId: z.string().nullable(),
  prefix: z.string(),
  createdAt: instant,
  lastUsedAt: instant.nullable(),
  expiresAt: instant.nullable(),
  revokedAt: instant.nullable(),
});

const presentToken = (t: PublicToken): z.infer<typeof tokenSchema> => ({
  id: t.id,
  userId: t.userId,
  name: t.name,
  role: t.role,
  customerId: t.customerId,
  prefix: t.prefix,
  createdAt: iso(t.createdAt),
  lastUsedAt: isoOrNull(t.lastUsedAt),
  expiresAt: isoOrNull(t.expiresAt),
  revokedAt: isoOrNull(t.revokedAt),
});

const password = z.string().min(MIN_PASSWORD_LENGTH).max(1024);

export function registerAccountRoutes(app: RouteApp, deps: HttpDeps): void {
  const { ctx, options } = deps;
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: options.secureCookies };

  app.get(
    '/api/v1/setup',
    { schema: { tags: ['auth'], summary: 'Whether the first admin still has to be created', security: [], response: { 200: z.object({ needsSetup: z.boolean() }) } } },
    async () => setupStatus(ctx),
  );

  app.post(
    '/api/v1/setup',
    {
      config: { rateLimit: { max: options.loginRateLimit ?? 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Create the first admin with the one-time setup token printed at start-up',
        security: [],
        body: z
          .object({
            token: z.string().min(1).max(200),
            email: z.string().max(254),
            name: z.string().max(200).optional(),
            password,
            companyName: z.string().max(200).optional(),
            timeZone: z.string().max(100).optional(),
            holidayRegion: z.string().max(20).optional(),
            locale: locale.optional(),
          })
          .strict(),
        response: { 201: userSchema, ...errorResponses, 429: problemSchema },
      },
    },
    async (request, reply) => reply.status(201).send(presentUser(await completeSetup(ctx, request.body))),
  );

  app.post(
    '/api/v1/auth/login',
    {
      config: { rateLimit: { max: options.loginRateLimit ?? 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets an httpOnly session cookie and returns the CSRF token for writes',
        security: [],
        body: z.object({ email: z.string().max(254), password: z.string().max(1024) }).strict(),
        response: { 200: z.object({ user: userSchema, csrfToken: z.string(), expiresAt: instant }), ...errorResponses, 429: problemSchema },
      },
    },
    async (request, reply) => {
      const signedIn = await login(ctx, request.body.email, request.body.password);
      reply.setCookie(SESSION_COOKIE, signedIn.sessionToken, { ...cookieOptions, expires: new Date(signedIn.expiresAt) });
      return { user: presentUser(signedIn.user), csrfToken: signedIn.csrfToken, expiresAt: iso(signedIn.expiresAt) };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { schema: { tags: ['auth'], summary: 'Sign out (ends the session)', response: { 204: z.null() } } },
    async (request, reply) => {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie) await logout(ctx, cookie);
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Who am I',
        response: { 200: z.object({ user: userSchema.nullable(), role, customerId: z.string().nullable(), via: z.enum(['session', 'token']) }), ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const user = actor.userId ? await getUser(ctx, actor, actor.userId) : null;
      return { user: user && presentUser(user), role: actor.role, customerId: actor.customerId, via: request.authVia ?? 'token' };
    },
  );

  app.get(
    '/api/v1/users',
    { schema: { tags: ['users'], summary: 'List users (manager or admin)', querystring: z.object(pageQuery), response: { 200: pageOf(userSchema), ...errorResponses } } },
    async (request) => {
      const page = await listUsers(ctx, actorOf(request), request.query);
      return { ...page, items: page.items.map(presentUser) };
    },
  );

  app.post(
    '/api/v1/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Create a user (admin)',
        body: z
          .object({
            email: z.string().max(254),
            name: z.string().max(200).optional(),
            role,
            customerId: z.string().max(100).nullable().optional(),
            password: password.optional(),
            locale: locale.optional(),
            timeZone: z.string().max(100).nullable().optional(),
          })
          .strict(),
        response: { 201: userSchema, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(presentUser(await createUser(ctx, actorOf(request), request.body))),
  );

  app.get(
    '/api/v1/users/:id',
    { schema: { tags: ['users'], summary: 'One user', params: idParams, response: { 200: userSchema, ...errorResponses } } },
    async (request) => presentUser(await getUser(ctx, actorOf(request), request.params.id)),
  );

  app.patch(
    '/api/v1/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Change a user (admin; users may change their own name, language and zone)',
        params: idParams,
        body: z
          .object({ name: z.string().min(1).max(200).optional(), role: role.optional(), disabled: z.boolean().optional(), locale: locale.optional(), timeZone: z.string().max(100).nullable().optional() })
          .strict(),
        response: { 200: userSchema, ...errorResponses },
      },
    },
    async (request) => presentUser(await updateUser(ctx, actorOf(request), request.params.id, request.body)),
  );

  app.post(
    '/api/v1/users/:id/password',
    {
      schema: {
        tags: ['users'],
        summary: 'Set a password (admin, or the user itself); ends the user’s sessions',
        params: idParams,
        body: z.object({ password }).strict(),
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await setPassword(ctx, actorOf(request), request.params.id, request.body.password);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: 'API tokens: your own, or everyone’s for an admin',
        querystring: z.object({ userId: z.string().max(100).optional() }),
        response: { 200: z.object({ items: z.array(tokenSchema) }), ...errorResponses },
      },
    },
    async (request) => ({ items: (await listTokens(ctx, actorOf(request), request.query)).map(presentToken) }),
  );

  app.post(
    '/api/v1/tokens',
    {
      schema: {
        tags: ['tokens'],
        summary: 'Create an API token; the secret is in the answer and shown only this once',
        body: z
          .object({
            name: z.string().min(1).max(200),
            userId: z.string().max(100).optional(),
            role: role.optional(),
            customerId: z.string().max(100).nullable().optional(),
            expiresAt: instant.nullable().optional(),
          })
          .strict(),
        response: { 201: z.object({ token: z.string(), record: tokenSchema }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { expiresAt, ...rest } = request.body;
      const created = await createToken(ctx, actorOf(request), {
        ...rest,
        ...(expiresAt === undefined ? {} : { expiresAt: expiresAt === null ? null : parseInstant(expiresAt, 'expiresAt') }),
      });
      return reply.status(201).send({ token: created.token, record: presentToken(created.record) });
    },
  );

  app.delete(
    '/api/v1/tokens/:id',
    { schema: { tags: ['tokens'], summary: 'Revoke a token', params: idParams, response: { 204: z.null(), ...errorResponses } } },
    async (request, reply) => {
      await revokeToken(ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
