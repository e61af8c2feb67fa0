/**
 * The simulation's only source of chance: sfc32 (Chris Doty-Humphrey's Small Fast Counting PRNG,
 * 32-bit, from PractRand), seeded through splitmix32. Small, well known, passes PractRand, and
 * fully deterministic: no Math.random anywhere in src/sim.
 *
 * `fork(...labels)` derives an independent stream from the seed and the labels only, not from how
 * much of the parent stream was consumed. The platform keys each invitation's stream by
 * (seed, recipient, attempt), so two strategies run on the same seed meet the same recipients with
 * the same dice (common random numbers) and their figures differ only by what they did.
 */

export interface Rng {
  /** The seed this stream was made from (after hashing). */
  readonly seed: number;
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform 32-bit unsigned integer. */
  uint32(): number;
  /** Uniform integer in [min, maxExclusive). */
  int(min: number, maxExclusive: number): number;
  /** Uniform float in [min, max). */
  between(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element, uniformly. Throws on an empty list. */
  pick<T>(items: readonly T[]): T;
  /** One element with probability proportional to its weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** Standard normal (Box-Muller). */
  normal(): number;
  /** Log-normal with the given median and log-scale sigma. */
  lognormal(median: number, sigma: number): number;
  /** Exponential with the given mean. */
  exponential(mean: number): number;
  /** A new independent stream derived from this stream's seed and the labels. */
  fork(...labels: readonly (string | number)[]): Rng;
}

/** A 32-bit hash of the parts (FNV-1a over their text, then the murmur3 finaliser). */
export function hashSeed(...parts: readonly (string | number)[]): number {
  let h = 0x811c9dc5;
  const text = parts.join('\u001f');
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return (z ^ (z >>> 15)) >>> 0;
  };
}

/** A seeded stream. A string seed is hashed; a number is used as its 32 low bits. */
export function createRng(seed: number | string): Rng {
  const s = typeof seed === 'string' ? hashSeed(seed) : seed >>> 0;
  const init = splitmix32(s);
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  const uint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) uint32();
  const next = (): number => uint32() / 4294967296;

  const rng: Rng = {
    seed: s,
    next,
    uint32,
    int(min, maxExclusive) {
      return min + Math.floor(next() * (maxExclusive - min));
    },
    between(min, max) {
      return min + next() * (max - min);
    },
    chance(p) {
      return next() < p;
    },
    pick(items) {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[Math.floor(next() * items.length)]!;
    },
    weighted(items) {
      let total = 0;
      for (const [, w] of items) total += w;
      let x = next() * total;
      for (const [item, w] of items) {
        x -= w;
        if (x < 0) return item;
      }
      const last = items[items.length - 1];
      if (!last) throw new RangeError('weighted pick from an empty list');
      return last[0];
    },
    normal() {
      // 1 - next() is in (0, 1], so the log is finite.
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    lognormal(median, sigma) {
      return median * Math.exp(sigma * rng.normal());
    },
    exponential(mean) {
      return -mean * Math.log(1 - next());
    },
    fork(...labels) {
      return createRng(hashSeed(s, ...labels));
    },
  };
  return rng;
}
