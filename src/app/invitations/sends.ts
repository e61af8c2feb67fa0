import type { z } from 'zod';
import {
  checkSend,
  DAY_MS,
  fitNote,
  type Instant,
  type Invitation,
  InviteKeeperError,
  invitationAt,
  ledgerAt,
  lintNote,
  normalizeName,
  noteMaxChars,
  noteMonthlyLimit,
  quotaFromCounts,
  renderTemplate,
  type SendRefusal,
  type Settings,
  todayWindowStart,
  toIso,
  weekWindowStart,
} from '../../core/index.ts';
import { settingsFor } from '../config.ts';
import { type AppContext, ensureContextAccount } from '../context.ts';
import { knownName } from '../outreach/targets.ts';
import type { Repositories, TargetRecord } from '../ports.ts';
import type { SendResultSchema } from './sends.schema.ts';
import { recordTransition } from './transition.ts';
import {
  type NamedCandidate,
  type PersonRef,
  parsePersonRef,
  pendingCandidates,
  pickByName,
  refOfCandidate,
} from './withdrawals.ts';

/**
 * What the member did on LinkedIn by hand, beyond withdrawals: an invitation sent, an invitation
 * accepted, an "I don't know this person" report. Each is one write transaction and one event.
 */

/** `--at` must not be later than now: a record says what happened, not what will. */
function checkAt(at: Instant, now: Instant, what: string): void {
  if (at > now) {
    throw new InviteKeeperError(
      'USAGE',
      `${what} time ${toIso(at)} is after now (${toIso(now)}); record it once it has happened`,
    );
  }
}

function day(t: Instant): string {
  return toIso(t).slice(0, 10);
}

export interface SendOptions {
  /** The template the note came from. */
  templateId?: string;
  /** The note sent, as typed. */
  note?: string;
  /** When it was sent (default now). */
  at?: Instant;
}

export type SendResult = z.output<typeof SendResultSchema>;

/** The `data` of the CONFLICT a refused send throws: the reason, and when it becomes allowed (if known). */
export interface SendRefusalData {
  reason: SendRefusal;
  until?: string;
  [key: string]: unknown;
}

/**
 * Records an invitation the member sent by hand. Refused (CONFLICT, with `data.reason` and, for a
 * cooldown, `data.until`) when the person may not be invited at that moment by the planner's own
 * rules: do-not-contact, reported, connected, already pending, or in the re-invite cooldown.
 * Going over the weekly or daily limit, or past the free tier's note allowance, is recorded (it
 * happened) with a warning.
 */
export async function recordSend(
  ctx: AppContext,
  person: string,
  options: SendOptions = {},
): Promise<SendResult> {
  if (options.templateId !== undefined && options.note !== undefined) {
    throw new InviteKeeperError('USAGE', 'give --template or --note, not both');
  }
  const typed = parsePersonRef(person);
  const now = ctx.now;
  const at = options.at ?? now;
  checkAt(at, now, 'the send');
  return ctx.store.write(null, async (tx) => {
    const account = await ensureContextAccount(tx, ctx);
    const ref = await namedTarget(tx, account.id, typed);
    const settings = settingsFor(ctx.config, account.settings);
    const found = await tx.findTargets(account.id, ref.personKey, ref.nameKey);
    const targets = found.filter(
      (t) => t.personKey === ref.personKey || (!ref.profileUrl && t.nameKey === ref.nameKey),
    );
    const target = targets[0] ?? null;
    const name =
      target?.name || (ref.profileUrl ? await knownName(tx, account.id, ref) : ref.text) || slugOf(ref);
    // Only what the rules read: this person's invitations and connections (matched by key, and by
    // the name they are known by), the reports, and the sends of the last 30 days for the quota and
    // the note allowance. Loading the whole ledger per recorded send would grow with the history.
    const nameKey = normalizeName(name);
    const [invitations, connections, reports, counts] = await Promise.all([
      tx.invitationsMatching(account.id, ref.personKey, nameKey),
      tx.connectionsMatching(account.id, ref.personKey, nameKey),
      tx.listReports(account.id),
      tx.countSends(account.id, at, {
        week: weekWindowStart(at),
        today: todayWindowStart(at, settings),
        notes: at - 30 * DAY_MS,
      }),
    ]);
    const notesUsed = counts.notes;
    const check = checkSend({
      now: at,
      settings,
      invitations,
      connections,
      reports,
      person: { personKey: ref.personKey, name, doNotContact: targets.some((t) => t.doNotContact) },
    });
    if (!check.ok) throw refusal(check.reason, check.until, name, ref, at, invitations, settings);

    const warnings: string[] = [];
    const tier = settings.accountTier;
    let note: string | null = null;
    let templateId: string | null = null;
    if (options.templateId !== undefined) {
      const template = await tx.findTemplate(account.id, options.templateId);
      if (!template) {
        throw new InviteKeeperError('NOT_FOUND', `no note template "${options.templateId}"`);
      }
      templateId = template.id;
      const rendered = renderTemplate(template.body, target ?? { name });
      const fitted = fitNote(rendered.text.trim(), noteMaxChars(tier));
      note = fitted.text || null;
      if (rendered.unfilled.length) {
        warnings.push(
          `the template's ${rendered.unfilled.map((v) => `{${v}}`).join(', ')} had no value for ${name}: recorded as written`,
        );
      }
      if (fitted.trimmed) warnings.push(`the note was trimmed to ${noteMaxChars(tier)} characters`);
    } else if (options.note !== undefined) {
      note = options.note.replace(/\r\n?/g, '\n').trim() || null;
      if (note) {
        for (const issue of lintNote(note, { tier, target: target ?? { name } })) {
          if (issue.level === 'error') warnings.push(`note: ${issue.message}`);
        }
      }
    }

    const monthlyLimit = noteMonthlyLimit(tier);
    if (note && monthlyLimit !== null && notesUsed >= monthlyLimit) {
      warnings.push(
        `this is note ${notesUsed + 1} in 30 days; a free account has about ${monthlyLimit}: LinkedIn may have sent the invitation without it`,
      );
    }

    const id = await tx.insertInvitation(account.id, {
      personKey: ref.personKey,
      nameKey: normalizeName(name),
      profileUrl: ref.profileUrl,
      name,
      headline: target?.headline ?? null,
      sentAt: at,
      sentAtEarliest: at,
      note,
      templateId,
      source: 'manual',
      status: 'pending',
      statusAt: null,
      snapshotId: null,
      recordedAt: now,
    });
    await tx.addEvent(account.id, {
      kind: 'sent',
      personKey: ref.personKey,
      invitationId: id,
      at,
      data: { templateId, withNote: note !== null },
      recordedAt: now,
    });

    // This send counts in both windows: it is at `at`.
    const quota = quotaFromCounts({ sentLast7Days: counts.week + 1, sentToday: counts.today + 1 }, settings);
    if (quota.sentLast7Days > quota.weeklyLimit) {
      warnings.push(
        `${quota.sentLast7Days} invitations in the last 7 days, over the weekly limit of ${quota.weeklyLimit}: send none until the count falls (see \`invitekeeper status\`)`,
      );
    }
    if (quota.sentToday > quota.dailyLimit) {
      warnings.push(`${quota.sentToday} invitations today, over the daily limit of ${quota.dailyLimit}`);
    }
    return {
      name,
      profileUrl: ref.profileUrl,
      sentAt: toIso(at),
      note,
      templateId,
      quota: {
        weeklyLimit: quota.weeklyLimit,
        sentLast7Days: quota.sentLast7Days,
        dailyLimit: quota.dailyLimit,
        sentToday: quota.sentToday,
      },
      notes: {
        maxChars: noteMaxChars(tier),
        monthlyLimit,
        usedLast30Days: notesUsed + (note ? 1 : 0),
      },
      warnings,
    };
  });
}

/** The slug of a profile URL, as a last-resort name. */
function slugOf(ref: PersonRef): string {
  return ref.profileUrl
    ? decodeURIComponent(ref.profileUrl.slice(ref.profileUrl.lastIndexOf('/') + 1))
    : ref.text;
}

function refusal(
  reason: SendRefusal,
  until: Instant | undefined,
  name: string,
  ref: PersonRef,
  at: Instant,
  invitations: readonly Invitation[],
  settings: Settings,
): InviteKeeperError {
  const who = name || ref.text;
  const last = ledgerAt(invitations, at)
    .filter(
      (i) => i.personKey === ref.personKey || (!ref.profileUrl && i.personKey === `name:${ref.nameKey}`),
    )
    .sort((a, b) => b.sentAt - a.sentAt)[0];
  let message: string;
  switch (reason) {
    case 'COOLDOWN':
      message = `${who} cannot be invited again yet: the last invitation was withdrawn${
        last?.statusAt ? ` on ${day(last.statusAt)}` : ''
      }, and LinkedIn blocks a new one for ${settings.reinviteCooldownDays} days; allowed from ${toIso(until!)}`;
      break;
    case 'ALREADY_PENDING':
      message = `an invitation to ${who}${last ? ` sent on ${day(last.sentAt)}` : ''} is still pending: no second one until it is accepted, or withdrawn and the ${settings.reinviteCooldownDays}-day cooldown has passed`;
      break;
    case 'ALREADY_CONNECTED':
      message = `${who} is already a connection: there is nobody to invite`;
      break;
    case 'DO_NOT_CONTACT':
      message = `${who} is marked do-not-contact; lift it with \`invitekeeper targets unblock ${ref.text}\` if that was a mistake`;
      break;
    case 'REPORTED':
      message = `${who} reported your invitation ("I don't know this person"): inviting them again raises the risk of a restriction`;
      break;
  }
  const data: SendRefusalData = { reason };
  if (until !== undefined) data.until = toIso(until);
  return new InviteKeeperError('CONFLICT', `not recorded: ${message} (${reason})`, { data });
}

/** A pending invitation to the person as it stood at `at`, or a clear refusal. */
/**
 * The person a name means among `candidates()`, read only when a name (not a link) was given. Two
 * namesakes are refused with their links; no candidate of the name leaves the reference as typed,
 * or, when `required`, is refused: a name is not enough to know who was meant.
 */
async function namedAmong(
  ref: PersonRef,
  candidates: () => Promise<NamedCandidate[]>,
  what: string,
  required = false,
): Promise<PersonRef> {
  if (ref.profileUrl !== null) return ref;
  const { one, problem } = pickByName(ref, await candidates(), what);
  if (problem) throw new InviteKeeperError('USAGE', problem);
  if (one) return refOfCandidate(one, ref.text);
  if (required) {
    throw new InviteKeeperError(
      'USAGE',
      `"${ref.text}" is neither a LinkedIn profile URL nor the name of one of your ${what}s: give the profile URL (https://www.linkedin.com/in/...)`,
    );
  }
  return ref;
}

/** Whom `sent` records: a profile URL, or the name of exactly one target. */
function namedTarget(tx: Repositories, accountId: number, ref: PersonRef): Promise<PersonRef> {
  return namedAmong(
    ref,
    async () =>
      (await tx.findTargets(accountId, ref.personKey, ref.nameKey)).filter((t) => t.nameKey === ref.nameKey),
    'target',
    true,
  );
}

async function pendingInvitationOf(
  tx: Repositories,
  accountId: number,
  ref: PersonRef,
  at: Instant,
): Promise<Invitation> {
  const invitations = await tx.invitationsOfPerson(accountId, ref.personKey, ref.nameKey);
  const asThen = invitations.map((i) => invitationAt(i, at)).filter((i) => i !== null);
  const pending = asThen.filter((i) => i.status === 'pending');
  if (pending.length > 1 && ref.profileUrl === null) {
    throw new InviteKeeperError(
      'CONFLICT',
      `${ref.text}: ${pending.length} pending invitations match this name; give the profile URL`,
    );
  }
  if (pending[0]) return pending[0];
  const last = asThen[0];
  if (last) {
    throw new InviteKeeperError(
      'CONFLICT',
      `${ref.text}: the invitation to ${last.name} is ${last.status}${last.statusAt ? ` since ${day(last.statusAt)}` : ''}, not pending`,
    );
  }
  throw new InviteKeeperError(
    'NOT_FOUND',
    `${ref.text}: no invitation to this person is known${invitations.length ? ' at that time' : ''} (import your export or record the send with \`invitekeeper sent\` first)`,
  );
}

export interface AcceptanceResult {
  name: string;
  profileUrl: string | null;
  sentAt: string;
  acceptedAt: string;
  /** Whether a connection was added (false when it was known already). */
  connectionRecorded: boolean;
}

/**
 * Records that a pending invitation was accepted at `at` (default now): the invitation becomes
 * accepted, and the person a connection from that moment.
 */
export async function recordAcceptance(
  ctx: AppContext,
  person: string,
  options: { at?: Instant } = {},
): Promise<AcceptanceResult> {
  const typed = parsePersonRef(person);
  const now = ctx.now;
  const at = options.at ?? now;
  checkAt(at, now, 'the acceptance');
  return ctx.store.write(null, async (tx) => {
    const account = await ensureContextAccount(tx, ctx);
    const ref = await namedAmong(typed, () => pendingCandidates(tx, account.id, at), 'pending invitation');
    const invitation = await pendingInvitationOf(tx, account.id, ref, at);
    const nameKey = normalizeName(invitation.name);
    const existing = await tx.findConnection(account.id, invitation.personKey, nameKey);
    const done = await recordTransition(tx, account.id, invitation, {
      to: 'accepted',
      at,
      what: 'acceptance',
      recordedAt: now,
      // what an undo takes back with the acceptance: the connection this record adds, if it does
      data: existing ? {} : { connectionRecorded: true },
    });
    let connectionRecorded = false;
    if (!existing) {
      await tx.upsertConnections(
        account.id,
        [
          {
            personKey: done.personKey,
            nameKey,
            profileUrl: done.profileUrl,
            name: done.name,
            connectedOn: done.statusAt!,
          },
        ],
        null,
      );
      connectionRecorded = true;
    }
    return {
      name: done.name,
      profileUrl: done.profileUrl,
      sentAt: toIso(done.sentAt),
      acceptedAt: toIso(done.statusAt!),
      connectionRecorded,
    };
  });
}

export interface ReportResult {
  name: string;
  profileUrl: string | null;
  reportedAt: string;
  /** The person had already been reported: nothing new was recorded. */
  alreadyReported: boolean;
  /** A pending invitation to the person, left pending (the report is a separate fact). */
  pendingInvitation: { sentAt: string } | null;
}

/**
 * Records an "I don't know this person" report (SPEC section 1). The report is an event of its own:
 * a pending invitation to the person stays pending (LinkedIn leaves it in the Sent list until it
 * is withdrawn, which the plan proposes once it is stale), the person is never planned again, and
 * reports raise the account's risk. Reporting the same person twice records nothing new.
 */
export async function recordReport(
  ctx: AppContext,
  person: string,
  options: { at?: Instant } = {},
): Promise<ReportResult> {
  const typed = parsePersonRef(person);
  const now = ctx.now;
  const at = options.at ?? now;
  checkAt(at, now, 'the report');
  return ctx.store.write(null, async (tx) => {
    const account = await ensureContextAccount(tx, ctx);
    const ref = await namedAmong(
      typed,
      async () => [
        ...(await pendingCandidates(tx, account.id, at)),
        ...(await tx.findTargets(account.id, typed.personKey, typed.nameKey)),
      ],
      'pending invitation or target',
      true,
    );
    const [reports, invitations, targets] = await Promise.all([
      tx.listReports(account.id),
      tx.invitationsOfPerson(account.id, ref.personKey, ref.nameKey),
      tx.findTargets(account.id, ref.personKey, ref.nameKey),
    ]);
    const target: TargetRecord | undefined = targets.find((t) => t.personKey === ref.personKey) ?? targets[0];
    const name =
      target?.name ||
      invitations.find((i) => i.name.trim())?.name ||
      (ref.profileUrl ? await knownName(tx, account.id, ref) : ref.text) ||
      slugOf(ref);
    const pending = invitations.map((i) => invitationAt(i, at)).find((i) => i?.status === 'pending') ?? null;
    const earlier = reports.find((r) => r.personKey === ref.personKey);
    if (earlier) {
      return {
        name,
        profileUrl: ref.profileUrl,
        reportedAt: toIso(earlier.at),
        alreadyReported: true,
        pendingInvitation: pending ? { sentAt: toIso(pending.sentAt) } : null,
      };
    }
    await tx.addEvent(account.id, {
      kind: 'reported',
      personKey: ref.personKey,
      invitationId: pending?.id ?? null,
      at,
      data: {},
      recordedAt: now,
    });
    return {
      name,
      profileUrl: ref.profileUrl,
      reportedAt: toIso(at),
      alreadyReported: false,
      pendingInvitation: pending ? { sentAt: toIso(pending.sentAt) } : null,
    };
  });
}
