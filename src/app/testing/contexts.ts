/**
 * Contexts for the tests of one describe block, each closed after its test. Test-only: it registers
 * an afterEach hook, so only test files import it.
 */
import { afterEach } from 'vitest';
import type { TestDialect } from '../../store/testing/dialects.ts';
import type { AppContext } from '../context.ts';
import { testContext } from './fixtures.ts';

/**
 * A function that opens a context at `now`: on `db` when given, else on a fresh database of
 * `dialect` (testContext's SQLite file when none). Every context it opened is closed after each test.
 */
export function closingContexts(dialect?: TestDialect): (now: string, db?: string) => Promise<AppContext> {
  const open: AppContext[] = [];
  afterEach(async () => {
    for (const c of open.splice(0)) await c.store.close();
  });
  return async (now, db) => {
    const where = db ?? (dialect ? await dialect.fresh() : undefined);
    const ctx = await testContext({ now, ...(where ? { db: where } : {}) });
    open.push(ctx);
    return ctx;
  };
}
