import { useId, useState } from 'react';
import type { TemplateList } from '../types.ts';

/** A select of the saved templates; picking one puts its text in the composer. */
export function TemplatePicker({ list, onPick }: { list: TemplateList; onPick: (body: string) => void }) {
  const id = useId();
  const [chosen, setChosen] = useState(list.defaultTemplate ?? list.templates[0]?.id ?? '');
  return (
    <div className="field">
      <label htmlFor={id}>Start from a template</label>
      <select
        id={id}
        value={chosen}
        onChange={(e) => {
          setChosen(e.target.value);
          const t = list.templates.find((x) => x.id === e.target.value);
          if (t) onPick(t.body);
        }}
      >
        {list.templates.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
            {t.isDefault ? ' (default)' : ''}
          </option>
        ))}
      </select>
    </div>
  );
}
