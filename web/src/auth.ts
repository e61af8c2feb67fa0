/**
 * The token `invitekeeper serve` prints arrives in the URL's fragment (#token=...), which browsers
 * never send to a server or put in a Referer. The page moves it to sessionStorage (gone when the tab
 * closes) and removes it from the address bar so it is not bookmarked or shared by accident.
 */
const KEY = 'invitekeeper.token';

export function adoptTokenFromUrl(): void {
  const match = window.location.hash.match(/(?:^#|&)token=([^&]+)/);
  if (!match?.[1]) return;
  try {
    sessionStorage.setItem(KEY, decodeURIComponent(match[1]));
  } finally {
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
  }
}

export function getToken(): string | null {
  return sessionStorage.getItem(KEY);
}

export function setToken(token: string): void {
  sessionStorage.setItem(KEY, token.trim());
}

export function clearToken(): void {
  sessionStorage.removeItem(KEY);
}
