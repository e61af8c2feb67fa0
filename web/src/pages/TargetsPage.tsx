import { useId, useMemo, useState } from 'react';
import { ApiError, apiRequest, apiUpload } from '../api.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { NoteComposer, type Recipient } from '../components/NoteComposer.tsx';
import { type Recorded, UndoToast } from '../components/UndoToast.tsx';
import { downloadCsv, toCsv } from '../csv.ts';
import { formatDate, formatDateTime, formatLocalTime, linkedInHref, plural } from '../format.ts';
import { useAccount, useCanWrite, useResource } from '../hooks.ts';
import type {
  Plan,
  SendResult,
  Settings,
  Target,
  TargetChange,
  TargetImportReport,
  TargetList,
  TemplateAdded,
  TemplateList,
} from '../types.ts';

const REASONS: Record<string, string> = {
  ALREADY_CONNECTED: 'already connected',
  ALREADY_PENDING: 'already pending',
  COOLDOWN: 'in the re-invite wait',
  DO_NOT_CONTACT: 'do not contact',
  AT_CONNECTION_CAP: 'at 30,000 connections',
  REPORTED: 'reported you',
  QUOTA: 'over today’s allowance',
  PAUSED: 'sending paused',
};

const OMITTED: Record<string, string> = {
  BUDGET: 'no note: the free tier’s notes of the rolling 30 days are used up',
  UNFILLED_VARIABLE: 'no note: the template has a variable this person has no value for',
  EMPTY: 'no note',
};

function asApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError(0, 'INTERNAL', String(e));
}

/**
 * The sending side of the day: the plan's sends (open the person, send on LinkedIn with the note,
 * mark it sent), the whole target queue with its skip reasons, and the note composer.
 */
export function TargetsPage() {
  const account = useAccount();
  const plan = useResource<Plan>('/api/plan');
  const settings = useResource<Settings>('/api/settings');
  const targets = useResource<TargetList>('/api/targets');
  const templates = useResource<TemplateList>('/api/templates');
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState('');
  const [sent, setSent] = useState<ReadonlySet<string>>(new Set());
  const [copied, setCopied] = useState<string | null>(null);
  const [recorded, setRecorded] = useState<Recorded | null>(null);
  const canWrite = useCanWrite();

  const reloadAll = () => {
    plan.reload();
    targets.reload();
  };

  const recipients: Recipient[] = useMemo(
    () =>
      (targets.data?.targets ?? []).map((t) => ({
        key: t.profileUrl ?? t.name,
        name: t.name,
        company: t.company,
        headline: t.headline,
        relation: t.relation,
        mutualConnections: t.mutualConnections,
        custom: t.custom,
      })),
    [targets.data],
  );
  const defaultBody =
    templates.data?.templates.find((t) => t.id === templates.data?.defaultTemplate)?.body ?? '';
  const composerText = text ?? defaultBody;

  const act = async <T,>(fn: () => Promise<T>, done: (r: T) => string) => {
    setError(null);
    try {
      const r = await fn();
      setNotice(done(r));
      return r;
    } catch (e) {
      setError(asApiError(e));
      return null;
    }
  };

  const markSent = (s: Plan['sends'][number]) =>
    act(
      () =>
        apiRequest<SendResult>('/api/sends', account, {
          method: 'POST',
          json: {
            person: s.profileUrl ?? s.name,
            ...(plan.data?.details.sending.template && s.note
              ? { templateId: plan.data.details.sending.template.id }
              : {}),
          },
        }),
      (r) => {
        setSent((old) => new Set(old).add(s.profileUrl ?? s.name));
        setRecorded({ kind: 'sent', person: s.profileUrl ?? s.name, message: `Marked as sent: ${r.name}.` });
        return `${r.name} recorded as sent (${r.quota.sentToday} today, ${r.quota.sentLast7Days} this week).${r.warnings.length ? ` ${r.warnings.join(' ')}` : ''}`;
      },
    );

  if (plan.error) return <ErrorNotice error={plan.error} />;
  if (settings.error) return <ErrorNotice error={settings.error} />;
  const sends = plan.data?.sends ?? [];
  const details = plan.data?.details.sending;

  return (
    <>
      <div className="page-head">
        <h1>Targets &amp; notes</h1>
        <p className="muted">
          Who to invite today, in the plan’s order, the people waiting in the queue, and a composer that
          checks each note as LinkedIn counts it.
        </p>
      </div>
      {error && <ErrorNotice error={error} title="Not done" />}
      {recorded && (
        <UndoToast
          recorded={recorded}
          onClose={() => setRecorded(null)}
          onUndone={(r) => {
            setSent((old) => {
              const next = new Set(old);
              next.delete(r.person);
              return next;
            });
            plan.reload();
          }}
        />
      )}
      <p className="visually-hidden" aria-live="polite">
        {notice}
      </p>
      {notice && !error && (
        <p className="notice notice--ok" role="status">
          {notice}
        </p>
      )}
      <div className="two-col">
        <div className="stack">
          <section className="panel" aria-labelledby="sends-title">
            <div className="panel__head">
              <h2 id="sends-title">
                {sends.length > 0 &&
                sends.some((x) => formatDate(x.sendAfter) !== formatDate(plan.data!.asOf))
                  ? 'Next sends'
                  : 'Today’s sends'}
              </h2>
              {details && (
                <span className="muted small">
                  {details.paused ? 'paused' : `${details.sendable} allowed now`}
                  {details.notesLeft !== null &&
                    ` · ${plural(details.notesLeft, 'note')} left in 30 days, ${details.notesPlanned} for these sends`}
                </span>
              )}
            </div>
            {!plan.data ? (
              <p className="muted">Loading…</p>
            ) : sends.length === 0 ? (
              <p className="empty">
                {details?.paused
                  ? 'Sending is paused while so many invitations are pending: withdraw the stale ones first.'
                  : details && details.targets > 0
                    ? 'No send planned today: see why for each person in the queue below.'
                    : 'No one to invite yet. Import your list below, or add people one by one.'}
              </p>
            ) : (
              <ol className="queue" data-testid="send-queue">
                {sends.map((s, i) => {
                  const href = linkedInHref(s.profileUrl);
                  const flags = details?.sends[i];
                  const key = s.profileUrl ?? s.name;
                  const isSent = sent.has(key);
                  return (
                    <li key={key} className={`queue__item${isSent ? ' queue__item--done' : ''}`}>
                      <div className="queue__row">
                        <div className="queue__who">
                          <span className="queue__name">{s.name}</span>
                          <span className="muted small">
                            after {formatDateTime(s.sendAfter)}
                            {flags &&
                              flags.timezone !== details?.timezone &&
                              ` · ${formatLocalTime(s.sendAfter, flags.timezone)}`}
                          </span>
                        </div>
                        <div className="queue__actions">
                          {href && (
                            <a className="button" href={href} target="_blank" rel="noopener noreferrer">
                              Profile<span className="visually-hidden"> of {s.name} (opens a new tab)</span>
                            </a>
                          )}
                          {s.note && (
                            <button
                              type="button"
                              className="button"
                              data-testid="copy-note"
                              onClick={() =>
                                void copyText(s.note!).then(
                                  (ok) => {
                                    setCopied(key);
                                    setNotice(
                                      ok
                                        ? `The note to ${s.name} is on the clipboard: paste it in LinkedIn's "Add a note".`
                                        : 'The browser did not allow copying: select the note and copy it.',
                                    );
                                  },
                                  () =>
                                    setNotice(
                                      'The browser did not allow copying: select the note and copy it.',
                                    ),
                                )
                              }
                            >
                              {copied === key ? 'Copied ✓' : 'Copy note'}
                              <span className="visually-hidden"> for {s.name}</span>
                            </button>
                          )}
                          {canWrite && (
                            <button
                              type="button"
                              className="button button--primary"
                              disabled={isSent}
                              onClick={() => void markSent(s)}
                            >
                              {isSent ? 'Sent ✓' : 'Sent'}
                              {!isSent && <span className="visually-hidden"> to {s.name}</span>}
                            </button>
                          )}
                        </div>
                      </div>
                      {s.note ? (
                        <p className="queue__note">
                          {s.note}
                          {flags?.noteTrimmed && <span className="muted"> (trimmed to fit)</span>}
                        </p>
                      ) : (
                        flags?.noteOmitted && <p className="muted small">{OMITTED[flags.noteOmitted]}</p>
                      )}
                    </li>
                  );
                })}
              </ol>
            )}
          </section>
          <TargetQueue
            targets={targets.data?.targets ?? null}
            error={targets.error}
            onChanged={(message) => {
              setNotice(message);
              setError(null);
              reloadAll();
            }}
            onError={(e) => setError(e)}
          />
        </div>
        <section className="panel" aria-labelledby="composer-title">
          <h2 id="composer-title">Note composer</h2>
          {templates.data && templates.data.templates.length > 0 && (
            <TemplatePicker list={templates.data} onPick={(body) => setText(body)} />
          )}
          {settings.data ? (
            <NoteComposer
              tier={settings.data.accountTier}
              recipients={recipients}
              text={composerText}
              onTextChange={setText}
            />
          ) : (
            <p className="muted">Loading…</p>
          )}
          {canWrite && (
            <SaveTemplate
              body={composerText}
              onSaved={(r) => {
                setNotice(
                  `Template “${r.template.name}” saved${r.template.isDefault ? ' as the default' : ''}.`,
                );
                templates.reload();
                plan.reload();
              }}
              onError={setError}
            />
          )}
        </section>
      </div>
    </>
  );
}

function TemplatePicker({ list, onPick }: { list: TemplateList; onPick: (body: string) => void }) {
  const id = useId();
  const [chosen, setChosen] = useState(list.defaultTemplate ?? list.templates[0]?.id ?? '');
  return (
    <div className="field">
      <label htmlFor={id}>Start from a template</label>
      <select
        id={id}
        value={chosen}
        onChange={(e) => {
          setChosen(e.target.value);
          const t = list.templates.find((x) => x.id === e.target.value);
          if (t) onPick(t.body);
        }}
      >
        {list.templates.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
            {t.isDefault ? ' (default)' : ''}
          </option>
        ))}
      </select>
    </div>
  );
}

function SaveTemplate({
  body,
  onSaved,
  onError,
}: {
  body: string;
  onSaved: (r: TemplateAdded) => void;
  onError: (e: ApiError) => void;
}) {
  const account = useAccount();
  const id = useId();
  const [name, setName] = useState('');
  const templateId = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return (
    <details className="sample">
      <summary>Save as a template</summary>
      <form
        className="inline-form"
        onSubmit={async (e) => {
          e.preventDefault();
          try {
            onSaved(
              await apiRequest<TemplateAdded>('/api/templates', account, {
                method: 'POST',
                json: { id: templateId, name: name.trim(), body, replace: true },
              }),
            );
          } catch (err) {
            onError(asApiError(err));
          }
        }}
      >
        <div className="field field--grow">
          <label htmlFor={id}>Template name</label>
          <input id={id} value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <button type="submit" className="button" disabled={!templateId || !body.trim()}>
          Save
        </button>
      </form>
    </details>
  );
}

/** Targets listed before "Show all": the queue can hold hundreds. */
const SHOWN = 12;

function TargetQueue({
  targets,
  error,
  onChanged,
  onError,
}: {
  targets: Target[] | null;
  error: ApiError | null;
  onChanged: (message: string) => void;
  onError: (e: ApiError) => void;
}) {
  const canWrite = useCanWrite();
  const account = useAccount();
  const id = useId();
  const [all, setAll] = useState(false);
  const [person, setPerson] = useState('');
  const [name, setName] = useState('');
  const [company, setCompany] = useState('');
  const [uploading, setUploading] = useState(false);

  const block = async (t: Target) => {
    try {
      const r = await apiRequest<TargetChange>('/api/targets/block', account, {
        method: 'POST',
        json: { person: t.profileUrl ?? t.name, block: !t.doNotContact },
      });
      onChanged(
        `${r.target.name}: ${r.target.doNotContact ? 'never to be invited' : 'may be invited again'}.`,
      );
    } catch (e) {
      onError(asApiError(e));
    }
  };

  const shown = all ? (targets ?? []) : (targets ?? []).slice(0, SHOWN);
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <div className="panel__head">
        <h2 id={`${id}-title`}>Target queue</h2>
        {targets && <span className="muted small">{plural(targets.length, 'person', 'people')}</span>}
        {targets && targets.length > 0 && (
          <button
            type="button"
            className="button button--small"
            data-testid="csv-targets"
            onClick={() =>
              downloadCsv(
                'targets.csv',
                // the targets file's own columns first, so the file imports back as it is
                toCsv(
                  [
                    'name',
                    'profileUrl',
                    'relation',
                    'mutualConnections',
                    'connectionCount',
                    'timezone',
                    'tags',
                    'company',
                    'headline',
                    'status',
                    'until',
                    'addedAt',
                  ],
                  targets.map((t) => [
                    t.name,
                    t.profileUrl,
                    t.relation,
                    t.mutualConnections,
                    t.connectionCount,
                    t.timezone,
                    t.tags.join(';'),
                    t.company,
                    t.headline,
                    t.status,
                    t.until,
                    t.addedAt,
                  ]),
                ),
              )
            }
          >
            Download CSV
          </button>
        )}
      </div>
      {error && <ErrorNotice error={error} />}
      {targets && targets.length > 0 && (
        <ul className="targets" data-testid="target-list">
          {shown.map((t) => {
            const href = linkedInHref(t.profileUrl);
            return (
              <li key={t.profileUrl ?? t.name} className="target">
                <div className="target__who">
                  {href ? (
                    <a className="target__name" href={href} target="_blank" rel="noopener noreferrer">
                      {t.name}
                    </a>
                  ) : (
                    <span className="target__name">{t.name}</span>
                  )}
                  <TargetLine target={t} />
                </div>
                <div className="target__facts">
                  <span className={`badge badge--${t.status === 'ready' ? 'ready' : 'skip'}`}>
                    {t.status === 'ready' ? 'ready' : (REASONS[t.status] ?? t.status)}
                  </span>
                  {canWrite && (
                    <button type="button" className="button button--small" onClick={() => void block(t)}>
                      {t.doNotContact ? 'Unblock' : 'Block'}
                      <span className="visually-hidden"> {t.name}</span>
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {targets && targets.length > SHOWN && !all && (
        <button type="button" className="button" onClick={() => setAll(true)}>
          Show all {targets.length}
        </button>
      )}
      {canWrite && (
        <>
          <details className="sample">
            <summary>Add a person</summary>
            <form
              className="sample__fields"
              onSubmit={async (e) => {
                e.preventDefault();
                try {
                  const r = await apiRequest<TargetChange>('/api/targets', account, {
                    method: 'POST',
                    json: {
                      person: person.trim(),
                      ...(name.trim() ? { name: name.trim() } : {}),
                      ...(company.trim() ? { company: company.trim() } : {}),
                    },
                  });
                  setPerson('');
                  setName('');
                  setCompany('');
                  onChanged(`${r.target.name} ${r.created ? 'added to' : 'updated in'} the queue.`);
                } catch (err) {
                  onError(asApiError(err));
                }
              }}
            >
              <div className="field">
                <label htmlFor={`${id}-person`}>Profile link or name</label>
                <input
                  id={`${id}-person`}
                  required
                  placeholder="https://www.linkedin.com/in/…"
                  value={person}
                  onChange={(e) => setPerson(e.target.value)}
                />
              </div>
              <div className="field">
                <label htmlFor={`${id}-name`}>Name</label>
                <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} />
              </div>
              <div className="field">
                <label htmlFor={`${id}-company`}>Company</label>
                <input id={`${id}-company`} value={company} onChange={(e) => setCompany(e.target.value)} />
              </div>
              <button type="submit" className="button">
                Add
              </button>
            </form>
          </details>
          <div className="field">
            <label htmlFor={`${id}-csv`}>
              Import a list (CSV: name, profileUrl, relation, mutualConnections, …)
            </label>
            <input
              id={`${id}-csv`}
              type="file"
              accept=".csv,text/csv"
              disabled={uploading}
              data-testid="targets-file"
              onChange={async (e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (!file) return;
                const form = new FormData();
                form.set('file', file, file.name);
                setUploading(true);
                try {
                  const r = await apiUpload<TargetImportReport>(
                    '/api/targets/import',
                    account,
                    form,
                    () => {},
                  );
                  onChanged(
                    `${r.file}: ${plural(r.targets.new, 'new target')}, ${r.targets.updated} updated, ${r.targets.unchanged} unchanged.`,
                  );
                } catch (err) {
                  onError(asApiError(err));
                } finally {
                  setUploading(false);
                }
              }}
            />
          </div>
        </>
      )}
    </section>
  );
}

/** The headline (or company) and the mutual connections, on one line; the whole of it on hover. */
function TargetLine({ target: t }: { target: Target }) {
  const text = [
    t.headline ?? t.company,
    t.mutualConnections !== null ? `${t.mutualConnections} mutual` : null,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <span className="muted small target__line" title={text}>
      {text}
    </span>
  );
}

/**
 * Puts text on the clipboard: the Clipboard API (the dashboard is served from 127.0.0.1, a secure
 * context), else a selected textarea and the copy command. True when the browser says it copied.
 */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    try {
      return document.execCommand('copy');
    } finally {
      area.remove();
    }
  }
}
