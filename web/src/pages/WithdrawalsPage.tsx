import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, apiRequest } from '../api.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { type Recorded, UndoToast } from '../components/UndoToast.tsx';
import { downloadCsv, toCsv } from '../csv.ts';
import { formatDate, linkedInHref, plural } from '../format.ts';
import { useAccount, useCanWrite, useResource } from '../hooks.ts';
import type { Plan, WithdrawalResult } from '../types.ts';

type Row = Plan['withdrawals'][number];

/** The person as `withdrawn` takes them: the profile URL, or the name when none is known. */
const personOf = (w: Row) => w.profileUrl ?? w.name;
const keyOf = (w: Row) => `${w.profileUrl ?? w.name}|${w.sentAt}`;

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

/**
 * Today's withdrawals, in the plan's order, worked through one at a time: open the person on
 * LinkedIn, withdraw there, press "withdrawn" here, and the next one is selected.
 */
export function WithdrawalsPage() {
  const account = useAccount();
  const canWrite = useCanWrite();
  const plan = useResource<Plan>('/api/plan');
  const [selected, setSelected] = useState(0);
  const [done, setDone] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [withdrawnToday, setWithdrawnToday] = useState<number | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [recorded, setRecorded] = useState<Recorded | null>(null);
  const rowRefs = useRef<Array<HTMLLIElement | null>>([]);

  const rows = plan.data?.withdrawals ?? [];
  const cap = plan.data?.details.cap ?? 0;
  const today = withdrawnToday ?? plan.data?.details.withdrawnToday ?? 0;
  const sentPageUrl =
    plan.data?.details.sentPageUrl ?? 'https://www.linkedin.com/mynetwork/invitation-manager/sent/';

  const select = useCallback(
    (index: number) => {
      if (rows.length === 0) return;
      const i = Math.max(0, Math.min(rows.length - 1, index));
      setSelected(i);
      const el = rowRefs.current[i];
      el?.focus({ preventScroll: true });
      el?.scrollIntoView({ block: 'nearest' });
    },
    [rows.length],
  );

  // A person known only by name (a pasted Sent page) is found on the Sent page instead.
  const openProfile = useCallback(
    (row: Row | undefined) => {
      if (!row) return;
      window.open(linkedInHref(row.profileUrl) ?? sentPageUrl, '_blank', 'noopener,noreferrer');
    },
    [sentPageUrl],
  );

  const openSentPage = useCallback(() => {
    window.open(sentPageUrl, '_blank', 'noopener,noreferrer');
  }, [sentPageUrl]);

  const markWithdrawn = useCallback(
    async (index: number) => {
      const row = rows[index];
      if (!row || busy || done.has(keyOf(row))) return;
      setBusy(true);
      setError(null);
      try {
        const result = await apiRequest<WithdrawalResult>('/api/withdrawals', account, {
          method: 'POST',
          json: { people: [personOf(row)] },
        });
        const next = new Set(done).add(keyOf(row));
        setDone(next);
        setWithdrawnToday(result.withdrawnToday);
        setAnnouncement(
          `${row.name} recorded as withdrawn. ${result.withdrawnToday} of ${result.cap} today.`,
        );
        setRecorded({
          kind: 'withdrawn',
          person: personOf(row),
          message: `${row.name} recorded as withdrawn (${result.withdrawnToday} of ${result.cap} today).`,
        });
        // On to the next one not yet done, after this one, else before it.
        const after = rows.findIndex((r, i) => i > index && !next.has(keyOf(r)));
        const before = rows.findIndex((r) => !next.has(keyOf(r)));
        const target = after >= 0 ? after : before;
        if (target >= 0) select(target);
      } catch (e) {
        setError(e instanceof ApiError ? e : new ApiError(0, 'INTERNAL', String(e)));
      } finally {
        setBusy(false);
      }
    },
    [rows, busy, done, account, select],
  );

  useWithdrawalShortcuts({
    selected,
    select,
    markWithdrawn,
    openProfile: () => openProfile(rows[selected]),
    openSentPage,
    canWrite,
  });

  if (plan.error) return <ErrorNotice error={plan.error} />;
  if (!plan.data) return <p className="muted">Loading…</p>;
  const left = rows.filter((r) => !done.has(keyOf(r))).length;
  const atCap = today >= cap;

  return (
    <>
      <WithdrawalsHead today={today} cap={cap} rows={rows} canWrite={canWrite} />

      {error && <ErrorNotice error={error} title="Not recorded" />}
      {recorded && (
        <UndoToast
          recorded={recorded}
          onClose={() => setRecorded(null)}
          onUndone={(r) => {
            setDone((old) => {
              const next = new Set(old);
              for (const row of rows) if (personOf(row) === r.person) next.delete(keyOf(row));
              return next;
            });
            setWithdrawnToday((n) => (n === null ? n : Math.max(0, n - 1)));
            plan.reload();
          }}
        />
      )}
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>

      {rows.length === 0 ? (
        <p className="empty" data-testid="withdrawals-empty">
          {atCap
            ? `Today’s cap of ${cap} is reached${plan.data.withdrawalsDeferred ? `; ${plural(plan.data.withdrawalsDeferred, 'stale invitation')} wait for tomorrow` : ''}.`
            : 'Nothing is stale today. Come back tomorrow, or import a fresh export.'}
        </p>
      ) : (
        <ol className="withdrawals" aria-label="Invitations to withdraw" data-testid="withdrawal-list">
          {rows.map((row, i) => (
            <WithdrawalRow
              key={keyOf(row)}
              row={row}
              rowRef={(el) => {
                rowRefs.current[i] = el;
              }}
              isSelected={i === selected}
              isDone={done.has(keyOf(row))}
              busy={busy}
              canWrite={canWrite}
              sentPageUrl={sentPageUrl}
              onSelect={() => setSelected(i)}
              onMarkWithdrawn={() => void markWithdrawn(i)}
            />
          ))}
        </ol>
      )}
      {rows.length > 0 && <LeftToday left={left} deferred={plan.data.withdrawalsDeferred} cap={cap} />}
    </>
  );
}

/** The page's keys: j/k or the arrows move, w marks withdrawn (for a writer), o opens the profile, s the Sent page. */
function useWithdrawalShortcuts({
  selected,
  select,
  markWithdrawn,
  openProfile,
  openSentPage,
  canWrite,
}: {
  selected: number;
  select: (index: number) => void;
  markWithdrawn: (index: number) => Promise<void>;
  openProfile: () => void;
  openSentPage: () => void;
  canWrite: boolean;
}) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.metaKey || e.ctrlKey || e.altKey || isTyping(e.target)) return;
      switch (e.key) {
        case 'j':
        case 'ArrowDown':
          e.preventDefault();
          select(selected + 1);
          break;
        case 'k':
        case 'ArrowUp':
          e.preventDefault();
          select(selected - 1);
          break;
        case 'w':
          e.preventDefault();
          if (canWrite) void markWithdrawn(selected);
          break;
        case 'o':
          e.preventDefault();
          openProfile();
          break;
        case 's':
          e.preventDefault();
          openSentPage();
          break;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selected, select, markWithdrawn, openProfile, openSentPage, canWrite]);
}

/** The title with today's count against the cap, the list as a CSV, and the keys. */
function WithdrawalsHead({
  today,
  cap,
  rows,
  canWrite,
}: {
  today: number;
  cap: number;
  rows: readonly Row[];
  canWrite: boolean;
}) {
  const atCap = today >= cap;
  return (
    <>
      <div className="page-head page-head--split">
        <div>
          <h1>Today’s withdrawals</h1>
          <p className="muted">
            Oldest first. Withdraw each on LinkedIn, then mark it here: it starts the 3-week wait before you
            may invite that person again.
          </p>
        </div>
        <p
          className={`counter${atCap ? ' counter--full' : ''}`}
          data-testid="withdrawal-counter"
          aria-live="polite"
        >
          <span className="counter__value">
            {today} / {cap}
          </span>
          <span className="counter__label">withdrawn today</span>
        </p>
      </div>

      {rows.length > 0 && (
        <p className="list-tools">
          <button
            type="button"
            className="button button--small"
            data-testid="csv-withdrawals"
            onClick={() =>
              downloadCsv(
                'withdrawals-today.csv',
                toCsv(
                  ['name', 'profileUrl', 'sentAt', 'ageDays'],
                  rows.map((r) => [r.name, r.profileUrl, r.sentAt, r.ageDays]),
                ),
              )
            }
          >
            Download CSV
          </button>
        </p>
      )}
      <section className="panel keys" aria-label="Keyboard shortcuts">
        <kbd>j</kbd>/<kbd>k</kbd> next / previous · <kbd>o</kbd> open profile · <kbd>s</kbd> open Sent page
        {canWrite && (
          <>
            {' · '}
            <kbd>w</kbd> mark withdrawn
          </>
        )}
      </section>
    </>
  );
}

/** One invitation to withdraw: who and how old, its profile (or no link), the Sent page, and Withdrawn. */
function WithdrawalRow({
  row,
  rowRef,
  isSelected,
  isDone,
  busy,
  canWrite,
  sentPageUrl,
  onSelect,
  onMarkWithdrawn,
}: {
  row: Row;
  rowRef: (el: HTMLLIElement | null) => void;
  isSelected: boolean;
  isDone: boolean;
  busy: boolean;
  canWrite: boolean;
  sentPageUrl: string;
  onSelect: () => void;
  onMarkWithdrawn: () => void;
}) {
  const href = linkedInHref(row.profileUrl);
  return (
    <li
      ref={rowRef}
      tabIndex={-1}
      className={`withdrawal${isSelected ? ' withdrawal--selected' : ''}${isDone ? ' withdrawal--done' : ''}`}
      aria-current={isSelected ? 'true' : undefined}
      data-testid="withdrawal-row"
      data-done={isDone ? 'true' : 'false'}
      onFocus={onSelect}
    >
      <div className="withdrawal__who">
        <span className="withdrawal__name">{row.name}</span>
        <span className="withdrawal__meta">
          sent {formatDate(row.sentAt)} · {plural(row.ageDays, 'day')} ago
        </span>
      </div>
      <div className="withdrawal__actions">
        {href ? (
          <a className="button" href={href} target="_blank" rel="noopener noreferrer">
            Profile<span className="visually-hidden"> of {row.name} (opens a new tab)</span>
          </a>
        ) : (
          <span
            className="button button--disabled"
            title="No profile link is known; find them on the Sent page"
          >
            No link
          </span>
        )}
        <a className="button" href={sentPageUrl} target="_blank" rel="noopener noreferrer">
          Sent page<span className="visually-hidden"> (opens a new tab)</span>
        </a>
        {canWrite && (
          <button
            type="button"
            className="button button--primary"
            disabled={isDone || busy}
            onClick={(e) => {
              e.stopPropagation();
              onSelect();
              onMarkWithdrawn();
            }}
          >
            {isDone ? 'Withdrawn ✓' : 'Withdrawn'}
            {!isDone && <span className="visually-hidden"> {row.name}</span>}
          </button>
        )}
      </div>
    </li>
  );
}

/** How many are left on today's list, and how many stale ones wait for the coming days. */
function LeftToday({ left, deferred, cap }: { left: number; deferred: number; cap: number }) {
  return (
    <p className="muted">
      {left === 0 ? 'All done for today.' : `${plural(left, 'invitation')} left on today’s list.`}
      {deferred > 0 &&
        ` ${plural(deferred, 'more stale invitation')} ${deferred === 1 ? 'waits' : 'wait'} for the coming days (at most ${cap} a day).`}
    </p>
  );
}
