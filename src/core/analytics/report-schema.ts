import { RELATIONS } from '../model.ts';
import { WEEKDAYS } from '../settings.ts';
import { WEEKDAY_HOUR_KEYS } from './acceptance.ts';
import { CONFIDENCE_FLAGS } from './survival.ts';
import { WHAT_IF_KEYS } from './what-if.ts';

const instant = {
  type: 'string',
  format: 'date-time',
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$',
  description: 'An instant in UTC, ISO 8601 with milliseconds.',
} as const;
const count = { type: 'integer', minimum: 0 } as const;
const described = <T extends object>(schema: T, description: string) => ({ ...schema, description }) as const;
const share = { type: 'number', minimum: 0, maximum: 1 } as const;
const nullable = <T extends object>(schema: T) => ({ anyOf: [schema, { type: 'null' }] }) as const;
const shareOrNull = nullable(share);
const nonNegative = { type: 'number', minimum: 0 } as const;

const figureProperties = {
  sent: described(count, 'Invitations sent (every status).'),
  accepted: described(count, 'Of them, accepted by asOf.'),
  rate: { ...shareOrNull, description: 'accepted / sent; null when nothing was sent.' },
  maturedSent: {
    ...count,
    description: 'Sent at least staleAfterDays before asOf, so the answer has had time to come.',
  },
  maturedAccepted: described(count, 'Of the matured ones, accepted.'),
  maturedRate: described(
    shareOrNull,
    'maturedAccepted / maturedSent, the acceptance rate of SPEC section 5; null when none matured.',
  ),
  smallSample: { type: 'boolean', description: 'Fewer than 30 matured invitations: the rate is noise.' },
} as const;
const figureKeys = Object.keys(figureProperties);

const week = {
  type: 'string',
  pattern: '^\\d{4}-W\\d{2}$',
  description: 'ISO week in the account time zone.',
} as const;

const cellsOf = (description: string, keys?: readonly string[]) =>
  ({
    type: 'array',
    description,
    items: keys
      ? { allOf: [{ $ref: '#/$defs/cell' }, { type: 'object', properties: { key: { enum: keys } } }] }
      : { $ref: '#/$defs/cell' },
  }) as const;

const hours = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));

/**
 * JSON Schema (draft 2020-12) of the `invitekeeper report --json` document that `buildReport`
 * returns. Stable: scripts rely on it and docs/report.md documents it; add fields, never rename.
 */
export const REPORT_JSON_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://invitekeeper.dev/schemas/report.json',
  title: 'invitekeeper report',
  description: 'Acceptance analytics and advice of one account at one moment.',
  type: 'object',
  additionalProperties: false,
  required: [
    'asOf',
    'account',
    'trackingSince',
    'settings',
    'acceptance',
    'timeToAccept',
    'profile',
    'risk',
    'advice',
    'warnings',
  ],
  properties: {
    asOf: described(instant, 'The moment the report describes (--now, or the clock), UTC with milliseconds.'),
    account: { type: 'string', description: 'The account name (--account).' },
    trackingSince: {
      anyOf: [instant, { type: 'null' }],
      description:
        'The earliest of the first import, the first recorded send and the first invitation an export listed; invitations first seen on a Sent page before it are only partly observed.',
    },
    settings: {
      type: 'object',
      description: 'The settings the figures depend on.',
      additionalProperties: false,
      required: ['staleAfterDays', 'timezone'],
      properties: {
        staleAfterDays: {
          type: 'integer',
          minimum: 1,
          maximum: 180,
          description: 'Age at which a pending invitation is stale; also the age at which one is matured.',
        },
        timezone: {
          type: 'string',
          description: 'IANA time zone of the account: weeks, weekdays and hours are counted in it.',
        },
      },
    },
    acceptance: {
      type: 'object',
      description: 'Acceptance rates overall and broken down; every breakdown sums back to overall.',
      additionalProperties: false,
      required: [
        'overall',
        'tracked',
        'byWeek',
        'byTemplate',
        'byNote',
        'byMutual',
        'byRelation',
        'byWeekday',
        'byHour',
        'byWeekdayHour',
      ],
      properties: {
        overall: {
          description:
            'Every invitation of the account, and under tracked those known from their sending (see isTracked).',
          allOf: [{ $ref: '#/$defs/cell' }, { type: 'object', properties: { key: { const: 'all' } } }],
        },
        tracked: {
          type: 'object',
          description:
            'The figures over the invitations whose answer is seen whatever it is (fully observed): listed by an export (a history of pending and accepted invitations), recorded by hand, or first listed by a Sent page at most a day after it was sent.',
          additionalProperties: false,
          required: ['since', ...figureKeys],
          properties: {
            since: {
              anyOf: [instant, { type: 'null' }],
              description: 'trackingSince; null before any import.',
            },
            ...figureProperties,
          },
        },
        byWeek: {
          type: 'array',
          description: 'By ISO week sent, oldest first, weeks without sends included.',
          items: { allOf: [{ $ref: '#/$defs/cell' }, { type: 'object', properties: { key: week } }] },
        },
        byTemplate: cellsOf('By template id, alphabetically, then "no template" (always present).'),
        byNote: cellsOf('With a personal note vs without (a blank note is none).', ['note', 'no note']),
        byMutual: cellsOf(
          'By mutual connections of the recipient, from the targets list; "unknown": not among the targets or no count.',
          ['0', '1-5', '6-20', '21+', 'unknown'],
        ),
        byRelation: cellsOf(
          'By relation to the recipient, from the targets list; "unknown": not among the targets.',
          [...RELATIONS, 'unknown'],
        ),
        byWeekday: cellsOf(
          'By weekday sent, account time zone; "unknown": sent time known only as a range spanning days.',
          [...WEEKDAYS, 'unknown'],
        ),
        byHour: cellsOf(
          'By hour sent ("00".."23"), account time zone; "unknown": sent time known only as a range.',
          [...hours, 'unknown'],
        ),
        byWeekdayHour: cellsOf(
          'By weekday and hour sent ("Mon 00".."Sun 23", 168 cells, the "best time to send" map), account time zone; "unknown": sent time not known to the hour.',
          WEEKDAY_HOUR_KEYS,
        ),
      },
    },
    timeToAccept: {
      type: 'object',
      description:
        'Time to accept, Kaplan–Meier with censoring and delayed entry, and the recommended staleAfterDays (docs/report.md).',
      additionalProperties: false,
      required: [
        'curve',
        'median',
        'eventualAcceptance',
        'recommendedStaleAfterDays',
        'currentStaleAfterDays',
        'confidence',
      ],
      properties: {
        curve: {
          type: 'array',
          description: 'Kaplan–Meier time to accept per day of age; day d covers ages (d-1, d].',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['day', 'accepted', 'atRisk', 'events', 'censored'],
            properties: {
              day: described(count, 'Age in days; day 0 is age 0 exactly.'),
              accepted: { ...share, description: 'Cumulative incidence F(day): share accepted by this age.' },
              atRisk: described(
                count,
                'Invitations under observation (pending and in view) at some moment of the day.',
              ),
              events: described(count, 'Acceptances at ages in the day.'),
              censored: described(
                count,
                'Observations that ended unaccepted at ages in the day (withdrawn, closed, expired, still pending).',
              ),
            },
          },
        },
        median: {
          ...nullable(nonNegative),
          description:
            'Median time to accept in days, among the invitations that are accepted (F reaches half its plateau).',
        },
        eventualAcceptance: { ...shareOrNull, description: 'F at the largest observed age (the plateau).' },
        recommendedStaleAfterDays: {
          ...nullable({ type: 'integer', minimum: 1, maximum: 180 }),
          description:
            'The smallest day by which 90 % of eventual acceptances arrived; null with no acceptance.',
        },
        currentStaleAfterDays: {
          type: 'integer',
          minimum: 1,
          maximum: 180,
          description: 'The staleAfterDays in force.',
        },
        confidence: {
          type: 'object',
          description: 'How far to trust the recommendation.',
          additionalProperties: false,
          required: [
            'level',
            'acceptances',
            'observations',
            'plateaued',
            'censoredBeforeRecommended',
            'flags',
            'messages',
            'interval',
          ],
          properties: {
            level: {
              enum: ['ok', 'low', 'none'],
              description: 'ok: no flag; low: a rough guide; none: nothing to recommend from.',
            },
            acceptances: described(count, 'Acceptances the curve rests on.'),
            observations: described(
              count,
              'Invitations observed (left-truncated ones that ended before view excluded).',
            ),
            plateaued: {
              type: 'boolean',
              description: 'F stopped rising: under 2 % of F(t_max) arrived in the last observed week.',
            },
            censoredBeforeRecommended: described(
              shareOrNull,
              'Share of invitations whose observation ended, unaccepted, before the recommended day.',
            ),
            flags: {
              type: 'array',
              items: { enum: [...CONFIDENCE_FLAGS] },
              uniqueItems: true,
              description: 'Why the confidence is not ok.',
            },
            messages: { type: 'array', items: { type: 'string' }, description: 'The flags in words.' },
            interval: {
              description:
                'Bootstrap interval of the recommended threshold; null when not computed or unusable.',
              anyOf: [
                { type: 'null' },
                {
                  type: 'object',
                  description: 'Seeded percentile bootstrap interval of the recommended threshold.',
                  additionalProperties: false,
                  required: ['low', 'high', 'level', 'replicates', 'usable', 'seed'],
                  properties: {
                    low: { type: 'integer', minimum: 1, maximum: 180, description: 'Lower end, days.' },
                    high: { type: 'integer', minimum: 1, maximum: 180, description: 'Upper end, days.' },
                    level: described(share, 'Coverage, e.g. 0.9.'),
                    replicates: described(count, 'Bootstrap replicates drawn.'),
                    usable: described(count, 'Replicates that had an acceptance to rest on.'),
                    seed: {
                      type: 'integer',
                      description: 'Seed of the resampling, so the interval is reproducible.',
                    },
                  },
                },
              ],
            },
          },
        },
      },
    },
    profile: {
      type: 'array',
      description: 'The own-profile checklist: photo, headline, job title.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['item', 'state', 'source', 'advice'],
        properties: {
          item: { enum: ['photo', 'headline', 'jobTitle'], description: 'What is checked.' },
          state: {
            enum: ['ok', 'missing', 'unknown'],
            description: 'unknown: no export says and no answer given.',
          },
          source: {
            enum: ['export', 'answer', 'none'],
            description:
              "Profile.csv of the newest export, the member's answer (config set profile.*), or nothing.",
          },
          advice: { type: 'string', description: 'What to do, in words.' },
        },
      },
    },
    risk: {
      type: 'array',
      description: 'The reasons behind the status risk level, highest level first; empty when ok.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['code', 'level', 'reason', 'value', 'threshold', 'valueText', 'thresholdText', 'advice'],
        properties: {
          code: {
            enum: ['PENDING_PAUSE', 'PENDING_WARN', 'LOW_ACCEPTANCE', 'REPORTS', 'NEAR_WEEKLY_LIMIT'],
            description: 'Which rule (docs/rules.md).',
          },
          level: { enum: ['watch', 'high'], description: 'The level this reason alone gives.' },
          reason: { type: 'string', description: 'The sentence status shows.' },
          value: {
            type: 'number',
            description: 'The figure: pending count, tracked matured rate (0..1), reports, sends in 7 days.',
          },
          threshold: { type: 'number', description: 'The threshold it is compared with, in the same unit.' },
          valueText: { type: 'string', description: 'The figure as shown.' },
          thresholdText: {
            type: 'string',
            description: 'The threshold as shown, with where the level changes.',
          },
          advice: { type: 'string', description: 'What to do.' },
        },
      },
    },
    whatIf: {
      type: 'array',
      items: { $ref: '#/$defs/whatIfRow' },
      description:
        'The actual history first ("what happened", isBase), then the same replay (the member following the plan) under the current settings ("current") and under each variant.',
    },
    advice: {
      type: 'array',
      items: { $ref: '#/$defs/warning' },
      description: 'Suggestions from the tracked figures (STALE_AFTER_DAYS, NOTES_HELP, ...).',
    },
    warnings: {
      type: 'array',
      items: { $ref: '#/$defs/warning' },
      description: 'Own-profile warnings, the same status shows (PROFILE_NO_PHOTO, ...).',
    },
  },
  $defs: {
    figures: {
      type: 'object',
      description: 'Acceptance counts and rates of one group of invitations.',
      additionalProperties: false,
      required: figureKeys,
      properties: figureProperties,
    },
    cell: {
      type: 'object',
      description: 'One row of a breakdown: the figures over all invitations, and over the tracked ones.',
      additionalProperties: false,
      required: ['key', ...figureKeys, 'tracked'],
      properties: {
        key: { type: 'string', description: 'The group: a week, a template id, a bucket...' },
        ...figureProperties,
        tracked: {
          $ref: '#/$defs/figures',
          description: 'The same figures over invitations sent since trackingSince.',
        },
      },
    },
    warning: {
      type: 'object',
      description: 'A coded message; codes keep their meaning, new ones may be added.',
      additionalProperties: false,
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', pattern: '^[A-Z][A-Z0-9_]*$', description: 'Stable code.' },
        message: { type: 'string', description: 'In words, for the member.' },
      },
    },
    replayCounts: {
      type: 'object',
      description: 'What happened in a replay, counted by the week it happened in.',
      required: ['sends', 'acceptances', 'withdrawals', 'expiries', 'lostAcceptances'],
      properties: {
        sends: described(count, 'Invitations sent.'),
        acceptances: described(count, 'Acceptances (not those lost).'),
        withdrawals: { ...count, description: 'Withdrawals and closings.' },
        expiries: described(count, 'Invitations LinkedIn withdrew after 6 months.'),
        lostAcceptances: described(
          count,
          'Acceptances that came in reality after the age at which this replay withdrew them.',
        ),
      },
    },
    whatIfRow: {
      type: 'object',
      description: 'One row of the what-if table.',
      additionalProperties: false,
      required: ['label', 'isBase', 'variant', 'replay'],
      properties: {
        label: {
          type: 'string',
          description:
            '"what happened" for the actual history, "current" for the replay under the current settings, else the changed settings, e.g. "staleAfterDays=7".',
        },
        isBase: {
          type: 'boolean',
          description: 'The row of the actual history, not a replay (shown apart from the replayed rows).',
        },
        variant: {
          type: 'object',
          description: 'The settings this row changes; empty for the actual row and the current one.',
          additionalProperties: false,
          properties: Object.fromEntries(
            WHAT_IF_KEYS.map((k) => [k, { type: 'integer', minimum: 0, description: `${k} in this row.` }]),
          ),
        },
        replay: {
          type: 'object',
          description: 'The replay under the row settings (docs/report.md, what-if).',
          additionalProperties: false,
          required: [
            'from',
            'to',
            'days',
            'settings',
            'changed',
            'weeks',
            'totals',
            'averages',
            'pendingAtEnd',
          ],
          properties: {
            from: described(instant, 'Start of the replayed range: trackingSince, else the first send.'),
            to: described(instant, 'End of the range: asOf.'),
            days: { type: 'integer', minimum: 1, description: 'Local days the range touches.' },
            settings: {
              type: 'object',
              description: 'The four replayed settings in force in this row.',
              additionalProperties: false,
              required: [...WHAT_IF_KEYS],
              properties: Object.fromEntries(
                WHAT_IF_KEYS.map((k) => [k, { type: 'integer', minimum: 0, description: `${k} replayed.` }]),
              ),
            },
            changed: {
              type: 'object',
              description: 'Which parts the replay changed (false: the actual events kept as they were).',
              additionalProperties: false,
              required: ['sends', 'withdrawals'],
              properties: {
                sends: { type: 'boolean', description: 'The row limits moved sends.' },
                withdrawals: { type: 'boolean', description: 'The row plan decided the withdrawals.' },
              },
            },
            weeks: {
              type: 'array',
              description: 'Per ISO week of the range, in the account time zone.',
              items: {
                type: 'object',
                allOf: [{ $ref: '#/$defs/replayCounts' }],
                required: ['week', 'days', 'averagePending'],
                properties: {
                  week,
                  days: {
                    type: 'integer',
                    minimum: 1,
                    maximum: 7,
                    description: 'Days of the week inside the range.',
                  },
                  averagePending: described(nonNegative, 'Mean of the pending count at the end of each day.'),
                },
                unevaluatedProperties: false,
              },
            },
            totals: {
              type: 'object',
              description: 'The week rows summed, and more.',
              allOf: [{ $ref: '#/$defs/replayCounts' }],
              required: ['delayedSends', 'unsentInRange', 'expectedExtraAcceptances'],
              properties: {
                delayedSends: described(count, 'Sends the row limits pushed to a later instant.'),
                unsentInRange: described(count, 'Sends pushed beyond the end of the range.'),
                expectedExtraAcceptances: described(
                  nonNegative,
                  'Kaplan–Meier estimate of acceptances from invitations this row kept pending longer than in reality.',
                ),
              },
              unevaluatedProperties: false,
            },
            averages: {
              type: 'object',
              description: 'Per day (pending) and per 7 days (the rest) over the range.',
              additionalProperties: false,
              required: [
                'pending',
                'sendsPerWeek',
                'acceptancesPerWeek',
                'withdrawalsPerWeek',
                'expiriesPerWeek',
                'lostAcceptancesPerWeek',
              ],
              properties: {
                pending: described(
                  nonNegative,
                  'Average pending load: the pending count at the end of each day, averaged.',
                ),
                sendsPerWeek: described(nonNegative, 'Sends a week.'),
                acceptancesPerWeek: described(nonNegative, 'Acceptances a week.'),
                withdrawalsPerWeek: described(nonNegative, 'Withdrawals and closings a week.'),
                expiriesPerWeek: described(nonNegative, 'Expiries a week.'),
                lostAcceptancesPerWeek: described(
                  nonNegative,
                  'Acceptances lost to early withdrawal, a week.',
                ),
              },
            },
            pendingAtEnd: described(count, 'Pending at the end of the range.'),
            invitations: {
              type: 'array',
              description: 'Every replayed invitation; only when asked for (not in report output).',
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['id', 'sentAt', 'status', 'endAt', 'lostAcceptanceAt'],
                properties: {
                  id: { type: 'integer', description: 'The invitation id.' },
                  sentAt: {
                    anyOf: [instant, { type: 'null' }],
                    description: 'Replayed send; null: beyond the range.',
                  },
                  status: {
                    enum: ['pending', 'accepted', 'withdrawn', 'expired', 'closed'],
                    description: 'Status at the end of the range in the replay.',
                  },
                  endAt: {
                    anyOf: [instant, { type: 'null' }],
                    description: 'When that status began; null if pending.',
                  },
                  lostAcceptanceAt: {
                    anyOf: [instant, { type: 'null' }],
                    description: 'The acceptance the replayed withdrawal came before, if any.',
                  },
                },
              },
            },
          },
        },
      },
    },
  },
} as const;
