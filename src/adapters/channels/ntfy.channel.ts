import type { NotificationMessage, Recipient, SendOptions, SendResult } from '../../app/ports/notifier.ts';
import {
  configInvalid,
  configRecord,
  configString,
  configTimeout,
  configUrl,
  deliverHttp,
  type Channel,
} from './channel.ts';
import { renderMessage, type RenderedMessage } from './templates.ts';

export interface NtfyConfig {
  /** The topic URL, e.g. `https://ntfy.example.com/it-escalations`. */
  readonly url: string;
  /** Access token for a protected topic (sent as a bearer token). */
  readonly token?: string;
  /** Fixed priority 1 … 5; by default warnings are 4 and breaches and outages 5. */
  readonly priority?: number;
  readonly timeoutMs: number;
}

function validateConfig(config: unknown): NtfyConfig {
  const r = configRecord(config, ['url', 'token', 'priority', 'timeoutMs']);
  const token = configString(r, 'token', { optional: true, max: 1_000 });
  const priority = r['priority'];
  if (
    priority !== undefined &&
    (typeof priority !== 'number' || !Number.isInteger(priority) || priority < 1 || priority > 5)
  ) {
    configInvalid('priority', 'must be a whole number from 1 to 5');
  }
  return {
    url: configUrl(r, 'url'),
    ...(token === undefined ? {} : { token }),
    ...(priority === undefined ? {} : { priority }),
    timeoutMs: configTimeout(r),
  };
}

const PRIORITY: Record<RenderedMessage['severity'], number> = { info: 3, warning: 4, critical: 5 };
const TAGS: Record<RenderedMessage['severity'], string> = {
  info: 'information_source',
  warning: 'warning',
  critical: 'rotating_light',
};

/**
 * HTTP header values are Latin-1 on the wire; ntfy decodes RFC 2047 encoded words, so a title with
 * umlauts or dashes goes out as `=?UTF-8?B?…?=`.
 */
export function headerText(value: string): string {
  return /^[\x20-\x7e]*$/.test(value)
    ? value
    : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}

/** The headers of an ntfy publish request for a notice. */
export function ntfyHeaders(config: NtfyConfig, message: NotificationMessage): Record<string, string> {
  const r = renderMessage(message);
  const click = message.facts.ticket?.url ?? message.facts.service?.url;
  const ack = message.facts.acknowledgeUrl;
  return {
    'Content-Type': 'text/plain; charset=utf-8',
    Title: headerText(r.title),
    Priority: String(config.priority ?? PRIORITY[r.severity]),
    Tags: TAGS[r.severity],
    ...(click ? { Click: click } : {}),
    ...(ack
      ? { Actions: headerText(`view, ${r.links.find((k) => k.url === ack)?.label ?? 'Acknowledge'}, ${ack}`) }
      : {}),
    ...(config.token ? { Authorization: `Bearer ${config.token}` } : {}),
  };
}

async function send(
  config: NtfyConfig,
  _recipient: Recipient,
  message: NotificationMessage,
  options: SendOptions = {},
): Promise<SendResult> {
  const r = renderMessage(message);
  const body = [r.summary, '', ...r.facts.map((f) => `${f.label}: ${f.value}`)].join('\n');
  return deliverHttp(
    config.url,
    { method: 'POST', headers: ntfyHeaders(config, message), body },
    config.timeoutMs,
    options.signal,
  );
}

export const ntfyChannel: Channel<NtfyConfig> = { kind: 'ntfy', validateConfig, send };
