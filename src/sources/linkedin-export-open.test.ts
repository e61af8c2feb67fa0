import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { csvRecords } from './csv-stream.ts';
import { type LinkedInExport, openLinkedInExport, openLinkedInExportFromBytes } from './linkedin-export.ts';
import { all, dir, errors, fixture, rejection, tempDirForTests, values, writeTemp } from './test-export.ts';
import { makeZip } from './test-zip.ts';

/** Opening the export whole: an unpacked folder, a ZIP, bytes; the content hash; the limits; closing. */

tempDirForTests();

async function makeExportFolder(root: string): Promise<string> {
  const folder = join(dir, root);
  await mkdir(join(folder, 'Basic_LinkedInDataExport_03-05-2026'), { recursive: true });
  await copyFile(
    fixture('invitations.csv'),
    join(folder, 'Basic_LinkedInDataExport_03-05-2026', 'invitations.CSV'),
  );
  await copyFile(
    fixture('connections.csv'),
    join(folder, 'Basic_LinkedInDataExport_03-05-2026', 'Connections.csv'),
  );
  await copyFile(fixture('profile.csv'), join(folder, 'Basic_LinkedInDataExport_03-05-2026', 'Profile.csv'));
  await writeFile(join(folder, 'Basic_LinkedInDataExport_03-05-2026', 'Messages.csv'), 'a,b\n');
  return folder;
}

async function exportZip(extra: Parameters<typeof makeZip>[0] = []): Promise<Buffer> {
  return makeZip([
    { name: 'Invitations.csv', data: await readFile(fixture('invitations.csv')) },
    {
      name: 'Connections.csv',
      data: await readFile(fixture('connections.csv')),
      modified: new Date(Date.UTC(2026, 2, 6, 7, 8, 10)),
    },
    { name: 'Profile.csv', data: await readFile(fixture('profile.csv')), method: 0 },
    { name: 'Jobs/', data: '' },
    { name: 'Jobs/Job Applications.csv', data: 'Application Date,Company\n' },
    ...extra,
  ]);
}

describe('folder and ZIP', () => {
  it('an unpacked folder: CSVs in a subfolder, names matched case-insensitively, others ignored', async () => {
    const folder = await makeExportFolder('unpacked');
    const exp = await openLinkedInExport(folder);
    expect(exp.kind).toBe('folder');
    expect(exp.newestEntryTime).toBeNull();
    expect(exp.invitations?.file).toBe('Basic_LinkedInDataExport_03-05-2026/invitations.CSV');
    expect(exp.ignoredFiles).toEqual(['Basic_LinkedInDataExport_03-05-2026/Messages.csv']);
    expect(values(await all(exp.invitations))).toHaveLength(7);
    // four people and one row with no name and no URL (read, to be counted)
    expect(values(await all(exp.connections))).toHaveLength(5);
    expect(exp.profile?.headline).toBe('Founder at Example Co');
  });

  it('a folder holding two Invitations.csv is refused', async () => {
    const folder = await makeExportFolder('twice');
    await copyFile(fixture('invitations.csv'), join(folder, 'Invitations.csv'));
    const err = await rejection(openLinkedInExport(folder));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.message).toContain('Invitations.csv twice');
  });

  it('the ZIP: entries streamed, newest entry time read as UTC, display names, ignored files', async () => {
    const path = await writeTemp('export.zip', await exportZip());
    const exp = await openLinkedInExport(path);
    expect(exp.kind).toBe('zip');
    expect(exp.path).toBe(path);
    expect(exp.newestEntryTime).toBe(Date.UTC(2026, 2, 6, 7, 8, 10));
    expect(exp.invitations?.file).toBe('export.zip:Invitations.csv');
    expect(exp.ignoredFiles).toEqual(['Jobs/Job Applications.csv']);
    const inv = await all(exp.invitations);
    expect(values(inv)).toHaveLength(7);
    expect(inv.map((r) => r.ok && r.line)).toEqual([2, 3, 4, 5, 8, 9, 10]);
    const con = await all(exp.connections);
    expect(errors(con).map((e) => [e.file, e.line])).toEqual([['export.zip:Connections.csv', 10]]);
    expect(exp.profile?.firstName).toBe('Sam');
    await exp.close();
    await exp.close();
  });

  it('the content hash is stable, the same for the ZIP, the folder and the bytes, and changes with content', async () => {
    const zip = await exportZip();
    const a = await openLinkedInExport(await writeTemp('a.zip', zip));
    const b = await openLinkedInExportFromBytes(zip, 'upload.zip');
    const folder = await openLinkedInExport(await makeExportFolder('hash-folder'));
    expect(a.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(b.contentHash).toBe(a.contentHash);
    expect(folder.contentHash).toBe(a.contentHash);
    const other = makeZip([
      { name: 'Invitations.csv', data: await readFile(fixture('invitations-reordered.csv')) },
    ]);
    expect((await openLinkedInExportFromBytes(other, 'o.zip')).contentHash).not.toBe(a.contentHash);
  });

  it('a ZIP with Connections but no Invitations is allowed', async () => {
    const zip = makeZip([{ name: 'Connections.csv', data: await readFile(fixture('connections-old.csv')) }]);
    const exp = await openLinkedInExportFromBytes(zip, 'export.zip');
    expect(exp.invitations).toBeNull();
    expect(values(await all(exp.connections))).toHaveLength(2);
  });

  it('a ZIP with neither is not an export', async () => {
    const zip = makeZip([{ name: 'Messages.csv', data: 'a,b\n' }]);
    const err = await rejection(openLinkedInExportFromBytes(zip, 'other.zip'));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.message).toBe(
      'other.zip contains no Invitations.csv or Connections.csv; is this a LinkedIn data export?',
    );
  });

  it('a file named Invitations.csv with another header is refused', async () => {
    const zip = makeZip([{ name: 'Invitations.csv', data: await readFile(fixture('connections.csv')) }]);
    const err = await rejection(openLinkedInExportFromBytes(zip, 'mixed.zip'));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.message).toContain('mixed.zip:Invitations.csv line 4: has the header of Connections.csv');
  });

  it('random bytes are not a ZIP', async () => {
    const bytes = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 7)]);
    const err = await rejection(openLinkedInExportFromBytes(bytes, 'broken.zip'));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.message).toMatch(/^broken\.zip: is not a readable ZIP archive/);
  });
});

describe('limits', () => {
  const header = 'From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n';
  const row = 'Sam,Ada,"3/5/26, 1:45 AM",,OUTGOING,,\n';

  it('a field over 1 MiB stops the file with BAD_INPUT and its line', async () => {
    const huge = `${header}${row}Sam,Ada,"3/5/26, 1:45 AM","${'x'.repeat(1_100_000)}",OUTGOING,,\n${row}`;
    const exp = await openLinkedInExportFromBytes(Buffer.from(huge), 'huge.csv');
    const err = await rejection(all(exp.invitations));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.line).toBe(3);
    expect(err.message).toMatch(/huge\.csv line 3: a record is longer than 1 MiB/);
  });

  it('a row with a million columns is a row error with its line', async () => {
    const wide = `${header}${row}${'a,'.repeat(1_000_000)}\n${row}`;
    const exp = await openLinkedInExportFromBytes(Buffer.from(wide), 'wide.csv');
    const rows = await all(exp.invitations);
    expect(rows.map((r) => r.ok)).toEqual([true, false, true]);
    expect(errors(rows)[0]).toMatchObject({ line: 3, message: expect.stringContaining('1000001 columns') });
  });

  it('a line over 4 MiB is refused before it is held', async () => {
    const long = `${header}${row}${'a,,'.repeat(2_000_000)}\n`;
    const exp = await openLinkedInExportFromBytes(Buffer.from(long), 'long.csv');
    const err = await rejection(all(exp.invitations));
    expect(err.code).toBe('BAD_INPUT');
    expect(err.line).toBe(3);
  });

  it('records stream lazily: an endless source yields its first rows', async () => {
    let produced = 0;
    const endless = Readable.from(
      (function* () {
        yield Buffer.from(header);
        for (;;) {
          produced += 100;
          yield Buffer.from(row.repeat(100));
        }
      })(),
      { objectMode: false },
    );
    let seen = 0;
    for await (const record of csvRecords(endless, { file: 'endless.csv' })) {
      if (++seen === 5000) {
        expect(record.line).toBe(5000);
        break;
      }
    }
    // only a bounded read-ahead was pulled from the source, never "everything"
    expect(produced).toBeLessThan(200_000);
  });
});

describe('exports are closed on failure', () => {
  it('close() can be called on a CSV export', async () => {
    const exp: LinkedInExport = await openLinkedInExport(fixture('connections-old.csv'));
    await exp.close();
  });
});
