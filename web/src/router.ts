import { useSyncExternalStore } from 'react';

/** The dashboard's pages; the server answers every one of these paths with the page. */
export const PAGES = [
  { path: '/', label: 'Overview' },
  { path: '/withdrawals', label: 'Withdrawals' },
  { path: '/invitations', label: 'Invitations' },
  { path: '/targets', label: 'Targets & notes' },
  { path: '/import', label: 'Import' },
] as const;
export type PagePath = (typeof PAGES)[number]['path'];

const listeners = new Set<() => void>();
window.addEventListener('popstate', () => {
  for (const l of listeners) l();
});

export function navigate(path: string): void {
  if (path === window.location.pathname) return;
  window.history.pushState(null, '', path + window.location.search);
  for (const l of listeners) l();
  window.scrollTo(0, 0);
}

export function usePath(): PagePath {
  const path = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => window.location.pathname,
  );
  return (PAGES.find((p) => p.path === path)?.path ?? '/') as PagePath;
}
