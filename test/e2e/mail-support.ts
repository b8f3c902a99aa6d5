// What the mail tests of the server process need: `pledge serve` on a fresh data folder, with its mail going to a
// real SMTP server on loopback, users and an API token made with the CLI, and a way to stop and start it again.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll } from 'vitest';
import { recordingSmtpServer, type RecordingSmtpServer } from '../channels/servers.ts';

const run = promisify(execFile);
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON answer of any shape
export type Json = any;
const BIN = path.resolve('bin/pledge.js');

/** Polls `probe` every 200 ms until it gives a value; fails after `timeoutMs`. */
export async function until<T>(what: string, timeoutMs: number, probe: () => T | undefined): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export interface ServerWithMail {
  /** The running server's URL (it changes with every start: the port is free, not fixed). */
  readonly url: string;
  /** An API token of the first user. */
  readonly token: string;
  readonly smtp: RecordingSmtpServer;
  start: () => Promise<void>;
  stop: (signal?: NodeJS.Signals) => Promise<void>;
  call: (
    method: string,
    route: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) => Promise<{ status: number; json: Json }>;
}

/**
 * Registers the suite's beforeAll and afterAll: a fresh data folder (named after `dirPrefix`), the SMTP server,
 * the `users` (the first one gets the API token) and the running server; `env` adds settings of the test's own.
 * Mail links point at http://pledge.example:8080.
 */
export function serverWithMail(options: {
  dirPrefix: string;
  users: readonly { email: string; role: string }[];
  env?: Readonly<Record<string, string>>;
}): ServerWithMail {
  let dir: string;
  let smtp: RecordingSmtpServer | undefined;
  let server: ChildProcess | undefined;
  let url: string | undefined;
  let token: string | undefined;
  const env = (): NodeJS.ProcessEnv => ({
    ...process.env,
    PLEDGE_DATA_DIR: dir,
    LOG_LEVEL: 'warn',
    PLEDGE_SMTP_URL: `smtp://pledge:right@127.0.0.1:${smtp?.port}`,
    PLEDGE_MAIL_FROM: 'Pledge <pledge@provider.example>',
    PLEDGE_PUBLIC_URL: 'http://pledge.example:8080',
    ...options.env,
  });

  async function start(): Promise<void> {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], {
      env: env(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server = child;
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
  }

  async function stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = server;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }

  const running = {
    get url(): string {
      if (url === undefined) throw new Error('server did not start');
      return url;
    },
    get token(): string {
      if (token === undefined) throw new Error('no API token was made');
      return token;
    },
    get smtp(): RecordingSmtpServer {
      if (!smtp) throw new Error('SMTP server did not start');
      return smtp;
    },
    start,
    stop,
    call: async (
      method: string,
      route: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ): Promise<{ status: number; json: Json }> => {
      const res = await fetch(`${running.url}${route}`, {
        method,
        headers: {
          authorization: `Bearer ${running.token}`,
          ...headers,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, json: (text ? JSON.parse(text) : null) as Json };
    },
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), options.dirPrefix));
    smtp = await recordingSmtpServer();
    for (const user of options.users)
      await run(process.execPath, [BIN, 'user', 'add', '--email', user.email, '--role', user.role], {
        env: env(),
      });
    const first = options.users[0];
    if (!first) throw new Error('name at least one user');
    token = (
      await run(process.execPath, [BIN, 'token', 'create', '--email', first.email, '--name', 'e2e'], {
        env: env(),
      })
    ).stdout.trim();
    await start();
  }, 60_000);

  afterAll(async () => {
    await stop('SIGTERM');
    await smtp?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  return running;
}
