import type { ChannelKind, Notifier } from '../../app/ports/notifier.ts';
import type { Channel } from './channel.ts';
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

/** The channel plugin for a kind. Validate the stored config with it before sending. */
export function channelFor(kind: ChannelKind): AnyChannel {
  return CHANNELS[kind];
}

/** The `Notifier` port over the channel plugins: the implementation src/main puts into the app context. */
export const pluginNotifier: Notifier = {
  validateConfig: (kind, config) => channelFor(kind).validateConfig(config),
  send: (kind, config, recipient, message, options) => channelFor(kind).send(config, recipient, message, options),
};
