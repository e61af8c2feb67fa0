/**
 * Writes docs/reliability.md from the figures the fault tests leave in .tmp/reliability/ (run
 * `npm test` first): the readers' fuzzing, the hostile ZIPs, the SIGKILLed imports and the
 * concurrent processes. `npm run docs:reliability`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIR = path.join(ROOT, '.tmp', 'reliability');
const DOC = path.join(ROOT, 'docs', 'reliability.md');

// biome-ignore lint/suspicious/noExplicitAny: the JSON files are written by the tests named in the doc
function read(name: string): any {
  const file = path.join(DIR, name);
  if (!fs.existsSync(file)) {
    throw new Error(`${path.relative(ROOT, file)} is missing: run npm test first (it writes the figures)`);
  }
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

const n = (x: number) => x.toLocaleString('en-US');
const table = (rows: string[][]) =>
  [rows[0]!, rows[0]!.map(() => '---'), ...rows.slice(1)].map((r) => `| ${r.join(' | ')} |`).join('\n');

const fuzz = read('sources-fuzz.json');
const zip = read('zip-safety.json');
const crash = read('crash-safety.json');
const concurrency = read('concurrency.json');
const fullDisk = read('full-disk.json');
// The API fuzz runs on every dialect the run had; PostgreSQL only where a server was at hand.
const apiFuzz = ['sqlite', 'postgres'].flatMap((d) =>
  fs.existsSync(path.join(DIR, `api-fuzz-${d}.json`)) ? [read(`api-fuzz-${d}.json`)] : [],
);
if (apiFuzz.length === 0) read('api-fuzz-sqlite.json');
const apiRequests = apiFuzz.reduce((a, f) => a + f.requests, 0);
const apiFailures = apiFuzz.reduce((a, f) => a + f.failures + f.stackTraces, 0);

const families = Object.entries(
  fuzz.families as Record<string, { inputs: number; valid: number; refused: number; failures: number }>,
);
const codes = (by: Record<string, number>) =>
  Object.entries(by)
    .map(([code, count]) => `${code} ${n(count)}`)
    .join(', ');
const readerCodes = Object.values(
  fuzz.readers as Record<string, { refusedByCode: Record<string, number> }>,
).reduce(
  (all, r) => {
    for (const [code, count] of Object.entries(r.refusedByCode)) all[code] = (all[code] ?? 0) + count;
    return all;
  },
  {} as Record<string, number>,
);
const totalFailures =
  fuzz.failures +
  zip.failures +
  crash.failures +
  concurrency.failures +
  apiFailures +
  (fullDisk.databaseUnchanged ? 0 : 1);

const doc = `# Reliability

What the fault tests of \`npm test\` throw at invitekeeper, and what came out. The figures below were written by those tests into \`.tmp/reliability/\` during a run of \`npm test\` on ${new Date().toISOString().slice(0, 10)} (${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${os.availableParallelism()} cores, Node ${process.version}), and collected by \`npm run docs:reliability\` (scripts/reliability-doc.ts).

**Inputs tried: ${n(fuzz.total + zip.hostileArchives + apiRequests)}; faults injected: ${n(crash.faultsInjected)} kills, ${n(concurrency.processes)} concurrent processes and a full disk; failures: ${totalFailures}.**

| fault test | command | tried | failures |
| --- | --- | --- | --- |
| fuzzing every reader | \`npx vitest run src/sources/fuzz.test.ts\` | ${n(fuzz.total)} generated malformed inputs | ${fuzz.failures} |
| hostile ZIPs | \`npx vitest run src/sources/zip-safety.test.ts\` | ${n(zip.hostileArchives)} archives | ${zip.failures} |
| crash safety | \`npx vitest run src/app/imports/crash-safety.test.ts\` | ${n(crash.faultsInjected)} SIGKILLs during an import | ${crash.failures} |
| concurrent use | \`npx vitest run src/cli/concurrency.test.ts\` | ${n(concurrency.imports)} imports and ${n(concurrency.readers)} reads in ${concurrency.rounds} rounds of 3 processes at once | ${concurrency.failures} |
| fuzzing the HTTP API | \`npx vitest run src/server/fuzz.test.ts\` | ${n(apiRequests)} random and malformed requests (${apiFuzz.map((f) => `${n(f.requests)} on ${f.dialect}`).join(', ')}) | ${apiFailures} |
| a full disk | \`npx vitest run src/app/imports/full-disk.test.ts\` | an import of ${n(fullDisk.rowsTried)} rows into a database capped at ${n(fullDisk.capPages)} pages | ${fullDisk.databaseUnchanged ? 0 : 1} |

## Fuzzing the readers

Seed ${fuzz.seed}, at least ${n(fuzz.perFamilyTarget)} inputs per reader family: random bytes, truncation, wrong encodings (UTF-16, Latin-1, NUL bytes), huge fields, a million columns, a 100 MB line, broken quotes, damaged ZIP structures. Each input must end as a result or as an \`InviteKeeperError\` with a code and a message naming the file, never a crash, a hang or a stack trace.

${table([
  ['reader family', 'inputs', 'read', 'refused with a clear error', 'failures'],
  ...families.map(([name, f]) => [name, n(f.inputs), n(f.valid), n(f.refused), String(f.failures)]),
])}

Refusals by code: ${codes(readerCodes)}.

## Hostile ZIPs

${n(zip.hostileArchives)} archives, each refused with a clear message and nothing written outside the database (the test checks the folders around it): ${codes(zip.byCode)}. They are: ${(zip.archives as { archive: string; code: string }[]).map((a) => `\`${a.archive}\` (${a.code})`).join(', ')}: zip bombs (declared and lying sizes, per file and in total), \`../\` and absolute paths, an encrypted entry, nested ZIPs by name and disguised as a CSV, duplicate names, inconsistent sizes, corrupt deflate data.

## Fuzzing the HTTP API

Every operation of the OpenAPI document (${apiFuzz[0]?.operations ?? 0} of them), on every dialect the run had, receives random requests from a seeded generator: JSON bodies of random shape with NUL bytes, lone surrogates, bidirectional marks, 5,000-character strings and numbers past 2^53, broken JSON, bodies sent as text, a form, multipart or with no content type, and query strings and path parameters of the same kind. Every response must be below 500, nothing may log a stack trace, and a refused write must leave every table as it was.

${table([
  ['dialect', 'requests', 'responses by status', 'failures', 'stack traces'],
  ...apiFuzz.map((f) => [
    f.dialect,
    n(f.requests),
    Object.entries(f.byStatus as Record<string, number>)
      .map(([s, c]) => `${s}: ${n(c)}`)
      .join(', '),
    String(f.failures),
    String(f.stackTraces),
  ]),
])}

## A full disk

The database file is capped with SQLite's \`max_page_count\` at ${n(fullDisk.capPages)} pages (${n(fullDisk.pagesBefore)} in use), and an import of ${n(fullDisk.rowsTried)} invitations runs into it. It ends with ${fullDisk.code}, exit code ${fullDisk.exitCode}, and the message "${fullDisk.message}"; every table is as it was before: ${fullDisk.databaseUnchanged ? 'yes' : 'no'}. (Before, the failed ROLLBACK of a transaction SQLite had already ended replaced the error with "cannot rollback - no transaction is active", reported as a bug.)

## Crash safety

A child process imports a snapshot (${n(crash.snapshotRows.invitations)} invitations and ${n(crash.snapshotRows.connections)} connections, reconciled against the ledger of the week before; ${n(crash.importMs)} ms undisturbed) and is killed with SIGKILL after a random delay, ${n(crash.faultsInjected)} times (delays in ms: ${(crash.killDelaysMs as number[]).join(', ')}). After each kill:

- the database opens and \`PRAGMA integrity_check\` is \`ok\`: ${crash.integrityOk} of ${crash.faultsInjected};
- it holds all or none of the snapshot (every table compared with the state before and after an undisturbed import): none ${crash.none}, all ${crash.all}, anything else ${crash.failures};
- importing the snapshot again completes with the same figures as the undisturbed import (or finds it imported already), and the database ends identical to the undisturbed one: ${crash.reimported} of ${crash.faultsInjected}.

Why it holds: an import is one SQLite transaction (BEGIN IMMEDIATE … COMMIT) in WAL mode, and a transaction that never committed is not part of the database when it is next opened.

## Concurrent use

${concurrency.rounds} rounds of three \`invitekeeper\` processes started at once on one SQLite file (a new one in the first round): two imports (two accounts; then two snapshots of one account; then both again, already imported) beside a \`plan\` or \`status\`. Results: ${concurrency.failures} failures, ${concurrency.dbBusy} DB_BUSY, ${concurrency.lostRows} rows lost (every invitation and connection of every file is there, and every snapshot is recorded once); the two imports overlapped in ${concurrency.roundsWithOverlappingImports} of ${concurrency.rounds} rounds.

How: writers take turns. A write transaction starts with BEGIN IMMEDIATE; when another process holds the write lock, SQLite's busy handler waits up to 250 ms, and the store then tries again after a pause, without blocking the event loop, for up to 10 minutes (an import of a million rows holds the lock for its whole transaction), before giving up with DB_BUSY. Single statements outside a transaction are retried the same way, and a database that is up to date is only read when it is opened (a new one is migrated under the write lock, so two commands opening it at once do not both create its tables). Readers never wait: WAL lets \`plan\` and \`status\` read beside a writer.

## Commands

\`\`\`
npm test                      # runs every test, the fault tests among them, and writes .tmp/reliability/*.json
npm run docs:reliability      # writes this file from them
\`\`\`
`;

fs.writeFileSync(DOC, doc);
console.log(
  `wrote ${path.relative(ROOT, DOC)}: ${n(fuzz.total + zip.hostileArchives + apiRequests)} inputs, ${totalFailures} failures`,
);
