import { RELATIONS } from '../model.ts';
import { WEEKDAYS } from '../settings.ts';
import { CONFIDENCE_FLAGS } from './survival.ts';
import { WHAT_IF_KEYS } from './what-if.ts';

const instant = {
  type: 'string',
  format: 'date-time',
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$',
  description: 'An instant in UTC, ISO 8601 with milliseconds.',
} as const;
const count = { type: 'integer', minimum: 0 } as const;
const share = { type: 'number', minimum: 0, maximum: 1 } as const;
const nullable = <T extends object>(schema: T) => ({ anyOf: [schema, { type: 'null' }] }) as const;
const shareOrNull = nullable(share);
const nonNegative = { type: 'number', minimum: 0 } as const;

const figureProperties = {
  sent: count,
  accepted: count,
  rate: { ...shareOrNull, description: 'accepted / sent; null when nothing was sent.' },
  maturedSent: { ...count, description: 'Sent at least staleAfterDays before asOf.' },
  maturedAccepted: count,
  maturedRate: shareOrNull,
  smallSample: { type: 'boolean', description: 'Fewer than 30 matured invitations.' },
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
    asOf: instant,
    account: { type: 'string' },
    trackingSince: {
      anyOf: [instant, { type: 'null' }],
      description: 'First import or recorded send; invitations sent before it are only partly observed.',
    },
    settings: {
      type: 'object',
      additionalProperties: false,
      required: ['staleAfterDays', 'timezone'],
      properties: {
        staleAfterDays: { type: 'integer', minimum: 1, maximum: 180 },
        timezone: { type: 'string' },
      },
    },
    acceptance: {
      type: 'object',
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
      ],
      properties: {
        overall: {
          allOf: [{ $ref: '#/$defs/cell' }, { type: 'object', properties: { key: { const: 'all' } } }],
        },
        tracked: {
          type: 'object',
          description: 'The figures over invitations sent since trackingSince (fully observed).',
          additionalProperties: false,
          required: ['since', ...figureKeys],
          properties: { since: { anyOf: [instant, { type: 'null' }] }, ...figureProperties },
        },
        byWeek: {
          type: 'array',
          description: 'By ISO week sent, oldest first, weeks without sends included.',
          items: { allOf: [{ $ref: '#/$defs/cell' }, { type: 'object', properties: { key: week } }] },
        },
        byTemplate: cellsOf('By template id, alphabetically, then "no template".'),
        byNote: cellsOf('Note vs no note.', ['note', 'no note']),
        byMutual: cellsOf('By mutual-connection bucket.', ['0', '1-5', '6-20', '21+', 'unknown']),
        byRelation: cellsOf('By relation to the recipient.', [...RELATIONS, 'unknown']),
        byWeekday: cellsOf('By weekday sent, account time zone.', [...WEEKDAYS, 'unknown']),
        byHour: cellsOf('By hour sent, account time zone.', [...hours, 'unknown']),
      },
    },
    timeToAccept: {
      type: 'object',
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
              day: count,
              accepted: { ...share, description: 'Cumulative incidence F(day): share accepted by this age.' },
              atRisk: count,
              events: count,
              censored: count,
            },
          },
        },
        median: { ...nullable(nonNegative), description: 'Days; among invitations that are accepted.' },
        eventualAcceptance: { ...shareOrNull, description: 'F at the largest observed age (the plateau).' },
        recommendedStaleAfterDays: nullable({ type: 'integer', minimum: 1, maximum: 180 }),
        currentStaleAfterDays: { type: 'integer', minimum: 1, maximum: 180 },
        confidence: {
          type: 'object',
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
            level: { enum: ['ok', 'low', 'none'] },
            acceptances: count,
            observations: count,
            plateaued: { type: 'boolean' },
            censoredBeforeRecommended: shareOrNull,
            flags: { type: 'array', items: { enum: [...CONFIDENCE_FLAGS] }, uniqueItems: true },
            messages: { type: 'array', items: { type: 'string' } },
            interval: {
              anyOf: [
                { type: 'null' },
                {
                  type: 'object',
                  description: 'Seeded percentile bootstrap interval of the recommended threshold.',
                  additionalProperties: false,
                  required: ['low', 'high', 'level', 'replicates', 'usable', 'seed'],
                  properties: {
                    low: { type: 'integer', minimum: 1, maximum: 180 },
                    high: { type: 'integer', minimum: 1, maximum: 180 },
                    level: share,
                    replicates: count,
                    usable: count,
                    seed: { type: 'integer' },
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
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['item', 'state', 'source', 'advice'],
        properties: {
          item: { enum: ['photo', 'headline', 'jobTitle'] },
          state: { enum: ['ok', 'missing', 'unknown'] },
          source: { enum: ['export', 'answer', 'none'] },
          advice: { type: 'string' },
        },
      },
    },
    risk: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['code', 'level', 'reason', 'value', 'threshold', 'valueText', 'thresholdText', 'advice'],
        properties: {
          code: { enum: ['PENDING_PAUSE', 'PENDING_WARN', 'LOW_ACCEPTANCE', 'REPORTS', 'NEAR_WEEKLY_LIMIT'] },
          level: { enum: ['watch', 'high'] },
          reason: { type: 'string' },
          value: { type: 'number' },
          threshold: { type: 'number' },
          valueText: { type: 'string' },
          thresholdText: { type: 'string' },
          advice: { type: 'string' },
        },
      },
    },
    whatIf: { type: 'array', items: { $ref: '#/$defs/whatIfRow' } },
    advice: { type: 'array', items: { $ref: '#/$defs/warning' } },
    warnings: { type: 'array', items: { $ref: '#/$defs/warning' } },
  },
  $defs: {
    figures: {
      type: 'object',
      additionalProperties: false,
      required: figureKeys,
      properties: figureProperties,
    },
    cell: {
      type: 'object',
      additionalProperties: false,
      required: ['key', ...figureKeys, 'tracked'],
      properties: {
        key: { type: 'string' },
        ...figureProperties,
        tracked: {
          $ref: '#/$defs/figures',
          description: 'The same figures over invitations sent since trackingSince.',
        },
      },
    },
    warning: {
      type: 'object',
      additionalProperties: false,
      required: ['code', 'message'],
      properties: { code: { type: 'string', pattern: '^[A-Z][A-Z0-9_]*$' }, message: { type: 'string' } },
    },
    replayCounts: {
      type: 'object',
      required: ['sends', 'acceptances', 'withdrawals', 'expiries', 'lostAcceptances'],
      properties: {
        sends: count,
        acceptances: count,
        withdrawals: { ...count, description: 'Withdrawals and closings.' },
        expiries: count,
        lostAcceptances: count,
      },
    },
    whatIfRow: {
      type: 'object',
      additionalProperties: false,
      required: ['label', 'isBase', 'variant', 'replay'],
      properties: {
        label: { type: 'string' },
        isBase: { type: 'boolean' },
        variant: {
          type: 'object',
          additionalProperties: false,
          properties: Object.fromEntries(WHAT_IF_KEYS.map((k) => [k, { type: 'integer', minimum: 0 }])),
        },
        replay: {
          type: 'object',
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
            from: instant,
            to: instant,
            days: { type: 'integer', minimum: 1 },
            settings: {
              type: 'object',
              additionalProperties: false,
              required: [...WHAT_IF_KEYS],
              properties: Object.fromEntries(WHAT_IF_KEYS.map((k) => [k, { type: 'integer', minimum: 0 }])),
            },
            changed: {
              type: 'object',
              additionalProperties: false,
              required: ['sends', 'withdrawals'],
              properties: { sends: { type: 'boolean' }, withdrawals: { type: 'boolean' } },
            },
            weeks: {
              type: 'array',
              items: {
                type: 'object',
                allOf: [{ $ref: '#/$defs/replayCounts' }],
                required: ['week', 'days', 'averagePending'],
                properties: {
                  week,
                  days: { type: 'integer', minimum: 1, maximum: 7 },
                  averagePending: nonNegative,
                },
                unevaluatedProperties: false,
              },
            },
            totals: {
              type: 'object',
              allOf: [{ $ref: '#/$defs/replayCounts' }],
              required: ['delayedSends', 'unsentInRange', 'expectedExtraAcceptances'],
              properties: {
                delayedSends: count,
                unsentInRange: count,
                expectedExtraAcceptances: nonNegative,
              },
              unevaluatedProperties: false,
            },
            averages: {
              type: 'object',
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
                pending: nonNegative,
                sendsPerWeek: nonNegative,
                acceptancesPerWeek: nonNegative,
                withdrawalsPerWeek: nonNegative,
                expiriesPerWeek: nonNegative,
                lostAcceptancesPerWeek: nonNegative,
              },
            },
            pendingAtEnd: count,
            invitations: {
              type: 'array',
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['id', 'sentAt', 'status', 'endAt', 'lostAcceptanceAt'],
                properties: {
                  id: { type: 'integer' },
                  sentAt: { anyOf: [instant, { type: 'null' }] },
                  status: { enum: ['pending', 'accepted', 'withdrawn', 'expired', 'closed'] },
                  endAt: { anyOf: [instant, { type: 'null' }] },
                  lostAcceptanceAt: { anyOf: [instant, { type: 'null' }] },
                },
              },
            },
          },
        },
      },
    },
  },
} as const;
