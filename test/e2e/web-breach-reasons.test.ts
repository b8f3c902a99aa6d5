// Breach reasons in a real browser against the real server with the demo's history: an administrator adds a
// category to the list ("Change freeze", both languages), opens a ticket that missed a target, records that
// category with a note and sees it on the ticket; the reason is stored on the ticket. Both screens pass the
// accessibility check.
import { describe, expect, it } from 'vitest';
import { en as m } from '../../web/src/i18n/en.ts';
import { browserAgainstPledge, expectAccessible, label, screenshot } from './web-support.ts';

const PASSWORD = 'correct horse battery staple';

interface Ticket {
  readonly id: string;
  readonly clocks: readonly { metric: string; state: string; breachedAt: string | null }[];
  readonly breachReasons: readonly { target: string; reason: string; note: string | null }[];
}

describe('breach reasons in Chromium', () => {
  const browser = browserAgainstPledge({ demoMonths: 1 });

  it('adds a category, records it on a breached ticket and shows it there', async () => {
    const { server, page, errors } = await browser.signIn(PASSWORD);

    // The list of categories: add one in both languages.
    await page
      .getByRole('navigation')
      .getByRole('link', { name: m['nav.breachReasons'], exact: true })
      .click();
    await page.getByRole('heading', { name: m['breach.settingsTitle'], exact: true }).waitFor();
    const rows = await page.getByTestId('breach-reasons').locator('tbody tr').count();
    expect(rows).toBeGreaterThan(0);
    await page.getByRole('button', { name: m['breach.add'] }).click();
    const n = rows + 1;
    await page.getByLabel(`${m['breach.code']} ${n}`).fill('change_freeze');
    await page.getByLabel(`${m['breach.labelEn']} ${n}`).fill('Change freeze');
    await page.getByLabel(`${m['breach.labelDe']} ${n}`).fill('Änderungssperre');
    await page.getByRole('button', { name: m['app.save'] }).click();
    await page.getByRole('status').getByText(m['app.saved']).waitFor();
    await expectAccessible(page, 'breach reasons');
    await screenshot(page, 'breach-reasons');
    const list = (await (await page.request.get(`${server.url}/api/v1/breach-reasons`)).json()) as {
      items: { code: string; label: { de: string; en: string }; active: boolean }[];
    };
    expect(list.items.find((r) => r.code === 'change_freeze')).toEqual({
      code: 'change_freeze',
      label: { de: 'Änderungssperre', en: 'Change freeze' },
      active: true,
    });

    // A ticket that missed a target (the demo has some): record the new category with a note.
    const breached = (
      (await (await page.request.get(`${server.url}/api/v1/tickets?clock=breached&limit=1`)).json()) as {
        items: Ticket[];
      }
    ).items[0];
    if (!breached) throw new Error('the demo has no breached ticket');
    const missed = breached.clocks.find((c) => c.state === 'breached');
    if (!missed) throw new Error('the breached ticket has no breached clock');
    await page.goto(`${server.url}/tickets/${breached.id}`);
    const card = page.getByTestId('breach-reasons');
    await card.getByText(m['breach.none']).waitFor();
    await card.getByRole('textbox', { name: label(m['breach.reason']) }).click();
    await page.getByRole('option', { name: 'Change freeze' }).click();
    await card.getByLabel(m['breach.note']).fill('Mail server patch held back by the freeze.');
    await expectAccessible(page, 'ticket with breach reason form');
    await card.getByRole('button', { name: m['breach.record'] }).click();
    await card.getByText(/Change freeze – Mail server patch held back by the freeze\./).waitFor();
    await screenshot(page, 'ticket-breach-reason');

    const stored = (await (
      await page.request.get(`${server.url}/api/v1/tickets/${breached.id}`)
    ).json()) as Ticket;
    expect(stored.breachReasons).toContainEqual(
      expect.objectContaining({
        target: missed.metric,
        reason: 'change_freeze',
        note: 'Mail server patch held back by the freeze.',
      }),
    );
    expect(errors).toEqual([]);
  }, 180_000);
});
