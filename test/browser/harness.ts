/**
 * The browser tests' harness: Debian's Chromium driven by playwright-core (never a downloaded
 * browser), a dashboard built from the current sources into a temp folder, and a real server on a
 * free port over a throwaway database.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import type { AppContext } from '../../src/app/index.ts';
import { loadConfig, openApp } from '../../src/app/index.ts';
import { buildDashboard, generateToken, type RunningServer, startServer } from '../../src/server/index.ts';

export const PACKAGE_ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
export const SCREENSHOT_DIR = path.join(PACKAGE_ROOT, '.tmp', 'screenshots');

/** The Chromium binary: CHROMIUM_PATH, else Debian's; null when neither exists. */
export { findChromium } from '../skipped-suites-reporter.ts';

/** Says, so nobody can miss it, that the browser tests did not run. */
export function announceSkip(): void {
  const bar = '!'.repeat(78);
  console.warn(
    `\n${bar}\n!! BROWSER TESTS SKIPPED: no Chromium at $CHROMIUM_PATH or /usr/bin/chromium.\n!! Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH; .ci/run does.\n${bar}\n`,
  );
}

export async function launchBrowser(
  executablePath: string,
): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ik-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    viewport: { width: 1280, height: 900 },
    timezoneId: 'UTC',
    locale: 'en-GB',
  });
  // Nothing leaves the machine: LinkedIn links opened by the page get a stub, anything else is refused.
  await context.route(
    (url) => !['127.0.0.1', 'localhost'].includes(url.hostname),
    (route) =>
      /linkedin\.com$/.test(new URL(route.request().url()).hostname)
        ? route.fulfill({ status: 200, contentType: 'text/html', body: '<title>LinkedIn (stub)</title>' })
        : route.abort(),
  );
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Builds the dashboard from the current sources once per test file, into a temp folder. */
export async function buildDashboardForTests(): Promise<string> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ik-dist-'));
  return buildDashboard(PACKAGE_ROOT, out);
}

export interface DashboardServer {
  ctx: AppContext;
  db: string;
  server: RunningServer;
  token: string;
  close(): Promise<void>;
}

/** A server on a free port over a new database at the fixed `now`, after `seed` filled it. */
export async function startDashboard(opts: {
  now: string;
  /** The built dashboard; null serves the API alone. */
  dashboardDir: string | null;
  seed: (ctx: AppContext) => Promise<void>;
  maxUploadBytes?: number;
}): Promise<DashboardServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ik-browser-db-'));
  const db = path.join(dir, 'test.db');
  const config = loadConfig({ db }, { HOME: dir });
  const ctx = await openApp(config, Date.parse(opts.now));
  await opts.seed(ctx);
  const token = generateToken();
  const server = await startServer({
    app: ctx,
    clock: () => ctx.now,
    port: 0,
    token,
    dashboardDir: opts.dashboardDir,
    ...(opts.maxUploadBytes ? { maxUploadBytes: opts.maxUploadBytes } : {}),
  });
  return {
    ctx,
    db,
    server,
    token,
    async close() {
      await server.close();
      await ctx.store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Page problems the tests assert never happen: script errors and Content-Security-Policy violations. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  return problems;
}

/** Saves a full-page screenshot as .tmp/screenshots/<name>-<width>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const width = page.viewportSize()?.width ?? 0;
  const file = path.join(SCREENSHOT_DIR, `${name}-${width}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

// Browser globals for the functions passed to page.evaluate (module-local: Node code cannot use them).
declare const document: { documentElement: { scrollWidth: number; clientWidth: number } };

/** Whether anything sticks out sideways (a horizontal scrollbar means something is cut off or overflows). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}
