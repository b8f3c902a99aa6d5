import { DomainError } from '../../domain/shared/errors.ts';
import { requireRole, type Actor } from '../actor.ts';
import { audit } from '../audit/audit.ts';
import type { AppContext } from '../context.ts';
import {
  ENV_EMAIL_CHANNEL_ID,
  isChannelKind,
  maskConfig,
  notifierOf,
  unmaskConfig,
  validateChannelConfig,
  type ChannelSender,
  type NotificationMessage,
  type SendResult,
} from './channels.ts';
import type { ChannelRecord } from './escalation.repository.ts';

export interface ChannelInput {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly config: unknown;
}

/** A channel as the API shows it: secrets masked. */
export type MaskedChannel = ChannelRecord;

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

const masked = (c: ChannelRecord): MaskedChannel => ({ ...c, config: maskConfig(c.kind, c.config) });

function notFound(id: string): never {
  throw new DomainError('CHANNEL_NOT_FOUND', 'notification channel not found', { id });
}

function checkName(name: string): string {
  const n = name.trim();
  if (n === '' || n.length > 200)
    throw new DomainError('CHANNEL_INVALID', 'name must be 1 to 200 characters', { field: 'name' });
  return n;
}

export async function listChannels(ctx: AppContext, actor: Actor): Promise<readonly MaskedChannel[]> {
  requireRole(actor, 'manager');
  return (await ctx.storage.escalation.listChannels()).map(masked);
}

export async function getChannel(ctx: AppContext, actor: Actor, id: string): Promise<MaskedChannel> {
  requireRole(actor, 'manager');
  return masked((await ctx.storage.escalation.findChannel(id)) ?? notFound(id));
}

/** Adds a channel (managers and admins); its config is validated by the channel plugin. */
export async function createChannel(
  ctx: AppContext,
  actor: Actor,
  input: ChannelInput,
): Promise<MaskedChannel> {
  requireRole(actor, 'manager');
  if (!ID_RE.test(input.id) || input.id === ENV_EMAIL_CHANNEL_ID)
    throw new DomainError(
      'CHANNEL_INVALID',
      'id must be 1 to 100 letters, digits, "_", "." or "-" (and not "default-email")',
      {
        field: 'id',
      },
    );
  const now = ctx.clock.now();
  const record: ChannelRecord = {
    id: input.id,
    name: checkName(input.name),
    kind: input.kind,
    config: validateChannelConfig(notifierOf(ctx), input.kind, input.config),
    revision: 1,
    createdAt: now,
    updatedAt: now,
  };
  await ctx.storage.transaction(async (repos) => {
    if (await repos.escalation.findChannel(record.id))
      throw new DomainError('CHANNEL_EXISTS', `a channel with id "${record.id}" exists`, { id: record.id });
    await repos.escalation.insertChannel(record);
    await audit(repos.audit, actor, now, {
      action: 'notification_channel.created',
      entityType: 'notification_channel',
      entityId: record.id,
      customerId: null,
      summary: `Notification channel "${record.name}" (${record.kind}) created`,
    });
  });
  return masked(record);
}

/** Changes a channel's name or config; masked values sent back keep the stored secrets. */
export async function updateChannel(
  ctx: AppContext,
  actor: Actor,
  id: string,
  patch: { readonly name?: string; readonly config?: unknown },
): Promise<MaskedChannel> {
  requireRole(actor, 'manager');
  const now = ctx.clock.now();
  const after = await ctx.storage.transaction(async (repos) => {
    const before = (await repos.escalation.findChannel(id)) ?? notFound(id);
    const next: ChannelRecord = {
      ...before,
      name: patch.name === undefined ? before.name : checkName(patch.name),
      config:
        patch.config === undefined
          ? before.config
          : validateChannelConfig(notifierOf(ctx), before.kind, unmaskConfig(patch.config, before.config)),
      revision: before.revision + 1,
      updatedAt: now,
    };
    await repos.escalation.updateChannel(next);
    await audit(repos.audit, actor, now, {
      action: 'notification_channel.updated',
      entityType: 'notification_channel',
      entityId: id,
      customerId: null,
      // Configs hold secrets: the audit names what changed, not the values.
      summary: `Notification channel "${next.name}" changed${patch.config === undefined ? '' : ' (settings)'}`,
    });
    return next;
  });
  return masked(after);
}

/** Removes a channel no policy uses any more. @throws DomainError CHANNEL_IN_USE */
export async function deleteChannel(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  requireRole(actor, 'manager');
  const now = ctx.clock.now();
  await ctx.storage.transaction(async (repos) => {
    const before = (await repos.escalation.findChannel(id)) ?? notFound(id);
    const users = (await repos.escalation.listPolicies()).filter((p) =>
      p.policy.levels.some((l) => l.channels.includes(id)),
    );
    if (users.length > 0)
      throw new DomainError(
        'CHANNEL_IN_USE',
        `escalation policies use this channel: ${users.map((p) => p.policy.id).join(', ')}`,
        {
          policies: users.map((p) => p.policy.id),
        },
      );
    await repos.escalation.deleteChannel(id);
    await audit(repos.audit, actor, now, {
      action: 'notification_channel.deleted',
      entityType: 'notification_channel',
      entityId: id,
      customerId: null,
      summary: `Notification channel "${before.name}" deleted`,
    });
  });
}

/**
 * Sends a test notice through a channel (managers and admins). E-mail goes to `to` or to the actor's own
 * address, SMS to `to`; the other kinds post to their configured URL. Sends through the context's notifier
 * unless a `sender` is given.
 */
export async function sendTestNotification(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { readonly to?: string; readonly locale?: 'de' | 'en' },
  sender?: ChannelSender,
): Promise<SendResult> {
  requireRole(actor, 'manager');
  const channel = (await ctx.storage.escalation.findChannel(id)) ?? notFound(id);
  if (!isChannelKind(channel.kind)) notFound(id);
  const user = actor.userId === null ? undefined : await ctx.storage.accounts.findUserById(actor.userId);
  const to = input.to ?? (channel.kind === 'email' ? user?.email : undefined);
  if ((channel.kind === 'email' || channel.kind === 'sms') && !to)
    throw new DomainError('CHANNEL_TEST_INVALID', 'say whom to send the test to ("to")', { field: 'to' });
  const now = ctx.clock.now();
  const message: NotificationMessage = {
    idempotencyKey: `test:${channel.id}:${now}`,
    locale: input.locale ?? (user?.locale === 'de' ? 'de' : 'en'),
    timeZone: user?.timeZone ?? 'UTC',
    facts: { kind: 'test', level: 1 },
  };
  return (sender ?? notifierOf(ctx)).send(channel.kind, channel.config, to ? { address: to } : {}, message, {
    now: () => ctx.clock.now(),
  });
}
