import { useId, useState } from 'react';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { NoteComposer, type Recipient } from '../components/NoteComposer.tsx';
import { formatDateTime, linkedInHref } from '../format.ts';
import { useResource } from '../hooks.ts';
import type { Plan, Settings } from '../types.ts';

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

/** Today's sends from the plan, the targets it skipped and why, and the note composer. */
export function TargetsPage() {
  const plan = useResource<Plan>('/api/plan');
  const settings = useResource<Settings>('/api/settings');
  const id = useId();
  const [sample, setSample] = useState<Recipient>({
    key: 'sample',
    name: 'Jane Doe',
    company: 'Acme',
    headline: '',
  });

  if (plan.error) return <ErrorNotice error={plan.error} />;
  if (settings.error) return <ErrorNotice error={settings.error} />;
  const sends = plan.data?.sends ?? [];
  const skipped = plan.data?.skipped ?? [];
  const recipients: Recipient[] = [
    ...sends.map((s) => ({ key: s.profileUrl ?? s.name, name: s.name })),
    sample,
  ];

  return (
    <>
      <div className="page-head">
        <h1>Targets & notes</h1>
        <p className="muted">
          Who to invite today, in the plan’s order, and a composer that checks each note.
        </p>
      </div>
      <div className="two-col">
        <section className="panel" aria-labelledby={`${id}-queue`}>
          <h2 id={`${id}-queue`}>Today’s sends</h2>
          {!plan.data ? (
            <p className="muted">Loading…</p>
          ) : sends.length === 0 ? (
            <p className="empty">
              No send planned today. Add the people you want to invite with{' '}
              <code>invitekeeper targets import</code> and they appear here, ranked, with the time to send
              each one.
            </p>
          ) : (
            <ol className="queue" data-testid="send-queue">
              {sends.map((s) => {
                const href = linkedInHref(s.profileUrl);
                return (
                  <li key={s.profileUrl ?? s.name} className="queue__item">
                    <div className="queue__who">
                      {href ? (
                        <a href={href} target="_blank" rel="noopener noreferrer">
                          {s.name}
                        </a>
                      ) : (
                        <span>{s.name}</span>
                      )}
                      <span className="muted"> · after {formatDateTime(s.sendAfter)}</span>
                    </div>
                    {s.note && <p className="queue__note">{s.note}</p>}
                  </li>
                );
              })}
            </ol>
          )}
          {skipped.length > 0 && (
            <details className="skipped">
              <summary>{skipped.length} skipped</summary>
              <ul>
                {skipped.map((s) => (
                  <li key={`${s.profileUrl ?? s.name}:${s.reason}`}>
                    {s.name} <span className="muted">— {REASONS[s.reason] ?? s.reason}</span>
                    {s.until && <span className="muted"> until {formatDateTime(s.until)}</span>}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </section>
        <section className="panel" aria-labelledby={`${id}-composer`}>
          <h2 id={`${id}-composer`}>Note composer</h2>
          {settings.data ? (
            <NoteComposer tier={settings.data.accountTier} recipients={recipients} />
          ) : (
            <p className="muted">Loading…</p>
          )}
          <details className="sample">
            <summary>Sample recipient for the preview</summary>
            <div className="sample__fields">
              <div className="field">
                <label htmlFor={`${id}-name`}>Name</label>
                <input
                  id={`${id}-name`}
                  value={sample.name}
                  onChange={(e) => setSample({ ...sample, name: e.target.value })}
                />
              </div>
              <div className="field">
                <label htmlFor={`${id}-company`}>Company</label>
                <input
                  id={`${id}-company`}
                  value={sample.company ?? ''}
                  onChange={(e) => setSample({ ...sample, company: e.target.value })}
                />
              </div>
              <div className="field">
                <label htmlFor={`${id}-headline`}>Headline</label>
                <input
                  id={`${id}-headline`}
                  value={sample.headline ?? ''}
                  onChange={(e) => setSample({ ...sample, headline: e.target.value })}
                />
              </div>
            </div>
          </details>
        </section>
      </div>
    </>
  );
}
