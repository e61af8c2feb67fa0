import { describe, expect, it } from 'vitest';
import { canonicalProfileUrl, isValidTimeZone } from '../core/index.ts';
import { asciiFold, generateWorld, nextVisit } from './population.ts';
import { createRng, hashSeed } from './random.ts';
import { T0, testMember } from './testing.ts';
import { localTime } from './zones.ts';

describe('the seeded stream', () => {
  it('repeats under a seed and differs across seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xs = Array.from({ length: 5 }, () => a.uint32());
    expect(Array.from({ length: 5 }, () => b.uint32())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.uint32())).not.toEqual(xs);
  });

  it('forks by label, whatever the parent consumed', () => {
    const a = createRng(7);
    const b = createRng(7);
    b.next();
    b.next();
    expect(a.fork('x', 1).next()).toBe(b.fork('x', 1).next());
    expect(a.fork('x', 1).next()).not.toBe(a.fork('x', 2).next());
    expect(hashSeed('a', 1)).not.toBe(hashSeed('a1'));
  });

  it('draws uniform values in [0, 1) with the right mean', () => {
    const r = createRng(1);
    let sum = 0;
    let outside = 0;
    for (let i = 0; i < 20_000; i++) {
      const x = r.next();
      if (x < 0 || x >= 1) outside++;
      sum += x;
    }
    expect(outside).toBe(0);
    expect(sum / 20_000).toBeCloseTo(0.5, 1);
    const e = createRng(2);
    let esum = 0;
    for (let i = 0; i < 20_000; i++) esum += e.exponential(3);
    expect(esum / 20_000).toBeGreaterThan(2.8);
    expect(esum / 20_000).toBeLessThan(3.2);
  });
});

describe('generated members', () => {
  const world = generateWorld({ seed: 99, recipients: 2000, connections: 300, incoming: 30, days: 120 });
  const everyone = [...world.recipients, ...world.others];

  it('are the same for the same seed', () => {
    const again = generateWorld({ seed: 99, recipients: 2000, connections: 300, incoming: 30, days: 120 });
    expect(JSON.stringify(again)).toBe(JSON.stringify(world));
  });

  it('have unique canonical profile URLs', () => {
    const urls = everyone.map((m) => m.profileUrl);
    expect(new Set(urls).size).toBe(urls.length);
    expect(everyone.filter((m) => canonicalProfileUrl(m.profileUrl) !== m.profileUrl)).toEqual([]);
    expect(urls).not.toContain(world.sender.profileUrl);
  });

  it('carry the characters real names carry', () => {
    const names = everyone.map((m) => m.name);
    const some = (re: RegExp) => names.filter((n) => re.test(n)).length;
    expect(some(/[éèüöøåłñçã]/i)).toBeGreaterThan(100);
    expect(some(/'/)).toBeGreaterThan(10);
    expect(some(/\p{Extended_Pictographic}/u)).toBeGreaterThan(5);
    expect(some(/,/)).toBeGreaterThan(10);
    expect(some(/"/)).toBeGreaterThan(5);
    expect(some(/[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]/)).toBeGreaterThan(0);
  });

  it('live in real time zones, a realistic mix', () => {
    const zones = new Set(everyone.map((m) => m.timezone));
    for (const z of zones) expect(isValidTimeZone(z)).toBe(true);
    expect(zones.size).toBeGreaterThan(25);
    expect(zones).toContain('Asia/Kathmandu');
  });

  it('include a few at or near the 30,000 cap and never show a real-looking e-mail address', () => {
    const nearCap = world.recipients.filter((m) => m.connectionCount >= 29_950);
    expect(nearCap.length).toBeGreaterThan(3);
    expect(nearCap.length).toBeLessThan(60);
    expect(nearCap.some((m) => m.connectionCount === 30_000)).toBe(true);
    const emails = everyone.map((m) => m.email).filter((e) => e !== null);
    expect(emails.length).toBeGreaterThan(0);
    expect(emails.filter((e) => !/^[a-z0-9.]+@example\.com$/.test(e!))).toEqual([]);
  });

  it('mix relations and mutual connections, strangers having fewer', () => {
    const by = (r: string) => world.recipients.filter((m) => m.relation === r);
    const zeroShare = (r: string) => by(r).filter((m) => m.mutualConnections === 0).length / by(r).length;
    expect(zeroShare('other')).toBeGreaterThan(zeroShare('colleague'));
    for (const r of ['colleague', 'alumni', 'industry-peer', 'other'])
      expect(by(r).length).toBeGreaterThan(100);
  });

  it('start connected before the simulation, and invite the sender during it', () => {
    for (const c of world.connections) expect(c.connectedOn).toBeLessThan(T0);
    for (const inc of world.incoming) expect(inc.sentAt).toBeGreaterThan(T0);
  });

  it('fold names to ASCII for slugs', () => {
    expect(asciiFold("Łukasz Østergaard-D'Souza")).toBe('lukasz-ostergaard-d-souza');
    expect(asciiFold('Straßer')).toBe('strasser');
  });
});

describe('visits', () => {
  it('follow the member’s hours and weekdays, in their time zone', () => {
    const member = testMember(0, {
      timezone: 'Asia/Tokyo',
      hourActivity: Array.from({ length: 24 }, (_, h) => (h === 20 ? 1 : 0)),
      weekdayActivity: [1, 1, 1, 1, 1, 0, 0],
      visitsPerWeek: 3,
    });
    const rng = createRng(3);
    let t = T0;
    for (let i = 0; i < 200; i++) {
      const v = nextVisit(member, t, rng);
      expect(v).toBeGreaterThan(t);
      const local = localTime(v, 'Asia/Tokyo');
      expect(local.hour).toBe(20);
      expect(local.weekday).toBeLessThanOrEqual(5);
      t = v;
    }
  });
});
