import { createRoute, z } from '@hono/zod-openapi';
import {
  addTarget,
  addTemplate,
  blockTarget,
  importTargets,
  lintTemplate,
  listTargets,
  listTemplates,
  recordSend,
} from '../../app/index.ts';
import { SendResultSchema } from '../../app/invitations/sends.schema.ts';
import {
  TargetChangeSchema,
  TargetImportReportSchema,
  TargetListSchema,
} from '../../app/outreach/targets.schema.ts';
import {
  TemplateAddedSchema,
  TemplateLintSchema,
  TemplateListSchema,
} from '../../app/outreach/templates.schema.ts';
import { PERSON_BLOCKS, parseInstant, RELATIONS } from '../../core/index.ts';
import { iso } from '../../core/schema-parts.ts';
import { type Api, COMMON_ERRORS, json, WRITE_ERRORS } from '../api.ts';
import { AccountQuery, booleanField, PersonText } from '../schemas.ts';
import { safeFileName, withUploadedFile } from '../uploads.ts';

const TargetsQuery = AccountQuery.extend({
  tag: z.string().max(100).optional(),
  status: z
    .union([z.literal('ready'), z.enum(PERSON_BLOCKS)])
    .optional()
    .openapi({ description: '`ready` or a skip reason' }),
});

const TargetAddBody = z
  .strictObject({
    person: PersonText,
    name: z.string().trim().max(200).optional(),
    relation: z.enum(RELATIONS).optional(),
    mutualConnections: z.number().int().min(0).max(100_000).optional(),
    connectionCount: z.number().int().min(0).max(100_000).optional(),
    timezone: z
      .string()
      .max(100)
      .optional()
      .openapi({ description: 'An IANA time zone, e.g. Europe/Berlin' }),
    tags: z.array(z.string().max(100)).max(50).optional(),
    company: z.string().max(200).optional(),
    headline: z.string().max(500).optional(),
    custom: z.record(z.string(), z.string().max(1000)).optional(),
  })
  .openapi('TargetAdd');

const TargetBlockBody = z
  .strictObject({
    person: PersonText,
    name: z.string().trim().max(200).optional(),
    block: z
      .boolean()
      .optional()
      .openapi({ description: 'false lifts the do-not-contact flag (default true)' }),
  })
  .openapi('TargetBlock');

const TargetImportForm = z
  .object({
    file: z
      .custom<File>((v) => v instanceof File, 'a file upload')
      .openapi({ type: 'string', format: 'binary', description: 'The targets CSV (SPEC 3.3)' }),
    skipBadRows: booleanField.openapi({ description: 'Import the good rows when some are bad' }),
  })
  .openapi('TargetImportUpload');

const TemplateAddBody = z
  .strictObject({
    id: z
      .string()
      .min(1)
      .max(40)
      .openapi({ description: 'Lower-case letters, digits and dashes', example: 'met-at-event' }),
    body: z.string().min(1).max(5000),
    name: z.string().max(200).optional(),
    makeDefault: z.boolean().optional(),
    replace: z.boolean().optional().openapi({ description: 'Change an existing template of this id' }),
  })
  .openapi('TemplateAdd');

const TemplateLintBody = z
  .union([
    z.strictObject({ text: z.string().max(5000), targets: z.array(PersonText).max(100).optional() }),
    z.strictObject({ id: z.string().min(1).max(40), targets: z.array(PersonText).max(100).optional() }),
  ])
  .openapi('TemplateLintRequest', {
    description: 'A text, or a stored template by id; `targets` previews it for those people',
  });

const SendBody = z
  .strictObject({
    person: PersonText,
    templateId: z.string().min(1).max(40).optional(),
    note: z.string().max(5000).optional(),
    at: iso().optional().openapi({ description: 'When it was sent (default now)' }),
  })
  .openapi('SendRequest');

const jsonBody = <T extends z.ZodType>(schema: T) => ({
  content: { 'application/json': { schema } },
  required: true,
});

const targetsList = createRoute({
  method: 'get',
  path: '/api/targets',
  tags: ['outreach'],
  summary: 'The people to invite, ready ones first by score, each with the reason it is skipped if it is',
  request: { query: TargetsQuery },
  responses: { 200: json(TargetListSchema, 'The targets'), ...COMMON_ERRORS },
});

const targetAdd = createRoute({
  method: 'post',
  path: '/api/targets',
  tags: ['outreach'],
  summary: 'Add a target, or change one (a value given replaces the stored one)',
  request: { query: AccountQuery, body: jsonBody(TargetAddBody) },
  responses: { 200: json(TargetChangeSchema, 'The target as stored'), ...WRITE_ERRORS },
});

const targetImport = createRoute({
  method: 'post',
  path: '/api/targets/import',
  tags: ['outreach'],
  summary: 'Import a targets CSV (all or nothing, idempotent)',
  request: {
    query: AccountQuery,
    body: { content: { 'multipart/form-data': { schema: TargetImportForm } }, required: true },
  },
  responses: { 200: json(TargetImportReportSchema, 'The import report'), ...WRITE_ERRORS },
});

const targetBlock = createRoute({
  method: 'post',
  path: '/api/targets/block',
  tags: ['outreach'],
  summary: 'Mark a person do-not-contact (or lift it): no plan ever invites them',
  request: { query: AccountQuery, body: jsonBody(TargetBlockBody) },
  responses: { 200: json(TargetChangeSchema, 'The target as stored'), ...WRITE_ERRORS },
});

const templatesList = createRoute({
  method: 'get',
  path: '/api/templates',
  tags: ['outreach'],
  summary: 'The note templates, and which one is the default',
  request: { query: AccountQuery },
  responses: { 200: json(TemplateListSchema, 'The templates'), ...COMMON_ERRORS },
});

const templateAdd = createRoute({
  method: 'post',
  path: '/api/templates',
  tags: ['outreach'],
  summary: 'Add a note template (or replace one), with its lint',
  request: { query: AccountQuery, body: jsonBody(TemplateAddBody) },
  responses: { 200: json(TemplateAddedSchema, 'The template and its lint'), ...WRITE_ERRORS },
});

const templateLint = createRoute({
  method: 'post',
  path: '/api/templates/lint',
  tags: ['outreach'],
  summary: 'Lint a note or a template as the CLI does, optionally as rendered for some targets',
  description: 'Reads only; POST because the text can be long.',
  request: { query: AccountQuery, body: jsonBody(TemplateLintBody) },
  responses: { 200: json(TemplateLintSchema, 'The findings'), ...WRITE_ERRORS },
});

const send = createRoute({
  method: 'post',
  path: '/api/sends',
  tags: ['outreach'],
  summary: 'Record an invitation sent on LinkedIn; refused (409, with data.reason) when the rules forbid it',
  request: { query: AccountQuery, body: jsonBody(SendBody) },
  responses: { 200: json(SendResultSchema, 'What was recorded, and the quota after it'), ...WRITE_ERRORS },
});

export function registerOutreachRoutes(api: Api): void {
  api.openapi(targetsList, async (c) => {
    const q = c.req.valid('query');
    return c.json(await listTargets(c.var.ctx, { tag: q.tag, status: q.status }), 200);
  });

  api.openapi(targetAdd, async (c) => c.json(await addTarget(c.var.ctx, c.req.valid('json')), 200));

  api.openapi(targetImport, async (c) => {
    const form = c.req.valid('form');
    const bytes = new Uint8Array(await form.file.arrayBuffer());
    const report = await withUploadedFile(safeFileName(form.file.name, 'targets.csv'), bytes, (file) =>
      importTargets(c.var.ctx, file, { skipBadRows: form.skipBadRows }),
    );
    return c.json(report, 200);
  });

  api.openapi(targetBlock, async (c) => {
    const body = c.req.valid('json');
    return c.json(await blockTarget(c.var.ctx, body.person, { name: body.name, block: body.block }), 200);
  });

  api.openapi(templatesList, async (c) => c.json(await listTemplates(c.var.ctx), 200));

  api.openapi(templateAdd, async (c) => c.json(await addTemplate(c.var.ctx, c.req.valid('json')), 200));

  api.openapi(templateLint, async (c) => {
    const body = c.req.valid('json');
    const source = 'id' in body ? { id: body.id } : { text: body.text };
    return c.json(await lintTemplate(c.var.ctx, source, { targets: body.targets }), 200);
  });

  api.openapi(send, async (c) => {
    const body = c.req.valid('json');
    return c.json(
      await recordSend(c.var.ctx, body.person, {
        ...(body.templateId === undefined ? {} : { templateId: body.templateId }),
        ...(body.note === undefined ? {} : { note: body.note }),
        ...(body.at === undefined ? {} : { at: parseInstant(body.at, 'at') }),
      }),
      200,
    );
  });
}
