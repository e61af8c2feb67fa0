import { RELATIONS } from '../model.ts';
import { WEEKDAYS } from '../settings.ts';
import { WEEKDAY_HOUR_KEYS } from './acceptance.ts';
import { count, described, instant, shareOrNull, week } from './report-schema-parts.ts';
import { TIME_TO_ACCEPT_SCHEMA } from './time-to-accept-schema.ts';
import { REPLAY_COUNTS_SCHEMA, WHAT_IF_ROW_SCHEMA } from './what-if-schema.ts';

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
    timeToAccept: TIME_TO_ACCEPT_SCHEMA,
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
    replayCounts: REPLAY_COUNTS_SCHEMA,
    whatIfRow: WHAT_IF_ROW_SCHEMA,
  },
} as const;
