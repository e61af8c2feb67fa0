import type { Warning } from '../model.ts';
import type { Settings } from '../settings.ts';

/**
 * What the own-profile check knows from `Profile.csv` (structurally the sources' ExportProfile, of
 * which only the headline matters here: the export carries no photo and no positions).
 */
export interface ProfileFacts {
  /** The headline as exported: text, or null/blank when the profile has none; absent when unknown. */
  headline?: string | null;
}

export const PROFILE_ITEMS = ['photo', 'headline', 'jobTitle'] as const;
export type ProfileItem = (typeof PROFILE_ITEMS)[number];

export interface ProfileCheckItem {
  item: ProfileItem;
  state: 'ok' | 'missing' | 'unknown';
  /** Where the state comes from: the export, the member's answer (`config set profile.*`), or nowhere. */
  source: 'export' | 'answer' | 'none';
  advice: string;
}

export interface ProfileCheck {
  items: ProfileCheckItem[];
  /** One warning per missing item, for status (`PROFILE_NO_PHOTO`, `PROFILE_NO_HEADLINE`, `PROFILE_NO_JOB_TITLE`). */
  warnings: Warning[];
}

const LABEL: Record<ProfileItem, string> = {
  photo: 'photo',
  headline: 'headline',
  jobTitle: 'current job title',
};
const SETTING: Record<ProfileItem, string> = {
  photo: 'profile.photo',
  headline: 'profile.headline',
  jobTitle: 'profile.jobTitle',
};
const WARNING_CODE: Record<ProfileItem, string> = {
  photo: 'PROFILE_NO_PHOTO',
  headline: 'PROFILE_NO_HEADLINE',
  jobTitle: 'PROFILE_NO_JOB_TITLE',
};
const WHY: Record<ProfileItem, string> = {
  photo: 'a recipient who cannot see your face rarely accepts a stranger',
  headline: 'it is the line a recipient reads next to your name, saying what you do and for whom',
  jobTitle: 'recipients check where you work before they accept',
};

/**
 * The own-profile checklist of SPEC section 5: photo, headline and job title, each ok, missing or
 * unknown, with advice, and a warning per missing one. The headline from `Profile.csv` overrides
 * the member's answer when the export is at hand; photo and job title come from the answers only.
 */
export function checkOwnProfile(input: {
  exportProfile: ProfileFacts | null;
  answers: Settings['profile'];
}): ProfileCheck {
  const items: ProfileCheckItem[] = [];
  const warnings: Warning[] = [];
  for (const item of PROFILE_ITEMS) {
    let state: ProfileCheckItem['state'];
    let source: ProfileCheckItem['source'];
    const exported = item === 'headline' ? input.exportProfile?.headline : undefined;
    if (exported !== undefined) {
      source = 'export';
      state = exported !== null && exported.trim() !== '' ? 'ok' : 'missing';
    } else {
      const answer = input.answers[item];
      source = answer === null ? 'none' : 'answer';
      state = answer === null ? 'unknown' : answer ? 'ok' : 'missing';
    }
    const label = LABEL[item];
    let advice: string;
    if (state === 'ok') {
      advice =
        source === 'export' && exported
          ? `your headline reads "${shorten(exported.trim(), 80)}"`
          : `your profile has a ${label}`;
    } else if (state === 'missing') {
      advice = `add a ${label} to your profile: ${WHY[item]}`;
      warnings.push({ code: WARNING_CODE[item], message: `your profile has no ${label}: ${WHY[item]}` });
    } else {
      advice = `does your profile have a ${label}? Say so with \`invitekeeper config set ${SETTING[item]} yes\` (or no)`;
    }
    items.push({ item, state, source, advice });
  }
  return { items, warnings };
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
