/**
 * Fault test (issue 7): two imports and a plan at the same time on one SQLite file, each a separate
 * `invitekeeper` process. Writers take turns (one waits for the other's transaction, retrying
 * quietly), the plan reads beside them; nobody fails, not even with DB_BUSY, and no row is lost.
 * Counts go to .tmp/reliability/concurrency.json.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { type ExportInvitationSpec, tempDir, writeExport } from '../app/testing/fixtures.ts';
import { PACKAGE_ROOT } from './testing.ts';

const BIN = path.join(PACKAGE_ROOT, 'bin', 'invitekeeper.js');
const NOW = '2026-11-26T12:00:00Z';
const DAY = 86_400_000;
const ROWS = 4000;

interface Run {
  args: string[];
  code: number | null;
  stdout: string;
  stderr: string;
  startedMs: number;
  endedMs: number;
}

function exportOf(dir: string, prefix: string, count: number, ageOffset: number): string {
  const invitations: ExportInvitationSpec[] = [];
  for (let i = 0; i < count; i++) {
    invitations.push({
      name: `${prefix} Person ${i}`,
      slug: `${prefix.toLowerCase()}-person-${i}`,
      sentAt: new Date(Date.parse(NOW) - ((i + ageOffset) % 150) * DAY - i * 1000).toISOString(),
      message: i % 5 === 0 ? `Hi ${i}, glad to connect, "really"` : '',
    });
  }
  const connections = Array.from({ length: count }, (_, i) => ({
    first: prefix,
    last: `Contact ${i}`,
    slug: `${prefix.toLowerCase()}-contact-${i}`,
    connectedOn: new Date(Date.parse(NOW) - (i % 700) * DAY).toISOString(),
  }));
  return writeExport(dir, { invitations, connections });
}

async function invitekeeper(args: string[], t0: number): Promise<Run> {
  const startedMs = performance.now() - t0;
  const child = spawn(process.execPath, [BIN, ...args, '--now', NOW, '--json'], {
    cwd: PACKAGE_ROOT,
    env: { PATH: process.env.PATH, HOME: '/nonexistent-home' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const [code] = (await once(child, 'close')) as [number | null];
  return { args, code, stdout, stderr, startedMs, endedMs: performance.now() - t0 };
}

function count(db: string, sql: string, ...params: unknown[]): number {
  const raw = new BetterSqlite3(db, { readonly: true });
  try {
    return Number((raw.prepare(sql).get(...params) as { n: number }).n);
  } finally {
    raw.close();
  }
}

describe('concurrent use of one SQLite file', () => {
  it('two imports and a plan at once: no error, no lost row', async () => {
    const started = performance.now();
    const dir = tempDir('ik-concurrent-');
    const db = path.join(dir, 'shared.db');
    const alpha = exportOf(path.join(dir, 'alpha'), 'Alpha', ROWS, 0);
    const beta = exportOf(path.join(dir, 'beta'), 'Beta', ROWS, 7);
    // A later snapshot of alpha's account, with 500 new invitations and the rest as they were.
    const alpha2 = exportOf(path.join(dir, 'alpha2'), 'Alpha', ROWS + 500, 0);
    const runs: Run[] = [];
    const round = async (...commands: string[][]) => {
      const t0 = performance.now();
      const done = await Promise.all(commands.map((c) => invitekeeper(c, t0)));
      runs.push(...done);
      return done;
    };

    // Round 1: two accounts imported at once, and a plan of the default account (which creates it).
    await round(
      ['import', alpha, '--db', db, '--account', 'alpha'],
      ['import', beta, '--db', db, '--account', 'beta'],
      ['plan', '--db', db],
    );
    // Round 2: two snapshots of the same account at once, and a plan of that account.
    await round(
      ['import', alpha2, '--db', db, '--account', 'alpha'],
      ['import', beta, '--db', db, '--account', 'alpha'],
      ['plan', '--db', db, '--account', 'alpha'],
    );
    // Round 3: the same two imports again (already imported: nothing to do) beside a status.
    await round(
      ['import', alpha2, '--db', db, '--account', 'alpha'],
      ['import', beta, '--db', db, '--account', 'beta'],
      ['status', '--db', db, '--account', 'beta'],
    );

    for (const r of runs) {
      expect({ args: r.args.join(' '), code: r.code, stderr: r.stderr }).toEqual({
        args: r.args.join(' '),
        code: 0,
        stderr: '',
      });
      expect(() => JSON.parse(r.stdout)).not.toThrow();
    }
    const accounts = (name: string) => count(db, 'select id as n from accounts where name = ?', name);
    const invitationsOf = (name: string) =>
      count(db, 'select count(*) as n from invitations where account_id = ?', accounts(name));
    // alpha: its 4,500 people plus beta's 4,000 (imported into alpha in round 2); beta: its 4,000.
    expect(invitationsOf('alpha')).toBe(ROWS + 500 + ROWS);
    expect(invitationsOf('beta')).toBe(ROWS);
    expect(count(db, 'select count(*) as n from connections where account_id = ?', accounts('alpha'))).toBe(
      ROWS + 500 + ROWS,
    );
    expect(count(db, 'select count(*) as n from snapshots where account_id = ?', accounts('alpha'))).toBe(3);
    expect(count(db, 'select count(*) as n from snapshots where account_id = ?', accounts('beta'))).toBe(1);
    const raw = new BetterSqlite3(db, { readonly: true });
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();

    // The imports of one round overlapped: the second writer waited for the first.
    const overlapping = [0, 3, 6].filter((i) => {
      const [x, y] = [runs[i]!, runs[i + 1]!];
      return x.startedMs < y.endedMs && y.startedMs < x.endedMs;
    }).length;
    const out = path.join(PACKAGE_ROOT, '.tmp', 'reliability');
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(
      path.join(out, 'concurrency.json'),
      `${JSON.stringify(
        {
          test: 'src/cli/concurrency.test.ts',
          rounds: 3,
          processes: runs.length,
          imports: runs.filter((r) => r.args[0] === 'import').length,
          readers: runs.filter((r) => r.args[0] !== 'import').length,
          roundsWithOverlappingImports: overlapping,
          failures: runs.filter((r) => r.code !== 0 || r.stderr !== '').length,
          dbBusy: runs.filter((r) => r.stdout.includes('DB_BUSY') || r.stderr.includes('DB_BUSY')).length,
          lostRows: 0,
          runs: runs.map((r) => ({
            command: r.args.filter((a) => !a.includes(path.sep)).join(' '),
            exit: r.code,
            startedMs: Math.round(r.startedMs),
            endedMs: Math.round(r.endedMs),
          })),
          wallMs: Math.round(performance.now() - started),
        },
        null,
        2,
      )}\n`,
    );
  }, 120_000);
});
