/**
 * The content script of the Sent page. It reads the rows the page shows, syncs them to the member's
 * server as a Sent-page snapshot (through the background worker, which alone holds the token),
 * marks each row with the plan's verdict, and records the withdrawals the member makes with
 * LinkedIn's own button and dialog. It never clicks, never submits, never requests anything from
 * LinkedIn, and changes nothing on the page but its own marks and panel.
 */
import { type AgeLanguage, ageLanguageOf, LANGUAGE_NAMES } from './ages.ts';
import type { Answers, Failure, Request, SyncReport } from './messages.ts';
import {
  controlIn,
  dialogIn,
  isConfirmButton,
  isWithdrawControl,
  namedIn,
  OWN_ELEMENTS,
  type PageRead,
  type PageRow,
  profileOf,
  readPage,
} from './read-page.ts';
import { hasUnreadableRows, snapshotHtml } from './snapshot.ts';
import { clearMarks, createPanel, highlight, markRow, type PanelState, type Tone } from './ui.ts';
import { type ServerView, todayFigures, type Verdict, verdictsFor } from './verdicts.ts';

/** At most one sync every few seconds, however fast the member scrolls and loads. */
const SYNC_INTERVAL_MS = 5_000;
/** Page changes are read once they settle. */
const SETTLE_MS = 300;
/** From LinkedIn's Withdraw to the dialog's confirm. */
const CONFIRM_WINDOW_MS = 120_000;
/** From the confirm to the row leaving the list. */
const REMOVAL_WINDOW_MS = 20_000;
/** While the server is away or refuses us, it is asked again this often. */
const RETRY_MS = 10_000;

type Asked<K extends Request['type']> = Answers[K];

async function ask<K extends Request['type']>(request: Extract<Request, { type: K }>): Promise<Asked<K>> {
  try {
    return await chrome.runtime.sendMessage<Asked<K>>(request);
  } catch {
    // The extension was reloaded or removed under this page: its old script can no longer talk.
    return {
      ok: false,
      reason: 'error',
      origin: '',
      status: 0,
      message: 'the companion was updated or removed: reload this page',
    } as Asked<K>;
  }
}

interface Armed {
  row: PageRow;
  verdict: Verdict | null;
  at: number;
}

class Companion {
  private read: PageRead = { rows: [], total: null, loadMore: false };
  private view: ServerView | null = null;
  private failure: Failure | null = null;
  private lastSynced: string | null = null;
  private lastSyncAt = 0;
  private syncTimer: ReturnType<typeof setTimeout> | null = null;
  private settleTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private syncNote: string | null = null;
  private message: PanelState['message'] = null;
  private armed: Armed | null = null;
  private confirmed: Armed | null = null;
  private cursor = 0;
  private queue: Promise<unknown> = Promise.resolve();
  /**
   * When the page was loaded, and how far the server's clock is from this one (from the plan's
   * `asOf`; nothing on the same machine, but a server started with --now is elsewhere in time).
   * A snapshot is dated when its page was loaded, not when it is sent: LinkedIn wrote its ages then,
   * and an invitation recorded as sent since then must not be closed for not being on it.
   */
  private readonly loadedAt = performance.timeOrigin;
  private clockOffset: number | null = null;
  /** The server this page talks to: re-pairing with another one while it is open stops it. */
  private origin: string | null = null;
  private readonly panel: ReturnType<typeof createPanel>;

  constructor(
    private readonly doc: Document,
    private readonly lang: AgeLanguage,
  ) {
    this.panel = createPanel(doc, {
      next: () => this.next(),
      dashboard: () => void ask({ type: 'open-dashboard' }),
      pair: () => void ask({ type: 'open-options' }),
    });
  }

  start(): void {
    this.render();
    new MutationObserver((records) => {
      if (records.some((r) => !ownChange(r))) this.settle();
    }).observe(this.doc.body ?? this.doc.documentElement, { childList: true, subtree: true });
    // Capture, so the click is seen even when LinkedIn stops it from bubbling.
    this.doc.addEventListener('click', (e) => this.onClick(e), true);
    this.read = readPage(this.doc, this.lang);
    // The plan first: it marks the rows at once and dates the page in the server's time.
    this.enqueue(() => this.loadView());
  }

  /** Runs server work one piece at a time, in order (a withdrawal is recorded before the next sync). */
  private enqueue(work: () => Promise<void>): void {
    this.queue = this.queue.then(work).catch(() => {});
  }

  private settle(): void {
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => {
      this.settleTimer = null;
      this.refresh();
    }, SETTLE_MS);
  }

  /** Reads the page again, marks new rows at once, and syncs when what it shows has changed. */
  private refresh(): void {
    this.read = readPage(this.doc, this.lang);
    if (this.view) this.applyMarks();
    this.scheduleSync();
    this.render();
  }

  private snapshot(): string | null {
    if (this.read.rows.length === 0) return null;
    const { rows, total, loadMore } = this.read;
    // Only a page known to show every invitation may close the ones it does not list.
    const complete = !loadMore && total !== null && rows.length >= total;
    return snapshotHtml({ rows, total, truncated: !complete });
  }

  private scheduleSync(): void {
    if (this.syncTimer || this.failure || this.clockOffset === null) return;
    const html = this.snapshot();
    if (html === null || html === this.lastSynced) return;
    const wait = Math.max(0, this.lastSyncAt + SYNC_INTERVAL_MS - Date.now());
    this.syncTimer = setTimeout(() => {
      this.syncTimer = null;
      this.enqueue(() => this.sync());
    }, wait);
  }

  private async sync(): Promise<void> {
    // A withdrawal is under way: the row leaving must be recorded as withdrawn before a sync could
    // take it for a vanished (closed) invitation. Its end (recorded or not) schedules the sync.
    if (this.confirmed) return;
    this.read = readPage(this.doc, this.lang);
    const html = this.snapshot();
    if (html === null || html === this.lastSynced) return;
    if (this.failure || this.clockOffset === null || this.origin === null) return;
    this.lastSyncAt = Date.now();
    const asOf = new Date(this.loadedAt + this.clockOffset).toISOString();
    const answer = await ask({
      type: 'sync',
      origin: this.origin,
      html,
      asOf,
      skipBadRows: hasUnreadableRows(this.read),
    });
    if (!answer.ok) return this.fail(answer);
    this.lastSynced = html;
    this.syncNote = syncNote(this.read, answer.value);
    await this.loadView();
    // The page may have changed while the server worked.
    this.scheduleSync();
  }

  private async loadView(): Promise<void> {
    if (this.failure?.reason === 'repaired') return;
    const answer = await ask({ type: 'view' });
    if (!answer.ok) return this.fail(answer);
    this.origin ??= answer.value.origin;
    if (answer.value.origin !== this.origin)
      return this.fail({ ok: false, reason: 'repaired', origin: this.origin });
    this.clockOffset ??= Date.parse(answer.value.plan.asOf) - Date.now();
    this.failure = null;
    this.view = answer.value;
    this.read = readPage(this.doc, this.lang);
    this.applyMarks();
    this.render();
    this.scheduleSync();
  }

  private fail(failure: Failure): void {
    this.failure = failure;
    this.view = null;
    clearMarks(this.doc);
    this.render();
    if (failure.reason === 'repaired') return;
    if (!this.retryTimer) {
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        this.enqueue(() => this.loadView());
      }, RETRY_MS);
    }
  }

  private verdicts(): Verdict[] {
    return this.view ? verdictsFor(this.read.rows, this.view) : [];
  }

  private applyMarks(): void {
    const verdicts = this.verdicts();
    this.read.rows.forEach((row, i) => {
      markRow(row.element, row.ageElement, verdicts[i]!);
    });
  }

  /** Scrolls to the next planned row that is loaded, in the plan's order, and highlights it. */
  private next(): void {
    if (!this.view) return;
    const verdicts = this.verdicts();
    const planned = this.read.rows
      .map((row, i) => ({ row, order: verdicts[i]?.order }))
      .filter((x): x is { row: PageRow; order: number } => x.order !== undefined)
      .sort((a, b) => a.order - b.order);
    if (planned.length === 0) {
      this.say(
        this.view.plan.withdrawals.length === 0
          ? 'Nothing is left to withdraw today.'
          : "Today's next withdrawal is further down: press LinkedIn's “Load more” to reach it.",
        'warn',
      );
      return;
    }
    const target = planned.find((p) => p.order > this.cursor) ?? planned[0]!;
    this.cursor = target.order;
    target.row.element.scrollIntoView({ block: 'center', behavior: 'smooth' });
    highlight(this.doc, target.row.element);
    this.say(
      `Next: ${target.row.name}, withdraw today ${target.order} of ${this.view.plan.details.cap}.`,
      'ok',
    );
  }

  private onClick(e: Event): void {
    if (!e.isTrusted) return;
    const path = e.composedPath();
    if (path.some((t) => t instanceof Element && t.matches(OWN_ELEMENTS))) return;
    const control = controlIn(path);
    if (!control) return;
    const dialog = dialogIn(path);
    if (!dialog) {
      if (!isWithdrawControl(control, this.lang)) return;
      this.read = readPage(this.doc, this.lang);
      const index = this.read.rows.findIndex((r) => r.element.contains(control));
      const row = this.read.rows[index];
      this.armed = row ? { row, verdict: this.verdicts()[index] ?? null, at: Date.now() } : null;
      return;
    }
    const armed = this.armed;
    if (!armed || Date.now() - armed.at > CONFIRM_WINDOW_MS) return;
    this.armed = null;
    if (!isConfirmButton(control, this.lang)) return; // Cancel, Dismiss: nothing happens
    const named = namedIn(control, this.lang);
    if (named && named.toLowerCase() !== armed.row.name.toLowerCase()) return; // a dialog about someone else
    this.confirmed = { ...armed, at: Date.now() };
    this.watchRemoval(this.confirmed);
  }

  /** Waits for the confirmed row to leave the list, then records the withdrawal. */
  private watchRemoval(confirmed: Armed): void {
    const { row } = confirmed;
    const gone = () =>
      !row.element.isConnected ||
      ![...row.element.querySelectorAll('a[href]')].some((a) => profileOf(a) === row.profileUrl);
    const check = () => {
      if (this.confirmed !== confirmed) return;
      if (gone()) {
        this.enqueue(() => this.record(confirmed));
        return;
      }
      if (Date.now() - confirmed.at > REMOVAL_WINDOW_MS) {
        this.confirmed = null;
        this.say(`${row.name} is still listed after the confirm: no withdrawal was recorded.`, 'warn');
        this.scheduleSync();
        return;
      }
      setTimeout(check, 150);
    };
    check();
  }

  private async record(confirmed: Armed): Promise<void> {
    const { row, verdict } = confirmed;
    const answer = this.origin
      ? await ask({ type: 'withdrawn', origin: this.origin, person: row.profileUrl })
      : ({ ok: false, reason: 'unpaired' } as const);
    this.confirmed = null;
    if (!answer.ok) {
      this.say(
        `${row.name} was withdrawn on LinkedIn but could not be recorded (${failureText(answer)}): record it with \`invitekeeper withdrawn ${row.profileUrl}\`.`,
        'bad',
      );
      if (answer.reason !== 'error') this.fail(answer);
      else this.scheduleSync();
      return;
    }
    const r = answer.value;
    const count = `${r.withdrawnToday} of ${r.cap} today`;
    const extra = r.warnings.length ? ` ${r.warnings.join(' ')}` : '';
    if (verdict?.kind === 'withdraw')
      this.say(`Recorded: ${row.name} withdrawn (${count}).${extra}`, r.warnings.length ? 'warn' : 'ok');
    else
      this.say(
        `Recorded a withdrawal the plan did not list: ${row.name}${verdict ? ` (${verdict.text})` : ''}; ${count}.${extra}`,
        'warn',
      );
    await this.loadView();
    this.scheduleSync();
  }

  private say(text: string, tone: Tone): void {
    this.message = { text, tone };
    this.render();
  }

  private render(): void {
    const base = { message: this.message, canNext: false, canDashboard: false, canPair: false };
    const f = this.failure;
    if (f) {
      const where = 'origin' in f && f.origin ? f.origin.replace(/^http:\/\//, '') : '127.0.0.1';
      const state: Record<Failure['reason'], [Tone, string]> = {
        unpaired: [
          'bad',
          'Not paired yet: paste the link `invitekeeper serve` prints into the companion’s options. Nothing is marked or recorded until then.',
        ],
        away: [
          'bad',
          `invitekeeper is not answering on ${where}: start \`invitekeeper serve\`. Nothing is marked or recorded meanwhile.`,
        ],
        refused: [
          'bad',
          `invitekeeper on ${where} refused the companion’s token: pair it again with the link \`invitekeeper serve\` prints. Nothing is marked or recorded meanwhile.`,
        ],
        error: ['bad', `invitekeeper answered: ${'message' in f ? f.message : ''}`],
        repaired: [
          'warn',
          'The companion was paired with another server since this page was opened: reload the page to use it.',
        ],
      };
      const [tone, status] = state[f.reason];
      this.panel.render({
        ...base,
        tone,
        status,
        figures: null,
        sync: null,
        canPair: f.reason !== 'error' && f.reason !== 'away',
      });
      return;
    }
    if (!this.view) {
      this.panel.render({
        ...base,
        tone: 'ok',
        status: 'Asking invitekeeper for today’s plan…',
        figures: null,
        sync: null,
      });
      return;
    }
    const rows = this.read.rows.length;
    this.panel.render({
      ...base,
      tone: 'ok',
      status:
        rows === 0
          ? 'No invitation is listed on this page yet.'
          : `Today’s plan for the account “${this.view.plan.details.account}” is marked on each row.`,
      figures: todayFigures(this.view.plan),
      sync: this.syncNote,
      canNext: true,
      canDashboard: true,
    });
  }
}

/** What the last sync did, in a sentence for the panel. */
function syncNote(read: PageRead, report: SyncReport): string {
  const at = new Date().toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  const of = read.total === null ? '' : ` of ${read.total.toLocaleString('en-US')}`;
  const parts = [`Synced ${read.rows.length}${of} rows at ${at}.`];
  const complete = !read.loadMore && read.total !== null && read.rows.length >= read.total;
  if (!complete) parts.push('Older invitations are checked once loaded.');
  if (report.invitations.new) parts.push(`${report.invitations.new} new.`);
  if (report.transitions.closed) parts.push(`${report.transitions.closed} no longer listed: closed.`);
  if (report.rowErrors.length)
    parts.push(`${report.rowErrors.length} row(s) with an age it could not read were kept as they were.`);
  return parts.join(' ');
}

function failureText(f: Failure): string {
  switch (f.reason) {
    case 'unpaired':
      return 'not paired';
    case 'away':
      return 'the server is not answering';
    case 'refused':
      return 'the token was refused';
    case 'error':
      return f.message;
    case 'repaired':
      return 'the companion was paired with another server';
  }
}

/** A mutation of the companion's own marks or panel only. */
function ownChange(r: MutationRecord): boolean {
  const nodes = [...r.addedNodes, ...r.removedNodes];
  return nodes.length > 0 && nodes.every((n) => n instanceof Element && n.matches(OWN_ELEMENTS));
}

function main(): void {
  const lang = ageLanguageOf(document.documentElement.lang);
  if (!lang) {
    const said = document.documentElement.lang
      ? `“${document.documentElement.lang}”`
      : 'a language it does not say';
    createPanel(document, { next() {}, dashboard() {}, pair() {} }).render({
      tone: 'warn',
      status: `This page is in ${said}. The companion reads the Sent page in ${Object.values(LANGUAGE_NAMES).join(', ')} only, so it reads, marks and records nothing here.`,
      figures: null,
      sync: null,
      message: null,
      canNext: false,
      canDashboard: false,
      canPair: false,
    });
    return;
  }
  new Companion(document, lang).start();
}

main();
