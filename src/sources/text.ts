/**
 * Small text helpers shared by the readers: cleaning the mis-decoded characters LinkedIn's files carry,
 * and describing values in error messages.
 */

/**
 * A UTF-8 non-breaking space read as Latin-1 shows up as "Â" followed by a (non-breaking) space; LinkedIn
 * exports carry it in names and notes. It is a space that went wrong, so it becomes a space.
 */
const MISDECODED_NBSP = /\u00c2[\u00a0 ]/g;
/** What cleanLine changes: `Â`, whitespace other than a single inner space, zero-width characters. */
const NEEDS_CLEANING = /\u00c2|[^\S ]|[\u200b\ufeff]| {2}|^ | $/;

/** A one-line value (a name, a headline, a company): mis-decoded spaces fixed, whitespace collapsed, trimmed. */
export function cleanLine(text: string): string {
  if (!NEEDS_CLEANING.test(text)) return text;
  return text
    .replace(MISDECODED_NBSP, ' ')
    .replace(/[\s\u00a0\u202f\u2007\u200b\ufeff]+/g, ' ')
    .trim();
}

/** A one-line value, or null when nothing is left after cleaning. */
export function cleanLineOrNull(text: string | undefined): string | null {
  if (text === undefined) return null;
  const cleaned = cleanLine(text);
  return cleaned === '' ? null : cleaned;
}

/**
 * A note or summary: line breaks kept (as \n), mis-decoded spaces fixed, trailing spaces of each line
 * and blank edges removed. Null when empty.
 */
export function cleanMultiline(text: string | undefined): string | null {
  if (text === undefined) return null;
  const cleaned = text
    .replace(/\r\n?/g, '\n')
    .replace(MISDECODED_NBSP, ' ')
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/[ \t]+\n/g, '\n')
    .trim();
  return cleaned === '' ? null : cleaned;
}

/** A value quoted for an error message, cut so a huge field cannot flood the message. */
export function quote(value: string, max = 60): string {
  const oneLine = value.replace(/\r\n?|\n/g, '\\n');
  return JSON.stringify(oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine);
}

/** A byte count for messages: "2 GiB", "1 MiB", "512 bytes". */
export function formatBytes(bytes: number): string {
  const units = [
    ['GiB', 1024 ** 3],
    ['MiB', 1024 ** 2],
    ['KiB', 1024],
  ] as const;
  for (const [unit, size] of units) {
    if (bytes >= size) {
      const value = bytes / size;
      return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
    }
  }
  return `${bytes} bytes`;
}
