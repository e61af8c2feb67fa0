/**
 * Fault test (issue 7): an import killed with SIGKILL at random moments. After each kill the
 * database opens, passes PRAGMA integrity_check, holds all or none of the snapshot, and importing
 * the snapshot again gives the right figures. Counts go to .tmp/reliability/crash-safety.json.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createStore } from '../../store/index.ts';
import { loadConfig } from '../config.ts';
import {
  type ExportConnectionSpec,
  type ExportInvitationSpec,
  tempDir,
  writeExport,
} from '../testing/fixtures.ts';
import { type ImportReport, importExport } from './import-snapshot.ts';

const KILLS = 20;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const CHILD = path.join(ROOT, 'src/app/testing/child.ts');
const A_AS_OF = Date.parse('2026-11-19T08:00:00Z');
const B_AS_OF = Date.parse('2026-11-26T08:00:00Z');
const DAY = 86_400_000;

/** A small, seeded generator, so the moments of the kills can be replayed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Two snapshots a week apart: b keeps most of a, shows some accepted (as connections), drops some, adds some. */
function writeSnapshots(dir: string, n: number) {
  const iso = (t: number) => new Date(t).toISOString();
  const person = (i: number) => ({ name: `Person ${i} Crash`, slug: `person-${i}-crash` });
  const invitationsA: ExportInvitationSpec[] = [];
  const invitationsB: ExportInvitationSpec[] = [];
  const connections: ExportConnectionSpec[] = [];
  for (let i = 0; i < n; i++) {
    const sentAt = iso(A_AS_OF - ((i % 170) + 1) * DAY - (i % 1440) * 60_000);
    const inv = {
      ...person(i),
      sentAt,
      message: i % 4 === 0 ? `Hi ${i}, "great" talk, let's connect!\nBest` : '',
    };
    invitationsA.push(inv);
    if (i % 10 === 0)
      connections.push({
        first: 'Person',
        last: `${i} Crash`,
        slug: `person-${i}-crash`,
        connectedOn: iso(B_AS_OF - DAY),
      });
    else if (i % 10 !== 1) invitationsB.push(inv);
  }
  for (let i = n; i < n + n / 5; i++)
    invitationsB.push({ ...person(i), sentAt: iso(B_AS_OF - (i % 6) * DAY) });
  const old: ExportConnectionSpec[] = [];
  for (let i = 0; i < n; i++)
    old.push({
      first: 'Known',
      last: `Contact ${i}`,
      slug: `known-${i}`,
      connectedOn: iso(A_AS_OF - (i % 900) * DAY),
    });
  return {
    a: writeExport(path.join(dir, 'a'), { invitations: invitationsA, connections: old }),
    b: writeExport(path.join(dir, 'b'), { invitations: invitationsB, connections: [...old, ...connections] }),
  };
}

/** What the database holds, as a short digest per table, plus PRAGMA integrity_check. */
function stateOf(file: string) {
  const db = new BetterSqlite3(file);
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    const digest = (sql: string) =>
      createHash('sha256')
        .update(JSON.stringify(db.prepare(sql).raw(true).all()))
        .digest('hex')
        .slice(0, 16);
    return {
      integrity,
      snapshots: (db.prepare('select count(*) as n from snapshots').get() as { n: number }).n,
      invitations: digest(
        'select person_key, status, status_at, sent_at, note from invitations order by person_key, sent_at',
      ),
      connections: digest('select person_key, connected_on from connections order by person_key'),
      events: (db.prepare('select count(*) as n from events').get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

async function importInProcess(db: string, dir: string, asOf: number): Promise<ImportReport> {
  const config = loadConfig({ db }, { HOME: '/nonexistent' });
  const store = await createStore(config.db);
  try {
    return await importExport({ store, config, now: asOf }, dir, { asOf });
  } finally {
    await store.close();
  }
}

function copyDb(from: string, to: string): void {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(to + suffix, { force: true });
  fs.copyFileSync(from, to);
}

/** A child that has loaded the app and waits for its job. */
async function startChild(): Promise<{
  child: ChildProcessWithoutNullStreams;
  lines: AsyncIterator<string>;
  closed: Promise<unknown>;
}> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { cwd: ROOT, stdio: 'pipe' });
  // Listened to from the start: a child may finish (and close) before the kill comes.
  const closed = once(child, 'close');
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const first = await lines.next();
  if (first.value !== 'loaded') throw new Error(`the import child did not start: ${String(first.value)}`);
  return { child, lines, closed };
}

describe('crash safety', () => {
  it(`an import killed with SIGKILL at ${KILLS} random moments leaves all or none of its snapshot`, async () => {
    const started = performance.now();
    const dir = tempDir('ik-crash-');
    const { a, b } = writeSnapshots(dir, 4000);
    const base = path.join(dir, 'base.db');
    await importInProcess(base, a, A_AS_OF);
    const before = stateOf(base);
    const reference = path.join(dir, 'reference.db');
    copyDb(base, reference);
    const expected = await importInProcess(reference, b, B_AS_OF);
    const after = stateOf(reference);
    expect(after.snapshots).toBe(before.snapshots + 1);
    expect(expected.transitions.accepted).toBeGreaterThan(0);
    expect(expected.transitions.closed).toBeGreaterThan(0);

    const job = (db: string) =>
      `${JSON.stringify({ db, dir: b, account: 'default', now: new Date(B_AS_OF).toISOString(), asOf: B_AS_OF })}\n`;
    // One undisturbed run in a child measures how long its import takes.
    const calibration = path.join(dir, 'calibration.db');
    copyDb(base, calibration);
    const next = await startChild();
    next.child.stdin.end(job(calibration));
    let importMs = 0;
    for (let line = await next.lines.next(); !line.done; line = await next.lines.next()) {
      if (line.value.startsWith('{')) importMs = (JSON.parse(line.value) as { ms: number }).ms;
    }
    expect(importMs).toBeGreaterThan(0);
    expect(stateOf(calibration)).toEqual(after);

    const random = mulberry32(7);
    const outcomes = { none: 0, all: 0, integrityOk: 0, reimported: 0, failures: 0 };
    const delays: number[] = [];
    const db = path.join(dir, 'killed.db');
    // Children start two ahead, so that loading the app overlaps the checks of the last kill.
    const ahead = [startChild(), startChild()];
    for (let kill = 0; kill < KILLS; kill++) {
      const current = await ahead.shift()!;
      if (kill + 2 < KILLS) ahead.push(startChild());
      copyDb(base, db);
      current.child.stdin.end(job(db));
      const importing = await current.lines.next();
      expect(importing.value).toBe('importing');
      // Anywhere in the import, and a little past it (then the snapshot is all there).
      const delay = random() * importMs * 1.4;
      delays.push(Math.round(delay));
      await new Promise((resolve) => setTimeout(resolve, delay));
      current.child.kill('SIGKILL');
      await current.closed;

      const state = stateOf(db);
      if (state.integrity === 'ok') outcomes.integrityOk++;
      const { integrity: _i, ...rest } = state;
      const { integrity: _b, ...none } = before;
      const { integrity: _a, ...all } = after;
      if (JSON.stringify(rest) === JSON.stringify(none)) outcomes.none++;
      else if (JSON.stringify(rest) === JSON.stringify(all)) outcomes.all++;
      else outcomes.failures++;
      expect([none, all]).toContainEqual(rest);
      expect(state.integrity).toBe('ok');

      const again = await importInProcess(db, b, B_AS_OF);
      if (JSON.stringify(rest) === JSON.stringify(none)) {
        expect(again.alreadyImported).toBe(false);
        expect({ i: again.invitations, t: again.transitions, c: again.connections }).toEqual({
          i: expected.invitations,
          t: expected.transitions,
          c: expected.connections,
        });
      } else {
        expect(again.alreadyImported).toBe(true);
      }
      const { integrity: _f, ...final } = stateOf(db);
      expect(final).toEqual(all);
      outcomes.reimported++;
    }
    expect(outcomes.failures).toBe(0);
    expect(outcomes.none).toBeGreaterThan(0);

    const out = path.join(ROOT, '.tmp', 'reliability');
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(
      path.join(out, 'crash-safety.json'),
      `${JSON.stringify(
        {
          test: 'src/app/imports/crash-safety.test.ts',
          faultsInjected: KILLS,
          fault:
            'SIGKILL of a child process importing a snapshot (reconciliation of a 4,000-invitation ledger)',
          snapshotRows: {
            invitations: expected.invitations.new + expected.invitations.unchanged,
            connections: expected.connections.new + expected.connections.unchanged,
          },
          importMs: Math.round(importMs),
          killDelaysMs: delays,
          ...outcomes,
          wallMs: Math.round(performance.now() - started),
        },
        null,
        2,
      )}\n`,
    );
  }, 180_000);
});
