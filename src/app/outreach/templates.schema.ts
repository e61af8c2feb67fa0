/** Note templates as listed and added, and the lint of a template or a text. */
import { z } from '@hono/zod-openapi';
import { NOTE_LINT_CODES } from '../../core/index.ts';
import { count, iso } from '../../core/schema-parts.ts';

export const LintIssueSchema = z
  .strictObject({
    level: z.enum(['error', 'warning']),
    code: z.enum(NOTE_LINT_CODES),
    message: z.string(),
    start: count().optional(),
    end: count().optional(),
  })
  .openapi('NoteLintIssue');

export const TemplateSchema = z
  .strictObject({
    id: z.string(),
    name: z.string(),
    body: z.string(),
    /** The body's length as LinkedIn counts it, before variables are filled. */
    length: count(),
    /** The variables the body uses, each once, in order. */
    variables: z.array(z.string()),
    isDefault: z.boolean(),
    createdAt: iso(),
    updatedAt: iso(),
  })
  .openapi('Template');

export const TemplateListSchema = z
  .strictObject({
    account: z.string(),
    defaultTemplate: z.string().nullable(),
    templates: z.array(TemplateSchema),
  })
  .openapi('TemplateList');

export const TemplateAddedSchema = z
  .strictObject({ created: z.boolean(), template: TemplateSchema, lint: z.array(LintIssueSchema) })
  .openapi('TemplateAdded');

export const TemplateLintSchema = z
  .strictObject({
    /** The template's id, or null when a text was linted. */
    template: z.string().nullable(),
    tier: z.enum(['free', 'premium']),
    maxChars: count(),
    /** Findings on the text itself. */
    issues: z.array(LintIssueSchema),
    targets: z.array(
      z.strictObject({
        name: z.string(),
        profileUrl: z.string().nullable(),
        /** The text with variables filled; unfilled ones stay as `{name}`. */
        note: z.string(),
        length: count(),
        maxChars: count(),
        unfilled: z.array(z.string()),
        issues: z.array(LintIssueSchema),
      }),
    ),
    errors: count(),
    warnings: count(),
  })
  .openapi('TemplateLint');
