/**
 * The Sent page's age phrases ("Sent 3 weeks ago", "Envoyée il y a 3 semaines") in the languages the
 * companion reads, taken from the page's `lang`. Each is turned into the English phrase the
 * server's Sent-page reader knows, which does the arithmetic (an age is a range of days there), so
 * the extension and `import --sent-page` can never disagree about what an age means. A language
 * outside this list is said, never guessed. Pure: no DOM.
 */

export const AGE_LANGUAGES = ['en', 'fr', 'de', 'es', 'pt'] as const;
export type AgeLanguage = (typeof AGE_LANGUAGES)[number];

export const LANGUAGE_NAMES: Record<AgeLanguage, string> = {
  en: 'English',
  fr: 'French',
  de: 'German',
  es: 'Spanish',
  pt: 'Portuguese',
};

type Unit = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

/** An age as the page says it. */
export type Age =
  | { kind: 'now' }
  | { kind: 'today' }
  | { kind: 'yesterday' }
  | { kind: 'ago'; count: number; unit: Unit };

interface LanguageWords {
  /** The word that says "sent" ("Sent", "Envoyée", "Gesendet"), before or after the phrase. */
  sent: string;
  today: string;
  yesterday: string;
  now: string;
  /** "N units ago" with the count and unit as named groups n and u. */
  ago: string;
  /** "one" / "a" in the language (the count of "a week ago"). */
  one: string;
  units: Record<string, Unit>;
}

const unitMap = (entries: Array<[Unit, string[]]>): Record<string, Unit> => {
  const out: Record<string, Unit> = {};
  for (const [unit, words] of entries) for (const w of words) out[w] = unit;
  return out;
};

const WORDS: Record<AgeLanguage, LanguageWords> = {
  en: {
    sent: 'sent',
    today: 'today',
    yesterday: 'yesterday',
    now: 'just now|a moment ago|moments ago',
    ago: '(?<n>\\d{1,4}|an?|one)\\s*(?<u>[a-z]+)\\s+ago',
    one: 'a|an|one',
    units: unitMap([
      ['minute', ['minute', 'minutes', 'min', 'mins', 'm']],
      ['hour', ['hour', 'hours', 'hr', 'hrs', 'h']],
      ['day', ['day', 'days', 'd']],
      ['week', ['week', 'weeks', 'wk', 'wks', 'w']],
      ['month', ['month', 'months', 'mo', 'mos']],
      ['year', ['year', 'years', 'yr', 'yrs', 'y']],
    ]),
  },
  fr: {
    sent: 'envoy[ée]e?s?',
    today: "aujourd'hui",
    yesterday: 'hier',
    now: "à l'instant|il y a un instant",
    ago: 'il y a\\s+(?<n>\\d{1,4}|une?)\\s*(?<u>[a-zéû]+)',
    one: 'un|une',
    units: unitMap([
      ['minute', ['minute', 'minutes', 'min', 'mn']],
      ['hour', ['heure', 'heures', 'h']],
      ['day', ['jour', 'jours', 'j']],
      ['week', ['semaine', 'semaines', 'sem']],
      ['month', ['mois']],
      ['year', ['an', 'ans', 'année', 'années']],
    ]),
  },
  de: {
    sent: 'gesendet|versendet|verschickt',
    today: 'heute',
    yesterday: 'gestern',
    now: 'gerade eben|soeben',
    ago: 'vor\\s+(?<n>\\d{1,4}|einer|einem|ein)\\s*(?<u>[a-zäöü]+)',
    one: 'ein|einer|einem',
    units: unitMap([
      ['minute', ['minute', 'minuten', 'min']],
      ['hour', ['stunde', 'stunden', 'std']],
      ['day', ['tag', 'tagen', 'tage']],
      ['week', ['woche', 'wochen']],
      ['month', ['monat', 'monaten', 'monate']],
      ['year', ['jahr', 'jahren', 'jahre']],
    ]),
  },
  es: {
    sent: 'enviad[ao]s?',
    today: 'hoy',
    yesterday: 'ayer',
    now: 'ahora mismo|hace un momento',
    ago: 'hace\\s+(?<n>\\d{1,4}|una?|uno)\\s*(?<u>[a-záéíóúñ]+)',
    one: 'un|una|uno',
    units: unitMap([
      ['minute', ['minuto', 'minutos', 'min']],
      ['hour', ['hora', 'horas', 'h']],
      ['day', ['día', 'días', 'dia', 'dias']],
      ['week', ['semana', 'semanas', 'sem']],
      ['month', ['mes', 'meses']],
      ['year', ['año', 'años']],
    ]),
  },
  pt: {
    sent: 'enviad[ao]s?',
    today: 'hoje',
    yesterday: 'ontem',
    now: 'agora mesmo|agora',
    ago: 'h[áa]\\s+(?<n>\\d{1,4}|uma?)\\s*(?<u>[a-zêãç]+)',
    one: 'um|uma',
    units: unitMap([
      ['minute', ['minuto', 'minutos', 'min']],
      ['hour', ['hora', 'horas', 'h']],
      ['day', ['dia', 'dias']],
      ['week', ['semana', 'semanas', 'sem']],
      ['month', ['mês', 'mes', 'meses']],
      ['year', ['ano', 'anos']],
    ]),
  },
};

/** The language of a page from its `lang` attribute ("fr-FR", "pt_BR"); null when it is not one read here. */
export function ageLanguageOf(lang: string | null | undefined): AgeLanguage | null {
  const primary = (lang ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return (AGE_LANGUAGES as readonly string[]).includes(primary) ? (primary as AgeLanguage) : null;
}

/** Text as the page shows it, for matching: non-breaking and thin spaces as spaces, curly apostrophes straight. */
export function tidyText(text: string): string {
  return text
    .replace(/[\u00a0\u2007\u202f\u2009\u200a]/g, ' ')
    .replace(/[\u200b\u200e\u200f\u2060]/g, '')
    .replace(/[\u2019\u02bc]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

const compiled = new Map<AgeLanguage, { age: RegExp; ageLike: RegExp }>();

function patterns(lang: AgeLanguage): { age: RegExp; ageLike: RegExp } {
  const hit = compiled.get(lang);
  if (hit) return hit;
  const w = WORDS[lang];
  const dayWord = `(?<today>${w.today})|(?<yesterday>${w.yesterday})|(?<now>${w.now})`;
  // "Sent 3 weeks ago", "3 weeks ago", "Vor 3 Wochen gesendet", "Heute gesendet", "Enviado hoy".
  const age = new RegExp(
    `^(?:(?:${w.sent})\\s+)?(?:(?:${dayWord})|${w.ago})(?:\\s+(?:${w.sent}))?\\.?$`,
    'iu',
  );
  // A line meant as an age, readable or not: the word for "sent" with something after or before it.
  const ageLike = new RegExp(`^(?:${w.sent})\\s+\\S|\\S\\s+(?:${w.sent})\\.?$`, 'iu');
  const out = { age, ageLike };
  compiled.set(lang, out);
  return out;
}

/** Reads an age phrase of `lang`; null when the text is not one (or not one this reader knows). */
export function readAge(text: string, lang: AgeLanguage): Age | null {
  const t = tidyText(text).toLowerCase();
  const m = patterns(lang).age.exec(t);
  if (!m?.groups) return null;
  const g = m.groups;
  if (g.today) return { kind: 'today' };
  if (g.yesterday) return { kind: 'yesterday' };
  if (g.now) return { kind: 'now' };
  const words = WORDS[lang];
  const unit = Object.hasOwn(words.units, g.u ?? '') ? words.units[g.u!] : undefined;
  if (!unit || g.n === undefined) return null;
  const count = /^\d+$/.test(g.n) ? Number(g.n) : new RegExp(`^(?:${words.one})$`, 'i').test(g.n) ? 1 : null;
  if (count === null) return null;
  return { kind: 'ago', count, unit };
}

/** Whether a line is meant as an age ("Sent …"), whether or not readAge can read it. */
export function looksLikeAge(text: string, lang: AgeLanguage): boolean {
  const t = tidyText(text).toLowerCase();
  return patterns(lang).ageLike.test(t) || patterns(lang).age.test(t);
}

/** The English phrase the server's Sent-page reader knows for an age. */
export function englishAge(age: Age): string {
  switch (age.kind) {
    case 'now':
      return 'Sent just now';
    case 'today':
      return 'Sent today';
    case 'yesterday':
      return 'Sent yesterday';
    case 'ago':
      return `Sent ${age.count} ${age.unit}${age.count === 1 ? '' : 's'} ago`;
  }
}

/** The verb of LinkedIn's Withdraw button and its dialog's confirm, per language. */
export const WITHDRAW_WORDS: Record<AgeLanguage, RegExp> = {
  en: /^withdraw\b/i,
  fr: /^retirer\b/i,
  de: /^zurückziehen\b|\bzurückziehen$/i,
  es: /^retirar\b/i,
  pt: /^retirar\b/i,
};

/**
 * The accessible name of a row's withdraw control, naming the person ("Withdraw invitation sent to
 * Jane Doe"); group 1 is the name.
 */
export const WITHDRAW_LABELS: Record<AgeLanguage, RegExp> = {
  en: /^withdraw invitation sent to (.+)$/i,
  fr: /^retirer l'invitation envoyée à (.+)$/i,
  de: /^einladung an (.+?) zurückziehen$/i,
  es: /^retirar (?:la )?invitación enviada a (.+)$/i,
  pt: /^retirar (?:o )?convite enviado (?:para|a) (.+)$/i,
};

/** "Load more" and its kin, which say the list goes on. */
export const LOAD_MORE_WORDS =
  /^(?:load more|show more(?: results)?|see more|afficher plus|charger plus|voir plus|mehr anzeigen|mehr laden|weitere anzeigen|cargar más|mostrar más|ver más|carregar mais|mostrar mais|ver mais)$/i;

/** The tab with the total: "People (1,100)", "Personnes (1 100)", "Personen (1.100)". */
export const PEOPLE_TOTAL = /^(?:people|personnes|personen|personas|pessoas)\s*\(\s*(\d[\d\s.,']*)\s*\)$/i;

/** The total of the People tab from its text; null when the text is not that tab's. */
export function readTotal(text: string): number | null {
  const m = PEOPLE_TOTAL.exec(tidyText(text));
  if (!m) return null;
  const digits = m[1]!.replace(/\D/g, '');
  return digits ? Number(digits) : null;
}
