/**
 * Helpers for the use-case tests: a throwaway database, exports written in LinkedIn's format, and
 * a dump of every table to prove that a refused import changed nothing. Test-only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { toIso } from '../../core/index.ts';
import { createStore } from '../../store/index.ts';
import { loadConfig } from '../config.ts';
import type { AppContext } from '../context.ts';
import { importExport } from '../imports/import-snapshot.ts';
import { importTargets } from '../outreach/targets.ts';

export function tempDir(prefix = 'ik-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A context on a fresh database (SQLite file unless `db` says otherwise) at `now`. */
export async function testContext(opts: { now: string; db?: string; account?: string }): Promise<AppContext> {
  const db = opts.db ?? path.join(tempDir(), 'test.db');
  const config = loadConfig({ db, account: opts.account }, { HOME: tempDir('ik-home-') });
  return { store: await createStore(config.db), config, now: Date.parse(opts.now) };
}

/** The same context at another moment. */
export function at(ctx: AppContext, now: string): AppContext {
  return { ...ctx, now: Date.parse(now) };
}

export interface ExportInvitationSpec {
  name: string;
  slug?: string | null;
  sentAt: string;
  message?: string;
  direction?: 'OUTGOING' | 'INCOMING';
}

export interface ExportConnectionSpec {
  first: string;
  last: string;
  slug?: string | null;
  connectedOn: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** `3/5/26, 1:45 AM` as LinkedIn writes it, from an ISO time (UTC). */
export function linkedInSentAt(iso: string): string {
  const d = new Date(iso);
  const h = d.getUTCHours();
  const hh = h % 12 === 0 ? 12 : h % 12;
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${String(d.getUTCFullYear()).slice(2)}, ${hh}:${String(d.getUTCMinutes()).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`;
}

/** Writes Invitations.csv and Connections.csv the way LinkedIn ships them (BOM, CRLF, preamble). */
export function writeExport(
  dir: string,
  spec: {
    invitations?: ExportInvitationSpec[];
    connections?: ExportConnectionSpec[];
    /** The member's own Profile.csv; a null headline writes the column empty. */
    profile?: { headline: string | null };
  },
): string {
  fs.mkdirSync(dir, { recursive: true });
  if (spec.invitations) {
    const lines = ['From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl'];
    for (const i of spec.invitations) {
      const url =
        i.slug === null
          ? ''
          : `https://www.linkedin.com/in/${i.slug ?? i.name.toLowerCase().replace(/\s+/g, '-')}`;
      const me = 'https://www.linkedin.com/in/the-member';
      const out = (i.direction ?? 'OUTGOING') === 'OUTGOING';
      lines.push(
        [
          out ? 'The Member' : i.name,
          out ? i.name : 'The Member',
          linkedInSentAt(i.sentAt),
          i.message ?? '',
          i.direction ?? 'OUTGOING',
          out ? me : url,
          out ? url : me,
        ]
          .map(csvField)
          .join(','),
      );
    }
    fs.writeFileSync(path.join(dir, 'Invitations.csv'), `\ufeff${lines.join('\r\n')}\r\n`);
  }
  if (spec.connections) {
    const lines = [
      'Notes:',
      '"When exporting your connection data, you may notice that some of the email addresses are missing."',
      '',
      'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
    ];
    for (const c of spec.connections) {
      const d = new Date(c.connectedOn);
      const date = `${String(d.getUTCDate()).padStart(2, '0')} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
      const url =
        c.slug === null
          ? ''
          : `https://www.linkedin.com/in/${c.slug ?? `${c.first}-${c.last}`.toLowerCase()}`;
      lines.push([c.first, c.last, url, '', 'Acme', 'Engineer', date].map(csvField).join(','));
    }
    fs.writeFileSync(path.join(dir, 'Connections.csv'), `\ufeff${lines.join('\r\n')}\r\n`);
  }
  if (spec.profile) {
    const lines = [
      'First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers',
      [
        'The',
        'Member',
        '',
        '',
        '',
        spec.profile.headline ?? '',
        'About me',
        'Software',
        '',
        'Berlin, Germany',
        '',
        '',
        '',
      ]
        .map(csvField)
        .join(','),
    ];
    fs.writeFileSync(path.join(dir, 'Profile.csv'), `\ufeff${lines.join('\r\n')}\r\n`);
  }
  return dir;
}

export { toIso };

const EXAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'examples');

/** The bundled sample: the monthly history exports in date order, then the newest (as `npm run demo` imports them). */
export function sampleExportFiles(): string[] {
  const history = path.join(EXAMPLES, 'history');
  return [
    ...fs
      .readdirSync(history)
      .filter((f) => f.endsWith('.zip'))
      .sort()
      .map((f) => path.join(history, f)),
    path.join(EXAMPLES, 'linkedin-export.zip'),
  ];
}

/** Imports the bundled sample as `npm run demo` does: the exports in date order, then the targets. */
export async function importSample(ctx: AppContext): Promise<void> {
  for (const file of sampleExportFiles()) await importExport(ctx, file);
  await importTargets(ctx, path.join(EXAMPLES, 'targets.csv'));
}
