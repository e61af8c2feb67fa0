import { useMemo, useState } from 'react';
import { type ApiError, apiRequest, asApiError } from '../api.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { NoteComposer, type Recipient } from '../components/NoteComposer.tsx';
import { SaveTemplate } from '../components/SaveTemplate.tsx';
import { SendQueue } from '../components/SendQueue.tsx';
import { TargetQueue } from '../components/TargetQueue.tsx';
import { TemplatePicker } from '../components/TemplatePicker.tsx';
import { type Recorded, UndoToast } from '../components/UndoToast.tsx';
import { useAccount, useCanWrite, useResource } from '../hooks.ts';
import type { Plan, SendResult, Settings, TargetList, TemplateList } from '../types.ts';

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
          <SendQueue plan={plan.data} sent={sent} onMarkSent={(s) => void markSent(s)} onNotice={setNotice} />
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
