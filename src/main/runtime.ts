import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { pluginNotifier } from '../adapters/channels/channels.ts';
import { pdfDocuments } from '../adapters/documents/pdf-documents.ts';
import { argon2Secrets, memoryFeed, systemClock, uuidIds } from '../adapters/system.ts';
import { ensureSetupToken } from '../app/accounts/accounts.use-cases.ts';
import type { AppContext } from '../app/context.ts';
import { clockRecompute } from '../app/tickets/clock-recompute.impl.ts';
import type { CliRuntime, OpenedRuntime, RunningServer } from '../cli/runtime.ts';
import { loadConfig, type Config, type ConfigOverrides } from '../config/config.ts';
import { DomainError } from '../domain/shared/errors.ts';
import { buildApp } from '../http/app.ts';
import { backupSqlite, migrate, openStore, type Store } from '../storage/database.ts';
import { kyselyStorage } from '../storage/kysely-storage.ts';
import { runProbe } from '../workers/probes/probe.ts';
import { startWorkers, type Workers } from './workers.ts';
import packageJson from '../../package.json' with { type: 'json' };

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const VERSION = packageJson.version;

export function sqliteFileOf(config: Config): string {
  return path.join(config.dataDir, 'pledge.sqlite');
}

function openConfiguredStore(config: Config): Store {
  return config.databaseUrl ? openStore({ postgresUrl: config.databaseUrl }) : openStore({ sqliteFile: sqliteFileOf(config) });
}

/** Request and response fields that must never reach a log. */
const REDACT = ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password', '*.token'];

async function open(overrides: ConfigOverrides): Promise<OpenedRuntime & { store: Store }> {
  const config = loadConfig(process.env, overrides);
  const store = openConfiguredStore(config);
  await migrate(store);
  const storage = kyselyStorage(store);
  const ctx: AppContext = { storage, clock: systemClock, ids: uuidIds, secrets: argon2Secrets(), feed: memoryFeed(), notifier: pluginNotifier, documents: pdfDocuments() };
  return { config, ctx, store, databaseLocation: store.location, close: () => storage.close() };
}

async function serve(overrides: ConfigOverrides, print: (line: string) => void): Promise<RunningServer> {
  const runtime = await open(overrides);
  const { config, ctx } = runtime;
  const logger = pino({ level: config.logLevel, redact: { paths: REDACT, censor: '[redacted]' } });
  const webRoot = path.join(ROOT, 'web', 'dist');
  const workers: Workers | null = config.services.includes('worker') ? startWorkers(ctx, config, logger) : null;
  const app = await buildApp({
    ctx,
    recompute: clockRecompute,
    logger,
    probe: runProbe,
    ...(workers ? { onMonitorsChanged: () => workers.poke(), workerStats: () => workers.stats() } : {}),
    options: {
      secureCookies: config.secureCookies,
      trustProxy: config.trustProxy,
      publicUrl: config.publicUrl,
      version: VERSION,
      ...(fs.existsSync(webRoot) ? { webRoot } : {}),
    },
  });
  const stopAll = async (): Promise<void> => {
    await app.close();
    await workers?.stop();
    await runtime.close();
  };
  if (!config.services.includes('web')) {
    // A worker-only process (several processes on PostgreSQL): no HTTP listener.
    print(`Pledge ${VERSION} worker is running  ·  database: ${runtime.databaseLocation}`);
    return { url: '', close: stopAll };
  }
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (e) {
    await workers?.stop();
    await runtime.close();
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new DomainError('PORT_IN_USE', `port ${config.port} is in use; start with --port 3001 (or PORT=3001)`);
    }
    throw e;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = config.publicUrl.replace(/:\d+$/, `:${port}`);
  print(`Pledge ${VERSION} is running at ${url}`);
  print(`  API: ${url}/api/v1  ·  interactive docs: ${url}/api/docs  ·  database: ${runtime.databaseLocation}`);
  const setupToken = await ensureSetupToken(ctx);
  if (setupToken) {
    print('');
    print('First start: no admin exists yet. Create the first admin account at');
    print(`  ${url}/setup?token=${setupToken}`);
    print('or from the shell:  pledge user add --email you@example.com --role admin');
    print('(the setup link works once and expires in 7 days; restarting prints a new one)');
  }
  return {
    url,
    close: stopAll,
  };
}

/** The composition root's side of the command line. */
export const cliRuntime: CliRuntime = {
  open,
  async migrate(overrides) {
    const config = loadConfig(process.env, overrides);
    const store = openConfiguredStore(config);
    try {
      return { applied: await migrate(store), location: store.location };
    } finally {
      await store.close();
    }
  },
  serve,
  async backup(overrides, target) {
    const config = loadConfig(process.env, overrides);
    if (config.databaseUrl) {
      throw new DomainError('BACKUP_UNSUPPORTED', 'pledge backup copies the SQLite file; for PostgreSQL use pg_dump');
    }
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const file = path.resolve(target ?? path.join(config.dataDir, 'backups', `pledge-${stamp}.sqlite`));
    await backupSqlite(sqliteFileOf(config), file);
    return file;
  },
};
