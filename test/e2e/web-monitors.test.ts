// The monitor screens in a real browser against the real server: a manual monitor is created, set down, and its
// detail shows the state and the outage; both screens pass the accessibility check.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en as m } from '../../web/src/i18n/en.ts';
import {
  ensureWebBuilt,
  expectAccessible,
  label,
  launchChromium,
  screenshot,
  setUpAndSignIn,
  startPledge,
  type RunningPledge,
} from './web-support.ts';

const PASSWORD = 'correct horse battery staple';

describe('the monitor screens in Chromium', () => {
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

  it('creates a manual monitor, sets it down and shows the outage', async () => {
    if (!server) throw new Error('server did not start');
    await setUpAndSignIn(page, server, PASSWORD);

    const nav = page.getByRole('navigation');
    await nav.getByRole('link', { name: m['nav.services'] }).click();
    await page.getByRole('button', { name: m['services.new'] }).first().click();
    await page.getByRole('dialog').getByLabel(label(m['app.name_'])).fill('Mail');
    await page.getByRole('dialog').getByRole('button', { name: m['app.create'] }).click();
    await page.getByRole('heading', { name: 'Mail' }).waitFor();
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    await nav.getByRole('link', { name: m['nav.monitors'] }).click();
    await page.getByText(m['monitors.empty']).waitFor();
    await page.getByRole('button', { name: m['monitors.new'] }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(label(m['app.name_'])).fill('Mail server room');
    await dialog.getByRole('textbox', { name: label(m['monitors.service']) }).click();
    await page.getByRole('option', { name: 'Mail' }).click();
    await dialog.getByRole('textbox', { name: label(m['monitors.kind']) }).click();
    await page.getByRole('option', { name: m['monitors.kind.manual'] }).click();
    await dialog.getByText(m['monitors.manualHint']).waitFor();
    await dialog.getByRole('button', { name: m['app.create'] }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    const link = page.getByRole('link', { name: 'Mail server room' });
    await link.waitFor();
    await expectAccessible(page, 'monitors');
    await screenshot(page, 'monitors');

    await link.click();
    await page.getByRole('heading', { name: 'Mail server room' }).waitFor();
    await page.getByRole('button', { name: m['monitors.setDown'] }).click();
    await page.getByTestId('monitor-state').getByText(m['monitors.state.down']).waitFor();
    await page.getByTestId('outages').getByText(m['monitors.outageOpen']).waitFor();
    await expectAccessible(page, 'monitor detail');
    await screenshot(page, 'monitor-detail');
    expect(errors).toEqual([]);
  }, 120_000);
});
