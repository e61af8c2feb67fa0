import { useEffect, useState } from 'react';
import { ApiError, apiRequest, onUnauthorized } from './api.ts';
import { adoptTokenFromUrl, getToken } from './auth.ts';
import { ErrorNotice } from './components/ErrorNotice.tsx';
import { TokenPrompt } from './components/TokenPrompt.tsx';
import { setDisplayZone } from './format.ts';
import { AccountContext, CanWriteContext } from './hooks.ts';
import { ImportPage } from './pages/ImportPage.tsx';
import { InvitationsPage } from './pages/InvitationsPage.tsx';
import { OverviewPage } from './pages/OverviewPage.tsx';
import { TargetsPage } from './pages/TargetsPage.tsx';
import { WithdrawalsPage } from './pages/WithdrawalsPage.tsx';
import { navigate, PAGES, type PagePath, usePath } from './router.ts';
import type { Accounts, Settings } from './types.ts';

const ACCOUNT_KEY = 'invitekeeper.account';

export function App() {
  const [hasToken, setHasToken] = useState(() => getToken() !== null);
  const [accounts, setAccounts] = useState<Accounts | null>(null);
  const [accountsError, setAccountsError] = useState<ApiError | null>(null);
  const [account, setAccount] = useState<string | null>(null);
  const path = usePath();

  useEffect(() => onUnauthorized(() => setHasToken(false)), []);

  // The token link pasted into this tab's address bar changes only the fragment (no reload): take it.
  useEffect(() => {
    const adopt = () => {
      adoptTokenFromUrl();
      if (getToken() !== null) setHasToken(true);
    };
    window.addEventListener('hashchange', adopt);
    return () => window.removeEventListener('hashchange', adopt);
  }, []);

  useEffect(() => {
    if (!hasToken) return;
    apiRequest<Accounts>('/api/accounts', null).then(
      (a) => {
        setAccounts(a);
        setAccountsError(null);
        const remembered = sessionStorage.getItem(ACCOUNT_KEY);
        const chosen = a.accounts.some((x) => x.name === remembered) ? remembered : a.defaultAccount;
        setAccount(chosen ?? a.defaultAccount);
      },
      (e: unknown) => setAccountsError(e instanceof ApiError ? e : new ApiError(0, 'INTERNAL', String(e))),
    );
  }, [hasToken]);

  useEffect(() => {
    const page = PAGES.find((p) => p.path === path);
    document.title = page && page.path !== '/' ? `${page.label} · invitekeeper` : 'invitekeeper';
  }, [path]);

  // Times are shown in the account's zone: every page re-renders once it is known.
  const [zone, setZone] = useState<string | null>(null);
  useEffect(() => {
    if (!account) return;
    apiRequest<Settings>('/api/settings', account).then(
      (s) => {
        setDisplayZone(s.timezone);
        setZone(s.timezone);
      },
      () => {
        setDisplayZone(undefined);
        setZone('');
      },
    );
  }, [account]);

  const chooseAccount = (name: string) => {
    sessionStorage.setItem(ACCOUNT_KEY, name);
    setAccount(name);
  };

  return (
    <AccountContext.Provider value={account}>
      <CanWriteContext.Provider value={accounts?.caller.canWrite ?? true}>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="app-header">
          <div className="app-header__inner">
            <a
              className="brand"
              href="/"
              onClick={(e) => {
                e.preventDefault();
                navigate('/');
              }}
            >
              <svg className="brand__mark" viewBox="0 0 32 32" aria-hidden="true">
                <rect width="32" height="32" rx="7" fill="#0f766e" />
                <path
                  d="M9 17.5l4.5 4.5L23 11"
                  fill="none"
                  stroke="#fff"
                  strokeWidth="3.2"
                  strokeLinecap="round"
                  strokeLinejoin="round"
                />
              </svg>
              invitekeeper
            </a>
            {accounts?.caller.user && (
              <p className="signed-in" data-testid="signed-in">
                {accounts.caller.user}
                {accounts.caller.role && <span className="signed-in__role">{accounts.caller.role}</span>}
                {!accounts.caller.canWrite && <span className="muted small"> · read only</span>}
              </p>
            )}
            {accounts && (accounts.accounts.length > 1 || accounts.caller.user !== null) && account && (
              <label className="account-switch">
                <span className="account-switch__label">Account</span>
                <select value={account} onChange={(e) => chooseAccount(e.target.value)}>
                  {accounts.accounts.map((a) => (
                    <option key={a.name} value={a.name}>
                      {a.name}
                    </option>
                  ))}
                </select>
              </label>
            )}
          </div>
          <nav className="app-nav" aria-label="Pages">
            <ul>
              {PAGES.map((p) => (
                <li key={p.path}>
                  <a
                    href={p.path}
                    aria-current={p.path === path ? 'page' : undefined}
                    onClick={(e) => {
                      if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
                      e.preventDefault();
                      navigate(p.path);
                    }}
                  >
                    {p.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main id="main" className="app-main" tabIndex={-1}>
          {!hasToken ? (
            <TokenPrompt onToken={() => setHasToken(true)} />
          ) : accountsError ? (
            <ErrorNotice error={accountsError} />
          ) : account === null || zone === null ? (
            <p className="muted" aria-live="polite">
              Loading…
            </p>
          ) : (
            <Page path={path} key={`${account}:${path}`} />
          )}
        </main>
      </CanWriteContext.Provider>
    </AccountContext.Provider>
  );
}

function Page({ path }: { path: PagePath }) {
  switch (path) {
    case '/':
      return <OverviewPage />;
    case '/withdrawals':
      return <WithdrawalsPage />;
    case '/invitations':
      return <InvitationsPage />;
    case '/targets':
      return <TargetsPage />;
    case '/import':
      return <ImportPage />;
  }
}
