import { BOM, type CsvOptions, csvRecord } from './csv-record.ts';
import {
  type ConnectedOnFormat,
  formatConnectedOn,
  formatSentAt,
  mojibake,
  type SentAtFormat,
} from './export-formats.ts';
import { type ExportSnapshot, fullName } from './export-snapshot.ts';

export type { CsvOptions } from './csv-record.ts';

/**
 * Writes LinkedIn's data export, in LinkedIn's own formats (SPEC section 3.1): Invitations.csv,
 * Connections.csv, Profile.csv and the files the reader ignores. The Sent page is written by
 * sent-page-writer.ts, a targets CSV by targets-writer.ts. Pure: it returns strings or yields them
 * record by record, so a million-row export streams through without being held in memory. Writing files and ZIPs is the caller's business.
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
