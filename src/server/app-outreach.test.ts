import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getPlan } from '../app/index.ts';
import { tempDir, writeExport } from '../app/testing/fixtures.ts';
import { type TestServer, uploadForm } from './testing.ts';
import { closeServersAfterEach, server, withSample } from './testing-api.ts';

closeServersAfterEach();

describe('the outreach API', () => {
  const TARGETS = [
    'name,profileUrl,relation,mutualConnections,timezone,company,tags,event',
    'Jane Doe,https://www.linkedin.com/in/jane-doe,colleague,12,Europe/Berlin,Acme,fintech,Web Summit',
    'Alan Turing,https://www.linkedin.com/in/alan-turing,alumni,3,Europe/London,Bletchley,,',
    'Joan Clarke,https://www.linkedin.com/in/joan-clarke,industry-peer,0,,Hut 8,,',
  ].join('\n');
  const post = (s: TestServer, path: string, body: unknown) =>
    s.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('imports, lists, adds and blocks targets, and the plan sends to the ready ones', async () => {
    const s = await server();
    await withSample(s); // Alan Turing is already pending
    const imported = await s.request('/api/targets/import', {
      method: 'POST',
      body: uploadForm('targets.csv', TARGETS),
    });
    expect(imported.status).toBe(200);
    expect(await imported.json()).toMatchObject({ file: 'targets.csv', targets: { new: 3 }, rowErrors: [] });

    const added = await post(s, '/api/targets', {
      person: 'https://www.linkedin.com/in/ada-byron',
      name: 'Ada Byron',
      company: 'Analytical Engines',
      mutualConnections: 30,
    });
    expect(added.status).toBe(200);
    expect(await added.json()).toMatchObject({
      created: true,
      target: { name: 'Ada Byron', status: 'ready' },
    });

    const blocked = await post(s, '/api/targets/block', {
      person: 'https://www.linkedin.com/in/joan-clarke',
    });
    expect(await blocked.json()).toMatchObject({
      changed: true,
      target: { doNotContact: true, status: 'DO_NOT_CONTACT' },
    });

    const list = await (await s.request('/api/targets')).json();
    expect(list.targets.map((t: { name: string; status: string }) => [t.name, t.status])).toEqual([
      ['Ada Byron', 'ready'],
      ['Jane Doe', 'ready'],
      ['Alan Turing', 'ALREADY_PENDING'],
      ['Joan Clarke', 'DO_NOT_CONTACT'],
    ]);
    expect((await (await s.request('/api/targets?status=ready')).json()).targets).toHaveLength(2);

    const plan = await (await s.request('/api/plan')).json();
    expect(plan.sends.map((x: { name: string }) => x.name)).toEqual(['Ada Byron', 'Jane Doe']);
    expect(plan.skipped.map((x: { reason: string }) => x.reason).sort()).toEqual([
      'ALREADY_PENDING',
      'DO_NOT_CONTACT',
    ]);
    expect(plan.details.sending).toMatchObject({ targets: 4, paused: false });
    expect(plan.details.sending.sends).toHaveLength(2);
  });

  it("adds, lists and lints templates with the CLI's lint", async () => {
    const s = await server();
    await s.request('/api/targets/import', { method: 'POST', body: uploadForm('targets.csv', TARGETS) });
    const body = 'Hi {firstName}, we met at {event}. Would be glad to connect.';
    const added = await post(s, '/api/templates', { id: 'met-at-event', body });
    expect(added.status).toBe(200);
    expect(await added.json()).toMatchObject({
      created: true,
      template: { id: 'met-at-event', isDefault: true },
    });
    expect((await post(s, '/api/templates', { id: 'met-at-event', body })).status).toBe(409);
    const list = await (await s.request('/api/templates')).json();
    expect(list).toMatchObject({
      defaultTemplate: 'met-at-event',
      templates: [{ variables: ['firstName', 'event'] }],
    });

    const long = await (await post(s, '/api/templates/lint', { text: 'x '.repeat(150) })).json();
    expect(long).toMatchObject({ tier: 'free', maxChars: 200, errors: 1 });
    expect(long.issues.map((i: { code: string }) => i.code)).toContain('TOO_LONG');

    const forTargets = await (
      await post(s, '/api/templates/lint', {
        id: 'met-at-event',
        targets: ['https://www.linkedin.com/in/jane-doe', 'https://www.linkedin.com/in/alan-turing'],
      })
    ).json();
    expect(forTargets.targets[0]).toMatchObject({
      note: 'Hi Jane, we met at Web Summit. Would be glad to connect.',
    });
    expect(forTargets.targets[1].unfilled).toEqual(['event']);
  });

  it('records a send, and refuses a second one with 409 and the reason', async () => {
    const s = await server();
    const ok = await post(s, '/api/sends', {
      person: 'https://www.linkedin.com/in/jane-doe',
      note: 'Hi Jane!',
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ name: 'jane-doe', note: 'Hi Jane!', quota: { sentToday: 1 } });
    const again = await post(s, '/api/sends', { person: 'https://www.linkedin.com/in/jane-doe' });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({
      error: { code: 'CONFLICT', data: { reason: 'ALREADY_PENDING' } },
    });
    expect((await post(s, '/api/sends', { person: 'x', templateId: 'a', note: 'b' })).status).toBe(400);
  });
});

describe('POST /api/settings/stale-after-days/recommended (issue 14: a button, not a command line)', () => {
  it('refuses while no acceptance is known, then sets the recommended threshold', async () => {
    const s = await server();
    const empty = await s.request('/api/settings/stale-after-days/recommended', { method: 'POST' });
    expect(empty.status).toBe(409);
    expect((await empty.json()).error.code).toBe('CONFLICT');
    const history = fs.readdirSync(new URL('../../examples/history/', import.meta.url)).sort();
    for (const f of history) {
      const bytes = fs.readFileSync(new URL(`../../examples/history/${f}`, import.meta.url));
      expect((await s.request('/api/import', { method: 'POST', body: uploadForm(f, bytes) })).status).toBe(
        200,
      );
    }
    const report = await (await s.request('/api/report')).json();
    const res = await s.request('/api/settings/stale-after-days/recommended', { method: 'POST' });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      key: 'staleAfterDays',
      recommended: report.timeToAccept.recommendedStaleAfterDays,
    });
    expect((await (await s.request('/api/settings')).json()).staleAfterDays).toBe(body.recommended);
  });
});

describe('GET /api/plan keeps its answer small (issue 17)', () => {
  it('lists the first skipped targets with every one counted by reason; skipped=all lists them all', async () => {
    const s = await server();
    const people = Array.from({ length: 60 }, (_, k) => ({
      first: 'Known',
      last: `Person ${k}`,
      slug: `known-${k}`,
    }));
    const dir = writeExport(tempDir(), {
      invitations: [{ name: 'Ada Lovelace', slug: 'ada', sentAt: '2026-11-20T09:00:00Z' }],
      connections: people.map((p) => ({ ...p, connectedOn: '2026-01-10' })),
    });
    for (const f of ['Connections.csv', 'Invitations.csv']) {
      const res = await s.request('/api/import', {
        method: 'POST',
        body: uploadForm(f, fs.readFileSync(path.join(dir, f))),
      });
      expect(res.status).toBe(200);
    }
    const csv = `name,profileUrl\n${people.map((p) => `${p.first} ${p.last},https://www.linkedin.com/in/${p.slug}`).join('\n')}\n`;
    expect(
      (await s.request('/api/targets/import', { method: 'POST', body: uploadForm('t.csv', csv) })).status,
    ).toBe(200);
    const page = await (await s.request('/api/plan')).json();
    expect(page.skipped).toHaveLength(50);
    expect(page.skippedCount).toEqual({ total: 60, byReason: { ALREADY_CONNECTED: 60 } });
    const all = await (await s.request('/api/plan?skipped=all')).json();
    expect(all.skipped).toEqual((await getPlan(s.ctx)).skipped);
    expect(all.skipped.slice(0, 50)).toEqual(page.skipped);
  });
});
