// The web UI in a real browser (Debian's Chromium) against the real server process: an IT lead's first hour,
// in English and in German, with screenshots of each main screen and an accessibility check on each.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureWebBundle } from '../../bench/web-bundle.ts';
import { de } from '../../web/src/i18n/de.ts';
import { en, type Messages } from '../../web/src/i18n/en.ts';
import {
  ensureWebBuilt,
  launchChromium,
  screenshot,
  seriousViolations,
  startPledge,
  type RunningPledge,
} from './web-support.ts';

const PASSWORD = 'correct horse battery staple';

/** A label as Mantine renders it: required fields get a trailing " *". */
function label(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
}

async function expectAccessible(page: Page, screen: string): Promise<void> {
  const violations = await seriousViolations(page);
  expect(violations, `${screen}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

async function pick(
  page: Page,
  scope: ReturnType<Page['getByRole']> | Page,
  field: string,
  option: string,
): Promise<void> {
  await scope.getByLabel(label(field)).first().click();
  await page.getByRole('option', { name: option }).first().click();
}

async function firstHour(page: Page, server: RunningPledge, m: Messages, lang: string): Promise<void> {
  const shot = (name: string): Promise<void> => screenshot(page, `${lang}-${name}`);

  // First run: the printed link opens the UI's setup screen.
  await page.goto(`${server.url}/setup?token=${server.setupToken}`);
  await page.getByRole('heading', { name: m['setup.title'] }).waitFor();
  await page.getByLabel(label(m['setup.email'])).fill('lead@example.test');
  await page.getByLabel(label(m['setup.name'])).fill('Lea Lead');
  await page.getByLabel(label(m['setup.password'])).fill(PASSWORD);
  await expectAccessible(page, 'setup');
  await shot('01-setup');
  await page.getByRole('button', { name: m['setup.submit'] }).click();
  await page.getByText(m['setup.done']).waitFor();
  await page.getByRole('button', { name: m['login.submit'] }).click();

  await page.getByLabel(label(m['login.email'])).fill('lead@example.test');
  await page.getByLabel(label(m['login.password'])).fill('not the password');
  await page.getByRole('button', { name: m['login.submit'] }).click();
  // The API's LOGIN_FAILED, in the UI's language.
  await page.getByRole('alert').getByText(m['error.LOGIN_FAILED']).waitFor();
  await page.getByLabel(label(m['login.password'])).fill(PASSWORD);
  await expectAccessible(page, 'login');
  await shot('02-login');
  await page.getByRole('button', { name: m['login.submit'] }).click();
  await page.getByRole('heading', { name: m['dashboard.title'] }).waitFor();
  await page.getByText(m['dashboard.gettingStarted']).waitFor();
  await expectAccessible(page, 'dashboard (empty)');

  // A calendar with office hours and Bavarian public holidays, previewed before it is saved.
  const nav = page.getByRole('navigation');
  await nav.getByRole('link', { name: m['nav.calendars'] }).click();
  await page.getByRole('button', { name: m['calendars.new'] }).first().click();
  await page.getByLabel(label(m['app.name_'])).first().fill('Office Munich');
  await page.getByRole('textbox', { name: label(m['calendars.region']) }).click();
  await page.getByRole('option', { name: /^DE-BY/ }).click();
  await page.keyboard.press('Escape');
  await page
    .getByTestId('holiday-preview')
    .getByText(/Heilige Drei Könige/)
    .waitFor();
  await expectAccessible(page, 'calendar editor');
  await shot('03-calendar');
  await page.getByRole('button', { name: m['app.create'] }).click();
  await page.waitForURL(/\/calendars\/[0-9a-f-]{36}$/);

  // A customer with an escalation contact.
  await nav.getByRole('link', { name: m['nav.customers'] }).click();
  await page.getByText(m['customers.empty']).waitFor();
  await page.getByRole('button', { name: m['customers.new'] }).first().click();
  const customerDialog = page.getByRole('dialog');
  await customerDialog.getByLabel(label(m['app.name_'])).fill('Kanzlei Maier');
  await customerDialog.getByRole('button', { name: m['app.create'] }).click();
  await page.getByRole('heading', { name: 'Kanzlei Maier' }).waitFor();
  await page.getByRole('button', { name: m['contacts.new'] }).first().click();
  const contactDialog = page.getByRole('dialog');
  await contactDialog.getByLabel(label(m['app.name_'])).fill('Petra Maier');
  await contactDialog.getByLabel(label(m['contacts.role'])).fill('managing director');
  await contactDialog.getByLabel(label(m['contacts.escalation'])).fill('1');
  await contactDialog.getByRole('button', { name: m['app.add'] }).click();
  await page.getByRole('cell', { name: 'Petra Maier', exact: true }).waitFor();
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  await expectAccessible(page, 'customer');
  await shot('04-customer');

  // A service in the catalog.
  await nav.getByRole('link', { name: m['nav.services'] }).click();
  await page.getByRole('button', { name: m['services.new'] }).first().click();
  await page.getByRole('dialog').getByLabel(label(m['app.name_'])).fill('Mail');
  await page.getByRole('dialog').getByRole('button', { name: m['app.create'] }).click();
  await page.getByRole('heading', { name: 'Mail' }).waitFor();
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  await expectAccessible(page, 'services');
  await shot('05-services');

  // An SLA with targets on the calendar, activated, and a default assignment rule.
  await nav.getByRole('link', { name: m['nav.slas'] }).click();
  await page.getByRole('button', { name: m['slas.new'] }).first().click();
  const slaDialog = page.getByRole('dialog');
  await slaDialog.getByLabel(label(m['app.name_'])).first().fill('Managed Mail');
  await slaDialog.getByRole('row', { name: /P2/ }).waitFor();
  // New tickets are P3 (medium impact, medium urgency); counting P3 around the clock keeps the test independent
  // of the day and hour it runs at.
  for (const metric of [m['clock.first_response'], m['clock.resolution']]) {
    await pick(page, slaDialog, `P3 ${metric}: ${m['slas.calendar']}`, m['slas.allDay']);
  }
  await expectAccessible(page, 'SLA editor');
  await shot('06-sla-editor');
  await slaDialog.getByRole('button', { name: m['app.create'] }).click();
  await page.getByRole('heading', { name: 'Managed Mail' }).waitFor();
  await page.getByRole('button', { name: m['slas.activate'] }).click();
  await page.getByRole('dialog').getByRole('button', { name: m['slas.activate'] }).click();
  await page.getByText(m['slas.activeVersion'].replace('{v}', '1')).first().waitFor();
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  await shot('07-sla');
  // A change to an SLA in force is a new version: draft it, look at the difference, activate it.
  await page.getByRole('button', { name: m['slas.newVersion'] }).click();
  await page.getByLabel(`P4 ${m['clock.resolution']}`, { exact: true }).fill('32h');
  await page.getByRole('button', { name: m['app.save'] }).click();
  const change = page
    .getByTestId('sla-diff')
    .getByRole('row', { name: new RegExp(`P4 ${m['clock.resolution']}`) });
  await change.getByText(/^40h · Office Munich$/).waitFor();
  await change.getByText(/^32h · Office Munich$/).waitFor();
  await expectAccessible(page, 'SLA with a draft');
  await shot('07-sla-draft-diff');
  await page.getByRole('button', { name: m['slas.activate'] }).click();
  await page.getByRole('dialog').getByRole('button', { name: m['slas.activate'] }).click();
  await page.getByText(m['slas.activeVersion'].replace('{v}', '2')).first().waitFor();
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  await nav.getByRole('link', { name: m['nav.slas'] }).click();
  await page.getByRole('button', { name: m['slas.addRule'] }).click();
  await page.getByRole('button', { name: m['slas.saveRules'] }).click();
  await page.getByRole('status').filter({ hasText: m['app.saved'] }).waitFor();
  await expectAccessible(page, 'SLAs and rules');
  await shot('08-slas');

  // A ticket: its clocks count down every second.
  await nav.getByRole('link', { name: m['nav.tickets'] }).click();
  await page.getByText(m['tickets.emptyFirst']).waitFor();
  await page.getByRole('button', { name: m['tickets.new'] }).first().click();
  const ticketDialog = page.getByRole('dialog');
  await pick(page, ticketDialog, m['tickets.customer'], 'Kanzlei Maier');
  await ticketDialog.getByLabel(label(m['tickets.subject'])).fill('Mail does not arrive');
  await ticketDialog.getByRole('button', { name: m['app.create'] }).click();
  await page.getByRole('heading', { name: /#1 Mail does not arrive/ }).waitFor();
  const resolution = page.locator('[data-clock="resolution"]');
  await expect.poll(() => resolution.getAttribute('data-state')).toBe('running');
  const dueIn = new RegExp(m['clock.dueIn'].replace('{time}', '.+'));
  const before = await resolution.textContent();
  expect(before).toMatch(dueIn);
  await expect.poll(() => resolution.textContent(), { timeout: 5000 }).not.toBe(before);
  await expectAccessible(page, 'ticket');
  await shot('09-ticket');
  await nav.getByRole('link', { name: m['nav.dashboard'] }).click();
  await page.getByText(m['dashboard.dueNext']).waitFor();
  await page.locator('[data-clock="resolution"][data-state="running"]').first().waitFor();
  await page.getByRole('img', { name: m['dashboard.chartLabel'] }).locator('svg').waitFor();
  await expectAccessible(page, 'dashboard with a running ticket');
  await shot('09-dashboard-running');
  await page.goBack();
  await page.getByRole('heading', { name: /#1 Mail does not arrive/ }).waitFor();

  // A colleague's ticket list in a second tab: it hears about the change through the live stream.
  const colleague = await page.context().newPage();
  await colleague.goto(`${server.url}/tickets`);
  const colleagueClock = colleague.locator('[data-ticket="1"] [data-clock="resolution"]');
  await expect.poll(() => colleagueClock.getAttribute('data-state')).toBe('running');
  await colleague.getByText(m['app.live']).waitFor();

  // Waiting on the customer pauses the clock; the timeline says why.
  await pick(page, page, m['ticket.kind'], m['ticket.kind.status']);
  await pick(page, page, m['ticket.newStatus'], m['ticket.status.waiting for customer']);
  await page.getByRole('button', { name: m['ticket.submitEvent'] }).click();
  await expect.poll(() => resolution.getAttribute('data-state'), { timeout: 10_000 }).toBe('paused');
  await expect(page.getByTestId('ticket-status').textContent()).resolves.toBe(
    m['ticket.status.waiting for customer'],
  );
  await expect.poll(() => colleagueClock.getAttribute('data-state'), { timeout: 10_000 }).toBe('paused');
  await colleague.close();
  // Let some paused time pass, then look again: the timeline is computed as of the moment it is read.
  await page.waitForTimeout(1500);
  await page.reload();
  await page.getByRole('button', { name: `${m['ticket.showTimeline']}: ${m['clock.resolution']}` }).click();
  const timeline = page.getByTestId('timeline-resolution');
  await timeline.waitFor();
  await timeline.locator('[data-kind="paused"]').first().waitFor();
  await expectAccessible(page, 'ticket timeline');
  await shot('10-timeline');

  await nav.getByRole('link', { name: m['nav.tickets'] }).click();
  await page.locator('[data-ticket="1"] [data-clock="resolution"][data-state="paused"]').waitFor();
  await expectAccessible(page, 'tickets');
  await shot('11-tickets');
  await nav.getByRole('link', { name: m['nav.dashboard'] }).click();
  await page.getByRole('heading', { name: m['dashboard.title'] }).waitFor();
  await page.getByText(m['dashboard.atRiskList']).waitFor();
  await expectAccessible(page, 'dashboard');
  await shot('12-dashboard');

  // An API token for the helpdesk's webhook: the secret is shown once.
  await nav.getByRole('link', { name: m['nav.tokens'] }).click();
  await page.getByText(m['tokens.empty']).waitFor();
  await page.getByRole('button', { name: m['tokens.new'] }).first().click();
  await page.getByRole('dialog').getByLabel(label(m['app.name_'])).fill('Helpdesk webhook');
  await page.getByRole('dialog').getByRole('button', { name: m['app.create'] }).click();
  await page.getByText(m['tokens.secret']).waitFor();
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  await expectAccessible(page, 'API tokens');
  await shot('12-tokens');
  await nav.getByRole('link', { name: m['nav.users'] }).click();
  await page.getByRole('cell', { name: 'lead@example.test', exact: true }).waitFor();
  await expectAccessible(page, 'users');
  await shot('12-users');

  // Phone-sized: the navigation folds into a menu button.
  await page.setViewportSize({ width: 390, height: 800 });
  await page.getByRole('button', { name: m['app.openMenu'] }).click();
  await nav.getByRole('link', { name: m['nav.tickets'] }).waitFor();
  await page.waitForTimeout(400);
  await shot('13-phone-menu');
  await nav.getByRole('link', { name: m['nav.tickets'] }).click();
  await page.getByRole('heading', { name: m['tickets.title'] }).waitFor();
  await page.waitForTimeout(400);
  await expectAccessible(page, 'tickets on a phone');
  await shot('14-phone-tickets');
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.getByRole('button', { name: m['nav.logout'] }).click();
  await page.getByRole('heading', { name: m['login.title'] }).waitFor();
}

describe('the web UI in Chromium', () => {
  beforeAll(async () => {
    await ensureWebBuilt();
  }, 120_000);

  it('keeps the dashboard first load under its gzipped JavaScript budget', () => {
    const report = measureWebBundle();
    expect(report.firstLoadGzipBytes).toBeGreaterThan(0);
    expect(report.firstLoadGzipBytes, JSON.stringify(report.files)).toBeLessThanOrEqual(report.budgetBytes);
  });

  for (const [lang, messages, browserLocale] of [
    ['en', en, 'en-US'],
    ['de', de, 'de-DE'],
  ] as const) {
    describe(`in ${lang === 'en' ? 'English' : 'German'}`, () => {
      let server: RunningPledge | undefined;
      let close: (() => Promise<void>) | undefined;
      let page: Page;
      const errors: string[] = [];

      beforeAll(async () => {
        server = await startPledge();
        const chromium = await launchChromium(browserLocale);
        close = chromium.close;
        page = await chromium.context.newPage();
        page.setDefaultTimeout(30_000);
        page.on('pageerror', (error) => errors.push(error.message));
      }, 60_000);

      afterAll(async () => {
        await close?.();
        await server?.stop();
      });

      it('serves the UI for deep links and keeps the API answering problems', async () => {
        if (!server) throw new Error('server did not start');
        const html = { accept: 'text/html,application/xhtml+xml' };
        const deepLink = await fetch(`${server.url}/tickets/00000000-0000-0000-0000-000000000000`, {
          headers: html,
        });
        expect(deepLink.status).toBe(200);
        expect(deepLink.headers.get('content-type')).toMatch(/text\/html/);
        const api = await fetch(`${server.url}/api/v1/no-such-route`, { headers: html });
        expect(api.status).toBe(404);
        expect(api.headers.get('content-type')).toMatch(/application\/problem\+json/);
        const asset = await fetch(`${server.url}/static/no-such-file.js`);
        expect(asset.status).toBe(404);
      });

      it('takes a new IT lead from setup to a paused ticket clock and its timeline', async () => {
        expect(server).toBeDefined();
        if (!server) return;
        try {
          await firstHour(page, server, messages, lang);
        } catch (error) {
          await screenshot(page, `${lang}-failure`);
          throw error;
        }
        expect(errors).toEqual([]);
      }, 300_000);
    });
  }
});
