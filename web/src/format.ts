const number = new Intl.NumberFormat('en-US');

export function formatCount(n: number): string {
  return number.format(n);
}

export function formatPercent(rate: number | null, digits = 0): string {
  if (rate === null) return 'n/a';
  return `${(rate * 100).toFixed(digits)}%`;
}

/** "26 Nov 2026" in UTC, the way the CLI shows dates. */
export function formatDate(iso: string): string {
  const d = new Date(iso);
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  return `${d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' })}, ${d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' })} UTC`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * A profile link only when it is really LinkedIn's: a stored URL is data, and data never decides
 * where a link goes (no javascript: or look-alike hosts).
 */
export function linkedInHref(url: string | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && (u.hostname === 'www.linkedin.com' || u.hostname === 'linkedin.com')
      ? u.toString()
      : null;
  } catch {
    return null;
  }
}

/** "09:00 their time (Africa/Nairobi)": when a send falls in the recipient's own day. */
export function formatLocalTime(iso: string, timeZone: string): string {
  try {
    const t = new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone });
    return `${t} their time (${timeZone.replace(/_/g, ' ')})`;
  } catch {
    return timeZone;
  }
}
