/**
 * What the store's contract tests share: the instants and people they use, and a store opened
 * fresh on the dialect under test for each test (closed after it).
 */
import { afterEach } from 'vitest';
import type { NewInvitation, Store } from '../../app/ports.ts';
import { createStore } from '../index.ts';
import type { TestDialect } from './dialects.ts';

export const T = Date.parse('2026-11-26T12:00:00Z');
export const DAY = 86_400_000;
export const url = (slug: string) => `https://www.linkedin.com/in/${slug}`;

export function invitation(
  slug: string | null,
  name: string,
  sentAt: number,
  over: Partial<NewInvitation> = {},
): NewInvitation {
  const nameKey = name.toLowerCase();
  return {
    personKey: slug ? url(slug) : `name:${nameKey}`,
    nameKey,
    profileUrl: slug ? url(slug) : null,
    name,
    headline: null,
    sentAt,
    sentAtEarliest: sentAt,
    note: null,
    templateId: null,
    source: 'export',
    status: 'pending',
    statusAt: null,
    snapshotId: null,
    recordedAt: sentAt,
    ...over,
  };
}

/**
 * Inside a dialect's describe block: `open` makes a store on a new empty database, and `stores`
 * holds every store the test opened (a test opening one itself pushes it there); all are closed
 * after each test.
 */
export function storesFor(dialect: TestDialect) {
  const stores: Store[] = [];
  async function open(onQuery?: (sql: string) => void) {
    const store = await createStore(await dialect.fresh(), onQuery ? { onQuery } : {});
    stores.push(store);
    return store;
  }
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
  });
  return { open, stores };
}
