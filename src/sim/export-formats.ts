import type { Instant } from '../core/index.ts';

/**
 * How LinkedIn writes dates and text in its files: the `Sent At` and `Connected On` formats real
 * exports carry, and the mis-decoded `Â` before a space.
 */

/**
 * The `Sent At` formats seen in real files: `3/5/26, 1:45 AM`, `2026-03-05 01:45:00 UTC`,
 * `2026-03-05 01:45:00`, `05 Mar 2026`, and `3/5/26` after a spreadsheet re-save.
 */
export const SENT_AT_FORMATS = ['us-short', 'iso-utc', 'iso-naive', 'date-only', 'us-date'] as const;
export type SentAtFormat = (typeof SENT_AT_FORMATS)[number];
/** The `Connected On` formats: `26 Nov 2026`, `12 Mar 19`, `1/8/18, 6:14 PM` (2018), `6-Feb-26` (re-saved). */
export const CONNECTED_ON_FORMATS = ['current', 'old', 'us-time', 'resaved'] as const;
export type ConnectedOnFormat = (typeof CONNECTED_ON_FORMATS)[number];

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Sent At` as LinkedIn writes it, in UTC. */
export function formatSentAt(t: Instant, format: SentAtFormat): string {
  const d = new Date(t);
  const y = d.getUTCFullYear();
  const mo = d.getUTCMonth();
  const day = d.getUTCDate();
  const h = d.getUTCHours();
  const mi = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  const iso = `${y}-${pad(mo + 1)}-${pad(day)} ${pad(h)}:${pad(mi)}:${pad(s)}`;
  switch (format) {
    case 'us-short':
      return `${mo + 1}/${day}/${pad(y % 100)}, ${h % 12 === 0 ? 12 : h % 12}:${pad(mi)} ${h < 12 ? 'AM' : 'PM'}`;
    case 'iso-utc':
      return `${iso} UTC`;
    case 'iso-naive':
      return iso;
    case 'date-only':
      return `${pad(day)} ${MONTHS[mo]} ${y}`;
    case 'us-date':
      return `${mo + 1}/${day}/${pad(y % 100)}`;
  }
}

/** `Connected On`: `26 Nov 2026`, `12 Mar 19` in old exports, `1/8/18, 6:14 PM` in 2018's, `6-Feb-26` re-saved. */
export function formatConnectedOn(t: Instant, format: ConnectedOnFormat): string {
  const d = new Date(t);
  const y = d.getUTCFullYear();
  switch (format) {
    case 'current':
      return `${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${y}`;
    case 'old':
      return `${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${pad(y % 100)}`;
    case 'us-time':
      return formatSentAt(t, 'us-short');
    case 'resaved':
      return `${d.getUTCDate()}-${MONTHS[d.getUTCMonth()]}-${pad(y % 100)}`;
  }
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * The text with `Â` put before a space, as when a UTF-8 non-breaking space is decoded as Latin-1:
 * `Â` and a non-breaking space, or (`plainSpace`, after a second round trip) `Â` and a plain space.
 */
export function mojibake(text: string, plainSpace = false): string {
  const afterComma = text.indexOf(', ');
  const at = afterComma >= 0 ? afterComma + 1 : text.indexOf(' ');
  if (at < 0) return text;
  return `${text.slice(0, at)}\u00c2${plainSpace ? ' ' : '\u00a0'}${text.slice(at + 1)}`;
}
