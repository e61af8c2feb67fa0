import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanLine } from './text.ts';

// cleanLine without its shortcut for text that needs no cleaning.
const reference = (text: string) =>
  text
    .replace(/\u00c2[\u00a0 ]/g, ' ')
    .replace(/[\s\u00a0\u202f\u2007\u200b\ufeff]+/g, ' ')
    .trim();

const pieces = fc.constantFrom(
  'a',
  'Zoë',
  ' ',
  '  ',
  '\t',
  '\n',
  '\u00a0',
  '\u00c2',
  '\u00c2\u00a0',
  '\u200b',
  '\ufeff',
  '\u202f',
  '😀',
  ',',
);

describe('cleanLine', () => {
  it('agrees with the full cleaning on any mix of letters and odd spaces', () => {
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        expect(cleanLine(text)).toBe(reference(text));
      }),
      { numRuns: 2000 },
    );
  });
});
