import { count, described, nonNegative, nullable, share, shareOrNull } from './report-schema-parts.ts';
import { CONFIDENCE_FLAGS } from './survival.ts';

/** The `timeToAccept` section of the report (survival.ts' estimateTimeToAccept). */
export const TIME_TO_ACCEPT_SCHEMA = {
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
      description: 'The smallest day by which 90 % of eventual acceptances arrived; null with no acceptance.',
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
          description: 'Bootstrap interval of the recommended threshold; null when not computed or unusable.',
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
} as const;
