// Remembers verified API tokens and sessions for a moment, so a client that sends many requests does not cost
// a digest lookup and a user lookup every time. Any change to users, tokens or sessions made through this
// process empties it at once. Another process (several `pledge serve` on PostgreSQL, or `pledge user
// reset-password` from the shell) cannot reach it: there a revoked token, a disabled user or a reset password
// takes effect here within AUTH_CACHE_TTL_MS (docs/server.md says so).
import { SECOND_MS } from '../../domain/shared/time.ts';
import type { Actor } from '../actor.ts';
import type { AppContext } from '../context.ts';

/** How long a verified token or session is trusted without asking the database again. */
export const AUTH_CACHE_TTL_MS = 2 * SECOND_MS;
/** Beyond this many entries the cache starts over, so a flood of distinct tokens cannot grow it. */
const MAX_ENTRIES = 10_000;

interface Entry<T> {
  readonly value: T;
  /** The entry is used while now is before this: the TTL, and any expiry or touch due sooner. */
  readonly until: number;
}

export class AuthCache {
  private readonly tokens = new Map<string, Entry<Actor>>();
  private readonly sessions = new Map<string, Entry<unknown>>();
  /** Counts changes, so a lookup that raced with a change does not store what it read before it. */
  private generation = 0;

  /** Call before reading from the database; pass the result to `remember…`. */
  begin(): number {
    return this.generation;
  }

  token(digest: string, now: number): Actor | undefined {
    return this.get(this.tokens, digest, now);
  }

  session<T>(digest: string, now: number): T | undefined {
    return this.get(this.sessions, digest, now) as T | undefined;
  }

  rememberToken(digest: string, actor: Actor, until: number, generation: number): void {
    this.put(this.tokens, digest, { value: actor, until }, generation);
  }

  rememberSession<T>(digest: string, value: T, until: number, generation: number): void {
    this.put(this.sessions, digest, { value, until }, generation);
  }

  /** After any change to users, tokens or sessions (once it is committed): forget everything. */
  clear(): void {
    this.generation += 1;
    this.tokens.clear();
    this.sessions.clear();
  }

  private get<T>(map: Map<string, Entry<T>>, key: string, now: number): T | undefined {
    const entry = map.get(key);
    if (entry === undefined) return undefined;
    if (now < entry.until) return entry.value;
    map.delete(key);
    return undefined;
  }

  private put<T>(map: Map<string, Entry<T>>, key: string, entry: Entry<T>, generation: number): void {
    if (generation !== this.generation) return;
    if (map.size >= MAX_ENTRIES) map.clear();
    map.set(key, entry);
  }
}

/** One cache per storage: tests build several apps in one process, each with its own database. */
const caches = new WeakMap<object, AuthCache>();

export function authCache(ctx: AppContext): AuthCache {
  let cache = caches.get(ctx.storage);
  if (cache === undefined) {
    cache = new AuthCache();
    caches.set(ctx.storage, cache);
  }
  return cache;
}
