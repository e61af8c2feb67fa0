import { expect } from 'vitest';
import { getPlan } from '../../src/app/index.ts';
import { cli } from '../../src/cli/testing.ts';
import { NOW, type SampleDashboard } from './dashboard.testing.ts';

/**
 * The Targets & notes page of the sample dashboard: the note's lint, today's sends, copying a note.
 */

/** A note counted against the tier’s limit as it is typed, with the CLI’s lint. */
export async function countsANoteAgainstTheLimit(sample: SampleDashboard): Promise<void> {
  const { page } = sample;
  await page.getByRole('link', { name: 'Targets & notes' }).click();
  const box = page.getByLabel('Note or template');
  await box.fill('Hi Jane, great to meet you at the Lisbon meetup.');
  await expect.poll(() => page.getByTestId('note-count').textContent()).toBe('48 / 200');
  expect(await page.getByTestId('note-lint').textContent()).not.toContain('Error');

  const long = `Hi Jane, ${'I really enjoyed our conversation about distributed systems. '.repeat(4)}`.trim();
  await box.fill(long);
  await expect.poll(() => page.getByTestId('note-count').textContent()).toBe(`${long.length} / 200`);
  expect(await page.getByTestId('note-count').getAttribute('class')).toContain('over');
  const tooLong = page.locator('[data-testid=note-lint] [data-code=TOO_LONG]');
  expect(await tooLong.textContent()).toContain(
    `${long.length} characters, over the 200 a free account allows`,
  );
  expect(await box.getAttribute('aria-invalid')).toBe('true');

  await box.fill("I'd like to add you to my professional network on LinkedIn.");
  await page.locator('[data-testid=note-lint] [data-code=GENERIC_NOTE]').waitFor();
}

/** Today’s sends listed with their notes, and one recorded as sent. */
export async function listsAndRecordsTodaysSends(sample: SampleDashboard): Promise<void> {
  const { page, dash } = sample;
  const before = await getPlan(dash.ctx);
  expect(before.sends.length).toBeGreaterThan(0);
  await page.getByRole('link', { name: 'Targets & notes' }).click();
  const queue = page.getByTestId('send-queue');
  await expect
    .poll(() => queue.locator('.queue__name').allTextContents())
    .toEqual(before.sends.map((x) => x.name));
  const first = before.sends[0]!;
  if (first.note) expect(await queue.locator('.queue__note').first().textContent()).toContain(first.note);
  await queue.getByRole('button', { name: `Sent to ${first.name}` }).click();
  await page.getByRole('status').filter({ hasText: 'recorded as sent' }).waitFor();
  const after = (await cli(['plan', '--json', '--db', dash.db, '--now', NOW])).json<{
    sends: { name: string }[];
  }>();
  expect(after.sends.map((x) => x.name)).not.toContain(first.name);
  expect(await page.getByTestId('target-list').locator('.target').count()).toBeGreaterThan(10);
}

/** A planned note copied in one click; times in the account’s zone; one notes-left figure. */
export async function copiesAPlannedNote(sample: SampleDashboard): Promise<void> {
  const { page, dash, browser, cardValue } = sample;
  const origin = new URL(dash.server.url).origin;
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const set = async (...args: string[]) =>
    expect((await cli(['config', ...args, '--db', dash.db, '--now', NOW])).code).toBe(0);
  await page.getByRole('link', { name: 'Overview', exact: true }).click();
  await expect.poll(() => cardValue('notes')).not.toBe('…');
  const notesLeft = await cardValue('notes');
  await page.getByRole('link', { name: 'Targets & notes' }).click();
  const queue = page.getByTestId('send-queue');
  await queue.locator('.queue__who').first().waitFor();
  // the Targets page's notes figure is the Overview's
  expect(await page.locator('#sends-title + span').textContent()).toContain(`${notesLeft} notes left`);
  // notes unlimited (premium), so that the plan's sends carry them
  await set('set', 'accountTier', 'premium');
  await set('set', 'timezone', 'Europe/Berlin');
  try {
    await page.reload();
    await queue.locator('.queue__who').first().waitFor();
    const plan = await getPlan(dash.ctx);
    const withNote = plan.sends.find((x) => x.note !== null)!;
    expect(withNote).toBeDefined();
    const copy = queue.locator('.queue__item', { hasText: withNote.name }).getByTestId('copy-note');
    await queue.getByRole('button', { name: `Copy note for ${withNote.name}` }).click();
    await expect.poll(() => page.evaluate('navigator.clipboard.readText()')).toBe(withNote.note);
    await expect.poll(() => copy.textContent()).toContain('Copied ✓');
    // times in the account's zone: Berlin's once it is set (the sample's is UTC)
    expect(await queue.locator('.queue__who .muted').first().textContent()).toMatch(/\d{2}:\d{2} CET/);
  } finally {
    await set('unset', 'accountTier');
    await set('unset', 'timezone');
    await page.reload();
  }
  await expect
    .poll(() => queue.locator('.queue__who .muted').first().textContent())
    .toMatch(/\d{2}:\d{2} UTC/);
}
