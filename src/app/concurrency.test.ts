/**
 * Concurrency on PostgreSQL (issue 6): 8 processes plan, read the status, claim sends and record
 * withdrawals for the same account at once, for INVITEKEEPER_TEST_CONCURRENCY_SECONDS (30 by
 * default, as in CI; set it lower for a quick local run). Afterwards no rolling 7-day window and
 * no day holds more sends than the limits, no person was invited twice while pending or in
 * cooldown, and every send and withdrawal a worker was told was recorded is in the database,
 * exactly once.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DAY_MS, WEEK_MS } from '../core/index.ts';
import { createStore } from '../store/index.ts';
import { postgresDialect } from '../store/testing/dialects.ts';
import { loadConfig } from './config.ts';
import { importTargets } from './outreach/targets.ts';
import { tempDir } from './testing/fixtures.ts';

const WORKERS = 8;
const PEOPLE = 400;
const SECONDS = Number(process.env.INVITEKEEPER_TEST_CONCURRENCY_SECONDS ?? 30);
const WEEKLY = 100;
const DAILY = 20;
const COOLDOWN_DAYS = 21;
const here = path.dirname(fileURLToPath(import.meta.url));
const workerFile = path.join(here, '..', 'store', 'testing', 'concurrency-worker.ts');

interface Line {
  kind: 'ready' | 'claim' | 'refusal' | 'withdrawal' | 'error' | 'done';
  [key: string]: unknown;
}

/** Starts a worker; `ready` resolves once it has opened the database, `go` starts it, `result` has its lines. */
function startWorker(args: Record<string, unknown>) {
  const child = spawn(process.execPath, ['--import', 'tsx', workerFile, JSON.stringify(args)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const result = new Promise<Line[]>((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
      if (stdout.includes('"ready"')) markReady();
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      markReady();
      if (code !== 0) reject(new Error(`worker ${args.worker} exited with ${code}: ${stderr}`));
      else
        resolve(
          stdout
            .split('\n')
            .filter(Boolean)
            .map((l) => JSON.parse(l) as Line),
        );
    });
  });
  return {
    ready,
    result,
    go: (start: { wallStart: number; deadline: number }) => child.stdin.end(`${JSON.stringify(start)}\n`),
  };
}

describe.skipIf(postgresDialect.skip)(`concurrency on ${postgresDialect.label}`, () => {
  it(
    `${WORKERS} processes planning, claiming sends and withdrawing for one account for ${SECONDS} s never exceed a limit nor lose a row`,
    async () => {
      const url = await postgresDialect.fresh();
      const setup = await createStore(url);
      const simStart = Date.parse('2026-03-02T08:00:00Z');
      // The people the workers invite are also the account's targets, so plans hold sends.
      const targets = path.join(tempDir(), 'targets.csv');
      fs.writeFileSync(
        targets,
        `name,profileUrl,relation,mutualConnections\n${Array.from(
          { length: PEOPLE },
          (_, k) => `Person ${k},https://www.linkedin.com/in/p-${k},colleague,${k % 30}`,
        ).join('\n')}\n`,
      );
      await importTargets({ store: setup, config: loadConfig({ db: url }, {}), now: simStart }, targets);
      await setup.write(null, async (tx) => {
        const account = await tx.ensureAccount('default', simStart);
        await tx.lockAccount(account.id);
        await tx.saveAccountSettings(account.id, {
          weeklyInviteLimit: WEEKLY,
          dailyInviteLimit: DAILY,
          reinviteCooldownDays: COOLDOWN_DAYS,
        });
      });
      // One simulated day per wall-clock second: 30 s cover four weeks, so both limits bind.
      const args = { url, simStart, speed: DAY_MS / 1000, people: PEOPLE };
      const workers = Array.from({ length: WORKERS }, (_, worker) =>
        startWorker({ ...args, worker, seed: 7919 * (worker + 1) }),
      );
      await Promise.all(workers.map((w) => w.ready));
      const wallStart = Date.now();
      for (const w of workers) w.go({ wallStart, deadline: wallStart + SECONDS * 1000 });
      const outputs = await Promise.all(workers.map((w) => w.result));
      const lines = outputs.flat();
      const done = lines.filter((l) => l.kind === 'done');
      expect(done).toHaveLength(WORKERS);
      expect(lines.filter((l) => l.kind === 'error')).toEqual([]);
      const claims = lines.filter((l) => l.kind === 'claim') as Array<
        Line & { id: number; person: string; at: number }
      >;
      const withdrawals = lines.filter((l) => l.kind === 'withdrawal' && (l.n as number) > 0);
      console.info(
        `concurrency: ${SECONDS} s, ${WORKERS} workers: ${JSON.stringify(
          done.reduce<Record<string, number>>((sum, d) => {
            for (const k of ['plans', 'statuses', 'claims', 'refusals', 'withdrawals', 'errors'])
              sum[k] = (sum[k] ?? 0) + (d[k] as number);
            return sum;
          }, {}),
        )}`,
      );
      expect(claims.length).toBeGreaterThan(0);

      const account = (await setup.findAccount('default'))!;
      const invitations = await setup.listInvitations(account.id);
      await setup.close();

      // Every claimed send is there, once; nothing else is.
      const ids = claims.map((c) => c.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(invitations.map((i) => i.id).sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
      const byId = new Map(invitations.map((i) => [i.id, i]));
      for (const c of claims) expect(byId.get(c.id)).toMatchObject({ personKey: c.person, sentAt: c.at });
      const dump = await (async () => {
        const s = await createStore(url);
        try {
          return await s.dumpTables();
        } finally {
          await s.close();
        }
      })();
      const sentEvents = (dump.events as Array<{ kind: string; invitation_id: number }>).filter(
        (e) => e.kind === 'sent',
      );
      expect(sentEvents.map((e) => e.invitation_id).sort((a, b) => a - b)).toEqual(
        [...ids].sort((a, b) => a - b),
      );
      // Every withdrawal a worker was told about is recorded.
      const withdrawnEvents = (dump.events as Array<{ kind: string }>).filter((e) => e.kind === 'withdrawn');
      expect(withdrawnEvents).toHaveLength(withdrawals.reduce((n, w) => n + (w.n as number), 0));
      expect(invitations.filter((i) => i.status === 'withdrawn')).toHaveLength(withdrawnEvents.length);

      // No rolling 7-day window and no (UTC) day over its limit.
      const times = invitations.map((i) => i.sentAt).sort((a, b) => a - b);
      for (const end of times) {
        expect(times.filter((t) => t > end - WEEK_MS && t <= end).length).toBeLessThanOrEqual(WEEKLY);
      }
      const perDay = new Map<number, number>();
      for (const t of times)
        perDay.set(Math.floor(t / DAY_MS), (perDay.get(Math.floor(t / DAY_MS)) ?? 0) + 1);
      for (const n of perDay.values()) expect(n).toBeLessThanOrEqual(DAILY);

      // Nobody invited while already pending, nor during the cooldown after a withdrawal.
      const byPerson = new Map<string, typeof invitations>();
      for (const i of invitations) byPerson.set(i.personKey, [...(byPerson.get(i.personKey) ?? []), i]);
      for (const list of byPerson.values()) {
        list.sort((a, b) => a.sentAt - b.sentAt);
        for (let k = 1; k < list.length; k++) {
          const prev = list[k - 1]!;
          expect(prev.status, `${prev.personKey} invited again while pending`).toBe('withdrawn');
          expect(list[k]!.sentAt).toBeGreaterThanOrEqual(prev.statusAt! + COOLDOWN_DAYS * DAY_MS);
        }
      }
    },
    SECONDS * 1000 + 120_000,
  );
});
