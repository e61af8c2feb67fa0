import { createRoute, z } from '@hono/zod-openapi';
import { ImportReportSchema } from '../../app/imports/import-snapshot.schema.ts';
import type { AppContext, ImportJob, ImportOptions, ImportReport } from '../../app/index.ts';
import { parseInstant } from '../../core/index.ts';
import { iso } from '../../core/schema-parts.ts';
import { type Api, json, WRITE_ERRORS } from '../api.ts';
import { AccountQuery, booleanField } from '../schemas.ts';
import { safeFileName, withUploadedFile } from '../uploads.ts';

const ImportForm = z
  .object({
    file: z
      .custom<File>((v) => v instanceof File, 'a file upload')
      .openapi({
        type: 'string',
        format: 'binary',
        description: 'The ZIP, a CSV of it, or a Sent page (.txt/.html)',
      }),
    kind: z
      .enum(['auto', 'export', 'sent-page'])
      .optional()
      .openapi({ description: 'What the file is (default: by its name and content)' }),
    skipBadRows: booleanField.openapi({ description: 'Import the good rows when some are bad' }),
    allowEmpty: booleanField.openapi({
      description: 'Accept an export or a Sent page that lists no outgoing invitation while some are pending',
    }),
    asOf: iso().optional(),
  })
  .openapi('ImportUpload');

const SentPageTextBody = z
  .strictObject({
    text: z.string().min(1).openapi({ description: 'The Sent page, selected and copied, or its HTML' }),
    skipBadRows: z.boolean().optional(),
    allowEmpty: z.boolean().optional(),
    asOf: iso().optional(),
  })
  .openapi('SentPageText');

const upload = createRoute({
  method: 'post',
  path: '/api/import',
  tags: ['import'],
  summary: 'Import an uploaded data export (ZIP or CSV) or a saved Sent page (.txt, .html)',
  description:
    'All or nothing and idempotent, like `invitekeeper import`. The body is limited in size (see the dashboard docs); a larger one is refused with 413.',
  request: {
    query: AccountQuery,
    body: { content: { 'multipart/form-data': { schema: ImportForm } }, required: true },
  },
  responses: {
    200: json(ImportReportSchema, 'The import report: imported, unchanged, row errors'),
    ...WRITE_ERRORS,
  },
});

const pasted = createRoute({
  method: 'post',
  path: '/api/import/sent-page',
  tags: ['import'],
  summary: 'Import the Sent page pasted as text (or its HTML)',
  request: {
    query: AccountQuery,
    body: { content: { 'application/json': { schema: SentPageTextBody } }, required: true },
  },
  responses: { 200: json(ImportReportSchema, 'The import report'), ...WRITE_ERRORS },
});

/** Whether an upload is a Sent page rather than an export, when the member did not say. */
function looksLikeSentPage(name: string): boolean {
  return /\.(txt|html?)$/i.test(name);
}

/** Runs an import: in the request's thread, or in a worker (see ServerDeps.importsAside). */
export type ImportRunner = (ctx: AppContext, job: ImportJob) => Promise<ImportReport>;

export function registerImportRoutes(api: Api, runImport: ImportRunner): void {
  api.openapi(upload, async (c) => {
    const form = c.req.valid('form');
    const name = safeFileName(form.file.name);
    const options: ImportOptions = {
      skipBadRows: form.skipBadRows,
      allowEmpty: form.allowEmpty,
      ...(form.asOf ? { asOf: parseInstant(form.asOf, 'asOf') } : {}),
    };
    const bytes = new Uint8Array(await form.file.arrayBuffer());
    const kind =
      form.kind && form.kind !== 'auto' ? form.kind : looksLikeSentPage(name) ? 'sent-page' : 'export';
    const report =
      kind === 'export'
        ? await runImport(c.var.ctx, { kind: 'export', bytes, name, options })
        : await withUploadedFile(name, bytes, (path) =>
            runImport(c.var.ctx, { kind: 'sent-page', path, options }),
          );
    return c.json(report, 200);
  });

  api.openapi(pasted, async (c) => {
    const body = c.req.valid('json');
    const options: ImportOptions = {
      skipBadRows: body.skipBadRows,
      allowEmpty: body.allowEmpty,
      ...(body.asOf ? { asOf: parseInstant(body.asOf, 'asOf') } : {}),
    };
    const report = await withUploadedFile('pasted Sent page.txt', body.text, (path) =>
      runImport(c.var.ctx, { kind: 'sent-page', path, options }),
    );
    return c.json(report, 200);
  });
}
