/**
 * A set of strings that remembers only a 52-bit hash of each: eight bytes a member instead of the
 * string itself, so the keys of a million-row import fit in a few megabytes. It can answer "maybe"
 * for a string it never saw (two strings with the same hash, about one in 2^52), never "no" for
 * one it did; callers check a "maybe" against the database.
 */
export class HashedKeySet {
  private slots = new Float64Array(1024);
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(key: string): void {
    const h = hash52(key);
    if (this.insert(h) && ++this.count * 2 > this.slots.length) this.grow();
  }

  /** False when `key` was surely never added; true when it was, or (rarely) a namesake hash was. */
  mightHave(key: string): boolean {
    const h = hash52(key);
    const mask = this.slots.length - 1;
    for (let i = slotOf(h, mask); ; i = (i + 1) & mask) {
      const v = this.slots[i]!;
      if (v === h) return true;
      if (v === 0) return false;
    }
  }

  /** Puts a hash in its slot; false when it was there already. */
  private insert(h: number): boolean {
    const mask = this.slots.length - 1;
    for (let i = slotOf(h, mask); ; i = (i + 1) & mask) {
      const v = this.slots[i]!;
      if (v === h) return false;
      if (v === 0) {
        this.slots[i] = h;
        return true;
      }
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Float64Array(old.length * 2);
    for (const h of old) if (h !== 0) this.insert(h);
  }
}

function slotOf(h: number, mask: number): number {
  // The low 20 bits come from the second hash; mix in the high part so a large table uses them all.
  return ((h % 0x100000) ^ Math.floor(h / 0x100000)) & mask;
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
