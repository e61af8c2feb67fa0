import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BEGIN, DOC_FILE, END, renderReportSchemaDoc, schemaFieldPaths } from './report-schema-doc.ts';

describe('docs/report.md documents REPORT_JSON_SCHEMA field by field', () => {
  const doc = fs.readFileSync(DOC_FILE, 'utf8');
  const section = doc.slice(doc.indexOf(BEGIN), doc.indexOf(END) + END.length);

  it('holds the section generated from the schema (run `npm run docs:report` after changing it)', () => {
    expect(section).toBe(renderReportSchemaDoc());
  });

  it('lists every field of the schema, each with a meaning', () => {
    const paths = schemaFieldPaths();
    expect(paths.length).toBeGreaterThan(100);
    for (const p of [
      'asOf',
      'acceptance.byMutual',
      'timeToAccept.recommendedStaleAfterDays',
      'replay.averages.pending',
    ])
      expect(paths).toContain(p);
    const rows = new Map(
      [...section.matchAll(/^\| `([^`]+)` \| .* \| (.*) \|$/gm)].map((m) => [m[1]!, m[2]!.trim()] as const),
    );
    for (const p of paths) {
      expect(rows.has(p), `${p} is documented`).toBe(true);
      expect(rows.get(p), `${p} has a meaning`).not.toBe('');
    }
  });
});
