/**
 * Synthetic LinkedIn Sent pages for the companion's browser tests, served under the real page's
 * address by request routing. They copy the structure of the real page, not its data: the current
 * layout (list items, /in/ links, generated class names, a Withdraw control named "Withdraw
 * invitation sent to <name>" with a data-view-name, a confirm dialog in an open shadow root,
 * "Load more" that appends rows), the older one (.invitation-card, .time-badge, artdeco modal), and
 * the current one in French. Page furniture holds /in/ links too (the member's own profile, people
 * to connect with) that are not invitations. Every person is made up.
 *
 * The page counts clicks: `window.__fixture.clicks` has the trusted ones (a person's, or the test's
 * through the browser's input) and lists every untrusted one (a script's `.click()`), which the
 * companion must never make.
 */

export type FixtureLayout = 'current' | 'legacy';
export type FixtureLanguage = 'en' | 'fr' | 'it';

export interface FixturePerson {
  name: string;
  slug: string;
  headline: string;
  /** ISO time the invitation was sent. */
  sentAt: string;
}

export interface FixtureOptions {
  layout: FixtureLayout;
  lang: FixtureLanguage;
  /** Newest first, as the page lists them. */
  people: readonly FixturePerson[];
  /** Rows shown at first and added by each "Load more". */
  pageSize: number;
  /** The moment the page is shown at (ages are relative to it). */
  now: string;
}

const DAY = 24 * 60 * 60 * 1000;

/** The age LinkedIn shows, in the page's language, with its non-breaking spaces. */
export function fixtureAge(sentAt: string, now: string, lang: FixtureLanguage): string {
  const days = Math.floor((Date.parse(now) - Date.parse(sentAt)) / DAY);
  const nb = '\u00a0';
  if (lang === 'fr') {
    if (days === 0) return 'Envoyée aujourd’hui';
    if (days === 1) return 'Envoyée hier';
    if (days < 7) return `Envoyée il y a ${days}${nb}jours`;
    if (days < 30) {
      const w = Math.floor(days / 7);
      return `Envoyée il y a ${w}${nb}semaine${w > 1 ? 's' : ''}`;
    }
    const m = Math.floor(days / 30);
    return m === 1 ? 'Envoyée il y a un mois' : `Envoyée il y a ${m}${nb}mois`;
  }
  if (lang === 'it') {
    if (days < 7) return `Inviato ${days} giorni fa`;
    return `Inviato ${Math.floor(days / 7)} settimane fa`;
  }
  if (days === 0) return 'Sent today';
  if (days === 1) return 'Sent yesterday';
  if (days < 7) return `Sent ${days}${nb}days ago`;
  if (days < 30) {
    const w = Math.floor(days / 7);
    return `Sent ${w}${nb}week${w > 1 ? 's' : ''} ago`;
  }
  const m = Math.floor(days / 30);
  return m === 1 ? 'Sent a month ago' : `Sent ${m}${nb}months ago`;
}

const WORDS = {
  en: {
    people: 'People',
    received: 'Received',
    sent: 'Sent',
    pages: 'Pages',
    events: 'Events',
    withdraw: 'Withdraw',
    withdrawLabel: (n: string) => `Withdraw invitation sent to ${n}`,
    dialogTitle: 'Withdraw invitation',
    dialogText: (n: string) => `If you withdraw now, you won’t be able to resend to ${n} for up to 3 weeks.`,
    cancel: 'Cancel',
    dismiss: 'Dismiss',
    loadMore: 'Load more',
    toast: 'Invitation withdrawn',
    manage: 'Manage invitations',
    suggestions: 'People you may know',
    connect: 'Connect',
    invite: (n: string) => `Invite ${n} to connect`,
  },
  fr: {
    people: 'Personnes',
    received: 'Reçues',
    sent: 'Envoyées',
    pages: 'Pages',
    events: 'Événements',
    withdraw: 'Retirer',
    withdrawLabel: (n: string) => `Retirer l’invitation envoyée à ${n}`,
    dialogTitle: 'Retirer l’invitation',
    dialogText: (n: string) =>
      `Si vous retirez maintenant, vous ne pourrez pas renvoyer d’invitation à ${n} pendant 3 semaines.`,
    cancel: 'Annuler',
    dismiss: 'Fermer',
    loadMore: 'Afficher plus',
    toast: 'Invitation retirée',
    manage: 'Gérer les invitations',
    suggestions: 'Personnes que vous pourriez connaître',
    connect: 'Se connecter',
    invite: (n: string) => `Inviter ${n} à rejoindre votre réseau`,
  },
  it: {
    people: 'Persone',
    received: 'Ricevuti',
    sent: 'Inviati',
    pages: 'Pagine',
    events: 'Eventi',
    withdraw: 'Ritira',
    withdrawLabel: (n: string) => `Ritira l’invito inviato a ${n}`,
    dialogTitle: 'Ritira invito',
    dialogText: (n: string) => `Non potrai invitare di nuovo ${n} per 3 settimane.`,
    cancel: 'Annulla',
    dismiss: 'Chiudi',
    loadMore: 'Mostra altro',
    toast: 'Invito ritirato',
    manage: 'Gestisci inviti',
    suggestions: 'Persone che potresti conoscere',
    connect: 'Collegati',
    invite: (n: string) => `Invita ${n} a collegarsi`,
  },
} as const;

/** Made-up people to connect with, shown beside the list: /in/ links that are not invitations. */
const SUGGESTIONS = [
  { name: 'Ilse Varga-Moreau', slug: 'ilse-varga-moreau-x1', headline: 'Product designer' },
  { name: 'Tomasz Quill', slug: 'tomasz-quill-x2', headline: 'Data engineer at Fernhill' },
];

/** A grey initials avatar as a data: URL (the page loads nothing from anywhere). */
function avatar(name: string): string {
  const initials = name
    .split(/\s+/)
    .map((w) => w[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="56" height="56"><rect width="56" height="56" rx="28" fill="#c9d1d9"/><text x="28" y="34" font-family="sans-serif" font-size="18" text-anchor="middle" fill="#44515c">${initials}</text></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

const CSS = `
body { margin: 0; background: #f4f2ee; font: 14px/1.4 -apple-system, system-ui, "Segoe UI", Roboto, sans-serif; color: rgba(0,0,0,.9); }
header.global-nav { position: sticky; top: 0; z-index: 10; background: #fff; border-bottom: 1px solid #e0dfdc; height: 52px; display: flex; align-items: center; gap: 24px; padding: 0 24px; }
header.global-nav ul { display: flex; gap: 20px; list-style: none; margin: 0; padding: 0; }
header.global-nav a { color: #666; text-decoration: none; font-size: 12px; display: flex; align-items: center; gap: 4px; }
.layout { display: grid; grid-template-columns: minmax(0, 1fr) 300px; gap: 24px; max-width: 1128px; margin: 24px auto; padding: 0 24px; }
.card { background: #fff; border-radius: 8px; box-shadow: 0 0 0 1px rgba(140,140,140,.2); }
h1 { font-size: 20px; font-weight: 600; margin: 0; padding: 16px 24px; border-bottom: 1px solid #e8e8e8; }
.tabs, .filters { display: flex; gap: 8px; padding: 8px 24px; border-bottom: 1px solid #e8e8e8; }
.tabs [role=tab], .filters [role=tab] { background: none; border: 0; font: inherit; font-weight: 600; color: #666; padding: 8px 4px; }
.tabs [aria-selected=true] { color: #01754f; box-shadow: inset 0 -2px #01754f; }
.filters [role=tab] { border: 1px solid #8c8c8c; border-radius: 16px; padding: 4px 12px; }
.filters [aria-selected=true] { background: #01754f; color: #fff; border-color: #01754f; }
ul.list { list-style: none; margin: 0; padding: 0; }
ul.list > li { border-bottom: 1px solid #e8e8e8; padding: 12px 24px; }
.row { display: flex; align-items: center; gap: 12px; }
.row img { border-radius: 50%; flex: none; }
.row .text { flex: 1; min-width: 0; }
.row .text p { margin: 0; }
.name { font-weight: 600; color: rgba(0,0,0,.9); }
.row a { text-decoration: none; }
.headline { color: rgba(0,0,0,.6); }
.age { color: rgba(0,0,0,.6); font-size: 12px; }
.withdraw { color: #666; font-weight: 600; padding: 6px 12px; border-radius: 4px; }
.more { display: block; width: 100%; background: none; border: 0; border-top: 1px solid #e8e8e8; padding: 12px; font: inherit; font-weight: 600; color: #666; cursor: pointer; }
aside ul { list-style: none; margin: 0; padding: 8px 16px; }
aside li { display: flex; gap: 8px; align-items: center; padding: 8px 0; }
aside h2 { font-size: 16px; margin: 0; padding: 12px 16px 0; }
.invitation-card { display: flex; justify-content: space-between; align-items: center; }
.invitation-card__container { display: flex; gap: 12px; align-items: center; }
.invitation-card__link { display: flex; flex-direction: column; text-decoration: none; }
.invitation-card__title { font-weight: 600; color: rgba(0,0,0,.9); }
.invitation-card__subtitle { color: rgba(0,0,0,.6); }
.time-badge { display: block; color: rgba(0,0,0,.6); font-size: 12px; }
.artdeco-button { background: none; border: 0; font: inherit; font-weight: 600; color: #666; padding: 6px 12px; cursor: pointer; }
.artdeco-modal-overlay, .overlay { position: fixed; inset: 0; background: rgba(0,0,0,.6); display: flex; align-items: center; justify-content: center; z-index: 100; }
.artdeco-modal, [role=dialog] { background: #fff; border-radius: 8px; padding: 16px 24px; width: 480px; }
.toast { position: fixed; left: 24px; bottom: 24px; background: #fff; padding: 12px 16px; border-radius: 8px; box-shadow: 0 4px 12px rgba(0,0,0,.2); }
`;

/** The fixture page; its script builds the rows the way LinkedIn's does, from data, and handles Withdraw and Load more. */
export function renderSentPage(opts: FixtureOptions): string {
  const w = WORDS[opts.lang];
  const rows = opts.people.map((p) => ({
    name: p.name,
    slug: p.slug,
    headline: p.headline,
    age: fixtureAge(p.sentAt, opts.now, opts.lang),
    avatar: avatar(p.name),
  }));
  const data = {
    layout: opts.layout,
    pageSize: opts.pageSize,
    rows,
    words: {
      people: w.people,
      withdraw: w.withdraw,
      dialogTitle: w.dialogTitle,
      cancel: w.cancel,
      dismiss: w.dismiss,
      loadMore: w.loadMore,
      toast: w.toast,
      labels: rows.map((r) => w.withdrawLabel(r.name)),
      texts: rows.map((r) => w.dialogText(r.name)),
    },
  };
  const suggestions = SUGGESTIONS.map(
    (s) =>
      `<li><a href="https://www.linkedin.com/in/${s.slug}/"><img src="${avatar(s.name)}" width="40" height="40" alt="${s.name}"></a><div><a href="https://www.linkedin.com/in/${s.slug}/"><span>${s.name}</span></a><div class="headline">${s.headline}</div></div><button class="artdeco-button" aria-label="${w.invite(s.name)}">${w.connect}</button></li>`,
  ).join('');
  const filtersId = opts.layout === 'legacy' ? 'mn-invitation-manager__invitation-facet-pills' : '_f8e2a1';
  return `<!doctype html>
<html lang="${opts.lang}">
<head><meta charset="utf-8"><title>${w.manage} | LinkedIn</title><style>${CSS}</style></head>
<body>
<header class="global-nav">
  <strong>in</strong>
  <nav><ul><li><a href="https://www.linkedin.com/feed/">Home</a></li><li><a href="https://www.linkedin.com/mynetwork/">My Network</a></li><li><a href="https://www.linkedin.com/in/the-member/"><img src="${avatar('The Member')}" width="24" height="24" alt="The Member"> Me</a></li></ul></nav>
</header>
<div class="layout">
<main id="main" class="card">
  <h1>${w.manage}</h1>
  <div class="tabs" role="tablist"><a role="tab" aria-selected="false" href="https://www.linkedin.com/mynetwork/invitation-manager/received/">${w.received}</a><a role="tab" aria-selected="true" href="https://www.linkedin.com/mynetwork/invitation-manager/sent/">${w.sent}</a></div>
  <div class="filters" id="${filtersId}" role="tablist"><button role="tab" aria-selected="true" id="people-tab">${w.people} (${rows.length.toLocaleString('en-US')})</button><button role="tab" aria-selected="false">${w.pages} (0)</button><button role="tab" aria-selected="false">${w.events} (0)</button></div>
  <ul class="list ${opts.layout === 'legacy' ? 'artdeco-list mn-invitation-list' : '_3c9d0e'}" id="rows"></ul>
</main>
<aside class="card"><h2>${w.suggestions}</h2><ul>${suggestions}</ul></aside>
</div>
<div id="interop-outlet"></div>
<script type="application/json" id="fixture-data">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>
<script>${PAGE_SCRIPT}</script>
</body></html>`;
}

/** The fixture page's own script (runs in the page, as LinkedIn's does). */
const PAGE_SCRIPT = `
(() => {
  const data = JSON.parse(document.getElementById('fixture-data').textContent);
  const W = data.words;
  const fixture = (window.__fixture = { clicks: { trusted: 0, untrusted: [] }, withdrawn: [], shown: 0 });
  const describe = (t) => (t instanceof Element ? t.tagName.toLowerCase() + (t.getAttribute('aria-label') ? '[' + t.getAttribute('aria-label') + ']' : '') + ':' + (t.textContent || '').trim().slice(0, 40) : String(t));
  for (const type of ['click', 'auxclick', 'dblclick']) {
    window.addEventListener(type, (e) => {
      if (e.isTrusted) fixture.clicks.trusted++;
      else fixture.clicks.untrusted.push(type + ' ' + describe(e.composedPath()[0]));
    }, true);
  }
  const list = document.getElementById('rows');
  const tab = document.getElementById('people-tab');
  let left = data.rows.length;
  const el = (tag, attrs = {}, ...kids) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    e.append(...kids);
    return e;
  };
  const outlet = document.getElementById('interop-outlet');
  const shadow = outlet.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = document.querySelector('style').textContent;
  shadow.append(style);

  function confirmDialog(i, li) {
    const close = () => layer.remove();
    const cancel = el('button', { class: data.layout === 'legacy' ? 'artdeco-modal__confirm-dialog-btn artdeco-button artdeco-button--secondary' : '_b81c artdeco-button' }, W.cancel);
    const ok = el('button', data.layout === 'legacy'
      ? { class: 'artdeco-modal__confirm-dialog-btn artdeco-button artdeco-button--primary' }
      : { class: '_a92f artdeco-button', 'aria-label': W.labels[i] }, el('span', {}, W.withdraw));
    const dismiss = el('button', { class: 'artdeco-button', 'aria-label': W.dismiss }, '×');
    cancel.addEventListener('click', close);
    dismiss.addEventListener('click', close);
    ok.addEventListener('click', () => {
      close();
      // LinkedIn takes a moment to answer before the row goes.
      setTimeout(() => {
        li.remove();
        left--;
        tab.textContent = W.people + ' (' + left.toLocaleString('en-US') + ')';
        fixture.withdrawn.push(data.rows[i].slug);
        const toast = el('div', { class: 'toast', role: 'alert' }, W.toast);
        (data.layout === 'legacy' ? document.body : shadow).append(toast);
        setTimeout(() => toast.remove(), 1500);
      }, 400);
    });
    let layer;
    if (data.layout === 'legacy') {
      layer = el('div', { class: 'artdeco-modal-overlay' },
        el('div', { class: 'artdeco-modal artdeco-modal--layer-confirmation', role: 'alertdialog', 'aria-labelledby': 'dialog-header' },
          dismiss, el('h2', { id: 'dialog-header' }, W.dialogTitle), el('p', {}, W.texts[i]),
          el('div', { class: 'artdeco-modal__actionbar' }, cancel, ok)));
      document.body.append(layer);
    } else {
      layer = el('div', { class: 'overlay' },
        el('div', { role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'dlg-title', class: '_7d1e' },
          dismiss, el('h2', { id: 'dlg-title' }, W.dialogTitle), el('p', {}, W.texts[i]),
          el('div', { class: '_c3b0' }, cancel, ok)));
      shadow.append(layer);
    }
    (data.layout === 'legacy' ? ok : cancel).focus();
  }

  function row(i) {
    const r = data.rows[i];
    const url = 'https://www.linkedin.com/in/' + r.slug + '/';
    let li;
    if (data.layout === 'legacy') {
      const button = el('button', { class: 'invitation-card__action-btn artdeco-button artdeco-button--muted artdeco-button--3 artdeco-button--tertiary ember-view', 'aria-label': W.labels[i] }, el('span', { class: 'artdeco-button__text' }, W.withdraw));
      li = el('li', { class: 'invitation-card artdeco-list__item ember-view' },
        el('div', { class: 'invitation-card__container' },
          el('a', { class: 'invitation-card__picture', href: '/in/' + r.slug + '/' }, el('img', { src: r.avatar, width: '56', height: '56', alt: r.name })),
          el('div', { class: 'invitation-card__details' },
            el('a', { class: 'invitation-card__link ember-view', href: '/in/' + r.slug + '/' },
              el('span', { class: 'invitation-card__title t-16 t-black t-bold' }, r.name),
              el('span', { class: 'invitation-card__subtitle t-14 t-black--light t-normal' }, r.headline)),
            el('time', { class: 'time-badge time-ago t-12 t-black--light t-normal' }, r.age))),
        el('div', { class: 'invitation-card__action-container' }, button));
      button.addEventListener('click', () => confirmDialog(i, li));
    } else {
      const withdraw = el('a', { href: '#', role: 'button', class: 'withdraw _e0a7', 'aria-label': W.labels[i], 'data-view-name': 'sent-invitations-withdraw-single' }, el('span', {}, W.withdraw));
      li = el('li', { class: '_9b4f1' },
        el('div', { class: 'row _1f0c2', 'data-view-name': 'sent-invitation-card' },
          el('a', { href: url, 'aria-label': r.name, class: '_0d3e' }, el('img', { src: r.avatar, width: '56', height: '56', alt: '' })),
          el('div', { class: 'text _6a21' },
            el('a', { href: url, class: '_41fa' }, el('p', { class: 'name' }, el('span', { 'aria-hidden': 'true' }, r.name))),
            el('p', { class: 'headline _2b1d' }, r.headline),
            el('p', { class: 'age _8c7e' }, r.age)),
          withdraw));
      withdraw.addEventListener('click', (e) => { e.preventDefault(); confirmDialog(i, li); });
    }
    return li;
  }

  let more = null;
  function show(count) {
    const end = Math.min(data.rows.length, fixture.shown + count);
    for (let i = fixture.shown; i < end; i++) list.append(row(i));
    fixture.shown = end;
    if (fixture.shown < data.rows.length && !more) {
      more = el('button', { class: 'more artdeco-button', type: 'button' }, W.loadMore);
      more.addEventListener('click', () => setTimeout(() => show(data.pageSize), 200));
      list.after(more);
    } else if (fixture.shown >= data.rows.length && more) {
      more.remove();
      more = null;
    }
  }
  show(data.pageSize);
})();
`;
