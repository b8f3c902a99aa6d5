import http from 'node:http';
import https from 'node:https';
import {
  jsonValueAsText,
  MAX_REDIRECTS,
  parseJsonPath,
  parseStatusRanges,
  readJsonPath,
  statusMatches,
  type MonitorDefinitionOf,
} from '../../domain/monitoring/monitor-definition.ts';
import { down, elapsedSince, upUnlessSlow } from './outcome.ts';
import type { Probe, ProbeOutcome } from './probe.ts';

/** The most of a response body a check reads; keyword and JSON checks see only this much. */
export const MAX_BODY_BYTES = 1024 * 1024;
export const USER_AGENT = 'Pledge-Monitor/0.1';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
// Credentials are for the origin they were configured for, not for wherever a redirect points.
const ORIGIN_BOUND_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);

interface Exchange {
  readonly url: URL;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
}

interface Reply {
  readonly status: number;
  readonly location: string | undefined;
  readonly body: Buffer;
  /** The body was longer than MAX_BODY_BYTES and was cut there. */
  readonly truncated: boolean;
}

/** The default headers, replaced by configured headers of the same name (in any letter case). */
function requestHeaders(configured: Readonly<Record<string, string>>): Record<string, string> {
  const headers: Record<string, string> = {};
  const names = new Set(Object.keys(configured).map((n) => n.toLowerCase()));
  if (!names.has('user-agent')) headers['User-Agent'] = USER_AGENT;
  if (!names.has('accept')) headers['Accept'] = '*/*';
  return { ...headers, ...configured };
}

/** One request and its response, reading at most MAX_BODY_BYTES of the body. */
function send(exchange: Exchange, verifyTls: boolean, signal: AbortSignal | undefined): Promise<Reply> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void): void => {
      if (!settled) {
        settled = true;
        fn();
      }
    };
    const headers = { ...exchange.headers };
    if (exchange.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(exchange.body));
    // No connection pooling: every check opens a fresh connection, as a new visitor would.
    const common = { method: exchange.method, headers, agent: false as const, ...(signal && { signal }) };
    const request =
      exchange.url.protocol === 'https:'
        ? https.request(exchange.url, { ...common, rejectUnauthorized: verifyTls })
        : http.request(exchange.url, common);
    request.once('error', (error) => settle(() => reject(error)));
    request.once('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = (truncated: boolean): void =>
        settle(() =>
          resolve({
            status: response.statusCode ?? 0,
            location: response.headers.location,
            body: Buffer.concat(chunks),
            truncated,
          }),
        );
      response.on('data', (chunk: Buffer) => {
        if (settled) return;
        const room = MAX_BODY_BYTES - size;
        chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
        size += Math.min(chunk.length, room);
        if (chunk.length > room) {
          finish(true);
          response.destroy();
        }
      });
      response.once('end', () => finish(false));
      response.once('error', (error) => settle(() => reject(error)));
    });
    request.end(exchange.body);
  });
}

/** Where a redirect leads, or undefined when it leads somewhere a check does not go. */
function redirectTarget(location: string, from: URL): URL | undefined {
  try {
    const next = new URL(location, from);
    return next.protocol === 'http:' || next.protocol === 'https:' ? next : undefined;
  } catch {
    return undefined;
  }
}

/** The request a redirect asks for: 303 (and 301/302 after a POST, as browsers do) turn into a GET. */
function followed(exchange: Exchange, status: number, next: URL): Exchange {
  const toGet = status === 303 || ((status === 301 || status === 302) && exchange.method === 'POST');
  const method = toGet && exchange.method !== 'HEAD' ? 'GET' : exchange.method;
  const sameOrigin = next.origin === exchange.url.origin;
  const headers = Object.fromEntries(
    Object.entries(exchange.headers).filter(
      ([name]) => sameOrigin || !ORIGIN_BOUND_HEADERS.has(name.toLowerCase()),
    ),
  );
  return { url: next, method, headers, body: toGet ? undefined : exchange.body };
}

const quote = (text: string, max = 80): string =>
  JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);

/** Applies the monitor's assertions to the final response. */
function judge(
  def: MonitorDefinitionOf<'http'>,
  reply: Reply,
  latencyMs: number,
  details: Record<string, string | number | boolean | null>,
): ProbeOutcome {
  const c = def.config;
  if (!statusMatches(parseStatusRanges(c.expectedStatus), reply.status)) {
    return down(`HTTP ${reply.status} (expected ${c.expectedStatus})`, latencyMs, details);
  }
  const text = reply.body.toString('utf8');
  const within = reply.truncated ? ` in the first ${MAX_BODY_BYTES / 1024 / 1024} MiB` : '';
  if (c.keyword !== undefined) {
    const found = text.includes(c.keyword);
    if (c.keywordAbsent && found) return down(`keyword ${quote(c.keyword)} found`, latencyMs, details);
    if (!c.keywordAbsent && !found)
      return down(`keyword ${quote(c.keyword)} not found${within}`, latencyMs, details);
  }
  if (c.jsonPath !== undefined) {
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch {
      const why = reply.truncated
        ? `the body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB`
        : 'the body is not JSON';
      return down(`cannot check JSON path ${c.jsonPath}: ${why}`, latencyMs, details);
    }
    const value = readJsonPath(document, parseJsonPath(c.jsonPath));
    if (value === undefined) return down(`JSON path ${c.jsonPath} not found`, latencyMs, details);
    const actual = jsonValueAsText(value);
    if (c.jsonExpected !== undefined && actual !== c.jsonExpected) {
      return down(
        `JSON path ${c.jsonPath} is ${quote(actual)} (expected ${quote(c.jsonExpected)})`,
        latencyMs,
        details,
      );
    }
  }
  return upUnlessSlow(def, latencyMs, details);
}

/**
 * Sends the configured request, follows redirects (up to MAX_REDIRECTS) and checks the final response's
 * status, keyword and JSON path. The latency runs from the first request to the end of the last body read,
 * redirects included.
 */
export const httpProbe: Probe<'http'> = {
  kind: 'http',
  async run(def, { signal }) {
    const c = def.config;
    const start = performance.now();
    let exchange: Exchange = {
      url: new URL(c.url),
      method: c.method,
      headers: requestHeaders(c.headers),
      body: c.body,
    };
    for (let redirects = 0; ; redirects++) {
      const reply = await send(exchange, c.verifyTls, signal);
      const details = {
        statusCode: reply.status,
        url: exchange.url.href,
        redirects,
        bytes: reply.body.length,
      };
      if (!c.followRedirects || !REDIRECT_STATUSES.has(reply.status) || reply.location === undefined) {
        return judge(def, reply, elapsedSince(start), details);
      }
      if (redirects === MAX_REDIRECTS) {
        return down(`too many redirects (more than ${MAX_REDIRECTS})`, elapsedSince(start), details);
      }
      const next = redirectTarget(reply.location, exchange.url);
      if (next === undefined) {
        return down(
          `HTTP ${reply.status} redirects to an unsupported location ${quote(reply.location)}`,
          elapsedSince(start),
          details,
        );
      }
      exchange = followed(exchange, reply.status, next);
    }
  },
};
