import { describe, expect, it } from 'vitest';
import { getPlan } from '../answers/plan.ts';
import { recordAcceptance, recordSend } from '../invitations/sends.ts';
import { recordWithdrawals } from '../invitations/withdrawals.ts';
import { closingContexts } from '../testing/contexts.ts';
import { at } from '../testing/fixtures.ts';
import { addTarget, blockTarget, listTargets, pruneUnansweredTargets } from './targets.ts';

const url = (slug: string) => `https://www.linkedin.com/in/${slug}`;
const ctxAt = closingContexts();

describe('targets who left an invitation unanswered', () => {
  it('are planned again after the cooldown, marked in the list, and pruned only on request', async () => {
    const ctx = await ctxAt('2026-11-02T08:00:00Z');
    for (const slug of ['ana', 'bea', 'cid', 'dan']) await addTarget(ctx, { person: url(slug) });
    await addTarget(ctx, { person: url('eve') });
    for (const slug of ['ana', 'bea', 'cid', 'dan'])
      await recordSend(at(ctx, '2026-11-02T10:00:00Z'), url(slug));
    // ana is withdrawn, bea accepts, cid stays pending; dan is withdrawn but blocked later.
    const nov20 = at(ctx, '2026-11-20T10:00:00Z');
    await recordWithdrawals(nov20, [url('ana'), url('dan')]);
    await recordAcceptance(nov20, url('bea'));
    await blockTarget(nov20, url('dan'));

    // In the cooldown: COOLDOWN with its end (SPEC section 7), not a reason of our own.
    const during = await getPlan(at(ctx, '2026-11-25T10:00:00Z'));
    expect(during.skipped.find((s) => s.profileUrl === url('ana'))).toMatchObject({
      reason: 'COOLDOWN',
      until: '2026-12-11T10:00:00.000Z',
    });
    // After it: planned again, as LinkedIn allows.
    const after = at(ctx, '2026-12-14T08:00:00Z');
    expect((await getPlan(after)).sends.map((s) => s.profileUrl)).toEqual(
      expect.arrayContaining([url('ana')]),
    );
    const list = await listTargets(after);
    const unanswered = list.targets.filter((t) => t.unanswered).map((t) => t.profileUrl);
    expect(unanswered.sort()).toEqual([url('ana'), url('dan')]);

    const dry = await pruneUnansweredTargets(after, { dryRun: true });
    expect(dry.removed.map((t) => t.profileUrl)).toEqual([url('ana')]);
    expect((await listTargets(after)).targets).toHaveLength(5);
    const done = await pruneUnansweredTargets(after);
    expect(done.removed.map((t) => t.profileUrl)).toEqual([url('ana')]);
    const left = (await listTargets(after)).targets.map((t) => t.profileUrl).sort();
    // The blocked one stays (removing it would lift the block), and so do the others.
    expect(left).toEqual([url('bea'), url('cid'), url('dan'), url('eve')]);
    expect((await getPlan(after)).sends.map((s) => s.profileUrl)).not.toContain(url('ana'));
  });
});
