import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitNote, noteLength, overflowOffset } from './fit.ts';
import { findVariables } from './templates.ts';

describe('noteLength', () => {
  it.each([
    ['', 0],
    ['hello', 5],
    ['café', 4],
    ['👋', 2],
    ['🇩🇪', 4],
    ['a\r\nb', 3],
    ['a\nb', 3],
    ['a\rb', 3],
  ])('%j counts %i', (text, n) => {
    expect(noteLength(text)).toBe(n);
  });
});

describe('overflowOffset', () => {
  it.each([
    ['abc', 3, null],
    ['abcd', 3, 3],
    ['a\r\nb', 3, null],
    ['a\r\nbc', 3, 4],
  ])('%j over %i -> %j', (text, max, at) => {
    expect(overflowOffset(text, max)).toBe(at);
  });
});

const long =
  'Hi Jane, I loved your talk on distributed systems at the conference. Would you like to connect and chat about it sometime next week?';

describe('fitNote', () => {
  it.each([
    // fits: unchanged, even exactly at the limit
    ['short note', 10, 'short note', false],
    ['short note', 200, 'short note', false],
    // a whole sentence when that keeps at least half the allowance
    [long, 80, 'Hi Jane, I loved your talk on distributed systems at the conference.', true],
    [long, 68, 'Hi Jane, I loved your talk on distributed systems at the conference.', true],
    // the sentence would keep less than half: whole words instead, no dangling comma
    [
      'Hi Jane, I loved it. Your talk on distributed systems was great',
      41,
      'Hi Jane, I loved it. Your talk on',
      true,
    ],
    ['Hi Jane, I loved it. Your talk on distributed systems was great', 40, 'Hi Jane, I loved it.', true],
    ['Hello there, friend', 13, 'Hello there', true],
    ['Hello there, friend', 12, 'Hello there', true],
    ['Hello there, friend', 11, 'Hello there', true],
    ['Hello there, friend', 10, 'Hello', true],
    // never mid-word: one word longer than the allowance leaves nothing
    ['Supercalifragilistic is long', 10, '', true],
    // a line break ends a sentence too
    ['First line without stop\nSecond line goes on and on', 30, 'First line without stop', true],
    // never cut inside a {variable}, even one with spaces in it
    ['Hi there, we met at {Met at} last year', 24, 'Hi there, we met at', true],
    ['Hi there, we met at {Met at} last year', 28, 'Hi there, we met at {Met at}', true],
    // emoji count as 2; never split a pair
    ['Hi 👋 there', 5, 'Hi 👋', true],
    ['Hi 👋 there', 4, 'Hi', true],
    // trailing spaces beyond the limit go
    ['Hello   ', 5, 'Hello', true],
  ])('%j to %i', (text, max, expected, trimmed) => {
    expect(fitNote(text, max)).toEqual({ text: expected, trimmed });
  });

  const wordish = fc.oneof(
    fc.stringMatching(/^[a-zA-Z]{1,12}$/),
    fc.constantFrom('{firstName}', '{Met at}', '👋', 'é', 'x.', 'y!', 'z,', '—'),
  );
  const sep = fc.constantFrom(' ', '  ', '\n', '\r\n', ', ', '. ');
  const note = fc
    .array(fc.tuple(wordish, sep), { maxLength: 80 })
    .map((parts) => parts.map(([w, s]) => w + s).join(''));

  it('fits within the limit, as a prefix of the note, cut only between words and outside variables', () => {
    fc.assert(
      fc.property(note, fc.integer({ min: 1, max: 300 }), (text, max) => {
        const fitted = fitNote(text, max);
        expect(noteLength(fitted.text)).toBeLessThanOrEqual(max);
        expect(text.startsWith(fitted.text)).toBe(true);
        expect(fitted.trimmed).toBe(noteLength(text) > max);
        if (!fitted.trimmed) {
          expect(fitted.text).toBe(text);
          return;
        }
        const cut = fitted.text.length;
        // the character after the kept text is whitespace or punctuation that was dropped, never a letter of the same word
        if (cut > 0) expect(/[\s,;:\-\u2013\u2014(&/]/.test(text[cut] ?? ' ')).toBe(true);
        // no variable is cut in two
        for (const t of findVariables(text)) expect(cut <= t.start || cut >= t.end).toBe(true);
        expect(fitted.text).toBe(fitted.text.trim());
      }),
      { numRuns: 1000, seed: 11 },
    );
  });
});
