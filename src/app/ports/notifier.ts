// The notification channels as the use cases see them: what a notice says, whom it goes to, and the
// port that validates channel configs and sends. The plugins behind it live in src/adapters/channels.
import type { ClockMetric } from '../../domain/sla-clock/types.ts';

export type MessageKind =
  | 'ticket_warning'
  | 'ticket_breach'
  | 'ticket_after_breach'
  | 'outage'
  | 'burn_rate'
  | 'budget_spent'
  | 'reminder'
  | 'acknowledgement_reminder'
  | 'scheduled_report'
  | 'test';

/** What a notice is about, in facts: every channel renders them in its own format. Instants are UTC ms. */
export interface NotificationFacts {
  readonly kind: MessageKind;
  /** The escalation level, counted from 1 as people read it. */
  readonly level: number;
  readonly ticket?: {
    readonly id: string;
    readonly number?: string | number;
    readonly title: string;
    readonly customerName: string;
    readonly priority: string;
    readonly url: string;
  };
  readonly clock?: {
    readonly target: ClockMetric;
    readonly dueAt: number;
    readonly breachedAt?: number;
    /** Share of the target used, 0 … 1 (more once breached). */
    readonly shareUsed?: number;
  };
  readonly service?: { readonly id: string; readonly name: string; readonly url?: string };
  readonly outage?: {
    readonly id: string;
    readonly startedAt: number;
    readonly reason?: string;
    readonly monitorId?: string;
    readonly monitorName?: string;
    readonly cause?: string;
    /** How long the outage had lasted when the notice was written. */
    readonly durationMs?: number;
  };
  /** Burn-rate and budget alerts: how fast the budget burns, and how much of it is left (0 … 1). */
  readonly budget?: {
    readonly burnRate?: number;
    readonly remainingShare?: number;
    /** The alert record the notice is about. */
    readonly alertId?: string;
    /** The rule that fires: `burn_1h_5m` … `burn_3d_6h`, or `budget_spent`. */
    readonly rule?: string;
    /** Share of the period's budget used (1 = all of it). */
    readonly used?: number;
    /** The availability target (0.995 for 99.5 %). */
    readonly target?: number;
    /** The budget period `[start, end)`, a calendar month in the customer's zone (shown in that zone). */
    readonly period?: { readonly start: number; readonly end: number; readonly timeZone: string };
  };
  /** Reminders of SLA reviews and improvement actions that are due or overdue. */
  readonly reminder?: {
    readonly about: 'review' | 'action';
    readonly state: 'due' | 'overdue';
    /** The SLA's name or the action's title. */
    readonly title: string;
    /** "YYYY-MM-DD". */
    readonly dueDate: string;
    readonly url: string;
  };
  /** Reminders to staff of SLA versions in force they have not acknowledged yet. */
  readonly acknowledgements?: {
    readonly versions: readonly {
      readonly slaName: string;
      readonly version: number;
      readonly effectiveFrom: number | null;
      /** The version's one-page quick reference. */
      readonly quickReferenceUrl: string;
    }[];
    /** The SLAs in the web UI. */
    readonly url: string;
  };
  readonly acknowledgeUrl?: string;
  /** A customer's report mailed by its schedule: the period in words and the summary line, in the mail's language. */
  readonly report?: {
    readonly customerName: string;
    readonly period: string;
    readonly summary: string;
    /** The issued report's page. */
    readonly url: string;
  };
}

/** A file sent with a notice; only the e-mail channel carries them, the others leave them out. */
export interface MessageAttachment {
  readonly fileName: string;
  readonly contentType: string;
  /** The bytes in base64, so that the outbox can keep the message as JSON. */
  readonly contentBase64: string;
}

export interface NotificationMessage {
  /** The escalation step's key (or a test id): receivers and mail clients recognise duplicates by it. */
  readonly idempotencyKey: string;
  readonly locale: 'de' | 'en';
  /** The recipient's IANA time zone: instants are shown in it. */
  readonly timeZone: string;
  readonly facts: NotificationFacts;
  readonly attachments?: readonly MessageAttachment[];
}

/** Who receives the notice: an e-mail address or a phone number; chat and webhook channels post to their URL. */
export interface Recipient {
  readonly address?: string;
  readonly name?: string;
}

export type SendResult =
  | { readonly ok: true; readonly detail: string }
  | { readonly ok: false; readonly retryable: boolean; readonly error: string };

export interface SendOptions {
  readonly signal?: AbortSignal;
  /** The clock for timestamps; the system clock when absent. */
  readonly now?: () => number;
}

const KINDS = ['email', 'webhook', 'chat', 'ntfy', 'sms'] as const;

/** The kinds of notification channel; every kind has one plugin behind the `Notifier`. */
export type ChannelKind = (typeof KINDS)[number];

export const CHANNEL_KINDS: ChannelKind[] = [...KINDS];

export function isChannelKind(value: unknown): value is ChannelKind {
  return typeof value === 'string' && (KINDS as readonly string[]).includes(value);
}

/** Validates channel configs and sends notices, one plugin per kind. Built once in src/main. */
export interface Notifier {
  /**
   * The config as the kind's plugin will use it; pass `send` what this returned.
   * @throws DomainError CHANNEL_CONFIG_INVALID with `details.field`.
   */
  validateConfig(kind: ChannelKind, config: unknown): unknown;
  /** Sends one notice. Never throws on delivery: failures come back as `{ ok: false, retryable }`. */
  send(
    kind: ChannelKind,
    config: unknown,
    recipient: Recipient,
    message: NotificationMessage,
    options?: SendOptions,
  ): Promise<SendResult>;
}
