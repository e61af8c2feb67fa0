import { useId, useState } from 'react';
import { setToken } from '../auth.ts';

/** Shown when the page has no token: the member opens the printed link, or pastes the token. */
export function TokenPrompt({ onToken }: { onToken: () => void }) {
  const [value, setValue] = useState('');
  const id = useId();
  return (
    <section className="panel token-prompt" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>Open the dashboard with its key</h1>
      <p>
        Open the link <code>invitekeeper serve</code> printed when it started (it ends in{' '}
        <code>#token=…</code>), or paste the token here; in team mode, the token{' '}
        <code>invitekeeper users add</code> gave you. It keeps your data private from other pages and other
        people.
      </p>
      <form
        className="token-prompt__form"
        onSubmit={(e) => {
          e.preventDefault();
          const token = value.replace(/^.*#token=/, '').trim();
          if (!token) return;
          setToken(token);
          onToken();
        }}
      >
        <label htmlFor={id}>Token or link</label>
        <input
          id={id}
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
        <button type="submit" className="button button--primary">
          Continue
        </button>
      </form>
    </section>
  );
}
