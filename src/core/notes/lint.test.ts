import { describe, expect, it } from 'vitest';
import { type LintNoteOptions, lintNote, type NoteLintIssue } from './lint.ts';
import type { NoteSubject } from './templates.ts';

const jane: NoteSubject = {
  name: 'Jane Doe',
  company: 'Acme',
  headline: 'Data lead',
  custom: { event: 'KubeCon' },
};
const codes = (issues: NoteLintIssue[]) => issues.map((i) => `${i.level}:${i.code}`);
const personal = 'Hi Jane, great meeting you at KubeCon.';

describe('lintNote', () => {
  it.each<[string, string, LintNoteOptions, string[]]>([
    ['clean personal note', personal, { tier: 'free', target: jane }, []],
    ['clean note, no target to judge detail by', 'Enjoyed your talk on storage.', { tier: 'free' }, []],
    ['empty note', '', { tier: 'free' }, ['warning:EMPTY_NOTE']],
    ['blank note', ' \n ', { tier: 'premium', target: jane }, ['warning:EMPTY_NOTE']],
    ['empty template', '', { tier: 'free', kind: 'template' }, ['error:EMPTY_NOTE']],
    ['201 characters on free', `Jane ${'x'.repeat(196)}`, { tier: 'free' }, ['error:TOO_LONG']],
    ['200 characters on free', `Jane ${'x'.repeat(195)}`, { tier: 'free' }, []],
    ['201 characters on premium', `Jane ${'x'.repeat(196)}`, { tier: 'premium' }, []],
    ['301 characters on premium', `Jane ${'x'.repeat(296)}`, { tier: 'premium' }, ['error:TOO_LONG']],
    [
      'variable left in a note',
      'Hi {firstName}, good to meet you',
      { tier: 'free' },
      ['error:UNFILLED_VARIABLE'],
    ],
    [
      'two variables left in a note',
      'Hi {firstName} of {company}',
      { tier: 'free' },
      ['error:UNFILLED_VARIABLE', 'error:UNFILLED_VARIABLE'],
    ],
    [
      'template with variables',
      'Hi {firstName}, saw you at {event}.',
      { tier: 'free', kind: 'template' },
      [],
    ],
    [
      'template rendered for a target that lacks a value',
      'Hi {firstName}, how is {team}?',
      { tier: 'free', kind: 'template', target: jane },
      ['error:UNFILLED_VARIABLE'],
    ],
    [
      'template too long once rendered',
      `Hi {firstName} {headline} ${'y'.repeat(190)}`,
      { tier: 'free', kind: 'template', target: jane },
      ['error:TOO_LONG'],
    ],
    [
      'template without any variable',
      'Great to connect.',
      { tier: 'free', kind: 'template' },
      ['warning:NO_PERSONAL_DETAIL'],
    ],
    [
      'note mentioning nothing of the target',
      'Great to connect with people in data.',
      { tier: 'free', target: jane },
      ['warning:NO_PERSONAL_DETAIL'],
    ],
    ['company only counts as detail', 'Big fan of what Acme does.', { tier: 'free', target: jane }, []],
    ['custom field value counts as detail', 'See you at kubecon again!', { tier: 'free', target: jane }, []],
    [
      'a name inside another word is no detail',
      'Janet sends regards.',
      { tier: 'free', target: jane },
      ['warning:NO_PERSONAL_DETAIL'],
    ],
  ])('%s', (_label, text, options, expected) => {
    expect(codes(lintNote(text, options))).toEqual(expected);
  });

  it.each([
    "I'd like to add you to my professional network on LinkedIn.",
    "i'd like to add you to my professional network",
    'I’d like to add you to my professional network on LinkedIn!',
    'Id like to add you to my professional network',
    'I would like to add you to my professional network.',
    'I would  like to add you\nto my network',
    'Hi Jane, I would like you to join my network',
    'Please join my professional network on LinkedIn',
    'I want to add you to my LinkedIn network',
    "I'D LIKE TO ADD YOU TO MY PROFESSIONAL NETWORK",
  ])('generic: %j', (text) => {
    const issues = lintNote(text, { tier: 'free' });
    expect(codes(issues)).toContain('warning:GENERIC_NOTE');
  });

  it.each([
    'Loved your network security talk.',
    'I would like to hear about your network of mentors.',
    'Happy to add you to the list of speakers.',
  ])('not generic: %j', (text) => {
    expect(codes(lintNote(text, { tier: 'free' }))).not.toContain('warning:GENERIC_NOTE');
  });

  it('places the generic phrase, the overflow and each unfilled variable', () => {
    const text = `Hi {firstName}! I'd like to add you to my professional network. ${'z'.repeat(150)}`;
    const issues = lintNote(text, { tier: 'free' });
    const by = (code: string) => issues.filter((i) => i.code === code);
    expect(by('UNFILLED_VARIABLE')).toEqual([expect.objectContaining({ start: 3, end: 14, level: 'error' })]);
    const generic = by('GENERIC_NOTE')[0]!;
    expect(text.slice(generic.start, generic.end)).toBe("I'd like to add you to my professional network");
    const long = by('TOO_LONG')[0]!;
    expect(long).toMatchObject({ start: 200, end: text.length });
    expect(long.message).toContain(`${text.length} characters`);
    expect(long.message).toContain('200');
  });

  it('names the target and the variable it lacks', () => {
    const [issue] = lintNote('Hi {firstName}, {team}', { tier: 'free', kind: 'template', target: jane });
    expect(issue).toMatchObject({ code: 'UNFILLED_VARIABLE', start: 16, end: 22 });
    expect(issue!.message).toBe('{team} has no value for Jane Doe');
  });
});
