// The real server process on a free port with a fresh SQLite file: an IT lead's first hour, over HTTP with an
// API token made on the shell, ending with the due time the engine predicts.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BusinessCalendar } from '../../src/domain/calendars/business-calendar.ts';
import { formatInstant, HOUR_MS, parseInstant } from '../../src/domain/shared/time.ts';

const run = promisify(execFile);
// Answers are read loosely here; their shapes are asserted by the API tests.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON answer of any shape
type Json = any;
const BIN = path.resolve('bin/pledge.js');

const OFFICE = {
  timeZone: 'Europe/Berlin',
  hours: { mon: ['08:00-17:00'], tue: ['08:00-17:00'], wed: ['08:00-17:00'], thu: ['08:00-17:00'], fri: ['08:00-17:00'] },
  holidayRegions: ['DE-BY'],
};

describe('the server process', () => {
  let dir: string;
  let server: ChildProcess;
  let url: string;
  let token: string;
  const env = (): NodeJS.ProcessEnv => ({ ...process.env, PLEDGE_DATA_DIR: dir, LOG_LEVEL: 'warn' });

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pledge-e2e-'));
    await run(process.execPath, [BIN, 'user', 'add', '--email', 'lead@example.test', '--role', 'admin'], { env: env() });
    token = (await run(process.execPath, [BIN, 'token', 'create', '--email', 'lead@example.test', '--name', 'e2e'], { env: env() })).stdout.trim();
    server = spawn(process.execPath, [BIN, 'serve', '--port', '0'], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    url = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 30_000);
      server.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /running at (http:\/\/\S+)/.exec(out);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      server.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
    });
  }, 60_000);

  afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function call(method: string, route: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Json; etag: string | null }> {
    const res = await fetch(`${url}${route}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, json: (text ? JSON.parse(text) : null) as Json, etag: res.headers.get('etag') };
  }

  it('answers health and refuses requests without a token', async () => {
    expect((await fetch(`${url}/api/v1/health`)).status).toBe(200);
    expect((await fetch(`${url}/api/v1/tickets`)).status).toBe(401);
  });

  it('measures a ticket on the SLA it was assigned, with the due time the engine predicts', async () => {
    const calendar = await call('POST', '/api/v1/calendars', { name: 'Office Munich', definition: OFFICE });
    expect(calendar.status).toBe(201);
    const customer = await call('POST', '/api/v1/customers', { name: 'Kanzlei Maier', timeZone: 'Europe/Berlin' });
    const service = await call('POST', '/api/v1/services', { name: 'Mail' });
    const sla = await call('POST', '/api/v1/slas', {
      name: 'Managed Mail',
      customerIds: [customer.json.id],
      serviceIds: [service.json.id],
      terms: {
        targets: { P2: { firstResponse: { duration: 'PT1H', calendarId: calendar.json.id }, resolution: { duration: 'PT8H', calendarId: calendar.json.id } } },
        pauseStatuses: ['waiting for customer'],
        warnings: [0.75],
      },
    });
    expect(sla.status).toBe(201);
    const version = await call('GET', `/api/v1/slas/${sla.json.id}/versions/1`);
    const activated = await call('POST', `/api/v1/slas/${sla.json.id}/versions/1/activate`, undefined, { 'if-match': version.etag ?? '' });
    expect(activated.status).toBe(200);
    expect((await call('PUT', '/api/v1/assignment-rules', { rules: [{ customerId: null, serviceId: null, priority: null, ticketType: null, slaId: sla.json.id }] })).status).toBe(200);

    const created = '2026-11-23T08:00:00Z'; // Monday 09:00 in Munich
    const ticket = await call('POST', '/api/v1/tickets', { customerId: customer.json.id, serviceId: service.json.id, title: 'Mail does not arrive', priority: 'P2', createdAt: created });
    expect(ticket.status).toBe(201);
    const id = ticket.json.id as string;
    for (const event of [
      { type: 'reply', author: 'agent', public: true, body: 'We are on it', at: '2026-11-23T08:40:00Z' },
      { type: 'status', status: 'waiting for customer', at: '2026-11-23T10:00:00Z' },
      { type: 'status', status: 'in progress', at: '2026-11-24T08:00:00Z' },
    ]) {
      expect((await call('POST', `/api/v1/tickets/${id}/events`, event)).status).toBe(201);
    }

    const cal = BusinessCalendar.from(OFFICE);
    const counted = cal.elapsed(parseInstant(created), parseInstant('2026-11-23T10:00:00Z'));
    const expectedDue = formatInstant(cal.due(parseInstant('2026-11-24T08:00:00Z'), 8 * HOUR_MS - counted));
    expect(expectedDue).toBe('2026-11-24T14:00:00Z');

    const detail = await call('GET', `/api/v1/tickets/${id}`);
    const clocks = detail.json.clocks as { id: string; state: string; dueAt: string | null; stoppedAt: string | null }[];
    const resolution = clocks.find((c) => c.id === 'resolution');
    const firstResponse = clocks.find((c) => c.id === 'first_response');
    expect(resolution?.dueAt).toBe(expectedDue);
    expect(firstResponse).toMatchObject({ state: 'met', stoppedAt: '2026-11-23T08:40:00Z' });
    // It is past that instant now, and the ticket is not resolved: the list knows it is breached.
    const breached = await call('GET', `/api/v1/tickets?clock=breached&customer=${customer.json.id}`);
    expect(breached.json.items.map((t: { id: string }) => t.id)).toEqual([id]);
  });
});
