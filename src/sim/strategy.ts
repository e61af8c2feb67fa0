import type { Instant } from '../core/index.ts';
import type { ExportOptions } from './export-writer.ts';
import type { TargetInfo } from './model.ts';
import type { SendRefusal, WithdrawRefusal } from './platform-records.ts';
import type { SentPageOptions } from './sent-page-writer.ts';

/**
 * The narrow door between a member and the platform. Once a simulated day the member's strategy
 * is shown what a real member could see (their Sent page, their connections, acceptance
 * notifications, the outcome of yesterday's clicks) and answers with the day's actions. It never
 * sees the platform's internals: not the recipients' habits, not the restriction rules, not when a
 * restriction ends. A strategy may be async, so one that drives the product's own use cases
 * (import, plan, record) plugs in unchanged.
 */

/** A row of the Sent page: what LinkedIn shows per pending invitation. */
export interface SentRow {
  name: string;
  headline: string;
  profileUrl: string;
  /** `Sent 3 weeks ago`, as the page says it. */
  ageText: string;
}

/** A connection with the date it was made (midnight UTC of that day, as the export dates it). */
export interface ConnectionRow {
  name: string;
  profileUrl: string;
  connectedOn: Instant;
}

/** LinkedIn tells the sender when an invitation is accepted; nothing else about recipients. */
export interface AcceptedNotification {
  kind: 'accepted';
  name: string;
  profileUrl: string;
  at: Instant;
}

/**
 * What a member does. `at` is when they click: within the day they were shown (earlier times are
 * taken as the start of the day, later ones as its last millisecond). Actions run in `at` order.
 */
export type MemberAction =
  | { kind: 'send'; profileUrl: string; note?: string | null; at: Instant }
  | { kind: 'withdraw'; profileUrl: string; at: Instant }
  /** The member writes down an "I don't know this person" report they learned of; the platform ignores it. */
  | { kind: 'record-report'; profileUrl: string; at: Instant };

/** What the member saw after clicking: success, or LinkedIn's refusal. */
export type ActionOutcome =
  | { action: MemberAction; at: Instant; ok: true }
  | { action: MemberAction; at: Instant; ok: false; reason: SendRefusal | WithdrawRefusal };

/** The member's view of the platform at the start of a day. */
export interface MemberView {
  /** The moment the member looks: the start of the day (UTC midnight of the simulated day). */
  now: Instant;
  /** Day number from 0. */
  day: number;
  /** Actions must happen before this instant. */
  dayEnd: Instant;
  /** Outcomes of the previous day's actions, in the order they ran. */
  outcomes: readonly ActionOutcome[];
  /** Acceptances since the previous view. */
  notifications: readonly AcceptedNotification[];
  /** The Sent page: pending invitations, newest first. */
  sentPage(): SentRow[];
  /** Connections, oldest first. */
  connections(): ConnectionRow[];
  /** The data export downloaded now: file name to content (Invitations.csv, Connections.csv, Profile.csv, ...). */
  exportData(options?: Partial<ExportOptions>): Record<string, string>;
  /** The Sent page copied as text now. */
  sentPageText(options?: Partial<SentPageOptions>): string;
  /** The Sent page saved as HTML now. */
  sentPageHtml(options?: Partial<Omit<SentPageOptions, 'eol'>>): string;
}

/** What the member knows before the first day. */
export interface StrategySetup {
  start: Instant;
  days: number;
  seed: number;
  sender: { name: string; profileUrl: string; timezone: string; tier: 'free' | 'premium' };
  /** The people the member wants to invite, in the member's own order. */
  targets: readonly TargetInfo[];
  /** The limits LinkedIn states publicly (weekly invitations, note length and allowance, re-invite wait). */
  knownLimits: {
    weeklyInvites: number;
    noteMaxChars: number;
    notesPer30Days: number | null;
    reinviteWaitDays: number;
  };
}

/** A way of using the platform. */
export interface MemberStrategy {
  readonly name: string;
  /** Called once before the first day. */
  start?(setup: StrategySetup): void | Promise<void>;
  /** Called once per day; returns that day's actions. */
  decide(view: MemberView): readonly MemberAction[] | Promise<readonly MemberAction[]>;
  /** Called once after the last day, or when the run fails: release what `start` opened (a database). */
  end?(): void | Promise<void>;
}
