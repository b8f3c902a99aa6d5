import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { memoryFeed, systemClock, uuidIds } from '../../src/adapters/system.ts';
import type { AppContext } from '../../src/app/context.ts';
import type { MonitorRecord } from '../../src/app/monitoring/monitoring.repository.ts';
import type { Clock } from '../../src/app/ports/system.ts';
import { initialTrackerState } from '../../src/domain/monitoring/check-sequence.ts';
import {
  parseMonitorDefinition,
  type MonitorDefinition,
} from '../../src/domain/monitoring/monitor-definition.ts';
import { migrate, openStore, type Store } from '../../src/storage/database.ts';
import { kyselyStorage } from '../../src/storage/kysely-storage.ts';

/** A fresh, migrated SQLite file (WAL, as in production) with the app context over it. */
export interface BenchStore {
  readonly dir: string;
  readonly file: string;
  readonly store: Store;
  readonly ctx: AppContext;
  close(): Promise<void>;
}

/** A clock the bench sets by hand, for workloads that replay time. */
export class FixedClock implements Clock {
  constructor(public current: number) {}
  now(): number {
    return this.current;
  }
}

/** A scratch directory for the baselines' own SQLite files, removed by the caller. */
export function scratchDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'pledge-bench-monitoring-'));
}

export async function freshStore(clock: Clock = systemClock): Promise<BenchStore> {
  const dir = scratchDir();
  const file = path.join(dir, 'pledge.sqlite');
  const store = openStore({ sqliteFile: file });
  await migrate(store);
  const storage = kyselyStorage(store);
  const ctx: AppContext = {
    storage,
    clock,
    ids: uuidIds,
    // Monitoring never hashes passwords; a stub keeps argon2 out of the bench.
    secrets: {
      hashPassword: () => Promise.reject(new Error('not used')),
      verifyPassword: () => Promise.resolve(false),
      randomToken: () => randomUUID(),
      digest: (s) => s,
    },
    feed: memoryFeed(),
  };
  return {
    dir,
    file,
    store,
    ctx,
    close: async () => {
      await storage.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Inserts services straight into the catalogue table; returns their ids. */
export async function insertServices(b: BenchStore, count: number, now: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `svc-${String(i).padStart(4, '0')}`);
  for (let i = 0; i < ids.length; i += 200) {
    await b.store.db
      .insertInto('services')
      .values(
        ids.slice(i, i + 200).map((id) => ({
          id,
          name: `Service ${id}`,
          description: null,
          owner: null,
          created_at: now,
          updated_at: now,
          archived_at: null,
        })),
      )
      .execute();
  }
  return ids;
}

/** An HTTP monitor definition at `intervalSeconds` that confirms at the first failure and recovery. */
export function httpDefinition(intervalSeconds: number): MonitorDefinition {
  return parseMonitorDefinition({
    kind: 'http',
    intervalSeconds,
    timeoutSeconds: Math.min(5, intervalSeconds - 1),
    failuresToConfirm: 1,
    successesToRecover: 1,
    config: { url: 'http://service.invalid/health' },
  });
}

/** Inserts one monitor per service (through the repository), first due at `nextCheckAt(i)`. */
export async function insertMonitors(
  b: BenchStore,
  serviceIds: readonly string[],
  definition: MonitorDefinition,
  now: number,
  nextCheckAt: (index: number) => number | null,
  customerId: string | null = null,
): Promise<MonitorRecord[]> {
  const monitors = serviceIds.map((serviceId, i): MonitorRecord => ({
    id: `mon-${String(i).padStart(4, '0')}`,
    name: `Monitor ${i}`,
    serviceId,
    customerId,
    kind: definition.kind,
    definition,
    paused: false,
    heartbeatTokenHash: null,
    createdAt: now,
    updatedAt: now,
    archivedAt: null,
    runtime: {
      state: 'unknown',
      stateSince: now,
      tracker: initialTrackerState(),
      nextCheckAt: nextCheckAt(i),
      lastCheck: null,
    },
  }));
  await b.ctx.storage.transaction(async (repos) => {
    for (const m of monitors) await repos.monitoring.insertMonitor(m);
  });
  return monitors;
}
