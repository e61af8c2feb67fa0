import { ApiError } from '../api.ts';
import { useApiAction } from '../hooks.ts';

/** What was just recorded, so that the toast can take it back. */
export interface Recorded {
  kind: 'sent' | 'withdrawn';
  /** Profile URL or name: the API's `person`. */
  person: string;
  message: string;
}

/**
 * The line that says what was just recorded, with Undo: a mark made by mistake starts a 3-week
 * cooldown, so it can be taken back at once (POST /api/undo, today's record of that kind for that
 * person). `onUndone` lets the page put the row back.
 */
export function UndoToast({
  recorded,
  onUndone,
  onClose,
}: {
  recorded: Recorded;
  onUndone: (recorded: Recorded) => void;
  onClose: () => void;
}) {
  const [state, undo] = useApiAction('/api/undo', () => onUndone(recorded));
  return (
    <div className="toast" role="status" data-testid="undo-toast">
      <span>
        {state === 'done' ? 'Undone: it is as before.' : recorded.message}
        {state instanceof ApiError && <span className="toast__error"> {state.message}</span>}
      </span>
      {state !== 'done' && (
        <button
          type="button"
          className="button button--small"
          data-testid="undo"
          disabled={state === 'busy'}
          onClick={() => undo({ kind: recorded.kind, person: recorded.person })}
        >
          Undo
        </button>
      )}
      <button type="button" className="toast__close" aria-label="Close" onClick={onClose}>
        ×
      </button>
    </div>
  );
}
