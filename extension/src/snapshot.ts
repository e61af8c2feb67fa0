/**
 * What the companion sends to the server: the rows it read, written as a small Sent page in HTML
 * (one list item per invitation with its profile link, the name, the headline and the age in
 * English) for the server's own Sent-page reader, through the same import as a saved page. The
 * server decides everything from there (age ranges, matching, what a truncated page may close).
 * Pure: no DOM.
 */
import { type Age, englishAge } from './ages.ts';

/** One invitation as read from the page. */
export interface SentRow {
  name: string;
  /**
   * Canonical (https://www.linkedin.com/in/<slug>). Every row has one: the page is read as cards of one
   * person each, and the server reads the snapshot the same way, by the link of each card.
   */
  profileUrl: string;
  headline: string | null;
  /** The age as the page shows it. */
  ageText: string | null;
  /** The age read from ageText; null when it could not be read (the row is then sent as unreadable). */
  age: Age | null;
}

export interface Snapshot {
  rows: readonly SentRow[];
  /** More invitations exist than the page shows ("Load more", or fewer rows than the tab's total). */
  truncated: boolean;
  /** The People tab's total, when the page shows it. */
  total: number | null;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/**
 * The snapshot as the Sent-page HTML the server reads. A row whose age could not be read is sent
 * with an age line the server recognises as an age it cannot read: with `skipBadRows` it becomes a
 * row error that protects that person from being closed, instead of vanishing from the snapshot.
 * A truncated page ends with "Load more", so the server closes nothing older than its oldest row.
 */
export function snapshotHtml(snapshot: Snapshot): string {
  const items = snapshot.rows.map((r) => {
    const link = `<a href="${escapeHtml(r.profileUrl)}">${escapeHtml(r.name)}</a>`;
    const headline = r.headline ? `<p>${escapeHtml(r.headline)}</p>` : '';
    const age = r.age
      ? englishAge(r.age)
      : `Sent ago (unread: ${(r.ageText ?? 'no age shown').replace(/\bsent\b/gi, '').trim()})`;
    return `<li>${link}${headline}<p>${escapeHtml(age)}</p><button>Withdraw</button></li>`;
  });
  const total = snapshot.total === null ? '' : `<h2>People (${snapshot.total})</h2>`;
  const more = snapshot.truncated ? '<button>Load more</button>' : '';
  return `<!doctype html><html lang="en"><body><main>${total}<ul>${items.join('')}</ul>${more}</main></body></html>\n`;
}

/** Whether the snapshot holds a row whose age could not be read (the import then skips it, keeping it). */
export function hasUnreadableRows(snapshot: Pick<Snapshot, 'rows'>): boolean {
  return snapshot.rows.some((r) => r.age === null);
}
