/** The target queue as listed, changed and imported. */
import { z } from '@hono/zod-openapi';
import { PERSON_BLOCKS, RELATIONS } from '../../core/index.ts';
import { count, iso } from '../../core/schema-parts.ts';
import { RowErrorSchema } from '../imports/import-snapshot.schema.ts';

export const TargetSchema = z
  .strictObject({
    name: z.string(),
    profileUrl: z.string().nullable(),
    relation: z.enum(RELATIONS).nullable(),
    mutualConnections: count().nullable(),
    connectionCount: count().nullable(),
    timezone: z.string().nullable(),
    tags: z.array(z.string()),
    company: z.string().nullable(),
    headline: z.string().nullable(),
    custom: z.record(z.string(), z.string()),
    doNotContact: z.boolean(),
    addedAt: iso(),
    status: z.union([z.literal('ready'), z.enum(PERSON_BLOCKS)]).openapi({
      description: '`ready`, or why the plan skips this person whatever the quota',
    }),
    /** When a cooldown ends. */
    until: iso().optional(),
    unanswered: z.boolean().openapi({
      description: 'An invitation sent after they were queued ended without an answer (see `targets prune`)',
    }),
    score: z.number(),
  })
  .openapi('Target');

export const TargetListSchema = z
  .strictObject({ account: z.string(), asOf: iso(), targets: z.array(TargetSchema) })
  .openapi('TargetList');

export const TargetChangeSchema = z
  .strictObject({ created: z.boolean(), changed: z.boolean(), target: TargetSchema })
  .openapi('TargetChange');

export const TargetImportReportSchema = z
  .strictObject({
    account: z.string(),
    file: z.string(),
    /** Rows that added or changed a target. */
    imported: count(),
    /** Rows that matched what was stored. */
    unchanged: count(),
    rowErrors: z.array(RowErrorSchema),
    targets: z.strictObject({ new: count(), updated: count(), unchanged: count() }),
    notes: z.array(z.string()),
  })
  .openapi('TargetImportReport');
