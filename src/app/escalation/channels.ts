// The notification channels as the escalation use cases see them. The plugins live in src/adapters/channels;
// this is the one place that binds them, so the use cases, the HTTP layer and the worker share one registry.
import type { ChannelKind, NotificationMessage, Recipient, SendOptions, SendResult } from '../../adapters/channels/channel.ts';
import { CHANNEL_KINDS, channelFor, isChannelKind } from '../../adapters/channels/channels.ts';
import { DomainError } from '../../domain/shared/errors.ts';
import type { ChannelRecord } from './escalation.repository.ts';

export type { ChannelKind, NotificationMessage, SendResult };
export { CHANNEL_KINDS, isChannelKind };

/** The id policies use for the e-mail channel configured from the environment (PLEDGE_SMTP_URL). */
export const ENV_EMAIL_CHANNEL_ID = 'default-email';

/** Sends one message through a channel plugin; tests pass a recording fake or real loopback servers. */
export interface ChannelSender {
  send(
    kind: ChannelKind,
    config: unknown,
    recipient: Recipient,
    message: NotificationMessage,
    options?: SendOptions,
  ): Promise<SendResult>;
}

export const pluginSender: ChannelSender = {
  send: (kind, config, recipient, message, options) =>
    channelFor(kind).send(config, recipient, message, options),
};

/** @throws DomainError CHANNEL_KIND_INVALID, CHANNEL_CONFIG_INVALID */
export function validateChannelConfig(kind: string, config: unknown): unknown {
  if (!isChannelKind(kind))
    throw new DomainError('CHANNEL_KIND_INVALID', `kind must be one of ${CHANNEL_KINDS.join(', ')}`, {
      field: 'kind',
    });
  return channelFor(kind).validateConfig(config);
}

/** What escalation needs to know beyond the database: the public URL and the environment's SMTP channel. */
export interface EscalationSettings {
  /** Where links in notices point: `${publicUrl}/tickets/…`, `${publicUrl}/api/v1/escalations/ack/…`. */
  readonly publicUrl: string;
  /** The e-mail channel configured from PLEDGE_SMTP_URL / PLEDGE_MAIL_FROM, if any. */
  readonly envEmail?: ChannelRecord;
}

/**
 * The e-mail channel an `smtp://user:pass@host:port` URL describes (`smtps://` for TLS from the first byte).
 * @throws DomainError CHANNEL_CONFIG_INVALID
 */
export function emailChannelFromUrl(smtpUrl: string, from: string, now: number): ChannelRecord {
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    throw new DomainError('CHANNEL_CONFIG_INVALID', 'PLEDGE_SMTP_URL must look like smtp://user:password@host:587', {
      field: 'PLEDGE_SMTP_URL',
    });
  }
  const secure = url.protocol === 'smtps:';
  if (!secure && url.protocol !== 'smtp:')
    throw new DomainError('CHANNEL_CONFIG_INVALID', 'PLEDGE_SMTP_URL must start with smtp:// or smtps://', {
      field: 'PLEDGE_SMTP_URL',
    });
  const config = validateChannelConfig('email', {
    host: url.hostname,
    port: url.port === '' ? (secure ? 465 : 587) : Number(url.port),
    secure,
    ...(url.username
      ? { auth: { user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) } }
      : {}),
    from,
  });
  return {
    id: ENV_EMAIL_CHANNEL_ID,
    name: 'E-mail (from the server configuration)',
    kind: 'email',
    config,
    revision: 1,
    createdAt: now,
    updatedAt: now,
  };
}

const MASK = '********';
const SECRET_KEYS = new Set(['password', 'secret', 'token']);

/**
 * The config as the API shows it: passwords, shared secrets, tokens, header values and chat webhook URLs
 * (whose path is the secret) replaced by a mask.
 */
export function maskConfig(kind: string, config: unknown): unknown {
  const walk = (value: unknown, key: string | null, inHeaders: boolean): unknown => {
    if (typeof value === 'string') {
      if (inHeaders || (key !== null && SECRET_KEYS.has(key))) return MASK;
      if (kind === 'chat' && key === 'url') {
        try {
          return `${new URL(value).origin}/${MASK}`;
        } catch {
          return MASK;
        }
      }
      return value;
    }
    if (Array.isArray(value)) return value.map((v) => walk(v, null, inHeaders));
    if (typeof value === 'object' && value !== null) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = walk(v, k, inHeaders || k === 'headers');
      return out;
    }
    return value;
  };
  return walk(config, null, false);
}

/** A config sent back with masked values keeps the stored secrets in their place. */
export function unmaskConfig(sent: unknown, stored: unknown): unknown {
  if (typeof sent === 'string') {
    if (sent === MASK && typeof stored === 'string') return stored;
    if (sent.endsWith(`/${MASK}`) && typeof stored === 'string') return stored;
    return sent;
  }
  if (Array.isArray(sent)) return sent.map((v, i) => unmaskConfig(v, Array.isArray(stored) ? stored[i] : undefined));
  if (typeof sent === 'object' && sent !== null) {
    const base = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(sent)) out[k] = unmaskConfig(v, base[k]);
    return out;
  }
  return sent;
}
