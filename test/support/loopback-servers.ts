// Real servers on 127.0.0.1 whose behaviour a test controls, for checking the monitor probes end to end.
import { execFile } from 'node:child_process';
import dgram from 'node:dgram';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const LOOPBACK = '127.0.0.1';

function portOf(server: net.Server | dgram.Socket): number {
  const address = server.address();
  if (address === null || typeof address === 'string')
    throw new Error('the server is not listening on a port');
  return address.port;
}

// ---------------------------------------------------------------------------------------------------------
// Certificates

export interface TlsMaterial {
  readonly key: string;
  readonly cert: string;
}

/**
 * A self-signed certificate for CN=localhost that expires `days` days from now, made by the `openssl`
 * command line in a temporary directory. Without openssl this fails loudly: the TLS tests must not pass
 * by not running.
 */
export async function selfSignedCertificate(days: number): Promise<TlsMaterial> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pledge-cert-'));
  const keyFile = path.join(dir, 'key.pem');
  const certFile = path.join(dir, 'cert.pem');
  try {
    await promisify(execFile)('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      String(days),
      '-subj',
      '/CN=localhost',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ]);
    return { key: fs.readFileSync(keyFile, 'utf8'), cert: fs.readFileSync(certFile, 'utf8') };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error('the TLS tests need the openssl command to make a test certificate; install openssl', {
        cause: error,
      });
    }
    throw error;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------
// HTTP and HTTPS

/** How the server answers `/`. */
export interface HttpBehaviour {
  readonly status: number;
  readonly body: string;
  readonly contentType: string;
  /** Wait this long before answering. */
  readonly delayMs: number;
}

export const HTTP_BEHAVIOURS = {
  up: { status: 200, body: 'OK: all systems go', contentType: 'text/plain', delayMs: 0 },
  down: { status: 503, body: 'Service Unavailable', contentType: 'text/plain', delayMs: 0 },
  slow: { status: 200, body: 'OK: all systems go', contentType: 'text/plain', delayMs: 300 },
  'keyword-missing': { status: 200, body: 'maintenance page', contentType: 'text/html', delayMs: 0 },
  json: {
    status: 200,
    body: JSON.stringify({ status: 'ok', data: { items: [{ ok: true }, { ok: false }] }, version: 3 }),
    contentType: 'application/json',
    delayMs: 0,
  },
} satisfies Record<string, HttpBehaviour>;

export type HttpBehaviourName = keyof typeof HTTP_BEHAVIOURS;

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export interface LoopbackHttpServer {
  /** `http://127.0.0.1:<port>` or `https://…`, without a trailing slash. */
  readonly origin: string;
  readonly port: number;
  /** Every request the server received, oldest first. */
  readonly requests: RecordedRequest[];
  /** Switches how `/` answers, from a named behaviour and optional overrides. */
  behave(name: HttpBehaviourName, overrides?: Partial<HttpBehaviour>): void;
  close(): Promise<void>;
}

/**
 * Starts an HTTP server (HTTPS when given a certificate) on 127.0.0.1. Besides `/`, which answers as told by
 * `behave()`, it serves:
 * - `/redirect/<n>`: a chain of n 302 redirects with relative Locations, ending at `/`;
 * - `/loop`: redirects to itself forever;
 * - `/see-other`: 303 to `/echo`;
 * - `/echo`: the request's method, headers and body as JSON;
 * - `/hang`: never answers.
 */
export async function startHttpServer(tlsMaterial?: TlsMaterial): Promise<LoopbackHttpServer> {
  let behaviour: HttpBehaviour = HTTP_BEHAVIOURS.up;
  const requests: RecordedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();

  const handler: http.RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = req.url ?? '/';
      requests.push({ method: req.method ?? '', url, headers: req.headers, body });
      const redirect = /^\/redirect\/(\d+)$/.exec(url);
      if (redirect) {
        const left = Number(redirect[1]);
        res.writeHead(302, { Location: left <= 1 ? '/' : `/redirect/${left - 1}` }).end();
      } else if (url === '/loop') {
        res.writeHead(302, { Location: '/loop' }).end();
      } else if (url === '/see-other') {
        res.writeHead(303, { Location: '/echo' }).end();
      } else if (url === '/echo') {
        const echo = JSON.stringify({ method: req.method, headers: req.headers, body });
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(echo);
      } else if (url === '/hang') {
        // Never answer; close() cuts the connection.
      } else {
        const { status, body: text, contentType, delayMs } = behaviour;
        const answer = (): void => {
          res
            .writeHead(status, { 'Content-Type': contentType })
            .end(req.method === 'HEAD' ? undefined : text);
        };
        if (delayMs === 0) answer();
        else {
          const timer = setTimeout(() => {
            timers.delete(timer);
            answer();
          }, delayMs);
          timers.add(timer);
        }
      }
    });
  };

  const server = tlsMaterial ? https.createServer(tlsMaterial, handler) : http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  const port = portOf(server);
  return {
    origin: `${tlsMaterial ? 'https' : 'http'}://${LOOPBACK}:${port}`,
    port,
    requests,
    behave(name, overrides = {}) {
      behaviour = { ...HTTP_BEHAVIOURS[name], ...overrides };
    },
    close() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// TCP

export interface LoopbackTcpListener {
  readonly port: number;
  close(): Promise<void>;
}

/** A TCP listener that accepts connections and closes them. */
export async function startTcpListener(): Promise<LoopbackTcpListener> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.end();
  });
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  return {
    port: portOf(server),
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port on 127.0.0.1 that nothing listens on (it was just freed). */
export async function closedPort(): Promise<number> {
  const listener = await startTcpListener();
  await listener.close();
  return listener.port;
}

// ---------------------------------------------------------------------------------------------------------
// DNS

/** The records the DNS server knows, by lower-case name without a trailing dot. */
export interface DnsZone {
  [name: string]: {
    readonly A?: readonly string[];
    readonly AAAA?: readonly string[];
    readonly CNAME?: readonly string[];
    readonly TXT?: readonly string[];
    readonly MX?: readonly { readonly priority: number; readonly exchange: string }[];
  };
}

export interface LoopbackDnsServer {
  /** `127.0.0.1:<port>`, the form a DNS monitor's `server` takes. */
  readonly address: string;
  /** Replace to change the answers. */
  zone: DnsZone;
  close(): Promise<void>;
}

const TYPE_CODES = { A: 1, NS: 2, CNAME: 5, MX: 15, TXT: 16, AAAA: 28 } as const;
const RCODE_NXDOMAIN = 3;
const RCODE_NOTIMP = 4;

function encodeName(name: string): Buffer {
  const labels = name.replace(/\.$/, '').split('.').filter(Boolean);
  return Buffer.concat([
    ...labels.map((label) => Buffer.concat([Buffer.from([label.length]), Buffer.from(label, 'ascii')])),
    Buffer.from([0]),
  ]);
}

/** Reads the question's name (uncompressed, as resolvers send it); returns it and the offset after it. */
function decodeName(message: Buffer, offset: number): { name: string; next: number } {
  const labels: string[] = [];
  let at = offset;
  for (let length = message.readUInt8(at); length !== 0; length = message.readUInt8(at)) {
    labels.push(message.toString('ascii', at + 1, at + 1 + length));
    at += 1 + length;
  }
  return { name: labels.join('.'), next: at + 1 };
}

function uint16(value: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(value);
  return b;
}

function ipv4Bytes(address: string): Buffer {
  return Buffer.from(address.split('.').map(Number));
}

function ipv6Bytes(address: string): Buffer {
  const [head = '', tail] = address.split('::');
  const groups = (part: string): string[] => (part === '' ? [] : part.split(':'));
  const front = groups(head);
  const back = tail === undefined ? [] : groups(tail);
  const all = [...front, ...Array<string>(8 - front.length - back.length).fill('0'), ...back];
  return Buffer.concat(all.map((g) => uint16(parseInt(g, 16))));
}

/** TXT data: the value in character-strings of at most 255 bytes. */
function txtBytes(value: string): Buffer {
  const bytes = Buffer.from(value, 'utf8');
  const parts: Buffer[] = [];
  let at = 0;
  do {
    const chunk = bytes.subarray(at, at + 255);
    parts.push(Buffer.from([chunk.length]), chunk);
    at += 255;
  } while (at < bytes.length);
  return Buffer.concat(parts);
}

function recordData(zone: DnsZone[string], type: number): Buffer[] {
  switch (type) {
    case TYPE_CODES.A:
      return (zone.A ?? []).map(ipv4Bytes);
    case TYPE_CODES.AAAA:
      return (zone.AAAA ?? []).map(ipv6Bytes);
    case TYPE_CODES.CNAME:
      return (zone.CNAME ?? []).map(encodeName);
    case TYPE_CODES.TXT:
      return (zone.TXT ?? []).map(txtBytes);
    case TYPE_CODES.MX:
      return (zone.MX ?? []).map((mx) => Buffer.concat([uint16(mx.priority), encodeName(mx.exchange)]));
    default:
      return [];
  }
}

/** Builds the answer to one query: NXDOMAIN for unknown names, an empty answer for unknown types. */
function answer(query: Buffer, zone: DnsZone): Buffer | undefined {
  if (query.length < 12 || query.readUInt16BE(4) !== 1) return undefined;
  const id = query.readUInt16BE(0);
  const queryFlags = query.readUInt16BE(2);
  const { name, next } = decodeName(query, 12);
  const type = query.readUInt16BE(next);
  const question = query.subarray(12, next + 4);
  const opcode = queryFlags & 0x7800;
  const entry = zone[name.toLowerCase()];
  const rcode = opcode !== 0 ? RCODE_NOTIMP : entry === undefined ? RCODE_NXDOMAIN : 0;
  const records = entry && rcode === 0 ? recordData(entry, type) : [];
  // QR, the query's opcode, AA, the query's RD, RA, and the response code.
  const flags = 0x8000 | opcode | 0x0400 | (queryFlags & 0x0100) | 0x0080 | rcode;
  const header = Buffer.concat([
    uint16(id),
    uint16(flags),
    uint16(1),
    uint16(records.length),
    uint16(0),
    uint16(0),
  ]);
  const answers = records.map((data) =>
    Buffer.concat([
      uint16(0xc00c), // a pointer to the question's name at offset 12
      uint16(type),
      uint16(1), // class IN
      Buffer.from([0, 0, 0, 60]), // TTL 60 s
      uint16(data.length),
      data,
    ]),
  );
  return Buffer.concat([header, question, ...answers]);
}

/** A UDP DNS server on 127.0.0.1 that answers A, AAAA, CNAME, TXT and MX queries from `zone`. */
export async function startDnsServer(zone: DnsZone): Promise<LoopbackDnsServer> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, LOOPBACK, resolve));
  const server: LoopbackDnsServer = {
    address: `${LOOPBACK}:${portOf(socket)}`,
    zone,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
  socket.on('message', (query, remote) => {
    let reply: Buffer | undefined;
    try {
      reply = answer(query, server.zone);
    } catch {
      reply = undefined; // a malformed query gets no answer
    }
    if (reply) socket.send(reply, remote.port, remote.address);
  });
  return server;
}
