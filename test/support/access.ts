// Shared pieces of the access-matrix tests: who asks, their tokens, the documented operations under some
// paths, and one attempt per role with the expected allow or deny.
import type { TestEnv } from './harness.ts';
import { bearer } from './harness.ts';

/** A customer viewer of customer A ("viewer") and of customer B ("foreign"), staff roles, and nobody. */
export type Who = 'anon' | 'viewer' | 'foreign' | 'agent' | 'manager' | 'admin';
export const EVERYONE: readonly Who[] = ['viewer', 'foreign', 'agent', 'manager', 'admin'];
export const OWN: readonly Who[] = ['viewer', 'agent', 'manager', 'admin'];
export const STAFF: readonly Who[] = ['agent', 'manager', 'admin'];
export const MANAGERS: readonly Who[] = ['manager', 'admin'];
export const ADMINS: readonly Who[] = ['admin'];

/** A token for every role; the viewers are scoped to customers A and B. */
export async function roleTokens(
  env: TestEnv,
  admin: string,
  customerA: string,
  customerB: string,
): Promise<Map<Who, string>> {
  return new Map<Who, string>([
    ['admin', admin],
    ['manager', await env.token('manager')],
    ['agent', await env.token('agent')],
    ['viewer', await env.token('customer', customerA)],
    ['foreign', await env.token('customer', customerB)],
  ]);
}

/** "METHOD /path" of every documented operation whose path is one of `prefixes` or lies below one. */
export async function documentedOps(env: TestEnv, prefixes: readonly string[]): Promise<string[]> {
  const doc = (await env.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  return Object.entries(doc.paths)
    .filter(([path]) =>
      prefixes.some(
        (p) => path === p || path.startsWith(p.endsWith('/') ? p : `${p}/`) || path.startsWith(`${p}-`),
      ),
    )
    .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`))
    .sort();
}

export interface Attempt {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Tries an operation as every role (`attempt` is called once per role, so each may get a fresh record) and
 * lists what went wrong: allowed roles must get a 2xx; the anonymous caller a 401; others a 403 or a 404.
 */
export async function accessProblems(
  env: TestEnv,
  tokens: ReadonlyMap<Who, string>,
  allow: readonly Who[],
  attempt: (who: Who) => Promise<Attempt>,
): Promise<string[]> {
  const problems: string[] = [];
  for (const who of ['anon', ...EVERYONE] as const) {
    const a = await attempt(who);
    const token = tokens.get(who);
    const res = await env.app.inject({
      method: a.method,
      url: a.url,
      headers: { ...(token ? bearer(token) : {}), ...(a.headers ?? {}) },
      ...(a.body === undefined ? {} : { payload: a.body as Record<string, unknown> }),
    });
    const allowed = allow.includes(who);
    const ok = allowed
      ? res.statusCode >= 200 && res.statusCode < 300
      : who === 'anon'
        ? res.statusCode === 401
        : res.statusCode === 403 || res.statusCode === 404;
    if (!ok)
      problems.push(
        `${who}: expected ${allowed ? 'allow' : 'deny'}, got ${res.statusCode} ${res.body.slice(0, 160)}`,
      );
  }
  return problems;
}
