import { describe, expect, it } from 'vitest';
import { closeServersAfterEach, server, withSample } from './testing-api.ts';

closeServersAfterEach();

describe('the API: invitations and withdrawals', () => {
  it('lists invitations filtered by status, age and name, a page at a time', async () => {
    const s = await server();
    await withSample(s);
    const page = async (q: string) => (await s.request(`/api/invitations?${q}`)).json();
    const all = await page('limit=2');
    expect(all.total).toBe(5);
    expect(all.invitations.map((i: { name: string }) => i.name)).toEqual([
      'Edsger Dijkstra',
      'Katherine Johnson',
    ]);
    expect(all.nextOffset).toBe(2);
    const last = await page('limit=2&offset=4');
    expect(last.invitations.map((i: { name: string }) => i.name)).toEqual(['Ada Lovelace']);
    expect(last.nextOffset).toBeNull();
    expect((await page('minAgeDays=14')).total).toBe(3);
    expect((await page('minAgeDays=14&maxAgeDays=30')).invitations[0].name).toBe('Alan Turing');
    expect((await page('q=GRACE')).invitations[0].note).toBe('Hi Grace, "great" talk');
    expect((await page('status=withdrawn,accepted')).total).toBe(0);
    const newest = await page('order=newest&limit=1');
    expect(newest.invitations[0]).toMatchObject({ name: 'Ada Lovelace', stale: false, ageDays: 1 });
  });

  it('refuses a malformed query with 400 and says what is wrong', async () => {
    const s = await server();
    const res = await s.request('/api/invitations?status=lost&limit=0');
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('USAGE');
    expect(body.error.message).toContain('"lost" is not one of');
    expect(body.error.problems.length).toBeGreaterThanOrEqual(2);
  });

  it('records withdrawals, counts them against the cap, and refuses a second withdrawal with 409', async () => {
    const s = await server();
    await withSample(s);
    const post = (people: string[]) =>
      s.request('/api/withdrawals', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ people }),
      });
    const res = await post(['https://www.linkedin.com/in/edsger-dijkstra']);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      withdrawnToday: 1,
      cap: 20,
      recorded: [{ name: 'Edsger Dijkstra' }],
    });
    const plan = await (await s.request('/api/plan')).json();
    expect(plan.details.withdrawnToday).toBe(1);
    expect(plan.withdrawals[0].name).toBe('Katherine Johnson');
    const again = await post(['https://www.linkedin.com/in/edsger-dijkstra']);
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe('CONFLICT');
    expect((await post(['https://www.linkedin.com/in/nobody-known'])).status).toBe(404);
  });
});
