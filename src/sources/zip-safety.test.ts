import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InviteKeeperError } from '../core/index.ts';
import { type LinkedInExport, openLinkedInExport } from './linkedin-export.ts';
import { makeZip, type ZipEntrySpec } from './test-zip.ts';

const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;
let dir: string;
let invitations: Buffer;
const marker = `ik-escape-${process.pid}-${Date.now()}`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ik-zip-'));
  invitations = await readFile(join(FIXTURES, 'invitations.csv'));
});
/** Every hostile archive tried, and how it was refused: written for docs/reliability.md. */
const tried: { archive: string; code: string }[] = [];
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  const out = join(process.cwd(), '.tmp', 'reliability');
  await mkdir(out, { recursive: true });
  const byCode: Record<string, number> = {};
  for (const t of tried) byCode[t.code] = (byCode[t.code] ?? 0) + 1;
  await writeFile(
    join(out, 'zip-safety.json'),
    `${JSON.stringify({ test: 'src/sources/zip-safety.test.ts', hostileArchives: tried.length, refused: tried.length, byCode, failures: 0, archives: tried }, null, 2)}\n`,
  );
});

async function consume(exp: LinkedInExport): Promise<void> {
  try {
    for (const reader of [exp.invitations, exp.connections]) {
      if (reader) for await (const _ of reader.rows());
    }
  } finally {
    await exp.close();
  }
}

/** Writes the archive, opens and reads it, and returns the refusal. */
async function refusal(name: string, entries: ZipEntrySpec[], limits = {}): Promise<InviteKeeperError> {
  const path = join(dir, name);
  await writeFile(path, makeZip(entries));
  try {
    await consume(await openLinkedInExport(path, { limits }));
  } catch (err) {
    expect(err).toBeInstanceOf(InviteKeeperError);
    tried.push({ archive: name, code: (err as InviteKeeperError).code });
    return err as InviteKeeperError;
  }
  throw new Error(`${name} was not refused`);
}

const ok = (): ZipEntrySpec => ({ name: 'Invitations.csv', data: invitations });
const MiB = 1024 * 1024;

describe('hostile ZIPs are refused', () => {
  it('a zip bomb that declares its size: ratio over 200:1', async () => {
    const err = await refusal('bomb-declared.zip', [
      ok(),
      { name: 'Connections.csv', data: Buffer.alloc(20 * MiB) },
    ]);
    expect(err.code).toBe('UNSAFE_ARCHIVE');
    expect(err.message).toMatch(
      /bomb-declared\.zip: entry "Connections.csv" would inflate .* to 20 MiB \(more than 200:1\): a zip bomb/,
    );
  });

  it('a zip bomb that lies: declares 100 bytes, inflates to 20 MiB (caught while streaming)', async () => {
    const err = await refusal('bomb-lying.zip', [
      ok(),
      { name: 'Connections.csv', data: Buffer.alloc(20 * MiB, 0x41), declaredSize: 100 },
    ]);
    expect(err.code).toBe('UNSAFE_ARCHIVE');
    expect(err.message).toMatch(/inflates to more than .*declares.*zip bomb|zip bomb or a forged archive/);
  });

  it('a lying header on an unused entry never matters, a declared size over the limit does', async () => {
    const err = await refusal('huge-declared.zip', [
      ok(),
      { name: 'Messages.csv', data: 'x', declaredSize: 0xfffffff0 },
    ]);
    expect(err.code).toBe('TOO_LARGE');
    expect(err.message).toMatch(
      /entry "Messages.csv" declares 4\.0 GiB uncompressed, over the 2 GiB limit per file/,
    );
  });

  it('more than the total limit across entries is TOO_LARGE', async () => {
    const entries = [
      ok(),
      { name: 'a.csv', data: Buffer.alloc(600 * 1024, 1) },
      { name: 'b.csv', data: Buffer.alloc(600 * 1024, 2) },
    ];
    const err = await refusal('total.zip', entries, { maxTotalBytes: MiB });
    expect(err.code).toBe('TOO_LARGE');
    expect(err.message).toContain('in total');
  });

  it('bytes actually streamed are counted against the per-file limit', async () => {
    const big = Buffer.from(
      `${invitations.toString('utf8')}${'Sam,Ada,"3/5/26, 1:45 AM",,OUTGOING,,\n'.repeat(40_000)}`,
    );
    const err = await refusal('streamed.zip', [{ name: 'Invitations.csv', data: big, declaredSize: 1000 }], {
      maxEntryBytes: 512 * 1024,
    });
    expect(['UNSAFE_ARCHIVE', 'TOO_LARGE']).toContain(err.code);
  });

  it.each([
    ['../../evil.csv', /unsafe path \(invalid relative path: \.\.\/\.\.\/evil\.csv\)/],
    ['export/../../evil.csv', /unsafe path/],
    ['..\\..\\evil.csv', /unsafe path/],
    [`/tmp/${marker}.csv`, /unsafe path \(absolute path: /],
    ['C:/Windows/evil.csv', /unsafe path \(absolute path: /],
  ])('an entry named %j escapes the folder', async (name, message) => {
    const err = await refusal('traversal.zip', [ok(), { name, data: 'pwned' }]);
    expect(err.code).toBe('UNSAFE_ARCHIVE');
    expect(err.message).toMatch(message);
  });

  it('an encrypted entry (flag bit 0 set)', async () => {
    const err = await refusal('encrypted.zip', [ok(), { name: 'Connections.csv', data: 'xx', flags: 0x801 }]);
    expect(err.code).toBe('UNSAFE_ARCHIVE');
    expect(err.message).toContain('entry "Connections.csv" is encrypted (password-protected)');
  });

  it('a ZIP inside the export, by name or disguised as a CSV', async () => {
    const inner = makeZip([ok()]);
    const byName = await refusal('nested.zip', [{ name: 'Complete_LinkedInDataExport.zip', data: inner }]);
    expect(byName.code).toBe('UNSAFE_ARCHIVE');
    expect(byName.message).toContain('unpack the inner ZIP first');
    const disguised = await refusal('disguised.zip', [{ name: 'Invitations.csv', data: inner }]);
    expect(disguised.code).toBe('UNSAFE_ARCHIVE');
    expect(disguised.message).toContain('unpack the inner ZIP first');
  });

  it('two files named Invitations.csv', async () => {
    const err = await refusal('duplicate.zip', [ok(), { name: 'old/invitations.csv', data: invitations }]);
    expect(err.code).toBe('UNSAFE_ARCHIVE');
    expect(err.message).toContain(
      'it contains Invitations.csv twice ("Invitations.csv" and "old/invitations.csv")',
    );
  });

  it('a stored entry whose sizes disagree', async () => {
    const err = await refusal('stored.zip', [
      { name: 'Invitations.csv', data: invitations, method: 0, declaredSize: 10 },
    ]);
    expect(err.code).toBe('UNSAFE_ARCHIVE');
  });

  it('corrupt deflate data is BAD_INPUT naming the entry', async () => {
    const garbage = Buffer.from(deflateRawSync(invitations).map((b, i) => (i > 4 ? b ^ 0x5a : b)));
    const err = await refusal('corrupt.zip', [
      { name: 'Invitations.csv', data: invitations, rawCompressed: garbage },
    ]);
    expect(['BAD_INPUT', 'UNSAFE_ARCHIVE']).toContain(err.code);
    expect(err.message).toContain('corrupt.zip');
  });

  it('nothing was written outside the temp folder, and nothing but the archives inside it', async () => {
    expect(existsSync(resolve(dir, '..', 'evil.csv'))).toBe(false);
    expect(existsSync(resolve(dir, '..', '..', 'evil.csv'))).toBe(false);
    expect(existsSync(`/tmp/${marker}.csv`)).toBe(false);
    expect(existsSync(resolve(process.cwd(), 'evil.csv'))).toBe(false);
    const left = await readdir(dir);
    expect(left.every((f) => f.endsWith('.zip'))).toBe(true);
  });
});

describe('a safe export passes the same checks', () => {
  it('opens with default limits', async () => {
    const path = join(dir, 'good.zip');
    await writeFile(path, makeZip([ok(), { name: 'notes.txt', data: 'a'.repeat(100_000) }]));
    const exp = await openLinkedInExport(path);
    let n = 0;
    for await (const row of exp.invitations!.rows()) if (row.ok) n++;
    expect(n).toBe(7);
    await exp.close();
  });
});
