import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeZip } from '../../sources/test-zip.ts';
import { dialects } from '../../store/testing/dialects.ts';
import { closingContexts } from '../testing/contexts.ts';
import { tempDir, writeExport } from '../testing/fixtures.ts';
import { importExport } from './import-snapshot.ts';

/** Importing a LinkedIn export refuses what LinkedIn cannot have written, and changes nothing then. */

const NOW = '2026-11-26T12:00:00Z';

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(dialect.label, () => {
    const ctxAt = closingContexts(dialect);

    describe('importing a LinkedIn export', () => {
      it('refuses an Invitations.csv that lists no outgoing invitation while some are pending, unless told', async () => {
        const ctx = await ctxAt(NOW);
        await importExport(
          ctx,
          writeExport(tempDir(), {
            invitations: [
              { name: 'Ada Lovelace', sentAt: '2026-11-01T09:00:00Z' },
              { name: 'Alan Turing', sentAt: '2026-11-02T09:00:00Z' },
            ],
            connections: [{ first: 'Barbara', last: 'Liskov', connectedOn: '2026-01-10' }],
          }),
        );
        const before = await ctx.store.dumpTables();
        const header = 'From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\r\n';
        const write = (name: string, text: string) => {
          const file = path.join(tempDir(), name);
          fs.writeFileSync(file, text);
          return file;
        };
        const onlyHeader = write('Invitations.csv', header);
        await expect(importExport(ctx, onlyHeader)).rejects.toMatchObject({
          code: 'BAD_INPUT',
          message: expect.stringMatching(/lists no outgoing invitation, but 2 are pending.*--allow-empty/),
        });
        // a row of nothing but commas is a bad row, not an empty invitation
        const commas = write('Invitations.csv', `${header},,,,,,\r\n${','.repeat(100_000)}\r\n`);
        await expect(importExport(ctx, commas)).rejects.toMatchObject({
          code: 'BAD_INPUT',
          message: expect.stringContaining('Invitations.csv:2: the row is empty'),
        });
        await expect(importExport(ctx, commas, { skipBadRows: true })).rejects.toMatchObject({
          message: expect.stringContaining('lists no outgoing invitation'),
        });
        expect(await ctx.store.dumpTables()).toEqual(before);
        const told = await importExport(ctx, onlyHeader, { allowEmpty: true });
        expect(told.transitions.closed).toBe(2);
      });

      it('takes no snapshot time from the future, and refuses dates LinkedIn cannot have written', async () => {
        const ctx = await ctxAt(NOW);
        const dir = writeExport(tempDir(), {
          invitations: [{ name: 'Ada Lovelace', sentAt: '2026-11-01T09:00:00Z' }],
          connections: [{ first: 'Barbara', last: 'Liskov', connectedOn: '2026-01-10' }],
        });
        const before = await ctx.store.dumpTables();
        await expect(
          importExport(ctx, dir, { asOf: Date.parse('2099-01-01T00:00:00Z') }),
        ).rejects.toMatchObject({
          code: 'USAGE',
          message: expect.stringContaining('--as-of 2099-01-01T00:00:00.000Z is in the future'),
        });
        expect(await ctx.store.dumpTables()).toEqual(before);
        // A ZIP whose entries are dated 2099: taken as of now, said so.
        const zip = path.join(tempDir(), 'export.zip');
        fs.writeFileSync(
          zip,
          makeZip(
            ['Invitations.csv', 'Connections.csv'].map((name) => ({
              name,
              data: fs.readFileSync(path.join(dir, name)),
              modified: new Date('2099-01-01T00:00:00Z'),
            })),
          ),
        );
        const report = await importExport(ctx, zip);
        expect(report.asOf).toBe(new Date(NOW).toISOString());
        expect(report.notes.join(' ')).toContain('dated in the future');
        // Rows dated before 2003 or after now are bad rows, with file and line.
        const odd = writeExport(tempDir(), {
          invitations: [
            { name: 'Alan Turing', sentAt: '1999-05-01T09:00:00Z' },
            { name: 'Grace Hopper', sentAt: '2040-05-01T09:00:00Z' },
          ],
          connections: [{ first: 'Edsger', last: 'Dijkstra', connectedOn: '2098-01-10' }],
        });
        const refused = await importExport(ctx, odd).catch((e: unknown) => e);
        expect(refused).toMatchObject({ code: 'BAD_INPUT' });
        expect((refused as { problems: string[] }).problems).toEqual([
          'Connections.csv:5: Connected On 2098-01-10 is in the future (now is 2026-11-26T12:00:00.000Z)',
          'Invitations.csv:2: Sent At 1999-05-01 is before LinkedIn existed (2003)',
          'Invitations.csv:3: Sent At 2040-05-01 is in the future (now is 2026-11-26T12:00:00.000Z)',
        ]);
      });

      it('refuses a NUL byte anywhere in a file, with its line, far past the first MiB too', async () => {
        const ctx = await ctxAt(NOW);
        const rows = Array.from({ length: 20_000 }, (_, k) => ({
          name: `Person ${k} ${'x'.repeat(60)}`,
          slug: `p-${k}`,
          sentAt: '2026-11-01T09:00:00Z',
        }));
        const dir = writeExport(tempDir(), { invitations: rows });
        const file = path.join(dir, 'Invitations.csv');
        const text = fs.readFileSync(file, 'utf8');
        const at = text.indexOf('Person 19000 ');
        expect(at).toBeGreaterThan(1024 * 1024);
        fs.writeFileSync(file, `${text.slice(0, at)}Per\u0000son${text.slice(at + 'Person'.length)}`);
        const before = await ctx.store.dumpTables();
        await expect(importExport(ctx, file)).rejects.toMatchObject({
          code: 'BAD_INPUT',
          line: 19_002,
          message: expect.stringContaining('line 19002: contains a NUL byte'),
        });
        expect(await ctx.store.dumpTables()).toEqual(before);
      });
    });
  });
}
