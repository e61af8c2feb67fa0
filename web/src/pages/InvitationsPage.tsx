import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { type ApiError, apiRequest, asApiError } from '../api.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { downloadCsv, toCsv } from '../csv.ts';
import { formatCount, formatDate, linkedInHref } from '../format.ts';
import { useAccount, useDebounced } from '../hooks.ts';
import type { InvitationPage, InvitationRow } from '../types.ts';

const PAGE = 200;
/** Rows per request when the whole list is downloaded (the API's largest page). */
const CSV_PAGE = 500;
const ROW_HEIGHT = 64;
const STATUSES = ['pending', 'accepted', 'withdrawn', 'expired', 'closed'] as const;

interface Filters {
  status: string;
  minAge: string;
  maxAge: string;
  q: string;
  order: 'oldest' | 'newest';
}

function queryOf(f: Filters, offset: number): string {
  const p = new URLSearchParams({ limit: String(PAGE), offset: String(offset), order: f.order });
  if (f.status) p.set('status', f.status);
  if (/^\d+$/.test(f.minAge)) p.set('minAgeDays', f.minAge);
  if (/^\d+$/.test(f.maxAge)) p.set('maxAgeDays', f.maxAge);
  if (f.q.trim()) p.set('q', f.q.trim());
  return `/api/invitations?${p}`;
}

/**
 * Every invitation, filtered and searched, in a virtualised list: only the rows on screen are in the
 * page, and pages of rows are fetched as they scroll into view, so 10,000 pending read as smoothly as 10.
 */
export function InvitationsPage() {
  const account = useAccount();
  const [form, setForm] = useState<Filters>({
    status: 'pending',
    minAge: '',
    maxAge: '',
    q: '',
    order: 'oldest',
  });
  const filters = useDebounced(form, 250);
  const [total, setTotal] = useState<number | null>(null);
  const [pages, setPages] = useState<Map<number, InvitationRow[]>>(new Map());
  const [error, setError] = useState<ApiError | null>(null);
  const loading = useRef(new Set<number>());
  const generation = useRef(0);
  const scrollRef = useRef<HTMLElement | null>(null);
  const [exporting, setExporting] = useState(false);

  const exportCsv = async () => {
    setExporting(true);
    try {
      await downloadInvitationsCsv(filters, account);
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setExporting(false);
    }
  };

  const load = useMemo(
    () => (page: number, gen: number) => {
      if (loading.current.has(page)) return;
      loading.current.add(page);
      apiRequest<InvitationPage>(queryOf(filters, page * PAGE), account).then(
        (res) => {
          if (gen !== generation.current) return;
          setTotal(res.total);
          setPages((old) => new Map(old).set(page, res.invitations));
          setError(null);
        },
        (e: unknown) => {
          loading.current.delete(page);
          if (gen === generation.current) setError(asApiError(e));
        },
      );
    },
    [filters, account],
  );

  // New filters: start again from the first page.
  useEffect(() => {
    generation.current++;
    loading.current = new Set();
    setPages(new Map());
    setTotal(null);
    scrollRef.current?.scrollTo({ top: 0 });
    load(0, generation.current);
  }, [load]);

  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();

  useEffect(() => {
    for (const item of items) {
      const page = Math.floor(item.index / PAGE);
      if (!pages.has(page)) load(page, generation.current);
    }
  }, [items, pages, load]);

  const set = (patch: Partial<Filters>) => setForm((f) => ({ ...f, ...patch }));

  return (
    <>
      <div className="page-head">
        <h1>Invitations</h1>
        <p className="muted" aria-live="polite" data-testid="invitation-total">
          {total === null
            ? 'Loading…'
            : `${formatCount(total)} ${total === 1 ? 'invitation matches' : 'invitations match'}`}
        </p>
      </div>
      <p className="list-tools">
        <button
          type="button"
          className="button button--small"
          data-testid="csv-invitations"
          disabled={!total || exporting}
          onClick={() => void exportCsv()}
        >
          {exporting ? 'Preparing…' : 'Download CSV'}
        </button>
        <span className="muted small"> every invitation the filters match</span>
      </p>
      <InvitationFilters form={form} set={set} />
      {error && <ErrorNotice error={error} />}
      <section
        ref={scrollRef}
        className="vlist"
        data-testid="invitation-list"
        aria-label="Invitations, scrollable"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the scroll area must be reachable by keyboard to scroll it
        tabIndex={0}
      >
        {total === 0 && <p className="empty">No invitation matches these filters.</p>}
        <ul className="vlist__inner" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const row = pages.get(Math.floor(item.index / PAGE))?.[item.index % PAGE];
            return (
              <li
                key={item.key}
                className="vrow"
                data-testid="invitation-row"
                aria-setsize={total ?? undefined}
                aria-posinset={item.index + 1}
                style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
              >
                {row ? <InvitationLine row={row} /> : <span className="muted">…</span>}
              </li>
            );
          })}
        </ul>
      </section>
    </>
  );
}

function InvitationLine({ row }: { row: InvitationRow }) {
  const href = linkedInHref(row.profileUrl);
  return (
    <>
      <div className="vrow__who">
        {href ? (
          <a className="vrow__name" href={href} target="_blank" rel="noopener noreferrer" title={row.name}>
            {row.name}
          </a>
        ) : (
          <span className="vrow__name" title={row.name}>
            {row.name}
          </span>
        )}
        <span className="vrow__headline">{row.headline ?? row.note ?? ''}</span>
      </div>
      <div className="vrow__facts">
        <span className={`badge badge--${row.stale ? 'stale' : row.status}`}>
          {row.stale ? 'stale' : row.status}
        </span>
        <span className="vrow__age">
          {row.ageDays} d<span className="visually-hidden">ays old</span>
        </span>
        <span className="vrow__date">{formatDate(row.sentAt)}</span>
      </div>
    </>
  );
}

/** Every row the filters match, page by page, as one CSV file. */
async function downloadInvitationsCsv(filters: Filters, account: Parameters<typeof apiRequest>[1]) {
  const rows: InvitationRow[] = [];
  for (let offset = 0; ; offset += CSV_PAGE) {
    const q = queryOf(filters, offset).replace(`limit=${PAGE}`, `limit=${CSV_PAGE}`);
    const res = await apiRequest<InvitationPage>(q, account);
    rows.push(...res.invitations);
    if (res.invitations.length < CSV_PAGE || rows.length >= res.total) break;
  }
  downloadCsv(
    'invitations.csv',
    toCsv(
      [
        'name',
        'profileUrl',
        'status',
        'sentAt',
        'ageDays',
        'stale',
        'statusAt',
        'cooldownUntil',
        'note',
        'source',
      ],
      rows.map((r) => [
        r.name,
        r.profileUrl,
        r.status,
        r.sentAt,
        r.ageDays,
        r.stale,
        r.statusAt,
        r.cooldownUntil,
        r.note,
        r.source,
      ]),
    ),
  );
}

/** The filters: a name, a status, an age range in days, and the order. */
function InvitationFilters({ form, set }: { form: Filters; set: (patch: Partial<Filters>) => void }) {
  const id = useId();
  return (
    <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Filter invitations">
      <div className="field field--grow">
        <label htmlFor={`${id}-q`}>Name</label>
        <input
          id={`${id}-q`}
          type="search"
          placeholder="Search by name"
          value={form.q}
          onChange={(e) => set({ q: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-status`}>Status</label>
        <select id={`${id}-status`} value={form.status} onChange={(e) => set({ status: e.target.value })}>
          <option value="">all</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <div className="field field--small">
        <label htmlFor={`${id}-min`}>Min age (days)</label>
        <input
          id={`${id}-min`}
          inputMode="numeric"
          pattern="[0-9]*"
          value={form.minAge}
          onChange={(e) => set({ minAge: e.target.value })}
        />
      </div>
      <div className="field field--small">
        <label htmlFor={`${id}-max`}>Max age (days)</label>
        <input
          id={`${id}-max`}
          inputMode="numeric"
          pattern="[0-9]*"
          value={form.maxAge}
          onChange={(e) => set({ maxAge: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-order`}>Order</label>
        <select
          id={`${id}-order`}
          value={form.order}
          onChange={(e) => set({ order: e.target.value as Filters['order'] })}
        >
          <option value="oldest">oldest first</option>
          <option value="newest">newest first</option>
        </select>
      </div>
    </form>
  );
}
