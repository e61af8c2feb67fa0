/**
 * The background worker: the only part of the companion that knows the token and the only one that
 * makes requests, all of them to the paired server on 127.0.0.1 (the manifest grants no other
 * host). It answers the content script of the Sent page and the options page, nobody else.
 */
import {
  type Answer,
  type Answers,
  type Failure,
  isRequest,
  type Request,
  type SyncReport,
  type WithdrawalReport,
} from './messages.ts';
import { asPairing, PAIRING_KEY, type Pairing } from './pairing.ts';
import type { PendingView, PlanView, ServerView } from './verdicts.ts';

const SENT_PAGE = 'https://www.linkedin.com/mynetwork/invitation-manager/sent/';
/** Pending invitations read for the row marks: 500 a request, at most 20 requests. */
const PENDING_PAGE = 500;
const PENDING_PAGES = 20;
const TIMEOUT_MS = 15_000;

// The token stays with the extension's own pages and this worker: content scripts may not read it.
void chrome.storage.local.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => {});

async function pairing(): Promise<Pairing | null> {
  const stored = await chrome.storage.local.get(PAIRING_KEY);
  return asPairing(stored[PAIRING_KEY]);
}

/** One request to the paired server, its JSON answer or why there is none. */
async function call<T>(
  p: Pairing,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<Answer<T>> {
  let res: Response;
  try {
    res = await fetch(`${p.origin}${path}`, {
      method: init.method ?? 'GET',
      headers: {
        authorization: `Bearer ${p.token}`,
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch {
    return { ok: false, reason: 'away', origin: p.origin };
  }
  if (res.status === 401) return { ok: false, reason: 'refused', origin: p.origin };
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // not JSON: said below by the status
  }
  if (!res.ok) {
    const message =
      (body as { error?: { message?: unknown } } | null)?.error?.message ??
      `the server answered ${res.status}`;
    return { ok: false, reason: 'error', origin: p.origin, status: res.status, message: String(message) };
  }
  return { ok: true, value: body as T };
}

async function view(p: Pairing): Promise<Answer<ServerView>> {
  const [plan, settings] = await Promise.all([
    call<PlanView>(p, '/api/plan'),
    call<{ staleAfterDays: number }>(p, '/api/settings'),
  ]);
  if (!plan.ok) return plan;
  if (!settings.ok) return settings;
  const pending: PendingView[] = [];
  let offset: number | null = 0;
  for (let i = 0; i < PENDING_PAGES && offset !== null; i++) {
    const page: Answer<{ invitations: PendingView[]; nextOffset: number | null }> = await call(
      p,
      `/api/invitations?status=pending&order=newest&limit=${PENDING_PAGE}&offset=${offset}`,
    );
    if (!page.ok) return page;
    for (const inv of page.value.invitations)
      pending.push({ name: inv.name, profileUrl: inv.profileUrl, ageDays: inv.ageDays, stale: inv.stale });
    offset = page.value.nextOffset;
  }
  return {
    ok: true,
    value: {
      plan: plan.value,
      pending,
      pendingComplete: offset === null,
      staleAfterDays: settings.value.staleAfterDays,
      origin: p.origin,
    },
  };
}

async function handle(request: Request): Promise<Answers[Request['type']]> {
  const p = await pairing();
  if (request.type === 'open-options') {
    await chrome.runtime.openOptionsPage();
    return { ok: true, value: null };
  }
  if (!p) return { ok: false, reason: 'unpaired' } satisfies Failure;
  // A page that started with one server never writes to another (the member re-paired meanwhile).
  if ((request.type === 'sync' || request.type === 'withdrawn') && request.origin !== p.origin)
    return { ok: false, reason: 'repaired', origin: request.origin } satisfies Failure;
  switch (request.type) {
    case 'view':
      return view(p);
    case 'check':
      return call<Answers['check'] extends Answer<infer T> ? T : never>(p, '/api/settings');
    case 'sync':
      return call<SyncReport>(p, '/api/import/sent-page', {
        method: 'POST',
        body: {
          text: request.html,
          asOf: request.asOf,
          ...(request.skipBadRows ? { skipBadRows: true } : {}),
        },
      });
    case 'withdrawn':
      return call<WithdrawalReport>(p, '/api/withdrawals', {
        method: 'POST',
        body: { people: [request.person] },
      });
    case 'open-dashboard':
      // The token goes in the new tab's address, which the dashboard reads and clears; never into a page.
      await chrome.tabs.create({ url: `${p.origin}/#token=${p.token}` });
      return { ok: true, value: null };
  }
}

/** Our own content script on the Sent page, or our own options page; nothing else is answered. */
function trusted(sender: chrome.runtime.MessageSender): boolean {
  if (sender.id !== chrome.runtime.id) return false;
  const url = sender.url ?? sender.tab?.url ?? '';
  return url.startsWith(SENT_PAGE) || url.startsWith(chrome.runtime.getURL(''));
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (!trusted(sender) || !isRequest(message)) return undefined;
  handle(message).then(sendResponse, (error: unknown) =>
    sendResponse({
      ok: false,
      reason: 'error',
      origin: '',
      status: 0,
      message: String(error),
    } satisfies Failure),
  );
  return true;
});

chrome.action.onClicked.addListener(() => {
  void chrome.runtime.openOptionsPage();
});
