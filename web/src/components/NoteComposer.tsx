import { useId, useMemo, useState } from 'react';
import {
  findVariables,
  lintNote,
  type NoteSubject,
  noteLength,
  noteMaxChars,
  overflowOffset,
  renderTemplate,
} from '../../../src/core/notes/index.ts';

export interface Recipient extends NoteSubject {
  key: string;
}

/**
 * Writes a note or a template with the CLI's own lint (the core's `lintNote`, bundled): the length
 * LinkedIn counts against the tier's limit, unfilled variables, the generic default note, and a note
 * that says nothing personal, all as you type.
 */
export function NoteComposer({
  tier,
  recipients,
  text,
  onTextChange,
}: {
  tier: 'free' | 'premium';
  recipients: readonly Recipient[];
  text: string;
  onTextChange: (text: string) => void;
}) {
  const id = useId();
  const [recipientKey, setRecipientKey] = useState<string>('');
  const target = recipients.find((r) => r.key === recipientKey) ?? recipients[0] ?? null;
  const max = noteMaxChars(tier);

  const { kind, rendered, length, issues, overflowAt } = useMemo(() => {
    const kind = findVariables(text).length > 0 ? ('template' as const) : ('note' as const);
    const rendered = kind === 'template' && target ? renderTemplate(text, target).text : text;
    return {
      kind,
      rendered,
      length: noteLength(rendered),
      issues: lintNote(text, { tier, kind, target }),
      overflowAt: overflowOffset(rendered, max),
    };
  }, [text, target, tier, max]);

  const over = length > max;
  const errors = issues.filter((i) => i.level === 'error');
  const warnings = issues.filter((i) => i.level === 'warning');

  return (
    <div className="composer">
      {recipients.length > 0 && (
        <div className="field">
          <label htmlFor={`${id}-to`}>Preview for</label>
          <select id={`${id}-to`} value={target?.key ?? ''} onChange={(e) => setRecipientKey(e.target.value)}>
            {recipients.map((r) => (
              <option key={r.key} value={r.key}>
                {r.name}
                {r.company ? ` (${r.company})` : ''}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <div className="composer__label-row">
          <label htmlFor={`${id}-text`}>Note or template</label>
          <output
            htmlFor={`${id}-text`}
            className={`composer__count${over ? ' composer__count--over' : ''}`}
            data-testid="note-count"
            aria-live="polite"
          >
            {length} / {max}
          </output>
        </div>
        <textarea
          id={`${id}-text`}
          rows={5}
          value={text}
          aria-invalid={errors.length > 0}
          aria-describedby={`${id}-help ${id}-lint`}
          placeholder="Hi {firstName}, I enjoyed your talk on … at {company}. Would be glad to connect."
          onChange={(e) => onTextChange(e.target.value)}
        />
        <p id={`${id}-help`} className="field__help">
          Variables: <code>{'{firstName}'}</code> <code>{'{lastName}'}</code> <code>{'{company}'}</code>{' '}
          <code>{'{headline}'}</code> <code>{'{relation}'}</code> <code>{'{mutualCount}'}</code>. A {tier}{' '}
          account allows {max} characters.
        </p>
      </div>
      {kind === 'template' && target && (
        <div className="composer__preview">
          <p className="composer__preview-title">As {target.name} would read it</p>
          <p className="composer__preview-text">
            {overflowAt === null ? (
              rendered
            ) : (
              <>
                {rendered.slice(0, overflowAt)}
                <mark title="Beyond the limit">{rendered.slice(overflowAt)}</mark>
              </>
            )}
          </p>
        </div>
      )}
      {kind === 'note' && overflowAt !== null && (
        <p className="composer__preview-text composer__overflow">
          <span className="muted">Cut off after {max}: </span>
          <mark>{text.slice(overflowAt)}</mark>
        </p>
      )}
      <ul id={`${id}-lint`} className="lint" data-testid="note-lint" aria-live="polite">
        {text.trim() === '' ? null : issues.length === 0 ? (
          <li className="lint__item lint__item--ok">Looks good.</li>
        ) : (
          [...errors, ...warnings].map((issue) => (
            <li
              key={`${issue.code}:${issue.start ?? ''}:${issue.message}`}
              className={`lint__item lint__item--${issue.level}`}
              data-code={issue.code}
            >
              <span className="lint__level">{issue.level === 'error' ? 'Error:' : 'Warning:'}</span>{' '}
              {issue.message}
            </li>
          ))
        )}
      </ul>
    </div>
  );
}
