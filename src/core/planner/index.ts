/**
 * The daily plan (SPEC section 4): which stale invitations to withdraw today, and which targets to
 * invite, with what note and when. Also the per-person rules (connected, pending, cooldown,
 * reported, do-not-contact) shared with a send the member records by hand.
 */
export * from './eligibility.ts';
export * from './sends.ts';
export * from './withdrawals.ts';
