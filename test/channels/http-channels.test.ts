import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chatChannel, type ChatFormat } from '../../src/adapters/channels/chat.channel.ts';
import { channelFor } from '../../src/adapters/channels/channels.ts';
import { ntfyChannel } from '../../src/adapters/channels/ntfy.channel.ts';
import { SMS_MAX_CHARS, smsChannel } from '../../src/adapters/channels/sms.channel.ts';
import { webhookChannel } from '../../src/adapters/channels/webhook.channel.ts';
import { CHANNEL_KINDS } from '../../src/app/ports/notifier.ts';
import { DomainError } from '../../src/domain/shared/errors.ts';
import { parseInstant } from '../../src/domain/shared/time.ts';
import { breachNotice, outageNotice, warningNotice } from './messages.ts';
import { recordingHttpServer, type ReceivedRequest, type RecordingHttpServer } from './servers.ts';

const SECRET = 'whsec-0123456789abcdef';
const SENT_AT = parseInstant('2026-03-09T11:00:05Z');
let server: RecordingHttpServer;

beforeEach(async () => {
  server = await recordingHttpServer();
});
afterEach(async () => {
  await server.close();
});

const only = (): ReceivedRequest => {
  expect(server.requests).toHaveLength(1);
  return server.requests[0] as ReceivedRequest;
};

/** The receiver's side of the recipe in docs/escalation.md. */
function verifySignature(body: string, header: string | undefined, secret: string): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
  const given = Buffer.from(header ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

describe('webhook channel', () => {
  it('posts signed JSON with a timestamp and the idempotency key', async () => {
    const config = webhookChannel.validateConfig({
      url: `${server.url}/hooks/pledge`,
      secret: SECRET,
      headers: { 'X-Api-Key': 'k1' },
    });
    const result = await webhookChannel.send(config, {}, breachNotice('en'), { now: () => SENT_AT });
    expect(result).toEqual({ ok: true, detail: 'HTTP 200' });
    const req = only();
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/hooks/pledge');
    expect(req.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(req.headers['idempotency-key']).toBe('ticket:7f1c:std:resolution:1:0');
    expect(req.headers['x-pledge-timestamp']).toBe(String(SENT_AT / 1000));
    expect(req.headers['x-api-key']).toBe('k1');
    expect(verifySignature(req.body, req.headers['x-pledge-signature'] as string, SECRET)).toBe(true);
    expect(
      verifySignature(req.body, req.headers['x-pledge-signature'] as string, 'another-secret-value'),
    ).toBe(false);
    const body = JSON.parse(req.body) as Record<string, unknown>;
    expect(body).toMatchObject({
      id: 'ticket:7f1c:std:resolution:1:0',
      type: 'ticket_breach',
      level: 2,
      sentAt: '2026-03-09T11:00:05Z',
      ticket: { id: '7f1c', number: 4711, customerName: 'Müller & Söhne GmbH' },
      clock: {
        target: 'resolution',
        dueAt: '2026-03-09T11:00:00Z',
        breachedAt: '2026-03-09T11:00:00Z',
        shareUsed: 1,
      },
      acknowledgeUrl: 'https://pledge.example.com/ack/abc123',
    });
  });

  it('reports 5xx as retryable and 4xx as final', async () => {
    const config = webhookChannel.validateConfig({ url: server.url, secret: SECRET });
    server.status = 503;
    expect(await webhookChannel.send(config, {}, breachNotice())).toMatchObject({
      ok: false,
      retryable: true,
      error: 'HTTP 503: nope',
    });
    server.status = 400;
    expect(await webhookChannel.send(config, {}, breachNotice())).toMatchObject({
      ok: false,
      retryable: false,
    });
    server.status = 429;
    expect(await webhookChannel.send(config, {}, breachNotice())).toMatchObject({
      ok: false,
      retryable: true,
    });
  });

  it('reports a receiver that does not answer in time as retryable', async () => {
    const http = await import('node:http');
    const silent = http.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      const config = webhookChannel.validateConfig({
        url: `http://127.0.0.1:${port}/`,
        secret: SECRET,
        timeoutMs: 200,
      });
      expect(await webhookChannel.send(config, {}, breachNotice())).toMatchObject({
        ok: false,
        retryable: true,
        error: 'no answer within 200 ms',
      });
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('refuses a short secret and a non-http URL', () => {
    expect(() => webhookChannel.validateConfig({ url: 'https://x.example', secret: 'short' })).toThrow(
      DomainError,
    );
    expect(() => webhookChannel.validateConfig({ url: 'ftp://x.example', secret: SECRET })).toThrow(/url/);
  });
});

describe('chat channel', () => {
  const post = async (
    format: ChatFormat,
    extra: Record<string, unknown> = {},
  ): Promise<Record<string, unknown>> => {
    server.requests.length = 0;
    const config = chatChannel.validateConfig({ format, url: `${server.url}/hook`, ...extra });
    expect((await chatChannel.send(config, {}, breachNotice('de'))).ok).toBe(true);
    return JSON.parse(only().body) as Record<string, unknown>;
  };

  it('sends a Teams MessageCard', async () => {
    const card = await post('teams');
    expect(card).toMatchObject({
      '@type': 'MessageCard',
      '@context': 'https://schema.org/extensions',
      themeColor: 'dc2626',
      title: 'SLA verletzt: Ticket #4711 – Lösungszeit überschritten',
    });
    expect(card['sections']).toEqual([
      expect.objectContaining({
        facts: expect.arrayContaining([{ name: 'Kunde', value: 'Müller & Söhne GmbH' }]),
      }),
    ]);
    expect(card['potentialAction']).toContainEqual({
      '@type': 'OpenUri',
      name: 'Bestätigen',
      targets: [{ os: 'default', uri: 'https://pledge.example.com/ack/abc123' }],
    });
  });

  it('sends a Teams Adaptive Card', async () => {
    const message = await post('teams_adaptive');
    expect(message['type']).toBe('message');
    const [attachment] = message['attachments'] as {
      contentType: string;
      content: Record<string, unknown>;
    }[];
    expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(attachment?.content).toMatchObject({ type: 'AdaptiveCard', version: '1.4' });
    expect(attachment?.content['body']).toContainEqual(expect.objectContaining({ type: 'FactSet' }));
    expect(attachment?.content['actions']).toContainEqual({
      type: 'Action.OpenUrl',
      title: 'Bestätigen',
      url: 'https://pledge.example.com/ack/abc123',
    });
  });

  it('sends Slack blocks with escaped text and buttons', async () => {
    const message = await post('slack', { channel: '#it-escalations' });
    expect(message['channel']).toBe('#it-escalations');
    expect(typeof message['text']).toBe('string');
    const blocks = message['blocks'] as {
      type: string;
      fields?: { text: string }[];
      elements?: { url: string }[];
    }[];
    expect(blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'actions']);
    expect(blocks[2]?.fields).toContainEqual({ type: 'mrkdwn', text: '*Kunde*\nMüller &amp; Söhne GmbH' });
    expect(blocks[3]?.elements?.map((e) => e.url)).toEqual([
      'https://pledge.example.com/tickets/7f1c',
      'https://pledge.example.com/ack/abc123',
    ]);
  });

  it('sends Mattermost and Rocket.Chat attachments', async () => {
    for (const format of ['mattermost', 'rocketchat'] as const) {
      const message = await post(format, { username: 'Pledge', channel: 'it' });
      expect(message).toMatchObject({
        text: 'SLA verletzt: Ticket #4711 – Lösungszeit überschritten',
        channel: 'it',
      });
      expect(message[format === 'mattermost' ? 'username' : 'alias']).toBe('Pledge');
      const [attachment] = message['attachments'] as Record<string, unknown>[];
      expect(attachment).toMatchObject({
        color: '#dc2626',
        title_link: 'https://pledge.example.com/tickets/7f1c',
      });
      expect(attachment?.['fields']).toContainEqual({ short: true, title: 'Priorität', value: 'P2' });
    }
  });

  it('refuses an unknown format', () => {
    expect(() => chatChannel.validateConfig({ format: 'irc', url: server.url })).toThrow(/format/);
  });
});

/** Decodes one RFC 2047 `=?UTF-8?B?…?=` word, as ntfy does. */
const decodeWord = (value: string): string =>
  Buffer.from(value.slice('=?UTF-8?B?'.length, -2), 'base64').toString('utf8');

describe('ntfy channel', () => {
  it('posts the text to the topic with title, priority, tags, click and the bearer token', async () => {
    const config = ntfyChannel.validateConfig({ url: `${server.url}/it-escalations`, token: 'tk_secret' });
    expect((await ntfyChannel.send(config, {}, breachNotice('de'))).ok).toBe(true);
    const req = only();
    expect(req.url).toBe('/it-escalations');
    const title = req.headers['title'] as string;
    expect(title).toMatch(/^=\?UTF-8\?B\?.+\?=$/);
    expect(decodeWord(title)).toBe('SLA verletzt: Ticket #4711 – Lösungszeit überschritten');
    expect(req.headers['priority']).toBe('5');
    expect(req.headers['tags']).toBe('rotating_light');
    expect(req.headers['click']).toBe('https://pledge.example.com/tickets/7f1c');
    expect(decodeWord(req.headers['actions'] as string)).toBe(
      'view, Bestätigen, https://pledge.example.com/ack/abc123',
    );
    expect(req.headers['authorization']).toBe('Bearer tk_secret');
    expect(req.body).toContain('Fällig: Mo., 09.03.2026, 12:00 MEZ');
  });

  it('keeps ASCII titles as they are and uses the warning priority', async () => {
    const config = ntfyChannel.validateConfig({ url: `${server.url}/t` });
    await ntfyChannel.send(config, {}, warningNotice());
    const req = only();
    expect(req.headers['title']).toBe('Warning: ticket #4711 has used 75% of its resolution time');
    expect(req.headers['priority']).toBe('4');
    expect(req.headers['authorization']).toBeUndefined();
  });
});

describe('sms channel', () => {
  it('posts a JSON body built from the template, at most 160 characters of text', async () => {
    const config = smsChannel.validateConfig({
      urlTemplate: `${server.url}/api/sms`,
      method: 'POST',
      contentType: 'application/json',
      bodyTemplate: '{"to":"{to}","message":"{text}"}',
      headers: { Authorization: 'Basic dXNlcjpwdw==' },
    });
    expect((await smsChannel.send(config, { address: '+49 170 1234567' }, breachNotice('de'))).ok).toBe(true);
    const req = only();
    expect(req.headers['authorization']).toBe('Basic dXNlcjpwdw==');
    const body = JSON.parse(req.body) as { to: string; message: string };
    expect(body.to).toBe('+491701234567');
    expect(body.message.length).toBeLessThanOrEqual(SMS_MAX_CHARS);
    expect(body.message).toMatch(/^Pledge: SLA verletzt: Ticket #4711/);
  });

  it('puts number and text into the query of a GET gateway', async () => {
    const config = smsChannel.validateConfig({
      urlTemplate: `${server.url}/send?to={to}&text={text}`,
      method: 'GET',
    });
    await smsChannel.send(config, { address: '+4915112345678' }, outageNotice());
    const url = new URL(only().url, server.url);
    expect(url.searchParams.get('to')).toBe('+4915112345678');
    expect(url.searchParams.get('text')).toBe('Pledge: Ausfall: E-Mail (Exchange).');
  });

  it('reports a gateway error as retryable and a missing number as final', async () => {
    const config = smsChannel.validateConfig({
      urlTemplate: `${server.url}/send`,
      bodyTemplate: 'to={to}&text={text}',
    });
    server.status = 502;
    expect(await smsChannel.send(config, { address: '+4915112345678' }, outageNotice())).toMatchObject({
      ok: false,
      retryable: true,
    });
    expect(await smsChannel.send(config, { address: 'anna@example.com' }, outageNotice())).toMatchObject({
      ok: false,
      retryable: false,
    });
    expect(server.requests[0]?.body).toBe(
      `to=%2B4915112345678&text=${encodeURIComponent('Pledge: Ausfall: E-Mail (Exchange).')}`,
    );
  });

  it('needs both placeholders', () => {
    expect(() =>
      smsChannel.validateConfig({ urlTemplate: 'https://sms.example/send?to={to}', method: 'GET' }),
    ).toThrow(DomainError);
  });
});

describe('channel registry', () => {
  it('has one plugin per kind', () => {
    expect(CHANNEL_KINDS.map((k) => channelFor(k).kind)).toEqual(CHANNEL_KINDS);
  });
});
