import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../../core/index.ts';
import { setConfig } from '../accounts/settings.ts';
import type { AppContext } from '../context.ts';
import { importExport } from '../imports/import-snapshot.ts';
import { recordReport, recordSend } from '../invitations/sends.ts';
import { recordWithdrawals } from '../invitations/withdrawals.ts';
import { importTargets } from '../outreach/targets.ts';
import { addTemplate } from '../outreach/templates.ts';
import { at, tempDir, testContext, writeExport } from '../testing/fixtures.ts';
import { getPlan, getPlanAndHorizon } from './plan.ts';

/**
 * getPlanAndHorizon promises that the plan is the same (but for asOf) at every instant from `now`
 * up to its `until`, while the data stay the same: the server answers repeated requests on it.
 * A history with every kind of time-dependence the plan has: stale and young pending invitations,
 * some near their 6 months, withdrawals and their cooldowns, sends with notes in the rolling week
 * and 30 days, a report, connections, namesakes without links, targets added over weeks in three
 * time zones with a note template (so sends, scores by days in the queue and send windows).
 */

const url = (slug: string) => `https://www.linkedin.com/in/${slug}`;
const iso = (t: number) => new Date(t).toISOString();
const START = Date.parse('2026-05-20T00:00:00Z');
/** The account that sends, and one paused by a low pendingPauseAt (its plans hold no sends). */
let ctx: AppContext;
let paused: AppContext;

beforeAll(async () => {
  ctx = await testContext({ now: '2026-05-20T06:00:00Z' });
  await history(ctx);
  paused = await testContext({ now: '2026-05-20T06:00:00Z', db: ctx.store.location, account: 'paused' });
  await history(paused);
  await setConfig(paused, 'pendingWarnAt', '5');
  await setConfig(paused, 'pendingPauseAt', '10');
});

afterAll(async () => {
  await paused?.store.close();
  await ctx?.store.close();
});

async function history(ctx: AppContext) {
  const invitations = [];
  const connections = [];
  for (let i = 0; i < 90; i++) {
    const sent =
      Date.parse('2025-11-10T09:00:00Z') + i * 2 * DAY_MS + (i % 5) * 3 * HOUR_MS + i * 7 * MINUTE_MS;
    invitations.push({
      name: `Person ${i}`,
      slug: i % 11 === 0 ? null : `person-${i}`,
      sentAt: iso(sent),
      ...(i % 4 === 0 ? { message: `Hi Person ${i}` } : {}),
    });
    if (i % 6 === 1)
      connections.push({
        first: 'Person',
        last: `${i}`,
        slug: `person-${i}`,
        connectedOn: iso(sent + 3 * DAY_MS).slice(0, 10),
      });
  }
  await importExport(ctx, writeExport(tempDir(), { invitations, connections }), {
    asOf: Date.parse('2026-05-19T12:00:00Z'),
  });
  await recordWithdrawals(
    at(ctx, '2026-05-19T13:00:00Z'),
    [url('person-70'), url('person-72')],
    Date.parse('2026-05-19T13:00:00Z'),
  );
  const file = path.join(tempDir(), 'targets.csv');
  const rows = ['name,profileUrl,relation,mutualConnections,timezone,company'];
  for (let i = 0; i < 24; i++) {
    const zone = ['America/New_York', 'Asia/Kolkata', ''][i % 3];
    // Some are people already invited, connected, withdrawn or reported; the rest are new.
    const slug = i < 8 ? `person-${60 + i * 3}` : `target-${i}`;
    rows.push(
      `Target ${i},${url(slug)},${['colleague', 'alumni', 'other', ''][i % 4]},${i % 7},${zone},Acme ${i}`,
    );
  }
  fs.writeFileSync(file, rows.join('\n'));
  await importTargets(ctx, file);
  await importTargets(
    at(ctx, '2026-05-27T15:30:00Z'),
    (() => {
      const later = path.join(tempDir(), 'later.csv');
      fs.writeFileSync(later, `name,profileUrl,timezone\nLate Comer,${url('late-comer')},Europe/Berlin\n`);
      return later;
    })(),
  );
  await addTemplate(ctx, {
    id: 'intro',
    body: 'Hi {firstName}, I enjoyed your work at {company}.',
    makeDefault: true,
  });
  await recordSend(at(ctx, '2026-05-21T10:07:00Z'), url('target-9'), { templateId: 'intro' });
  await recordSend(at(ctx, '2026-05-26T14:41:00Z'), url('target-10'), { note: 'Hello there' });
  await recordSend(at(ctx, '2026-06-02T09:13:00Z'), url('target-11'));
  await recordReport(at(ctx, '2026-05-28T08:00:00Z'), url('target-12'));
  // A send a day to someone not in the queue (a note every other day), some withdrawn 16 days
  // later, and one day whose withdrawals fill the daily cap: only the store's counts and first
  // instants (not the queued people's history) tell the plan when its quota and pending change.
  const daily = path.join(tempDir(), 'daily.csv');
  const dailyRows = ['name,profileUrl,timezone'];
  for (let i = 0; i < 60; i++)
    dailyRows.push(`Daily ${i},${url(`daily-${i}`)},${['Europe/Paris', 'Asia/Tokyo'][i % 2]}`);
  fs.writeFileSync(daily, dailyRows.join('\n'));
  await importTargets(at(ctx, '2026-05-19T20:00:00Z'), daily);
  for (let i = 0; i < 60; i++) {
    const when = iso(START + i * DAY_MS + 10 * HOUR_MS + i * 13 * MINUTE_MS);
    await recordSend(at(ctx, when), url(`stranger-${i}`), i % 2 === 0 ? { note: `Hi Stranger ${i}` } : {});
  }
  for (let i = 0; i < 40; i += 4) {
    const when = iso(START + (i + 16) * DAY_MS + 8 * HOUR_MS + i * MINUTE_MS);
    await recordWithdrawals(at(ctx, when), [url(`stranger-${i}`)], Date.parse(when));
  }
  const capDay = Date.parse('2026-06-10T09:00:00Z');
  const stalest = (await getPlan(at(ctx, iso(capDay)))).withdrawals.map((w) => w.profileUrl ?? w.name);
  await recordWithdrawals(at(ctx, iso(capDay)), stalest, capDay);
}

function withoutAsOf(plan: Awaited<ReturnType<typeof getPlan>>) {
  const { asOf: _asOf, ...rest } = plan;
  return rest;
}

describe('getPlanAndHorizon', () => {
  it.each([
    ['with sends (horizons within the minute)', () => ctx, 0],
    ['paused, without sends (horizons of hours)', () => paused, 60],
  ] as const)(
    'the plan is the same at every instant from now up to its horizon: %s (property)',
    async (_label, which, longer) => {
      const c = which();
      let beyondAnHour = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 0, max: 60 * DAY_MS }),
          fc.double({ min: 0, max: 1, noNaN: true }),
          async (offset, probe) => {
            const now = START + offset;
            const { answer, until } = await getPlanAndHorizon(at(c, iso(now)));
            expect(until).toBeGreaterThan(now);
            const expected = withoutAsOf(answer);
            for (const t of [until - 1, now + Math.floor(probe * (until - 1 - now))]) {
              expect(withoutAsOf(await getPlan(at(c, iso(t)))), `${iso(now)} -> ${iso(t)}`).toEqual(expected);
            }
            if (until - now > HOUR_MS) beyondAnHour++;
          },
        ),
        { numRuns: 200 },
      );
      expect(beyondAnHour).toBeGreaterThanOrEqual(longer);
    },
  );

  it('the plan at the horizon itself may differ, and often does', async () => {
    let changed = 0;
    for (const c of [ctx, paused]) {
      for (let i = 0; i < 40; i++) {
        const now = START + i * 23 * HOUR_MS + i * 17 * MINUTE_MS;
        const { answer, until } = await getPlanAndHorizon(at(c, iso(now)));
        const after = await getPlan(at(c, iso(until)));
        if (JSON.stringify(withoutAsOf(after)) !== JSON.stringify(withoutAsOf(answer))) changed++;
      }
    }
    expect(changed).toBeGreaterThan(30);
  });
});
