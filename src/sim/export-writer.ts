import { stringify } from 'csv-stringify/sync';
import { DAY_MS, HOUR_MS, type Instant, MINUTE_MS } from '../core/index.ts';
import type { Platform } from './platform.ts';

/**
 * Writes what LinkedIn gives a member, in LinkedIn's own formats (SPEC section 3.1 and 3.2): the
 * data export's CSV files, the Sent page pasted as text or saved as HTML, and a targets CSV
 * (SPEC 3.3). Pure: it returns strings or yields them record by record, so a million-row export
 * streams through without being held in memory. Writing files and ZIPs is the caller's business.
 *
 * `Invitations.csv` is a history, as in real exports (SPEC 3.1): the outgoing invitations still
 * pending and those accepted; withdrawn, declined and expired ones are absent.
 *
 * Every quirk real exports carry can be switched on: a UTF-8 byte-order mark, CRLF line ends, the
 * `Sent At` formats, notes with commas, quotes, line breaks and emoji (those come from the notes
 * themselves), mis-decoded `Â` before a space, the `Notes:` preamble of Connections.csv (or only
 * blank lines), rows with no name and no URL, profile slugs raw in Connections.csv and
 * percent-encoded in Invitations.csv, and the older variants: Invitations.csv without URL columns,
 * with `urn:li:member:N` columns or with the bare `https://www.linkedin.com/in` in every row;
 * Connections.csv without URLs, with an empty URL column, with `1/8/18, 6:14 PM` or re-saved
 * `6-Feb-26` dates.
 */

/**
 * The `Sent At` formats seen in real files: `3/5/26, 1:45 AM`, `2026-03-05 01:45:00 UTC`,
 * `2026-03-05 01:45:00`, `05 Mar 2026`, and `3/5/26` after a spreadsheet re-save.
 */
export const SENT_AT_FORMATS = ['us-short', 'iso-utc', 'iso-naive', 'date-only', 'us-date'] as const;
export type SentAtFormat = (typeof SENT_AT_FORMATS)[number];

export const INVITATIONS_HEADER = [
  'From',
  'To',
  'Sent At',
  'Message',
  'Direction',
  'inviterProfileUrl',
  'inviteeProfileUrl',
] as const;
/** How Invitations.csv names profiles: URLs, nothing (5 columns), member URNs, or the bare `/in`. */
export const INVITATION_URL_STYLES = ['url', 'none', 'urn', 'bare'] as const;
export type InvitationUrlStyle = (typeof INVITATION_URL_STYLES)[number];
/** The `Connected On` formats: `26 Nov 2026`, `12 Mar 19`, `1/8/18, 6:14 PM` (2018), `6-Feb-26` (re-saved). */
export const CONNECTED_ON_FORMATS = ['current', 'old', 'us-time', 'resaved'] as const;
export type ConnectedOnFormat = (typeof CONNECTED_ON_FORMATS)[number];
export const CONNECTIONS_HEADER = [
  'First Name',
  'Last Name',
  'URL',
  'Email Address',
  'Company',
  'Position',
  'Connected On',
] as const;
export const OLD_CONNECTIONS_HEADER = [
  'First Name',
  'Last Name',
  'Email Address',
  'Company',
  'Position',
  'Connected On',
] as const;
export const PROFILE_HEADER = [
  'First Name',
  'Last Name',
  'Maiden Name',
  'Address',
  'Birth Date',
  'Headline',
  'Summary',
  'Industry',
  'Zip Code',
  'Geo Location',
  'Twitter Handles',
  'Websites',
  'Instant Messengers',
] as const;
export const TARGETS_HEADER = [
  'name',
  'profileUrl',
  'relation',
  'mutualConnections',
  'connectionCount',
  'timezone',
  'tags',
  'company',
  'headline',
] as const;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const BOM = '\ufeff';

/** A person as an export row shows them. */
export interface ExportPerson {
  firstName: string;
  lastName: string;
  profileUrl: string | null;
  headline?: string;
  company?: string;
  position?: string;
  email?: string | null;
}

export interface ExportInvitationRecord {
  direction: 'OUTGOING' | 'INCOMING';
  /** The person at the other end. */
  other: ExportPerson;
  sentAt: Instant;
  message: string | null;
  /** Accepted by the snapshot's time: in Invitations.csv (a history), not on the Sent page. */
  accepted?: boolean;
}

export interface ExportConnectionRecord {
  person: ExportPerson;
  connectedOn: Instant;
}

/** The member the export belongs to. */
export interface ExportOwner {
  firstName: string;
  lastName: string;
  profileUrl: string;
  headline: string;
  summary: string;
  industry: string;
  location: string;
}

/**
 * Everything an export at one moment holds. The iterables are walked once per file written; a
 * benchmark can pass re-iterable generators (an object with a `*[Symbol.iterator]()`) of any size.
 */
export interface ExportSnapshot {
  asOf: Instant;
  owner: ExportOwner;
  /** Outgoing invitations pending or accepted, incoming ones pending; newest first. */
  invitations: Iterable<ExportInvitationRecord>;
  /** Connections, newest first. */
  connections: Iterable<ExportConnectionRecord>;
}

/** The sender's export as it would be downloaded at `asOf` (at or before the platform's now). */
export function snapshotFromPlatform(platform: Platform, asOf: Instant): ExportSnapshot {
  const person = (id: number): ExportPerson => {
    const m = platform.member(id);
    return {
      firstName: m.firstName,
      lastName: m.lastName,
      profileUrl: m.profileUrl,
      headline: m.headline,
      company: m.company,
      position: m.position,
      email: m.email,
    };
  };
  const invitations: ExportInvitationRecord[] = [
    ...platform.pendingAt(asOf).map((inv) => ({
      direction: 'OUTGOING' as const,
      other: person(inv.memberId),
      sentAt: inv.sentAt,
      message: inv.note,
    })),
    ...platform.acceptedBy(asOf).map((inv) => ({
      direction: 'OUTGOING' as const,
      other: person(inv.memberId),
      sentAt: inv.sentAt,
      message: inv.note,
      accepted: true,
    })),
    ...platform.incomingPendingAt(asOf).map((inv) => ({
      direction: 'INCOMING' as const,
      other: person(inv.memberId),
      sentAt: inv.sentAt,
      message: inv.note,
    })),
  ];
  invitations.sort(
    (a, b) => b.sentAt - a.sentAt || compare(a.other.profileUrl ?? '', b.other.profileUrl ?? ''),
  );
  // Walked only when Connections.csv is written: a Sent page drawn from the snapshot never needs it.
  const connections: Iterable<ExportConnectionRecord> = {
    *[Symbol.iterator]() {
      const list = platform.connectionsAt(asOf);
      for (let i = list.length - 1; i >= 0; i--) {
        const c = list[i]!;
        yield { person: person(c.memberId), connectedOn: c.connectedOn };
      }
    },
  };
  const s = platform.sender;
  return {
    asOf,
    owner: {
      firstName: s.firstName,
      lastName: s.lastName,
      profileUrl: s.profileUrl,
      headline: s.headline,
      summary: s.summary,
      industry: s.industry,
      location: s.location,
    },
    invitations,
    connections,
  };
}

export interface CsvOptions {
  /** Start the file with a UTF-8 byte-order mark. */
  bom: boolean;
  /** Record separator. Line breaks inside notes stay as they are (LF). */
  eol: '\r\n' | '\n';
}

export interface InvitationsCsvOptions extends CsvOptions {
  sentAtFormat: SentAtFormat;
  /** Every n-th note with a space gets a mis-decoded `Â` before it; 0 turns it off. */
  mojibakeEvery: number;
  /** Include INCOMING rows. */
  incoming: boolean;
  /** How the profile columns look (default `url`). */
  urls?: InvitationUrlStyle;
}

export interface ConnectionsCsvOptions extends CsvOptions {
  /** `current`: with URL and `26 Nov 2026` dates; `old`: no URL column and `12 Mar 19` dates. */
  style: 'current' | 'old';
  /** The `Notes:` preamble before the header: none, a short one, a long one with a quoted line break, or only blank lines. */
  preamble: 'none' | 'short' | 'long' | 'blank-lines';
  /** Every n-th position with a space gets a mis-decoded `Â` before it; 0 turns it off. */
  mojibakeEvery: number;
  /** `Connected On` written otherwise than the style's own format. */
  connectedOnFormat?: ConnectedOnFormat;
  /** The URL column present but empty on every row (current style only). */
  emptyUrls?: boolean;
  /** Profile slugs raw (UTF-8) rather than percent-encoded, as some exports write them. */
  rawSlugs?: boolean;
  /** After every n-th connection a row with no name and no URL, only a date (members who left); 0: none. */
  namelessEvery?: number;
}

export interface ExportOptions {
  sentAtFormat: SentAtFormat;
  bom: boolean;
  eol: '\r\n' | '\n';
  mojibakeEvery: number;
  incoming: boolean;
  connectionsStyle: 'current' | 'old';
  preamble: 'none' | 'short' | 'long' | 'blank-lines';
  /** Add files the reader ignores (Messages.csv, Skills.csv), with fictional content only. */
  extraFiles: boolean;
  invitationUrls: InvitationUrlStyle;
  connectedOnFormat: ConnectedOnFormat | null;
  emptyConnectionUrls: boolean;
  rawSlugs: boolean;
  namelessEvery: number;
}

export const DEFAULT_EXPORT_OPTIONS: Readonly<ExportOptions> = Object.freeze({
  sentAtFormat: 'us-short',
  bom: true,
  eol: '\r\n',
  mojibakeEvery: 0,
  incoming: true,
  connectionsStyle: 'current',
  preamble: 'short',
  extraFiles: false,
  invitationUrls: 'url',
  connectedOnFormat: null,
  emptyConnectionUrls: false,
  rawSlugs: false,
  namelessEvery: 0,
});

function csvRecord(fields: readonly (string | number | null | undefined)[], eol: CsvOptions['eol']): string {
  return stringify([fields.map((f) => (f === null || f === undefined ? '' : String(f)))], {
    record_delimiter: eol === '\r\n' ? 'windows' : 'unix',
    // csv-stringify quotes only on the record delimiter; a bare LF or CR inside a note needs quotes too.
    quoted_match: /[\r\n]/,
  });
}

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

/** A profile URL as a cell of an Invitations.csv of the given style (the owner's or the other's). */
function invitationUrlCell(profileUrl: string | null, style: InvitationUrlStyle, memberId: number): string {
  switch (style) {
    case 'url':
      return profileUrl ?? '';
    case 'none':
      return '';
    case 'urn':
      return `urn:li:member:${memberId}`;
    case 'bare':
      return 'https://www.linkedin.com/in';
  }
}

/** A stable fictional member number for a URN column, from the profile URL. */
function memberNumber(profileUrl: string | null): number {
  let h = 2166136261;
  for (const ch of profileUrl ?? '') h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return 100_000_000 + (h % 900_000_000);
}

/** The URL with its slug decoded: how some exports write non-ASCII slugs. */
function rawSlugUrl(profileUrl: string): string {
  try {
    return decodeURI(profileUrl);
  } catch {
    return profileUrl;
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

function fullName(p: Pick<ExportPerson, 'firstName' | 'lastName'>): string {
  return p.lastName ? `${p.firstName} ${p.lastName}` : p.firstName;
}

/** `Invitations.csv`, one record per yielded string (header first). */
export function* invitationsCsv(snapshot: ExportSnapshot, options: InvitationsCsvOptions): Generator<string> {
  const { eol } = options;
  const urls = options.urls ?? 'url';
  const header: readonly string[] =
    urls === 'none'
      ? INVITATIONS_HEADER.slice(0, 5)
      : urls === 'urn'
        ? [...INVITATIONS_HEADER.slice(0, 5), 'inviterProfileUrn', 'inviteeProfileUrn']
        : INVITATIONS_HEADER;
  yield (options.bom ? BOM : '') + csvRecord(header, eol);
  const owner = fullName(snapshot.owner);
  const cell = (url: string | null) => invitationUrlCell(url, urls, memberNumber(url));
  let noted = 0;
  for (const inv of snapshot.invitations) {
    if (inv.direction === 'INCOMING' && !options.incoming) continue;
    let message = inv.message ?? '';
    if (message && options.mojibakeEvery > 0 && message.includes(' ')) {
      const n = noted++;
      if (n % options.mojibakeEvery === 0) message = mojibake(message, (n / options.mojibakeEvery) % 2 === 1);
    }
    const other = fullName(inv.other);
    const outgoing = inv.direction === 'OUTGOING';
    const fields = [
      outgoing ? owner : other,
      outgoing ? other : owner,
      formatSentAt(inv.sentAt, options.sentAtFormat),
      message,
      inv.direction,
    ];
    if (urls !== 'none') {
      fields.push(
        cell(outgoing ? snapshot.owner.profileUrl : inv.other.profileUrl),
        cell(outgoing ? inv.other.profileUrl : snapshot.owner.profileUrl),
      );
    }
    yield csvRecord(fields, eol);
  }
}

const PREAMBLE_SHORT = [
  'Notes:',
  '"Some e-mail addresses may be missing: an address is only included when that connection lets their connections download it."',
  '',
];
const PREAMBLE_LONG = [
  'Notes:',
  '"When exporting your connection data, some e-mail addresses may be missing. An address is only included when that connection allows it, in Settings, Visibility.',
  'You can change your own setting at any time."',
  '',
];

/** `Connections.csv`, preamble lines and then one record per yielded string. */
export function* connectionsCsv(snapshot: ExportSnapshot, options: ConnectionsCsvOptions): Generator<string> {
  const { eol } = options;
  const preamble =
    options.preamble === 'none'
      ? []
      : options.preamble === 'blank-lines'
        ? ['', '']
        : options.preamble === 'short'
          ? PREAMBLE_SHORT
          : PREAMBLE_LONG;
  const bom = options.bom ? BOM : '';
  let first = true;
  for (const line of preamble) {
    yield (first ? bom : '') + line + eol;
    first = false;
  }
  const old = options.style === 'old';
  yield (first ? bom : '') + csvRecord(old ? OLD_CONNECTIONS_HEADER : CONNECTIONS_HEADER, eol);
  const format = options.connectedOnFormat ?? options.style;
  let i = 0;
  let rows = 0;
  for (const c of snapshot.connections) {
    const p = c.person;
    let position = p.position ?? '';
    if (options.mojibakeEvery > 0 && position.includes(' ')) {
      const n = i++;
      if (n % options.mojibakeEvery === 0)
        position = mojibake(position, (n / options.mojibakeEvery) % 2 === 1);
    }
    const date = formatConnectedOn(c.connectedOn, format);
    let url = options.emptyUrls ? '' : (p.profileUrl ?? '');
    if (url && options.rawSlugs) url = rawSlugUrl(url);
    yield csvRecord(
      old
        ? [p.firstName, p.lastName, p.email ?? '', p.company ?? '', position, date]
        : [p.firstName, p.lastName, url, p.email ?? '', p.company ?? '', position, date],
      eol,
    );
    // A member who left or hides their profile: no name, no URL, no company, only the day.
    if (options.namelessEvery && ++rows % options.namelessEvery === 0)
      yield csvRecord(old ? ['', '', '', '', '', date] : ['', '', '', '', '', '', date], eol);
  }
}

/** `Profile.csv`: the owner's headline and more, for the own-profile check. */
export function profileCsv(snapshot: ExportSnapshot, options: CsvOptions): string {
  const o = snapshot.owner;
  return (
    (options.bom ? BOM : '') +
    csvRecord(PROFILE_HEADER, options.eol) +
    csvRecord(
      [o.firstName, o.lastName, '', '', '', o.headline, o.summary, o.industry, '', o.location, '', '', ''],
      options.eol,
    )
  );
}

/** Files a real export holds that invitekeeper ignores, with fictional content drawn from the snapshot. */
export function extraFiles(snapshot: ExportSnapshot, options: CsvOptions): Record<string, string> {
  const bom = options.bom ? BOM : '';
  const owner = fullName(snapshot.owner);
  const [a, b] = [...take(snapshot.connections, 2)];
  let messages =
    bom +
    csvRecord(
      [
        'CONVERSATION ID',
        'CONVERSATION TITLE',
        'FROM',
        'SENDER PROFILE URL',
        'TO',
        'RECIPIENT PROFILE URLS',
        'DATE',
        'SUBJECT',
        'CONTENT',
        'FOLDER',
      ],
      options.eol,
    );
  for (const [i, c] of [a, b].entries()) {
    if (!c) continue;
    messages += csvRecord(
      [
        `2-synthetic-${i + 1}`,
        '',
        fullName(c.person),
        c.person.profileUrl ?? '',
        owner,
        snapshot.owner.profileUrl,
        formatSentAt(c.connectedOn, 'iso-utc'),
        '',
        'Thanks for connecting! (synthetic sample message)',
        'INBOX',
      ],
      options.eol,
    );
  }
  let skills = bom + csvRecord(['Name'], options.eol);
  for (const s of ['Partnerships', 'Business Development', 'Climate Tech', 'Negotiation'])
    skills += csvRecord([s], options.eol);
  return { 'Messages.csv': messages, 'Skills.csv': skills };
}

function* take<T>(items: Iterable<T>, n: number): Generator<T> {
  if (n <= 0) return;
  let i = 0;
  for (const item of items) {
    yield item;
    if (++i >= n) return;
  }
}

/** The export's files as strings, by name (for small exports; stream the generators for big ones). */
export function renderExport(
  snapshot: ExportSnapshot,
  options: Partial<ExportOptions> = {},
): Record<string, string> {
  const o = { ...DEFAULT_EXPORT_OPTIONS, ...options };
  const files: Record<string, string> = {
    'Connections.csv': [
      ...connectionsCsv(snapshot, {
        bom: o.bom,
        eol: o.eol,
        style: o.connectionsStyle,
        preamble: o.preamble,
        mojibakeEvery: o.mojibakeEvery,
        emptyUrls: o.emptyConnectionUrls,
        rawSlugs: o.rawSlugs,
        namelessEvery: o.namelessEvery,
        ...(o.connectedOnFormat ? { connectedOnFormat: o.connectedOnFormat } : {}),
      }),
    ].join(''),
    'Invitations.csv': [
      ...invitationsCsv(snapshot, {
        bom: o.bom,
        eol: o.eol,
        sentAtFormat: o.sentAtFormat,
        mojibakeEvery: o.mojibakeEvery,
        incoming: o.incoming,
        urls: o.invitationUrls,
      }),
    ].join(''),
    'Profile.csv': profileCsv(snapshot, o),
  };
  if (o.extraFiles) Object.assign(files, extraFiles(snapshot, o));
  return files;
}

/**
 * The Sent page's age text for an invitation sent at `sentAt`, seen at `asOf`. With d whole days:
 * d = 0 is `Sent N minute(s)|hour(s) ago` (or `Sent today` with `today`), d = 1 `Sent yesterday`,
 * 2..6 days, 7..29 `floor(d/7)` weeks, 30..364 `floor(d/30)` months, then years. So `Sent 1 month
 * ago` means 30 to 59 days, as SPEC section 3.2 reads it.
 */
export function sentAgeText(sentAt: Instant, asOf: Instant, options: { today?: boolean } = {}): string {
  const age = Math.max(0, asOf - sentAt);
  const d = Math.floor(age / DAY_MS);
  const unit = (n: number, word: string) => `Sent ${n} ${word}${n === 1 ? '' : 's'} ago`;
  if (d === 0) {
    if (options.today) return 'Sent today';
    const h = Math.floor(age / HOUR_MS);
    if (h > 0) return unit(h, 'hour');
    return unit(Math.max(1, Math.floor(age / MINUTE_MS)), 'minute');
  }
  if (d === 1) return 'Sent yesterday';
  if (d < 7) return unit(d, 'day');
  if (d < 30) return unit(Math.floor(d / 7), 'week');
  if (d < 365) return unit(Math.floor(d / 30), 'month');
  return unit(Math.floor(d / 365), 'year');
}

export interface SentPageOptions {
  /** Rows shown before `Load more`; the rest are not loaded. Infinity shows all. */
  limit: number;
  /** `Sent today` instead of hours and minutes for invitations under a day old. */
  today: boolean;
  eol: '\r\n' | '\n';
}

const DEFAULT_SENT_PAGE: SentPageOptions = { limit: 40, today: true, eol: '\n' };

const TEXT_HEADER_NOISE = [
  'Skip to main content',
  'Home',
  'My Network',
  'Jobs',
  'Messaging',
  'Notifications',
  'Me',
  'For Business',
  'Manage invitations',
  'Received',
  'Sent',
];

function outgoingRows(snapshot: ExportSnapshot): ExportInvitationRecord[] {
  const rows: ExportInvitationRecord[] = [];
  // The Sent page lists pending invitations only; accepted ones are in the export's history.
  for (const inv of snapshot.invitations) if (inv.direction === 'OUTGOING' && !inv.accepted) rows.push(inv);
  rows.sort((a, b) => b.sentAt - a.sentAt);
  return rows;
}

/**
 * The Sent tab selected and pasted as text, line by line: the page's navigation, `People (N)`,
 * then per invitation its name, headline, age text and `Withdraw`, newest first; `Load more` ends
 * the page when rows remain unloaded.
 */
export function* sentPageText(
  snapshot: ExportSnapshot,
  options: Partial<SentPageOptions> = {},
): Generator<string> {
  const o = { ...DEFAULT_SENT_PAGE, ...options };
  const rows = outgoingRows(snapshot);
  for (const line of TEXT_HEADER_NOISE) yield line + o.eol;
  yield `People (${rows.length})${o.eol}`;
  yield `Pages${o.eol}`;
  yield `Events${o.eol}`;
  yield o.eol;
  const shown = Math.min(rows.length, o.limit);
  for (let i = 0; i < shown; i++) {
    const r = rows[i]!;
    yield fullName(r.other) + o.eol;
    if (r.other.headline) yield r.other.headline + o.eol;
    yield sentAgeText(r.sentAt, snapshot.asOf, { today: o.today }) + o.eol;
    yield `Withdraw${o.eol}`;
    // Copying from a browser leaves a blank line between some cards and not others.
    if (i % 3 !== 2) yield o.eol;
  }
  if (shown < rows.length) yield `Load more${o.eol}`;
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function profilePath(profileUrl: string | null): string | null {
  if (!profileUrl) return null;
  const m = /\/in\/([^/?#]+)/.exec(profileUrl);
  return m ? `/in/${m[1]}/` : null;
}

/**
 * The Sent tab saved as an HTML page: LinkedIn-like nested markup, a profile link `/in/<slug>/` per
 * card (and an absolute one with a tracking query on the picture), scripts and styles whose text
 * mentions profiles too (readers must skip them), `Load more` when rows remain unloaded.
 */
export function renderSentPageHtml(
  snapshot: ExportSnapshot,
  options: Partial<Omit<SentPageOptions, 'eol'>> = {},
): string {
  const o = { ...DEFAULT_SENT_PAGE, today: false, ...options };
  const rows = outgoingRows(snapshot);
  const shown = Math.min(rows.length, o.limit);
  const out: string[] = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<title>Manage invitations | LinkedIn</title>',
    '<style>.invitation-card{display:flex}.invitation-card__title{font-weight:600}/* a[href^="/in/"] */</style>',
    '<script type="text/javascript">window.__ik_boot = {"member":"/in/not-a-card/","cards":[]};</script>',
    '</head>',
    '<body class="render-mode-BIGPIPE">',
    '<div id="global-nav" class="global-nav"><nav><ul>',
    '<li><a href="/feed/">Home</a></li><li><a href="/mynetwork/">My Network</a></li><li><a href="/jobs/">Jobs</a></li>',
    '<li><a href="/messaging/">Messaging</a></li><li><a href="/notifications/">Notifications</a></li>',
    '</ul></nav></div>',
    '<main id="main" class="scaffold-layout__main">',
    '<section class="mn-invitation-manager artdeco-card">',
    '<h1 class="t-18">Manage invitations</h1>',
    '<nav class="mn-invitation-manager__tabs">',
    '<a href="/mynetwork/invitation-manager/">Received</a>',
    '<a aria-current="page" href="/mynetwork/invitation-manager/sent/">Sent</a>',
    '</nav>',
    `<div class="mn-filters"><button class="artdeco-pill artdeco-pill--selected">People (${rows.length})</button><button class="artdeco-pill">Pages</button><button class="artdeco-pill">Events</button></div>`,
    '<ul class="artdeco-list mn-invitation-list">',
  ];
  for (let i = 0; i < shown; i++) {
    const r = rows[i]!;
    const name = escapeHtml(fullName(r.other));
    const path = profilePath(r.other.profileUrl);
    const pic = path
      ? `<a class="app-aware-link" href="https://www.linkedin.com${path}?miniProfileUrn=urn%3Ali%3Afs_miniProfile%3Asynthetic${i}"><img class="presence-entity__image" alt="${name}" src="data:,"></a>`
      : '';
    out.push(
      '<li class="invitation-card artdeco-list__item">',
      '<div class="invitation-card__container">',
      `<div class="invitation-card__picture">${pic}</div>`,
      '<div class="invitation-card__details">',
      path
        ? `<a class="app-aware-link invitation-card__link" href="${path}"><span class="invitation-card__title t-16">${name}</span></a>`
        : `<span class="invitation-card__title t-16">${name}</span>`,
      `<p class="invitation-card__subtitle t-14">${escapeHtml(r.other.headline ?? '')}</p>`,
      `<span class="time-badge t-12">${escapeHtml(sentAgeText(r.sentAt, snapshot.asOf, { today: o.today }))}</span>`,
      '</div>',
      '<div class="invitation-card__action-container">',
      `<button aria-label="Withdraw invitation sent to ${name}" class="artdeco-button artdeco-button--muted"><span class="artdeco-button__text">Withdraw</span></button>`,
      '</div>',
      '</div>',
      '</li>',
    );
  }
  out.push('</ul>');
  if (shown < rows.length) {
    out.push(
      '<div class="mn-invitation-manager__load-more"><button class="artdeco-button artdeco-button--secondary"><span class="artdeco-button__text">Load more</span></button></div>',
    );
  }
  out.push(
    '</section>',
    '</main>',
    '<script>/* tracking */ var cardTemplate = "<li class=\\"invitation-card\\"><a href=\\"/in/template-only/\\">Template</a></li>";</script>',
    '</body>',
    '</html>',
    '',
  );
  return out.join('\n');
}

/** One row of a targets CSV (SPEC 3.3). Missing fields are written empty. */
export interface TargetCsvRow {
  name?: string | null;
  profileUrl?: string | null;
  relation?: string | null;
  mutualConnections?: number | null;
  connectionCount?: number | null;
  timezone?: string | null;
  tags?: readonly string[];
  company?: string | null;
  headline?: string | null;
  custom?: Record<string, string>;
}

/** A targets CSV: SPEC 3.3 header plus the custom columns, tags joined by `;`. */
export function* targetsCsv(
  rows: Iterable<TargetCsvRow>,
  options: CsvOptions & { customColumns: readonly string[] },
): Generator<string> {
  yield (options.bom ? BOM : '') + csvRecord([...TARGETS_HEADER, ...options.customColumns], options.eol);
  for (const r of rows) {
    yield csvRecord(
      [
        r.name,
        r.profileUrl,
        r.relation,
        r.mutualConnections,
        r.connectionCount,
        r.timezone,
        (r.tags ?? []).join(';'),
        r.company,
        r.headline,
        ...options.customColumns.map((c) => r.custom?.[c] ?? ''),
      ],
      options.eol,
    );
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
