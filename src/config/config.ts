import path from 'node:path';
import { DomainError } from '../domain/shared/errors.ts';

/** The validated configuration of a Pledge process. */
export interface Config {
  readonly port: number;
  readonly host: string;
  /** Where the SQLite file, backups and generated files live. */
  readonly dataDir: string;
  /** `postgres://…` to use PostgreSQL; undefined for the embedded SQLite file. */
  readonly databaseUrl: string | undefined;
  /** The address people reach Pledge at (links in mails, the setup URL). */
  readonly publicUrl: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Mark cookies Secure; on by default when publicUrl is https. */
  readonly secureCookies: boolean;
  /** Trust X-Forwarded-For from a reverse proxy: false, true, or the proxies' addresses (comma-separated). */
  readonly trustProxy: boolean | string;
  /** Which roles this process plays. */
  readonly services: readonly ('web' | 'worker')[];
  /** Days raw monitor check results are kept (state spans and rollups are kept for good). */
  readonly checkRetentionDays: number;
  /** Monitor checks a worker runs at once. */
  readonly monitorConcurrency: number;
  /** `smtp://user:password@host:587` (or `smtps://…`): the default e-mail channel for escalation notices. */
  readonly smtpUrl: string | undefined;
  /** The sender of escalation mails sent through `smtpUrl`. */
  readonly mailFrom: string;
  /** Days between two reminders to a staff member of SLA versions they have not acknowledged. */
  readonly ackReminderDays: number;
}

const LOG_LEVELS = new Set(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** Overrides from command-line flags win over the environment. */
export interface ConfigOverrides {
  readonly port?: number | string;
  readonly host?: string;
  readonly dataDir?: string;
  readonly databaseUrl?: string;
  readonly services?: string;
}

function bad(message: string): DomainError {
  return new DomainError('CONFIG_INVALID', message);
}

export function loadConfig(env: Readonly<Record<string, string | undefined>>, overrides: ConfigOverrides = {}): Config {
  const rawPort = overrides.port ?? env['PORT'] ?? '3000';
  const port = Number(rawPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw bad(`PORT must be a port number, not "${rawPort}"`);
  const host = overrides.host ?? env['HOST'] ?? 'localhost';
  const dataDir = path.resolve(overrides.dataDir ?? env['PLEDGE_DATA_DIR'] ?? 'data');
  const databaseUrl = overrides.databaseUrl ?? env['DATABASE_URL'] ?? undefined;
  if (databaseUrl !== undefined && databaseUrl !== '' && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw bad('DATABASE_URL must start with postgres:// (leave it unset for the embedded SQLite database)');
  }
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  const publicUrl = (env['PLEDGE_PUBLIC_URL'] ?? `http://${shownHost}:${port}`).replace(/\/+$/, '');
  const logLevel = (env['LOG_LEVEL'] ?? 'info') as Config['logLevel'];
  if (!LOG_LEVELS.has(logLevel)) throw bad(`LOG_LEVEL must be one of ${[...LOG_LEVELS].join(', ')}`);
  const secureCookies = env['PLEDGE_SECURE_COOKIES'] ? env['PLEDGE_SECURE_COOKIES'] === 'true' : publicUrl.startsWith('https://');
  const rawServices = (overrides.services ?? env['PLEDGE_SERVICES'] ?? 'web,worker').split(',').map((s) => s.trim()).filter(Boolean);
  for (const s of rawServices) if (s !== 'web' && s !== 'worker') throw bad(`--services takes web and/or worker, not "${s}"`);
  const rawTrust = env['PLEDGE_TRUST_PROXY'] ?? 'false';
  const trustProxy = rawTrust === 'true' ? true : rawTrust === 'false' || rawTrust === '' ? false : rawTrust;
  const checkRetentionDays = wholeNumber(env, 'PLEDGE_CHECK_RETENTION_DAYS', 30, 1, 3650);
  const monitorConcurrency = wholeNumber(env, 'PLEDGE_MONITOR_CONCURRENCY', 128, 1, 2000);
  const ackReminderDays = wholeNumber(env, 'PLEDGE_ACK_REMINDER_DAYS', 3, 1, 365);
  return {
    port,
    host,
    dataDir,
    databaseUrl: databaseUrl === '' ? undefined : databaseUrl,
    publicUrl,
    logLevel,
    secureCookies,
    trustProxy,
    services: rawServices as ('web' | 'worker')[],
    checkRetentionDays,
    monitorConcurrency,
    smtpUrl: smtpUrlOf(env),
    mailFrom: env['PLEDGE_MAIL_FROM'] || 'Pledge <pledge@localhost>',
    ackReminderDays,
  };
}

function wholeNumber(env: Readonly<Record<string, string | undefined>>, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw bad(`${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
  return n;
}

function smtpUrlOf(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const raw = env['PLEDGE_SMTP_URL'];
  if (raw === undefined || raw === '') return undefined;
  if (!/^smtps?:\/\/[^/]/.test(raw)) throw bad('PLEDGE_SMTP_URL must look like smtp://user:password@host:587');
  return raw;
}
