/**
 * Fault injection for every reader (issue 7): thousands of malformed inputs per reader family, generated
 * from a fixed seed. Each input must end in valid output (records and row errors) or a thrown
 * InviteKeeperError with a code (not INTERNAL): never another exception, never a hang. The counts go to
 * .tmp/reliability/sources-fuzz.json for the reliability docs.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLinkedInExport, openLinkedInExportFromBytes } from './linkedin-export.ts';
import { parseSentPageHtml, parseSentPageText, readSentPage } from './sent-page.ts';
import { parseTargetsCsv, readTargetsCsv } from './targets-csv.ts';
import {
  asOf,
  attempt,
  checkRowError,
  checkSentPage,
  drainExport,
  family,
  familyTotals,
  mutate,
  NASTY,
  PER_FAMILY,
  Rng,
  SEED,
  sample,
  stats,
} from './test-fuzz.ts';
import { makeZip } from './test-zip.ts';

const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;

// ---------------------------------------------------------------------------------------------------------

let dir: string;
const fixtures: Record<string, Buffer> = {};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ik-fuzz-'));
  for (const name of [
    'invitations.csv',
    'invitations-bad-rows.csv',
    'connections.csv',
    'connections-old.csv',
    'profile.csv',
    'sent-page.txt',
    'sent-page.html',
    'sent-page-hashed.html',
    'targets.csv',
    'targets-bad.csv',
  ]) {
    fixtures[name] = await readFile(join(FIXTURES, name));
  }
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  const out = join(process.cwd(), '.tmp', 'reliability');
  await mkdir(out, { recursive: true });
  const total = Object.values(stats).reduce((n, f) => n + f.inputs, 0);
  const failures = Object.values(stats).reduce((n, f) => n + f.failures, 0);
  const families = familyTotals();
  await writeFile(
    join(out, 'sources-fuzz.json'),
    `${JSON.stringify({ seed: SEED, perFamilyTarget: PER_FAMILY, total, failures, families, readers: stats }, null, 2)}\n`,
  );
  const parts = Object.entries(families).map(
    ([k, f]) => `${k}: ${f.inputs} (${f.valid} valid, ${f.refused} refused, ${f.failures} failed)`,
  );
  console.log(`sources fuzz, seed ${SEED}, ${total} inputs, ${failures} failures; ${parts.join('; ')}`);
});

// generous: the suite may share a loaded 2-core machine; no test here asserts a time
describe('fault injection: the LinkedIn export', { timeout: 300_000 }, () => {
  it('export CSVs (Invitations, Connections, Profile) via openLinkedInExport', async () => {
    const s = family('export-csv');
    const rng = new Rng(SEED);
    const bases = [
      'invitations.csv',
      'invitations-bad-rows.csv',
      'connections.csv',
      'connections-old.csv',
      'profile.csv',
    ];
    // a few dozen through real files on disk, the rest from memory (the same code past the first read)
    for (let i = 0; i < PER_FAMILY; i++) {
      const input = mutate(rng, fixtures[rng.pick(bases)]!);
      if (i % 250 === 0) {
        const path = join(dir, `export-${i}.csv`);
        await writeFile(path, input);
        await attempt(
          s,
          () => sample(input),
          async () => drainExport(s, await openLinkedInExport(path)),
        );
      } else {
        await attempt(
          s,
          () => sample(input),
          async () => drainExport(s, await openLinkedInExportFromBytes(input, 'f.csv')),
        );
      }
    }
    expect(s.failureExamples).toEqual([]);
  });

  it('export CSVs: the big cases, streamed through temp files', async () => {
    const s = family('export-csv-big');
    const header = 'From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n';
    const writeStreamed = async (name: string, start: string, chunks: number, chunk: string) => {
      const path = join(dir, name);
      const out = createWriteStream(path);
      out.write(start);
      for (let i = 0; i < chunks; i++) if (!out.write(chunk)) await once(out, 'drain');
      out.end();
      await once(out, 'finish');
      return path;
    };
    const mib = 'a'.repeat(1024 * 1024);
    const cases: Array<[string, () => Promise<string>]> = [
      ['100 MB single line', () => writeStreamed('line.csv', '', 100, mib)],
      ['header then a 100 MB line', () => writeStreamed('header-line.csv', header, 100, mib)],
      [
        'a row with a million columns',
        () => writeStreamed('wide.csv', header, 1, `${'a,'.repeat(1_000_000)}\n`),
      ],
      [
        'a 2 MiB quoted field',
        () => writeStreamed('field.csv', header, 1, `a,b,"${'x'.repeat(2 * 1024 * 1024)}",,\n`),
      ],
      ['a 20 MB unclosed quote', () => writeStreamed('quote.csv', `${header}a,"`, 20, mib)],
    ];
    for (const [what, make] of cases) {
      const path = await make();
      await attempt(
        s,
        () => what,
        async () => drainExport(s, await openLinkedInExport(path)),
      );
      await rm(path, { force: true });
    }
    expect(s.failureExamples).toEqual([]);
  });

  it('ZIP archives via openLinkedInExport', async () => {
    const s = family('zip');
    const rng = new Rng(SEED + 1);
    const good = makeZip([
      { name: 'Invitations.csv', data: fixtures['invitations.csv']! },
      { name: 'Connections.csv', data: fixtures['connections.csv']!, method: 0 },
      { name: 'Profile.csv', data: fixtures['profile.csv']! },
      { name: 'Rich_Media.csv', data: 'a,b\n' },
    ]);
    const names = [
      'Invitations.csv',
      'Connections.csv',
      'Profile.csv',
      'x/../y.csv',
      '/abs.csv',
      'in.zip',
      'a\\b.csv',
    ];
    const randomZip = () =>
      makeZip(
        Array.from({ length: 1 + rng.int(4) }, () => ({
          name: rng.chance(0.8) ? rng.pick(names) : rng.bytes(1 + rng.int(20)),
          data: mutate(rng, fixtures[rng.pick(['invitations.csv', 'connections.csv', 'profile.csv'])]!),
          method: rng.chance(0.3) ? (0 as const) : (8 as const),
          flags: rng.chance(0.1) ? rng.int(0x10000) : 0x800,
          ...(rng.chance(0.2) ? { declaredSize: rng.int(2 ** 32) } : {}),
          ...(rng.chance(0.1) ? { declaredCompressedSize: rng.int(2 ** 32) } : {}),
        })),
      );
    for (let i = 0; i < PER_FAMILY; i++) {
      let input: Buffer;
      const kind = rng.int(5);
      if (kind === 0) input = good.subarray(0, rng.int(good.length + 1));
      else if (kind === 1) {
        input = Buffer.from(good);
        // flip bytes, most of them in the central directory and end record where the sizes live
        for (let j = 0, n = 1 + rng.int(6); j < n; j++) {
          const at = rng.chance(0.7)
            ? good.length - 1 - rng.int(Math.min(400, good.length))
            : rng.int(good.length);
          input[at] = rng.int(256);
        }
      } else if (kind === 2) input = randomZip();
      else if (kind === 3)
        input = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), rng.bytes(rng.int(2000))]);
      else {
        input = Buffer.from(good);
        const at = good.length - 22 - rng.int(200);
        if (at > 0) input.writeUInt32LE(rng.pick([0, 0xffffffff, rng.int(2 ** 32), 0x7fffffff]), at);
      }
      if (i % 500 === 0) {
        const path = join(dir, `archive-${i}.zip`);
        await writeFile(path, input);
        await attempt(
          s,
          () => sample(input),
          async () => drainExport(s, await openLinkedInExport(path)),
        );
      } else {
        await attempt(
          s,
          () => sample(input),
          async () => drainExport(s, await openLinkedInExportFromBytes(input, 'a.zip')),
        );
      }
    }
    expect(s.failureExamples).toEqual([]);
  });
});

describe('fault injection: the Sent page and the targets CSV', { timeout: 300_000 }, () => {
  it('Sent page, pasted text', async () => {
    const s = family('sent-text');
    const rng = new Rng(SEED + 2);
    for (let i = 0; i < PER_FAMILY / 2; i++) {
      const input = mutate(rng, fixtures['sent-page.txt']!);
      const text = input.toString('utf8');
      await attempt(
        s,
        () => sample(input),
        async () => checkSentPage(s, parseSentPageText(text, asOf, 's.txt')),
      );
    }
    for (let i = 0; i < 20; i++) {
      const input = mutate(rng, fixtures['sent-page.txt']!);
      const path = join(dir, `sent-${i}.txt`);
      await writeFile(path, input);
      await attempt(
        s,
        () => sample(input),
        async () => checkSentPage(s, await readSentPage(path, asOf)),
      );
    }
    expect(s.failureExamples).toEqual([]);
  });

  it('Sent page, saved HTML', async () => {
    const s = family('sent-html');
    const rng = new Rng(SEED + 3);
    const tags = ['div', 'li', 'span', 'a', 'p', 'time', 'script', 'style', 'template', 'button', 'b', 'ul'];
    const soup = () => {
      let out = '';
      for (let i = 0, n = rng.int(200); i < n; i++) {
        const t = rng.pick(tags);
        const r = rng.int(5);
        if (r === 0)
          out += `<${t}${rng.chance(0.3) ? ` href="${rng.pick(['/in/ada', 'https://www.linkedin.com/in/Bob/', 'javascript:x', '/in/'])}"` : ''}${rng.chance(0.1) ? ' hidden' : ''}>`;
        else if (r === 1) out += `</${t}>`;
        else out += rng.pick(NASTY);
      }
      return Buffer.from(out);
    };
    for (let i = 0; i < PER_FAMILY / 2; i++) {
      const input = rng.chance(0.2)
        ? soup()
        : mutate(rng, fixtures[rng.pick(['sent-page.html', 'sent-page-hashed.html'])]!);
      const html = input.toString('utf8');
      await attempt(
        s,
        () => sample(input),
        async () => checkSentPage(s, parseSentPageHtml(html, asOf, 's.html')),
      );
    }
    const deep = `${'<div><span>'.repeat(50_000)}Ada<br>Sent today`;
    await attempt(
      s,
      () => 'deep nesting',
      async () => checkSentPage(s, parseSentPageHtml(deep, asOf, 'deep.html')),
    );
    expect(s.failureExamples).toEqual([]);
  });

  it('targets CSV', async () => {
    const s = family('targets');
    const rng = new Rng(SEED + 4);
    for (let i = 0; i < PER_FAMILY; i++) {
      const input = mutate(rng, fixtures[rng.pick(['targets.csv', 'targets-bad.csv'])]!);
      const check = (rows: ReturnType<typeof parseTargetsCsv>['rows']) => {
        for (const r of rows) {
          if (r.ok) {
            s.records++;
            if (r.value.name === null && r.value.profileUrl === null) return `row with neither name nor URL`;
          } else {
            s.rowErrors++;
            const bad = checkRowError(r.error);
            if (bad) return bad;
          }
        }
        return null;
      };
      if (i % 200 === 0) {
        const path = join(dir, `targets-${i}.csv`);
        await writeFile(path, input);
        await attempt(
          s,
          () => sample(input),
          async () => check((await readTargetsCsv(path)).rows),
        );
      } else {
        const text = input.toString('utf8');
        await attempt(
          s,
          () => sample(input),
          async () => check(parseTargetsCsv(text, 't.csv').rows),
        );
      }
    }
    expect(s.failureExamples).toEqual([]);
  });
});

describe('fault injection: every family', () => {
  it('every reader family was fed at least 10,000 inputs', () => {
    for (const [name, f] of Object.entries(familyTotals())) {
      expect(f.inputs, name).toBeGreaterThanOrEqual(PER_FAMILY);
      expect(f.failures, name).toBe(0);
    }
  });
});
