import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HashedKeySet, hash52 } from './key-set.ts';

describe('HashedKeySet', () => {
  it('never forgets a key it was given, through every growth', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ maxLength: 40 }), { maxLength: 3000 }), (keys) => {
        const set = new HashedKeySet();
        for (const k of keys) set.add(k);
        for (const k of keys) expect(set.mightHave(k)).toBe(true);
        expect(set.size).toBe(keys.length);
      }),
      { numRuns: 30 },
    );
  });

  it('says no to keys it was not given (no false "maybe" among 50,000 profile URLs)', () => {
    const set = new HashedKeySet();
    for (let i = 0; i < 50_000; i++) set.add(`https://www.linkedin.com/in/member-${i}`);
    let maybe = 0;
    for (let i = 50_000; i < 100_000; i++)
      if (set.mightHave(`https://www.linkedin.com/in/member-${i}`)) maybe++;
    expect(maybe).toBe(0);
    expect(set.mightHave('')).toBe(false);
  });

  it.each(['', 'a', 'https://www.linkedin.com/in/ada', 'name:ada lovelace'])(
    'hash52(%j) is a positive 52-bit integer',
    (key) => {
      const h = hash52(key);
      expect(Number.isSafeInteger(h)).toBe(true);
      expect(h).toBeGreaterThan(0);
      expect(h).toBeLessThan(2 ** 52);
    },
  );
});
