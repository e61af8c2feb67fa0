import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_JSON_SCHEMA } from '../../core/analytics/report-schema.ts';
import { DAY_MS, ledgerAt } from '../../core/index.ts';
import { importExport } from '../imports/import-snapshot.ts';
import { closingContexts } from '../testing/contexts.ts';
import { at, importSample, tempDir, testContext, writeExport } from '../testing/fixtures.ts';
import { applyRecommendedStaleAfter, getReport } from './report.ts';
import { getStatus } from './status.ts';

const ajv = new Ajv2020({ strict: true, allErrors: true, formats: { 'date-time': true } });
const validate = ajv.compile(REPORT_JSON_SCHEMA);

/** The morning after the sample's newest export, as `npm run demo` reads it. */
const SAMPLE_NOW = '2026-11-21T08:30:00Z';

const ctxAt = closingContexts();

/**
 * The sample imported once into a database for the tests of the describe that calls this: `path()`
 * is that database, `copy()` a private copy of it for a test that changes it.
 */
function importedSample(): { path(): string; copy(): string } {
  let sampleDb: string;
  beforeAll(async () => {
    sampleDb = path.join(tempDir(), 'sample.db');
    const ctx = await testContext({ now: SAMPLE_NOW, db: sampleDb });
    await importSample(ctx);
    await ctx.store.close();
  });
  afterAll(() => fs.rmSync(path.dirname(sampleDb), { recursive: true, force: true }));
  return {
    path: () => sampleDb,
    copy() {
      const db = path.join(tempDir(), 'copy.db');
      fs.copyFileSync(sampleDb, db);
      return db;
    },
  };
}

describe('report on the sample export (imported in date order, as the demo does)', () => {
  const sample = importedSample();

  it('validates against REPORT_JSON_SCHEMA and fills every section', async () => {
    const ctx = await ctxAt(SAMPLE_NOW, sample.path());
    const report = await getReport(ctx);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.acceptance.overall.sent).toBeGreaterThan(100);
    expect(report.acceptance.byWeek.length).toBeGreaterThan(20);
    expect(report.timeToAccept.recommendedStaleAfterDays).not.toBeNull();
    // An export is a history: every invitation it lists is tracked, accepted ones included, so the
    // rate is read from the first import (it reads high: withdrawn ones are absent), and the sample's
    // member is at no risk.
    expect(report.acceptance.overall.tracked.maturedSent).toBe(report.acceptance.overall.maturedSent);
    expect(report.acceptance.overall.tracked.maturedRate).toBeGreaterThan(0.3);
    expect(report.risk).toEqual([]);
    // No --what-if: the current row, 7 and 21 days, and the recommended threshold.
    const rec = report.timeToAccept.recommendedStaleAfterDays!;
    expect(report.whatIf!.map((w) => w.label)).toEqual([
      'what happened',
      'current',
      'staleAfterDays=7',
      'staleAfterDays=21',
      ...(rec === 7 || rec === 21 || rec === 14 ? [] : [`staleAfterDays=${rec}`]),
    ]);
    // Mutual connections and relation come from the targets list, joined by person.
    const account = (await ctx.store.findAccount('default'))!;
    const targets = new Map((await ctx.store.listTargets(account.id)).map((t) => [t.personKey, t]));
    const invitations = await ctx.store.listInvitations(account.id);
    const joined = invitations.filter((inv) => targets.has(inv.personKey));
    expect(joined.length).toBeGreaterThan(0);
    const unknownMutual = report.acceptance.byMutual.find((c) => c.key === 'unknown')!;
    expect(unknownMutual.sent).toBe(
      invitations.length -
        joined.filter((inv) => targets.get(inv.personKey)!.mutualConnections !== null).length,
    );
    const unknownRelation = report.acceptance.byRelation.find((c) => c.key === 'unknown')!;
    expect(unknownRelation.sent).toBe(
      invitations.length - joined.filter((inv) => targets.get(inv.personKey)!.relation !== null).length,
    );
    // The headline comes from the newest export's Profile.csv.
    expect(report.profile.find((p) => p.item === 'headline')).toMatchObject({
      state: 'ok',
      source: 'export',
    });
  });

  it('what-if: every row is the same replay (the current settings too); what happened is a row apart', async () => {
    const ctx = await ctxAt(SAMPLE_NOW, sample.path());
    const report = await getReport(ctx, {
      whatIf: [
        'staleAfterDays=14',
        'weeklyInviteLimit=100',
        'dailyInviteLimit=20',
        'maxWithdrawalsPerDay=20',
      ],
    });
    const [actual, current, same] = report.whatIf!;
    expect(actual!).toMatchObject({ label: 'what happened', isBase: true });
    expect(current!).toMatchObject({ label: 'current', isBase: false, variant: {} });
    expect(same!.label).toBe(
      'staleAfterDays=14, maxWithdrawalsPerDay=20, weeklyInviteLimit=100, dailyInviteLimit=20',
    );
    // the current settings' row is the replay every other row is, not the history (issue 14)
    expect(same!.replay).toEqual(current!.replay);
    // the sample's member withdrew less than the plan asked: following it lowers the pending load
    expect(current!.replay.averages.pending).toBeLessThan(actual!.replay.averages.pending);

    const account = (await ctx.store.findAccount('default'))!;
    const now = ctx.now;
    const from = (await ctx.store.trackingSince(account.id))!;
    const ledger = ledgerAt(await ctx.store.listInvitations(account.id), now);
    const inRange = (t: number | null) => t !== null && t >= from && t <= now;
    const endOf = (inv: (typeof ledger)[number]) =>
      inv.status === 'pending' ? null : Math.max(inv.statusAt ?? inv.sentAt, inv.sentAt);
    const count = (pred: (inv: (typeof ledger)[number]) => boolean) => ledger.filter(pred).length;
    const firstDay = Math.floor(from / DAY_MS);
    const lastDay = Math.floor(now / DAY_MS);
    let pendingSum = 0;
    for (let day = firstDay; day <= lastDay; day++) {
      const t = Math.min((day + 1) * DAY_MS - 1, now);
      pendingSum += count((inv) => inv.sentAt <= t && (endOf(inv) === null || endOf(inv)! > t));
    }
    const days = lastDay - firstDay + 1;
    const status = await getStatus(ctx);

    // The actual row: the figures recomputed straight from the ledger, independently of the replay.
    const x = actual!.replay;
    expect(x.from).toBe(report.trackingSince);
    expect(x.days).toBe(days);
    expect(x.totals).toMatchObject({
      sends: count((inv) => inRange(inv.sentAt)),
      acceptances: count((inv) => inv.status === 'accepted' && inRange(endOf(inv))),
      withdrawals: count(
        (inv) => (inv.status === 'withdrawn' || inv.status === 'closed') && inRange(endOf(inv)),
      ),
      expiries: count((inv) => inv.status === 'expired' && inRange(endOf(inv))),
      lostAcceptances: 0,
      delayedSends: 0,
      unsentInRange: 0,
    });
    expect(x.totals.sends).toBeGreaterThan(50);
    expect(x.totals.acceptances).toBeGreaterThan(5);
    expect(x.averages.pending).toBeCloseTo(pendingSum / days, 9);
    expect(x.pendingAtEnd).toBe(status.pending.count);

    // A changed setting does change the figures (the comparison is not vacuous).
    const seven = await getReport(ctx, { whatIf: ['staleAfterDays=7'] });
    expect(seven.whatIf![2]!.replay.averages.pending).not.toBeCloseTo(current!.replay.averages.pending, 3);
  });

  it('refuses a malformed --what-if before doing anything', async () => {
    const ctx = await ctxAt(SAMPLE_NOW, sample.path());
    await expect(getReport(ctx, { whatIf: ['staleAfterDays'] })).rejects.toMatchObject({ code: 'USAGE' });
    await expect(getReport(ctx, { whatIf: ['staleAfterDays=0'] })).rejects.toMatchObject({
      code: 'INVALID_SETTING',
    });
    await expect(getReport(ctx, { whatIf: ['pendingPauseAt=300'] })).rejects.toMatchObject({ code: 'USAGE' });
  });

  it('applyRecommendedStaleAfter saves the recommended threshold, and the report then stops advising it', async () => {
    const ctx = await ctxAt(SAMPLE_NOW, sample.copy());
    const before = await getReport(ctx, { replicates: 0 });
    const rec = before.timeToAccept.recommendedStaleAfterDays!;
    expect(before.advice.map((a) => a.code)).toContain('STALE_AFTER_DAYS');
    const applied = await applyRecommendedStaleAfter(ctx);
    expect(applied).toMatchObject({ key: 'staleAfterDays', recommended: rec, changed: true });
    expect([applied.previous.value, applied.current.value, applied.current.source]).toEqual([
      14,
      rec,
      'account',
    ]);
    const account = (await ctx.store.findAccount('default'))!;
    expect(account.settings).toMatchObject({ staleAfterDays: rec });
    const after = await getReport(ctx, { replicates: 0 });
    expect(after.settings.staleAfterDays).toBe(rec);
    expect(after.advice.map((a) => a.code)).not.toContain('STALE_AFTER_DAYS');
    expect(await applyRecommendedStaleAfter(ctx)).toMatchObject({ changed: false });
  });
});

describe('own profile', () => {
  const profileExport = (headline: string | null) =>
    writeExport(tempDir(), {
      invitations: [{ name: 'Ada Lovelace', sentAt: '2026-11-20T09:00:00Z' }],
      profile: { headline },
    });

  it('keeps the headline of the newest export only, and warns in status when it is missing', async () => {
    const ctx = await ctxAt('2026-11-26T12:00:00Z');
    expect((await getReport(ctx)).profile.find((p) => p.item === 'headline')).toMatchObject({
      state: 'unknown',
      source: 'none',
    });

    await importExport(ctx, profileExport(null), { asOf: Date.parse('2026-11-25T08:00:00Z') });
    const missing = await getReport(ctx);
    expect(missing.profile.find((p) => p.item === 'headline')).toMatchObject({
      state: 'missing',
      source: 'export',
    });
    expect(missing.warnings.map((w) => w.code)).toEqual(['PROFILE_NO_HEADLINE']);
    expect((await getStatus(ctx)).warnings.map((w) => w.code)).toContain('PROFILE_NO_HEADLINE');

    // An older export imported later does not overwrite the newer one's profile.
    await importExport(ctx, profileExport('Old headline'), { asOf: Date.parse('2026-11-01T08:00:00Z') });
    expect((await getReport(ctx)).warnings.map((w) => w.code)).toEqual(['PROFILE_NO_HEADLINE']);

    await importExport(ctx, profileExport('Helping founders hire engineers'), {
      asOf: Date.parse('2026-11-26T08:00:00Z'),
    });
    const ok = await getReport(ctx);
    expect(ok.profile.find((p) => p.item === 'headline')!.advice).toContain(
      'Helping founders hire engineers',
    );
    expect((await getStatus(ctx)).warnings.map((w) => w.code)).not.toContain('PROFILE_NO_HEADLINE');
  });

  it("turns the member's answers into the checklist and into status warnings", async () => {
    const ctx = await ctxAt('2026-11-26T12:00:00Z');
    const account = await ctx.store.ensureAccount('default', ctx.now);
    await ctx.store.write(account.id, (tx) =>
      tx.saveAccountSettings(account.id, { profile: { photo: false, jobTitle: true } }),
    );
    const report = await getReport(ctx);
    expect(report.profile.map((p) => [p.item, p.state, p.source])).toEqual([
      ['photo', 'missing', 'answer'],
      ['headline', 'unknown', 'none'],
      ['jobTitle', 'ok', 'answer'],
    ]);
    const status = await getStatus(at(ctx, '2026-11-26T13:00:00Z'));
    expect(status.warnings.map((w) => w.code)).toContain('PROFILE_NO_PHOTO');
    expect(status.warnings.map((w) => w.code)).not.toContain('PROFILE_NO_JOB_TITLE');
  });
});

describe('an empty account', () => {
  it('still gives a valid report, and no recommendation to apply', async () => {
    const ctx = await ctxAt('2026-11-26T12:00:00Z');
    const report = await getReport(ctx, { whatIf: ['staleAfterDays=7,21'] });
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.timeToAccept.recommendedStaleAfterDays).toBeNull();
    await expect(applyRecommendedStaleAfter(ctx)).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
