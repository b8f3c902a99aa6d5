// Two worker processes (`pledge serve --services worker`) on one PostgreSQL database and 1,000 tickets that
// breach within the same minute: exactly 1,000 breach notices go out, none twice. The claim with
// FOR UPDATE SKIP LOCKED and the fire transaction, not the timers, are what keep the two apart.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingHttpServer, type RecordingHttpServer } from '../channels/servers.ts';
import { bearer, createTestEnv, type TestEnv } from '../support/harness.ts';
import { insertSla } from '../support/ticket-fixtures.ts';

const BIN = path.resolve('bin/pledge.js');
const TICKETS = 1_000;

describe('two worker processes on PostgreSQL', () => {
  let env: TestEnv;
  let dir: string;
  let hook: RecordingHttpServer;
  const workers: ChildProcess[] = [];

  function startWorker(databaseUrl: string): Promise<ChildProcess> {
    const child = spawn(process.execPath, [BIN, 'serve', '--services', 'worker'], {
      env: { ...process.env, DATABASE_URL: databaseUrl, PLEDGE_DATA_DIR: dir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new Promise((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`worker did not start: ${out}`)), 30_000);
      child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('worker is running')) {
          clearTimeout(timer);
          resolve(child);
        }
      });
      child.on('exit', (code) => reject(new Error(`worker exited with ${code}: ${out}`)));
    });
  }

  beforeAll(async () => {
    env = await createTestEnv('postgres', Date.now());
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pledge-e2e-workers-'));
    hook = await recordingHttpServer();
    // The store names the database by its URL (a password would show as ***: the test server needs none).
    for (let i = 0; i < 2; i++) workers.push(await startWorker(env.store.location));
  }, 90_000);

  afterAll(async () => {
    for (const w of workers) {
      if (w.exitCode !== null || w.signalCode !== null) continue;
      const exited = new Promise((resolve) => w.once('exit', resolve));
      w.kill('SIGTERM');
      await exited;
    }
    await hook?.close();
    await env?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sends each of 1,000 breach notices exactly once', async () => {
    const admin = await env.token('admin');
    const call = async (url: string, payload: unknown) => {
      const res = await env.app.inject({ method: 'POST', url, headers: bearer(admin), payload: payload as Record<string, unknown> });
      if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      return res.json();
    };
    const customerId = (await call('/api/v1/customers', { name: 'Many tickets' })).id;
    const slaId = await insertSla(env, 'One minute', { targets: { P1: { resolution: { durationMs: 60_000, calendarId: null } } }, pauseStatuses: [], warnings: [], availability: [], reviewIntervalMonths: 12, credits: [] });
    await call('/api/v1/notification-channels', { id: 'hook', name: 'Hook', kind: 'webhook', config: { url: `${hook.url}/hook`, secret: 'a-long-shared-secret-value' } });
    await call('/api/v1/escalation-policies', {
      id: 'breach',
      name: 'Breach',
      slaIds: [slaId],
      levels: [{ trigger: { kind: 'breach' }, actions: [{ kind: 'notify_role', role: 'admin' }], channels: ['hook'] }],
    });
    // Created in the past, so that all of them breach within the minute starting 20 s from now.
    const breachFrom = Date.now() + 20_000;
    for (let i = 0; i < TICKETS; i++) {
      env.clock.set(Date.now());
      const createdAt = new Date(breachFrom - 60_000 + Math.floor((i * 60_000) / TICKETS)).toISOString();
      await call('/api/v1/tickets', { customerId, title: `Ticket ${i}`, priority: 'P1', slaId, createdAt });
    }

    const db = env.store.db;
    const deadline = Date.now() + 150_000;
    for (;;) {
      const sent = await db.selectFrom('notifications').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'sent').executeTakeFirstOrThrow();
      if (Number(sent.n) >= TICKETS || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    // Room for a duplicate to arrive, if there were one.
    await new Promise((resolve) => setTimeout(resolve, 3_000));

    const steps = await db.selectFrom('escalation_steps').select(['status']).execute();
    expect(steps.filter((s) => s.status === 'fired')).toHaveLength(TICKETS);
    const notices = await db.selectFrom('notifications').select(['status', 'idempotency_key']).execute();
    expect(notices).toHaveLength(TICKETS);
    expect(notices.every((n) => n.status === 'sent')).toBe(true);
    const keys = hook.requests.map((r) => String(r.headers['idempotency-key']));
    expect(keys).toHaveLength(TICKETS);
    expect(new Set(keys).size).toBe(TICKETS);
  }, 300_000);
});

