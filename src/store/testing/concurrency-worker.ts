/**
 * One worker of the PostgreSQL concurrency test (src/app/concurrency.test.ts), run as its own
 * process: until its deadline it plans, reads the status, claims sends and records withdrawals
 * for one account, on a simulated clock that all workers share, and prints every outcome as a JSON
 * line. Test-only.
 */
import {
  type AppContext,
  claimSend,
  getPlan,
  getStatus,
  loadConfig,
  recordWithdrawals,
} from '../../app/index.ts';
import { isInviteKeeperError } from '../../core/index.ts';
import { createStore } from '../index.ts';

interface Args {
  url: string;
  worker: number;
  simStart: number;
  /** Simulated milliseconds per wall-clock millisecond. */
  speed: number;
  people: number;
  seed: number;
}

const args = JSON.parse(process.argv[2] ?? '{}') as Args;
const store = await createStore(args.url);
// Every worker starts at once, when the test says go: { wallStart, deadline } on stdin.
process.stdout.write(`${JSON.stringify({ kind: 'ready', worker: args.worker })}\n`);
const go = await new Promise<{ wallStart: number; deadline: number }>((resolve) => {
  let buffer = '';
  process.stdin.on('data', (d) => {
    buffer += d;
    if (buffer.includes('\n')) resolve(JSON.parse(buffer.split('\n')[0]!));
  });
});
process.stdin.destroy();
const base: AppContext = { store, config: loadConfig({ db: args.url }, {}), now: args.simStart };
let state = args.seed >>> 0 || 1;
const random = () => {
  // xorshift32: reproducible per worker, no shared state.
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) / 0x1_0000_0000;
};
const out = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);
const counts = { plans: 0, statuses: 0, claims: 0, refusals: 0, withdrawals: 0, errors: 0 };

while (Date.now() < go.deadline) {
  const now = args.simStart + Math.floor((Date.now() - go.wallStart) * args.speed);
  const ctx: AppContext = { ...base, now };
  const person = `https://www.linkedin.com/in/p-${Math.floor(random() * args.people)}`;
  const dice = random();
  try {
    if (dice < 0.15) {
      await getPlan(ctx);
      counts.plans++;
    } else if (dice < 0.25) {
      await getStatus(ctx);
      counts.statuses++;
    } else if (dice < 0.85) {
      // Half the sends follow a plan made just before (as a member working from the plan would),
      // half go to anyone: both race the other workers for the same people and the same quota.
      let target = person;
      if (random() < 0.5) {
        const plan = await getPlan(ctx);
        counts.plans++;
        const sends = plan.sends.filter((s) => s.profileUrl);
        const pick = sends[Math.floor(random() * Math.min(3, sends.length))];
        if (pick?.profileUrl) target = pick.profileUrl;
      }
      const result = await claimSend(ctx, target);
      if (result.ok) {
        counts.claims++;
        out({ kind: 'claim', id: result.invitationId, person: result.personKey, at: now });
      } else {
        counts.refusals++;
        out({ kind: 'refusal', reason: result.reason, at: now });
      }
    } else {
      const result = await recordWithdrawals(ctx, [person]);
      counts.withdrawals++;
      out({ kind: 'withdrawal', person, at: now, n: result.recorded.length });
    }
  } catch (error) {
    // A withdrawal of someone not pending is refused with NOT_FOUND/CONFLICT/USAGE: expected.
    if (!isInviteKeeperError(error) || !['NOT_FOUND', 'CONFLICT', 'USAGE'].includes(error.code)) {
      counts.errors++;
      out({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }
}
out({ kind: 'done', worker: args.worker, ...counts });
await store.close();
