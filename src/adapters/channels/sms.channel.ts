import type { NotificationMessage, Recipient, SendOptions, SendResult } from '../../app/ports/notifier.ts';
import {
  configHeaders,
  configInvalid,
  configRecord,
  configString,
  configTimeout,
  requiredString,
  deliverHttp,
  type Channel,
} from './channel.ts';
import { renderMessage } from './templates.ts';

/** How `{to}` and `{text}` are escaped inside the body template. */
export type SmsBodyEncoding = 'form' | 'json' | 'text';

/**
 * A generic HTTP SMS gateway: most providers take a GET or POST with the number and the text in the URL
 * or the body. `{to}` and `{text}` in the templates are replaced (URL-encoded in the URL).
 */
export interface SmsConfig {
  /** e.g. `https://sms.example.com/send?user=it&to={to}&text={text}` */
  readonly urlTemplate: string;
  readonly method: 'GET' | 'POST';
  /** e.g. `{"to":"{to}","message":"{text}"}`; POST only. */
  readonly bodyTemplate?: string;
  /** Content type of the body; decides the escaping (JSON string, form field, as is). */
  readonly contentType: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
}

export const SMS_MAX_CHARS = 160;
const PHONE_RE = /^\+?[0-9 ()/-]{3,30}$/;

function validateConfig(config: unknown): SmsConfig {
  const r = configRecord(config, [
    'urlTemplate',
    'method',
    'bodyTemplate',
    'contentType',
    'headers',
    'timeoutMs',
  ]);
  const urlTemplate = requiredString(r, 'urlTemplate');
  try {
    const url = new URL(urlTemplate.replaceAll('{to}', '0').replaceAll('{text}', 'x'));
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      configInvalid('urlTemplate', 'must be an http or https URL');
  } catch {
    configInvalid('urlTemplate', 'must be an absolute http or https URL');
  }
  const method = r['method'] ?? 'POST';
  if (method !== 'GET' && method !== 'POST') configInvalid('method', 'must be GET or POST');
  const bodyTemplate = configString(r, 'bodyTemplate', { optional: true, max: 4_000 });
  if (bodyTemplate !== undefined && method === 'GET') configInvalid('bodyTemplate', 'is only sent with POST');
  const templates = `${urlTemplate}${bodyTemplate ?? ''}`;
  if (!templates.includes('{to}') || !templates.includes('{text}'))
    configInvalid('urlTemplate', 'the URL or body template must contain {to} and {text}');
  const contentType =
    configString(r, 'contentType', { optional: true, max: 200 }) ?? 'application/x-www-form-urlencoded';
  return {
    urlTemplate,
    method,
    ...(bodyTemplate === undefined ? {} : { bodyTemplate }),
    contentType,
    headers: configHeaders(r),
    timeoutMs: configTimeout(r),
  };
}

function encodingOf(contentType: string): SmsBodyEncoding {
  if (/json/i.test(contentType)) return 'json';
  if (/x-www-form-urlencoded/i.test(contentType)) return 'form';
  return 'text';
}

function fill(template: string, values: { to: string; text: string }, escape: (s: string) => string): string {
  return template.replace(/\{(to|text)\}/g, (_m, name: 'to' | 'text') => escape(values[name]));
}

const ESCAPES: Record<SmsBodyEncoding, (s: string) => string> = {
  form: encodeURIComponent,
  json: (s) => JSON.stringify(s).slice(1, -1),
  text: (s) => s,
};

/** The request an SMS gateway receives for a notice. */
export function smsRequest(
  config: SmsConfig,
  to: string,
  message: NotificationMessage,
): { url: string; method: string; body?: string; headers: Record<string, string> } {
  const values = { to, text: renderMessage(message).short };
  const url = fill(config.urlTemplate, values, encodeURIComponent);
  if (config.method === 'GET' || config.bodyTemplate === undefined)
    return { url, method: config.method, headers: { ...config.headers } };
  const body = fill(config.bodyTemplate, values, ESCAPES[encodingOf(config.contentType)]);
  return {
    url,
    method: config.method,
    body,
    headers: { ...config.headers, 'Content-Type': config.contentType },
  };
}

async function send(
  config: SmsConfig,
  recipient: Recipient,
  message: NotificationMessage,
  options: SendOptions = {},
): Promise<SendResult> {
  const to = recipient.address?.trim();
  if (!to || !PHONE_RE.test(to))
    return { ok: false, retryable: false, error: 'the recipient has no valid phone number' };
  const request = smsRequest(config, to.replace(/[ ()/-]/g, ''), message);
  return deliverHttp(
    request.url,
    {
      method: request.method,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
    },
    config.timeoutMs,
    options.signal,
  );
}

export const smsChannel: Channel<SmsConfig> = { kind: 'sms', validateConfig, send };
