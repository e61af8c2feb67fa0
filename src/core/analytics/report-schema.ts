/**
 * REPORT_JSON_SCHEMA: the JSON Schema (draft 2020-12) of the `invitekeeper report --json` document,
 * generated from its zod schema (report.schema.ts), the one definition. Scripts validate against it,
 * docs/report.md documents it field by field (`npm run docs:report`) and the API's OpenAPI document
 * embeds it. Not re-exported by the core's index: generating it loads zod in full, which no command's
 * start-up should pay for.
 */
import { z } from 'zod';
import { ReportSchema } from './report.schema.ts';

const MAX = Number.MAX_SAFE_INTEGER;

// io 'input': the schema has no transform, so input and output agree, and a plain z.object (the
// key half of a keyed breakdown cell, joined to the strict cell by allOf) stays open.
const generated = z.toJSONSchema(ReportSchema, {
  target: 'draft-2020-12',
  io: 'input',
  reused: 'inline',
  // zod bounds every integer to the safe range; the contract never said so, and the doc reads better.
  override: ({ jsonSchema: s }) => {
    if (s.maximum === MAX) delete s.maximum;
    if (s.minimum === -MAX) delete s.minimum;
  },
});

export const REPORT_JSON_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://invitekeeper.dev/schemas/report.json',
  title: 'invitekeeper report',
  ...generated,
} as Record<string, unknown>;
