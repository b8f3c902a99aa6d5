import { createHmac } from 'node:crypto';
import type { NotificationMessage, Recipient, SendOptions, SendResult } from '../../app/ports/notifier.ts';
import { formatInstant } from '../../domain/shared/time.ts';
import {
  configHeaders,
  configInvalid,
  configRecord,
  configTimeout,
  configUrl,
  deliverHttp,
  requiredString,
  type Channel,
} from './channel.ts';
import { renderMessage } from './templates.ts';

export interface WebhookConfig {
  readonly url: string;
  /** Shared secret for `X-Pledge-Signature`; at least 16 characters. */
  readonly secret: string;
  /** Extra headers, e.g. an API key the receiver expects. */
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
}

function validateConfig(config: unknown): WebhookConfig {
  const r = configRecord(config, ['url', 'secret', 'headers', 'timeoutMs']);
  const secret = requiredString(r, 'secret', 1_000);
  if (secret.length < 16) configInvalid('secret', 'must be at least 16 characters long');
  return { url: configUrl(r, 'url'), secret, headers: configHeaders(r), timeoutMs: configTimeout(r) };
}

/** `sha256=<hex>`: HMAC-SHA256 of the exact body bytes with the shared secret. */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

const iso = (ms: number | undefined): string | undefined =>
  ms === undefined ? undefined : formatInstant(ms);

/** The JSON a webhook receives: the facts with ISO instants, plus the rendered text for simple receivers. */
export function webhookBody(message: NotificationMessage, sentAt: number): Record<string, unknown> {
  const { facts } = message;
  const rendered = renderMessage(message);
  return {
    id: message.idempotencyKey,
    type: facts.kind,
    level: facts.level,
    sentAt: formatInstant(sentAt),
    locale: message.locale,
    ...(facts.ticket ? { ticket: facts.ticket } : {}),
    ...(facts.clock
      ? {
          clock: {
            target: facts.clock.target,
            dueAt: iso(facts.clock.dueAt),
            breachedAt: iso(facts.clock.breachedAt) ?? null,
            shareUsed: facts.clock.shareUsed ?? null,
          },
        }
      : {}),
    ...(facts.service ? { service: facts.service } : {}),
    ...(facts.outage ? { outage: { ...facts.outage, startedAt: iso(facts.outage.startedAt) } } : {}),
    ...(facts.budget
      ? {
          budget: {
            ...facts.budget,
            ...(facts.budget.period
              ? {
                  period: {
                    ...facts.budget.period,
                    start: iso(facts.budget.period.start),
                    end: iso(facts.budget.period.end),
                  },
                }
              : {}),
          },
        }
      : {}),
    ...(facts.acknowledgeUrl ? { acknowledgeUrl: facts.acknowledgeUrl } : {}),
    text: { title: rendered.title, summary: rendered.summary, plain: rendered.text },
  };
}

async function send(
  config: WebhookConfig,
  _recipient: Recipient,
  message: NotificationMessage,
  options: SendOptions = {},
): Promise<SendResult> {
  const sentAt = (options.now ?? Date.now)();
  const body = JSON.stringify(webhookBody(message, sentAt));
  return deliverHttp(
    config.url,
    {
      method: 'POST',
      headers: {
        ...config.headers,
        'Content-Type': 'application/json; charset=utf-8',
        'User-Agent': 'Pledge-Webhook/1',
        'X-Pledge-Signature': signBody(body, config.secret),
        'X-Pledge-Timestamp': String(Math.floor(sentAt / 1000)),
        'Idempotency-Key': message.idempotencyKey,
      },
      body,
    },
    config.timeoutMs,
    options.signal,
  );
}

export const webhookChannel: Channel<WebhookConfig> = { kind: 'webhook', validateConfig, send };
