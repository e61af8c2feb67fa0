import type { Relation } from '../core/index.ts';

/**
 * Every number of the platform model, in one place. Each carries where its value comes from:
 * "a551012" / "a550555" are LinkedIn Help answers (Types of restrictions for sending invitations;
 * Invitation limit reached), "a_id/1303" the older help answer on accepting, ignoring and "I don't
 * know this person"; "observed" means community-observed (vendors' help centres, public
 * write-ups, SPEC section 1); "assumed" means chosen by us for the model, with the reason.
 * docs/platform-model.md explains each in prose.
 */
export interface PlatformParams {
  limits: {
    /** Invitations per rolling 7 days. Observed: 100 to 200 by account; 100 is the common floor (SPEC 1). */
    weeklyInvites: number;
    /** Note length by tier, in characters (Unicode code points). Observed (SPEC 1). */
    noteMaxChars: { free: number; premium: number };
    /** Notes a free account may attach per rolling 30 days. a550555 says "five ... per month"; rolling per SPEC 1. */
    freeNotesPer30Days: number;
    /** Days after a withdrawal before the same person can be invited again. a551012: "up to three weeks". */
    reinviteWaitDays: number;
    /** Calendar months after which a pending invitation is withdrawn by the platform. SPEC 1 (LinkedIn help). */
    autoWithdrawMonths: number;
    /** First-degree connections at which a member can accept (or send) no more invitations. a551012. */
    connectionCap: number;
  };
  reminders: {
    /** Days after sending at which the platform reminds a recipient of a pending invitation. SPEC 1: at most 2; timing assumed. */
    afterDays: number[];
    /** A reminder gives a recipient who ignored the invitation a new chance: this share of their acceptance probability. Assumed ("a bit"); calibrated so that about 7 to 12 % of acceptances come after day 14 and at least 95 % within 30 days, as real exports and Botdog's figures show. */
    acceptFactor: number;
    /** ... and a new chance to report, at this share of their report probability. Assumed. */
    reportFactor: number;
    /** Mean hours between a reminder and the visit it prompts. Assumed (reminders arrive by e-mail). */
    responseMeanHours: number;
  };
  /**
   * The notice of a new invitation (a push notification, an e-mail): a share of the recipients who
   * use LinkedIn at all open it within hours, before their next habitual visit. Calibrated on
   * published acceptance times (docs/platform-model.md): Botdog's 16,492 invitations (21 % of
   * acceptances within an hour, 63 % within a day, 88 % within a week) and two large member exports
   * (median 1 day, 81 to 89 % within a week).
   */
  notice: {
    share: number;
    meanHours: number;
  };
  restriction: {
    /** How long a restriction lasts. a550555: "typically lasts one week"; a551012: "most ... within one week". */
    days: number;
    /** Pending outgoing invitations at which the next send attempt restricts the account. Assumed: above invitekeeper's pause (500), below the ~3,000 total some vendors report. */
    pendingAt: number;
    /** Acceptance rate below which the account is restricted (a551012: "many ... ignored, left pending"). Threshold assumed. */
    minAcceptanceRate: number;
    /** The rate needs at least this many matured invitations in its window. Assumed. */
    rateMinSample: number;
    /** The rate is taken over invitations sent in the last this-many days, leaving out withdrawn ones ... Assumed (a551012 names "ignored, left pending"; withdrawing is what the community advises). */
    rateWindowDays: number;
    /** ... that are at least this many days old (matured). Assumed, matching invitekeeper's 14-day staleness. */
    rateMaturityDays: number;
    /** "I don't know this person" reports in the window that restrict the account. Observed: five (older community reports). */
    reportsAt: number;
    /** ... provided they are also at least this share of the invitations sent in the window. Assumed (limits scale with volume). */
    reportShare: number;
    /** The reports window, in days. Assumed. */
    reportWindowDays: number;
  };
  acceptance: {
    /** No recipient accepts with certainty. Assumed. */
    maxProbability: number;
    /** Mutual-connection factor: floor + gain * (1 - exp(-mutuals / scale)). Observed direction (SPEC 1); shape assumed. */
    mutual: { floor: number; gain: number; scale: number };
    /** Relation factor. Observed direction (colleagues and alumni accept more); values assumed. */
    relation: Record<Relation, number>;
    /** Factor for a personal note (not empty, not the default text). Observed direction (a551012 advice); value assumed. */
    personalNote: number;
    /** Own-profile factor: floor + (1 - floor) * completeness (photo, headline, job title). Observed direction (SPEC 1); values assumed. */
    profileFloor: number;
    /** Factor by the local time the invitation arrives at the recipient. Observed direction (SPEC 1 send window); values assumed. */
    arrival: { workHours: number; awake: number; night: number };
  };
  reports: {
    /** Chance that a recipient who declines at a visit also reports "I don't know this person". Assumed. */
    base: number;
    /** Multiplier when there is no mutual connection. Assumed (a_id/1303: the option is for strangers). */
    noMutuals: number;
    /** Multiplier by relation. Assumed. */
    relation: Record<Relation, number>;
    /** Multiplier when a personal note explains the invitation. Assumed. */
    personalNote: number;
  };
  population: {
    /** Share of each relation among generated recipients. Assumed for a member growing a network on purpose. */
    relationShare: Record<Relation, number>;
    /** Median mutual connections by relation (log-normal, sigma below). Assumed. */
    mutualMedian: Record<Relation, number>;
    mutualSigma: number;
    /** Share with no mutual connection at all, by relation. Assumed. */
    noMutualShare: Record<Relation, number>;
    /** Connection counts: log-normal median and sigma. Observed shape (a few hundred is typical). */
    connectionCountMedian: number;
    connectionCountSigma: number;
    /** Share of members at or within 50 of the 30,000 cap. Assumed (rare, but real for influencers). */
    nearCapShare: number;
    /** Visits to LinkedIn per week: log-normal median and sigma. Assumed shape (most weekly, a long tail); median calibrated with `notice` on published acceptance times (docs/platform-model.md). */
    visitsPerWeekMedian: number;
    visitsPerWeekSigma: number;
    /** Share of dormant members who visit about once a year and so ignore invitations for good. Assumed. */
    dormantShare: number;
    dormantVisitsPerWeek: number;
    /** A member's own openness before any factor: normal mean and sd, clamped. Assumed, tuned so a mixed list accepts about a third. */
    propensityMean: number;
    propensitySd: number;
    /** Log-scale sigma of a member's report proneness (median 1). Assumed. */
    reportPropensitySigma: number;
    /** Share of connections whose export row shows an (example.com) e-mail address. Observed: most are empty. */
    emailShare: number;
  };
  incoming: {
    /** Share of incoming invitations the sender accepts; the rest stay pending. Assumed. */
    senderAcceptShare: number;
    /** Mean days before the sender accepts one. Assumed. */
    senderResponseMeanDays: number;
  };
}

export const PLATFORM_PARAMS: Readonly<PlatformParams> = Object.freeze({
  limits: {
    weeklyInvites: 100,
    noteMaxChars: { free: 200, premium: 300 },
    freeNotesPer30Days: 5,
    reinviteWaitDays: 21,
    autoWithdrawMonths: 6,
    connectionCap: 30_000,
  },
  reminders: {
    afterDays: [7, 21],
    acceptFactor: 0.15,
    reportFactor: 0.3,
    responseMeanHours: 20,
  },
  notice: {
    share: 0.55,
    meanHours: 3,
  },
  restriction: {
    days: 7,
    pendingAt: 1000,
    minAcceptanceRate: 0.15,
    rateMinSample: 50,
    rateWindowDays: 60,
    rateMaturityDays: 14,
    reportsAt: 5,
    reportShare: 0.02,
    reportWindowDays: 90,
  },
  acceptance: {
    maxProbability: 0.95,
    mutual: { floor: 0.4, gain: 0.9, scale: 8 },
    relation: { colleague: 1.5, alumni: 1.25, 'industry-peer': 1.0, other: 0.7 },
    personalNote: 1.35,
    profileFloor: 0.6,
    arrival: { workHours: 1.0, awake: 0.9, night: 0.8 },
  },
  reports: {
    base: 0.0015,
    noMutuals: 4,
    relation: { colleague: 0.2, alumni: 0.4, 'industry-peer': 1, other: 2 },
    personalNote: 0.4,
  },
  population: {
    relationShare: { colleague: 0.1, alumni: 0.15, 'industry-peer': 0.45, other: 0.3 },
    mutualMedian: { colleague: 25, alumni: 8, 'industry-peer': 5, other: 2 },
    mutualSigma: 0.9,
    noMutualShare: { colleague: 0.02, alumni: 0.1, 'industry-peer': 0.2, other: 0.5 },
    connectionCountMedian: 500,
    connectionCountSigma: 1.1,
    nearCapShare: 0.006,
    visitsPerWeekMedian: 5,
    visitsPerWeekSigma: 1.0,
    dormantShare: 0.06,
    dormantVisitsPerWeek: 0.02,
    propensityMean: 0.5,
    propensitySd: 0.15,
    reportPropensitySigma: 0.8,
    emailShare: 0.04,
  },
  incoming: {
    senderAcceptShare: 0.65,
    senderResponseMeanDays: 2,
  },
});

export type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends readonly unknown[] ? T[K] : T[K] extends object ? DeepPartial<T[K]> : T[K];
};

/** The model's parameters with some overridden (nested objects merge, arrays replace). */
export function resolveParams(overrides: DeepPartial<PlatformParams> = {}): PlatformParams {
  return merge(structuredClone(PLATFORM_PARAMS) as PlatformParams, overrides) as PlatformParams;
}

function merge(into: unknown, layer: unknown): unknown {
  if (!layer || typeof layer !== 'object' || Array.isArray(layer)) return layer === undefined ? into : layer;
  const out = { ...(into as Record<string, unknown>) };
  for (const [key, value] of Object.entries(layer as Record<string, unknown>)) {
    if (value === undefined) continue;
    out[key] = merge(out[key], value);
  }
  return out;
}
