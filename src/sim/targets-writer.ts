import { BOM, type CsvOptions, csvRecord } from './csv-record.ts';

/** Writes a targets CSV (SPEC 3.3), the list of people a member means to invite. */

export const TARGETS_HEADER = [
  'name',
  'profileUrl',
  'relation',
  'mutualConnections',
  'connectionCount',
  'timezone',
  'tags',
  'company',
  'headline',
] as const;

/** One row of a targets CSV (SPEC 3.3). Missing fields are written empty. */
export interface TargetCsvRow {
  name?: string | null;
  profileUrl?: string | null;
  relation?: string | null;
  mutualConnections?: number | null;
  connectionCount?: number | null;
  timezone?: string | null;
  tags?: readonly string[];
  company?: string | null;
  headline?: string | null;
  custom?: Record<string, string>;
}

/** A targets CSV: SPEC 3.3 header plus the custom columns, tags joined by `;`. */
export function* targetsCsv(
  rows: Iterable<TargetCsvRow>,
  options: CsvOptions & { customColumns: readonly string[] },
): Generator<string> {
  yield (options.bom ? BOM : '') + csvRecord([...TARGETS_HEADER, ...options.customColumns], options.eol);
  for (const r of rows) {
    yield csvRecord(
      [
        r.name,
        r.profileUrl,
        r.relation,
        r.mutualConnections,
        r.connectionCount,
        r.timezone,
        (r.tags ?? []).join(';'),
        r.company,
        r.headline,
        ...options.customColumns.map((c) => r.custom?.[c] ?? ''),
      ],
      options.eol,
    );
  }
}
