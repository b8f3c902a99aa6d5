// What the browser tests need: the real server on a fresh data folder, Debian's Chromium, axe-core, screenshots.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { en } from '../../web/src/i18n/en.ts';

const run = promisify(execFile);
const BIN = path.resolve('bin/pledge.js');
export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = path.resolve('test-artifacts/screenshots');

export interface RunningPledge {
  readonly url: string;
  readonly setupToken: string;
  readonly stop: () => Promise<void>;
}

/** Builds web/dist when it is missing or older than web/src (as `npm start` does), in a process of its own. */
export async function ensureWebBuilt(): Promise<void> {
  await run(process.execPath, [path.resolve('scripts/build-web.mjs')], {
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (!fs.existsSync(path.resolve('web/dist/index.html')))
    throw new Error('web/dist/index.html was not built');
}

/**
 * `pledge serve` on a free port with a new SQLite folder; resolves with its URL and the first-run token.
 * With `demoMonths`, `pledge demo` first fills the folder with that many months of the demo's history (customers,
 * SLAs, tickets, monitors), so reports have something to show; no admin exists yet, so setup still runs.
 */
export async function startPledge({ demoMonths }: { demoMonths?: number } = {}): Promise<RunningPledge> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pledge-web-'));
  if (demoMonths !== undefined)
    await run(process.execPath, [BIN, 'demo', '--data-dir', dir, '--months', String(demoMonths)], {
      env: { ...process.env, LOG_LEVEL: 'warn' },
    });
  const server: ChildProcess = spawn(process.execPath, [BIN, 'serve', '--port', '0'], {
    env: { ...process.env, PLEDGE_DATA_DIR: dir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const started = await new Promise<{ url: string; setupToken: string }>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 30_000);
    const read = (chunk: Buffer): void => {
      out += chunk.toString();
      const running = /running at (http:\/\/\S+)/.exec(out);
      const token = /\/setup\?token=(\S+)/.exec(out);
      if (running?.[1] && token?.[1]) {
        clearTimeout(timer);
        resolve({ url: running[1], setupToken: token[1] });
      }
    };
    server.stdout?.on('data', read);
    server.stderr?.on('data', read);
    server.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  return {
    ...started,
    stop: async () => {
      if (server.exitCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        server.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium, headless, with a fresh profile. Fails loudly when it is not installed. */
export async function launchChromium(
  locale = 'en-US',
): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium); the web UI tests need it`,
    );
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'pledge-chromium-'));
  // A fresh profile folder per run: Playwright passes it to Chromium as --user-data-dir.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    locale,
    // axe-core is injected as an inline script, which the server's CSP rightly refuses.
    bypassCSP: true,
    viewport: { width: 1280, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly string[]; readonly failureSummary?: string }[];
}

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the current page. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // These functions run in the page, where axe and document exist; Node's types know neither.
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.addScriptTag({ content: axeSource });
  // A button or banner still fading in has a blend of colours that no user reads: let finite transitions end
  // first (spinners run for ever and are left alone).
  await page.evaluate(async () => {
    const doc = (
      globalThis as unknown as {
        document: {
          getAnimations: () => {
            finished: Promise<unknown>;
            effect: { getComputedTiming: () => { iterations?: number } } | null;
          }[];
        };
      }
    ).document;
    const finite = doc.getAnimations().filter((a) => a.effect?.getComputedTiming().iterations !== Infinity);
    await Promise.all(finite.map((a) => a.finished.catch(() => undefined)));
  });
  const violations = await page.evaluate(async () => {
    const scope = globalThis as unknown as {
      axe: { run: (ctx: unknown, opts: object) => Promise<{ violations: AxeViolation[] }> };
      document: unknown;
    };
    const result = await scope.axe.run(scope.document, { resultTypes: ['violations'] });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({
        target: n.target,
        ...(n.failureSummary ? { failureSummary: n.failureSummary } : {}),
      })),
    }));
}

/** A label as Mantine renders it: required fields get a trailing " *". */
export function label(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
}

/** Fails with axe-core's findings when a screen has serious or critical accessibility violations. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const violations = await seriousViolations(page);
  expect(violations, `${screen}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

/** The signed-in session's CSRF token, which the app keeps in localStorage, for API calls beside the browser. */
export async function csrfOf(page: Page): Promise<string> {
  // Runs in the page, where localStorage exists; Node's types do not know it.
  const token = await page.evaluate(() =>
    (
      globalThis as unknown as { localStorage: { getItem: (key: string) => string | null } }
    ).localStorage.getItem('pledge.csrf'),
  );
  if (!token) throw new Error('no CSRF token: sign in first');
  return token;
}

/** POSTs JSON with the browser's session (cookie and CSRF token), as the app does; the answer's JSON. */
export async function postJson<T>(page: Page, url: string, body: unknown): Promise<T> {
  const response = await page.request.post(url, {
    data: body,
    headers: { 'x-csrf-token': await csrfOf(page) },
  });
  if (!response.ok()) throw new Error(`POST ${url}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Completes the first-run setup of a fresh server in English and signs the new admin in. */
export async function setUpAndSignIn(page: Page, server: RunningPledge, password: string): Promise<void> {
  await page.goto(`${server.url}/setup?token=${server.setupToken}`);
  await page.getByLabel(label(en['setup.email'])).fill('lead@example.test');
  await page.getByLabel(label(en['setup.name'])).fill('Lea Lead');
  await page.getByLabel(label(en['setup.password'])).fill(password);
  await page.getByRole('button', { name: en['setup.submit'] }).click();
  await page.getByText(en['setup.done']).waitFor();
  await page.getByRole('button', { name: en['login.submit'] }).click();
  await page.getByLabel(label(en['login.email'])).fill('lead@example.test');
  await page.getByLabel(label(en['login.password'])).fill(password);
  await page.getByRole('button', { name: en['login.submit'] }).click();
  await page.getByRole('heading', { name: en['dashboard.title'] }).waitFor();
}

/** Signs out whoever is signed in (if anyone) and signs in another account, in English. */
export async function signInAs(
  page: Page,
  server: RunningPledge,
  email: string,
  password: string,
): Promise<void> {
  await page.context().clearCookies();
  await page.goto(server.url);
  await page.getByLabel(label(en['login.email'])).fill(email);
  await page.getByLabel(label(en['login.password'])).fill(password);
  await page.getByRole('button', { name: en['login.submit'] }).click();
  await page.getByRole('heading', { name: en['dashboard.title'] }).waitFor();
}

/** A message with its {placeholders} filled, as the app's translate does. */
export function fill(text: string, values: Readonly<Record<string, string | number>>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** The running server and the signed-in page of a browser test, with the page's uncaught script errors so far. */
export interface SignedInBrowser {
  readonly server: RunningPledge;
  readonly page: Page;
  readonly errors: readonly string[];
}

/**
 * Registers the suite's beforeAll and afterAll: the real server (with `demoMonths` of the demo's history, as in
 * `startPledge`) and Chromium with one English page, both stopped afterwards. `signIn` completes the first-run
 * setup with that password and signs the new admin in.
 */
export function browserAgainstPledge(options: { demoMonths?: number } = {}): {
  signIn: (password: string) => Promise<SignedInBrowser>;
} {
  let server: RunningPledge | undefined;
  let close: (() => Promise<void>) | undefined;
  let page: Page | undefined;
  const errors: string[] = [];

  beforeAll(async () => {
    await ensureWebBuilt();
    server = await startPledge(options);
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

  return {
    signIn: async (password) => {
      if (!server || !page) throw new Error('server did not start');
      await setUpAndSignIn(page, server, password);
      return { server, page, errors };
    },
  };
}
