// Delivering outbox rows: one attempt per call, with exponential back-off between retries and a dead state.
import { SECOND_MS } from '../../domain/shared/time.ts';
import type { AppContext } from '../context.ts';
import {
  ENV_EMAIL_CHANNEL_ID,
  isChannelKind,
  type ChannelSender,
  type EscalationSettings,
  type NotificationMessage,
} from './channels.ts';
import type { NotificationAttempt, NotificationRecord } from './escalation.repository.ts';

/** Attempts before a notice is given up as dead. */
export const MAX_ATTEMPTS = 6;
/** The first retry waits this long; each further one twice as long. */
export const RETRY_BASE_MS = 30 * SECOND_MS;

/**
 * When attempt `attempts + 1` should run after `attempts` failed ones: 30 s × 2^(attempts − 1), stretched
 * by up to a fifth at random so that notices failing together do not retry in lockstep.
 */
export function retryDelay(attempts: number, random: () => number = Math.random): number {
  const base = RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1);
  return Math.round(base * (1 + 0.2 * random()));
}

/** Sends one claimed outbox row through its channel and records the outcome. Never throws on delivery. */
export async function deliverNotification(
  ctx: AppContext,
  row: NotificationRecord,
  settings: EscalationSettings,
  sender: ChannelSender,
  signal?: AbortSignal,
): Promise<NotificationAttempt> {
  const attempts = row.attempts + 1;
  const channel =
    row.channelId === ENV_EMAIL_CHANNEL_ID && settings.envEmail
      ? settings.envEmail
      : await ctx.storage.escalation.findChannel(row.channelId);
  let outcome: { ok: true; detail: string } | { ok: false; retryable: boolean; error: string };
  if (!channel || !isChannelKind(channel.kind)) {
    outcome = {
      ok: false,
      retryable: false,
      error: `the notification channel "${row.channelId}" no longer exists`,
    };
  } else {
    try {
      outcome = await sender.send(
        channel.kind,
        channel.config,
        {
          ...(row.recipient === '*' ? {} : { address: row.recipient }),
          ...(row.recipientName ? { name: row.recipientName } : {}),
        },
        row.message as NotificationMessage,
        { now: () => ctx.clock.now(), ...(signal ? { signal } : {}) },
      );
    } catch (error) {
      outcome = { ok: false, retryable: true, error: error instanceof Error ? error.message : String(error) };
    }
  }
  const now = ctx.clock.now();
  const attempt: NotificationAttempt = outcome.ok
    ? {
        status: 'sent',
        attempts,
        nextAttemptAt: null,
        lastError: null,
        detail: outcome.detail.slice(0, 500),
        sentAt: now,
        at: now,
      }
    : outcome.retryable && attempts < MAX_ATTEMPTS
      ? {
          status: 'retrying',
          attempts,
          nextAttemptAt: now + retryDelay(attempts),
          lastError: outcome.error.slice(0, 500),
          detail: null,
          sentAt: null,
          at: now,
        }
      : {
          status: 'dead',
          attempts,
          nextAttemptAt: null,
          lastError: outcome.error.slice(0, 500),
          detail: null,
          sentAt: null,
          at: now,
        };
  await ctx.storage.escalation.recordAttempt(row.id, attempt);
  return attempt;
}
