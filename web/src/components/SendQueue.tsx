import { useState } from 'react';
import { copyText } from '../clipboard.ts';
import { formatDate, formatDateTime, formatLocalTime, linkedInHref, plural } from '../format.ts';
import { useCanWrite } from '../hooks.ts';
import type { Plan } from '../types.ts';

const OMITTED: Record<string, string> = {
  BUDGET: 'no note: the free tier’s notes of the rolling 30 days are used up',
  UNFILLED_VARIABLE: 'no note: the template has a variable this person has no value for',
  EMPTY: 'no note',
};

/**
 * The plan's sends, in its order: for each person their profile, the note to copy, and Sent to mark
 * it done. `sent` holds the people marked on this page (by profile URL, else name).
 */
export function SendQueue({
  plan,
  sent,
  onMarkSent,
  onNotice,
}: {
  plan: Plan | null;
  sent: ReadonlySet<string>;
  onMarkSent: (send: Plan['sends'][number]) => void;
  onNotice: (message: string) => void;
}) {
  const canWrite = useCanWrite();
  const [copied, setCopied] = useState<string | null>(null);
  const sends = plan?.sends ?? [];
  const details = plan?.details.sending;
  return (
    <section className="panel" aria-labelledby="sends-title">
      <div className="panel__head">
        <h2 id="sends-title">
          {sends.length > 0 && sends.some((x) => formatDate(x.sendAfter) !== formatDate(plan!.asOf))
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
      {!plan ? (
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
                              onNotice(
                                ok
                                  ? `The note to ${s.name} is on the clipboard: paste it in LinkedIn's "Add a note".`
                                  : 'The browser did not allow copying: select the note and copy it.',
                              );
                            },
                            () => onNotice('The browser did not allow copying: select the note and copy it.'),
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
                        onClick={() => onMarkSent(s)}
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
  );
}
