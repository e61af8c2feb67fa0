import { DAY_MS, HOUR_MS, type Instant, MINUTE_MS } from '../core/index.ts';
import { type ExportInvitationRecord, type ExportSnapshot, fullName } from './export-snapshot.ts';

/**
 * Writes the Sent page of LinkedIn's invitation manager as a member would hand it over (SPEC
 * section 3.2): pasted as text or saved as HTML, with the page's age texts (`Sent 2 weeks ago`).
 */

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
