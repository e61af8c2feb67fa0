import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvRecords, csvRecordsOfText } from './csv-stream.ts';

/**
 * The streamed reader's guard turns every line break (CRLF, LF, a lone CR) into LF whatever the
 * chunks the file arrives in: its records and their line numbers are those of the same text read
 * whole, for any cut of the bytes, a cut between CR and LF included.
 */
describe('csvRecords', () => {
  const cell = fc.oneof(
    fc.constantFrom('', 'Ada', 'Lovelace, Ada', 'a "quoted" word', 'Zoë 🚀', 'x'),
    fc.string({ unit: fc.constantFrom('a', 'b', ' ', ',', '"', '\r', '\n', 'é'), maxLength: 6 }),
  );
  const quote = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  const text = fc
    .tuple(
      fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 12 }),
      fc.array(fc.constantFrom('\r\n', '\n', '\r'), { minLength: 12, maxLength: 12 }),
      fc.boolean(),
    )
    .map(([rows, breaks, trailing]) => {
      const lines = rows.map(
        (r, i) => r.map(quote).join(',') + (i < rows.length - 1 || trailing ? breaks[i]! : ''),
      );
      return lines.join('');
    });

  it('reads the same records on the same lines in any chunks', async () => {
    await fc.assert(
      fc.asyncProperty(
        text,
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 6 }),
        async (t, sizes) => {
          const bytes = Buffer.from(t, 'utf8');
          const chunks: Buffer[] = [];
          for (let at = 0, i = 0; at < bytes.length; i++) {
            const n = sizes[i % sizes.length]!;
            chunks.push(bytes.subarray(at, at + n));
            at += n;
          }
          const streamed: { fields: string[]; line: number }[] = [];
          for await (const r of csvRecords(Readable.from(chunks), { file: 'x.csv' })) streamed.push(r);
          expect(streamed).toEqual(csvRecordsOfText(t, { file: 'x.csv' }));
        },
      ),
      { numRuns: 500 },
    );
  });
});
