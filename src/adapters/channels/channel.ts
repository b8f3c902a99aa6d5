import type { ChannelKind, NotificationMessage, Recipient, SendOptions, SendResult } from '../../app/ports/notifier.ts';
import { DomainError } from '../../domain/shared/errors.ts';

/** A notification channel: one plugin per kind, validated config in, delivery outcome out. Never throws on delivery. */
export interface Channel<C> {
  readonly kind: ChannelKind;
  /** @throws DomainError CHANNEL_CONFIG_INVALID with `details.field`. */
  validateConfig(config: unknown): C;
  send(
    config: C,
    recipient: Recipient,
    message: NotificationMessage,
    options?: SendOptions,
  ): Promise<SendResult>;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_TIMEOUT_MS = 120_000;

export function configInvalid(field: string, message: string): never {
  throw new DomainError('CHANNEL_CONFIG_INVALID', `${field}: ${message}`, { field });
}

export function configRecord(config: unknown, allowed: readonly string[]): Record<string, unknown> {
  if (typeof config !== 'object' || config === null || Array.isArray(config))
    configInvalid('config', 'must be an object');
  for (const key of Object.keys(config))
    if (!allowed.includes(key)) configInvalid(key, 'is not a known setting');
  return config as Record<string, unknown>;
}

export function configString(
  r: Record<string, unknown>,
  field: string,
  options: { optional?: boolean; max?: number } = {},
): string | undefined {
  const value = r[field];
  if (value === undefined && options.optional) return undefined;
  if (typeof value !== 'string' || value.trim() === '' || value.length > (options.max ?? 2_000)) {
    configInvalid(field, 'must be a non-empty string');
  }
  return value;
}

export function requiredString(r: Record<string, unknown>, field: string, max?: number): string {
  return configString(r, field, max === undefined ? {} : { max }) as string;
}

export function configUrl(r: Record<string, unknown>, field: string): string {
  const value = requiredString(r, field);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    configInvalid(field, 'must be an absolute http or https URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    configInvalid(field, 'must be an http or https URL');
  return value;
}

export function configTimeout(r: Record<string, unknown>): number {
  const value = r['timeoutMs'];
  if (value === undefined) return DEFAULT_TIMEOUT_MS;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 100 || value > MAX_TIMEOUT_MS) {
    configInvalid('timeoutMs', `must be a whole number of milliseconds from 100 to ${MAX_TIMEOUT_MS}`);
  }
  return value;
}

export function configHeaders(r: Record<string, unknown>): Readonly<Record<string, string>> {
  const value = r['headers'];
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    configInvalid('headers', 'must be an object of header names to values');
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(value)) {
    if (!/^[A-Za-z0-9-]{1,100}$/.test(name) || typeof v !== 'string' || /[\r\n]/.test(v))
      configInvalid(`headers.${name}`, 'must be a header name with a one-line value');
    out[name] = v;
  }
  return out;
}

/** Whether an HTTP status is worth trying again: server errors, timeouts and rate limits. */
export const retryableStatus = (status: number): boolean => status >= 500 || status === 408 || status === 429;

/**
 * Sends one HTTP request and classifies the outcome: 2xx delivered; 5xx, 408, 429, timeouts and network
 * errors retryable; other statuses (including redirects, which we do not follow) final.
 */
export async function deliverHttp(
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<SendResult> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  try {
    const response = await fetch(url, { ...init, redirect: 'manual', signal: combined });
    const text = await response.text().catch(() => '');
    const snippet = text.slice(0, 200);
    if (response.status >= 200 && response.status < 300)
      return { ok: true, detail: `HTTP ${response.status}` };
    return {
      ok: false,
      retryable: retryableStatus(response.status),
      error: `HTTP ${response.status}${snippet ? `: ${snippet}` : ''}`,
    };
  } catch (error) {
    if (timeout.aborted) return { ok: false, retryable: true, error: `no answer within ${timeoutMs} ms` };
    if (signal?.aborted) return { ok: false, retryable: true, error: 'aborted' };
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
    return {
      ok: false,
      retryable: true,
      error: cause ?? (error instanceof Error ? error.message : String(error)),
    };
  }
}
