import { expect } from 'vitest';
import { READY, type SampleDashboard } from './dashboard.testing.ts';
import { horizontalOverflow, screenshot } from './harness.ts';

/** Every page of the sample dashboard at a phone's and a desktop's width: nothing sticks out, screenshots saved. */

/** Every page laid out at `width` without anything sticking out sideways; a screenshot of each. */
export async function laysEveryPageOut(sample: SampleDashboard, width: number): Promise<void> {
  const { page } = sample;
  await page.setViewportSize({ width, height: width < 600 ? 812 : 900 });
  for (const [name, link] of [
    ['overview', 'Overview'],
    ['withdrawals', 'Withdrawals'],
    ['invitations', 'Invitations'],
    ['targets', 'Targets & notes'],
    ['import', 'Import'],
  ] as const) {
    await page.getByRole('link', { name: link, exact: true }).click();
    await page.locator(READY[name]).first().waitFor();
    if (name === 'invitations') {
      await page.getByLabel('Name').fill('');
      await page.getByTestId('invitation-row').first().waitFor();
    }
    if (name === 'overview') {
      // all five charts: ages, acceptance by week, pending over time, the send-time map, time to accept
      await expect.poll(() => page.locator('.chart svg').count()).toBe(5);
    }
    if (name === 'targets') {
      await page
        .getByLabel('Note or template')
        .fill(`Hi {firstName}, ${'loved your talk on rolling quotas at {company}. '.repeat(6)}`);
      await page.locator('[data-testid=note-lint] [data-code=TOO_LONG]').waitFor();
    }
    expect(await horizontalOverflow(page), `${name} at ${width}px overflows sideways`).toBeLessThanOrEqual(0);
    // a page offers buttons and links, not command lines to type (issue 14)
    expect(await page.locator('main').innerText(), `${name} shows a command line`).not.toMatch(
      /invitekeeper (plan|config|sent|import|withdrawn|report|targets)/,
    );
    if (name === 'overview') {
      // the marks of the time-to-accept chart do not write over each other
      const boxes = await page.locator('[aria-labelledby=tta-title] .chart__mark text').evaluateAll((els) =>
        els.map((e) => {
          const b = (
            e as unknown as { getBBox(): { x: number; y: number; width: number; height: number } }
          ).getBBox();
          return { x: b.x, y: b.y, width: b.width, height: b.height };
        }),
      );
      for (let i = 1; i < boxes.length; i++) {
        const [a, b] = [boxes[i - 1]!, boxes[i]!];
        const apart =
          a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        expect(apart, `time-to-accept labels overlap at ${width}px: ${JSON.stringify(boxes)}`).toBe(true);
      }
    }
    await screenshot(page, name);
  }
}
