/**
 * The account's target queue held in memory while rows are merged in (an import, or one
 * `targets add`), then written once. The merge rule is the one described in targets.ts.
 */
import { type Instant, normalizeName, type PersonKey, personKeyOf } from '../../core/index.ts';
import type { Repositories, TargetRecord } from '../ports.ts';
import type { TargetFields } from './targets.ts';

type MergeOutcome = 'new' | 'updated' | 'unchanged';

/**
 * The account's targets held in memory while a batch of rows is merged in, then written once:
 * new targets in bulk, changed ones one by one (under their key as stored, which may change).
 */
export class TargetQueue {
  private readonly byKey = new Map<PersonKey, TargetRecord>();
  /** Keys of the targets of each name key, so a row finds its namesakes without a scan. */
  private readonly byName = new Map<string, Set<PersonKey>>();
  /** Stored key of each target that existed before, by its current key. */
  private readonly storedKey = new Map<PersonKey, PersonKey>();
  private readonly changed = new Set<PersonKey>();
  private readonly touched = new Set<PersonKey>();
  duplicates = 0;

  private constructor(
    private readonly tx: Repositories,
    private readonly accountId: number,
    existing: readonly TargetRecord[],
  ) {
    for (const t of existing) {
      this.put(t);
      this.storedKey.set(t.personKey, t.personKey);
    }
  }

  static async load(tx: Repositories, accountId: number): Promise<TargetQueue> {
    return new TargetQueue(tx, accountId, await tx.listTargets(accountId));
  }

  private put(t: TargetRecord): void {
    this.byKey.set(t.personKey, t);
    const keys = this.byName.get(t.nameKey) ?? new Set<PersonKey>();
    keys.add(t.personKey);
    this.byName.set(t.nameKey, keys);
  }

  private drop(t: TargetRecord): void {
    this.byKey.delete(t.personKey);
    this.byName.get(t.nameKey)?.delete(t.personKey);
  }

  private namesakes(nameKey: string): TargetRecord[] {
    return [...(this.byName.get(nameKey) ?? [])].map((k) => this.byKey.get(k)!).filter(Boolean);
  }

  /** The target a row is about, or a message when a name matches several targets. */
  private find(profileUrl: string | null, nameKey: string): TargetRecord | null | string {
    if (profileUrl) {
      const direct = this.byKey.get(profileUrl);
      if (direct) return direct;
      if (!nameKey) return null;
      // A name-only target learns its URL.
      const nameOnly = this.namesakes(nameKey).filter((t) => t.profileUrl === null);
      return nameOnly.length === 1 ? nameOnly[0]! : null;
    }
    const direct = this.byKey.get(`name:${nameKey}`);
    if (direct) return direct;
    const named = this.namesakes(nameKey);
    if (named.length > 1) {
      return `${named.length} targets are named "${named[0]!.name}"; give this row's profileUrl to say which`;
    }
    return named[0] ?? null;
  }

  /** Merges one row (or `targets add` flags); returns what happened and the key, or a row error message. */
  merge(fields: TargetFields, now: Instant): { outcome: MergeOutcome; personKey: PersonKey } | string {
    const name = fields.name?.trim() ?? '';
    const profileUrl = fields.profileUrl ?? null;
    const nameKey = normalizeName(name);
    const found = this.find(profileUrl, nameKey);
    if (typeof found === 'string') return found;
    if (!found) {
      const personKey = personKeyOf(profileUrl, name);
      const target: TargetRecord = {
        personKey,
        profileUrl,
        name,
        nameKey,
        relation: fields.relation ?? null,
        mutualConnections: fields.mutualConnections ?? null,
        connectionCount: fields.connectionCount ?? null,
        timezone: fields.timezone ?? null,
        tags: fields.tags ?? [],
        company: fields.company ?? null,
        headline: fields.headline ?? null,
        custom: { ...(fields.custom ?? {}) },
        doNotContact: false,
        addedAt: now,
        updatedAt: now,
      };
      this.put(target);
      this.changed.add(personKey);
      this.touched.add(personKey);
      return { outcome: 'new', personKey };
    }
    if (this.touched.has(found.personKey)) this.duplicates++;
    const merged = mergeTarget(found, fields, name, profileUrl);
    this.touched.add(merged.personKey);
    if (sameTarget(found, merged)) return { outcome: 'unchanged', personKey: found.personKey };
    merged.updatedAt = now;
    this.drop(found);
    if (merged.personKey !== found.personKey) {
      const stored = this.storedKey.get(found.personKey);
      this.storedKey.delete(found.personKey);
      if (stored !== undefined) this.storedKey.set(merged.personKey, stored);
      if (this.changed.delete(found.personKey)) this.changed.add(merged.personKey);
    }
    this.put(merged);
    this.changed.add(merged.personKey);
    // A row naming a target an earlier row of the same file created updates it: one target, one "new".
    return { outcome: 'updated', personKey: merged.personKey };
  }

  get(personKey: PersonKey): TargetRecord | undefined {
    return this.byKey.get(personKey);
  }

  async save(): Promise<void> {
    const fresh: TargetRecord[] = [];
    for (const key of this.changed) {
      const target = this.byKey.get(key);
      if (!target) continue;
      const stored = this.storedKey.get(key);
      if (stored === undefined) fresh.push(target);
      else await this.tx.updateTarget(this.accountId, stored, target);
    }
    await this.tx.insertTargets(this.accountId, fresh);
  }
}

function mergeTarget(
  old: TargetRecord,
  fields: TargetFields,
  name: string,
  profileUrl: string | null,
): TargetRecord {
  const out: TargetRecord = { ...old, tags: [...old.tags], custom: { ...old.custom } };
  if (name) {
    out.name = name;
    out.nameKey = normalizeName(name);
  }
  if (profileUrl && old.profileUrl === null) out.profileUrl = profileUrl;
  out.personKey = personKeyOf(out.profileUrl, out.name);
  if (fields.relation) out.relation = fields.relation;
  if (fields.mutualConnections != null) out.mutualConnections = fields.mutualConnections;
  if (fields.connectionCount != null) out.connectionCount = fields.connectionCount;
  if (fields.timezone) out.timezone = fields.timezone;
  if (fields.tags && fields.tags.length > 0) out.tags = [...fields.tags];
  if (fields.company) out.company = fields.company;
  if (fields.headline) out.headline = fields.headline;
  for (const [k, v] of Object.entries(fields.custom ?? {})) if (v !== '') out.custom[k] = v;
  return out;
}

function sameTarget(a: TargetRecord, b: TargetRecord): boolean {
  const strip = ({ updatedAt: _u, ...rest }: TargetRecord) => rest;
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}
