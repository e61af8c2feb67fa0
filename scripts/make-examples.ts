import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DAY_MS, type Instant, toIso } from '../src/core/index.ts';
import {
  createCasualMember,
  type ExportOptions,
  generateWorld,
  type Member,
  type Platform,
  profileUrlOf,
  renderExport,
  renderSentPageHtml,
  type SentAtFormat,
  sentPageText,
  simulate,
  snapshotFromPlatform,
  type TargetCsvRow,
  targetsCsv,
} from '../src/sim/index.ts';
import { writeZip } from './write-zip.ts';

/**
 * `npm run examples`: the sample data in examples/, written from the platform model. A member
 * (the casual strategy) uses LinkedIn for about 8 months up to the as-of instant; the script then
 * writes their latest export, their earlier monthly exports, their Sent page (text and HTML) and
 * a targets file. Fixed seed and fixed dates: every run writes the same bytes.
 */

export const EXAMPLES_SEED = 20261120;
export const EXAMPLES_START: Instant = Date.UTC(2026, 2, 20);
export const EXAMPLES_AS_OF: Instant = Date.UTC(2026, 10, 20, 17, 30);

/** Earlier monthly exports: their as-of day and the quirks each one carries. */
const HISTORY: readonly {
  month: number;
  format: SentAtFormat;
  bom: boolean;
  eol: '\r\n' | '\n';
  quirks?: Partial<ExportOptions>;
}[] = [
  {
    month: 3,
    format: 'iso-utc',
    bom: true,
    eol: '\r\n',
    // re-saved by a spreadsheet: no preamble, only blank lines, and dates like 6-Feb-26
    quirks: { preamble: 'blank-lines', connectedOnFormat: 'resaved' },
  },
  { month: 4, format: 'iso-naive', bom: false, eol: '\n', quirks: { invitationUrls: 'urn' } },
  { month: 5, format: 'date-only', bom: true, eol: '\r\n', quirks: { invitationUrls: 'bare' } },
  { month: 6, format: 'us-short', bom: true, eol: '\r\n' },
  { month: 7, format: 'iso-utc', bom: false, eol: '\r\n' },
  { month: 8, format: 'iso-naive', bom: true, eol: '\n' },
  { month: 9, format: 'date-only', bom: true, eol: '\r\n' },
];

const EVENTS = ['Grid & Growth meetup', 'Web Summit 2026', 'Alumni dinner, October 2026', 'Climate Week'];

/** Writes every example file into `outDir` (created if missing) and returns their relative paths. */
export async function makeExamples(outDir: string): Promise<string[]> {
  const asOf = EXAMPLES_AS_OF;
  const days = Math.ceil((asOf - EXAMPLES_START) / DAY_MS);
  const world = generateWorld({
    seed: EXAMPLES_SEED,
    recipients: 450,
    connections: 1330,
    incoming: 70,
    start: EXAMPLES_START,
    days,
  });
  // Three people late in the list sit at the 30,000 cap, so the targets file can show them.
  const atCap = world.recipients.slice(400, 403);
  for (const m of atCap) m.connectionCount = 30_000;

  const { platform, summary } = await simulate({
    days,
    seed: EXAMPLES_SEED,
    start: EXAMPLES_START,
    strategy: createCasualMember({ activeShare: 0.65, maxPerDay: 4, tidyShare: 0.1 }),
    recipients: world.recipients,
    others: world.others,
    connections: world.connections,
    incoming: world.incoming,
  });

  await rm(join(outDir, 'history'), { recursive: true, force: true });
  await mkdir(join(outDir, 'history'), { recursive: true });
  const written: string[] = [];

  const latest = snapshotFromPlatform(platform, asOf);
  await writeZip(
    join(outDir, 'linkedin-export.zip'),
    zipEntries(
      renderExport(latest, {
        sentAtFormat: 'us-short',
        bom: true,
        eol: '\r\n',
        mojibakeEvery: 4,
        preamble: 'long',
        extraFiles: true,
        // as in real exports: members who left or hide their profile, raw UTF-8 slugs
        namelessEvery: 70,
        rawSlugs: true,
      }),
    ),
    asOf,
  );
  written.push('linkedin-export.zip');

  for (const h of HISTORY) {
    const at = Date.UTC(2026, h.month, 20, 17, 30);
    const name = `history/linkedin-export-${toIso(at).slice(0, 10)}.zip`;
    const files = renderExport(snapshotFromPlatform(platform, at), {
      sentAtFormat: h.format,
      bom: h.bom,
      eol: h.eol,
      mojibakeEvery: h.month % 2 === 0 ? 5 : 0,
      preamble: h.month % 2 === 0 ? 'short' : 'long',
      extraFiles: true,
      namelessEvery: 90,
      ...h.quirks,
    });
    await writeZip(join(outDir, name), zipEntries(files), at);
    written.push(name);
  }

  await writeFile(
    join(outDir, 'sent-page.txt'),
    [...sentPageText(latest, { limit: 40, today: true })].join(''),
  );
  written.push('sent-page.txt');
  await writeFile(join(outDir, 'sent-page.html'), renderSentPageHtml(latest, { limit: 100 }));
  written.push('sent-page.html');

  const targets = chooseTargets(platform, world.recipients, atCap, asOf);
  await writeFile(
    join(outDir, 'targets.csv'),
    [...targetsCsv(targets, { bom: false, eol: '\n', customColumns: ['event'] })].join(''),
  );
  written.push('targets.csv');

  await writeFile(join(outDir, 'README.md'), readme(summary.sent, platform, asOf, targets.length));
  written.push('README.md');
  return written;
}

function zipEntries(files: Record<string, string>): { name: string; data: string }[] {
  return Object.keys(files)
    .sort()
    .map((name) => ({ name, data: files[name]! }));
}

function targetRow(m: Member, i: number, overrides: Partial<TargetCsvRow> = {}): TargetCsvRow {
  return {
    name: m.name,
    profileUrl: m.profileUrl,
    relation: m.relation,
    mutualConnections: m.mutualConnections,
    connectionCount: m.connectionCount,
    timezone: m.timezone,
    tags: i % 3 === 0 ? ['climate', 'partners'] : i % 3 === 1 ? ['fintech'] : [],
    company: m.company,
    headline: m.headline,
    custom: { event: EVENTS[i % EVENTS.length]! },
    ...overrides,
  };
}

/**
 * About 60 people the member wants to invite: mostly fresh, plus some already connected, pending,
 * in the re-invite wait, at the 30,000 cap, without a time zone, with only a name or only a link,
 * one link in a non-canonical form, and one name that is an HTML injection attempt.
 */
function chooseTargets(
  platform: Platform,
  recipients: readonly Member[],
  atCap: readonly Member[],
  asOf: Instant,
): TargetCsvRow[] {
  const invited = new Set(
    platform.invitations.filter((inv) => inv.sentAt <= asOf).map((inv) => inv.memberId),
  );
  const connectedIds = new Set(platform.connectionsAt(asOf).map((c) => c.memberId));
  const fresh = recipients.filter((m) => !invited.has(m.id) && !connectedIds.has(m.id) && !atCap.includes(m));
  const connected = platform
    .connectionsAt(asOf)
    .filter((c) => c.via === 'outgoing')
    .slice(-5)
    .map((c) => platform.member(c.memberId));
  const pending = platform
    .pendingAt(asOf)
    .slice(-5)
    .map((inv) => platform.member(inv.memberId));
  const cooling = platform.invitations
    .filter(
      (inv) =>
        inv.status === 'withdrawn' &&
        inv.statusAt !== null &&
        inv.statusAt > asOf - 21 * DAY_MS &&
        inv.statusAt <= asOf,
    )
    .slice(-4)
    .map((inv) => platform.member(inv.memberId));
  const rows: TargetCsvRow[] = [];
  let i = 0;
  for (const m of fresh.slice(0, 38)) {
    rows.push(targetRow(m, i, i % 10 === 9 ? { timezone: null } : {}));
    i++;
  }
  for (const m of [...connected, ...pending, ...cooling, ...atCap]) rows.push(targetRow(m, i++));
  const rest = fresh.slice(38, 43);
  if (rest[0]) rows.push({ name: rest[0].name, custom: { event: 'Web Summit 2026' } });
  if (rest[1]) rows.push({ profileUrl: rest[1].profileUrl, relation: 'other' });
  if (rest[2]) {
    const slug = rest[2].profileUrl.slice(rest[2].profileUrl.lastIndexOf('/') + 1);
    rows.push(
      targetRow(rest[2], i++, {
        profileUrl: `http://de.linkedin.com/in/${slug.toUpperCase()}/?trk=public_profile`,
      }),
    );
  }
  rows.push({
    name: '<img src=x onerror=alert(1)>',
    profileUrl: profileUrlOf('xss-test-target'),
    relation: 'other',
    mutualConnections: 0,
    timezone: 'UTC',
    tags: ['<script>'],
    company: '"><svg onload=alert(2)>',
    headline: 'Security test row: must render as text',
    custom: { event: '<b>bold?</b>' },
  });
  return rows;
}

function readme(sent: number, platform: Platform, asOf: Instant, targets: number): string {
  const pending = platform.pendingAt(asOf).length;
  const accepted = platform.acceptedBy(asOf).length;
  const connections = platform.connectionsAt(asOf).length;
  return `# Sample data (synthetic)

Everything in this folder is **synthetic**: written by \`npm run examples\`
(\`scripts/make-examples.ts\`) from invitekeeper's model of LinkedIn's invitation system
(\`src/sim/\`, explained in \`docs/platform-model.md\`). The people are fictional: first and last
names are drawn independently from word lists, companies are invented, every e-mail address is
at \`example.com\`. No real person's data is here.

How it was made: a fictional member, Morgan Keller (free account, time zone Europe/Berlin),
used LinkedIn from ${toIso(EXAMPLES_START).slice(0, 10)} to ${toIso(asOf)} (the as-of instant),
inviting a few people on some days (${sent} invitations in all), with a personal note now and
then, and withdrawing a few old invitations every so often. Recipients accepted, ignored or
reported as the model's recipients do. Seed ${EXAMPLES_SEED}; the generator writes the same bytes
on every run (a test checks it).

At the as-of instant: ${pending} outgoing invitations pending, ${accepted} accepted, ${connections} connections.

| file | what it is |
|---|---|
| \`linkedin-export.zip\` | the data export at the as-of instant: \`Invitations.csv\` (a history, as real exports are: the outgoing invitations still pending and those accepted, plus pending incoming ones), \`Connections.csv\` (with the \`Notes:\` preamble, raw UTF-8 profile slugs, and a row with no name and no URL every 70 rows, as members who left or hide their profile appear), \`Profile.csv\`, and \`Messages.csv\` / \`Skills.csv\`, which invitekeeper ignores. UTF-8 BOM, CRLF, \`Sent At\` like \`3/5/26, 1:45 AM\`, notes with commas, quotes, line breaks, emoji and a mis-decoded \`Â\` before a space. Entry times are the as-of instant. |
| \`history/linkedin-export-YYYY-MM-DD.zip\` | the same member's earlier monthly exports (each at 17:30 UTC on the 20th). Import them in date order, then the latest: acceptances and withdrawals show up over time. Their \`Sent At\` formats rotate through \`2026-03-05 01:45:00 UTC\`, \`2026-03-05 01:45:00\`, \`05 Mar 2026\` and \`3/5/26, 1:45 AM\`; some have no BOM or LF line ends; the April one has \`Connections.csv\` re-saved by a spreadsheet (blank lines for a preamble, \`6-Feb-26\` dates), May's has \`inviterProfileUrn,inviteeProfileUrn\` columns and June's the bare \`https://www.linkedin.com/in\` in every row (so their invitations are matched by name). |
| \`sent-page.txt\` | the Sent tab (My Network, Manage, Sent) selected and pasted as text at the as-of instant: page navigation lines, \`People (N)\`, then per invitation its name, headline, \`Sent ...\` age and \`Withdraw\`, newest first; truncated after 40 rows with \`Load more\`. |
| \`sent-page.html\` | the same page saved as HTML: nested markup, profile links \`/in/<slug>/\`, scripts and styles that mention profiles too (readers must skip them). |
| \`targets.csv\` | ${targets} people to invite (SPEC 3.3 columns plus a custom \`event\` column; tags separated by \`;\`): some already connected, pending, in the 3-week re-invite wait or at 30,000 connections, a few without a time zone, one with only a name, one with only a link, one link in a non-canonical form, and one row whose name is an HTML injection attempt (for XSS tests). |

Age texts on the Sent page: with d whole days since sending, \`Sent N minutes/hours ago\`
(or \`Sent today\` in the text) for d = 0, \`Sent yesterday\` for d = 1, days up to 6, weeks
(floor(d/7)) up to 29 days, months (floor(d/30)) up to 364 days, then years.
`;
}

const isMain =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  const outDir = resolve(fileURLToPath(new URL('../examples/', import.meta.url)));
  const written = await makeExamples(outDir);
  for (const f of written) console.log(`examples/${f}`);
}
