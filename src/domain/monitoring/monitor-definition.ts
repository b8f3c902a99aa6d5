import { DomainError } from '../shared/errors.ts';
import { MONITOR_KINDS, type MonitorKind } from './types.ts';

/** Methods an HTTP monitor may send. */
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** Record types a DNS monitor may query. */
export const DNS_RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'NS', 'SRV', 'CAA'] as const;
export type DnsRecordType = (typeof DNS_RECORD_TYPES)[number];

/** How many redirects an HTTP check follows before it gives up. */
export const MAX_REDIRECTS = 10;

export const MIN_INTERVAL_SECONDS = 10;
export const MAX_INTERVAL_SECONDS = 86_400;
export const MAX_TIMEOUT_SECONDS = 120;

export interface HttpConfig {
  readonly url: string;
  readonly method: HttpMethod;
  /** Extra request headers; they replace the defaults (`User-Agent`) of the same name. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Accepted statuses, normalised: `"200-299"`, `"200,204,301-302"`. */
  readonly expectedStatus: string;
  /** Text the body must contain (case-sensitive), or must not contain when `keywordAbsent`. */
  readonly keyword?: string;
  readonly keywordAbsent: boolean;
  /** A dotted path into a JSON body: `$.status`, `data.items[0].ok`. */
  readonly jsonPath?: string;
  /** The value at `jsonPath`, compared as a string; without it the path must merely exist. */
  readonly jsonExpected?: string;
  readonly followRedirects: boolean;
  readonly verifyTls: boolean;
}

export interface TcpConfig {
  readonly host: string;
  readonly port: number;
}

export interface DnsConfig {
  readonly name: string;
  readonly recordType: DnsRecordType;
  /** Values that must all be in the answer, in any order; the answer may hold more. */
  readonly expected?: readonly string[];
  /** A resolver's IP address, optionally with a port (`127.0.0.1:5353`, `[::1]:53`); absent: the system resolver. */
  readonly server?: string;
}

export interface TlsConfig {
  readonly host: string;
  readonly port: number;
  /** The name sent in SNI and checked against the certificate; defaults to `host`. */
  readonly servername?: string;
  /** A certificate that expires within this many days is degraded. */
  readonly warnDays: number;
  readonly verifyTls: boolean;
}

export interface PingConfig {
  readonly host: string;
  readonly count: number;
}

export interface HeartbeatConfig {
  /** How long after a missed period the heartbeat still counts as on time. The period is `intervalSeconds`. */
  readonly graceSeconds: number;
}

export type ManualConfig = Readonly<Record<string, never>>;

interface ConfigOf {
  http: HttpConfig;
  tcp: TcpConfig;
  dns: DnsConfig;
  tls: TlsConfig;
  ping: PingConfig;
  heartbeat: HeartbeatConfig;
  manual: ManualConfig;
}

/** What every monitor has, whatever it checks. */
export interface MonitorSchedule {
  readonly intervalSeconds: number;
  /** Always less than `intervalSeconds`. */
  readonly timeoutSeconds: number;
  /** Failed checks in a row that confirm an outage. */
  readonly failuresToConfirm: number;
  /** Successful checks in a row that end a confirmed outage. */
  readonly successesToRecover: number;
  readonly paused: boolean;
  /** A check slower than this is degraded; only for kinds that measure a response time. */
  readonly degradedAboveMs?: number;
  /** Open an incident ticket for the monitor's customer and service when an outage is confirmed. */
  readonly openIncident: boolean;
}

export type MonitorDefinitionOf<K extends MonitorKind> = MonitorSchedule & {
  readonly kind: K;
  readonly config: ConfigOf[K];
};

/** A validated monitor definition, with every default filled in. */
export type MonitorDefinition = { [K in MonitorKind]: MonitorDefinitionOf<K> }[MonitorKind];

/** An inclusive range of HTTP status codes. */
export interface StatusRange {
  readonly from: number;
  readonly to: number;
}

/** One step of a JSON path: an object key or an array index. */
export type JsonPathSegment = string | number;

const invalid = (field: string, message: string): DomainError =>
  new DomainError('MONITOR_INVALID', `${field}: ${message}`, { field });

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function refuseUnknown(input: Record<string, unknown>, known: readonly string[], prefix: string): void {
  for (const key of Object.keys(input)) {
    if (!known.includes(key)) throw invalid(`${prefix}${key}`, 'unknown field');
  }
}

function integer(value: unknown, field: string, min: number, max: number, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(field, `must be a whole number from ${min} to ${max}`);
  }
  return value;
}

function boolean(value: unknown, field: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw invalid(field, 'must be true or false');
  return value;
}

function text(value: unknown, field: string, maxLength = 2048): string {
  if (typeof value !== 'string' || value.length === 0) throw invalid(field, 'must be a non-empty string');
  if (value.length > maxLength) throw invalid(field, `must be at most ${maxLength} characters`);
  return value;
}

function optionalText(value: unknown, field: string, maxLength?: number): string | undefined {
  return value === undefined ? undefined : text(value, field, maxLength);
}

function oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[], fallback?: T): T {
  if (value === undefined && fallback !== undefined) return fallback;
  const upper = typeof value === 'string' ? value.toUpperCase() : value;
  const found = allowed.find((a) => a === upper);
  if (found === undefined) throw invalid(field, `must be one of ${allowed.join(', ')}`);
  return found;
}

const IPV4_RE = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const LABEL_RE = /^[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/;

export function isIPv4(value: string): boolean {
  return IPV4_RE.test(value);
}

export function isIPv6(value: string): boolean {
  if (!/^[0-9A-Fa-f:.]+$/.test(value) || !value.includes(':')) return false;
  const halves = value.split('::');
  if (halves.length > 2) return false;
  const groups = (part: string): string[] => (part === '' ? [] : part.split(':'));
  const all = halves.flatMap(groups);
  const last = all[all.length - 1];
  const embedsV4 = last !== undefined && last.includes('.');
  if (embedsV4 && !isIPv4(last)) return false;
  const hex = embedsV4 ? all.slice(0, -1) : all;
  if (!hex.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  const width = hex.length + (embedsV4 ? 2 : 0);
  return halves.length === 2 ? width <= 7 : width === 8;
}

/** A DNS name (with an optional trailing dot; underscores allowed for SRV-style labels). */
export function isHostName(value: string): boolean {
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  if (name.length === 0 || name.length > 253) return false;
  return name.split('.').every((label) => LABEL_RE.test(label));
}

/** A host a probe may connect to: a DNS name, an IPv4 address or an IPv6 address (without brackets). */
function host(value: unknown, field: string): string {
  const h = text(value, field, 253);
  const digitsOnly = /^[\d.]+$/.test(h);
  if (digitsOnly ? !isIPv4(h) : !isHostName(h) && !isIPv6(h)) {
    throw invalid(field, `"${h}" is not a host name or an IP address`);
  }
  return h;
}

/**
 * Parses a list of accepted HTTP statuses such as `"200-299"` or `"200,204,301-302"`.
 * @throws DomainError MONITOR_INVALID (field `config.expectedStatus`)
 */
export function parseStatusRanges(value: string): StatusRange[] {
  const field = 'config.expectedStatus';
  const parts = value.split(',').map((p) => p.trim());
  return parts.map((part) => {
    const m = /^(\d{3})(?:\s*-\s*(\d{3}))?$/.exec(part);
    const from = Number(m?.[1]);
    const to = m?.[2] === undefined ? from : Number(m[2]);
    if (!m || from < 100 || to > 599 || to < from) {
      throw invalid(field, `"${value}" is not a list of statuses such as "200-299" or "200,204,301-302"`);
    }
    return { from, to };
  });
}

/** Whether a status is inside one of the ranges. */
export function statusMatches(ranges: readonly StatusRange[], status: number): boolean {
  return ranges.some((r) => status >= r.from && status <= r.to);
}

function formatStatusRanges(ranges: readonly StatusRange[]): string {
  return ranges.map((r) => (r.from === r.to ? String(r.from) : `${r.from}-${r.to}`)).join(',');
}

/**
 * Parses a simple JSON path: keys separated by dots and array indexes in brackets, with an optional leading
 * `$` (`$.status`, `data.items[0].ok`, `$[2].name`). Filters, wildcards and quoted keys are not supported.
 * @throws DomainError MONITOR_INVALID (field `config.jsonPath`)
 */
export function parseJsonPath(path: string): JsonPathSegment[] {
  const field = 'config.jsonPath';
  let rest = path.trim();
  if (rest.startsWith('$')) rest = rest.slice(1);
  else rest = `.${rest}`;
  const segments: JsonPathSegment[] = [];
  const step = /^(?:\.([^.[\]\s]+)|\[(\d+)\])/;
  while (rest.length > 0) {
    const m = step.exec(rest);
    if (!m) throw invalid(field, `"${path}" is not a path such as "$.status" or "data.items[0].ok"`);
    segments.push(m[1] ?? Number(m[2]));
    rest = rest.slice(m[0].length);
  }
  if (segments.length === 0) throw invalid(field, `"${path}" points at the whole document; name a field`);
  return segments;
}

/** The value at a JSON path, or `undefined` when the path leads nowhere. */
export function readJsonPath(document: unknown, segments: readonly JsonPathSegment[]): unknown {
  let current: unknown = document;
  for (const segment of segments) {
    if (typeof segment === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[segment];
    } else {
      if (!isRecord(current) || !Object.hasOwn(current, segment)) return undefined;
      current = current[segment];
    }
  }
  return current;
}

/** How a JSON value is written when compared with `jsonExpected`: strings as they are, the rest as JSON. */
export function jsonValueAsText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

// Header names are RFC 9110 tokens; the probe computes these headers itself.
const TOKEN_RE = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const MANAGED_HEADERS = ['content-length', 'transfer-encoding', 'connection'];

function parseHeaders(value: unknown): Record<string, string> {
  if (value === undefined) return {};
  if (!isRecord(value)) throw invalid('config.headers', 'must map header names to string values');
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(value)) {
    const field = `config.headers.${name}`;
    if (!TOKEN_RE.test(name)) throw invalid(field, 'is not a valid header name');
    if (MANAGED_HEADERS.includes(name.toLowerCase())) throw invalid(field, 'is set by the check itself');
    if (typeof v !== 'string' || /[\r\n\0]/.test(v)) throw invalid(field, 'must be a string on one line');
    out[name] = v;
  }
  return out;
}

function parseUrl(value: unknown): string {
  const raw = text(value, 'config.url');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid('config.url', `"${raw}" is not an absolute URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalid('config.url', 'must start with http:// or https://');
  }
  if (url.username || url.password) {
    throw invalid(
      'config.url',
      'must not contain a user name or password; send an Authorization header instead',
    );
  }
  return url.href;
}

const HTTP_KEYS = [
  'url',
  'method',
  'headers',
  'body',
  'expectedStatus',
  'keyword',
  'keywordAbsent',
  'jsonPath',
  'jsonExpected',
  'followRedirects',
  'verifyTls',
];

function parseHttp(c: Record<string, unknown>): HttpConfig {
  refuseUnknown(c, HTTP_KEYS, 'config.');
  const url = parseUrl(c['url']);
  const method = oneOf(c['method'], 'config.method', HTTP_METHODS, 'GET');
  const headers = parseHeaders(c['headers']);
  const body = c['body'] === undefined ? undefined : typeof c['body'] === 'string' ? c['body'] : undefined;
  if (c['body'] !== undefined && body === undefined) throw invalid('config.body', 'must be a string');
  if (body !== undefined && body.length > 65_536) throw invalid('config.body', 'must be at most 64 KiB');
  const expectedRaw = c['expectedStatus'] ?? '200-299';
  if (typeof expectedRaw !== 'string')
    throw invalid('config.expectedStatus', 'must be a string such as "200-299"');
  const expectedStatus = formatStatusRanges(parseStatusRanges(expectedRaw));
  const keyword = optionalText(c['keyword'], 'config.keyword');
  const keywordAbsent = boolean(c['keywordAbsent'], 'config.keywordAbsent', false);
  if (keywordAbsent && keyword === undefined) throw invalid('config.keywordAbsent', 'needs a keyword');
  const jsonPath = optionalText(c['jsonPath'], 'config.jsonPath', 512);
  if (jsonPath !== undefined) parseJsonPath(jsonPath);
  if (c['jsonExpected'] !== undefined && typeof c['jsonExpected'] !== 'string') {
    throw invalid('config.jsonExpected', 'must be a string (the value is compared as text)');
  }
  const jsonExpected = c['jsonExpected'] as string | undefined;
  if (jsonExpected !== undefined && jsonPath === undefined)
    throw invalid('config.jsonExpected', 'needs a jsonPath');
  if (method === 'HEAD' && (keyword !== undefined || jsonPath !== undefined)) {
    throw invalid(
      keyword !== undefined ? 'config.keyword' : 'config.jsonPath',
      'a HEAD request has no body to check',
    );
  }
  return {
    url,
    method,
    headers,
    ...(body !== undefined && { body }),
    expectedStatus,
    ...(keyword !== undefined && { keyword }),
    keywordAbsent,
    ...(jsonPath !== undefined && { jsonPath: jsonPath.trim() }),
    ...(jsonExpected !== undefined && { jsonExpected }),
    followRedirects: boolean(c['followRedirects'], 'config.followRedirects', true),
    verifyTls: boolean(c['verifyTls'], 'config.verifyTls', true),
  };
}

function parseTcp(c: Record<string, unknown>): TcpConfig {
  refuseUnknown(c, ['host', 'port'], 'config.');
  return { host: host(c['host'], 'config.host'), port: integer(c['port'], 'config.port', 1, 65_535) };
}

/** Accepts `ip`, `ipv4:port`, `[ipv6]:port`; resolvers are addressed by IP, never by name. */
function parseDnsServer(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const field = 'config.server';
  const raw = text(value, field, 64);
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(raw);
  const v4 = /^([\d.]+)(?::(\d+))?$/.exec(raw);
  const address = bracketed?.[1] ?? v4?.[1] ?? raw;
  const port = bracketed?.[2] ?? v4?.[2];
  const ok = bracketed || v4 ? (bracketed ? isIPv6(address) : isIPv4(address)) : isIPv6(raw);
  if (!ok || (port !== undefined && (Number(port) < 1 || Number(port) > 65_535))) {
    throw invalid(
      field,
      `"${raw}" is not a resolver address such as "1.1.1.1", "127.0.0.1:5353" or "[::1]:53"`,
    );
  }
  return raw;
}

function parseDns(c: Record<string, unknown>): DnsConfig {
  refuseUnknown(c, ['name', 'recordType', 'expected', 'server'], 'config.');
  const name = text(c['name'], 'config.name', 253);
  if (!isHostName(name)) throw invalid('config.name', `"${name}" is not a DNS name`);
  const recordType = oneOf(c['recordType'], 'config.recordType', DNS_RECORD_TYPES, 'A');
  let expected: string[] | undefined;
  if (c['expected'] !== undefined) {
    const list = c['expected'];
    if (!Array.isArray(list) || list.length === 0)
      throw invalid('config.expected', 'must be a non-empty list of strings');
    expected = list.map((v, i) => text(v, `config.expected[${i}]`, 1024).trim());
  }
  const server = parseDnsServer(c['server']);
  return { name, recordType, ...(expected && { expected }), ...(server !== undefined && { server }) };
}

function parseTls(c: Record<string, unknown>): TlsConfig {
  refuseUnknown(c, ['host', 'port', 'servername', 'warnDays', 'verifyTls'], 'config.');
  const servername = optionalText(c['servername'], 'config.servername', 253);
  if (servername !== undefined && !isHostName(servername)) {
    throw invalid('config.servername', `"${servername}" is not a DNS name`);
  }
  return {
    host: host(c['host'], 'config.host'),
    port: integer(c['port'], 'config.port', 1, 65_535, 443),
    ...(servername !== undefined && { servername }),
    warnDays: integer(c['warnDays'], 'config.warnDays', 0, 365, 14),
    verifyTls: boolean(c['verifyTls'], 'config.verifyTls', true),
  };
}

function parsePing(c: Record<string, unknown>, timeoutSeconds: number): PingConfig {
  refuseUnknown(c, ['host', 'count'], 'config.');
  const count = integer(c['count'], 'config.count', 1, 10, 1);
  // ping sends one packet a second, so more packets than seconds could never finish in time.
  if (count > timeoutSeconds)
    throw invalid('config.count', `must not exceed timeoutSeconds (${timeoutSeconds})`);
  return { host: host(c['host'], 'config.host'), count };
}

function parseHeartbeat(c: Record<string, unknown>): HeartbeatConfig {
  refuseUnknown(c, ['graceSeconds'], 'config.');
  return { graceSeconds: integer(c['graceSeconds'], 'config.graceSeconds', 0, MAX_INTERVAL_SECONDS, 0) };
}

const COMMON_KEYS = [
  'kind',
  'intervalSeconds',
  'timeoutSeconds',
  'failuresToConfirm',
  'successesToRecover',
  'paused',
  'degradedAboveMs',
  'openIncident',
  'config',
];

/** Kinds whose checks measure a response time, so `degradedAboveMs` means something. */
const TIMED_KINDS: readonly MonitorKind[] = ['http', 'tcp', 'dns', 'tls', 'ping'];

function parseSchedule(input: Record<string, unknown>, kind: MonitorKind): MonitorSchedule {
  const intervalSeconds = integer(
    input['intervalSeconds'],
    'intervalSeconds',
    MIN_INTERVAL_SECONDS,
    MAX_INTERVAL_SECONDS,
    60,
  );
  const timeoutSeconds = integer(input['timeoutSeconds'], 'timeoutSeconds', 1, MAX_TIMEOUT_SECONDS, 10);
  if (timeoutSeconds >= intervalSeconds) {
    throw invalid('timeoutSeconds', `must be less than intervalSeconds (${intervalSeconds})`);
  }
  let degradedAboveMs: number | undefined;
  if (input['degradedAboveMs'] !== undefined) {
    if (!TIMED_KINDS.includes(kind))
      throw invalid('degradedAboveMs', `a ${kind} monitor measures no response time`);
    degradedAboveMs = integer(input['degradedAboveMs'], 'degradedAboveMs', 1, timeoutSeconds * 1000 - 1);
  }
  return {
    intervalSeconds,
    timeoutSeconds,
    // A state set by a person, or a heartbeat already late by its grace time, needs no second opinion.
    failuresToConfirm: integer(
      input['failuresToConfirm'],
      'failuresToConfirm',
      1,
      10,
      kind === 'manual' || kind === 'heartbeat' ? 1 : 2,
    ),
    successesToRecover: integer(input['successesToRecover'], 'successesToRecover', 1, 10, 1),
    paused: boolean(input['paused'], 'paused', false),
    openIncident: boolean(input['openIncident'], 'openIncident', false),
    ...(degradedAboveMs !== undefined && { degradedAboveMs }),
  };
}

/**
 * Validates a monitor definition as it arrives from the API (parsed JSON) and fills in the defaults:
 * interval 60 s, timeout 10 s, 2 failures to confirm an outage (1 for manual and heartbeat monitors), 1 success to
 * recover, not paused.
 * Unknown fields are refused, so a misspelt option never silently does nothing.
 * @throws DomainError MONITOR_INVALID with `details.field` naming the offending field (`config.url`)
 */
export function parseMonitorDefinition(input: unknown): MonitorDefinition {
  if (!isRecord(input)) throw invalid('kind', 'a monitor must be an object with a kind and a config');
  const kind = input['kind'];
  if (typeof kind !== 'string' || !(MONITOR_KINDS as readonly string[]).includes(kind)) {
    throw invalid('kind', `must be one of ${MONITOR_KINDS.join(', ')}`);
  }
  const k = kind as MonitorKind;
  refuseUnknown(input, COMMON_KEYS, '');
  const schedule = parseSchedule(input, k);
  const rawConfig = input['config'] ?? {};
  if (!isRecord(rawConfig)) throw invalid('config', 'must be an object');
  switch (k) {
    case 'http':
      return { kind: k, ...schedule, config: parseHttp(rawConfig) };
    case 'tcp':
      return { kind: k, ...schedule, config: parseTcp(rawConfig) };
    case 'dns':
      return { kind: k, ...schedule, config: parseDns(rawConfig) };
    case 'tls':
      return { kind: k, ...schedule, config: parseTls(rawConfig) };
    case 'ping':
      return { kind: k, ...schedule, config: parsePing(rawConfig, schedule.timeoutSeconds) };
    case 'heartbeat':
      return { kind: k, ...schedule, config: parseHeartbeat(rawConfig) };
    case 'manual':
      refuseUnknown(rawConfig, [], 'config.');
      return { kind: k, ...schedule, config: {} };
  }
}

/** `host:port`, with brackets around an IPv6 address. */
export function hostPort(hostName: string, port: number): string {
  return `${hostName.includes(':') ? `[${hostName}]` : hostName}:${port}`;
}

/** A one-line description of what a monitor checks, for lists: `GET https://x/health`, `tcp db.example:5432`. */
export function describeMonitorTarget(def: MonitorDefinition): string {
  switch (def.kind) {
    case 'http':
      return `${def.config.method} ${def.config.url}`;
    case 'tcp':
      return `tcp ${hostPort(def.config.host, def.config.port)}`;
    case 'dns':
      return `dns ${def.config.recordType} ${def.config.name}${def.config.server ? ` @${def.config.server}` : ''}`;
    case 'tls':
      return `tls ${hostPort(def.config.host, def.config.port)}`;
    case 'ping':
      return `ping ${def.config.host}`;
    case 'heartbeat':
      return `heartbeat every ${def.intervalSeconds} s${def.config.graceSeconds ? ` (+${def.config.graceSeconds} s grace)` : ''}`;
    case 'manual':
      return 'manual';
  }
}
