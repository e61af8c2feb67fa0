import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { assessRisk } from '../policy/risk.ts';
import { DEFAULT_SETTINGS, type Settings } from '../settings.ts';
import { DAY_MS } from '../time.ts';
import { seeded, simulateCompliantMember } from './fixtures/invitations.ts';
import type { AnalyticsInvitation } from './input.ts';
import { buildReport, type ReportInput } from './report.ts';
import { REPORT_JSON_SCHEMA } from './report-schema.ts';
import { parseWhatIfSpec, type WhatIfVariant } from './what-if.ts';

const ajv = new Ajv2020({ strict: true, allErrors: true, formats: { 'date-time': true } });
const validate = ajv.compile(REPORT_JSON_SCHEMA);

const settings: Settings = {
  ...DEFAULT_SETTINGS,
  timezone: 'Europe/Berlin',
  profile: { photo: false, headline: null, jobTitle: true },
};
const start = Date.UTC(2026, 0, 5);

/** A plan-following member whose acceptance depends on notes and mutual connections, for the advice. */
function history(days: number, seed: number, dailyInviteLimit = 20): AnalyticsInvitation[] {
  const random = seeded(seed);
  return simulateCompliantMember({
    start,
    days,
    staleAfterDays: 14,
    maxWithdrawalsPerDay: 20,
    weeklyInviteLimit: 100,
    dailyInviteLimit,
    seed,
    acceptShare: 0.5,
  }).map((inv, i) => ({
    ...inv,
    note: i % 2 === 0 ? 'Hi, we met at the meetup' : null,
    templateId: i % 3 === 0 ? 'intro' : i % 3 === 1 ? 'alumni' : null,
    mutualConnections: Math.floor(random() * 30),
    relation: (['colleague', 'alumni', 'industry-peer', 'other', null] as const)[i % 5]!,
  }));
}

function input(invitations: AnalyticsInvitation[], extra: Partial<ReportInput> = {}): ReportInput {
  return {
    account: 'default',
    invitations,
    trackingSince: start,
    exportProfile: { headline: 'Helping founders hire engineers' },
    riskFactors: assessRisk(
      {
        pending: 450,
        trackedMaturedSent: 200,
        trackedMaturedAccepted: 40,
        reportsLast90Days: 0,
        sentLast7Days: 10,
      },
      settings,
      30,
    ).factors,
    ...extra,
  };
}

describe('buildReport', () => {
  const now = start + 120 * DAY_MS;
  const ledger = history(120, 7);
  const report = buildReport(
    input(ledger, { whatIf: { variants: parseWhatIfSpec(['staleAfterDays=7,21', 'weeklyInviteLimit=50']) } }),
    settings,
    now,
  );

  it('validates against REPORT_JSON_SCHEMA and survives a JSON round trip unchanged', () => {
    const ok = validate(report);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  it('the schema is strict: a misspelt or missing field fails', () => {
    expect(validate({ ...report, acceptence: report.acceptance })).toBe(false);
    const { risk: _risk, ...withoutRisk } = report;
    expect(validate(withoutRisk)).toBe(false);
    expect(validate({ ...report, asOf: '2026-05-05' })).toBe(false);
    const badCell = { ...report.acceptance.byNote[0]!, key: 'maybe' };
    expect(validate({ ...report, acceptance: { ...report.acceptance, byNote: [badCell] } })).toBe(false);
  });

  it('assembles every part', () => {
    expect(report.asOf).toBe(new Date(now).toISOString());
    expect(report.acceptance.overall.sent).toBe(ledger.length);
    expect(report.acceptance.tracked.since).toBe(new Date(start).toISOString());
    expect(report.timeToAccept.currentStaleAfterDays).toBe(14);
    expect(report.timeToAccept.curve.length).toBeGreaterThan(14);
    expect(report.timeToAccept.confidence.interval).not.toBeNull();
    expect(report.profile.map((p) => [p.item, p.state, p.source])).toEqual([
      ['photo', 'missing', 'answer'],
      ['headline', 'ok', 'export'],
      ['jobTitle', 'ok', 'answer'],
    ]);
    expect(report.warnings.map((w) => w.code)).toEqual(['PROFILE_NO_PHOTO']);
    expect(report.risk.map((r) => [r.code, r.level])).toEqual([
      ['PENDING_WARN', 'watch'],
      ['LOW_ACCEPTANCE', 'watch'],
    ]);
    expect(report.whatIf!.map((r) => r.label)).toEqual([
      'what happened',
      'current',
      'staleAfterDays=7, weeklyInviteLimit=50',
      'staleAfterDays=21, weeklyInviteLimit=50',
    ]);
    expect(report.whatIf![0]!.replay.from).toBe(new Date(start).toISOString());
  });

  it('advises a threshold only when it differs from the current one', () => {
    const advice = report.advice.find((a) => a.code === 'STALE_AFTER_DAYS');
    const recommended = report.timeToAccept.recommendedStaleAfterDays;
    expect(recommended).not.toBeNull();
    if (recommended === 14) expect(advice).toBeUndefined();
    else expect(advice!.message).toContain(`config set staleAfterDays ${recommended}`);
    const same = buildReport(input(ledger), { ...settings, staleAfterDays: recommended! }, now);
    expect(same.advice.find((a) => a.code === 'STALE_AFTER_DAYS')).toBeUndefined();
    expect(same.whatIf).toBeUndefined();
    expect(validate(same)).toBe(true);
  });

  it('adds the recommended threshold to the what-if rows when asked, once', () => {
    const recommended = report.timeToAccept.recommendedStaleAfterDays!;
    // The recommendation does not depend on the current threshold; pick one that differs from it.
    const other = { ...settings, staleAfterDays: recommended === 10 ? 11 : 10 };
    const build = (variants: WhatIfVariant[], addRecommended: boolean) =>
      buildReport(
        input(ledger, { whatIf: { variants, addRecommended }, replicates: 0 }),
        other,
        now,
      ).whatIf!.map((w) => w.label);
    expect(build([{ staleAfterDays: 7 }], true)).toEqual([
      'what happened',
      'current',
      'staleAfterDays=7',
      `staleAfterDays=${recommended}`,
    ]);
    expect(build([{ staleAfterDays: recommended }], true)).toEqual([
      'what happened',
      'current',
      `staleAfterDays=${recommended}`,
    ]);
    expect(build([{ staleAfterDays: 7 }], false)).toEqual(['what happened', 'current', 'staleAfterDays=7']);
    const atRecommended = buildReport(
      input(ledger, { whatIf: { variants: [], addRecommended: true }, replicates: 0 }),
      { ...settings, staleAfterDays: recommended },
      now,
    );
    expect(atRecommended.whatIf!.map((w) => w.label)).toEqual(['what happened', 'current']);
  });

  it('an empty account still gives a valid report', () => {
    const empty = buildReport(
      { account: 'new', invitations: [], trackingSince: null, whatIf: { variants: [{ staleAfterDays: 7 }] } },
      settings,
      now,
    );
    expect(validate.errors ?? []).toEqual([]);
    expect(validate(empty)).toBe(true);
    expect(empty.timeToAccept).toMatchObject({ curve: [], median: null, recommendedStaleAfterDays: null });
    expect(empty.timeToAccept.confidence.level).toBe('none');
    expect(empty.advice).toEqual([]);
  });

  it('builds on 10,000 invitations (a year of a busy account) and stays valid', () => {
    // Two members' worth of history in one ledger, so the sends exceed one account's weekly limit.
    const big = history(365, 11, 60);
    const invitations = Array.from({ length: 10_000 }, (_, i) => ({
      ...big[i % big.length]!,
      id: i + 1,
      profileUrl: `https://www.linkedin.com/in/x${i}`,
    }));
    expect(invitations.length).toBe(10_000);
    const r = buildReport(
      input(invitations, { whatIf: { variants: [{ staleAfterDays: 7 }] } }),
      settings,
      start + 365 * DAY_MS,
    );
    expect(validate(r)).toBe(true);
    expect(r.acceptance.overall.sent).toBe(10_000);
  });
});
