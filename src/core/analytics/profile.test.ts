import { describe, expect, it } from 'vitest';
import { checkOwnProfile, type ProfileFacts } from './profile.ts';

const none = { photo: null, headline: null, jobTitle: null };

describe('checkOwnProfile', () => {
  it.each<
    [string, ProfileFacts | null, boolean | null, 'ok' | 'missing' | 'unknown', 'export' | 'answer' | 'none']
  >([
    [
      'export headline wins over a "no" answer',
      { headline: 'Helping SaaS founders hire' },
      false,
      'ok',
      'export',
    ],
    [
      'a blank export headline is missing even if the member said yes',
      { headline: '  ' },
      true,
      'missing',
      'export',
    ],
    ['a null export headline is missing', { headline: null }, null, 'missing', 'export'],
    ['an export without the field falls back to the answer', {}, true, 'ok', 'answer'],
    ['no export: the answer "no"', null, false, 'missing', 'answer'],
    ['no export and no answer', null, null, 'unknown', 'none'],
  ])('%s', (_, exportProfile, answer, state, source) => {
    const check = checkOwnProfile({ exportProfile, answers: { ...none, headline: answer } });
    expect(check.items.find((i) => i.item === 'headline')).toMatchObject({ state, source });
    expect(check.warnings.some((w) => w.code === 'PROFILE_NO_HEADLINE')).toBe(state === 'missing');
  });

  it('photo and job title come from the answers only, with a warning each when missing', () => {
    const check = checkOwnProfile({
      exportProfile: { headline: 'Recruiter' },
      answers: { photo: false, headline: null, jobTitle: true },
    });
    expect(check.items.map((i) => [i.item, i.state])).toEqual([
      ['photo', 'missing'],
      ['headline', 'ok'],
      ['jobTitle', 'ok'],
    ]);
    expect(check.warnings.map((w) => w.code)).toEqual(['PROFILE_NO_PHOTO']);
    expect(check.items[1]!.advice).toContain('"Recruiter"');
  });

  it('asks for unknown items with the command that records the answer', () => {
    const check = checkOwnProfile({ exportProfile: null, answers: none });
    expect(check.items.map((i) => i.state)).toEqual(['unknown', 'unknown', 'unknown']);
    expect(check.items[2]!.advice).toContain('invitekeeper config set profile.jobTitle yes');
    expect(check.warnings).toEqual([]);
  });
});
