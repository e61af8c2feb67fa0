/**
 * Pairing: the member pastes the link `invitekeeper serve` prints (http://127.0.0.1:7755/#token=…)
 * into the options page. The companion keeps the server's origin and the token in extension
 * storage, read only by the background worker; no page ever sees the token. Pure: no DOM.
 */

export interface Pairing {
  /** http://127.0.0.1:<port> */
  origin: string;
  token: string;
}

/** The token pattern of src/server/security.ts: 32 to 200 URL-safe characters. */
const TOKEN = /^[A-Za-z0-9_-]{32,200}$/;

export type PairingParse = { ok: true; pairing: Pairing } | { ok: false; problem: string };

/** Reads the dashboard link; says what is wrong with it otherwise. */
export function parsePairingLink(text: string): PairingParse {
  const raw = text.trim();
  if (!raw) return { ok: false, problem: 'paste the link `invitekeeper serve` printed' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, problem: 'this is not a link: paste the whole line, http://127.0.0.1:7755/#token=…' };
  }
  if (url.protocol !== 'http:' || url.hostname !== '127.0.0.1') {
    return {
      ok: false,
      problem: `the companion talks only to a server on this machine (http://127.0.0.1:…), not to ${url.origin}`,
    };
  }
  const token = new URLSearchParams(url.hash.replace(/^#/, '')).get('token') ?? '';
  if (!TOKEN.test(token)) {
    return { ok: false, problem: 'the link has no token: copy it whole, with the part after #token=' };
  }
  return { ok: true, pairing: { origin: url.origin, token } };
}

/** The storage key the pairing is kept under. */
export const PAIRING_KEY = 'pairing';

/** A stored value, checked (storage is ours, but a value from an older version must not break us). */
export function asPairing(value: unknown): Pairing | null {
  if (!value || typeof value !== 'object') return null;
  const { origin, token } = value as Record<string, unknown>;
  if (typeof origin !== 'string' || typeof token !== 'string') return null;
  const parsed = parsePairingLink(`${origin}/#token=${token}`);
  return parsed.ok ? parsed.pairing : null;
}
