import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { emailChannel, messageIdFor } from '../../src/adapters/channels/email.channel.ts';
import { DomainError } from '../../src/domain/shared/errors.ts';
import { breachNotice, warningNotice } from './messages.ts';
import { recordingSmtpServer, type RecordingSmtpServer } from './servers.ts';

const FROM = 'Pledge <sla@it-service.example>';
let smtp: RecordingSmtpServer | undefined;

afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
});

const config = (port: number, extra: Record<string, unknown> = {}) =>
  emailChannel.validateConfig({ host: '127.0.0.1', port, from: FROM, timeoutMs: 5_000, ...extra });

describe('email channel', () => {
  it('delivers a German breach notice with plain text and HTML, the due time in Berlin and the acknowledge link', async () => {
    smtp = await recordingSmtpServer();
    const result = await emailChannel.send(
      config(smtp.port),
      { address: 'anna.schmidt@kunde.example', name: 'Anna Schmidt' },
      breachNotice('de'),
    );
    expect(result.ok).toBe(true);
    expect(smtp.mails).toHaveLength(1);
    const { envelopeTo, mail } = smtp.mails[0] as RecordingSmtpServer['mails'][number];
    expect(envelopeTo).toEqual(['anna.schmidt@kunde.example']);
    expect(mail.subject).toBe('[Pledge] SLA verletzt: Ticket #4711 – Lösungszeit überschritten');
    expect(mail.from?.value).toEqual([{ name: 'Pledge', address: 'sla@it-service.example' }]);
    const text = mail.text ?? '';
    expect(text).toContain('Das SLA-Ziel (Lösung) wurde nicht eingehalten.');
    expect(text).toMatch(/Kunde:\s+Müller & Söhne GmbH/);
    // 11:00 UTC is 12:00 in Berlin (CET, "MEZ" in German).
    expect(text).toMatch(/Fällig:\s+Mo\., 09\.03\.2026, 12:00 MEZ/);
    expect(text).toContain('Bestätigen: https://pledge.example.com/ack/abc123');
    const html = typeof mail.html === 'string' ? mail.html : '';
    expect(html).toContain('<a href="https://pledge.example.com/ack/abc123"');
    expect(html).toContain('Müller &amp; Söhne GmbH');
    expect(html).toContain('09.03.2026, 12:00');
    expect(html).toContain('lang="de"');
  });

  it('renders the English notice in the recipient’s zone', async () => {
    smtp = await recordingSmtpServer();
    await emailChannel.send(config(smtp.port), { address: 'ops@it-service.example' }, warningNotice());
    const mail = smtp.mails[0]?.mail;
    expect(mail?.subject).toBe('[Pledge] Warning: ticket #4711 has used 75% of its resolution time');
    // 11:00 UTC is 07:00 in New York (EDT since 8 March 2026).
    expect(mail?.text).toMatch(/Due:\s+Mon, 09\/03\/2026, 07:00 GMT-4/);
    expect(mail?.text).toContain('Acknowledge: https://pledge.example.com/ack/abc123');
  });

  it('derives the Message-ID from the idempotency key, so a resend is recognisably the same notice', async () => {
    smtp = await recordingSmtpServer();
    const cfg = config(smtp.port);
    await emailChannel.send(cfg, { address: 'a@kunde.example' }, breachNotice());
    await emailChannel.send(cfg, { address: 'a@kunde.example' }, breachNotice());
    await emailChannel.send(cfg, { address: 'a@kunde.example' }, warningNotice());
    const ids = smtp.mails.map((m) => m.mail.messageId);
    expect(ids[0]).toBe(messageIdFor('ticket:7f1c:std:resolution:1:0', FROM));
    expect(ids[0]).toMatch(/^<pledge\.[0-9a-f]{32}@it-service\.example>$/);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).not.toBe(ids[0]);
    expect(smtp.mails[0]?.mail.headers.get('x-pledge-idempotency-key')).toBe(
      'ticket:7f1c:std:resolution:1:0',
    );
  });

  it('logs in with the configured user, and reports a refused login as final', async () => {
    smtp = await recordingSmtpServer();
    const ok = await emailChannel.send(
      config(smtp.port, { auth: { user: 'pledge', password: 'right' } }),
      { address: 'a@kunde.example' },
      breachNotice(),
    );
    expect(ok.ok).toBe(true);
    expect(smtp.logins).toEqual([{ username: 'pledge', password: 'right' }]);
    const refused = await emailChannel.send(
      config(smtp.port, { auth: { user: 'pledge', password: 'wrong' } }),
      { address: 'a@kunde.example' },
      breachNotice(),
    );
    expect(refused).toMatchObject({ ok: false, retryable: false });
  });

  it('retries after a temporary refusal or a lost connection, not after a permanent one', async () => {
    let code = 451;
    smtp = await recordingSmtpServer({
      onRcptTo(_address, _session, callback) {
        callback(
          Object.assign(new Error(code === 451 ? 'Try again later' : 'No such user'), { responseCode: code }),
        );
      },
    });
    const cfg = config(smtp.port);
    expect(await emailChannel.send(cfg, { address: 'a@kunde.example' }, breachNotice())).toMatchObject({
      ok: false,
      retryable: true,
    });
    code = 550;
    expect(await emailChannel.send(cfg, { address: 'a@kunde.example' }, breachNotice())).toMatchObject({
      ok: false,
      retryable: false,
    });

    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(
      await emailChannel.send(config(port), { address: 'a@kunde.example' }, breachNotice()),
    ).toMatchObject({ ok: false, retryable: true });
  });

  it('refuses to send in clear text when STARTTLS is required', async () => {
    smtp = await recordingSmtpServer();
    const result = await emailChannel.send(
      config(smtp.port, { requireTLS: true }),
      { address: 'a@kunde.example' },
      breachNotice(),
    );
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(smtp.mails).toEqual([]);
  });

  it('validates its configuration', () => {
    expect(() => emailChannel.validateConfig({ host: 'mail', from: 'not an address' })).toThrow(DomainError);
    expect(() => emailChannel.validateConfig({ host: 'mail', from: FROM, port: 70_000 })).toThrow(/port/);
    expect(emailChannel.validateConfig({ host: 'mail', from: FROM, secure: true })).toMatchObject({
      port: 465,
      secure: true,
      requireTLS: false,
    });
  });
});
