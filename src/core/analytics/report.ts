import type { z } from 'zod';
import { ledgerAt } from '../lifecycle.ts';
import type { Warning } from '../model.ts';
import { pct, type RiskFactor } from '../policy/risk.ts';
import type { Settings } from '../settings.ts';
import { type Instant, toIso } from '../time.ts';
import { type AcceptanceCell, acceptanceOfLedger } from './acceptance.ts';
import type { AnalyticsInvitation } from './input.ts';
import { kaplanMeier } from './kaplan-meier.ts';
import { checkOwnProfile, type ProfileFacts } from './profile.ts';
import type { ReportSchema } from './report.schema.ts';
import { explainRisk } from './risk-explain.ts';
import { estimateTimeToAccept, observationsOfLedger } from './survival.ts';
import { type WhatIfVariant, whatIf } from './what-if.ts';

/** Everything the report is built from; the app gathers it from the store. */
export interface ReportInput {
  account: string;
  /** The account's whole ledger, with the target extras joined in; read as it stood at `now`. */
  invitations: readonly AnalyticsInvitation[];
  /** First import or recorded send; invitations sent before it are left-truncated. */
  trackingSince: Instant | null;
  /** `Profile.csv` of the newest export, if one was imported. */
  exportProfile?: ProfileFacts | null;
  /** `computeStatus(...).details.riskFactors`. */
  riskFactors?: readonly RiskFactor[];
  /** Variants to replay (see `parseWhatIfSpec`); the range runs from `from` (default trackingSince) to now. */
  whatIf?: {
    variants: readonly WhatIfVariant[];
    from?: Instant;
    /** Also replay the recommended staleAfterDays, when there is one and no other row has it alone. */
    addRecommended?: boolean;
  };
  /** Bootstrap replicates for the threshold's interval (default 100; 0 turns it off). */
  replicates?: number;
}

/**
 * The `report --json` document, inferred from its zod schema (report.schema.ts); its JSON Schema is
 * REPORT_JSON_SCHEMA (report-schema.ts, docs/report.md).
 */
export type AnalyticsReport = z.output<typeof ReportSchema>;

/** Assembles the acceptance analytics and advice report of one account at `now` (pure, JSON-able). */
export function buildReport(input: ReportInput, settings: Settings, now: Instant): AnalyticsReport {
  // Read once: ledgerAt does calendar maths for every pending invitation.
  const ledger = ledgerAt(input.invitations, now);
  const acceptance = acceptanceOfLedger(ledger, settings, now, input.trackingSince);
  const observations = observationsOfLedger(ledger, now, input.trackingSince);
  const timeToAccept = estimateTimeToAccept(
    observations,
    input.replicates === undefined ? {} : { replicates: input.replicates },
  );
  const profile = checkOwnProfile({ exportProfile: input.exportProfile ?? null, answers: settings.profile });

  const report: AnalyticsReport = {
    asOf: toIso(now),
    account: input.account,
    trackingSince: input.trackingSince === null ? null : toIso(input.trackingSince),
    settings: { staleAfterDays: settings.staleAfterDays, timezone: settings.timezone },
    acceptance,
    timeToAccept: {
      curve: timeToAccept.curve,
      median: timeToAccept.median,
      eventualAcceptance: timeToAccept.eventualAcceptance,
      recommendedStaleAfterDays: timeToAccept.recommendedStaleAfterDays,
      currentStaleAfterDays: settings.staleAfterDays,
      confidence: timeToAccept.confidence,
    },
    profile: profile.items,
    risk: explainRisk(input.riskFactors ?? []),
    advice: [],
    warnings: profile.warnings,
  };
  if (input.whatIf) {
    let variants = input.whatIf.variants;
    const recommended = timeToAccept.recommendedStaleAfterDays;
    if (
      input.whatIf.addRecommended &&
      recommended !== null &&
      recommended !== settings.staleAfterDays &&
      !variants.some((v) => v.staleAfterDays === recommended && Object.keys(v).length === 1)
    ) {
      variants = [...variants, { staleAfterDays: recommended }];
    }
    report.whatIf = whatIf(
      { invitations: input.invitations, trackingSince: input.trackingSince },
      settings,
      variants,
      {
        ...(input.whatIf.from === undefined ? {} : { from: input.whatIf.from }),
        to: now,
        survival: kaplanMeier(observations),
      },
    );
  }
  report.advice = adviseFrom(report);
  return report;
}

/**
 * Advice from the fully observed (tracked) figures only, and only from cells with at least 30
 * matured invitations, so that a handful of lucky acceptances never turns into a rule.
 */
function adviseFrom(report: AnalyticsReport): Warning[] {
  const advice: Warning[] = [];
  const t = report.timeToAccept;
  if (t.recommendedStaleAfterDays !== null && t.recommendedStaleAfterDays !== t.currentStaleAfterDays) {
    const rough = t.confidence.level === 'ok' ? '' : ' (a rough figure: see the confidence notes)';
    advice.push({
      code: 'STALE_AFTER_DAYS',
      message: `90% of your acceptances arrive within ${t.recommendedStaleAfterDays} days${rough}; staleAfterDays is ${t.currentStaleAfterDays}: \`invitekeeper config set staleAfterDays ${t.recommendedStaleAfterDays}\``,
    });
  }

  const solid = (cells: readonly AcceptanceCell[]) =>
    cells.filter((c) => !c.tracked.smallSample && c.tracked.maturedRate !== null);
  const rateOf = (c: AcceptanceCell) => c.tracked.maturedRate!;
  const a = report.acceptance;

  const [note, noNote] = [a.byNote.find((c) => c.key === 'note'), a.byNote.find((c) => c.key === 'no note')];
  if (note && noNote && solid([note, noNote]).length === 2 && rateOf(note) !== rateOf(noNote)) {
    advice.push({
      code: rateOf(note) > rateOf(noNote) ? 'NOTES_HELP' : 'NOTES_DO_NOT_HELP',
      message: `invitations with a note were accepted ${pct(rateOf(note))} of the time, without one ${pct(rateOf(noNote))}`,
    });
  }

  const none = solid(a.byMutual).find((c) => c.key === '0');
  const someMutual = solid(a.byMutual).filter((c) => c.key !== '0' && c.key !== 'unknown');
  const bestMutual = someMutual.sort((x, y) => rateOf(y) - rateOf(x))[0];
  if (none && bestMutual && rateOf(bestMutual) > rateOf(none)) {
    advice.push({
      code: 'MUTUAL_CONNECTIONS_HELP',
      message: `people with ${bestMutual.key} mutual connections accepted ${pct(rateOf(bestMutual))}, people with none ${pct(rateOf(none))}: invite where you share connections first`,
    });
  }

  const templates = solid(a.byTemplate)
    .filter((c) => c.key !== 'no template')
    .sort((x, y) => rateOf(y) - rateOf(x));
  if (templates.length >= 2 && rateOf(templates[0]!) > rateOf(templates[templates.length - 1]!)) {
    const best = templates[0]!;
    const worst = templates[templates.length - 1]!;
    advice.push({
      code: 'BEST_TEMPLATE',
      message: `template "${best.key}" was accepted ${pct(rateOf(best))}, "${worst.key}" ${pct(rateOf(worst))}`,
    });
  }
  return advice;
}
