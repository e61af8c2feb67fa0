import { describe, expect, it } from 'vitest';
import {
  type AgeLanguage,
  ageLanguageOf,
  englishAge,
  looksLikeAge,
  readAge,
  readTotal,
} from '../../extension/src/ages.ts';
import { sentAgeRange } from '../../src/sources/index.ts';

/**
 * The companion's age phrases in five languages, each turned into the English phrase the server's
 * Sent-page reader reads to the same range of days; an unknown language is not guessed.
 */

const NOW = Date.parse('2026-11-21T08:30:00Z');
const DAY = 24 * 60 * 60 * 1000;
const NB = '\u00a0';

describe('the page language', () => {
  it.each([
    ['en', 'en'],
    ['en-US', 'en'],
    ['fr-FR', 'fr'],
    ['de_DE', 'de'],
    ['ES', 'es'],
    ['pt-BR', 'pt'],
    ['it', null],
    ['', null],
    [null, null],
  ])('%s -> %s', (lang, expected) => {
    expect(ageLanguageOf(lang)).toBe(expected);
  });
});

describe('age phrases', () => {
  it.each<[AgeLanguage, string, string]>([
    ['en', 'Sent today', 'Sent today'],
    ['en', 'Sent yesterday', 'Sent yesterday'],
    ['en', `Sent 3${NB}weeks ago`, 'Sent 3 weeks ago'],
    ['en', 'Sent a month ago', 'Sent 1 month ago'],
    ['en', 'Sent 5 hours ago', 'Sent 5 hours ago'],
    ['en', 'Sent 1 year ago', 'Sent 1 year ago'],
    ['en', '2 days ago', 'Sent 2 days ago'],
    ['fr', 'Envoyée aujourd’hui', 'Sent today'],
    ['fr', 'Envoyé hier', 'Sent yesterday'],
    ['fr', `Envoyée il y a 3${NB}semaines`, 'Sent 3 weeks ago'],
    ['fr', 'Envoyée il y a une semaine', 'Sent 1 week ago'],
    ['fr', 'Envoyée il y a un mois', 'Sent 1 month ago'],
    ['fr', `Envoyée il y a 4\u202fmois`, 'Sent 4 months ago'],
    ['fr', 'Envoyée il y a 2 ans', 'Sent 2 years ago'],
    ['de', 'Gesendet vor 3 Wochen', 'Sent 3 weeks ago'],
    ['de', 'Vor einem Monat gesendet', 'Sent 1 month ago'],
    ['de', 'Heute gesendet', 'Sent today'],
    ['de', 'Gestern gesendet', 'Sent yesterday'],
    ['de', 'Gesendet vor 5 Tagen', 'Sent 5 days ago'],
    ['es', 'Enviada hace 3 semanas', 'Sent 3 weeks ago'],
    ['es', 'Enviado hoy', 'Sent today'],
    ['es', 'Enviada ayer', 'Sent yesterday'],
    ['es', 'Enviada hace un mes', 'Sent 1 month ago'],
    ['es', 'Enviada hace 2 años', 'Sent 2 years ago'],
    ['pt', 'Enviado há 3 semanas', 'Sent 3 weeks ago'],
    ['pt', 'Enviado hoje', 'Sent today'],
    ['pt', 'Enviado ontem', 'Sent yesterday'],
    ['pt', 'Enviado há um mês', 'Sent 1 month ago'],
    ['pt', 'Enviado há 6 dias', 'Sent 6 days ago'],
  ])('%s "%s" is "%s", read by the server as the same range', (lang, text, english) => {
    const age = readAge(text, lang);
    expect(age).not.toBeNull();
    expect(englishAge(age!)).toBe(english);
    expect(looksLikeAge(text, lang)).toBe(true);
    expect(sentAgeRange(englishAge(age!), NOW)).not.toBeNull();
  });

  it('gives the server the range LinkedIn means: "il y a 3 semaines" is 21 to 27 days', () => {
    const range = sentAgeRange(englishAge(readAge('Envoyée il y a 3 semaines', 'fr')!), NOW)!;
    expect((NOW - range.sentAtLatest) / DAY).toBe(21);
    expect(Math.round((NOW - range.sentAtEarliest) / DAY)).toBe(28);
  });

  it.each<[AgeLanguage, string]>([
    ['en', 'Head of Growth at Northwind Labs'],
    ['en', 'Building tomorrow, today'],
    ['en', 'Sent 3 weeks ago'.replace('Sent', 'Envoyée')],
    ['fr', 'Sent 3 weeks ago'],
    ['de', 'Enviada hace 3 semanas'],
    ['en', 'Withdraw'],
  ])('%s: "%s" is not an age', (lang, text) => {
    expect(readAge(text, lang)).toBeNull();
  });

  it.each<[AgeLanguage, string]>([
    ['en', 'Sent three weeks ago'],
    ['fr', 'Envoyée il y a quelques jours'],
    ['de', 'Gesendet am 3. März'],
  ])('%s: "%s" is meant as an age but cannot be read: said, not guessed', (lang, text) => {
    expect(readAge(text, lang)).toBeNull();
    expect(looksLikeAge(text, lang)).toBe(true);
  });
});

describe('the People tab total', () => {
  it.each([
    ['People (1,100)', 1100],
    [`Personnes (1${NB}100)`, 1100],
    ['Personen (1.100)', 1100],
    ['Pessoas (34)', 34],
    ['People', null],
    ['Pages (3)', null],
  ])('%s -> %s', (text, n) => {
    expect(readTotal(text)).toBe(n);
  });
});
