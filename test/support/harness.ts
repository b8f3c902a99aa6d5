// Builds a real Pledge app on a fresh SQLite file or a fresh PostgreSQL database, for API and storage tests.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { pluginNotifier } from '../../src/adapters/channels/channels.ts';
import { argon2Secrets, memoryFeed, uuidIds } from '../../src/adapters/system.ts';
import { createToken, createUser } from '../../src/app/accounts/accounts.use-cases.ts';
import { SYSTEM_ACTOR, type Role } from '../../src/app/actor.ts';
import type { AppContext } from '../../src/app/context.ts';
import { pdfDocuments } from '../../src/adapters/documents/pdf-documents.ts';
import type { Clock } from '../../src/app/ports/system.ts';
import { buildApp, type App } from '../../src/http/app.ts';
import { migrate, openStore, type Store } from '../../src/storage/database.ts';
import { clockRecompute } from '../../src/app/tickets/clock-recompute.impl.ts';
import { kyselyStorage } from '../../src/storage/kysely-storage.ts';
import { runProbe } from '../../src/workers/probes/probe.ts';
import type { SqlDialectName } from '../../src/storage/sql-dialect.ts';

export const DIALECTS: readonly SqlDialectName[] = ['sqlite', 'postgres'];
export const POSTGRES_ADMIN_URL = process.env['PLEDGE_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A clock the test moves by hand. */
export class TestClock implements Clock {
  constructor(public current: number) {}
  now(): number {
    return this.current;
  }
  set(ms: number): void {
    this.current = ms;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

export interface TestEnv {
  readonly dialect: SqlDialectName;
  readonly ctx: AppContext;
  readonly clock: TestClock;
  readonly app: App;
  /** The open database, for fixtures that have no API yet. */
  readonly store: Store;
  /** A bearer token per role (customer tokens are scoped to `customerId`). */
  token(role: Role, customerId?: string): Promise<string>;
  close(): Promise<void>;
}

/** Creates a fresh, migrated database of the dialect and returns how to reach and drop it. */
export async function freshDatabase(dialect: SqlDialectName): Promise<{ options: { sqliteFile: string } | { postgresUrl: string }; drop: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pledge-test-'));
    return { options: { sqliteFile: path.join(dir, 'pledge.sqlite') }, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `pledge_test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    options: { postgresUrl: url.toString() },
    drop: async () => {
      const c = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export const TEST_START = Date.UTC(2026, 2, 2, 7, 0, 0); // Monday 2026-03-02 08:00 in Berlin

export async function createTestEnv(dialect: SqlDialectName, start = TEST_START): Promise<TestEnv> {
  const database = await freshDatabase(dialect);
  const store = openStore(database.options);
  await migrate(store);
  const storage = kyselyStorage(store);
  const clock = new TestClock(start);
  // Cheap argon2id parameters keep tests fast; production uses the OWASP baseline.
  const ctx: AppContext = { storage, clock, ids: uuidIds, secrets: argon2Secrets({ memoryCost: 1024, timeCost: 1 }), feed: memoryFeed(), notifier: pluginNotifier, documents: pdfDocuments() };
  const app = await buildApp({ ctx, recompute: clockRecompute, probe: runProbe, options: { secureCookies: false, publicUrl: 'http://localhost:3000', version: 'test', loginRateLimit: 5 } });
  const tokens = new Map<string, string>();
  return {
    dialect,
    ctx,
    clock,
    app,
    store,
    async token(role, customerId) {
      const key = `${role}:${customerId ?? ''}`;
      const known = tokens.get(key);
      if (known) return known;
      const user = await createUser(ctx, SYSTEM_ACTOR, {
        email: `${role}-${randomUUID().slice(0, 8)}@example.test`,
        role,
        ...(role === 'customer' ? { customerId: customerId ?? null } : {}),
      });
      const created = await createToken(ctx, { ...SYSTEM_ACTOR, userId: user.id }, { name: `${role} test token`, userId: user.id });
      tokens.set(key, created.token);
      return created.token;
    },
    async close() {
      await app.close();
      await storage.close();
      await database.drop();
    },
  };
}

export const bearer = (token: string): { authorization: string } => ({ authorization: `Bearer ${token}` });

/** Two customers, "Kanzlei Maier" (own) and "Zahnarzt Ost" (foreign), created through the API. */
export async function twoCustomers(env: TestEnv, token: string): Promise<{ own: { id: string; name: string }; foreign: { id: string; name: string } }> {
  const create = async (name: string): Promise<{ id: string; name: string }> =>
    (await env.app.inject({ method: 'POST', url: '/api/v1/customers', headers: bearer(token), payload: { name } })).json();
  return { own: await create('Kanzlei Maier'), foreign: await create('Zahnarzt Ost') };
}
