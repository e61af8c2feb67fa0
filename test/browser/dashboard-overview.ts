import fs from 'node:fs';
import { expect } from 'vitest';
import { cli } from '../../src/cli/testing.ts';
import { NOW, type SampleDashboard } from './dashboard.testing.ts';

/**
 * The Overview page of the sample dashboard: the health cards, the trend and the send-time map, the recommended
 * threshold; the Invitations page's CSV download and the token link are checked from it too.
 */

/** The token taken from the link and hidden; the cards are `status --json`’s. */
export async function takesTheTokenAndShowsTheHealth(sample: SampleDashboard): Promise<void> {
  const { page, expectCardsToMatchStatusJson } = sample;
  await page.getByTestId('card-pending-value').waitFor();
  expect(page.url()).not.toContain('token');
  const s = await expectCardsToMatchStatusJson();
  expect(s.pending.count).toBeGreaterThan(0);
}

/** The trend and the send-time map agree with `report --json`; the invitations download as CSV. */
export async function showsTheTrendAndDownloadsCsv(sample: SampleDashboard): Promise<void> {
  const { page, dash } = sample;
  await page.getByRole('link', { name: 'Overview', exact: true }).click();
  const report = (await cli(['report', '--json', '--db', dash.db, '--now', NOW])).json<{
    acceptance: { byWeekdayHour: Array<{ key: string; maturedSent: number }> };
    whatIf: Array<{ isBase: boolean; replay: { weeks: unknown[] } }>;
  }>();
  // one dot per week of the actual history
  await expect
    .poll(() => page.locator('[aria-labelledby=trend-title] .chart__dot').count())
    .toBe(report.whatIf.find((w) => w.isBase)!.replay.weeks.length);
  // 7 × 24 cells, shaded where enough invitations went out at that hour
  const cells = page.locator('[aria-labelledby=heat-title] .heat__cell');
  await expect.poll(() => cells.count()).toBe(168);
  const rated = report.acceptance.byWeekdayHour.filter((c) => c.key !== 'unknown' && c.maturedSent >= 5);
  expect(await page.locator('.heat__cell:not(.heat__cell--none):not(.heat__cell--few)').count()).toBe(
    rated.length,
  );

  await page.getByRole('link', { name: 'Invitations', exact: true }).click();
  await expect.poll(() => page.getByTestId('invitation-total').textContent()).toMatch(/^\d/);
  const total = Number(((await page.getByTestId('invitation-total').textContent()) ?? '').replace(/\D/g, ''));
  await expect.poll(async () => page.getByTestId('csv-invitations').isEnabled()).toBe(true);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('csv-invitations').click(),
  ]);
  const file = await download.path();
  const lines = fs
    .readFileSync(file!, 'utf8')
    .replace(/^\ufeff/, '')
    .trim()
    .split('\r\n');
  expect(lines[0]).toBe('name,profileUrl,status,sentAt,ageDays,stale,statusAt,cooldownUntil,note,source');
  expect(lines.length - 1).toBe(total);
}

/** The recommended threshold applied with a button; a token link pasted into a new tab. */
export async function appliesTheRecommendedThreshold(sample: SampleDashboard): Promise<void> {
  const { page, dash, browser } = sample;
  await page.getByRole('link', { name: 'Overview', exact: true }).click();
  const before = (
    await cli(['config', 'get', 'staleAfterDays', '--json', '--db', dash.db, '--now', NOW])
  ).json<{
    settings: Array<{ value: number }>;
  }>().settings[0]!.value;
  const button = page.getByTestId('apply-recommended');
  await button.waitFor();
  const days = Number(((await button.textContent()) ?? '').replace(/\D/g, ''));
  expect(days).not.toBe(before);
  await button.click();
  await page.getByText(`Now ${days} days.`).waitFor();
  const after = (
    await cli(['config', 'get', 'staleAfterDays', '--json', '--db', dash.db, '--now', NOW])
  ).json<{
    settings: Array<{ value: number }>;
  }>().settings[0]!.value;
  expect(after).toBe(days);
  expect(
    (await cli(['config', 'set', 'staleAfterDays', String(before), '--db', dash.db, '--now', NOW])).code,
  ).toBe(0);

  // a new tab without the token asks for it; pasting the link into the address bar is enough
  const tab = await browser.context.newPage();
  try {
    await tab.goto(new URL(dash.server.url).origin);
    await tab.getByRole('heading', { name: /with its key/i }).waitFor();
    await tab.goto(dash.server.url);
    await tab.getByTestId('card-pending-value').waitFor();
  } finally {
    await tab.close();
  }
}
