import type { ApiError } from '../api.ts';

/** An API failure as the member should read it: the message, where in the file, and the details. */
export function ErrorNotice({ error, title = 'Something went wrong' }: { error: ApiError; title?: string }) {
  const where = error.details.file
    ? `${error.details.file}${error.details.line ? `:${error.details.line}` : ''}`
    : null;
  const firstLine = error.message.split('\n')[0] ?? error.message;
  const problems = error.details.problems ?? [];
  return (
    <div className="notice notice--error" role="alert">
      <p className="notice__title">{title}</p>
      <p className="notice__message">
        {firstLine}
        {where && !firstLine.includes(where) && <span className="muted"> ({where})</span>}
      </p>
      {problems.length > 1 && (
        <ul className="notice__problems">
          {problems.slice(0, 20).map((p) => (
            <li key={p}>{p}</li>
          ))}
          {problems.length > 20 && <li>… and {problems.length - 20} more</li>}
        </ul>
      )}
    </div>
  );
}
