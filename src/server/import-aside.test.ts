/**
 * Imports run in a worker thread (ServerDeps.importsAside, as `invitekeeper serve` runs them): the
 * server answers other requests while a large file is read and written, and the import's report,
 * refusals and atomicity are the ones the request's own thread gives.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../app/index.ts';
import { testContext } from '../app/testing/fixtures.ts';
import { createStore } from '../store/index.ts';
import { dialects } from '../store/testing/dialects.ts';
import { createApp } from './index.ts';
import { allowedHostsFor, createLocalTokenAuth } from './security.ts';
import { TEST_HOST, TEST_TOKEN, uploadForm } from './testing.ts';

const EXAMPLES = new URL('../../examples/', import.meta.url).pathname;
const NOW = '2026-12-01T12:00:00Z';

/** The bundled Sent page with its cards repeated under new profile links: `copies` × 100 invitations. */
function biggerSentPage(copies: number): string {
  const html = fs.readFileSync(path.join(EXAMPLES, 'sent-page.html'), 'utf8');
  const start = html.indexOf('<li class="invitation-card');
  const end = html.indexOf('</ul>', start);
  const cards = html.slice(start, end);
  let out = html.slice(0, start);
  for (let k = 0; k < copies; k++) out += cards.replace(/\/in\/([^/"?]+)/g, (_, slug) => `/in/${slug}-c${k}`);
  return out + html.slice(end);
}

const opened: AppContext[] = [];
afterEach(async () => {
  for (const c of opened.splice(0)) await c.store.close();
});

async function server(db: string, importsAside: boolean) {
  const ctx = await testContext({ now: NOW, db });
  opened.push(ctx);
  const app = createApp({
    app: ctx,
    clock: () => ctx.now,
    auth: createLocalTokenAuth(TEST_TOKEN),
    allowedHosts: allowedHostsFor('127.0.0.1', 7755),
    dashboardDir: null,
    importsAside,
  });
  const request = async (url: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('host', TEST_HOST);
    headers.set('authorization', `Bearer ${TEST_TOKEN}`);
    const res = await app.request(`http://${TEST_HOST}${url}`, { ...init, headers });
    // biome-ignore lint/suspicious/noExplicitAny: test assertions check the shape
    return { status: res.status, body: (await res.json()) as any };
  };
  return { ctx, request };
}

for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(dialect.label, () => {
    it('answers status while an import waits for the database, then shows what it imported', async () => {
      const db = await dialect.fresh();
      const { request } = await server(db, true);
      expect((await request('/api/status')).body.pending.count).toBe(0);
      // another writer holds the account (as a long import in another process would): the import
      // waits for it, and meanwhile the server must go on answering
      const other = await createStore(db);
      const account = (await other.findAccount('default'))!;
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let locked!: () => void;
      const lockTaken = new Promise<void>((resolve) => {
        locked = resolve;
      });
      const holding = other.write(account.id, async () => {
        locked();
        await held;
      });
      await lockTaken;
      const events: string[] = [];
      const upload = request('/api/import', {
        method: 'POST',
        body: uploadForm('sent.html', biggerSentPage(30), { allowEmpty: 'true' }),
      }).then((r) => {
        events.push('import');
        return r;
      });
      // without a way around the import, the status waits behind it: let it go after a while so
      // that the test fails rather than hangs
      const fallback = setTimeout(release, 5000);
      const status = await request('/api/status');
      events.push('status');
      release();
      clearTimeout(fallback);
      await holding;
      await other.close();
      expect(status.status).toBe(200);
      expect(status.body.pending.count).toBe(0);
      const imported = await upload;
      expect(imported.status).toBe(200);
      expect(imported.body.imported).toBe(3000);
      expect(events).toEqual(['status', 'import']);
      expect((await request('/api/status')).body.pending.count).toBe(3000);
      // the same page again: already imported, through another worker
      const again = await request('/api/import', {
        method: 'POST',
        body: uploadForm('sent.html', biggerSentPage(30), { allowEmpty: 'true' }),
      });
      expect(again.body.alreadyImported).toBe(true);
    });

    it('imports an export ZIP in the worker and gives its refusals as the request thread does', async () => {
      const db = await dialect.fresh();
      const { request } = await server(db, true);
      const zip = fs.readFileSync(path.join(EXAMPLES, 'linkedin-export.zip'));
      const ok = await request('/api/import', { method: 'POST', body: uploadForm('export.zip', zip) });
      expect(ok.status).toBe(200);
      expect(ok.body.kind).toBe('export');
      expect(ok.body.imported).toBeGreaterThan(100);
      const before = await request('/api/invitations?limit=1');

      const bad =
        'From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\nA,B,not a date,,OUTGOING,,\n';
      const refusedAside = await request('/api/import', {
        method: 'POST',
        body: uploadForm('Invitations.csv', bad),
      });
      const inPlace = await server(db, false);
      const refusedHere = await inPlace.request('/api/import', {
        method: 'POST',
        body: uploadForm('Invitations.csv', bad),
      });
      expect(refusedAside.status).toBeGreaterThanOrEqual(400);
      expect(refusedAside).toEqual(refusedHere);
      expect(refusedAside.body.error.message).toContain('Invitations.csv');
      expect(await request('/api/invitations?limit=1')).toEqual(before);
    });
  });
}
