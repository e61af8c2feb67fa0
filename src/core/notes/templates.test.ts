import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  findVariables,
  type NoteSubject,
  personalDetails,
  renderTemplate,
  variableKey,
} from './templates.ts';

const jane: NoteSubject = {
  name: 'Jane  Ann Doe',
  company: 'Acme',
  headline: 'Head of Data at Acme',
  relation: 'alumni',
  mutualConnections: 12,
  custom: { 'Met at': 'KubeCon', topic: 'eBPF', empty: '  ' },
};

describe('renderTemplate', () => {
  it.each([
    ['{firstName}', 'Jane', []],
    ['{lastName}', 'Ann Doe', []],
    ['{company}', 'Acme', []],
    ['{headline}', 'Head of Data at Acme', []],
    ['{relation}', 'fellow alum', []],
    ['{mutualCount}', '12', []],
    ['{topic}', 'eBPF', []],
    ['{Met at}', 'KubeCon', []],
    ['{metAt}', 'KubeCon', []],
    ['{first_name} / {FIRST NAME} / { firstName }', 'Jane / Jane / Jane', []],
    ['{empty}', '{empty}', ['empty']],
    ['{nope} and {nope} and {other}', '{nope} and {nope} and {other}', ['nope', 'other']],
    ['no variables', 'no variables', []],
    ['{} and { } stay', '{} and { } stay', []],
  ])('%s -> %s', (body, text, unfilled) => {
    expect(renderTemplate(body, jane)).toEqual({ text, unfilled });
  });

  it.each([
    ['colleague', 'colleague'],
    ['alumni', 'fellow alum'],
    ['industry-peer', 'industry peer'],
    ['other', 'fellow professional'],
  ] as const)('relation %s reads as "%s"', (relation, words) => {
    expect(renderTemplate('{relation}', { name: 'X', relation }).text).toBe(words);
  });

  it('reports every built-in a sparse subject lacks, and keeps it visible', () => {
    const r = renderTemplate(
      'Hi {firstName} {lastName} of {company} ({headline}), {relation}, {mutualCount}',
      {
        name: '',
      },
    );
    expect(r.unfilled).toEqual(['firstName', 'lastName', 'company', 'headline', 'relation', 'mutualCount']);
    expect(r.text).toBe('Hi {firstName} {lastName} of {company} ({headline}), {relation}, {mutualCount}');
  });

  it('takes 0 mutual connections as a value and null as none', () => {
    expect(renderTemplate('{mutualCount}', { name: 'A', mutualConnections: 0 }).text).toBe('0');
    expect(renderTemplate('{mutualCount}', { name: 'A', mutualConnections: null }).unfilled).toEqual([
      'mutualCount',
    ]);
  });

  it('extra variables win over built-ins and custom fields', () => {
    expect(renderTemplate('{company} {myName}', jane, { company: 'Other', myName: 'Sam' }).text).toBe(
      'Other Sam',
    );
  });

  it('never lets a value look like a variable or run over lines', () => {
    const r = renderTemplate('Hi {firstName} at {company}', { name: 'Jo', company: '{evil}\nCorp' });
    expect(r).toEqual({ text: 'Hi Jo at evil Corp', unfilled: [] });
  });
});

describe('findVariables and variableKey', () => {
  it('finds tokens with offsets', () => {
    expect(findVariables('Hi {firstName}, {Met at}!')).toEqual([
      { name: 'firstName', start: 3, end: 14 },
      { name: 'Met at', start: 16, end: 24 },
    ]);
  });
  it('ignores case, spaces, underscores and dashes', () => {
    expect(variableKey('First_Name')).toBe(variableKey('first-name'));
    expect(variableKey('Met at')).toBe('metat');
  });
});

describe('personalDetails', () => {
  it('lists names, company, headline and custom values, dropping blanks and one-letter values', () => {
    expect(personalDetails({ name: 'J Doe', company: 'Acme', custom: { a: '  ', b: 'Rust' } })).toEqual([
      'Doe',
      'Acme',
      'Rust',
    ]);
  });
});

describe('renderTemplate (properties)', () => {
  const word = fc.stringMatching(/^[A-Za-z]{1,8}$/);
  it('leaves no brace except around the variables it reports', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(word, fc.constantFrom('{firstName}', '{company}', '{x}', '{topic}', ' ', ', ')), {
          maxLength: 20,
        }),
        fc.record({
          name: fc.oneof(
            fc.constant(''),
            word,
            fc.tuple(word, word).map(([a, b]) => `${a} ${b}`),
          ),
          company: fc.option(fc.string({ maxLength: 10 }), { nil: null }),
          custom: fc.dictionary(fc.constantFrom('topic', 'x'), fc.string({ maxLength: 6 })),
        }),
        (parts, subject) => {
          const r = renderTemplate(parts.join(''), subject);
          const left = findVariables(r.text).map((t) => t.name);
          expect(new Set(left)).toEqual(new Set(r.unfilled));
          const braces = (r.text.match(/[{}]/g) ?? []).length;
          expect(braces).toBe(left.length * 2);
        },
      ),
      { numRuns: 1000, seed: 7 },
    );
  });
});
