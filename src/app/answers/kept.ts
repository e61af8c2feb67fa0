import { type Instant, toIso } from '../../core/index.ts';
import type { AccountRecord } from '../ports.ts';

/**
 * Answers kept between calls by a long-lived process (the server), per account and variant: an
 * answer is given again, with its `asOf` moved to the new `now`, while the account's data version
 * is the one it was computed from and `now` lies in [the `now` it was computed at, its `until`).
 * Every write to an account, by this process or another, moves the data version, and `until` is
 * the first instant the answer could change with time alone (statusStableUntil, planStableUntil);
 * so a kept answer is always the one computing afresh would give. Calls that miss at the same
 * moment share one computation rather than each starting their own.
 */
export class KeptAnswers<T extends { asOf: string }> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly inFlight = new Map<string, { version: number; done: Promise<Entry<T>> }>();

  constructor(private readonly maxEntries = 1000) {}

  /**
   * The answer for the account at `now`: kept, or from `compute`. `variant` holds everything else
   * the answer depends on (settings from the configuration, a chosen template).
   */
  async answer(
    account: AccountRecord,
    variant: string,
    now: Instant,
    compute: () => Promise<{ answer: T; until: Instant }>,
  ): Promise<T> {
    const entry = await this.entry(account, variant, now, compute);
    return { ...entry.answer, asOf: toIso(now) };
  }

  /**
   * The answer as JSON text through `view` (a server's response), kept with the answer: a large
   * answer is then neither rebuilt nor serialised again, only its `asOf` (the view's first key)
   * replaced. `viewKey` names the view; one key, one view.
   */
  async json(
    account: AccountRecord,
    variant: string,
    now: Instant,
    compute: () => Promise<{ answer: T; until: Instant }>,
    viewKey: string,
    view: (answer: T) => { asOf: string },
  ): Promise<string> {
    const entry = await this.entry(account, variant, now, compute);
    let text = entry.views.get(viewKey);
    if (text === undefined) {
      text = JSON.stringify(view(entry.answer));
      entry.views.set(viewKey, text);
    }
    const head = `{"asOf":${JSON.stringify(entry.answer.asOf)}`;
    if (!text.startsWith(head)) return JSON.stringify(view({ ...entry.answer, asOf: toIso(now) }));
    return `{"asOf":${JSON.stringify(toIso(now))}${text.slice(head.length)}`;
  }

  /** The entry good for `now`: the kept one, one being computed by another caller, or a new one. */
  private async entry(
    account: AccountRecord,
    variant: string,
    now: Instant,
    compute: () => Promise<{ answer: T; until: Instant }>,
  ): Promise<Entry<T>> {
    const key = `${account.id}\u0000${variant}`;
    const kept = this.lookup(key, account.dataVersion, now);
    if (kept) return kept;
    const flying = this.inFlight.get(key);
    if (flying && flying.version === account.dataVersion) {
      const shared = await flying.done.catch(() => null);
      if (shared && shared.from <= now && now < shared.until) return shared;
    }
    const done = compute().then(({ answer, until }) => {
      const entry: Entry<T> = { version: account.dataVersion, from: now, until, answer, views: new Map() };
      this.keep(key, entry);
      return entry;
    });
    const mine = { version: account.dataVersion, done };
    this.inFlight.set(key, mine);
    try {
      return await done;
    } finally {
      if (this.inFlight.get(key) === mine) this.inFlight.delete(key);
    }
  }

  private lookup(key: string, version: number, now: Instant): Entry<T> | null {
    const e = this.entries.get(key);
    if (!e || e.version !== version || now < e.from || now >= e.until) return null;
    return e;
  }

  private keep(key: string, entry: Entry<T>): void {
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, entry);
  }
}

interface Entry<T> {
  version: number;
  from: Instant;
  until: Instant;
  answer: T;
  /** The answer's JSON text by view (see json), made on first use. */
  views: Map<string, string>;
}
