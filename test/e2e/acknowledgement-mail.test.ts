// The real server process reminds staff by mail, through a real SMTP server on loopback, of an SLA version in
// force they have not acknowledged: the worker looks at start and hourly; a restart within the reminder interval
// sends nothing more, because the database, not the process, remembers when each person was last reminded.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingSmtpServer, type RecordingSmtpServer } from '../channels/servers.ts';

const run = promisify(execFile);
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON answer of any shape
type Json = any;
const BIN = path.resolve('bin/pledge.js');
const LEAD = 'lead@example.test';
const AGENT = 'agent@example.test';

async function until<T>(what: string, timeoutMs: number, probe: () => T | undefined): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('acknowledgement reminders from the server process', () => {
  let dir: string;
  let smtp: RecordingSmtpServer;
  let server: ChildProcess | undefined;
  let url: string;
  let token: string;
  const env = (): NodeJS.ProcessEnv => ({
    ...process.env,
    PLEDGE_DATA_DIR: dir,
    LOG_LEVEL: 'warn',
    PLEDGE_SMTP_URL: `smtp://pledge:right@127.0.0.1:${smtp.port}`,
    PLEDGE_MAIL_FROM: 'Pledge <pledge@provider.example>',
    PLEDGE_PUBLIC_URL: 'http://pledge.example:8080',
    PLEDGE_ACK_REMINDER_DAYS: '3',
  });

  async function start(): Promise<ChildProcess> {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], {
      env: env(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    url = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 30_000);
      child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /running at (http:\/\/\S+)/.exec(out);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1].replace('pledge.example', '127.0.0.1'));
        }
      });
      child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
    });
    return child;
  }

  async function stop(child: ChildProcess | undefined): Promise<void> {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  async function call(
    method: string,
    route: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; json: Json }> {
    const res = await fetch(`${url}${route}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...headers,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, json: (text ? JSON.parse(text) : null) as Json };
  }

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pledge-e2e-ack-'));
    smtp = await recordingSmtpServer();
    await run(process.execPath, [BIN, 'user', 'add', '--email', LEAD, '--role', 'admin'], { env: env() });
    await run(process.execPath, [BIN, 'user', 'add', '--email', AGENT, '--role', 'agent'], { env: env() });
    token = (
      await run(process.execPath, [BIN, 'token', 'create', '--email', LEAD, '--name', 'e2e'], { env: env() })
    ).stdout.trim();
    server = await start();
  }, 60_000);

  afterAll(async () => {
    await stop(server);
    await smtp?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('mails the agent once about the new version, and not again after a restart', async () => {
    const customer = await call('POST', '/api/v1/customers', { name: 'Kanzlei Maier' });
    expect(customer.status).toBe(201);
    const sla = await call('POST', '/api/v1/slas', {
      name: 'Kanzlei Standard',
      customerIds: [customer.json.id],
      terms: { targets: { P1: { resolution: { duration: 'PT4H' } } } },
    });
    expect(sla.status).toBe(201);
    expect(
      (
        await call('POST', `/api/v1/slas/${sla.json.id}/versions/1/activate`, undefined, {
          'if-match': '"1"',
        })
      ).status,
    ).toBe(200);

    // The worker looks at start: restarting it makes the look happen now instead of within the hour.
    await stop(server);
    server = await start();
    const mail = await until('the reminder mail', 20_000, () =>
      smtp.mails.find((m) => m.envelopeTo.includes(AGENT)),
    );
    expect(mail.mail.subject).toBe('[Pledge] Please acknowledge an SLA version');
    expect(mail.mail.text).toContain('Kanzlei Standard, version 1');
    expect(mail.mail.text).toContain(
      `http://pledge.example:8080/api/v1/slas/${sla.json.id}/versions/1/quick-reference`,
    );
    // The admin owes nothing: admins need not acknowledge.
    expect(smtp.mails.map((m) => m.envelopeTo.join(','))).toEqual([AGENT]);

    await stop(server);
    server = await start();
    // Give a second reminder the chance to show up.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(smtp.mails).toHaveLength(1);
    const pending = await call('GET', '/api/v1/acknowledgements/pending');
    expect(pending.json.items.map((i: Json) => i.pending.map((p: Json) => p.email))).toEqual([[AGENT]]);
  }, 90_000);
});
