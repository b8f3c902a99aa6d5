import type { Channel, ChannelKind } from './channel.ts';
import { chatChannel } from './chat.channel.ts';
import { emailChannel } from './email.channel.ts';
import { ntfyChannel } from './ntfy.channel.ts';
import { smsChannel } from './sms.channel.ts';
import { webhookChannel } from './webhook.channel.ts';

/** A channel whose config type is only known to itself: pass `send` what its `validateConfig` returned. */
export type AnyChannel = Channel<unknown>;

const CHANNELS: Readonly<Record<ChannelKind, AnyChannel>> = {
  email: emailChannel,
  webhook: webhookChannel,
  chat: chatChannel,
  ntfy: ntfyChannel,
  sms: smsChannel,
};

export const CHANNEL_KINDS = Object.keys(CHANNELS) as ChannelKind[];

export function isChannelKind(value: unknown): value is ChannelKind {
  return typeof value === 'string' && Object.hasOwn(CHANNELS, value);
}

/** The channel plugin for a kind. Validate the stored config with it before sending. */
export function channelFor(kind: ChannelKind): AnyChannel {
  return CHANNELS[kind];
}
