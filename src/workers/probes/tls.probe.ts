import net from 'node:net';
import tls from 'node:tls';
import type { Clock } from '../../app/ports/system.ts';
import { DAY_MS, formatInstant } from '../../domain/shared/time.ts';
import { describeCertificateProblem } from './errors.ts';
import { degraded, down, elapsedSince, upUnlessSlow } from './outcome.ts';
import type { Probe } from './probe.ts';

const systemClock: Clock = { now: () => Date.now() };

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Reads OpenSSL's certificate date, `Mar  5 12:00:00 2026 GMT`, as UTC epoch milliseconds. */
export function parseCertificateDate(text: string): number | undefined {
  const m = /^([A-Z][a-z]{2}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\d{4}) GMT$/.exec(text.trim());
  const month = m ? MONTHS.indexOf(m[1] ?? '') : -1;
  if (!m || month < 0) return undefined;
  return Date.UTC(Number(m[6]), month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]));
}

interface Handshake {
  readonly latencyMs: number;
  readonly certificate: tls.PeerCertificate;
  /** Why the certificate is not trusted, as Node's verification code; undefined when trusted. */
  readonly authorizationError: string | undefined;
}

/** Completes a TLS handshake without rejecting the certificate, so an untrusted one can still be read. */
function handshake(
  host: string,
  port: number,
  servername: string | undefined,
  signal?: AbortSignal,
): Promise<Handshake> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const socket = tls.connect({ host, port, rejectUnauthorized: false, ...(servername && { servername }) });
    const onAbort = (): void => {
      socket.destroy();
      reject(signal?.reason instanceof Error ? signal.reason : new Error('check cancelled'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const done = (): void => {
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
    };
    socket.once('secureConnect', () => {
      const latencyMs = elapsedSince(start);
      const certificate = socket.getPeerCertificate();
      const error = socket.authorized ? undefined : String(socket.authorizationError ?? 'UNKNOWN');
      done();
      resolve({ latencyMs, certificate, authorizationError: error });
    });
    socket.once('error', (error) => {
      done();
      reject(error);
    });
  });
}

/**
 * Opens a TLS connection and reads the server's certificate. Down when it has expired, is not yet valid or
 * (with `verifyTls`) is not trusted or does not match the name; degraded when it expires within `warnDays`.
 */
export const tlsProbe: Probe<'tls'> = {
  kind: 'tls',
  async run(def, { signal, clock = systemClock }) {
    const { host, port, warnDays, verifyTls } = def.config;
    // SNI carries names only; for an IP address the certificate is checked against the address.
    const servername = def.config.servername ?? (net.isIP(host) ? undefined : host);
    const { latencyMs, certificate, authorizationError } = await handshake(host, port, servername, signal);
    const expiresAt = parseCertificateDate(certificate.valid_to ?? '');
    const validFrom = parseCertificateDate(certificate.valid_from ?? '');
    if (expiresAt === undefined || validFrom === undefined)
      return down('the server sent no readable certificate', latencyMs);
    const now = clock.now();
    const daysLeft = Math.floor((expiresAt - now) / DAY_MS);
    const expiry = formatInstant(expiresAt);
    const commonName = certificate.subject?.CN;
    const details = {
      expiresAt: expiry,
      daysLeft,
      subject: Array.isArray(commonName) ? commonName.join(', ') : (commonName ?? null),
      authorized: authorizationError === undefined,
    };
    if (expiresAt <= now) {
      return down(
        `certificate expired ${plural(Math.ceil((now - expiresAt) / DAY_MS))} ago (${expiry})`,
        latencyMs,
        details,
      );
    }
    if (validFrom > now)
      return down(`certificate not valid before ${formatInstant(validFrom)}`, latencyMs, details);
    if (verifyTls && authorizationError !== undefined) {
      const problem =
        describeCertificateProblem(authorizationError) ?? `certificate not trusted (${authorizationError})`;
      return down(problem, latencyMs, details);
    }
    if (expiresAt - now < warnDays * DAY_MS) {
      return degraded(`certificate expires in ${plural(daysLeft)} (${expiry})`, latencyMs, details);
    }
    return upUnlessSlow(def, latencyMs, details);
  },
};

const plural = (days: number): string => (days === 1 ? '1 day' : `${days} days`);
