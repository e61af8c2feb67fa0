import { describe, expect, it } from 'vitest';
import { assessRisk, type RiskFactor } from '../policy/risk.ts';
import { DEFAULT_SETTINGS } from '../settings.ts';
import { explainRisk } from './risk-explain.ts';

describe('explainRisk', () => {
  const { factors } = assessRisk(
    {
      pending: 520,
      trackedMaturedSent: 100,
      trackedMaturedAccepted: 12,
      reportsLast90Days: 1,
      sentLast7Days: 95,
    },
    DEFAULT_SETTINGS,
    30,
  );

  it.each<[RiskFactor['code'], string, string, string]>([
    ['PENDING_PAUSE', 'high', '520 pending', '500 (pause sending)'],
    ['LOW_ACCEPTANCE', 'high', '12%', '30% (high below 15%)'],
    ['REPORTS', 'watch', '1 in 90 days', '1 (watch), 3 (high)'],
    ['NEAR_WEEKLY_LIMIT', 'watch', '95 in 7 days', '90 of the weekly limit 100'],
  ])('%s: %s, %s against %s', (code, level, valueText, thresholdText) => {
    const row = explainRisk(factors).find((r) => r.code === code);
    expect(row).toMatchObject({ level, valueText, thresholdText });
    expect(row!.reason).toBe(factors.find((f) => f.code === code)!.message);
    expect(row!.advice.length).toBeGreaterThan(10);
  });

  it('puts high reasons first and keeps the order otherwise', () => {
    const rows = explainRisk([...factors].reverse());
    expect(rows.map((r) => r.code)).toEqual([
      'LOW_ACCEPTANCE',
      'PENDING_PAUSE',
      'NEAR_WEEKLY_LIMIT',
      'REPORTS',
    ]);
    expect(explainRisk([])).toEqual([]);
  });

  it('shows the warning threshold for a pending count below the pause', () => {
    const { factors: warn } = assessRisk(
      {
        pending: 410,
        trackedMaturedSent: 0,
        trackedMaturedAccepted: 0,
        reportsLast90Days: 0,
        sentLast7Days: 0,
      },
      DEFAULT_SETTINGS,
      30,
    );
    expect(explainRisk(warn)).toEqual([
      expect.objectContaining({
        code: 'PENDING_WARN',
        valueText: '410 pending',
        thresholdText: '400 (warning)',
      }),
    ]);
  });
});
