import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { EXAMPLES_AS_OF, makeExamples } from './make-examples.ts';

const COMMITTED = fileURLToPath(new URL('../examples/', import.meta.url));

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(relative(dir, join(entry.parentPath, entry.name)));
  }
  return out.sort();
}

interface UnzippedEntry {
  name: string;
  mtime: number;
  text: string;
}

function unzip(buffer: Buffer): Promise<UnzippedEntry[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const entries: UnzippedEntry[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            entries.push({
              name: entry.fileName,
              mtime: entry.getLastModDate().getTime(),
              text: Buffer.concat(chunks).toString('utf8'),
            });
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

describe('npm run examples', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });
  const generate = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ik-examples-'));
    dirs.push(dir);
    await makeExamples(dir);
    return dir;
  };

  it('writes the same bytes on every run, and what is committed in examples/', async () => {
    const a = await generate();
    const b = await generate();
    const files = await listFiles(a);
    expect(await listFiles(b)).toEqual(files);
    expect(await listFiles(COMMITTED)).toEqual(files);
    for (const f of files) {
      const bytesA = await readFile(join(a, f));
      expect(bytesA.equals(await readFile(join(b, f))), `${f} differs between runs`).toBe(true);
      const committed = await readFile(join(COMMITTED, f));
      if (f.endsWith('.zip')) {
        // Compressed bytes may differ with another zlib; the entries must not.
        expect(await unzip(committed), `${f} differs from the committed one`).toEqual(await unzip(bytesA));
      } else {
        expect(committed.toString('utf8'), `${f} differs from the committed one`).toBe(
          bytesA.toString('utf8'),
        );
      }
    }
  });

  it('stays small and carries the quirks it promises', async () => {
    let total = 0;
    for (const f of await listFiles(COMMITTED)) total += (await stat(join(COMMITTED, f))).size;
    expect(total).toBeLessThan(1.5 * 1024 * 1024);

    const entries = await unzip(await readFile(join(COMMITTED, 'linkedin-export.zip')));
    expect(entries.map((e) => e.name)).toEqual([
      'Connections.csv',
      'Invitations.csv',
      'Messages.csv',
      'Profile.csv',
      'Skills.csv',
    ]);
    for (const e of entries) expect(e.mtime).toBe(EXAMPLES_AS_OF);
    const invitations = entries.find((e) => e.name === 'Invitations.csv')!.text;
    expect(
      invitations.startsWith(
        '\ufeffFrom,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\r\n',
      ),
    ).toBe(true);
    expect(invitations).toMatch(/"\d{1,2}\/\d{1,2}\/26, \d{1,2}:\d{2} [AP]M"/);
    expect(invitations).toContain('INCOMING');
    expect(invitations).toContain('\u00c2');
    expect(invitations).toMatch(/\p{Extended_Pictographic}/u);
    expect(invitations).toMatch(/"[^"]*\n[^"]*"/);
    expect(invitations).toContain('""');
    const connections = entries.find((e) => e.name === 'Connections.csv')!.text;
    expect(connections.startsWith('\ufeffNotes:\r\n')).toBe(true);
    expect(connections.match(/@[a-z.]+/g)?.every((d) => d === '@example.com')).toBe(true);

    const formats = new Set<string>();
    for (const f of (await listFiles(COMMITTED)).filter((x) => x.startsWith('history/'))) {
      const text = (await unzip(await readFile(join(COMMITTED, f)))).find(
        (e) => e.name === 'Invitations.csv',
      )!.text;
      if (/"\d+\/\d+\/\d\d, /.test(text)) formats.add('us-short');
      if (/,\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC,/.test(text)) formats.add('iso-utc');
      if (/,\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,/.test(text)) formats.add('iso-naive');
      if (/,\d\d [A-Z][a-z]{2} \d{4},/.test(text)) formats.add('date-only');
    }
    expect([...formats].sort()).toEqual(['date-only', 'iso-naive', 'iso-utc', 'us-short']);

    const text = await readFile(join(COMMITTED, 'sent-page.txt'), 'utf8');
    expect(text.trimEnd().endsWith('Load more')).toBe(true);
    expect(text).toMatch(/^Sent \d+ weeks? ago$/m);
    const html = await readFile(join(COMMITTED, 'sent-page.html'), 'utf8');
    expect(html).toMatch(/href="\/in\/[^"/]+\/"/);
    const targets = await readFile(join(COMMITTED, 'targets.csv'), 'utf8');
    expect(targets.split('\n')[0]).toBe(
      'name,profileUrl,relation,mutualConnections,connectionCount,timezone,tags,company,headline,event',
    );
    expect(targets).toContain('<img src=x onerror=alert(1)>');
    expect(targets).toContain(',30000,');
  });
});
