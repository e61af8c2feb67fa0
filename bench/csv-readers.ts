/**
 * The CSV parsers of bench/csv-parsers.ts, each read the way its documentation gives for a file on
 * disk and nothing more: records come out as the parser makes them (arrays of strings, or csv-parser's
 * objects keyed by column index), with no trimming, typing or copying. The floor (bench/child.ts) reads
 * through the fastest correct one of these, so the table and the floor measure the same code.
 *
 * Every reader starts at `start`, the byte where the product's scan found the header row (past the
 * `Notes:` preamble of Connections.csv and past a byte-order mark), as the product's own reader does.
 */
import fs from 'node:fs';
import { finished } from 'node:stream/promises';

/** What a parser's module is: each reader takes the module it was loaded as. */
// biome-ignore lint/suspicious/noExplicitAny: the modules of eight different packages
export type ParserModule = any;

export type OnRecord = (record: ArrayLike<string> | Record<string, string>) => void;

export interface CsvReader {
  name: string;
  /** The npm package to load. */
  pkg: string;
  /** `stream`: fed the file chunk by chunk; `whole file`: the parser only takes one string. */
  mode: 'stream' | 'whole file';
  /** Reads `file` from byte `start`, handing every record (the header row first) to `onRecord`. */
  read(
    mod: ParserModule,
    file: string,
    start: number,
    onRecord: OnRecord,
    highWaterMark?: number,
  ): Promise<void>;
}

/** The parser of the benchmark's floor (bench/child.ts): the fastest in the table of docs/benchmarks.md that reads every variant. */
export const FLOOR_PARSER = 'udsv';

const CHUNK = 64 * 1024;

function wholeText(file: string, start: number): string {
  return fs.readFileSync(file).toString('utf8', start);
}

export const CSV_READERS: CsvReader[] = [
  {
    name: 'csv-parse',
    pkg: 'csv-parse',
    mode: 'stream',
    async read(mod, file, start, onRecord, highWaterMark = CHUNK) {
      const parser = fs.createReadStream(file, { start, highWaterMark }).pipe(
        // the product's options (src/sources/csv-stream.ts)
        mod.parse({ bom: true, relax_quotes: true, relax_column_count: true, skip_empty_lines: true }),
      );
      parser.on('data', onRecord);
      await finished(parser);
    },
  },
  {
    name: 'csv-parse/sync',
    pkg: 'csv-parse/sync',
    mode: 'whole file',
    async read(mod, file, start, onRecord) {
      const rows = mod.parse(wholeText(file, start), {
        bom: true,
        relax_quotes: true,
        relax_column_count: true,
        skip_empty_lines: true,
      }) as string[][];
      for (const r of rows) onRecord(r);
    },
  },
  {
    name: 'papaparse',
    pkg: 'papaparse',
    mode: 'stream',
    read(mod, file, start, onRecord, highWaterMark = CHUNK) {
      const Papa = mod.default ?? mod;
      return new Promise<void>((resolve, reject) => {
        Papa.parse(fs.createReadStream(file, { start, highWaterMark, encoding: 'utf8' }), {
          skipEmptyLines: true,
          chunk(results: { data: string[][] }) {
            for (const r of results.data) onRecord(r);
          },
          complete: () => resolve(),
          error: reject,
        });
      });
    },
  },
  {
    name: 'csv-parser',
    pkg: 'csv-parser',
    mode: 'stream',
    async read(mod, file, start, onRecord, highWaterMark = CHUNK) {
      const csv = mod.default ?? mod;
      // headers: false gives objects keyed by column index, its only shape without a header map
      const parser = fs.createReadStream(file, { start, highWaterMark }).pipe(csv({ headers: false }));
      parser.on('data', onRecord);
      await finished(parser);
    },
  },
  {
    name: '@fast-csv/parse',
    pkg: '@fast-csv/parse',
    mode: 'stream',
    async read(mod, file, start, onRecord, highWaterMark = CHUNK) {
      const parser = fs
        .createReadStream(file, { start, highWaterMark })
        .pipe(mod.parse({ ignoreEmpty: true }));
      parser.on('data', onRecord);
      await finished(parser);
    },
  },
  {
    name: 'udsv',
    pkg: 'udsv',
    mode: 'stream',
    async read(mod, file, start, onRecord, highWaterMark = CHUNK) {
      let parser: ParserModule = null;
      // the header row is the schema's, not a record: hand it over as the other parsers do
      const each = (row: string[]) => {
        onRecord(row);
      };
      for await (const chunk of fs.createReadStream(file, { start, highWaterMark, encoding: 'utf8' })) {
        if (parser === null) {
          const schema = mod.inferSchema(chunk as string);
          onRecord(schema.cols.map((c: { name: string }) => c.name));
          parser = mod.initParser(schema);
        }
        parser.chunk(chunk, parser.stringArrs, each);
      }
      parser?.end();
    },
  },
  {
    name: 'd3-dsv',
    pkg: 'd3-dsv',
    mode: 'whole file',
    async read(mod, file, start, onRecord) {
      for (const r of mod.csvParseRows(wholeText(file, start)) as string[][]) onRecord(r);
    },
  },
  {
    name: 'csv-simple-parser',
    pkg: 'csv-simple-parser',
    mode: 'whole file',
    async read(mod, file, start, onRecord) {
      const parse = mod.default ?? mod;
      for (const r of parse(wholeText(file, start)) as string[][]) onRecord(r);
    },
  },
  {
    name: '@vanillaes/csv',
    pkg: '@vanillaes/csv',
    mode: 'whole file',
    async read(mod, file, start, onRecord) {
      for (const r of mod.parse(wholeText(file, start)) as string[][]) onRecord(r);
    },
  },
];
