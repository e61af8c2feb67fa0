const number = new Intl.NumberFormat('en-US');

export function formatCount(n: number): string {
  return number.format(n);
}

export function formatPercent(rate: number | null, digits = 0): string {
  if (rate === null) return 'n/a';
  return `${(rate * 100).toFixed(digits)}%`;
}

/**
 * The time zone dates and times are shown in: the account's (its `timezone` setting, which starts
 * as the zone of the machine the account was made on), once the page knows it; until then the
 * browser's own.
 */
let displayZone: string | undefined;

export function setDisplayZone(zone: string | undefined): void {
  try {
    // an unknown zone would make every date throw: keep the browser's then
    if (zone) new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    displayZone = zone;
  } catch {
    displayZone = undefined;
  }
}

/** "26 Nov 2026" in the account's time zone. */
export function formatDate(iso: string): string {
  const d = new Date(iso);
  return d.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: displayZone,
  });
}

/** "26 Nov, 09:00 CET" in the account's time zone, with the zone's short name. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  const day = d.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: displayZone });
  const time = d.toLocaleTimeString('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: displayZone,
    timeZoneName: 'short',
  });
  return `${day}, ${time}`;
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

/**
 * A message from the rules without the command lines it suggests (`invitekeeper plan`), which mean
 * nothing in a browser: the page offers the same as links and buttons.
 */
export function withoutCommands(message: string): string {
  return message
    .replace(/\s*\((?:see |run )?`invitekeeper [^`]*`\)/g, '')
    .replace(/[:,;]?\s*(?:run |say so with |see )?`invitekeeper [^`]*`(?:\s*\(or no\))?/gi, '')
    .replace(/\s+([.,;])/g, '$1')
    .trim();
}
