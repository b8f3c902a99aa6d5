import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { CheckResult } from '../../src/domain/monitoring/types.ts';

/*
 * Uptime Kuma v2's storage pattern for one check result, re-created on SQLite (not its code): the monitor
 * writes a `heartbeat` row, then its uptime calculator writes the result's UTC day, hour and minute rows
 * of `stat_daily`, `stat_hourly` and `stat_minutely` (up and down counts, ping average, minimum and
 * maximum) and deletes the monitor's minute rows older than 24 hours and hour rows older than 30 days,
 * each statement on its own (no surrounding transaction). Kuma keeps the counters in memory and stores a
 * bean (an INSERT for a new bucket, else an UPDATE by id, with a SELECT when the bucket changes); here each
 * write is one `INSERT … ON CONFLICT DO UPDATE`, which costs no more. The ping column holds the sum (not
 * the running average) so that the figures can be compared with ours. The statements are prepared once
 * and run synchronously through better-sqlite3: a faster driver than the one Kuma uses.
 */

const MINUTE_S = 60;
const HOUR_S = 3600;
const DAY_S = 86_400;
const KEEP_MINUTELY_S = 24 * HOUR_S;
const KEEP_HOURLY_S = 30 * DAY_S;

const SCHEMA = `
create table heartbeat (
  id integer primary key autoincrement,
  important integer not null default 0,
  monitor_id integer not null,
  status integer not null,
  msg text,
  time datetime not null,
  ping integer,
  duration integer not null default 0,
  down_count integer not null default 0,
  retries integer not null default 0
);
create index monitor_time_index on heartbeat (monitor_id, time);
create index monitor_important_time_index on heartbeat (monitor_id, important, time);
create index important on heartbeat (important);
`;

const statTable = (name: string): string => `
create table ${name} (
  id integer primary key autoincrement,
  monitor_id integer not null,
  timestamp integer not null,
  ping real not null default 0,
  ping_min real not null default 0,
  ping_max real not null default 0,
  up integer not null,
  down integer not null,
  extras text,
  unique (monitor_id, timestamp)
);`;

export interface KumaStore {
  readonly file: string;
  /** Stores one result of monitor number `monitor` (Kuma's ids are integers). */
  record(monitor: number, result: CheckResult, previousAt: number | null): void;
  /** up, down and ping sum per (monitor, bucket second) of one stat table. */
  stats(table: 'stat_minutely' | 'stat_hourly' | 'stat_daily'): Map<string, [number, number, number]>;
  close(): void;
}

export function kumaStore(dir: string, name = 'kuma.sqlite'): KumaStore {
  const file = path.join(dir, name);
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(SCHEMA + statTable('stat_minutely') + statTable('stat_hourly') + statTable('stat_daily'));
  const heartbeat = db.prepare(
    'insert into heartbeat (monitor_id, status, msg, time, ping, duration, important) values (?, ?, ?, ?, ?, ?, ?)',
  );
  const upsert = (table: string): SQLite.Statement =>
    db.prepare(
      `insert into ${table} (monitor_id, timestamp, up, down, ping, ping_min, ping_max) values (?, ?, ?, ?, ?, ?, ?)
       on conflict (monitor_id, timestamp) do update set up = up + excluded.up, down = down + excluded.down,
         ping = ping + excluded.ping, ping_min = min(ping_min, excluded.ping_min), ping_max = max(ping_max, excluded.ping_max)`,
    );
  const daily = upsert('stat_daily');
  const hourly = upsert('stat_hourly');
  const minutely = upsert('stat_minutely');
  const pruneMinutely = db.prepare('delete from stat_minutely where monitor_id = ? and timestamp < ?');
  const pruneHourly = db.prepare('delete from stat_hourly where monitor_id = ? and timestamp < ?');
  return {
    file,
    record(monitor, r, previousAt) {
      const up = r.status !== 'down';
      const ping = up ? (r.latencyMs ?? 0) : 0;
      const sec = Math.floor(r.at / 1000);
      heartbeat.run(
        monitor,
        up ? 1 : 0,
        r.message,
        new Date(r.at).toISOString().slice(0, 23).replace('T', ' '),
        up ? r.latencyMs : null,
        previousAt === null ? 0 : Math.round((r.at - previousAt) / 1000),
        0,
      );
      const u = up ? 1 : 0;
      const d = up ? 0 : 1;
      daily.run(monitor, sec - (sec % DAY_S), u, d, ping, ping, ping);
      hourly.run(monitor, sec - (sec % HOUR_S), u, d, ping, ping, ping);
      minutely.run(monitor, sec - (sec % MINUTE_S), u, d, ping, ping, ping);
      pruneMinutely.run(monitor, sec - (sec % MINUTE_S) - KEEP_MINUTELY_S);
      pruneHourly.run(monitor, sec - (sec % HOUR_S) - KEEP_HOURLY_S);
    },
    stats(table) {
      const out = new Map<string, [number, number, number]>();
      const rows = db.prepare(`select monitor_id, timestamp, up, down, ping from ${table}`).all() as {
        monitor_id: number;
        timestamp: number;
        up: number;
        down: number;
        ping: number;
      }[];
      for (const r of rows) out.set(`${r.monitor_id}:${r.timestamp * 1000}`, [r.up, r.down, r.ping]);
      return out;
    },
    close: () => db.close(),
  };
}
