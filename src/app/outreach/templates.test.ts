import { describe, expect, it } from 'vitest';
import { dialects } from '../../store/testing/dialects.ts';
import { closingContexts } from '../testing/contexts.ts';
import { csv, NOW, TARGETS } from './outreach.testing.ts';
import { importTargets } from './targets.ts';
import { addTemplate, lintTemplate, listTemplates, removeTemplate, setDefaultTemplate } from './templates.ts';

/** Note templates: the default, lint per target, removal. */

// The store contract: every use case here runs on SQLite and on PostgreSQL (when a server is at hand).
for (const dialect of dialects) {
  describe.skipIf(dialect.skip)(dialect.label, () => {
    const ctxAt = closingContexts(dialect);

    describe('templates', () => {
      it('adds (the first becomes the default), lists, lints per target, and removes', async () => {
        const ctx = await ctxAt(NOW);
        await importTargets(ctx, csv(TARGETS));
        const added = await addTemplate(ctx, {
          id: 'event',
          body: 'Hi {firstName}, great to meet you at {event}!',
        });
        expect(added.template).toMatchObject({ isDefault: true, variables: ['firstName', 'event'] });
        expect(added.lint).toEqual([]);
        await addTemplate(ctx, { id: 'plain', body: "I'd like to add you to my professional network." });
        await expect(addTemplate(ctx, { id: 'plain', body: 'x' })).rejects.toMatchObject({
          code: 'CONFLICT',
        });
        await expect(addTemplate(ctx, { id: 'Not A Slug', body: 'x' })).rejects.toMatchObject({
          code: 'USAGE',
          message: expect.stringContaining('not-a-slug'),
        });
        expect((await listTemplates(ctx)).defaultTemplate).toBe('event');

        const lint = await lintTemplate(ctx, { id: 'event' }, { allTargets: true });
        // Grace has no {event}: an error for her only.
        expect(lint.targets.map((t) => [t.name, t.issues.map((i) => i.code)])).toEqual([
          ['Ada Lovelace', []],
          ['Grace Hopper', ['UNFILLED_VARIABLE']],
          ['Alan Turing', []],
        ]);
        const plain = await lintTemplate(ctx, { id: 'plain' });
        expect(plain.issues.map((i) => i.code)).toEqual(['GENERIC_NOTE', 'NO_PERSONAL_DETAIL']);
        const long = await lintTemplate(ctx, { text: 'x'.repeat(201) });
        expect(long.issues.map((i) => i.code)).toEqual(['TOO_LONG']);

        await setDefaultTemplate(ctx, 'plain');
        expect((await removeTemplate(ctx, 'plain')).wasDefault).toBe(true);
        expect((await listTemplates(ctx)).defaultTemplate).toBeNull();
      });
    });
  });
}
