/**
 * The `invitekeeper report --json` document as a zod schema: the one definition of the contract.
 * AnalyticsReport (report.ts) is inferred from it, REPORT_JSON_SCHEMA (report-schema.ts) is generated
 * from it and the API's OpenAPI document embeds that. Descriptions are the field documentation of
 * docs/report.md (`npm run docs:report`). Loaded by the server, the generators and tests only: the
 * report itself takes its type with `import type`. The breakdown keys and the what-if settings are
 * typed as the producers type them (string, a partial record) and listed in the JSON Schema.
 */
import { z } from 'zod';
import { RELATIONS } from '../model.ts';
import { WEEKDAYS } from '../settings.ts';
import { WEEKDAY_HOUR_KEYS } from './acceptance.ts';
import { CONFIDENCE_FLAGS } from './survival.ts';
import { WHAT_IF_KEYS, type WhatIfKey } from './what-if.ts';

const instant = (description: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
    .meta({ format: 'date-time', description });
/** An instant or null; the description says what null means. */
const instantOrNull = (description: string) =>
  instant('An instant in UTC, ISO 8601 with milliseconds.').nullable().describe(description);
const count = (description: string) => z.number().int().min(0).describe(description);
const share = (description: string) => z.number().min(0).max(1).describe(description);
const shareOrNull = (description: string) => z.number().min(0).max(1).nullable().describe(description);
const nonNegative = (description: string) => z.number().min(0).describe(description);
const threshold = (description: string) => z.number().int().min(1).max(180).describe(description);
/** A string the JSON Schema restricts to `keys` (the producers type it as a string). */
const oneOf = (keys: readonly string[], description: string) =>
  z.string().meta({ enum: [...keys], description });

const figureShape = {
  sent: count('Invitations sent (every status).'),
  accepted: count('Of them, accepted by asOf.'),
  rate: shareOrNull('accepted / sent; null when nothing was sent.'),
  maturedSent: count('Sent at least staleAfterDays before asOf, so the answer has had time to come.'),
  maturedAccepted: count('Of the matured ones, accepted.'),
  maturedRate: shareOrNull(
    'maturedAccepted / maturedSent, the acceptance rate of SPEC section 5; null when none matured.',
  ),
  smallSample: z.boolean().describe('Fewer than 30 matured invitations: the rate is noise.'),
};

const FiguresSchema = z
  .strictObject(figureShape)
  .meta({ id: 'figures', description: 'Acceptance counts and rates of one group of invitations.' });

const cellShape = {
  key: z.string().describe('The group: a week, a template id, a bucket...'),
  ...figureShape,
  tracked: FiguresSchema.describe('The same figures over invitations sent since trackingSince.'),
};
const CellSchema = z.strictObject(cellShape).meta({
  id: 'cell',
  description: 'One row of a breakdown: the figures over all invitations, and over the tracked ones.',
});
/** A breakdown whose keys are known: the cell, and its key restricted (JSON Schema: allOf). */
const cellsOf = (description: string, key?: z.ZodString) =>
  z.array(key ? z.intersection(CellSchema, z.object({ key })) : CellSchema).describe(description);

const hours = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));

const AcceptanceSchema = z
  .strictObject({
    overall: z
      .intersection(CellSchema, z.object({ key: z.string().meta({ const: 'all' }) }))
      .describe(
        'Every invitation of the account, and under tracked those known from their sending (see isTracked).',
      ),
    tracked: z
      .strictObject({
        since: instantOrNull('trackingSince; null before any import.'),
        ...figureShape,
      })
      .describe(
        'The figures over the invitations whose answer is seen whatever it is (fully observed): listed by an export (a history of pending and accepted invitations), recorded by hand, or first listed by a Sent page at most a day after it was sent.',
      ),
    byWeek: cellsOf(
      'By ISO week sent, oldest first, weeks without sends included.',
      z
        .string()
        .regex(/^\d{4}-W\d{2}$/)
        .describe('ISO week in the account time zone.'),
    ),
    byTemplate: cellsOf('By template id, alphabetically, then "no template" (always present).'),
    byNote: cellsOf(
      'With a personal note vs without (a blank note is none).',
      oneOf(['note', 'no note'], 'Whether the invitation carried a note.'),
    ),
    byMutual: cellsOf(
      'By mutual connections of the recipient, from the targets list; "unknown": not among the targets or no count.',
      oneOf(['0', '1-5', '6-20', '21+', 'unknown'], 'The bucket of mutual connections.'),
    ),
    byRelation: cellsOf(
      'By relation to the recipient, from the targets list; "unknown": not among the targets.',
      oneOf([...RELATIONS, 'unknown'], 'The relation.'),
    ),
    byWeekday: cellsOf(
      'By weekday sent, account time zone; "unknown": sent time known only as a range spanning days.',
      oneOf([...WEEKDAYS, 'unknown'], 'The weekday.'),
    ),
    byHour: cellsOf(
      'By hour sent ("00".."23"), account time zone; "unknown": sent time known only as a range.',
      oneOf([...hours, 'unknown'], 'The hour.'),
    ),
    byWeekdayHour: cellsOf(
      'By weekday and hour sent ("Mon 00".."Sun 23", 168 cells, the "best time to send" map), account time zone; "unknown": sent time not known to the hour.',
      oneOf(WEEKDAY_HOUR_KEYS, 'The weekday and hour.'),
    ),
  })
  .describe('Acceptance rates overall and broken down; every breakdown sums back to overall.');

const IntervalSchema = z
  .strictObject({
    low: threshold('Lower end, days.'),
    high: threshold('Upper end, days.'),
    level: share('Coverage, e.g. 0.9.'),
    replicates: count('Bootstrap replicates drawn.'),
    usable: count('Replicates that had an acceptance to rest on.'),
    seed: z.number().int().describe('Seed of the resampling, so the interval is reproducible.'),
  })
  .describe('Seeded percentile bootstrap interval of the recommended threshold.');

const TimeToAcceptSchema = z
  .strictObject({
    curve: z
      .array(
        z.strictObject({
          day: count('Age in days; day 0 is age 0 exactly.'),
          accepted: share('Cumulative incidence F(day): share accepted by this age.'),
          atRisk: count('Invitations under observation (pending and in view) at some moment of the day.'),
          events: count('Acceptances at ages in the day.'),
          censored: count(
            'Observations that ended unaccepted at ages in the day (withdrawn, closed, expired, still pending).',
          ),
        }),
      )
      .describe('Kaplan–Meier time to accept per day of age; day d covers ages (d-1, d].'),
    median: z
      .number()
      .min(0)
      .nullable()
      .describe(
        'Median time to accept in days, among the invitations that are accepted (F reaches half its plateau).',
      ),
    eventualAcceptance: shareOrNull('F at the largest observed age (the plateau).'),
    recommendedStaleAfterDays: z
      .number()
      .int()
      .min(1)
      .max(180)
      .nullable()
      .describe('The smallest day by which 90 % of eventual acceptances arrived; null with no acceptance.'),
    currentStaleAfterDays: threshold('The staleAfterDays in force.'),
    confidence: z
      .strictObject({
        level: z
          .enum(['ok', 'low', 'none'])
          .describe('ok: no flag; low: a rough guide; none: nothing to recommend from.'),
        acceptances: count('Acceptances the curve rests on.'),
        observations: count('Invitations observed (left-truncated ones that ended before view excluded).'),
        plateaued: z
          .boolean()
          .describe('F stopped rising: under 2 % of F(t_max) arrived in the last observed week.'),
        censoredBeforeRecommended: shareOrNull(
          'Share of invitations whose observation ended, unaccepted, before the recommended day.',
        ),
        flags: z
          .array(z.enum(CONFIDENCE_FLAGS))
          .meta({ uniqueItems: true, description: 'Why the confidence is not ok.' }),
        messages: z.array(z.string()).describe('The flags in words.'),
        interval: IntervalSchema.nullable().describe(
          'Bootstrap interval of the recommended threshold; null when not computed or unusable.',
        ),
      })
      .describe('How far to trust the recommendation.'),
  })
  .describe(
    'Time to accept, Kaplan–Meier with censoring and delayed entry, and the recommended staleAfterDays (docs/report.md).',
  );

const ProfileItemSchema = z.strictObject({
  item: z.enum(['photo', 'headline', 'jobTitle']).describe('What is checked.'),
  state: z.enum(['ok', 'missing', 'unknown']).describe('unknown: no export says and no answer given.'),
  source: z
    .enum(['export', 'answer', 'none'])
    .describe("Profile.csv of the newest export, the member's answer (config set profile.*), or nothing."),
  advice: z.string().describe('What to do, in words.'),
});

const RiskRowSchema = z.strictObject({
  code: z
    .enum(['PENDING_PAUSE', 'PENDING_WARN', 'LOW_ACCEPTANCE', 'REPORTS', 'NEAR_WEEKLY_LIMIT'])
    .describe('Which rule (docs/rules.md).'),
  level: z.enum(['watch', 'high']).describe('The level this reason alone gives.'),
  reason: z.string().describe('The sentence status shows.'),
  value: z
    .number()
    .describe('The figure: pending count, tracked matured rate (0..1), reports, sends in 7 days.'),
  threshold: z.number().describe('The threshold it is compared with, in the same unit.'),
  valueText: z.string().describe('The figure as shown.'),
  thresholdText: z.string().describe('The threshold as shown, with where the level changes.'),
  advice: z.string().describe('What to do.'),
});

const WarningSchema = z
  .strictObject({
    code: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]*$/)
      .describe('Stable code.'),
    message: z.string().describe('In words, for the member.'),
  })
  .meta({ id: 'warning', description: 'A coded message; codes keep their meaning, new ones may be added.' });

const replayCountShape = {
  sends: count('Invitations sent.'),
  acceptances: count('Acceptances (not those lost).'),
  withdrawals: count('Withdrawals and closings.'),
  expiries: count('Invitations LinkedIn withdrew after 6 months.'),
  lostAcceptances: count(
    'Acceptances that came in reality after the age at which this replay withdrew them.',
  ),
};

/** One non-negative integer per replayed setting. */
const perSetting = (describe: (key: WhatIfKey) => string) =>
  Object.fromEntries(WHAT_IF_KEYS.map((k) => [k, z.number().int().min(0).describe(describe(k))])) as Record<
    WhatIfKey,
    z.ZodNumber
  >;

const ReplaySchema = z
  .strictObject({
    from: instant('Start of the replayed range: trackingSince, else the first send.'),
    to: instant('End of the range: asOf.'),
    days: z.number().int().min(1).describe('Local days the range touches.'),
    settings: z
      .strictObject(perSetting((k) => `${k} replayed.`))
      .describe('The four replayed settings in force in this row.'),
    changed: z
      .strictObject({
        sends: z.boolean().describe('The row limits moved sends.'),
        withdrawals: z.boolean().describe('The row plan decided the withdrawals.'),
      })
      .describe('Which parts the replay changed (false: the actual events kept as they were).'),
    weeks: z
      .array(
        z
          .strictObject({
            ...replayCountShape,
            week: z
              .string()
              .regex(/^\d{4}-W\d{2}$/)
              .describe('ISO week in the account time zone.'),
            days: z.number().int().min(1).max(7).describe('Days of the week inside the range.'),
            averagePending: nonNegative('Mean of the pending count at the end of each day.'),
          })
          .describe('What happened in the replay that week.'),
      )
      .describe('Per ISO week of the range, in the account time zone.'),
    totals: z
      .strictObject({
        ...replayCountShape,
        delayedSends: count('Sends the row limits pushed to a later instant.'),
        unsentInRange: count('Sends pushed beyond the end of the range.'),
        expectedExtraAcceptances: nonNegative(
          'Kaplan–Meier estimate of acceptances from invitations this row kept pending longer than in reality.',
        ),
      })
      .describe('The week rows summed, and more.'),
    averages: z
      .strictObject({
        pending: nonNegative('Average pending load: the pending count at the end of each day, averaged.'),
        sendsPerWeek: nonNegative('Sends a week.'),
        acceptancesPerWeek: nonNegative('Acceptances a week.'),
        withdrawalsPerWeek: nonNegative('Withdrawals and closings a week.'),
        expiriesPerWeek: nonNegative('Expiries a week.'),
        lostAcceptancesPerWeek: nonNegative('Acceptances lost to early withdrawal, a week.'),
      })
      .describe('Per day (pending) and per 7 days (the rest) over the range.'),
    pendingAtEnd: count('Pending at the end of the range.'),
    invitations: z
      .array(
        z
          .strictObject({
            id: z.number().int().describe('The invitation id.'),
            sentAt: instantOrNull('Replayed send; null: beyond the range.'),
            status: z
              .enum(['pending', 'accepted', 'withdrawn', 'expired', 'closed'])
              .describe('Status at the end of the range in the replay.'),
            endAt: instantOrNull('When that status began; null if pending.'),
            lostAcceptanceAt: instantOrNull('The acceptance the replayed withdrawal came before, if any.'),
          })
          .describe('One replayed invitation.'),
      )
      .optional()
      .describe('Every replayed invitation; only when asked for (not in report output).'),
  })
  .describe('The replay under the row settings (docs/report.md, what-if).');

const WhatIfRowSchema = z
  .strictObject({
    label: z
      .string()
      .describe(
        '"what happened" for the actual history, "current" for the replay under the current settings, else the changed settings, e.g. "staleAfterDays=7".',
      ),
    isBase: z
      .boolean()
      .describe('The row of the actual history, not a replay (shown apart from the replayed rows).'),
    variant: z
      .strictObject(perSetting((k) => `${k} in this row.`))
      .partial()
      .describe('The settings this row changes; empty for the actual row and the current one.'),
    replay: ReplaySchema,
  })
  .meta({ id: 'whatIfRow', description: 'One row of the what-if table.' });

/**
 * The `invitekeeper report --json` document that `buildReport` returns. Stable: scripts rely on it
 * and docs/report.md documents it; add fields, never rename.
 */
export const ReportSchema = z
  .strictObject({
    asOf: instant('The moment the report describes (--now, or the clock), UTC with milliseconds.'),
    account: z.string().describe('The account name (--account).'),
    trackingSince: instantOrNull(
      'The earliest of the first import, the first recorded send and the first invitation an export listed; invitations first seen on a Sent page before it are only partly observed.',
    ),
    settings: z
      .strictObject({
        staleAfterDays: threshold(
          'Age at which a pending invitation is stale; also the age at which one is matured.',
        ),
        timezone: z
          .string()
          .describe('IANA time zone of the account: weeks, weekdays and hours are counted in it.'),
      })
      .describe('The settings the figures depend on.'),
    acceptance: AcceptanceSchema,
    timeToAccept: TimeToAcceptSchema,
    profile: z.array(ProfileItemSchema).describe('The own-profile checklist: photo, headline, job title.'),
    risk: z
      .array(RiskRowSchema)
      .describe('The reasons behind the status risk level, highest level first; empty when ok.'),
    whatIf: z
      .array(WhatIfRowSchema)
      .optional()
      .describe(
        'The actual history first ("what happened", isBase), then the same replay (the member following the plan) under the current settings ("current") and under each variant.',
      ),
    advice: z
      .array(WarningSchema)
      .describe('Suggestions from the tracked figures (STALE_AFTER_DAYS, NOTES_HELP, ...).'),
    warnings: z
      .array(WarningSchema)
      .describe('Own-profile warnings, the same status shows (PROFILE_NO_PHOTO, ...).'),
  })
  .describe('Acceptance analytics and advice of one account at one moment.');
