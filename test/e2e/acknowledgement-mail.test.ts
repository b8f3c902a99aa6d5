// The real server process reminds staff by mail, through a real SMTP server on loopback, of an SLA version in
// force they have not acknowledged: the worker looks at start and hourly; a restart within the reminder interval
// sends nothing more, because the database, not the process, remembers when each person was last reminded.
import { describe, expect, it } from 'vitest';
import { serverWithMail, until, type Json } from './mail-support.ts';

const LEAD = 'lead@example.test';
const AGENT = 'agent@example.test';

describe('acknowledgement reminders from the server process', () => {
  const pledge = serverWithMail({
    dirPrefix: 'pledge-e2e-ack-',
    users: [
      { email: LEAD, role: 'admin' },
      { email: AGENT, role: 'agent' },
    ],
    env: { PLEDGE_ACK_REMINDER_DAYS: '3' },
  });

  it('mails the agent once about the new version, and not again after a restart', async () => {
    const customer = await pledge.call('POST', '/api/v1/customers', { name: 'Kanzlei Maier' });
    expect(customer.status).toBe(201);
    const sla = await pledge.call('POST', '/api/v1/slas', {
      name: 'Kanzlei Standard',
      customerIds: [customer.json.id],
      terms: { targets: { P1: { resolution: { duration: 'PT4H' } } } },
    });
    expect(sla.status).toBe(201);
    expect(
      (
        await pledge.call('POST', `/api/v1/slas/${sla.json.id}/versions/1/activate`, undefined, {
          'if-match': '"1"',
        })
      ).status,
    ).toBe(200);

    // The worker looks at start: restarting it makes the look happen now instead of within the hour.
    await pledge.stop();
    await pledge.start();
    const mail = await until('the reminder mail', 20_000, () =>
      pledge.smtp.mails.find((m) => m.envelopeTo.includes(AGENT)),
    );
    expect(mail.mail.subject).toBe('[Pledge] Please acknowledge an SLA version');
    expect(mail.mail.text).toContain('Kanzlei Standard, version 1');
    expect(mail.mail.text).toContain(
      `http://pledge.example:8080/api/v1/slas/${sla.json.id}/versions/1/quick-reference`,
    );
    // The admin owes nothing: admins need not acknowledge.
    expect(pledge.smtp.mails.map((m) => m.envelopeTo.join(','))).toEqual([AGENT]);

    await pledge.stop();
    await pledge.start();
    // Give a second reminder the chance to show up.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(pledge.smtp.mails).toHaveLength(1);
    const pending = await pledge.call('GET', '/api/v1/acknowledgements/pending');
    expect(pending.json.items.map((i: Json) => i.pending.map((p: Json) => p.email))).toEqual([[AGENT]]);
  }, 90_000);
});
