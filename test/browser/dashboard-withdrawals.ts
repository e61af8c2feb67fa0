import { expect } from 'vitest';
import { getPlan } from '../../src/app/index.ts';
import { cli } from '../../src/cli/testing.ts';
import { NOW, type SampleDashboard } from './dashboard.testing.ts';

/**
 * The Withdrawals page of the sample dashboard: the keyboard, and Undo.
 */

/** Three withdrawals worked through with j, k, o and w, in the plan’s order, recorded for real. */
export async function worksThroughWithdrawalsWithTheKeyboard(sample: SampleDashboard): Promise<void> {
  const { page, dash } = sample;
  const before = await getPlan({ ...dash.ctx });
  const expected = before.withdrawals.slice(0, 3).map((w) => w.name);
  expect(expected).toHaveLength(3);

  await page.getByRole('link', { name: 'Withdrawals' }).click();
  await page.getByTestId('withdrawal-row').first().waitFor();
  const names = await page.locator('.withdrawal__name').allTextContents();
  expect(names).toEqual(before.withdrawals.map((w) => w.name));
  expect(await page.getByTestId('withdrawal-counter').textContent()).toContain(
    `0 / ${before.details.withdrawal.cap}`,
  );

  // j and k move the selection; o opens the selected profile in a new tab.
  await page.keyboard.press('j');
  await expect
    .poll(() => page.locator('.withdrawal--selected .withdrawal__name').textContent())
    .toBe(names[1]);
  await page.keyboard.press('k');
  await expect
    .poll(() => page.locator('.withdrawal--selected .withdrawal__name').textContent())
    .toBe(names[0]);
  const [popup] = await Promise.all([page.context().waitForEvent('page'), page.keyboard.press('o')]);
  await popup.waitForLoadState();
  expect(popup.url()).toBe(before.withdrawals[0]!.profileUrl);
  await popup.close();
  await page.bringToFront();

  for (let i = 1; i <= 3; i++) {
    await page.keyboard.press('w');
    await expect.poll(() => page.getByTestId('withdrawal-counter').textContent()).toContain(`${i} / 20`);
    await expect
      .poll(() => page.locator('.withdrawal--selected .withdrawal__name').textContent())
      .toBe(names[i]);
  }
  const done = await page
    .locator('[data-testid=withdrawal-row][data-done=true] .withdrawal__name')
    .allTextContents();
  expect(done).toEqual(expected);

  // Recorded for real: the CLI sees them withdrawn and today's plan moves on.
  const plan = (await cli(['plan', '--json', '--db', dash.db, '--now', NOW])).json<{
    withdrawals: { name: string }[];
  }>();
  expect(plan.withdrawals.map((w) => w.name)).toEqual(before.withdrawals.slice(3).map((w) => w.name));
}

/** A mark taken back with its toast’s Undo. */
export async function takesAMarkBackWithUndo(sample: SampleDashboard): Promise<void> {
  const { page, dash } = sample;
  const pending = async () =>
    (await cli(['status', '--json', '--db', dash.db, '--now', NOW])).json<{ pending: { count: number } }>()
      .pending.count;
  const before = await pending();
  await page.getByRole('link', { name: 'Withdrawals', exact: true }).click();
  // the first row not marked yet (an earlier test marked some)
  const row = page
    .getByTestId('withdrawal-row')
    .filter({ hasNot: page.getByRole('button', { name: 'Withdrawn ✓' }) })
    .first();
  await row.waitFor();
  const name = (await row.locator('.withdrawal__name, strong, h3').first().textContent()) ?? '';
  await row.getByRole('button', { name: /^Withdrawn/ }).click();
  const toast = page.getByTestId('undo-toast');
  await toast.waitFor();
  expect(await toast.textContent()).toContain('recorded as withdrawn');
  expect(await pending()).toBe(before - 1);
  await toast.getByTestId('undo').click();
  await expect.poll(() => toast.textContent()).toContain('Undone');
  expect(await pending()).toBe(before);
  // the row can be marked again
  await expect
    .poll(() =>
      page
        .getByTestId('withdrawal-row')
        .filter({ hasText: name.trim() })
        .getByRole('button', { name: /^Withdrawn/ })
        .isEnabled(),
    )
    .toBe(true);
  await toast.getByRole('button', { name: 'Close' }).click();
}
