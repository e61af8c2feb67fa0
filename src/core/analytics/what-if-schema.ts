import { count, described, instant, nonNegative, week } from './report-schema-parts.ts';
import { WHAT_IF_KEYS } from './what-if.ts';

/** `$defs/replayCounts` of the report: what happened in a replay (replay.ts' ReplayCounts). */
export const REPLAY_COUNTS_SCHEMA = {
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
} as const;

/** `$defs/whatIfRow` of the report: one row of the what-if table (what-if.ts' WhatIfRow). */
export const WHAT_IF_ROW_SCHEMA = {
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
      required: ['from', 'to', 'days', 'settings', 'changed', 'weeks', 'totals', 'averages', 'pendingAtEnd'],
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
            lostAcceptancesPerWeek: described(nonNegative, 'Acceptances lost to early withdrawal, a week.'),
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
} as const;
