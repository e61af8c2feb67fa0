/**
 * A set of strings that remembers only a 32-bit fingerprint of each: four bytes a member instead of
 * the string itself, so the keys of a million-row import fit in a few megabytes. It can answer
 * "maybe" for a string it never saw (one whose fingerprint another string has: about one lookup in
 * 4,000 at a million members), never "no" for one it did; callers check a "maybe" against the
 * database.
 */
export class HashedKeySet {
  private slots = new Uint32Array(1024);
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(key: string): void {
    if (this.insert(hash52(key)) && ++this.count * 2 > this.slots.length) this.grow();
  }

  /** False when `key` was surely never added; true when it was, or (rarely) another with its fingerprint was. */
  mightHave(key: string): boolean {
    const h = hash52(key);
    const f = fingerprintOf(h);
    const mask = this.slots.length - 1;
    for (let i = slotOf(h, mask); ; i = (i + 1) & mask) {
      const v = this.slots[i]!;
      if (v === f) return true;
      if (v === 0) return false;
    }
  }

  /** Puts a fingerprint in its slot; false when it was there already. */
  private insert(h: number): boolean {
    const f = fingerprintOf(h);
    const mask = this.slots.length - 1;
    for (let i = slotOf(h, mask); ; i = (i + 1) & mask) {
      const v = this.slots[i]!;
      if (v === f) return false;
      if (v === 0) {
        this.slots[i] = f;
        return true;
      }
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    // The fingerprint is the hash's high 32 bits and the slot comes from it too, so it moves alone.
    for (const f of old) if (f !== 0) this.insertFingerprint(f);
  }

  private insertFingerprint(f: number): void {
    const mask = this.slots.length - 1;
    for (let i = slotOfFingerprint(f, mask); ; i = (i + 1) & mask) {
      if (this.slots[i] === 0) {
        this.slots[i] = f;
        return;
      }
    }
  }
}

/** The high 32 bits of the hash, never 0 (0 marks an empty slot). */
function fingerprintOf(h: number): number {
  return Math.floor(h / 0x100000) >>> 0 || 1;
}

function slotOfFingerprint(f: number, mask: number): number {
  return (Math.imul(f, 0x9e3779b1) >>> 0) & mask;
}

function slotOf(h: number, mask: number): number {
  return slotOfFingerprint(fingerprintOf(h), mask);
}

/** Two 32-bit FNV-1a variants over the UTF-16 code units, finished with murmur3's mix; never 0. */
export function hash52(text: string): number {
  let a = 0x811c9dc5;
  let b = 0x3c6ef372;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  a = fmix(a);
  b = fmix(b ^ text.length);
  const h = (a >>> 0) * 0x100000 + (b >>> 12);
  return h === 0 ? 1 : h;
}

function fmix(h: number): number {
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return x ^ (x >>> 16);
}
