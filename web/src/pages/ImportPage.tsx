import { useId, useRef, useState } from 'react';
import { type ApiError, apiRequest, apiUpload, asApiError, type UploadProgress } from '../api.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { formatBytes, formatCount, formatDate, plural } from '../format.ts';
import { useAccount, useCanWrite } from '../hooks.ts';
import { navigate } from '../router.ts';
import type { ImportReport } from '../types.ts';

type State =
  | { phase: 'idle' }
  | { phase: 'uploading'; file: string; progress: UploadProgress }
  | { phase: 'done'; report: ImportReport }
  | { phase: 'failed'; error: ApiError };

const ACCEPT = '.zip,.csv,.txt,.html,.htm';

/** Import by drag and drop (or the file picker), or by pasting the Sent page; then the report. */
export function ImportPage() {
  const account = useAccount();
  const id = useId();
  const [state, setState] = useState<State>({ phase: 'idle' });
  const [skipBadRows, setSkipBadRows] = useState(false);
  const [pasted, setPasted] = useState('');
  const busy = state.phase === 'uploading';
  const canWrite = useCanWrite();

  const fail = (e: unknown) => setState({ phase: 'failed', error: asApiError(e) });

  const upload = async (file: File) => {
    const form = new FormData();
    form.set('file', file, file.name);
    if (skipBadRows) form.set('skipBadRows', 'true');
    setState({ phase: 'uploading', file: file.name, progress: { loaded: 0, total: file.size, sent: false } });
    try {
      const report = await apiUpload<ImportReport>('/api/import', account, form, (progress) =>
        setState({ phase: 'uploading', file: file.name, progress }),
      );
      setState({ phase: 'done', report });
    } catch (e) {
      fail(e);
    }
  };

  const importPasted = async () => {
    setState({
      phase: 'uploading',
      file: 'the pasted Sent page',
      progress: { loaded: 1, total: 1, sent: true },
    });
    try {
      const report = await apiRequest<ImportReport>('/api/import/sent-page', account, {
        method: 'POST',
        json: { text: pasted, skipBadRows },
      });
      setState({ phase: 'done', report });
      setPasted('');
    } catch (e) {
      fail(e);
    }
  };

  if (!canWrite) {
    return (
      <>
        <div className="page-head">
          <h1>Import</h1>
        </div>
        <p className="empty" data-testid="read-only">
          Your role may read this workspace but not import into it: ask its admin or a member.
        </p>
      </>
    );
  }
  return (
    <>
      <div className="page-head">
        <h1>Import</h1>
        <p className="muted">
          Your LinkedIn data export (the ZIP, or its Invitations.csv / Connections.csv), or your Sent page
          saved as text or HTML. Importing the same file twice changes nothing.
        </p>
      </div>
      <div className="two-col">
        <FileDrop
          busy={busy}
          skipBadRows={skipBadRows}
          onSkipBadRows={setSkipBadRows}
          onFile={(file) => void upload(file)}
        />
        <section className="panel" aria-labelledby={`${id}-paste`}>
          <h2 id={`${id}-paste`}>The Sent page, pasted</h2>
          <div className="field">
            <label htmlFor={`${id}-text`}>
              On LinkedIn: My Network › Manage › Sent, select all, copy, and paste here.
            </label>
            <textarea
              id={`${id}-text`}
              rows={6}
              value={pasted}
              onChange={(e) => setPasted(e.target.value)}
              disabled={busy}
            />
          </div>
          <button
            type="button"
            className="button button--primary"
            disabled={busy || pasted.trim() === ''}
            onClick={() => void importPasted()}
          >
            Import pasted text
          </button>
        </section>
      </div>
      <section aria-live="polite" className="import-result">
        {state.phase === 'uploading' && <Progress file={state.file} progress={state.progress} />}
        {state.phase === 'failed' && <ErrorNotice error={state.error} title="Nothing was imported" />}
        {state.phase === 'failed' && state.error.details.data?.importAs === 'targets' && (
          <p data-testid="import-elsewhere">
            This file is a list of people to invite:{' '}
            <a
              href="/targets"
              onClick={(e) => {
                e.preventDefault();
                navigate('/targets');
              }}
            >
              import it on the Targets page
            </a>
            .
          </p>
        )}
        {state.phase === 'done' && <Report report={state.report} />}
      </section>
    </>
  );
}

/** The file to import: dropped on the zone or chosen with the picker, and whether to skip bad rows. */
function FileDrop({
  busy,
  skipBadRows,
  onSkipBadRows,
  onFile,
}: {
  busy: boolean;
  skipBadRows: boolean;
  onSkipBadRows: (skip: boolean) => void;
  onFile: (file: File) => void;
}) {
  const id = useId();
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement | null>(null);
  return (
    <section className="panel" aria-labelledby={`${id}-file`}>
      <h2 id={`${id}-file`}>A file</h2>
      <label
        className={`dropzone${dragging ? ' dropzone--over' : ''}${busy ? ' dropzone--busy' : ''}`}
        data-testid="dropzone"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          const file = e.dataTransfer.files[0];
          if (file && !busy) onFile(file);
        }}
      >
        <input
          ref={input}
          className="visually-hidden"
          type="file"
          accept={ACCEPT}
          disabled={busy}
          data-testid="file-input"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) onFile(file);
            e.target.value = '';
          }}
        />
        <span className="dropzone__title">Drop the file here</span>
        <span className="dropzone__hint">or press to choose it · .zip, .csv, .txt, .html</span>
      </label>
      <label className="check">
        <input type="checkbox" checked={skipBadRows} onChange={(e) => onSkipBadRows(e.target.checked)} />
        Import the good rows when some are bad
      </label>
    </section>
  );
}

function Progress({ file, progress }: { file: string; progress: UploadProgress }) {
  const share = progress.total > 0 ? progress.loaded / progress.total : 0;
  return (
    <div className="panel progress" data-testid="import-progress">
      <p>
        {progress.sent
          ? `Importing ${file}…`
          : `Uploading ${file}… ${progress.total ? formatBytes(progress.loaded) : ''}`}
      </p>
      {progress.sent ? (
        <progress aria-label="Importing" />
      ) : (
        <progress aria-label="Uploading" max={1} value={share} />
      )}
    </div>
  );
}

function Report({ report: r }: { report: ImportReport }) {
  return (
    <div className="panel report" data-testid="import-report">
      <h2>
        {r.alreadyImported ? 'Already imported' : 'Imported'} <span className="muted">{r.file}</span>
      </h2>
      <dl className="facts">
        <div>
          <dt>Imported</dt>
          <dd data-testid="report-imported">{formatCount(r.imported)}</dd>
        </div>
        <div>
          <dt>Unchanged</dt>
          <dd data-testid="report-unchanged">{formatCount(r.unchanged)}</dd>
        </div>
        <div>
          <dt>Row errors</dt>
          <dd data-testid="report-errors">{formatCount(r.rowErrors.length)}</dd>
        </div>
      </dl>
      <p className="muted">
        {plural(r.invitations.new, 'new invitation')}, {formatCount(r.transitions.accepted)} accepted,{' '}
        {formatCount(r.transitions.closed)} closed, {formatCount(r.transitions.expired)} expired;{' '}
        {plural(r.connections.new, 'new connection')}.
      </p>
      {r.closedInvitations.length > 0 && (
        <div className="table-wrap">
          <table className="table" data-testid="report-closed">
            <caption>Closed by this import (no longer listed: withdrawn or declined)</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Sent</th>
                <th scope="col">Profile</th>
              </tr>
            </thead>
            <tbody>
              {r.closedInvitations.slice(0, 200).map((x) => (
                <tr key={`${x.profileUrl ?? x.name}:${x.sentAt}`}>
                  <td>{x.name || '(no name)'}</td>
                  <td>{formatDate(x.sentAt)}</td>
                  <td>
                    {x.profileUrl ? (
                      <a href={x.profileUrl} rel="noreferrer noopener" target="_blank">
                        profile
                      </a>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {r.closedInvitations.length > 200 && (
            <p className="muted">and {formatCount(r.closedInvitations.length - 200)} more</p>
          )}
        </div>
      )}
      {r.notes.length > 0 && (
        <ul className="notes">
          {r.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      {r.rowErrors.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption>Rows skipped</caption>
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Line</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {r.rowErrors.slice(0, 100).map((e) => (
                <tr key={`${e.file}:${e.line}`}>
                  <td>{e.file}</td>
                  <td>{e.line}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
