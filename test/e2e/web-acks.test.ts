// Staff awareness in a real browser against the real server with the demo's SLAs in force: the administrator
// sees that a new agent has acknowledged nothing and finds the SLA document and quick reference (PDFs) on the
// SLA's page; the agent sees the banner, reads and acknowledges one version and looks at their own figures; the
// administrator's view then shows that version acknowledged by everyone. Every screen passes the accessibility check.
import { describe, expect, it } from 'vitest';
import { en as m } from '../../web/src/i18n/en.ts';
import {
  browserAgainstPledge,
  expectAccessible,
  fill,
  postJson,
  screenshot,
  signInAs,
} from './web-support.ts';

const PASSWORD = 'correct horse battery staple';
const AGENT_PASSWORD = 'the agent password';
const SLA = 'Managed Premium';

describe('SLA acknowledgements in Chromium', () => {
  const browser = browserAgainstPledge({ demoMonths: 1 });

  it('an agent acknowledges a version and the manager’s view follows; the SLA’s PDFs are linked', async () => {
    const { server, page, errors } = await browser.signIn(PASSWORD);
    await postJson(page, `${server.url}/api/v1/users`, {
      email: 'anna@example.test',
      name: 'Anna Agent',
      role: 'agent',
      password: AGENT_PASSWORD,
    });
    const slas = (
      (await (await page.request.get(`${server.url}/api/v1/slas?limit=50`)).json()) as {
        items: { id: string; name: string; activeVersion: number | null }[];
      }
    ).items;
    const premium = slas.find((s) => s.name === SLA);
    if (!premium?.activeVersion) throw new Error(`no active ${SLA} in the demo`);
    const active = slas.filter((s) => s.activeVersion !== null).length;

    // The manager's view: Anna owes every version in force.
    await page
      .getByRole('navigation')
      .getByRole('link', { name: m['nav.acknowledgements'], exact: true })
      .click();
    await page.getByRole('heading', { name: m['acks.title'], exact: true }).waitFor();
    const team = page.getByTestId('acks-team');
    await team.waitFor();
    expect(await team.getByText(/Anna Agent/).count()).toBe(active);
    await expectAccessible(page, 'acknowledgements (manager)');

    // The SLA's page: the document and the quick reference, as PDFs, and who has not acknowledged.
    await page.goto(`${server.url}/slas/${premium.id}`);
    await page
      .getByTestId('sla-acks')
      .getByText(/Anna Agent/)
      .waitFor();
    for (const name of [m['slas.documentDe'], m['slas.quickRefEn']]) {
      const href = await page.getByRole('link', { name }).getAttribute('href');
      if (!href) throw new Error(`${name} has no link`);
      const pdf = await page.request.get(`${server.url}${href}`);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toMatch(/^application\/pdf/);
      expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    }
    await expectAccessible(page, 'sla with documents');
    await screenshot(page, 'sla-documents');

    // Anna: the banner, the list, "I have read it".
    await signInAs(page, server, 'anna@example.test', AGENT_PASSWORD);
    await page
      .getByTestId('acks-banner')
      .getByText(fill(m['acks.banner'], { n: active }))
      .waitFor();
    await expectAccessible(page, 'dashboard with banner');
    await page.getByRole('link', { name: m['acks.open'] }).click();
    await page.getByTestId('acks-pending').waitFor();
    expect(await page.getByRole('link', { name: m['acks.quickReference'] }).count()).toBe(active);
    await page
      .getByRole('button', { name: fill(m['acks.readAria'], { sla: SLA, v: premium.activeVersion }) })
      .click();
    await page
      .getByTestId('acks-done')
      .getByText(new RegExp(fill(m['acks.version'], { sla: SLA, v: premium.activeVersion })))
      .waitFor();
    expect(await page.getByTestId('acks-pending').getByRole('button').count()).toBe(active - 1);
    await expectAccessible(page, 'acknowledgements (agent)');
    await screenshot(page, 'acknowledgements');

    // Her own figures.
    await page.getByRole('navigation').getByRole('link', { name: m['nav.myFigures'], exact: true }).click();
    await page.getByRole('heading', { name: m['me.title'], exact: true }).waitFor();
    await page.getByText(m['me.open']).waitFor();
    await expectAccessible(page, 'my figures');
    await screenshot(page, 'my-figures');

    // The manager's view again: that version is acknowledged by everyone, the others still wait for Anna.
    await signInAs(page, server, 'lead@example.test', PASSWORD);
    await page.goto(`${server.url}/acknowledgements`);
    const row = page
      .getByTestId('acks-team')
      .getByRole('row')
      .filter({ hasText: fill(m['acks.version'], { sla: SLA, v: premium.activeVersion }) });
    await row.getByText(m['slas.ackAll']).waitFor();
    await row.getByText(fill(m['acks.count'], { n: 1, total: 1 })).waitFor();
    expect(
      await page
        .getByTestId('acks-team')
        .getByText(/Anna Agent/)
        .count(),
    ).toBe(active - 1);
    expect(errors).toEqual([]);
  }, 180_000);
});
