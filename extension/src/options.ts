/**
 * The options page: pairing with the member's server. The link is parsed here, kept in extension
 * storage (the background worker reads it; no web page can), and checked against the server at once.
 */
import type { Answers } from './messages.ts';
import { asPairing, PAIRING_KEY, parsePairingLink } from './pairing.ts';

const form = document.getElementById('pair-form') as HTMLFormElement;
const input = document.getElementById('link') as HTMLInputElement;
const result = document.getElementById('result') as HTMLElement;
const current = document.getElementById('current') as HTMLElement;
const forget = document.getElementById('forget') as HTMLButtonElement;

function say(text: string, tone: 'ok' | 'bad'): void {
  result.textContent = text;
  result.dataset.tone = tone;
}

async function showCurrent(): Promise<void> {
  const p = asPairing((await chrome.storage.local.get(PAIRING_KEY))[PAIRING_KEY]);
  current.textContent = p ? `Paired with the server at ${p.origin}.` : 'Not paired.';
  forget.disabled = !p;
}

async function check(): Promise<void> {
  const answer = await chrome.runtime.sendMessage<Answers['check']>({ type: 'check' });
  if (answer.ok) {
    say(
      `Paired: invitekeeper answers for the account “${answer.value.account}”. Open your Sent page on LinkedIn.`,
      'ok',
    );
    return;
  }
  const why: Record<typeof answer.reason, string> = {
    unpaired: 'Not paired.',
    away: 'Saved, but nothing answers at that address now: start `invitekeeper serve`, then reload your Sent page.',
    refused:
      'Saved, but the server refused this token: copy the link again from `invitekeeper serve` (the token changes when its file is replaced).',
    error: `Saved, but the server answered: ${'message' in answer ? answer.message : ''}`,
    repaired: 'Saved.',
  };
  say(why[answer.reason], 'bad');
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const parsed = parsePairingLink(input.value);
  if (!parsed.ok) {
    say(parsed.problem, 'bad');
    return;
  }
  void (async () => {
    await chrome.storage.local.set({ [PAIRING_KEY]: parsed.pairing });
    input.value = '';
    await showCurrent();
    await check();
  })();
});

forget.addEventListener('click', () => {
  void (async () => {
    await chrome.storage.local.remove(PAIRING_KEY);
    say('Forgotten: the companion no longer talks to any server.', 'ok');
    await showCurrent();
  })();
});

void showCurrent();
