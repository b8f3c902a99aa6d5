// The reports screen's periods in a real browser against the real server with the demo's history: an
// administrator chooses last quarter, sees the quarter's heading, the trend and the per-SLA figures, downloads
// the PDF (a real application/pdf), issues the report and opens its diff; then a custom range of days.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { en as m } from '../../web/src/i18n/en.ts';
import { browserAgainstPledge, expectAccessible, fill, label, screenshot } from './web-support.ts';

const PASSWORD = 'correct horse battery staple';
const LAW = 'Kanzlei Berger & Partner Rechtsanwälte';

/** The quarter before this one as "2026-Q3" and as the picker names it, by this machine's calendar. */
function lastQuarter(): { key: string; text: string } {
  const now = new Date();
  const index = now.getFullYear() * 4 + Math.floor(now.getMonth() / 3) - 1;
  const year = Math.floor(index / 4);
  const q = (index % 4) + 1;
  return { key: `${year}-Q${q}`, text: fill(m['reports.quarterLabel'], { q, year }) };
}

describe('report periods, PDF and issued reports in Chromium', () => {
  const browser = browserAgainstPledge({ demoMonths: 4 });

  it('reports a quarter with trend and per-SLA parts, downloads its PDF, issues it and shows the diff', async () => {
    const { server, page, errors } = await browser.signIn(PASSWORD);
    const customers = (
      (await (await page.request.get(`${server.url}/api/v1/customers?limit=50`)).json()) as {
        items: { id: string; name: string }[];
      }
    ).items;
    const law = customers.find((c) => c.name === LAW);
    if (!law) throw new Error('demo customer missing');
    const quarter = lastQuarter();

    await page.goto(`${server.url}/reports?customer=${law.id}`);
    await page.getByRole('textbox', { name: label(m['reports.periodKind']) }).click();
    await page.getByRole('option', { name: m['reports.kind.quarter'] }).click();
    await page.getByRole('textbox', { name: label(m['reports.quarter']) }).click();
    await page.getByRole('option', { name: quarter.text }).click();
    expect(new URL(page.url()).searchParams.get('period')).toBe(quarter.key);
    const json = (await (
      await page.request.get(`${server.url}/api/v1/customers/${law.id}/report?period=${quarter.key}`)
    ).json()) as { period: { label: string; labels: { en: string } }; slas: unknown[] };
    await page.getByRole('heading', { name: `${LAW}: ${json.period.labels.en}` }).waitFor();
    const trend = page.getByTestId('report-trend');
    await trend.waitFor();
    // The trend has the reported quarter and the three before it as columns.
    expect(await trend.locator('thead th').count()).toBe(5);
    expect(json.slas.length).toBeGreaterThan(0);
    await page.getByTestId('report-slas').waitFor();
    await expectAccessible(page, 'report (quarter)');
    await screenshot(page, 'reports-quarter');

    // The PDF of the same quarter downloads, and it is a PDF.
    const pdfLink = page.getByRole('link', { name: m['reports.pdf'] });
    expect(await pdfLink.getAttribute('href')).toBe(
      `/api/v1/customers/${law.id}/report.pdf?period=${quarter.key}`,
    );
    const [download] = await Promise.all([page.waitForEvent('download'), pdfLink.click()]);
    const pdfResponse = await page.request.get(
      `${server.url}/api/v1/customers/${law.id}/report.pdf?period=${quarter.key}`,
    );
    expect(pdfResponse.status()).toBe(200);
    expect(pdfResponse.headers()['content-type']).toMatch(/^application\/pdf/);
    expect(
      fs
        .readFileSync(await download.path())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    // Issue it: the list shows it with its page and CSV, and the diff says nothing changed.
    await page.getByText(m['reports.noIssued']).waitFor();
    await page.getByRole('button', { name: m['reports.issue'] }).click();
    const issued = page.getByTestId('issued-reports');
    await issued.getByText(quarter.key).waitFor();
    const pageHref = await issued
      .getByRole('link', { name: `${m['reports.page']} ${quarter.key} (1)` })
      .getAttribute('href');
    const html = await page.request.get(`${server.url}${pageHref ?? ''}`);
    expect(html.status()).toBe(200);
    expect(html.headers()['content-type']).toMatch(/^text\/html/);
    const csvHref = await issued.getByRole('link', { name: `CSV ${quarter.key} (1)` }).getAttribute('href');
    expect((await page.request.get(`${server.url}${csvHref ?? ''}`)).status()).toBe(200);
    await issued.getByRole('button', { name: m['reports.diff'] }).click();
    await page.getByRole('dialog').getByText(m['reports.noDiff']).waitFor();
    await expectAccessible(page, 'issued report diff');
    await page.keyboard.press('Escape');

    // A custom range of days.
    await page.getByRole('textbox', { name: label(m['reports.periodKind']) }).click();
    await page.getByRole('option', { name: m['reports.kind.range'] }).click();
    const from = quarter.key.replace(
      /-Q(\d)/,
      (_, q: string) => `-${String((Number(q) - 1) * 3 + 1).padStart(2, '0')}-01`,
    );
    const to = from.replace(/-01$/, '-10');
    await page.getByLabel(label(m['reports.from'])).fill(from);
    await page.getByLabel(label(m['reports.to'])).fill(to);
    await page.waitForURL((url) => url.searchParams.get('period') === `${from}..${to}`);
    await page.getByTestId('report-summary').waitFor();
    await expectAccessible(page, 'report (range)');
    expect(errors).toEqual([]);
  }, 180_000);
});
