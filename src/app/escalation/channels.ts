// The notification channels as the escalation use cases see them. The plugins live in src/adapters/channels
// behind the `Notifier` port; src/main puts the implementation into the app context.
import { DomainError } from '../../domain/shared/errors.ts';
import type { AppContext } from '../context.ts';
import {
  CHANNEL_KINDS,
  isChannelKind,
  type ChannelKind,
  type NotificationMessage,
  type Notifier,
  type SendResult,
} from '../ports/notifier.ts';
import type { ChannelRecord } from './escalation.repository.ts';

export type { ChannelKind, NotificationMessage, SendResult };
export { CHANNEL_KINDS, isChannelKind };

/** The id policies use for the e-mail channel configured from the environment (PLEDGE_SMTP_URL). */
export const ENV_EMAIL_CHANNEL_ID = 'default-email';

/** Sends one message through a channel plugin; tests pass a recording fake or real loopback servers. */
export type ChannelSender = Pick<Notifier, 'send'>;

/** The context's notifier. @throws DomainError NOTIFIER_MISSING when the context was built without one. */
export function notifierOf(ctx: AppContext): Notifier {
  if (!ctx.notifier)
    throw new DomainError('NOTIFIER_MISSING', 'no notification channels are configured in this process');
  return ctx.notifier;
}

/** @throws DomainError CHANNEL_KIND_INVALID, CHANNEL_CONFIG_INVALID */
export function validateChannelConfig(notifier: Notifier, kind: string, config: unknown): unknown {
  if (!isChannelKind(kind))
    throw new DomainError('CHANNEL_KIND_INVALID', `kind must be one of ${CHANNEL_KINDS.join(', ')}`, {
      field: 'kind',
    });
  return notifier.validateConfig(kind, config);
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
export function emailChannelFromUrl(
  notifier: Notifier,
  smtpUrl: string,
  from: string,
  now: number,
): ChannelRecord {
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    throw new DomainError(
      'CHANNEL_CONFIG_INVALID',
      'PLEDGE_SMTP_URL must look like smtp://user:password@host:587',
      {
        field: 'PLEDGE_SMTP_URL',
      },
    );
  }
  const secure = url.protocol === 'smtps:';
  if (!secure && url.protocol !== 'smtp:')
    throw new DomainError('CHANNEL_CONFIG_INVALID', 'PLEDGE_SMTP_URL must start with smtp:// or smtps://', {
      field: 'PLEDGE_SMTP_URL',
    });
  const config = validateChannelConfig(notifier, 'email', {
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
  if (Array.isArray(sent))
    return sent.map((v, i) => unmaskConfig(v, Array.isArray(stored) ? stored[i] : undefined));
  if (typeof sent === 'object' && sent !== null) {
    const base = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(sent)) out[k] = unmaskConfig(v, base[k]);
    return out;
  }
  return sent;
}
