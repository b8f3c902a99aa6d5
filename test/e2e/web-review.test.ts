// The SLA review in a real browser against the real server with the demo's history: an administrator records a
// review of "Managed Premium" with participants, period, findings, decisions and an agreed action, sees the
// review with its report snapshot, creates the draft version the review decided and follows the link to the SLA's
// version diff; then the same screens in German. Every screen passes the accessibility check.
import { describe, expect, it } from 'vitest';
import { de } from '../../web/src/i18n/de.ts';
import { en as m } from '../../web/src/i18n/en.ts';
import { browserAgainstPledge, expectAccessible, fill, label, screenshot } from './web-support.ts';

const PASSWORD = 'correct horse battery staple';
const SLA = 'Managed Premium';

/** YYYY-MM of the month `back` months before this one, by this machine's (and the browser's) calendar. */
function monthsAgo(back: number): string {
  const now = new Date();
  const d = new Date(now.getFullYear(), now.getMonth() - back, 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

describe('SLA reviews in Chromium', () => {
  const browser = browserAgainstPledge({ demoMonths: 2 });

  it('records a review with an action, shows its snapshot, drafts the SLA version it decided; also in German', async () => {
    const { server, page, errors } = await browser.signIn(PASSWORD);
    await page.getByRole('navigation').getByRole('link', { name: m['nav.reviews'], exact: true }).click();
    await page.getByRole('heading', { name: m['reviews.title'], exact: true }).waitFor();
    await page.getByText(m['reviews.noneHeld']).waitFor();
    await expectAccessible(page, 'reviews');

    await page.getByRole('button', { name: m['reviews.record'] }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: label(m['reviews.sla']) }).click();
    await page.getByRole('option', { name: SLA }).click();
    await dialog.getByLabel(label(m['reviews.periodFrom'])).fill(monthsAgo(2));
    await dialog.getByLabel(label(m['reviews.periodTo'])).fill(monthsAgo(1));
    await dialog.getByLabel(label(m['reviews.participants'])).fill('Lea Lead\nHerr Weber (customer)');
    await dialog
      .getByLabel(label(m['reviews.findings']))
      .fill('P2 resolution missed twice, both vendor delays.');
    await dialog.getByLabel(label(m['reviews.decisions'])).fill('Review every 6 months.');
    await dialog.getByRole('button', { name: m['reviews.addAction'] }).click();
    await dialog.getByLabel(fill(m['reviews.actionTitle'], { n: 1 })).fill('Second disk supplier');
    await expectAccessible(page, 'record review');
    await screenshot(page, 'review-record');
    await dialog.getByRole('button', { name: m['app.save'] }).click();

    // The review's own page: what was said, the report snapshot of each month, the action agreed.
    await page.getByRole('heading', { name: new RegExp(`^Review of “${SLA}” on `) }).waitFor();
    await page.getByText('P2 resolution missed twice, both vendor delays.').waitFor();
    await page.getByText('Lea Lead, Herr Weber (customer)').waitFor();
    const snapshot = page.getByTestId('review-snapshot');
    await snapshot.getByText(monthsAgo(2)).first().waitFor();
    await snapshot.getByText(monthsAgo(1)).first().waitFor();
    // The snapshot rows carry the reports' summary sentence, which always starts with one of these words.
    expect(await snapshot.locator('tr').count()).toBeGreaterThanOrEqual(2);
    expect(await snapshot.textContent()).toMatch(/All targets met|No target|targets/);
    await page.getByRole('link', { name: 'Second disk supplier' }).waitFor();
    const reviewUrl = page.url();
    const reviewId = reviewUrl.split('/').pop() ?? '';
    const stored = (await (await page.request.get(`${server.url}/api/v1/reviews/${reviewId}`)).json()) as {
      participants: string[];
      actions: { title: string; status: string }[];
      snapshot: { reports: unknown[] };
    };
    expect(stored.participants).toEqual(['Lea Lead', 'Herr Weber (customer)']);
    expect(stored.actions.map((a) => [a.title, a.status])).toEqual([['Second disk supplier', 'open']]);
    expect(stored.snapshot.reports.length).toBeGreaterThanOrEqual(2);
    await expectAccessible(page, 'review');

    // The decision to change the SLA: a draft version with a shorter review interval, and its diff.
    await page.getByLabel(m['reviews.intervalMonths']).fill('6');
    await page.getByRole('button', { name: m['reviews.createDraft'] }).click();
    await page.getByText(fill(m['reviews.draftCreated'], { v: 2 })).waitFor();
    await page
      .getByTestId('review-draft-changes')
      .getByText(/6 months/)
      .waitFor();
    await screenshot(page, 'review');
    await page.getByRole('link', { name: m['reviews.openDiff'] }).click();
    await page.getByRole('heading', { name: fill(m['slas.diff'], { a: 1, b: 2 }) }).waitFor();
    await page.getByTestId('sla-diff').getByText(/6/).first().waitFor();

    // The list now holds the review; in German, the list and the review read in German.
    await page.getByRole('navigation').getByRole('link', { name: m['nav.reviews'], exact: true }).click();
    await page.getByTestId('reviews-held').getByText(SLA).waitFor();
    await page.getByText('DE', { exact: true }).click();
    await page.getByRole('heading', { name: de['reviews.title'], exact: true }).waitFor();
    await page.getByText(de['reviews.held']).waitFor();
    await expectAccessible(page, 'reviews (de)');
    await page.goto(reviewUrl);
    await page.getByRole('heading', { name: new RegExp(`^Review von „${SLA}“ am `) }).waitFor();
    await page.getByText(de['reviews.snapshot']).waitFor();
    await page.getByText(fill(de['reviews.draftCreated'], { v: 2 })).waitFor();
    await expectAccessible(page, 'review (de)');
    await screenshot(page, 'de-review');
    expect(errors).toEqual([]);
  }, 180_000);
});
