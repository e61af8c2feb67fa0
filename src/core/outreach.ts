import type { PersonKey, Relation } from './model.ts';
import type { Instant } from './time.ts';

/**
 * A person the member wants to invite (SPEC section 2), as the planner sees it. Read from a targets
 * CSV (SPEC section 3.3) or added by hand; only `name` or `profileUrl` is required there, so a
 * target known by URL alone has an empty name.
 */
export interface Target {
  /** The canonical profile URL when known, else `name:<normalised name>` (see people.ts). */
  personKey: PersonKey;
  profileUrl: string | null;
  name: string;
  relation: Relation | null;
  mutualConnections: number | null;
  /** The target's own first-degree connection count, if known (for the 30,000 cap). */
  connectionCount: number | null;
  /** IANA time zone of the recipient; null means the account's. */
  timezone: string | null;
  tags: string[];
  company: string | null;
  headline: string | null;
  /** Every extra column of the targets CSV, by header: available to notes as `{header}`. */
  custom: Record<string, string>;
  doNotContact: boolean;
  /** When the target joined the queue: older targets rank higher among equals. */
  addedAt: Instant;
}

/** What a target may say beyond who it is and whether it may be contacted: all of it unknown. */
export type TargetDetails = Omit<Target, 'personKey' | 'profileUrl' | 'name' | 'doNotContact' | 'addedAt'>;

/** A target's details before anything is known of them (fresh lists and records each call). */
export function unknownTargetDetails(): TargetDetails {
  return {
    relation: null,
    mutualConnections: null,
    connectionCount: null,
    timezone: null,
    tags: [],
    company: null,
    headline: null,
    custom: {},
  };
}

/** A note template: text with variables such as `{firstName}` (SPEC section 2). */
export interface NoteTemplate {
  /** A short slug, e.g. `alumni-intro`. */
  id: string;
  name: string;
  body: string;
  createdAt: Instant;
}

/** Template ids: lower-case slugs of 1 to 40 characters, so they read well on a command line. */
export const TEMPLATE_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

/** Whether `id` is a valid template slug. */
export function isTemplateId(id: string): boolean {
  return TEMPLATE_ID_PATTERN.test(id);
}

/** A slug made from a template's name ("Alumni intro!" -> "alumni-intro"), or null if nothing is left. */
export function templateIdFromName(name: string): string | null {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
  return slug ? slug : null;
}
