import { stringify } from 'csv-stringify/sync';

/** What every CSV the simulator writes shares: a byte-order mark or not, and the record separator. */
export interface CsvOptions {
  /** Start the file with a UTF-8 byte-order mark. */
  bom: boolean;
  /** Record separator. Line breaks inside notes stay as they are (LF). */
  eol: '\r\n' | '\n';
}

export const BOM = '\ufeff';

/** One CSV record, with its record separator. */
export function csvRecord(
  fields: readonly (string | number | null | undefined)[],
  eol: CsvOptions['eol'],
): string {
  return stringify([fields.map((f) => (f === null || f === undefined ? '' : String(f)))], {
    record_delimiter: eol === '\r\n' ? 'windows' : 'unix',
    // csv-stringify quotes only on the record delimiter; a bare LF or CR inside a note needs quotes too.
    quoted_match: /[\r\n]/,
  });
}
