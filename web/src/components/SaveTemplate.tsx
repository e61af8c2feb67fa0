import { useId, useState } from 'react';
import { type ApiError, apiRequest, asApiError } from '../api.ts';
import { useAccount } from '../hooks.ts';
import type { TemplateAdded } from '../types.ts';

/** Saves the composer's text as a template under a name (its id made from the name), replacing one of that id. */
export function SaveTemplate({
  body,
  onSaved,
  onError,
}: {
  body: string;
  onSaved: (r: TemplateAdded) => void;
  onError: (e: ApiError) => void;
}) {
  const account = useAccount();
  const id = useId();
  const [name, setName] = useState('');
  const templateId = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return (
    <details className="sample">
      <summary>Save as a template</summary>
      <form
        className="inline-form"
        onSubmit={async (e) => {
          e.preventDefault();
          try {
            onSaved(
              await apiRequest<TemplateAdded>('/api/templates', account, {
                method: 'POST',
                json: { id: templateId, name: name.trim(), body, replace: true },
              }),
            );
          } catch (err) {
            onError(asApiError(err));
          }
        }}
      >
        <div className="field field--grow">
          <label htmlFor={id}>Template name</label>
          <input id={id} value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <button type="submit" className="button" disabled={!templateId || !body.trim()}>
          Save
        </button>
      </form>
    </details>
  );
}
