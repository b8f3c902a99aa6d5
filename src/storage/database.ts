import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import { migrationProvider } from './migrations/index.ts';
import type { Database } from './schema.ts';
import type { SqlDialectName } from './sql-dialect.ts';

/** An open database: the Kysely handle and which dialect it speaks. */
export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: SqlDialectName;
  /** Where it lives, for messages: a file path, or the URL without its password. */
  readonly location: string;
  close(): Promise<void>;
}

export type StoreOptions = { readonly sqliteFile: string } | { readonly postgresUrl: string; readonly poolSize?: number };

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/** Hides the password of a PostgreSQL URL. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query anew; preparing costs about as much as running a small query. Statements are
 * reusable in better-sqlite3 (it runs them synchronously), so keep the recent ones by their SQL text.
 */
function withStatementCache(database: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => database.close(),
    prepare(text: string) {
      let statement = cache.get(text);
      if (statement) {
        // Most recently used last, so the oldest is the first key.
        cache.delete(text);
      } else {
        statement = database.prepare(text);
        if (cache.size >= STATEMENT_CACHE_SIZE) {
          const oldest = cache.keys().next().value;
          if (oldest !== undefined) cache.delete(oldest);
        }
      }
      cache.set(text, statement);
      return statement;
    },
  };
}

export function openStore(options: StoreOptions): Store {
  if ('sqliteFile' in options) {
    if (options.sqliteFile !== ':memory:') fs.mkdirSync(path.dirname(options.sqliteFile), { recursive: true });
    const database = new SQLite(options.sqliteFile);
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('busy_timeout = 5000');
    database.pragma('foreign_keys = ON');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
    return { db, dialect: 'sqlite', location: options.sqliteFile, close: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: options.postgresUrl,
    max: options.poolSize ?? 10,
    // Instants are bigint milliseconds: read them back as numbers (safe up to 2^53).
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID || oid === NUMERIC_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle pooled connection that the server ends (a restart, an administrator, a dropped database) is
  // reported on the pool; the pool discards it and opens a new one when needed. Unheard, the event would
  // end the process.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', location: redactUrl(options.postgresUrl), close: () => db.destroy() };
}

/** Applies every pending migration; returns the names applied now. */
export async function migrate(store: Store): Promise<string[]> {
  const migrator = new Migrator({ db: store.db, provider: migrationProvider(store.dialect) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Online backup of the SQLite file (consistent while the server runs). */
export async function backupSqlite(sqliteFile: string, target: string): Promise<void> {
  const database = new SQLite(sqliteFile, { readonly: true, fileMustExist: true });
  try {
    fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
    await database.backup(target);
  } finally {
    database.close();
  }
}

/** A quick liveness query for the health endpoint. */
export async function ping(store: Store): Promise<void> {
  await sql`select 1`.execute(store.db);
}
