import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getStatus } from '../app/index.ts';
import { uploadForm } from './testing.ts';
import { closeServersAfterEach, invitationsCsv, server, withSample } from './testing-api.ts';

closeServersAfterEach();

describe('the API: imports', () => {
  it('imports an uploaded CSV once: the second upload changes nothing', async () => {
    const s = await server();
    const first = await withSample(s);
    expect(first).toMatchObject({ kind: 'export', file: 'Invitations.csv', imported: 5, rowErrors: [] });
    const again = await withSample(s);
    // the file's rows are all unchanged, not 0 (issue 14)
    expect(again).toMatchObject({
      alreadyImported: true,
      imported: 0,
      unchanged: first.imported + first.unchanged,
    });
    expect(again.unchanged).toBeGreaterThan(0);
  });

  it('points a targets list dropped on the import to the targets, in a line, not a wall of headers', async () => {
    const s = await server();
    const csv =
      'name,profileUrl,relation,headline\nAda Lovelace,https://www.linkedin.com/in/ada,colleague,Engineer\n';
    const res = await s.request('/api/import', { method: 'POST', body: uploadForm('people.csv', csv) });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.data).toEqual({ importAs: 'targets' });
    expect(body.error.message).toBe(
      'people.csv line 1: is a list of people to invite (it has a profileUrl column), not a LinkedIn export file: import it as targets',
    );
  });

  it('refuses a bad upload with 422 and the row errors, and imports nothing', async () => {
    const s = await server();
    const csv = Buffer.concat([
      invitationsCsv(),
      Buffer.from('The Member,Bad Row,not a date,,OUTGOING,,\r\n'),
    ]);
    const res = await s.request('/api/import', { method: 'POST', body: uploadForm('Invitations.csv', csv) });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.code).toBe('BAD_INPUT');
    expect(body.error.line).toBe(7);
    expect((await getStatus(s.ctx)).pending.count).toBe(0);
    const skipped = await s.request('/api/import', {
      method: 'POST',
      body: uploadForm('Invitations.csv', csv, { skipBadRows: 'true' }),
    });
    expect(skipped.status).toBe(200);
    expect((await skipped.json()).rowErrors).toHaveLength(1);
  });

  it('imports a pasted Sent page, reporting its bad row', async () => {
    const s = await server();
    const text = fs.readFileSync(new URL('../sources/fixtures/sent-page.txt', import.meta.url), 'utf8');
    const res = await s.request('/api/import/sent-page', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text, skipBadRows: true }),
    });
    const report = await res.json();
    expect(res.status, JSON.stringify(report)).toBe(200);
    expect(report.kind).toBe('sent-page');
    expect(report.invitations.new).toBeGreaterThan(0);
    expect(report.rowErrors).toMatchObject([{ file: 'pasted Sent page.txt', line: 50 }]);
  });
});
