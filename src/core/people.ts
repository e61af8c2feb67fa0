import type { PersonKey } from './model.ts';
import type { Instant } from './time.ts';

const PROFILE_PATH = /^\/(?:in|pub)\/([^/?#]+)/i;
/** A canonical profile URL whose slug needs no decoding, lower-casing or encoding. */
const CANONICAL = /^https:\/\/www\.linkedin\.com\/in\/[a-z0-9-]+$/;

/**
 * The canonical profile URL of SPEC section 2: `https://www.linkedin.com/in/<slug>`, lower-case
 * slug, no query, no trailing slash. Accepts country subdomains, http, missing scheme, mobile
 * links and percent-encoded slugs. Returns null when the text is not a LinkedIn profile link.
 */
export function canonicalProfileUrl(text: string | null | undefined): string | null {
  if (!text) return null;
  // Most links already are canonical (exports write them so): keep them without parsing a URL.
  if (CANONICAL.test(text)) return text;
  let raw = text.trim();
  if (!raw) return null;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) raw = `https://${raw.replace(/^\/+/, '')}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  const host = url.hostname.toLowerCase();
  if (host !== 'linkedin.com' && !host.endsWith('.linkedin.com')) return null;
  const m = PROFILE_PATH.exec(url.pathname);
  if (!m) return null;
  let slug = m[1]!;
  try {
    slug = decodeURIComponent(slug);
  } catch {
    // a stray % stays as it is
  }
  slug = slug.trim().toLowerCase();
  if (!slug) return null;
  return `https://www.linkedin.com/in/${encodeURIComponent(slug).replace(/%2D/gi, '-')}`;
}

/** Lower-case, accents kept, whitespace collapsed, mis-decoded non-breaking spaces ("Â ") removed. */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/\u00c2(?=[\s\u00a0])/g, '')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()
    .toLowerCase();
}

/** The key of a person: the canonical URL when known, else the normalised name. */
export function personKeyOf(profileUrl: string | null, name: string): PersonKey {
  return profileUrl ?? `name:${normalizeName(name)}`;
}

/** Whether a key was made from a name only. */
export function isNameKey(key: PersonKey): boolean {
  return key.startsWith('name:');
}

/**
 * The key of a connection. Connections.csv without URLs (older exports, or an empty URL column) lists
 * namesakes that are different people: a URL-less connection's key is its name and its day
 * (`name:ada lovelace@2019-03-12`), so two namesakes stay two and the same row imported again keeps
 * its key. Such a connection is matched by name (see `nameOfKey`), never by key.
 */
export function connectionKeyOf(profileUrl: string | null, name: string, connectedOn: Instant): PersonKey {
  if (profileUrl !== null) return profileUrl;
  return `name:${normalizeName(name)}@${new Date(connectedOn).toISOString().slice(0, 10)}`;
}

/** The normalised name a name key was made from (without a connection's day), or null for a URL key. */
export function nameOfKey(key: PersonKey): string | null {
  if (!isNameKey(key)) return null;
  const at = key.search(/@\d{4}-\d{2}-\d{2}$/);
  return key.slice('name:'.length, at === -1 ? undefined : at);
}

/** The first name for note variables: the first word of the name. */
export function splitName(name: string): { firstName: string; lastName: string } {
  const parts = name.trim().split(/\s+/);
  return { firstName: parts[0] ?? '', lastName: parts.slice(1).join(' ') };
}

/** The Sent page of invitations, where a member withdraws by hand (SPEC section 1). */
export const SENT_PAGE_URL = 'https://www.linkedin.com/mynetwork/invitation-manager/sent/';
