import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalProfileUrl } from './people.ts';

// The general path, which canonical links skip: the reference the shortcut must agree with.
const slowCanonical = (slug: string) => canonicalProfileUrl(`HTTPS://LinkedIn.com/in/${slug}/?trk=x`);

describe('canonicalProfileUrl on links that are canonical already', () => {
  it('returns them unchanged, as the general path does', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9-]{1,40}$/), (slug) => {
        const url = `https://www.linkedin.com/in/${slug}`;
        expect(canonicalProfileUrl(url)).toBe(url);
        expect(slowCanonical(slug)).toBe(url);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['https://www.linkedin.com/in/Ada-Lovelace', 'https://www.linkedin.com/in/ada-lovelace'],
    ['https://www.linkedin.com/in/ada-lovelace/', 'https://www.linkedin.com/in/ada-lovelace'],
    ['https://www.linkedin.com/in/j%C3%A9r%C3%B4me', 'https://www.linkedin.com/in/j%C3%A9r%C3%B4me'],
    ['https://www.linkedin.com/in/ada%2Dlovelace', 'https://www.linkedin.com/in/ada-lovelace'],
    ['https://www.linkedin.com/in/ada_lovelace', 'https://www.linkedin.com/in/ada_lovelace'],
  ])('still canonicalises %j (not taken by the shortcut)', (input, expected) => {
    expect(canonicalProfileUrl(input)).toBe(expected);
  });
});
