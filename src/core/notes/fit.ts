import { findVariables } from './templates.ts';

/**
 * The length of a note as LinkedIn limits it. We count UTF-16 code units (JavaScript's
 * `string.length`, which is what a browser text box's `maxlength` and a JS character counter
 * measure), with a line break counted once whether it is `\n` or `\r\n`. This is deliberately the
 * largest of the plausible counts (code units >= code points >= user-perceived characters): an
 * emoji such as 👋 counts as 2 and a flag as 4, so a note that fits by this count fits LinkedIn's
 * box however it counts. The cost is a few characters of slack on notes with emoji.
 */
export function noteLength(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length - 1; i++)
    if (text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10) n--;
  return n;
}

/** The UTF-16 offset of the first code unit past `maxChars` (as noteLength counts), or null if it fits. */
export function overflowOffset(text: string, maxChars: number): number | null {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 13 && text.charCodeAt(i + 1) === 10) continue;
    n++;
    if (n > maxChars) return i;
  }
  return null;
}

export interface FittedNote {
  text: string;
  /** Whether anything was cut off. */
  trimmed: boolean;
}

// A sentence ends with . ! ? or … (possibly followed by closing quotes or brackets).
const SENTENCE_END = /[.!?\u2026]["'\u2019\u201d)\]]*$/;
// What a cut at a word should not leave dangling at the end.
const TRAILING_JOINERS = /[\s,;:\-\u2013\u2014(&/]+$/;

/**
 * Fits a note to `maxChars` (noteLength). A note that fits is returned unchanged. A longer one is
 * cut at whitespace only, never inside a word or a `{variable}`: at the end of the last whole
 * sentence that fits when that keeps at least half the allowance, otherwise after the last whole
 * word that fits, without a dangling comma or dash. A first word longer than the allowance leaves
 * an empty note.
 */
export function fitNote(text: string, maxChars: number): FittedNote {
  if (noteLength(text) <= maxChars) return { text, trimmed: false };
  const tokens = findVariables(text);
  const insideToken = (i: number) => tokens.some((t) => i > t.start && i < t.end);

  let bestSentence = '';
  let bestWord = '';
  let count = 0;
  for (let i = 0; i <= text.length; i++) {
    const atEnd = i === text.length;
    const ch = atEnd ? '' : text[i]!;
    if ((atEnd || /\s/.test(ch)) && !insideToken(i)) {
      const prefix = text.slice(0, i).trimEnd();
      // A cut at a word drops what would dangle after it ("there," -> "there").
      const word = prefix.replace(TRAILING_JOINERS, '');
      if (word && noteLength(word) <= maxChars) {
        bestWord = word;
        if (noteLength(prefix) <= maxChars && SENTENCE_END.test(prefix)) bestSentence = prefix;
        else if (ch === '\n' || ch === '\r') bestSentence = word;
      }
    }
    if (!atEnd && !(ch === '\r' && text[i + 1] === '\n')) count++;
    // Every later cut keeps this character (only whitespace and joiners are dropped), so none fits any more.
    if (count > maxChars && !atEnd && !/\s/.test(ch) && !TRAILING_JOINERS.test(ch)) break;
  }
  const chosen = noteLength(bestSentence) * 2 >= maxChars ? bestSentence : bestWord;
  return { text: chosen.trim(), trimmed: true };
}
