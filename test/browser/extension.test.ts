import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companionSession } from './companion-browser.ts';
import { describeCurrentLayout } from './companion-current-layout.ts';
import { describeOtherLayouts } from './companion-layouts.ts';
import { describeRefusals } from './companion-refusals.ts';
import { announceSkip, findChromium } from './harness.ts';

/**
 * The Sent-page companion, unpacked in Debian's Chromium (headless, which loads extensions), on
 * synthetic Sent pages served under the real page's address, with a real server on the loopback:
 * the rows get the plan's marks, the panel's counts are `plan --json`'s, a withdrawal the member
 * makes with the page's own button and dialog is recorded (and only it), "Load more" extends the
 * snapshot without closing older invitations, a server away or a wrong token is said and changes
 * nothing. All along, the browser is watched: the extension requests nothing from LinkedIn (every
 * linkedin.com request is a page load the test made), talks to 127.0.0.1 only, and the page
 * counts no click the test did not make.
 *
 * One browser runs every test, so that the last one can vouch for all of them; the describes live
 * beside this file (companion-current-layout.ts, companion-layouts.ts, companion-refusals.ts).
 */

// Browser globals for the functions passed to page.evaluate (module-local: Node code cannot use them).
declare const window: {
  __fixture: { clicks: { trusted: number; untrusted: string[] }; withdrawn: string[] };
};

const chromiumPath = findChromium();
if (!chromiumPath) announceSkip();

describe.skipIf(!chromiumPath)('the Sent-page companion in Chromium', () => {
  const companion = companionSession();

  beforeAll(async () => {
    await companion.start(chromiumPath!);
  });

  afterAll(async () => {
    await companion.stop();
  });

  it('is loaded by Chromium from the unpacked build', () => {
    const { browser } = companion;
    expect(browser.extensionId).toMatch(/^[a-p]{32}$/);
  });

  describeCurrentLayout(companion);
  describeOtherLayouts(companion);
  describeRefusals(companion);

  it('requested nothing from LinkedIn but the test’s own page loads, talked to 127.0.0.1 only, and clicked nothing', async () => {
    const { browser, problems, pages } = companion;
    const { navigations, clicks } = companion.counts;
    const linkedin = browser.requests.filter((r) => new URL(r.url).hostname.endsWith('linkedin.com'));
    expect(linkedin.length).toBe(navigations);
    for (const r of linkedin) expect(r, r.url).toMatchObject({ navigation: true, type: 'document' });
    const fromWorker = browser.requests.filter((r) => r.fromWorker);
    expect(fromWorker.length).toBeGreaterThan(0);
    for (const r of fromWorker) expect(new URL(r.url).hostname, r.url).toBe('127.0.0.1');
    expect(browser.refused).toEqual([]);
    // Syncs: to each server, at most one every 5 seconds, and never the same snapshot twice in a row.
    const syncs = new Map<string, Array<{ at: number; body: string | null }>>();
    for (const r of fromWorker) {
      const url = new URL(r.url);
      if (r.method !== 'POST' || url.pathname !== '/api/import/sent-page') continue;
      syncs.set(url.origin, [...(syncs.get(url.origin) ?? []), { at: r.at, body: r.body }]);
    }
    expect(Math.max(...[...syncs.values()].map((l) => l.length))).toBeGreaterThanOrEqual(3);
    for (const list of syncs.values()) {
      for (let i = 1; i < list.length; i++) {
        expect(list[i]!.at - list[i - 1]!.at).toBeGreaterThanOrEqual(4_900);
        expect(list[i]!.body).not.toBe(list[i - 1]!.body);
      }
    }
    for (const [p, said] of problems) expect(said, p.url()).toEqual([]);
    let trusted = 0;
    for (const p of pages) {
      if (p.isClosed()) continue;
      const counted = await p.evaluate(() => window.__fixture.clicks);
      expect(counted.untrusted).toEqual([]);
      trusted += counted.trusted;
    }
    expect(trusted).toBe(clicks);
  });
});
