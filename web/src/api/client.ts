// The typed API client: openapi-fetch over the types generated from docs/openapi.json (npm run api:web).
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

const CSRF_KEY = 'pledge.csrf';

/** The session's CSRF token: the API hands it out only at sign-in, so it is kept for the next page loads. */
export const csrf = {
  get: (): string | null => safe(() => localStorage.getItem(CSRF_KEY)),
  set: (token: string | null): void => {
    safe(() => (token === null ? localStorage.removeItem(CSRF_KEY) : localStorage.setItem(CSRF_KEY, token)));
  },
};

function safe<T>(read: () => T): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}

/** A refusal of the API, as its application/problem+json body says. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors: readonly { path: string; message: string }[] = [],
  ) {
    super(detail);
  }
}

const unauthenticatedListeners = new Set<() => void>();
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

const session: Middleware = {
  onRequest({ request }) {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      const token = csrf.get();
      if (token) request.headers.set('x-csrf-token', token);
    }
    return request;
  },
  onResponse({ response, request }) {
    if (response.status === 401 && !request.url.includes('/auth/'))
      for (const listener of unauthenticatedListeners) listener();
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(session);

interface Problem {
  readonly code?: string;
  readonly detail?: string;
  readonly errors?: readonly { path: string; message: string }[];
}

/** The answer's data, or an ApiError carrying the problem's code. */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch {
    throw new ApiError(0, 'NETWORK', 'network');
  }
  const { data, error, response } = result;
  if (!response.ok || error !== undefined) {
    const body = (error ?? {}) as Problem;
    throw new ApiError(
      response.status,
      body.code ?? `HTTP_${response.status}`,
      body.detail ?? response.statusText,
      body.errors ?? [],
    );
  }
  return data as T;
}

/** Like unwrap, with the answer's ETag (the revision to send back as If-Match). */
export async function unwrapWithEtag<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<{ data: T; etag: string }> {
  let etag = '*';
  const data = await unwrap(
    call.then((result) => {
      etag = result.response.headers.get('etag') ?? '*';
      return result;
    }),
  );
  return { data, etag };
}

export type Schemas = paths;
type JsonOf<R> = R extends { content: { 'application/json': infer J } } ? J : never;
/** The JSON answer of GET on a path, e.g. `Answer<'/api/v1/tickets/{id}'>`. */
export type Answer<
  P extends keyof paths,
  M extends 'get' | 'post' | 'put' | 'patch' = 'get',
> = paths[P][M] extends {
  responses: infer R;
}
  ? R extends { 200: infer Ok }
    ? JsonOf<Ok>
    : R extends { 201: infer Created }
      ? JsonOf<Created>
      : never
  : never;
/** The JSON body of a request. */
export type Body<P extends keyof paths, M extends 'post' | 'put' | 'patch'> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;
