// The HTTP workload: Pledge's ticket list (50 tickets a page, with clock state) and a single ticket, against
// a Fastify hello-world route on the same machine in the same run. Both servers run as their own processes;
// autocannon loads them from this process over loopback.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import { checkTarget, type BenchSuite, type TargetCheck } from './lib/suite.ts';
import { formatTable } from './lib/table.ts';

const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const BIN = path.join(ROOT, 'bin', 'pledge.js');
const TICKETS = 1_000;

function waitFor(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no start: ${out}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = pattern.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/**
 * CPU time (user + system) a process has used so far, in ms, from /proc (Linux); undefined elsewhere. Divided
 * by the requests served it gives the server's cost of one request, a figure that other load on the machine
 * disturbs far less than throughput does.
 */
function cpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    // The command name (field 2) is in parentheses and may hold spaces: count fields after its end.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / CLOCK_TICKS_PER_SECOND : undefined;
  } catch {
    return undefined;
  }
}
/** USER_HZ: 100 on every Linux architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

interface Load {
  readonly name: string;
  readonly requestsPerSecond: number;
  /** Server CPU per request over the measured run, in ms. */
  readonly serverCpuMsPerRequest: number | null;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
  readonly non2xx: number;
}

async function load(
  name: string,
  url: string,
  headers: Record<string, string>,
  seconds: number,
  server: ChildProcess,
): Promise<Load> {
  // Warm up, then measure.
  await autocannon({ url, headers, connections: 10, duration: 1 });
  const before = cpuMs(server.pid);
  const r = await autocannon({ url, headers, connections: 10, duration: seconds });
  const after = cpuMs(server.pid);
  const served = r.requests.total;
  return {
    name,
    requestsPerSecond: r.requests.average,
    serverCpuMsPerRequest:
      before === undefined || after === undefined || served === 0 ? null : (after - before) / served,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    errors: r.errors,
    non2xx: r.non2xx,
  };
}

async function seed(base: string, token: string): Promise<string> {
  const call = async (method: string, route: string, body: unknown): Promise<{ id: string }> => {
    const res = await fetch(`${base}${route}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`${route}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string };
  };
  const office = {
    timeZone: 'Europe/Berlin',
    hours: {
      mon: ['08:00-17:00'],
      tue: ['08:00-17:00'],
      wed: ['08:00-17:00'],
      thu: ['08:00-17:00'],
      fri: ['08:00-17:00'],
    },
    holidayRegions: ['DE-BY'],
  };
  const calendar = await call('POST', '/api/v1/calendars', { name: 'Office', definition: office });
  const customer = await call('POST', '/api/v1/customers', { name: 'Kanzlei Maier' });
  const sla = await call('POST', '/api/v1/slas', {
    name: 'Managed',
    terms: {
      targets: Object.fromEntries(
        ['P1', 'P2', 'P3', 'P4'].map((p, i) => [
          p,
          {
            firstResponse: { duration: `PT${i + 1}H`, calendarId: calendar.id },
            resolution: { duration: `PT${(i + 1) * 8}H`, calendarId: calendar.id },
          },
        ]),
      ),
      pauseStatuses: ['waiting for customer'],
      warnings: [0.5, 0.75],
    },
  });
  const version = await fetch(`${base}/api/v1/slas/${sla.id}/versions/1`, {
    headers: { authorization: `Bearer ${token}` },
  });
  await fetch(`${base}/api/v1/slas/${sla.id}/versions/1/activate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'if-match': version.headers.get('etag') ?? '' },
  });
  await call('PUT', '/api/v1/assignment-rules', {
    rules: [{ customerId: null, serviceId: null, priority: null, ticketType: null, slaId: sla.id }],
  });
  let last = '';
  const levels = ['high', 'medium', 'low'] as const;
  for (let i = 0; i < TICKETS; i++) {
    const t = await call('POST', '/api/v1/tickets', {
      customerId: customer.id,
      title: `Ticket ${i}`,
      impact: levels[i % 3],
      urgency: levels[(i >> 1) % 3],
      createdAt: new Date(Date.now() - (i % 200) * 3_600_000).toISOString(),
    });
    last = t.id;
  }
  return last;
}

export const httpSuite: BenchSuite = {
  name: 'http',
  title: `HTTP: ticket list (50 a page, with clocks) and one ticket vs a Fastify hello world (${TICKETS} tickets, SQLite)`,
  async run({ quick }) {
    const seconds = quick ? 3 : 10;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pledge-bench-'));
    const env = { ...process.env, PLEDGE_DATA_DIR: dir, LOG_LEVEL: 'error' };
    await run(process.execPath, [BIN, 'user', 'add', '--email', 'bench@example.test', '--role', 'admin'], {
      env,
    });
    const token = (
      await run(
        process.execPath,
        [BIN, 'token', 'create', '--email', 'bench@example.test', '--name', 'bench'],
        { env },
      )
    ).stdout.trim();
    // PLEDGE_BENCH_CPU_PROF=<folder> writes a CPU profile of the Pledge server there when it stops.
    const profile = process.env['PLEDGE_BENCH_CPU_PROF'];
    const profiling = profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profile)}`] : [];
    const pledge = spawn(
      process.execPath,
      [...profiling, BIN, 'serve', '--port', '0', '--host', '127.0.0.1'],
      { env, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const hello = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'bench', 'http', 'hello-server.ts')],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      const base = (await waitFor(pledge, /running at (http:\/\/\S+)/)).replace('localhost', '127.0.0.1');
      const helloPort = await waitFor(hello, /listening (\d+)/);
      const ticket = await seed(base, token);
      const auth = { authorization: `Bearer ${token}` };
      const results = [
        await load('Fastify hello world', `http://127.0.0.1:${helloPort}/hello`, {}, seconds, hello),
        await load(
          'GET /api/v1/tickets (50 a page)',
          `${base}/api/v1/tickets?limit=50`,
          auth,
          seconds,
          pledge,
        ),
        await load(
          'GET /api/v1/tickets?clock=at_risk',
          `${base}/api/v1/tickets?limit=50&clock=at_risk`,
          auth,
          seconds,
          pledge,
        ),
        await load(
          'GET /api/v1/tickets/{id} (with timeline)',
          `${base}/api/v1/tickets/${ticket}`,
          auth,
          seconds,
          pledge,
        ),
      ];
      const [baseline, list, , single] = results as [Load, Load, Load, Load];
      console.log(
        formatTable(
          ['route', 'req/s', 'p50 ms', 'p99 ms', 'vs hello world', 'server CPU ms/req', 'errors'],
          results.map((r) => [
            r.name,
            r.requestsPerSecond.toFixed(0),
            String(r.p50Ms),
            String(r.p99Ms),
            `${((100 * r.requestsPerSecond) / baseline.requestsPerSecond).toFixed(1)} %`,
            r.serverCpuMsPerRequest === null ? '–' : r.serverCpuMsPerRequest.toFixed(3),
            String(r.errors + r.non2xx),
          ]),
        ),
      );
      const targets: TargetCheck[] = [
        checkTarget(
          'list-vs-hello',
          'ticket list throughput vs hello world',
          (100 * list.requestsPerSecond) / baseline.requestsPerSecond,
          '>=',
          70,
          '%',
        ),
        checkTarget('list-p99', 'ticket list p99 latency', list.p99Ms, '<', 25, 'ms'),
        checkTarget('single-p99', 'single ticket p99 latency', single.p99Ms, '<', 25, 'ms'),
      ];
      const failures = results.reduce((n, r) => n + r.errors + r.non2xx, 0);
      if (failures > 0) console.error(`${failures} request(s) failed during the load`);
      return {
        data: { tickets: TICKETS, seconds, connections: 10, results },
        targets,
        disagreements: failures > 0 ? 1 : 0,
      };
    } finally {
      await stop(pledge);
      await stop(hello);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
