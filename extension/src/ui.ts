/**
 * The companion's marks on the page: one per row with the plan's verdict, and the small panel. Each
 * lives in its own element with a shadow root, so the page's styles do not reach them and theirs do
 * not leak out; text is only ever set as text. Nothing else on the page is touched.
 */
import type { Verdict } from './verdicts.ts';

const MARK_TAG = 'invitekeeper-mark';

/**
 * An element built from parts, never from an HTML string: the page may enforce Trusted Types, and
 * nothing read from it can then ever become markup.
 */
function h(
  doc: Document,
  tag: string,
  attrs: Record<string, string> = {},
  ...children: Array<Node | string>
): HTMLElement {
  const el = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  el.append(...children);
  return el;
}
const PANEL_TAG = 'invitekeeper-panel';

const MARK_CSS = `
:host { all: initial; display: block; margin: 4px 0 2px; }
.mark { display: inline-flex; align-items: center; gap: 6px; font: 600 12px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif;
  padding: 2px 8px 2px 6px; border-radius: 10px; border: 1px solid transparent; color: #1d2226; }
.dot { width: 8px; height: 8px; border-radius: 50%; background: currentColor; flex: none; }
.brand { font-weight: 500; opacity: .7; }
:host([data-kind="withdraw"]) .mark { background: #fde8e4; border-color: #f0b3a6; color: #9b2c16; }
:host([data-kind="later"]) .mark, :host([data-kind="stale"]) .mark { background: #fdf3dc; border-color: #ecd08f; color: #7a5300; }
:host([data-kind="keep"]) .mark { background: #e6f4ea; border-color: #a8d5b5; color: #1e6b34; }
:host([data-kind="unknown"]) .mark { background: #eef0f2; border-color: #cfd4d9; color: #4a5560; }
:host([data-highlight]) .mark { outline: 3px solid #0a66c2; outline-offset: 2px; }
:host([data-highlight]) .mark::before { content: "next"; font-weight: 700; color: #0a66c2; margin-right: 2px; }
`;

/** Puts (or updates) the verdict mark of a row after `anchor` (the age), else at the end of the row. */
export function markRow(row: Element, anchor: Element | null, verdict: Verdict): Element {
  let host = row.querySelector(MARK_TAG);
  if (!host) {
    host = row.ownerDocument.createElement(MARK_TAG);
    const root = host.attachShadow({ mode: 'open' });
    const doc = row.ownerDocument;
    root.append(
      h(doc, 'style', {}, MARK_CSS),
      h(
        doc,
        'span',
        { class: 'mark' },
        h(doc, 'span', { class: 'dot' }),
        h(doc, 'span', { class: 'brand' }, 'invitekeeper'),
        h(doc, 'span', { class: 'text' }),
      ),
    );
    if (anchor && anchor !== row && row.contains(anchor)) anchor.after(host);
    else row.append(host);
  }
  host.setAttribute('data-kind', verdict.kind);
  if (verdict.order === undefined) host.removeAttribute('data-order');
  else host.setAttribute('data-order', String(verdict.order));
  const text = host.shadowRoot?.querySelector('.text');
  if (text && text.textContent !== verdict.text) text.textContent = verdict.text;
  host.setAttribute('title', `invitekeeper: ${verdict.text}`);
  return host;
}

/** Removes every mark (the server went away or refused us: no stale verdicts stay on the page). */
export function clearMarks(doc: Document): void {
  for (const m of doc.querySelectorAll(MARK_TAG)) m.remove();
}

/** Highlights one row's mark (the "next" one) and no other. */
export function highlight(doc: Document, row: Element | null): void {
  for (const m of doc.querySelectorAll(`${MARK_TAG}[data-highlight]`)) m.removeAttribute('data-highlight');
  row?.querySelector(MARK_TAG)?.setAttribute('data-highlight', '');
}

/** Text in which `backticks` mark a command: the command becomes a code element, all of it text. */
function withCode(doc: Document, text: string): Array<Node | string> {
  return text.split('`').map((part, i) => (i % 2 === 1 ? h(doc, 'code', {}, part) : part));
}

export type Tone = 'ok' | 'warn' | 'bad';

export interface PanelState {
  tone: Tone;
  /** What the companion is doing or why it cannot. */
  status: string;
  figures: { done: number; left: number; later: number; cap: number } | null;
  sync: string | null;
  message: { text: string; tone: Tone } | null;
  /** Which buttons show. */
  canNext: boolean;
  canDashboard: boolean;
  canPair: boolean;
}

export interface PanelActions {
  next(): void;
  dashboard(): void;
  pair(): void;
}

const PANEL_CSS = `
:host { all: initial; position: fixed; right: 16px; bottom: 16px; z-index: 2147483000; }
.panel { width: 300px; box-sizing: border-box; background: #fff; color: #1d2226; border: 1px solid #d0d5da;
  border-radius: 10px; box-shadow: 0 6px 24px rgba(0,0,0,.16); padding: 12px 14px;
  font: 13px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; }
header { display: flex; align-items: baseline; gap: 8px; margin-bottom: 6px; }
.account { margin-left: auto; }
button.fold { border: 0; padding: 0 6px; border-radius: 4px; font-size: 16px; line-height: 1; color: #5e6a75; background: none; }
.panel[data-folded] > :not(header) { display: none !important; }
.panel[data-folded] header { margin: 0; }
code { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; background: #f3f6f8; padding: 0 3px; border-radius: 3px; }
h2 { margin: 0; font-size: 14px; font-weight: 700; }
.account { color: #5e6a75; font-size: 12px; }
.status { margin: 0 0 8px; padding-left: 10px; border-left: 3px solid #1e6b34; }
.status[data-tone="warn"] { border-color: #c98a00; }
.status[data-tone="bad"] { border-color: #b3261e; }
.figures { display: grid; grid-template-columns: repeat(3, 1fr); gap: 6px; margin: 0 0 8px; padding: 0; }
.figures div { background: #f3f6f8; border-radius: 6px; padding: 4px 6px; text-align: center; }
.figures dt { font-size: 11px; color: #5e6a75; }
.figures dd { margin: 0; font-size: 18px; font-weight: 700; }
.sync { margin: 0 0 8px; font-size: 12px; color: #3d4852; }
.message { margin: 0 0 8px; font-size: 12px; padding: 4px 8px; border-radius: 6px; background: #e6f4ea; }
.message[data-tone="warn"] { background: #fdf3dc; }
.message[data-tone="bad"] { background: #fde8e4; }
.actions { display: flex; gap: 8px; }
button { font: inherit; font-weight: 600; border-radius: 16px; padding: 4px 14px; cursor: pointer;
  border: 1px solid #0a66c2; background: #fff; color: #0a66c2; }
button.primary { background: #0a66c2; color: #fff; }
button:focus-visible { outline: 2px solid #0a66c2; outline-offset: 2px; }
[hidden] { display: none !important; }
`;

/** The panel, created once; `render` shows a state. */
export function createPanel(doc: Document, actions: PanelActions): { render(state: PanelState): void } {
  const host = doc.createElement(PANEL_TAG);
  const root = host.attachShadow({ mode: 'open' });
  const figure = (label: string, role: string) =>
    h(doc, 'div', {}, h(doc, 'dt', {}, label), h(doc, 'dd', { 'data-role': role }));
  const button = (label: string, role: string, primary: boolean) =>
    h(doc, 'button', { type: 'button', 'data-role': role, ...(primary ? { class: 'primary' } : {}) }, label);
  const panel = h(
    doc,
    'section',
    { class: 'panel', 'aria-label': 'invitekeeper companion' },
    h(
      doc,
      'header',
      {},
      h(doc, 'h2', {}, 'invitekeeper'),
      h(doc, 'span', { class: 'account', 'data-role': 'account' }),
      h(
        doc,
        'button',
        {
          type: 'button',
          class: 'fold',
          'data-role': 'fold',
          'aria-expanded': 'true',
          title: 'Fold the panel',
        },
        '–',
      ),
    ),
    h(doc, 'p', { class: 'status', role: 'status', 'aria-live': 'polite', 'data-role': 'status' }),
    h(
      doc,
      'dl',
      { class: 'figures', 'data-role': 'figures' },
      figure('done today', 'done'),
      figure('left today', 'left'),
      figure('later days', 'later'),
    ),
    h(doc, 'p', { class: 'sync', 'data-role': 'sync' }),
    h(doc, 'p', { class: 'message', role: 'status', 'data-role': 'message' }),
    h(
      doc,
      'div',
      { class: 'actions' },
      button('Next', 'next', true),
      button('Dashboard', 'dashboard', false),
      button('Pair with invitekeeper', 'pair', true),
    ),
  );
  root.append(h(doc, 'style', {}, PANEL_CSS), panel);
  const part = (role: string) => panel.querySelector<HTMLElement>(`[data-role="${role}"]`)!;
  part('next').addEventListener('click', () => actions.next());
  part('dashboard').addEventListener('click', () => actions.dashboard());
  part('pair').addEventListener('click', () => actions.pair());
  // Folded, the panel keeps only its title bar, out of the way of the rows beneath it.
  part('fold').addEventListener('click', () => {
    const folded = panel.toggleAttribute('data-folded');
    part('fold').textContent = folded ? '+' : '–';
    part('fold').setAttribute('aria-expanded', String(!folded));
    part('fold').title = folded ? 'Unfold the panel' : 'Fold the panel';
  });
  (doc.body ?? doc.documentElement).append(host);

  return {
    render(state) {
      const status = part('status');
      status.replaceChildren(...withCode(doc, state.status));
      status.dataset.tone = state.tone;
      const figures = part('figures');
      figures.hidden = state.figures === null;
      if (state.figures) {
        part('done').textContent = String(state.figures.done);
        part('left').textContent = String(state.figures.left);
        part('later').textContent = String(state.figures.later);
        part('account').textContent = `cap ${state.figures.cap} a day`;
      } else part('account').textContent = '';
      const sync = part('sync');
      sync.hidden = state.sync === null;
      sync.textContent = state.sync ?? '';
      const message = part('message');
      message.hidden = state.message === null;
      message.replaceChildren(...withCode(doc, state.message?.text ?? ''));
      message.dataset.tone = state.message?.tone ?? 'ok';
      part('next').hidden = !state.canNext;
      part('dashboard').hidden = !state.canDashboard;
      part('pair').hidden = !state.canPair;
    },
  };
}
