import { useId, useState } from 'react';
import { type ApiError, apiRequest, apiUpload, asApiError } from '../api.ts';
import { downloadCsv, toCsv } from '../csv.ts';
import { linkedInHref, plural } from '../format.ts';
import { useAccount, useCanWrite } from '../hooks.ts';
import type { Target, TargetChange, TargetImportReport } from '../types.ts';
import { ErrorNotice } from './ErrorNotice.tsx';

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

/** What the queue's parts report: a change made (with the line to show), or a failure. */
interface TargetChangeHandlers {
  onChanged: (message: string) => void;
  onError: (e: ApiError) => void;
}

/** Targets listed before "Show all": the queue can hold hundreds. */
const SHOWN = 12;

/**
 * The target queue: every target with its status (ready, or why not), Block and Unblock, a CSV of
 * it all, and the ways in: one person at a time or a list.
 */
export function TargetQueue({
  targets,
  error,
  onChanged,
  onError,
}: TargetChangeHandlers & {
  targets: Target[] | null;
  error: ApiError | null;
}) {
  const canWrite = useCanWrite();
  const account = useAccount();
  const id = useId();
  const [all, setAll] = useState(false);

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
          <AddTarget onChanged={onChanged} onError={onError} />
          <ImportTargets onChanged={onChanged} onError={onError} />
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

/** Adds one person to the queue by profile link or name, with a name and a company if given. */
function AddTarget({ onChanged, onError }: TargetChangeHandlers) {
  const account = useAccount();
  const id = useId();
  const [person, setPerson] = useState('');
  const [name, setName] = useState('');
  const [company, setCompany] = useState('');
  return (
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
  );
}

/** Imports a targets CSV chosen in the file input. */
function ImportTargets({ onChanged, onError }: TargetChangeHandlers) {
  const account = useAccount();
  const id = useId();
  const [uploading, setUploading] = useState(false);
  return (
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
            const r = await apiUpload<TargetImportReport>('/api/targets/import', account, form, () => {});
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
  );
}
