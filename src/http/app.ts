import type { WorkerStats } from '../app/monitoring/metrics.use-cases.ts';
import type { ProbeRunner } from '../app/monitoring/test-monitor.use-cases.ts';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../app/context.ts';
import type { ClockRecompute } from '../app/tickets/clock-recompute.ts';
import { DomainError, isDomainError } from '../domain/shared/errors.ts';
import { statusFor } from './error-codes.ts';
import { authPlugin } from './plugins/auth.ts';
import { problem, sendProblem } from './problem.ts';
import { registerRoutes } from './routes/index.ts';

export interface HttpOptions {
  /** Mark the session cookie Secure (behind HTTPS). */
  readonly secureCookies: boolean;
  readonly publicUrl: string;
  readonly version: string;
  /** Trust X-Forwarded-* headers: true behind a reverse proxy, or the proxies' addresses. */
  readonly trustProxy?: boolean | string;
  /** Login attempts per IP and minute. */
  readonly loginRateLimit?: number;
  /** Serves the web UI from this folder when set. */
  readonly webRoot?: string;
}

export interface HttpDeps {
  readonly ctx: AppContext;
  /** Recomputes stored clocks after calendar and SLA edits. */
  readonly recompute?: ClockRecompute;
  readonly options: HttpOptions;
  /** A pino logger; none in tests. */
  readonly logger?: FastifyBaseLogger;
  /** Runs one monitor check for "test now"; without it the test actions answer MONITOR_TEST_UNAVAILABLE. */
  readonly probe?: ProbeRunner;
  /** Told when monitors were created or rescheduled, so a worker in this process looks at once. */
  readonly onMonitorsChanged?: () => void;
  /** This process's worker figures for /metrics, when it runs the worker role. */
  readonly workerStats?: () => WorkerStats;
}

export type App = FastifyInstance;
/** The app with the Zod type provider, as route modules receive it. */
export type RouteApp = ReturnType<typeof typed>;

function typed(app: FastifyInstance) {
  return app.withTypeProvider<ZodTypeProvider>();
}

function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 32 || value === null || typeof value !== 'object') return false;
  for (const [key, item] of Object.entries(value)) if (key.includes('\u0000') || containsNul(item, depth + 1)) return true;
  return false;
}

/** A browser navigation to a path of the web UI, never one under /api/ nor a file under /static/. */
function isAppRoute(method: string, route: string, accept: string | undefined): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  if (route.startsWith('/api/') || route === '/api' || route.startsWith('/static/')) return false;
  return accept === undefined || accept.includes('text/html') || accept.includes('*/*');
}

function sendWebIndex(reply: FastifyReply): FastifyReply {
  return reply.sendFile('index.html');
}

/** Largest accepted request body: imports are streamed elsewhere, so JSON bodies stay small. */
export const BODY_LIMIT = 1024 * 1024;

/**
 * Builds the HTTP application without listening, so tests can use `app.inject()` and src/main can
 * listen where it likes.
 */
export async function buildApp(deps: HttpDeps): Promise<App> {
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    bodyLimit: BODY_LIMIT,
    // Only behind a reverse proxy may X-Forwarded-For name the client; otherwise anyone could pick an address
    // and escape the per-address login limit.
    trustProxy: deps.options.trustProxy ?? false,
    ajv: undefined,
    genReqId: () => deps.ctx.ids.next(),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // Request entry point has already been routed when this runs: map every failure to a problem document.
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isDomainError(error)) {
      const status = statusFor(error.code);
      return sendProblem(reply, problem(status, error.code, error.message, error.details ? { details: error.details } : {}));
    }
    if (error.validation) {
      const errors = error.validation.map((v) => ({
        path: `${error.validationContext ?? 'body'}${v.instancePath ? v.instancePath.replace(/\//g, '.') : ''}`,
        message: v.message ?? 'invalid',
      }));
      return sendProblem(reply, problem(400, 'VALIDATION_FAILED', `the request ${error.validationContext ?? 'body'} is not valid`, { errors }));
    }
    if (error.statusCode === 429) return sendProblem(reply, problem(429, 'RATE_LIMITED', 'too many attempts; wait a minute and try again'));
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendProblem(reply, problem(413, 'PAYLOAD_TOO_LARGE', `the body is larger than ${BODY_LIMIT} bytes`));
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return sendProblem(reply, problem(415, 'UNSUPPORTED_MEDIA_TYPE', 'send JSON (application/json)'));
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      return sendProblem(reply, problem(error.statusCode, 'BAD_REQUEST', error.message));
    }
    request.log.error({ err: error, reqId: request.id }, 'unhandled error');
    return sendProblem(reply, problem(500, 'INTERNAL', `something went wrong on our side; the log has it under request id ${request.id}`));
  });
  const webIndex = deps.options.webRoot ? path.join(deps.options.webRoot, 'index.html') : null;
  const spa = webIndex !== null && fs.existsSync(webIndex);
  app.setNotFoundHandler((request, reply) => {
    const route = request.url.split('?')[0] ?? '';
    // A deep link into the web UI (/tickets/…) is the app's own route: answer with its index.html. The API
    // and the app's built files keep their 404s.
    if (spa && isAppRoute(request.method, route, request.headers.accept)) return sendWebIndex(reply);
    return sendProblem(reply, problem(404, 'NOT_FOUND', `no route ${request.method} ${route}`));
  });

  // PostgreSQL refuses NUL characters in text; refuse them at the edge for every route alike.
  app.addHook('preValidation', async (request) => {
    if (containsNul(request.body) || containsNul(request.query) || containsNul(request.params)) {
      throw new DomainError('TEXT_INVALID', 'text must not contain NUL (\\u0000) characters');
    }
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        // Pledge is often reached over plain HTTP on a LAN address; upgrading would break its own scripts.
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Pledge API',
        version: deps.options.version,
        description:
          'IT service level management: customers, services, calendars, SLAs, tickets with SLA clocks. Authenticate with `Authorization: Bearer <token>` (create one with `pledge token create`) or a session cookie plus the `x-csrf-token` header for writes. Errors are `application/problem+json` with a stable `code`.',
      },
      servers: [{ url: deps.options.publicUrl }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'An API token, e.g. plg_…' },
          session: { type: 'apiKey', in: 'cookie', name: 'pledge_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await app.register(authPlugin, { ctx: deps.ctx });
  if (spa && deps.options.webRoot) {
    await app.register(fastifyStatic, {
      root: deps.options.webRoot,
      prefix: '/',
      index: false,
      // Built files carry a content hash in their names; index.html must always be asked for again.
      setHeaders: (reply, file) => {
        reply.header('cache-control', file.includes(`${path.sep}static${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    app.get('/', { schema: { hide: true } }, async (_request, reply) => sendWebIndex(reply));
    // With the web UI built, the printed first-run link (/setup?token=…) opens the UI's own setup screen.
    app.addHook('onRequest', async (request, reply) => {
      if (request.method === 'GET' && (request.url === '/setup' || request.url.startsWith('/setup?'))) return sendWebIndex(reply);
    });
  }
  await registerRoutes(typed(app), deps);
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
