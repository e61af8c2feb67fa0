import { useState } from 'react';
import { ApiError, apiRequest } from '../api.ts';
import { useAccount } from '../hooks.ts';

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
  const account = useAccount();
  const [state, setState] = useState<'idle' | 'busy' | 'undone' | ApiError>('idle');
  return (
    <div className="toast" role="status" data-testid="undo-toast">
      <span>
        {state === 'undone' ? 'Undone: it is as before.' : recorded.message}
        {state instanceof ApiError && <span className="toast__error"> {state.message}</span>}
      </span>
      {state !== 'undone' && (
        <button
          type="button"
          className="button button--small"
          data-testid="undo"
          disabled={state === 'busy'}
          onClick={() => {
            setState('busy');
            apiRequest('/api/undo', account, {
              method: 'POST',
              json: { kind: recorded.kind, person: recorded.person },
            }).then(
              () => {
                setState('undone');
                onUndone(recorded);
              },
              (e: unknown) => setState(e instanceof ApiError ? e : new ApiError(0, 'INTERNAL', String(e))),
            );
          }}
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
