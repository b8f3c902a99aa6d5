// The reports screen in a real browser against the real server filled with the demo's history: an administrator
// picks a customer and last month, sees the summary, the availability chart and the compliance table, downloads
// the CSV and opens the printable page; the same screen in German with a German summary; a customer viewer sees
// only its own customer's report. Every state passes the accessibility check.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { de } from '../../web/src/i18n/de.ts';
import { en as m } from '../../web/src/i18n/en.ts';
import { browserAgainstPledge, expectAccessible, label, postJson, screenshot } from './web-support.ts';

const PASSWORD = 'correct horse battery staple';
const LAW = 'Kanzlei Berger & Partner Rechtsanwälte';
const DENTIST = 'Zahnarztpraxis Dr. Jansen';

interface Report {
  readonly summary: string;
  readonly summaries: { readonly de: string; readonly en: string };
  readonly compliance: readonly unknown[];
  readonly availability: readonly unknown[];
}

/** Last month as YYYY-MM and as the picker names it, by the calendar of this machine (and of the browser). */
function lastMonth(locale: string): { value: string; text: string } {
  const now = new Date();
  const first = new Date(Date.UTC(now.getFullYear(), now.getMonth() - 1, 1));
  const value = `${first.getUTCFullYear()}-${String(first.getUTCMonth() + 1).padStart(2, '0')}`;
  const text = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    first,
  );
  return { value, text };
}

describe('the reports screen in Chromium', () => {
  const browser = browserAgainstPledge({ demoMonths: 2 });

  it('shows a customer report with its chart, downloads the CSV, in English and German; a viewer sees only its own', async () => {
    const { server, page, errors } = await browser.signIn(PASSWORD);
    const customers = (
      (await (await page.request.get(`${server.url}/api/v1/customers?limit=50`)).json()) as {
        items: { id: string; name: string }[];
      }
    ).items;
    const law = customers.find((c) => c.name === LAW);
    const dentist = customers.find((c) => c.name === DENTIST);
    if (!law || !dentist)
      throw new Error(`demo customers missing: ${customers.map((c) => c.name).join(', ')}`);
    const month = lastMonth('en-US');
    const reportOf = async (customerId: string, lang: string): Promise<Report> => {
      const response = await page.request.get(
        `${server?.url}/api/v1/customers/${customerId}/report?month=${month.value}&lang=${lang}`,
      );
      expect(response.status()).toBe(200);
      return (await response.json()) as Report;
    };

    // Pick the customer and last month.
    await page.getByRole('navigation').getByRole('link', { name: m['nav.reports'], exact: true }).click();
    await page.getByRole('heading', { name: m['reports.title'], exact: true }).waitFor();
    await page.getByRole('textbox', { name: label(m['reports.customer']) }).click();
    await page.getByRole('option', { name: LAW }).click();
    await page.getByRole('textbox', { name: label(m['reports.month']) }).click();
    await page.getByRole('option', { name: month.text }).click();
    await page.getByRole('heading', { name: `${LAW}: ${month.text}` }).waitFor();
    expect(new URL(page.url()).searchParams.get('month')).toBe(month.value);

    // The summary at the top is the API's, in the customer's language (German for the demo's customers).
    const report = await reportOf(law.id, 'de');
    expect(report.compliance.length).toBeGreaterThan(0);
    expect(report.availability.length).toBeGreaterThan(0);
    await page.getByTestId('report-summary').getByText(report.summaries.de.slice(0, 40)).waitFor();
    const chart = page.getByRole('img', { name: m['reports.chartLabel'] });
    await chart.locator('svg').first().waitFor();
    await page.getByTestId('report-compliance').waitFor();
    await expectAccessible(page, 'report');
    await screenshot(page, 'reports');

    // The CSV downloads with what the API sends for the same month.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: m['reports.csv'] }).click(),
    ]);
    const downloaded = fs.readFileSync(await download.path(), 'utf8');
    const direct = await page.request.get(
      `${server.url}/api/v1/customers/${law.id}/report.csv?month=${month.value}`,
    );
    expect(direct.status()).toBe(200);
    expect(downloaded).toBe(await direct.text());
    expect(downloaded.split('\n').length).toBeGreaterThan(5);

    // The printable page is the server's HTML report for the same month.
    const printable = await page.getByRole('link', { name: m['reports.printable'] }).getAttribute('href');
    expect(printable).toBe(`/api/v1/customers/${law.id}/report.html?month=${month.value}`);
    const html = await page.request.get(`${server.url}${printable}`);
    expect(html.headers()['content-type']).toMatch(/^text\/html/);
    expect(await html.text()).toContain('Berger');

    // The same screen in German, with the report asked for in English and then in German.
    await page.getByText('DE', { exact: true }).click();
    await page.getByRole('heading', { name: de['reports.title'], exact: true }).waitFor();
    const monthDe = lastMonth('de-DE');
    await page.getByRole('heading', { name: `${LAW}: ${monthDe.text}` }).waitFor();
    await page.getByRole('textbox', { name: label(de['reports.language']) }).click();
    await page.getByRole('option', { name: 'English' }).click();
    await page.getByTestId('report-summary').getByText(report.summaries.en.slice(0, 40)).waitFor();
    await page.getByRole('textbox', { name: label(de['reports.language']) }).click();
    await page.getByRole('option', { name: 'Deutsch' }).click();
    expect(new URL(page.url()).searchParams.get('lang')).toBe('de');
    await page.getByTestId('report-summary').getByText(report.summaries.de.slice(0, 40)).waitFor();
    await page.getByRole('img', { name: de['reports.chartLabel'] }).locator('svg').first().waitFor();
    expect(await page.getByRole('link', { name: de['reports.csv'] }).getAttribute('href')).toBe(
      `/api/v1/customers/${law.id}/report.csv?month=${monthDe.value}&lang=de`,
    );
    await expectAccessible(page, 'report (de)');
    await screenshot(page, 'de-reports');

    // A customer viewer of the dental practice: no customer picker, its own report, and no other.
    await postJson(page, `${server.url}/api/v1/users`, {
      email: 'praxis@example.test',
      name: 'Praxis Jansen',
      role: 'customer',
      customerId: dentist.id,
      password: 'the practice password',
    });
    await page.getByRole('button', { name: de['nav.logout'] }).click();
    await page.getByLabel(label(de['login.email'])).fill('praxis@example.test');
    await page.getByLabel(label(de['login.password'])).fill('the practice password');
    await page.getByRole('button', { name: de['login.submit'] }).click();
    await page.getByRole('heading', { name: de['dashboard.title'] }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: de['nav.reports'], exact: true }).click();
    await page.getByRole('heading', { name: new RegExp(`^${DENTIST}: `) }).waitFor();
    expect(await page.getByRole('textbox', { name: label(de['reports.customer']) }).count()).toBe(0);
    const other = await page.request.get(
      `${server.url}/api/v1/customers/${law.id}/report?month=${month.value}`,
    );
    expect([403, 404]).toContain(other.status());
    await expectAccessible(page, 'report (customer viewer)');
    await screenshot(page, 'de-reports-viewer');
    expect(errors).toEqual([]);
  }, 180_000);
});
