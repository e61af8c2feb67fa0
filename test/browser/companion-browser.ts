import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page, type Request } from 'playwright-core';
import { buildExtension } from '../../scripts/build-extension.ts';
import { SENT_URL } from './companion.testing.ts';
import { watchProblems } from './harness.ts';
import { type FixturePerson, renderSentPage } from './sent-page-fixture.ts';

/**
 * The browser the companion's tests share: Chromium with the unpacked companion and every request
 * watched, and the session the tests act through (pairing, opening Sent pages, clicking as a person).
 */

export interface Watched {
  context: BrowserContext;
  extensionId: string;
  /** Every request the browser made that reached the network layer, with who made it. */
  requests: Array<{
    url: string;
    method: string;
    body: string | null;
    at: number;
    type: string;
    navigation: boolean;
    fromWorker: boolean;
  }>;
  /** Requests to anywhere but LinkedIn and the loopback: refused, and listed here. */
  refused: string[];
  /** The fixture each page path is served (set by the tests). */
  fixture: { html: string };
  close(): Promise<void>;
}

/** Chromium with the unpacked companion, LinkedIn's Sent page routed to the fixture, nothing else reachable. */
export async function launchWithExtension(executablePath: string, extensionDir: string): Promise<Watched> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ik-ext-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    // Playwright's headless is Chromium's new headless, which loads extensions.
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
    ],
    viewport: { width: 1280, height: 900 },
    timezoneId: 'UTC',
    locale: 'en-GB',
  });
  const watched: Watched = {
    context,
    extensionId: '',
    requests: [],
    refused: [],
    fixture: { html: '' },
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
  const note = (r: Request) =>
    watched.requests.push({
      url: r.url(),
      type: r.resourceType(),
      navigation: r.isNavigationRequest(),
      fromWorker: r.serviceWorker() !== null,
      method: r.method(),
      body: r.postData(),
      at: Date.now(),
    });
  context.on('request', note);
  await context.route('https://www.linkedin.com/**', (route) => {
    const url = new URL(route.request().url());
    return url.pathname.startsWith('/mynetwork/invitation-manager/sent')
      ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: watched.fixture.html })
      : route.fulfill({ status: 404, contentType: 'text/plain', body: 'not in the fixture' });
  });
  await context.route(
    (url) =>
      /^https?:$/.test(url.protocol) &&
      !['127.0.0.1', 'localhost'].includes(url.hostname) &&
      url.hostname !== 'www.linkedin.com',
    (route) => {
      watched.refused.push(route.request().url());
      return route.abort();
    },
  );
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  watched.extensionId = new URL(worker.url()).host;
  return watched;
}

/** The one browser session of the companion's tests, and what they did in it. */
export interface Companion {
  readonly browser: Watched;
  /** Page loads the tests made of LinkedIn addresses, and clicks they made on LinkedIn pages. */
  counts: { navigations: number; clicks: number };
  pages: Page[];
  /** Each Sent page's problems (script errors, the companion's included), watched from before its load. */
  problems: Map<Page, string[]>;
  /** Builds the companion and launches Chromium with it. */
  start(executablePath: string): Promise<void>;
  stop(): Promise<void>;
  pair(link: string): Promise<string>;
  openSentPage(fixture: Parameters<typeof renderSentPage>[0]): Promise<Page>;
  /** A click by the test, through the browser's input (a trusted click, as a person's). */
  click(locator: ReturnType<Page['locator']>): Promise<void>;
  /** Clicks the row's own Withdraw control, as the member does; returns the row and the dialog it opens. */
  openWithdrawDialog(
    page: Page,
    person: FixturePerson,
    label: string,
  ): Promise<{ row: ReturnType<Page['locator']>; dialog: ReturnType<Page['locator']> }>;
}

export function companionSession(): Companion {
  let extensionDir: string;
  let browser: Watched;
  const counts = { navigations: 0, clicks: 0 };
  const pages: Page[] = [];
  const problems = new Map<Page, string[]>();

  async function pair(link: string): Promise<string> {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.getByLabel('Dashboard link').fill(link);
    await options.getByRole('button', { name: 'Pair', exact: true }).click();
    const result = options.locator('#result[data-tone]');
    await result.waitFor();
    const said = (await result.textContent()) ?? '';
    await options.close();
    return said;
  }

  async function openSentPage(fixture: Parameters<typeof renderSentPage>[0]): Promise<Page> {
    browser.fixture.html = renderSentPage(fixture);
    const page = await browser.context.newPage();
    pages.push(page);
    problems.set(page, watchProblems(page));
    counts.navigations++;
    await page.goto(SENT_URL);
    return page;
  }

  /** A click by the test, through the browser's input (a trusted click, as a person's). */
  async function click(locator: ReturnType<Page['locator']>): Promise<void> {
    counts.clicks++;
    await locator.click();
  }

  /** Clicks the row's own Withdraw control, as the member does; returns the row and the dialog it opens. */
  async function openWithdrawDialog(page: Page, person: FixturePerson, label: string) {
    const row = page.locator('li', { has: page.locator(`a[href*="/in/${person.slug}/"]`) }).first();
    await click(row.getByRole('button', { name: label }));
    const dialog = page.locator('[role=dialog], [role=alertdialog]');
    await dialog.waitFor();
    return { row, dialog };
  }

  return {
    get browser() {
      return browser;
    },
    counts,
    pages,
    problems,
    async start(executablePath) {
      extensionDir = (await buildExtension(fs.mkdtempSync(path.join(os.tmpdir(), 'ik-ext-')), null)).dir;
      browser = await launchWithExtension(executablePath, extensionDir);
    },
    async stop() {
      await browser?.close();
      if (extensionDir) fs.rmSync(extensionDir, { recursive: true, force: true });
    },
    pair,
    openSentPage,
    click,
    openWithdrawDialog,
  };
}
