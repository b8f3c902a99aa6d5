// Daily reminders: SLA owners hear of reviews due or overdue, action owners of actions past their due date.
// They go out by e-mail through the escalation outbox; the outbox's idempotency key (subject + day + channel +
// address) makes a second run on the same day, or on a second worker, add nothing.
import type { AppContext } from '../context.ts';
import { ENV_EMAIL_CHANNEL_ID, type EscalationSettings } from '../escalation/channels.ts';
import type { ChannelRecord, NotificationRecord } from '../escalation/escalation.repository.ts';
import { localeOf } from '../escalation/notices.ts';
import type { NotificationFacts } from '../ports/notifier.ts';
import type { Repositories } from '../ports/repositories.ts';
import { dayOf } from './review-schedule.ts';
import { reviewSchedules } from './reviews.use-cases.ts';

/** How many reminders a run queued; `skipped` had no owner who can receive mail. */
export interface ReminderRun {
  readonly queued: number;
  readonly skipped: number;
}

type Reminder = NonNullable<NotificationFacts['reminder']>;

/** The environment's mail channel, else the first e-mail channel configured. */
async function mailChannel(
  repos: Repositories,
  settings: EscalationSettings,
): Promise<Pick<ChannelRecord, 'id' | 'kind'> | null> {
  if (settings.envEmail) return settings.envEmail;
  return (await repos.escalation.listChannels()).find((c) => c.kind === 'email') ?? null;
}

/** One outbox row for the reminder, or null when the owner cannot be reached by mail. */
async function reminderRow(
  ctx: AppContext,
  repos: Repositories,
  settings: EscalationSettings,
  ownerUserId: string | null,
  key: string,
  reminder: Reminder,
  now: number,
): Promise<NotificationRecord | null> {
  const owner = ownerUserId === null ? undefined : await repos.accounts.findUserById(ownerUserId);
  if (!owner || owner.disabled || owner.email === '') return null;
  const channel = await mailChannel(repos, settings);
  const address = owner.email.toLowerCase();
  const channelId = channel?.id ?? ENV_EMAIL_CHANNEL_ID;
  const idempotencyKey = `${key}:${channelId}:${address}`;
  return {
    id: ctx.ids.next(),
    idempotencyKey,
    stepKey: null,
    ticketId: null,
    channelId,
    channelKind: 'email',
    recipient: address,
    recipientName: owner.name,
    recipientUserId: owner.id,
    message: {
      idempotencyKey,
      locale: localeOf(owner.locale),
      timeZone: owner.timeZone ?? 'UTC',
      facts: { kind: 'reminder', level: 1, reminder },
    },
    // Without any mail channel the row is logged dead at once, so the notification log shows why nothing went out.
    status: channel ? 'pending' : 'dead',
    attempts: 0,
    nextAttemptAt: channel ? now : null,
    lastError: channel ? null : 'no e-mail channel is configured for reminders',
    detail: null,
    sentAt: null,
    ackTokenHash: null,
    createdAt: now,
    updatedAt: now,
  };
}

async function queue(ctx: AppContext, rows: readonly (NotificationRecord | null)[]): Promise<ReminderRun> {
  const ready = rows.filter((r): r is NotificationRecord => r !== null);
  const queued = ready.length === 0 ? 0 : await ctx.storage.escalation.insertNotifications(ready);
  return { queued, skipped: rows.length - ready.length };
}

/** Reminds each SLA owner of a review that is due or overdue, at most once per UTC day and SLA. */
export async function remindDueReviews(
  ctx: AppContext,
  now: number,
  settings: EscalationSettings,
): Promise<ReminderRun> {
  const today = dayOf(now);
  const rows: (NotificationRecord | null)[] = [];
  for (const s of await reviewSchedules(ctx.storage, now)) {
    if (s.state === 'scheduled') continue;
    rows.push(
      await reminderRow(
        ctx,
        ctx.storage,
        settings,
        s.ownerUserId,
        `reminder:review:${s.slaId}:${today}`,
        {
          about: 'review',
          state: s.state,
          title: s.slaName,
          dueDate: s.nextReviewDate,
          url: `${settings.publicUrl}/reviews?sla=${s.slaId}`,
        },
        now,
      ),
    );
  }
  return queue(ctx, rows);
}

/** Reminds each action's owner of an action past its due date, at most once per UTC day and action. */
export async function remindOverdueActions(
  ctx: AppContext,
  now: number,
  settings: EscalationSettings,
): Promise<ReminderRun> {
  const today = dayOf(now);
  const rows: (NotificationRecord | null)[] = [];
  for (const a of await ctx.storage.reviews.listActions({ overdueOn: today })) {
    rows.push(
      await reminderRow(
        ctx,
        ctx.storage,
        settings,
        a.ownerUserId,
        `reminder:action:${a.id}:${today}`,
        {
          about: 'action',
          state: 'overdue',
          title: a.title,
          dueDate: a.dueDate ?? today,
          url: `${settings.publicUrl}/actions/${a.id}`,
        },
        now,
      ),
    );
  }
  return queue(ctx, rows);
}
