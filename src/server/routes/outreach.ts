import { createRoute } from '@hono/zod-openapi';
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
import { parseInstant } from '../../core/index.ts';
import { type Api, COMMON_ERRORS, json, WRITE_ERRORS } from '../api.ts';
import {
  AccountQuery,
  SendBody,
  SendResultSchema,
  TargetAddBody,
  TargetBlockBody,
  TargetChangeSchema,
  TargetImportForm,
  TargetImportReportSchema,
  TargetListSchema,
  TargetsQuery,
  TemplateAddBody,
  TemplateAddedSchema,
  TemplateLintBody,
  TemplateLintSchema,
  TemplateListSchema,
} from '../schemas.ts';
import { safeFileName, withUploadedFile } from '../uploads.ts';

const jsonBody = <T extends import('@hono/zod-openapi').z.ZodType>(schema: T) => ({
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
