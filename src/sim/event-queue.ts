import type { Instant } from '../core/index.ts';

/**
 * The platform's timed events (decisions, reminders, expiries, incoming invitations) in a binary
 * heap: the earliest first, and events at the same time in the order they were scheduled.
 */

export type EventKind = 'decide' | 'reminder' | 'expire' | 'incoming' | 'incoming-accept' | 'incoming-expire';

export interface SimEvent {
  time: Instant;
  seq: number;
  kind: EventKind;
  ref: number;
  /** 'decide': 1 accept, 2 report; 'reminder': index. */
  arg: number;
}

export class EventQueue {
  private readonly heap: SimEvent[] = [];
  private seq = 0;

  /** The earliest event, left in the queue. */
  peek(): SimEvent | undefined {
    return this.heap[0];
  }

  push(time: Instant, kind: EventKind, ref: number, arg: number): void {
    const e: SimEvent = { time, seq: this.seq++, kind, ref, arg };
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  /** Removes the earliest event. */
  pop(): void {
    const h = this.heap;
    const last = h.pop()!;
    if (h.length === 0) return;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && before(h[l]!, h[m]!)) m = l;
      if (r < h.length && before(h[r]!, h[m]!)) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }
}

function before(a: SimEvent, b: SimEvent): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}
