/**
 * Reads the Sent page the member has open: each loaded row (name, profile link, headline, age), the
 * People tab's total, and whether "Load more" is there. By structure and accessible names, never
 * by LinkedIn's generated class names: a row is a list item holding links to exactly one /in/
 * profile and an age or a withdraw control; the withdraw control is found by its role and
 * accessible name ("Withdraw invitation sent to <name>") or its data-view-name. The older layout's
 * `.invitation-card` and `.time-badge` are a fallback. Reads only; changes nothing.
 */
import { canonicalProfileUrl } from '../../src/core/people.ts';
import {
  type AgeLanguage,
  LOAD_MORE_WORDS,
  looksLikeAge,
  readAge,
  readTotal,
  tidyText,
  WITHDRAW_LABELS,
  WITHDRAW_WORDS,
} from './ages.ts';
import type { SentRow } from './snapshot.ts';

/** The companion's own elements (the marks and the panel): never read as part of the page. */
export const OWN_ELEMENTS = 'invitekeeper-mark, invitekeeper-panel';

export interface PageRow extends SentRow {
  /** The row: a list item or an invitation card. */
  element: Element;
  /** The block that shows the age (the mark goes after it), else null. */
  ageElement: Element | null;
  /** LinkedIn's Withdraw control of this row, if it has one. */
  withdraw: Element | null;
}

export interface PageRead {
  rows: PageRow[];
  total: number | null;
  /** A visible "Load more" (or its translation) is on the page. */
  loadMore: boolean;
}

const DIALOGS = '[role="dialog"], [role="alertdialog"], dialog, .artdeco-modal';
const CONTROLS = 'button, a, [role="button"]';
const SKIPPED = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'SVG', 'svg', 'IMG', 'IFRAME']);
/** Inline elements continue the line around them; every other element starts a line, as a browser lays it out. */
const INLINE = new Set([
  'A',
  'ABBR',
  'B',
  'BDI',
  'BDO',
  'CITE',
  'CODE',
  'EM',
  'I',
  'LABEL',
  'MARK',
  'Q',
  'S',
  'SMALL',
  'SPAN',
  'STRONG',
  'SUB',
  'SUP',
  'TIME',
  'U',
]);

export interface Line {
  text: string;
  /** The block element the line belongs to. */
  block: Element;
}

function hidden(el: Element): boolean {
  if (el.hasAttribute('hidden')) return true;
  const style = el.getAttribute('style') ?? '';
  return /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

/** The element's visible text as lines, skipping the companion's own elements; equal neighbours once. */
export function linesOf(root: Element): Line[] {
  const out: Line[] = [];
  let text = '';
  let block: Element = root;
  const flush = () => {
    const t = tidyText(text);
    text = '';
    if (t && out.at(-1)?.text !== t) out.push({ text: t, block });
  };
  const visit = (node: Node, owner: Element) => {
    if (node.nodeType === Node.TEXT_NODE) {
      if (!text.trim()) block = owner;
      text += node.nodeValue ?? '';
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const el = node as Element;
    if (SKIPPED.has(el.tagName) || hidden(el) || el.matches(OWN_ELEMENTS)) return;
    const inline = INLINE.has(el.tagName);
    if (!inline) flush();
    for (const child of el.childNodes) visit(child, inline ? owner : el);
    if (!inline) flush();
  };
  visit(root, root);
  flush();
  return out;
}

/** The profile a link points to (canonical), or null. */
export function profileOf(a: Element): string | null {
  const href = (a as HTMLAnchorElement).href || a.getAttribute('href');
  if (!href) return null;
  try {
    const url = new URL(href, 'https://www.linkedin.com/');
    return /^\/in\//i.test(url.pathname) ? canonicalProfileUrl(url.href) : null;
  } catch {
    return null;
  }
}

/** The accessible name of a control: its aria-label, else its text. */
export function accessibleName(el: Element): string {
  const label = el.getAttribute('aria-label');
  if (label?.trim()) return tidyText(label);
  return tidyText(
    linesOf(el)
      .map((l) => l.text)
      .join(' '),
  );
}

/** Whether an element is a row's Withdraw control (not the dialog's confirm: see isConfirmButton). */
export function isWithdrawControl(el: Element, lang: AgeLanguage): boolean {
  if (!el.matches(CONTROLS) || profileOf(el)) return false;
  if (/withdraw/i.test(el.getAttribute('data-view-name') ?? '')) return true;
  if (el.classList.contains('invitation-card__action-btn')) return true;
  const name = accessibleName(el);
  return WITHDRAW_LABELS[lang].test(name) || WITHDRAW_WORDS[lang].test(name);
}

/** Whether a button of a dialog confirms a withdrawal ("Withdraw", or the label naming the person). */
export function isConfirmButton(el: Element, lang: AgeLanguage): boolean {
  if (!el.matches(CONTROLS) || !el.closest(DIALOGS)) return false;
  const name = accessibleName(el);
  const text = tidyText(el.textContent ?? '');
  return (
    WITHDRAW_LABELS[lang].test(name) || WITHDRAW_WORDS[lang].test(name) || WITHDRAW_WORDS[lang].test(text)
  );
}

/** The person a withdraw control names, if its accessible name says it. */
export function namedIn(el: Element, lang: AgeLanguage): string | null {
  return WITHDRAW_LABELS[lang].exec(accessibleName(el))?.[1]?.trim() ?? null;
}

function isNoiseLine(text: string, lang: AgeLanguage): boolean {
  return (
    WITHDRAW_WORDS[lang].test(text) ||
    WITHDRAW_LABELS[lang].test(text) ||
    /^(?:message|pending|more|plus|mehr|más|mais|·|•)$/i.test(text) ||
    /mutual connections?|relations? en commun|gemeinsame kontakte|contactos? en común|conexões em comum/i.test(
      text,
    ) ||
    /^[·•]?\s*(?:1st|2nd|3rd\+?|1er|2e|3e\+?)$/i.test(text) ||
    /['’]s? (?:profile )?(?:picture|photo)$/i.test(text)
  );
}

/** A name as shown, minus the connection degree LinkedIn may print beside it. */
function cleanName(text: string): string {
  return tidyText(
    text.replace(/\s*[·•]\s*(?:1st|2nd|3rd\+?)\s*$/i, '').replace(/^view\s+(.+?)['’]s? profile$/i, '$1'),
  );
}

function readRow(element: Element, lang: AgeLanguage): PageRow | null {
  const links = [...element.querySelectorAll('a[href]')].filter((a) => !a.closest(OWN_ELEMENTS));
  const profiles = new Set<string>();
  for (const a of links) {
    const p = profileOf(a);
    if (p) profiles.add(p);
  }
  if (profiles.size !== 1) return null;
  const profileUrl = [...profiles][0]!;
  const withdraw =
    [...element.querySelectorAll(CONTROLS)].find((c) => !c.closest(DIALOGS) && isWithdrawControl(c, lang)) ??
    null;
  const lines = linesOf(element);
  // The older layout names its age element; the current one is read by its words.
  const badge = element.querySelector('.time-badge');
  const badgeText = badge ? tidyText(badge.textContent ?? '') : '';
  const ageLine =
    (badgeText ? { text: badgeText, block: badge! } : null) ??
    lines.find((l) => readAge(l.text, lang) !== null) ??
    lines.find((l) => looksLikeAge(l.text, lang)) ??
    null;
  if (!ageLine && !withdraw) return null;

  const profileLinks = links.filter((a) => profileOf(a) === profileUrl);
  const title = element.querySelector('.invitation-card__title');
  const linkName = profileLinks
    .map((a) => linesOf(a).find((l) => !isNoiseLine(l.text, lang))?.text ?? '')
    .find((t) => t !== '');
  const labelName = withdraw ? namedIn(withdraw, lang) : null;
  const altName = element.querySelector('img[alt]')?.getAttribute('alt') ?? '';
  const name = cleanName(
    (title ? tidyText(title.textContent ?? '') : '') ||
      linkName ||
      labelName ||
      altName.replace(/['’]s? (?:profile )?(?:picture|photo)$/i, ''),
  );
  if (!name) return null;

  const subtitle = element.querySelector('.invitation-card__subtitle');
  let headline: string | null = subtitle ? tidyText(subtitle.textContent ?? '') || null : null;
  if (headline === null) {
    const at = lines.findIndex((l) => cleanName(l.text) === name);
    headline =
      lines
        .slice(at + 1)
        .find(
          (l) =>
            l !== ageLine &&
            l.text !== ageLine?.text &&
            cleanName(l.text) !== name &&
            !isNoiseLine(l.text, lang) &&
            !looksLikeAge(l.text, lang),
        )?.text ?? null;
  }
  const ageText = ageLine?.text ?? null;
  return {
    element,
    name,
    profileUrl,
    headline,
    ageText,
    age: ageText === null ? null : readAge(ageText, lang),
    ageElement: ageLine?.block ?? null,
    withdraw,
  };
}

/** Reads the rows loaded on the page, newest first as the page shows them, the total and "Load more". */
export function readPage(doc: Document, lang: AgeLanguage): PageRead {
  const candidates = [...doc.querySelectorAll('li, [role="listitem"], .invitation-card')].filter(
    (el) => !el.closest(DIALOGS) && !el.closest(OWN_ELEMENTS),
  );
  const read = new Map<Element, PageRow>();
  for (const el of candidates) {
    const row = readRow(el, lang);
    if (row) read.set(el, row);
  }
  // A row inside another row of the same person is part of it: keep the outermost.
  const rows: PageRow[] = [];
  for (const [el, row] of read) {
    let inner = false;
    for (let p = el.parentElement; p; p = p.parentElement) {
      if (read.has(p)) {
        inner = true;
        break;
      }
    }
    if (!inner) rows.push(row);
  }
  return { rows, total: readPageTotal(doc), loadMore: hasLoadMore(doc) };
}

function readPageTotal(doc: Document): number | null {
  const tabs = [...doc.querySelectorAll('[role="tab"], a, button, h1, h2, h3, h4')].filter(
    (el) => !el.closest(OWN_ELEMENTS) && !el.closest(DIALOGS),
  );
  let first: number | null = null;
  for (const el of tabs) {
    const n = readTotal(el.getAttribute('aria-label') ?? '') ?? readTotal(el.textContent ?? '');
    if (n === null) continue;
    if (el.getAttribute('aria-selected') === 'true' || el.getAttribute('aria-current') === 'page') return n;
    first ??= n;
  }
  return first;
}

function hasLoadMore(doc: Document): boolean {
  return [...doc.querySelectorAll(CONTROLS)].some(
    (el) =>
      !el.closest(OWN_ELEMENTS) &&
      !hidden(el) &&
      !(el as HTMLButtonElement).disabled &&
      LOAD_MORE_WORDS.test(tidyText(el.textContent ?? '')),
  );
}

/** The dialog an event went through, if any (LinkedIn may render it in an open shadow root). */
export function dialogIn(path: readonly EventTarget[]): Element | null {
  for (const t of path) if (t instanceof Element && t.matches(DIALOGS)) return t;
  return null;
}

/** The first control an event went through (the button clicked, whatever was under the pointer). */
export function controlIn(path: readonly EventTarget[]): Element | null {
  for (const t of path) if (t instanceof Element && t.matches(CONTROLS)) return t;
  return null;
}
