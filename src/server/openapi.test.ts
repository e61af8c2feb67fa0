import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, writeExport } from '../app/testing/fixtures.ts';
import { OPENAPI_PATH } from './app.ts';
import { createTestServer, type TestServer, uploadForm } from './testing.ts';

/**
 * Keeps /api/openapi.json true: every route the app registers is in the document and every
 * documented operation is registered; and real responses, errors included, validate against the
 * schemas the document gives for their status code.
 */

interface Operation {
  responses: Record<string, { content?: Record<string, { schema: object }> }>;
}
interface OpenApiDoc {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, object> };
}

let s: TestServer;
let doc: OpenApiDoc;

beforeAll(async () => {
  s = await createTestServer({ now: '2026-11-26T12:00:00Z', maxUploadBytes: 4096 });
  const res = await s.request(OPENAPI_PATH, { token: null });
  expect(res.status).toBe(200);
  doc = await res.json();
});
afterAll(() => s.close());

/** `/api/x/{id}` in the document is `/api/x/:id` in the router. */
const routerPath = (p: string) => p.replace(/\{([^}]+)\}/g, ':$1');

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with a bearer security scheme', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(JSON.stringify(doc)).toContain('"scheme":"bearer"');
  });

  it('documents exactly the routes the app registers', () => {
    const registered = new Set(
      s.app.routes
        .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/') && r.path !== OPENAPI_PATH)
        .map((r) => `${r.method} ${r.path}`),
    );
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([p, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${routerPath(p)}`),
      ),
    );
    expect([...documented].sort()).toEqual([...registered].sort());
    expect(registered.size).toBeGreaterThanOrEqual(18);
  });

  it('gives every operation its error responses', () => {
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const [m, op] of Object.entries(ops)) {
        for (const code of ['200', '400', '401', '403', '500']) {
          expect(op.responses[code], `${m} ${p} ${code}`).toBeDefined();
        }
      }
    }
  });
});

describe('responses match the documented schemas', () => {
  /** Calls the API and validates the body against the document's schema for that path, method and status. */
  async function check(
    method: 'GET' | 'POST',
    pathAndQuery: string,
    expectedStatus: number,
    init: Parameters<TestServer['request']>[1] = {},
  ): Promise<unknown> {
    const res = await s.request(pathAndQuery, { ...init, method });
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(expectedStatus);
    const p = pathAndQuery.split('?')[0]!;
    const op = doc.paths[p]?.[method.toLowerCase()];
    expect(op, `${method} ${p} is documented`).toBeDefined();
    const schema = op!.responses[String(expectedStatus)]?.content?.['application/json']?.schema;
    expect(schema, `${method} ${p} documents ${expectedStatus}`).toBeDefined();
    // A fresh validator per check: the report's embedded schema carries an $id Ajv may hold only once.
    const ajv = new Ajv2020({ strict: false, allErrors: true, formats: { 'date-time': true, binary: true } });
    const validate = ajv.compile({ ...schema, components: doc.components });
    expect(validate(body), JSON.stringify(validate.errors, null, 1)).toBe(true);
    return body;
  }
  const json = (body: unknown) => ({
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

  it('on an empty account', async () => {
    await check('GET', '/api/status', 200);
    await check('GET', '/api/plan', 200);
    await check('GET', '/api/invitations/ages', 200);
  });

  it('after an import, for every read and write', async () => {
    const dir = writeExport(tempDir(), {
      invitations: [
        { name: 'Ada Lovelace', sentAt: '2026-11-25T09:00:00Z', message: 'Hello Ada' },
        { name: 'Alan Turing', sentAt: '2026-11-01T09:00:00Z' },
        { name: 'Name Only', slug: null, sentAt: '2026-10-01T09:00:00Z' },
      ],
      connections: [{ first: 'Barbara', last: 'Liskov', connectedOn: '2026-01-10' }],
    });
    const connections = fs.readFileSync(path.join(dir, 'Connections.csv'));
    await check('POST', '/api/import', 200, { body: uploadForm('Connections.csv', connections) });
    const csv = fs.readFileSync(path.join(dir, 'Invitations.csv'));
    await check('POST', '/api/import', 200, { body: uploadForm('Invitations.csv', csv) });
    await check('GET', '/api/status', 200);
    const plan = (await check('GET', '/api/plan', 200)) as { withdrawals: unknown[] };
    expect(plan.withdrawals).toHaveLength(2);
    await check('GET', '/api/settings', 200);
    await check('GET', '/api/accounts', 200);
    await check('GET', '/api/invitations?status=pending&limit=2', 200);
    await check('GET', '/api/invitations/ages', 200);
    await check('GET', '/api/invitations/acceptance', 200);
    await check('GET', '/api/report', 200);
    await check('GET', '/api/report?whatIf=staleAfterDays=7,21&whatIf=weeklyInviteLimit=80', 200);
    await check(
      'POST',
      '/api/withdrawals',
      200,
      json({ people: ['https://www.linkedin.com/in/alan-turing'] }),
    );
    await check('GET', '/api/invitations?status=withdrawn', 200);
    await check(
      'POST',
      '/api/withdrawals',
      409,
      json({ people: ['https://www.linkedin.com/in/alan-turing'] }),
    );
    const targets = 'name,profileUrl,company\nJane Doe,https://www.linkedin.com/in/jane-doe,Acme\n';
    await check('POST', '/api/targets/import', 200, { body: uploadForm('targets.csv', targets) });
    await check(
      'POST',
      '/api/targets',
      200,
      json({ person: 'https://www.linkedin.com/in/joan-clarke', name: 'Joan' }),
    );
    await check(
      'POST',
      '/api/targets/block',
      200,
      json({ person: 'https://www.linkedin.com/in/joan-clarke' }),
    );
    await check('GET', '/api/targets', 200);
    await check(
      'POST',
      '/api/templates',
      200,
      json({ id: 'hello', body: 'Hi {firstName}, glad to connect.' }),
    );
    await check('GET', '/api/templates', 200);
    await check(
      'POST',
      '/api/templates/lint',
      200,
      json({ id: 'hello', targets: ['https://www.linkedin.com/in/jane-doe'] }),
    );
    await check('GET', '/api/plan', 200);
    await check(
      'POST',
      '/api/sends',
      200,
      json({ person: 'https://www.linkedin.com/in/jane-doe', templateId: 'hello' }),
    );
    await check('POST', '/api/sends', 409, json({ person: 'https://www.linkedin.com/in/jane-doe' }));
    const sentPage = fs.readFileSync(new URL('../sources/fixtures/sent-page.txt', import.meta.url), 'utf8');
    await check('POST', '/api/import/sent-page', 200, json({ text: sentPage, skipBadRows: true }));
  });

  it('for errors', async () => {
    await check('GET', '/api/status', 401, { token: null });
    await check('GET', '/api/status', 403, { host: 'rebound.example:7755' });
    await check('GET', '/api/status?account=nobody', 404);
    await check('GET', '/api/invitations?limit=9999', 400);
    await check('POST', '/api/withdrawals', 400, json({ people: [] }));
    await check('GET', '/api/report?whatIf=nonsense=1', 400);
    await check('POST', '/api/import', 413, { body: uploadForm('big.csv', 'x'.repeat(5000)) });
    await check('POST', '/api/import', 422, { body: uploadForm('export.zip', 'not a zip at all') });
  });
});
