import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect } from 'vitest';
import { tempDir, writeExport } from '../app/testing/fixtures.ts';
import { createTestServer, type TestServer, uploadForm } from './testing.ts';

/**
 * The API tests' sample: their clock, a test server per test (closed after it), and a small export
 * uploaded as its two CSVs. Test-only.
 */

export const NOW = '2026-11-26T12:00:00Z';
const servers: TestServer[] = [];

/** Closes after each test of the calling file the servers server() started in it. */
export function closeServersAfterEach(): void {
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.close();
  });
}

export async function server(opts: { maxUploadBytes?: number } = {}) {
  const s = await createTestServer({ now: NOW, ...opts });
  servers.push(s);
  return s;
}

/** An export with five outgoing invitations (three stale) as Invitations.csv bytes. */
export function invitationsCsv(
  extra: Array<{ name: string; sentAt: string; slug?: string | null }> = [],
): Buffer {
  const dir = writeExport(tempDir(), {
    invitations: [
      { name: 'Ada Lovelace', sentAt: '2026-11-25T09:00:00Z' },
      { name: 'Grace Hopper', sentAt: '2026-11-20T09:00:00Z', message: 'Hi Grace, "great" talk' },
      { name: 'Alan Turing', sentAt: '2026-11-01T09:00:00Z' },
      { name: 'Katherine Johnson', sentAt: '2026-10-01T09:00:00Z' },
      { name: 'Edsger Dijkstra', sentAt: '2026-06-05T09:00:00Z' },
      ...extra,
    ],
  });
  return fs.readFileSync(path.join(dir, 'Invitations.csv'));
}

/**
 * A Connections.csv of one person invited nowhere: Invitations.csv lists accepted invitations too, so
 * the plan withdraws nobody until some connection is known.
 */
export function connectionsCsv(): Buffer {
  const dir = writeExport(tempDir(), {
    connections: [{ first: 'Barbara', last: 'Liskov', connectedOn: '2026-01-10' }],
  });
  return fs.readFileSync(path.join(dir, 'Connections.csv'));
}

export async function withSample(s: TestServer) {
  const first = await s.request('/api/import', {
    method: 'POST',
    body: uploadForm('Connections.csv', connectionsCsv()),
  });
  expect(first.status).toBe(200);
  const res = await s.request('/api/import', {
    method: 'POST',
    body: uploadForm('Invitations.csv', invitationsCsv()),
  });
  expect(res.status).toBe(200);
  return res.json();
}
