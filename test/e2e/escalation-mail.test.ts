// The real server process sends escalation mail to a real SMTP server on loopback: a ticket with a
// one-minute resolution target (around the clock) gets its 75 % warning and its breach mail exactly once,
// even though the process is killed (SIGKILL) before the breach and started again after it.
import { describe, expect, it } from 'vitest';
import { serverWithMail, until, type Json } from './mail-support.ts';

const ASSIGNEE = 'lead@example.test';
const CONTACT = 'it@kanzlei.example';

describe('escalation mail from the server process', () => {
  const pledge = serverWithMail({
    dirPrefix: 'pledge-e2e-escalation-',
    users: [{ email: ASSIGNEE, role: 'admin' }],
  });

  it('mails the warning and the breach exactly once, across a SIGKILL and a restart', async () => {
    const customer = await pledge.call('POST', '/api/v1/customers', {
      name: 'Kanzlei Maier',
      timeZone: 'Europe/Berlin',
      locale: 'de',
    });
    expect(customer.status).toBe(201);
    expect(
      (
        await pledge.call('POST', `/api/v1/customers/${customer.json.id}/contacts`, {
          name: 'Herr Huber',
          email: CONTACT,
          escalationLevel: 1,
        })
      ).status,
    ).toBe(201);
    const sla = await pledge.call('POST', '/api/v1/slas', {
      name: 'One minute',
      customerIds: [customer.json.id],
      terms: { targets: { P1: { resolution: { duration: 'PT1M' } } } },
    });
    expect(sla.status).toBe(201);
    const activate = await fetch(`${pledge.url}/api/v1/slas/${sla.json.id}/versions/1/activate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${pledge.token}`, 'if-match': '"1"' },
    });
    expect(activate.status).toBe(200);
    const policy = await pledge.call('POST', '/api/v1/escalation-policies', {
      id: 'one-minute',
      name: 'One minute',
      slaIds: [sla.json.id],
      levels: [
        { trigger: { kind: 'share', share: 0.75 }, actions: [{ kind: 'notify_assignee' }] },
        {
          trigger: { kind: 'breach' },
          actions: [{ kind: 'notify_customer_contacts', level: 1 }, { kind: 'notify_assignee' }],
        },
      ],
    });
    expect(policy.status).toBe(201);
    const me = (await pledge.call('GET', '/api/v1/auth/me')).json;
    const ticket = await pledge.call('POST', '/api/v1/tickets', {
      customerId: customer.json.id,
      title: 'Kanzlei-Server antwortet nicht',
      priority: 'P1',
      slaId: sla.json.id,
      assigneeUserId: me.user?.id ?? me.id,
    });
    expect(ticket.status).toBe(201);
    const createdAt = Date.now();

    // 75 % of a minute: 45 s in.
    const warning = await until('the warning mail', 55_000, () =>
      pledge.smtp.mails.find((m) => m.envelopeTo.includes(ASSIGNEE)),
    );
    expect(Date.now() - createdAt).toBeGreaterThanOrEqual(44_000);
    expect(warning.mail.subject).toContain(`#${ticket.json.number}`);
    expect(warning.mail.text).toContain('Kanzlei-Server antwortet nicht');
    expect(warning.mail.text).toContain('http://pledge.example:8080/api/v1/escalations/ack/');
    expect(warning.mail.headers.get('x-pledge-idempotency-key')).toContain(
      `ticket:${ticket.json.id}:one-minute:resolution:0:0`,
    );

    // Killed before the breach, started again after it: the breach fell due while nothing ran.
    expect(Date.now() - createdAt).toBeLessThan(58_000);
    await pledge.stop('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, createdAt + 62_000 - Date.now())));
    expect(pledge.smtp.mails).toHaveLength(1);
    await pledge.start();

    await until('both breach mails', 30_000, () => (pledge.smtp.mails.length >= 3 ? true : undefined));
    // Give a duplicate the chance to show up.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const byRecipient = pledge.smtp.mails.map((m) => [m.envelopeTo.join(','), m.mail.subject ?? '']);
    expect(byRecipient).toHaveLength(3);
    const breaches = pledge.smtp.mails.slice(1);
    expect(breaches.map((m) => m.envelopeTo[0]).sort()).toEqual([CONTACT, ASSIGNEE].sort());
    const toContact = breaches.find((m) => m.envelopeTo.includes(CONTACT))?.mail;
    // The customer's contact reads German, with the due time in Berlin time.
    expect(toContact?.text).toContain('Kanzlei-Server antwortet nicht');
    expect(toContact?.text).toMatch(/Fällig/);
    expect(toContact?.subject).not.toEqual(warning.mail.subject);

    const log = await pledge.call('GET', `/api/v1/notifications?ticketId=${ticket.json.id}`);
    expect(log.json.items.map((n: Json) => [n.kind, n.recipient, n.status]).sort()).toEqual(
      [
        ['ticket_breach', ASSIGNEE, 'sent'],
        ['ticket_breach', CONTACT, 'sent'],
        ['ticket_warning', ASSIGNEE, 'sent'],
      ].sort(),
    );

    // The contact follows the acknowledge link: the page asks first (in German, as the mail was), and only
    // submitting its form acknowledges the breach level.
    const link = /http:\/\/pledge\.example:8080(\/api\/v1\/escalations\/ack\/[A-Za-z0-9_-]+)/.exec(
      toContact?.text ?? '',
    )?.[1];
    expect(link).toBeDefined();
    const breachLevel = async (): Promise<Json> =>
      (await pledge.call('GET', `/api/v1/escalations?ticketId=${ticket.json.id}`)).json.items.find(
        (s: Json) => s.level === 2,
      );
    const page = await fetch(`${pledge.url}${link}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('Eskalationsstufe 2 bestätigen?');
    expect((await breachLevel()).acknowledgedAt).toBeNull();
    const form = /<form method="(\w+)"(?: action="([^"]*)")?>/.exec(html);
    expect(form?.[1]).toBe('post');
    const target = new URL(form?.[2] ?? '', `${pledge.url}${link}`).toString();
    const submitted = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect(submitted.status).toBe(200);
    expect(await submitted.text()).toContain('Bestätigt');
    expect((await breachLevel()).acknowledgedBy).toBe(CONTACT);
  }, 120_000);
});
