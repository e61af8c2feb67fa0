import { canonicalProfileUrl, DAY_MS, type Instant, InviteKeeperError } from '../core/index.ts';
import { hasNote } from './behaviour.ts';
import { EventQueue, type SimEvent } from './event-queue.ts';
import { addMonthsUtc, countBetween, firstAfter } from './instants.ts';
import { drawInvitationFate, type InvitationPlan } from './invitation-fate.ts';
import type { Member, SenderProfile } from './model.ts';
import { profileCompleteness } from './model.ts';
import type { PlatformParams } from './params.ts';
import type {
  PlatformOptions,
  Refusal,
  Restriction,
  RestrictionReason,
  SendRefusal,
  SendResult,
  SimConnection,
  SimIncoming,
  SimInvitation,
  SimInvitationStatus,
  WithdrawResult,
} from './platform-records.ts';
import { createRng, type Rng } from './random.ts';

/**
 * The platform: LinkedIn's invitation system as a state machine. The sender acts on it (send,
 * withdraw); recipients answer on their own schedule (accept, ignore, report), reminders go out and
 * old invitations are withdrawn by the platform, all as timed events processed in order as the
 * clock advances. Every record keeps the time of each change, so any moment up to `now` can be
 * read back (that is how exports at earlier dates are written).
 */

/** The platform's state and its two verbs. Create with createPlatform. */
export class Platform {
  readonly params: PlatformParams;
  readonly sender: SenderProfile;
  readonly start: Instant;
  readonly seed: number;
  private clock: Instant;

  readonly members: ReadonlyMap<number, Member>;
  private readonly byUrl = new Map<string, Member>();

  private readonly _invitations: SimInvitation[] = [];
  private readonly _incoming: SimIncoming[] = [];
  private readonly _connections: SimConnection[] = [];
  private readonly _restrictions: Restriction[] = [];
  private readonly _refusals: Refusal[] = [];
  private readonly _reports: { invitationId: number; at: Instant }[] = [];
  private readonly _acceptances: { invitationId: number; at: Instant }[] = [];
  /** The most outgoing invitations ever pending at once. */
  peakPending = 0;

  private pendingCount = 0;
  private readonly pendingByMember = new Map<number, SimInvitation>();
  private readonly incomingPendingByMember = new Map<number, SimIncoming>();
  private readonly connectedOn = new Map<number, Instant>();
  private readonly blocked = new Set<number>();
  private readonly waitUntil = new Map<number, Instant>();
  private readonly attempts = new Map<number, number>();
  private readonly sendTimes: Instant[] = [];
  private readonly noteTimes: Instant[] = [];
  private readonly plans = new Map<number, InvitationPlan>();
  private readonly events = new EventQueue();
  private readonly root: Rng;
  private readonly completeness: number;

  constructor(options: PlatformOptions) {
    this.params = options.params;
    this.sender = options.sender;
    this.start = options.start;
    this.clock = options.start;
    this.seed = options.seed;
    this.root = createRng(options.seed).fork('platform');
    this.completeness = profileCompleteness(options.sender);
    const members = new Map<number, Member>();
    for (const m of options.members) {
      if (members.has(m.id)) throw new InviteKeeperError('INTERNAL', `duplicate member id ${m.id}`);
      members.set(m.id, m);
      this.byUrl.set(m.profileUrl, m);
    }
    this.members = members;
    for (const c of [...(options.connections ?? [])].sort((a, b) => a.connectedOn - b.connectedOn)) {
      if (!members.has(c.memberId) || this.connectedOn.has(c.memberId)) continue;
      this.connectedOn.set(c.memberId, c.connectedOn);
      this._connections.push({ memberId: c.memberId, connectedOn: c.connectedOn, via: 'initial' });
    }
    for (const plan of options.incoming ?? []) {
      if (!members.has(plan.memberId)) continue;
      const index = this._incoming.length;
      this._incoming.push({
        id: index + 1,
        memberId: plan.memberId,
        sentAt: plan.sentAt,
        note: plan.note,
        status: 'pending',
        statusAt: null,
      });
      this.events.push(Math.max(plan.sentAt, this.start), 'incoming', index, 0);
    }
  }

  /** Outgoing invitations in sending order (id = index + 1). Read-only: the platform alone changes them. */
  get invitations(): readonly SimInvitation[] {
    return this._invitations;
  }

  /** Invitations other members sent the sender, including ones not arrived yet (hidden by their sentAt). */
  get incoming(): readonly SimIncoming[] {
    return this._incoming;
  }

  /** The sender's connections in the order they were made. */
  get connections(): readonly SimConnection[] {
    return this._connections;
  }

  get restrictions(): readonly Restriction[] {
    return this._restrictions;
  }

  get refusals(): readonly Refusal[] {
    return this._refusals;
  }

  /** Reports in time order. */
  get reports(): readonly { invitationId: number; at: Instant }[] {
    return this._reports;
  }

  /** Acceptances of outgoing invitations in time order (the sender is notified of each). */
  get acceptances(): readonly { invitationId: number; at: Instant }[] {
    return this._acceptances;
  }

  /** The current time of the platform. */
  get now(): Instant {
    return this.clock;
  }

  /** Outgoing invitations pending right now. */
  get pending(): number {
    return this.pendingCount;
  }

  /** The member with this profile URL (any form canonicalProfileUrl accepts), if any. */
  memberByUrl(profileUrl: string): Member | undefined {
    const url = canonicalProfileUrl(profileUrl);
    return url ? this.byUrl.get(url) : undefined;
  }

  /** Runs every event up to and including `t`. Time never goes back. */
  advanceTo(t: Instant): void {
    if (t < this.clock) {
      throw new InviteKeeperError('INTERNAL', `the platform clock cannot go back (${t} < ${this.clock})`);
    }
    for (;;) {
      const top = this.events.peek();
      if (!top || top.time > t) break;
      this.events.pop();
      this.clock = top.time;
      this.handle(top);
    }
    this.clock = t;
  }

  /** The sender invites the member at `profileUrl` at `at`, with an optional note. */
  send(profileUrl: string, note: string | null | undefined, at: Instant): SendResult {
    this.advanceTo(at);
    const member = this.memberByUrl(profileUrl);
    const refuse = (
      reason: SendRefusal,
      extra: { until?: Instant; restriction?: Restriction } = {},
    ): SendResult => {
      this._refusals.push({ at, profileUrl, memberId: member?.id ?? null, reason });
      return { ok: false, reason, ...extra };
    };
    if (!member) return refuse('UNKNOWN_RECIPIENT');
    const current = this.restrictionAt(at);
    if (current) return refuse('RESTRICTED', { until: current.until, restriction: current });
    const trigger = this.restrictionTrigger(at);
    if (trigger) {
      const restriction: Restriction = {
        from: at,
        until: at + this.params.restriction.days * DAY_MS,
        reason: trigger,
      };
      this._restrictions.push(restriction);
      return refuse('RESTRICTED', { until: restriction.until, restriction });
    }
    const limits = this.params.limits;
    const weekStart = at - 7 * DAY_MS;
    const firstInWeek = firstAfter(this.sendTimes, weekStart);
    if (this.sendTimes.length - firstInWeek >= limits.weeklyInvites) {
      return refuse('WEEKLY_LIMIT', { until: this.sendTimes[firstInWeek]! + 7 * DAY_MS });
    }
    if (this.connectedOn.size >= limits.connectionCap) return refuse('SENDER_AT_CAP');
    if (this.connectedOn.has(member.id)) return refuse('ALREADY_CONNECTED');
    if (this.pendingByMember.has(member.id) || this.incomingPendingByMember.has(member.id)) {
      return refuse('ALREADY_PENDING');
    }
    if (this.blocked.has(member.id)) return refuse('RECIPIENT_BLOCKED');
    const wait = this.waitUntil.get(member.id);
    if (wait !== undefined && wait > at) return refuse('REINVITE_WAIT', { until: wait });
    const withNote = hasNote(note);
    if (withNote) {
      if (codePoints(note) > limits.noteMaxChars[this.sender.tier]) return refuse('NOTE_TOO_LONG');
      if (this.sender.tier === 'free') {
        const monthStart = at - 30 * DAY_MS;
        const firstNote = firstAfter(this.noteTimes, monthStart);
        if (this.noteTimes.length - firstNote >= limits.freeNotesPer30Days) {
          return refuse('NOTE_QUOTA', { until: this.noteTimes[firstNote]! + 30 * DAY_MS });
        }
      }
    }
    return { ok: true, invitation: this.deliver(member, withNote ? note : null, at) };
  }

  /** The sender withdraws their pending invitation to `profileUrl` at `at`: silent, stops reminders, starts the wait. */
  withdraw(profileUrl: string, at: Instant): WithdrawResult {
    this.advanceTo(at);
    const member = this.memberByUrl(profileUrl);
    if (!member) return { ok: false, reason: 'UNKNOWN_RECIPIENT' };
    const inv = this.pendingByMember.get(member.id);
    if (!inv) return { ok: false, reason: 'NOT_PENDING' };
    this.close(inv, 'withdrawn', at);
    this.waitUntil.set(member.id, at + this.params.limits.reinviteWaitDays * DAY_MS);
    return { ok: true, invitation: inv };
  }

  /** The restriction in force at `t`, if any. */
  restrictionAt(t: Instant): Restriction | null {
    for (let i = this._restrictions.length - 1; i >= 0; i--) {
      const r = this._restrictions[i]!;
      if (r.from <= t && t < r.until) return r;
      if (r.until <= t) break;
    }
    return null;
  }

  /** Which rule would restrict a send attempt at `t` (the state as it is now), or null. */
  restrictionTrigger(t: Instant): RestrictionReason | null {
    const r = this.params.restriction;
    if (this.pendingCount >= r.pendingAt) return 'PENDING';
    const rate = this.maturedAcceptance(t);
    if (rate.sample >= r.rateMinSample && rate.accepted / rate.sample < r.minAcceptanceRate)
      return 'LOW_ACCEPTANCE';
    const windowStart = t - r.reportWindowDays * DAY_MS;
    const reports = this._reports.length - firstAfter(this._reports, windowStart, (x) => x.at);
    if (reports >= r.reportsAt) {
      const sent = this.sendTimes.length - firstAfter(this.sendTimes, windowStart);
      if (reports >= r.reportShare * sent) return 'REPORTS';
    }
    return null;
  }

  /**
   * The platform's acceptance-rate sample at `t`: invitations sent within the rate window and
   * matured, except those the sender withdrew (no longer "ignored or left pending", a551012).
   */
  maturedAcceptance(t: Instant): { sample: number; accepted: number } {
    const r = this.params.restriction;
    const from = t - r.rateWindowDays * DAY_MS;
    const to = t - r.rateMaturityDays * DAY_MS;
    let sample = 0;
    let accepted = 0;
    for (let i = firstAfter(this._invitations, from, (x) => x.sentAt); i < this._invitations.length; i++) {
      const inv = this._invitations[i]!;
      if (inv.sentAt > to) break;
      if (inv.status === 'withdrawn' && inv.statusAt !== null && inv.statusAt <= t) continue;
      sample++;
      if (inv.status === 'accepted' && inv.statusAt !== null && inv.statusAt <= t) accepted++;
    }
    return { sample, accepted };
  }

  /** Sends in the rolling 7 days up to `t` (t <= now). */
  sentInLast7Days(t: Instant): number {
    return countBetween(this.sendTimes, t - 7 * DAY_MS, t);
  }

  /** Notes attached in the rolling 30 days up to `t`. */
  notesInLast30Days(t: Instant): number {
    return countBetween(this.noteTimes, t - 30 * DAY_MS, t);
  }

  /** Whether the sender is connected to the member (as of now). */
  isConnected(memberId: number): boolean {
    return this.connectedOn.has(memberId);
  }

  /** Outgoing invitations as they stood at `asOf` (<= now): pending ones, in sending order. */
  pendingAt(asOf: Instant): SimInvitation[] {
    this.assertPast(asOf);
    return this._invitations.filter(
      (inv) =>
        inv.sentAt <= asOf && (inv.status === 'pending' || (inv.statusAt !== null && inv.statusAt > asOf)),
    );
  }

  /** Outgoing invitations accepted at or before `asOf` (<= now), in sending order. */
  acceptedBy(asOf: Instant): SimInvitation[] {
    this.assertPast(asOf);
    return this._invitations.filter(
      (inv) => inv.status === 'accepted' && inv.statusAt !== null && inv.statusAt <= asOf,
    );
  }

  /** Incoming invitations pending at `asOf`. */
  incomingPendingAt(asOf: Instant): SimIncoming[] {
    this.assertPast(asOf);
    return this._incoming.filter(
      (inv) =>
        inv.sentAt <= asOf &&
        inv.sentAt <= this.clock &&
        (inv.status === 'pending' || (inv.statusAt !== null && inv.statusAt > asOf)),
    );
  }

  /** Connections made at or before `asOf`, oldest first. */
  connectionsAt(asOf: Instant): SimConnection[] {
    this.assertPast(asOf);
    return this._connections.filter((c) => c.connectedOn <= asOf);
  }

  member(id: number): Member {
    const m = this.members.get(id);
    if (!m) throw new InviteKeeperError('INTERNAL', `no member ${id}`);
    return m;
  }

  private assertPast(asOf: Instant): void {
    if (asOf > this.clock) {
      throw new InviteKeeperError(
        'INTERNAL',
        `cannot read the platform at ${asOf}: it has only run to ${this.clock}`,
      );
    }
  }

  private deliver(member: Member, note: string | null, at: Instant): SimInvitation {
    const attempt = (this.attempts.get(member.id) ?? 0) + 1;
    this.attempts.set(member.id, attempt);
    const { plan, u, v } = drawInvitationFate(
      member,
      { note, senderCompleteness: this.completeness, sentAt: at },
      this.root.fork('invitation', member.id, attempt),
      this.params,
    );
    const { firstVisit, p, q, capBlocked } = plan;
    const inv: SimInvitation = {
      id: this._invitations.length + 1,
      memberId: member.id,
      sentAt: at,
      note,
      status: 'pending',
      statusAt: null,
      reminders: [],
      reportedAt: null,
      acceptProbability: capBlocked ? 0 : p,
    };
    this._invitations.push(inv);
    this.plans.set(inv.id, plan);
    this.pendingByMember.set(member.id, inv);
    this.pendingCount++;
    if (this.pendingCount > this.peakPending) this.peakPending = this.pendingCount;
    this.sendTimes.push(at);
    if (note) this.noteTimes.push(at);

    if (!capBlocked && u < p) this.events.push(firstVisit, 'decide', inv.id, 1);
    else if (v < q) this.events.push(firstVisit, 'decide', inv.id, 2);
    const maxReminders = Math.min(2, this.params.reminders.afterDays.length);
    for (let k = 0; k < maxReminders; k++) {
      this.events.push(at + this.params.reminders.afterDays[k]! * DAY_MS, 'reminder', inv.id, k);
    }
    this.events.push(addMonthsUtc(at, this.params.limits.autoWithdrawMonths), 'expire', inv.id, 0);
    return inv;
  }

  private handle(e: SimEvent): void {
    switch (e.kind) {
      case 'decide':
        this.decide(e.ref, e.arg === 1 ? 'accept' : 'report', e.time);
        return;
      case 'reminder':
        this.remind(e.ref, e.arg, e.time);
        return;
      case 'expire': {
        const inv = this._invitations[e.ref - 1]!;
        if (inv.status === 'pending') this.close(inv, 'expired', e.time);
        return;
      }
      case 'incoming':
        this.incomingArrives(e.ref, e.time);
        return;
      case 'incoming-accept': {
        const inc = this._incoming[e.ref]!;
        if (inc.status !== 'pending') return;
        inc.status = 'accepted';
        inc.statusAt = e.time;
        this.incomingPendingByMember.delete(inc.memberId);
        this.connect(inc.memberId, e.time, 'incoming');
        return;
      }
      case 'incoming-expire': {
        const inc = this._incoming[e.ref]!;
        if (inc.status !== 'pending') return;
        inc.status = 'expired';
        inc.statusAt = e.time;
        this.incomingPendingByMember.delete(inc.memberId);
        return;
      }
    }
  }

  private decide(invitationId: number, outcome: 'accept' | 'report', at: Instant): void {
    const inv = this._invitations[invitationId - 1]!;
    if (inv.status !== 'pending' || inv.reportedAt !== null) return;
    if (outcome === 'accept') {
      this.close(inv, 'accepted', at);
      this._acceptances.push({ invitationId, at });
      this.connect(inv.memberId, at, 'outgoing');
    } else {
      inv.reportedAt = at;
      this.blocked.add(inv.memberId);
      this._reports.push({ invitationId, at });
    }
  }

  private remind(invitationId: number, k: number, at: Instant): void {
    const inv = this._invitations[invitationId - 1]!;
    // A reported invitation was answered (ignored); the platform does not chase it.
    if (inv.status !== 'pending' || inv.reportedAt !== null || inv.reminders.length >= 2) return;
    inv.reminders.push(at);
    const plan = this.plans.get(invitationId)!;
    // A reminder matters to someone who saw the invitation and let it be; the rest have yet to look.
    if (plan.firstVisit > at) return;
    const draw = plan.reminders[k]!;
    const r = this.params.reminders;
    if (!plan.capBlocked && draw.u < plan.p * r.acceptFactor)
      this.events.push(at + draw.delay, 'decide', invitationId, 1);
    else if (draw.v < plan.q * r.reportFactor) this.events.push(at + draw.delay, 'decide', invitationId, 2);
  }

  private incomingArrives(index: number, at: Instant): void {
    const inc = this._incoming[index]!;
    if (this.connectedOn.has(inc.memberId) || this.pendingByMember.has(inc.memberId)) {
      // Already linked: the platform would not show a second invitation.
      inc.status = 'expired';
      inc.statusAt = at;
      return;
    }
    this.incomingPendingByMember.set(inc.memberId, inc);
    const rng = this.root.fork('incoming', inc.memberId);
    const inc_ = this.params.incoming;
    if (rng.chance(inc_.senderAcceptShare)) {
      this.events.push(
        at + Math.max(1, rng.exponential(inc_.senderResponseMeanDays * DAY_MS)),
        'incoming-accept',
        index,
        0,
      );
    }
    this.events.push(addMonthsUtc(at, this.params.limits.autoWithdrawMonths), 'incoming-expire', index, 0);
  }

  private close(inv: SimInvitation, status: Exclude<SimInvitationStatus, 'pending'>, at: Instant): void {
    inv.status = status;
    inv.statusAt = at;
    this.pendingByMember.delete(inv.memberId);
    this.pendingCount--;
  }

  private connect(memberId: number, at: Instant, via: SimConnection['via']): void {
    if (this.connectedOn.has(memberId)) return;
    this.connectedOn.set(memberId, at);
    this._connections.push({ memberId, connectedOn: at, via });
  }
}

/** Length in Unicode code points, the way the note limit is counted. */
export function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** A platform at `options.start` with the given members, connections and incoming invitations. */
export function createPlatform(options: PlatformOptions): Platform {
  return new Platform(options);
}
