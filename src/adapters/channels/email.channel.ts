import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { NotificationMessage, Recipient, SendOptions, SendResult } from '../../app/ports/notifier.ts';
import {
  configInvalid,
  configRecord,
  configString,
  configTimeout,
  requiredString,
  type Channel,
} from './channel.ts';
import { renderReportMail } from './email-report.ts';
import { renderMessage } from './templates.ts';

export interface EmailConfig {
  readonly host: string;
  readonly port: number;
  /** TLS from the first byte (port 465). */
  readonly secure: boolean;
  /** Refuse to send unless the server upgrades the connection with STARTTLS. */
  readonly requireTLS: boolean;
  readonly auth?: { readonly user: string; readonly password: string };
  /** `Pledge <sla@example.com>` or a bare address. */
  readonly from: string;
  readonly timeoutMs: number;
}

const ADDRESS_RE = /^[^\s@<>]+@[^\s@<>]+$/;

function addressOf(from: string): string {
  const angle = /<([^<>]+)>\s*$/.exec(from);
  return (angle?.[1] ?? from).trim();
}

function validateConfig(config: unknown): EmailConfig {
  const r = configRecord(config, ['host', 'port', 'secure', 'requireTLS', 'auth', 'from', 'timeoutMs']);
  const host = requiredString(r, 'host', 255);
  const port = r['port'] ?? (r['secure'] === true ? 465 : 587);
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65_535)
    configInvalid('port', 'must be a port number');
  for (const flag of ['secure', 'requireTLS'] as const) {
    if (r[flag] !== undefined && typeof r[flag] !== 'boolean') configInvalid(flag, 'must be true or false');
  }
  const from = requiredString(r, 'from', 320);
  if (!ADDRESS_RE.test(addressOf(from)))
    configInvalid('from', 'must be an e-mail address, optionally with a name: Pledge <sla@example.com>');
  let auth: EmailConfig['auth'];
  if (r['auth'] !== undefined) {
    const a = configRecord(r['auth'], ['user', 'password']);
    auth = {
      user: requiredString(a, 'user', 320),
      password: configString(a, 'password', { max: 1_000 }) as string,
    };
  }
  return {
    host,
    port,
    secure: r['secure'] === true,
    requireTLS: r['requireTLS'] === true,
    ...(auth ? { auth } : {}),
    from,
    timeoutMs: configTimeout(r),
  };
}

/**
 * The Message-ID of a notice: derived from its idempotency key, so a notice sent twice (a retry after a
 * lost answer) carries the same id and mail systems and people can tell it is a duplicate.
 */
export function messageIdFor(idempotencyKey: string, from: string): string {
  const domain = addressOf(from).split('@')[1] ?? 'pledge.invalid';
  const digest = createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32);
  return `<pledge.${digest}@${domain}>`;
}

interface SmtpError {
  readonly code?: string;
  readonly responseCode?: number;
  readonly message?: string;
}

/** 4xx answers and lost connections are worth a retry; 5xx answers and failed logins need a person. */
function failure(error: unknown): SendResult {
  const e = (typeof error === 'object' && error !== null ? error : {}) as SmtpError;
  const message = e.message ?? String(error);
  if (e.responseCode !== undefined) return { ok: false, retryable: e.responseCode < 500, error: message };
  if (e.code === 'EAUTH' || e.code === 'EENVELOPE' || e.code === 'EMESSAGE')
    return { ok: false, retryable: false, error: message };
  return { ok: false, retryable: true, error: message };
}

async function send(
  config: EmailConfig,
  recipient: Recipient,
  message: NotificationMessage,
  options: SendOptions = {},
): Promise<SendResult> {
  if (!recipient.address || !ADDRESS_RE.test(recipient.address))
    return { ok: false, retryable: false, error: 'the recipient has no valid e-mail address' };
  if (options.signal?.aborted) return { ok: false, retryable: true, error: 'aborted' };
  const rendered =
    message.facts.kind === 'scheduled_report' ? renderReportMail(message) : renderMessage(message);
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    requireTLS: config.requireTLS,
    ...(config.auth ? { auth: { user: config.auth.user, pass: config.auth.password } } : {}),
    connectionTimeout: config.timeoutMs,
    greetingTimeout: config.timeoutMs,
    socketTimeout: config.timeoutMs,
  });
  const abort = new Promise<SendResult>((resolve) => {
    options.signal?.addEventListener(
      'abort',
      () => resolve({ ok: false, retryable: true, error: 'aborted' }),
      { once: true },
    );
  });
  try {
    const sending = transport
      .sendMail({
        from: config.from,
        to: recipient.name ? { name: recipient.name, address: recipient.address } : recipient.address,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        ...(message.attachments?.length
          ? {
              attachments: message.attachments.map((a) => ({
                filename: a.fileName,
                contentType: a.contentType,
                content: Buffer.from(a.contentBase64, 'base64'),
              })),
            }
          : {}),
        messageId: messageIdFor(message.idempotencyKey, config.from),
        headers: { 'X-Pledge-Idempotency-Key': message.idempotencyKey, 'Auto-Submitted': 'auto-generated' },
      })
      .then(
        (info): SendResult => ({ ok: true, detail: `${info.messageId} ${info.response}` }),
        (error: unknown) => failure(error),
      );
    return await Promise.race([sending, abort]);
  } finally {
    transport.close();
  }
}

export const emailChannel: Channel<EmailConfig> = { kind: 'email', validateConfig, send };
