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
import { renderMessage, severityColour, type RenderedMessage } from './templates.ts';

/**
 * The incoming-webhook formats we speak: Microsoft Teams as a legacy connector MessageCard or as an
 * Adaptive Card (Teams workflows), Slack (Block Kit), Mattermost and Rocket.Chat (attachments).
 */
export const CHAT_FORMATS = ['teams', 'teams_adaptive', 'slack', 'mattermost', 'rocketchat'] as const;
export type ChatFormat = (typeof CHAT_FORMATS)[number];

export interface ChatConfig {
  readonly format: ChatFormat;
  /** The incoming-webhook URL the chat service gave out. */
  readonly url: string;
  /** Overrides the webhook's channel where the service allows it (Slack legacy, Mattermost, Rocket.Chat). */
  readonly channel?: string;
  /** The sender name shown where the service allows it (Mattermost, Rocket.Chat). */
  readonly username?: string;
  readonly timeoutMs: number;
}

function validateConfig(config: unknown): ChatConfig {
  const r = configRecord(config, ['format', 'url', 'channel', 'username', 'timeoutMs']);
  const format = r['format'];
  if (typeof format !== 'string' || !(CHAT_FORMATS as readonly string[]).includes(format))
    configInvalid('format', `must be one of ${CHAT_FORMATS.join(', ')}`);
  const channel = configString(r, 'channel', { optional: true, max: 200 });
  const username = configString(r, 'username', { optional: true, max: 100 });
  return {
    format: format as ChatFormat,
    url: configUrl(r, 'url'),
    ...(channel === undefined ? {} : { channel }),
    ...(username === undefined ? {} : { username }),
    timeoutMs: configTimeout(r),
  };
}

const hex = (r: RenderedMessage): string => severityColour(r.severity);

function teamsMessageCard(r: RenderedMessage): Record<string, unknown> {
  return {
    '@type': 'MessageCard',
    '@context': 'https://schema.org/extensions',
    summary: r.title,
    themeColor: hex(r).slice(1),
    title: r.title,
    sections: [{ text: r.summary, facts: r.facts.map((f) => ({ name: f.label, value: f.value })) }],
    potentialAction: r.links.map((k) => ({
      '@type': 'OpenUri',
      name: k.label,
      targets: [{ os: 'default', uri: k.url }],
    })),
  };
}

function teamsAdaptiveCard(r: RenderedMessage): Record<string, unknown> {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            {
              type: 'TextBlock',
              text: r.title,
              weight: 'Bolder',
              size: 'Medium',
              wrap: true,
              color: r.severity === 'info' ? 'Accent' : r.severity === 'warning' ? 'Warning' : 'Attention',
            },
            { type: 'TextBlock', text: r.summary, wrap: true },
            { type: 'FactSet', facts: r.facts.map((f) => ({ title: f.label, value: f.value })) },
          ],
          actions: r.links.map((k) => ({ type: 'Action.OpenUrl', title: k.label, url: k.url })),
        },
      },
    ],
  };
}

/** Slack's mrkdwn needs &, < and > escaped. */
const slackEscape = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function slack(r: RenderedMessage, config: ChatConfig): Record<string, unknown> {
  return {
    text: `${r.title} – ${r.summary}`,
    ...(config.channel ? { channel: config.channel } : {}),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: r.title.slice(0, 150) } },
      { type: 'section', text: { type: 'mrkdwn', text: slackEscape(r.summary) } },
      {
        type: 'section',
        fields: r.facts
          .slice(0, 10)
          .map((f) => ({ type: 'mrkdwn', text: `*${slackEscape(f.label)}*\n${slackEscape(f.value)}` })),
      },
      ...(r.links.length
        ? [
            {
              type: 'actions',
              elements: r.links.map((k) => ({
                type: 'button',
                text: { type: 'plain_text', text: k.label },
                url: k.url,
              })),
            },
          ]
        : []),
    ],
  };
}

function attachment(r: RenderedMessage): Record<string, unknown> {
  const [first] = r.links;
  return {
    fallback: `${r.title} – ${r.summary}`,
    color: hex(r),
    title: r.title,
    ...(first ? { title_link: first.url } : {}),
    text: [r.summary, ...r.links.map((k) => `[${k.label}](${k.url})`)].join('\n'),
    fields: r.facts.map((f) => ({ short: true, title: f.label, value: f.value })),
  };
}

function mattermost(r: RenderedMessage, config: ChatConfig): Record<string, unknown> {
  return {
    text: r.title,
    ...(config.channel ? { channel: config.channel } : {}),
    ...(config.username ? { username: config.username } : {}),
    attachments: [attachment(r)],
  };
}

function rocketChat(r: RenderedMessage, config: ChatConfig): Record<string, unknown> {
  return {
    text: r.title,
    ...(config.channel ? { channel: config.channel } : {}),
    ...(config.username ? { alias: config.username } : {}),
    attachments: [attachment(r)],
  };
}

/** The JSON body one chat service expects for a notice. */
export function chatPayload(config: ChatConfig, message: NotificationMessage): Record<string, unknown> {
  const r = renderMessage(message);
  switch (config.format) {
    case 'teams':
      return teamsMessageCard(r);
    case 'teams_adaptive':
      return teamsAdaptiveCard(r);
    case 'slack':
      return slack(r, config);
    case 'mattermost':
      return mattermost(r, config);
    case 'rocketchat':
      return rocketChat(r, config);
  }
}

async function send(
  config: ChatConfig,
  _recipient: Recipient,
  message: NotificationMessage,
  options: SendOptions = {},
): Promise<SendResult> {
  const body = JSON.stringify(chatPayload(config, message));
  return deliverHttp(
    config.url,
    { method: 'POST', headers: { 'Content-Type': 'application/json; charset=utf-8' }, body },
    config.timeoutMs,
    options.signal,
  );
}

export const chatChannel: Channel<ChatConfig> = { kind: 'chat', validateConfig, send };
