// Reminders of SLA versions not yet acknowledged: one mail per staff member listing every version in force they
// still owe, at most once per interval. The last reminder's instant is stored per person and moved on by compare
// and set in the same transaction that writes the outbox row, so two workers, or a run repeated after a crash,
// never send a second mail within the interval; the row's idempotency key (person + reminder number) backs it up.
import { acknowledgementStatus, reminderDue } from '../../domain/staff/acknowledgement-status.ts';
import type { AppContext } from '../context.ts';
import { ENV_EMAIL_CHANNEL_ID, type EscalationSettings } from '../escalation/channels.ts';
import type { ChannelRecord, NotificationRecord } from '../escalation/escalation.repository.ts';
import { localeOf } from '../escalation/notices.ts';
import type { NotificationFacts } from '../ports/notifier.ts';
import type { Repositories } from '../ports/repositories.ts';
import type { ActiveVersionRecord, StaffMember } from './acknowledgements.repository.ts';

export interface AckReminderRun {
  /** Staff members who owe at least one acknowledgement. */
  readonly owing: number;
  /** Reminders written to the outbox in this run. */
  readonly queued: number;
}

/** The link to a version's one-page quick reference for staff. */
export const quickReferencePath = (slaId: string, version: number): string =>
  `/api/v1/slas/${encodeURIComponent(slaId)}/versions/${version}/quick-reference`;

/** The environment's mail channel, else the first e-mail channel configured. */
async function mailChannel(
  repos: Repositories,
  settings: EscalationSettings,
): Promise<Pick<ChannelRecord, 'id' | 'kind'> | null> {
  if (settings.envEmail) return settings.envEmail;
  return (await repos.escalation.listChannels()).find((c) => c.kind === 'email') ?? null;
}

function reminderRow(
  ctx: AppContext,
  settings: EscalationSettings,
  channel: Pick<ChannelRecord, 'id' | 'kind'> | null,
  person: StaffMember,
  owed: readonly ActiveVersionRecord[],
  sequence: number,
  now: number,
): NotificationRecord {
  const address = person.email.toLowerCase();
  const channelId = channel?.id ?? ENV_EMAIL_CHANNEL_ID;
  const idempotencyKey = `ack-reminder:${person.userId}:${sequence}:${channelId}:${address}`;
  const facts: NotificationFacts = {
    kind: 'acknowledgement_reminder',
    level: 1,
    acknowledgements: {
      versions: owed.map((v) => ({
        slaName: v.slaName,
        version: v.version,
        effectiveFrom: v.effectiveFrom,
        quickReferenceUrl: `${settings.publicUrl}${quickReferencePath(v.slaId, v.version)}`,
      })),
      url: `${settings.publicUrl}/slas`,
    },
  };
  return {
    id: ctx.ids.next(),
    idempotencyKey,
    stepKey: null,
    ticketId: null,
    channelId,
    channelKind: 'email',
    recipient: address,
    recipientName: person.name,
    recipientUserId: person.userId,
    message: { idempotencyKey, locale: localeOf(person.locale), timeZone: person.timeZone ?? 'UTC', facts },
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

/**
 * Writes a reminder to the outbox for every staff member who owes acknowledgements and was not reminded within
 * `intervalMs`. Safe to run as often as wanted and on several workers at once.
 */
export async function remindPendingAcknowledgements(
  ctx: AppContext,
  now: number,
  settings: EscalationSettings,
  intervalMs: number,
): Promise<AckReminderRun> {
  const repos = ctx.storage;
  const [active, staff] = await Promise.all([
    repos.acknowledgements.activeVersions(),
    repos.acknowledgements.staffMembers(),
  ]);
  if (active.length === 0 || staff.length === 0) return { owing: 0, queued: 0 };
  const acks = await repos.acknowledgements.listAcknowledgements({});
  const owedBy = new Map<string, ActiveVersionRecord[]>();
  for (const s of acknowledgementStatus(active, staff, acks))
    for (const p of s.pending) owedBy.set(p.userId, [...(owedBy.get(p.userId) ?? []), s.version]);
  let queued = 0;
  for (const person of staff) {
    const owed = owedBy.get(person.userId);
    if (!owed || person.email === '') continue;
    const sent = await ctx.storage.transaction(async (tx) => {
      const last = await tx.acknowledgements.findReminder(person.userId);
      if (!reminderDue(last?.lastSentAt ?? null, now, intervalMs)) return false;
      if (!(await tx.acknowledgements.recordReminder(person.userId, last, now))) return false;
      const row = reminderRow(
        ctx,
        settings,
        await mailChannel(tx, settings),
        person,
        owed,
        (last?.sentCount ?? 0) + 1,
        now,
      );
      return (await tx.escalation.insertNotifications([row])) === 1;
    });
    if (sent) queued++;
  }
  return { owing: owedBy.size, queued };
}
