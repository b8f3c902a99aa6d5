// Report schedules and maintenance windows in a real browser against the real server: a monthly schedule for a
// customer with a contact is created and listed, a weekly maintenance window of a service is created and listed
// with its next occurrences, the lead joins the roster and the (empty) budget alerts open; all four screens pass
// the accessibility check.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en as m } from '../../web/src/i18n/en.ts';
import {
  ensureWebBuilt,
  expectAccessible,
  label,
  launchChromium,
  postJson,
  screenshot,
  setUpAndSignIn,
  startPledge,
  type RunningPledge,
} from './web-support.ts';

const PASSWORD = 'correct horse battery staple';

describe('the report schedule and maintenance screens in Chromium', () => {
  let server: RunningPledge | undefined;
  let close: (() => Promise<void>) | undefined;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startPledge();
    const chromium = await launchChromium('en-US');
    close = chromium.close;
    page = await chromium.context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (error) => errors.push(error.message));
  }, 180_000);

  afterAll(async () => {
    await close?.();
    await server?.stop();
  });

  it('creates a report schedule, a weekly maintenance window and a roster entry, and opens budget alerts', async () => {
    if (!server) throw new Error('server did not start');
    await setUpAndSignIn(page, server, PASSWORD);
    const api = `${server.url}/api/v1`;
    const customer = await postJson<{ id: string }>(page, `${api}/customers`, {
      name: 'Acme',
      timeZone: 'Europe/Berlin',
      locale: 'de',
    });
    const contact = await postJson<{ id: string }>(page, `${api}/customers/${customer.id}/contacts`, {
      name: 'Carla Contact',
      email: 'carla@acme.example',
      escalationLevel: 1,
    });
    await postJson(page, `${api}/services`, { name: 'Mail' });
    const nav = page.getByRole('navigation');
    const dialog = page.getByRole('dialog');

    // A monthly schedule in English with PDF and CSV, to the contact by name.
    await nav.getByRole('link', { name: m['nav.reportSchedules'], exact: true }).click();
    await page.getByText(m['schedules.empty']).waitFor();
    await page.getByRole('button', { name: m['schedules.new'] }).first().click();
    await dialog.getByRole('textbox', { name: label(m['schedules.customer']) }).click();
    await page.getByRole('option', { name: 'Acme' }).click();
    await dialog.getByRole('textbox', { name: label(m['schedules.language']) }).click();
    await page.getByRole('option', { name: m['schedules.lang.en'] }).click();
    await dialog.getByLabel('CSV', { exact: true }).check();
    // The empty pill field is narrow and its frame takes the click, as for a person clicking it.
    await dialog.getByRole('textbox', { name: label(m['schedules.contacts']) }).click({ force: true });
    await page.getByRole('option', { name: 'Carla Contact <carla@acme.example>' }).click();
    await page.keyboard.press('Escape');
    await expectAccessible(page, 'new schedule');
    await dialog.getByRole('button', { name: m['app.create'] }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'Acme', exact: true }) });
    await row.getByRole('cell', { name: m['schedules.cadence.month'], exact: true }).waitFor();
    await row.getByRole('cell', { name: 'PDF, CSV', exact: true }).waitFor();
    const schedules = (await (await page.request.get(`${api}/report-schedules`)).json()) as {
      items: { lang: string | null; formats: string[]; recipients: { contactIds: string[] } }[];
    };
    expect(schedules.items).toMatchObject([
      { lang: 'en', formats: ['pdf', 'csv'], recipients: { contactIds: [contact.id] } },
    ]);
    await expectAccessible(page, 'report schedules');

    // Send now, for last month (the form's default): the contact is the one recipient.
    await page.getByRole('button', { name: `${m['schedules.sendNow']}: Acme` }).click();
    await expectAccessible(page, 'send now');
    await dialog.getByRole('button', { name: m['schedules.send'] }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    const status = await page
      .getByRole('status')
      .filter({ hasText: m['schedules.sent'].split(' {')[0] ?? '' })
      .innerText();
    expect(status).toMatch(/; recipients: 1\.$/);
    await screenshot(page, 'report-schedules');

    // A weekly window of the service, 90 minutes from 22:00, starting a week from today on that weekday.
    const first = new Date(Date.now() + 7 * 86_400_000);
    const day = first.toISOString().slice(0, 10);
    const isoWeekday = first.getUTCDay() === 0 ? 7 : first.getUTCDay();
    await nav.getByRole('link', { name: m['nav.maintenance'], exact: true }).click();
    await page.getByText(m['maintenance.empty']).waitFor();
    await page.getByRole('button', { name: m['maintenance.new'] }).first().click();
    await dialog.getByLabel(label(m['app.name_'])).fill('Patch night');
    await dialog.getByRole('textbox', { name: label(m['maintenance.service']) }).click();
    await page.getByRole('option', { name: 'Mail' }).click();
    await dialog.getByLabel(label(m['maintenance.start'])).fill(`${day}T22:00`);
    await dialog.getByLabel(label(m['maintenance.duration'])).fill('90');
    await dialog.getByLabel(m['maintenance.weekly'], { exact: true }).check();
    await dialog
      .getByLabel(m[`maintenance.weekday.${isoWeekday}` as 'maintenance.weekday.1'], { exact: true })
      .check();
    await expectAccessible(page, 'new maintenance window');
    await dialog.getByRole('button', { name: m['app.create'] }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    const window = page
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: 'Patch night', exact: true }) });
    await window.getByRole('cell', { name: `${m['maintenance.service']}: Mail`, exact: true }).waitFor();
    expect(await window.innerText()).toContain(day.slice(0, 4));
    const windows = (await (await page.request.get(`${api}/maintenance-windows`)).json()) as {
      items: { upcoming: { start: string; end: string }[] }[];
    };
    const upcoming = windows.items[0]?.upcoming ?? [];
    expect(upcoming.length).toBeGreaterThan(1);
    const [one, two] = upcoming.map((o) => Date.parse(o.start));
    // A week apart in the browser's zone: seven days, give or take a daylight-saving hour.
    expect(Math.abs((two ?? 0) - (one ?? 0) - 7 * 86_400_000)).toBeLessThanOrEqual(3_600_000);
    expect(Date.parse(upcoming[0]?.end ?? '') - (one ?? 0)).toBe(90 * 60_000);
    await expectAccessible(page, 'maintenance');
    await screenshot(page, 'maintenance');

    // Deleting asks first.
    await page.getByRole('button', { name: `${m['app.delete']}: Patch night` }).click();
    await dialog.getByRole('button', { name: m['app.delete'] }).click();
    await page.getByText(m['maintenance.empty']).waitFor();

    // The roster: the lead on call on Mondays during office hours.
    await nav.getByRole('link', { name: m['nav.roster'], exact: true }).click();
    await page.getByText(m['roster.empty']).waitFor();
    await page.getByRole('button', { name: m['roster.add'] }).first().click();
    await dialog.getByRole('textbox', { name: label(m['roster.user']) }).click();
    await page.getByRole('option', { name: 'Lea Lead' }).click();
    await dialog.getByLabel(label(m['roster.day.mon'])).fill('08:00-18:00');
    await expectAccessible(page, 'new roster entry');
    await dialog.getByRole('button', { name: m['app.create'] }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: 'mon: 08:00-18:00', exact: true }).waitFor();
    await page.getByRole('cell', { name: m['roster.role.on_call'], exact: true }).waitFor();
    await expectAccessible(page, 'roster');

    // Budget alerts: none open on a new server, none closed either.
    await nav.getByRole('link', { name: m['nav.budgetAlerts'], exact: true }).click();
    await page.getByText(m['budgetAlerts.empty']).waitFor();
    await page.getByText(m['budgetAlerts.closed'], { exact: true }).click();
    await page.getByText(m['budgetAlerts.empty']).waitFor();
    await expectAccessible(page, 'budget alerts');
    expect(errors).toEqual([]);
  }, 120_000);
});
