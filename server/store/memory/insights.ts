import {
  bucketDays,
  type InsightBucket,
  type InsightBucketQuery,
  type InsightTopQuery,
  type InsightStoreWriter,
} from '../../domain/insight-store.js';
import { key, type Journal } from './journal.js';

/**
 * The insights' aggregates in Maps. A bucket (metric, scope, day) is one immutable Map of
 * counters, replaced on change, so the journal's undo is exact; reads walk the days asked.
 */
export class MemoryInsights implements InsightStoreWriter {
  private readonly groups = new Map<string, ReadonlyMap<string, number>>();
  private readonly entities = new Map<string, { parent: string | null; state: unknown }>();
  private readonly ofParent = new Map<string, ReadonlySet<string>>();
  private readonly open = new Map<string, { scopes: readonly string[]; at: number }>();
  private readonly openIn = new Map<string, ReadonlySet<string>>();

  constructor(private readonly journal: Journal) {}

  async buckets(query: InsightBucketQuery): Promise<InsightBucket[]> {
    const { metric, keys } = query;
    const wanted = keys ? new Set(keys) : null;
    const found: InsightBucket[] = [];
    for (const [scope, day] of bucketDays(query)) {
      for (const [k, value] of this.groups.get(key(metric, scope, String(day))) ?? []) {
        if (!wanted || wanted.has(k)) found.push({ metric, scope, day, key: k, value });
      }
    }
    return found;
  }

  async top({ metric, scope, day, limit }: InsightTopQuery) {
    return [...(this.groups.get(key(metric, scope, String(day))) ?? [])]
      .map(([k, value]) => ({ metric, scope, day, key: k, value }))
      .sort((a, b) => b.value - a.value || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .slice(0, limit);
  }

  async entity<T>(kind: string, id: string): Promise<T | undefined> {
    const row = this.entities.get(key(kind, id));
    return row && (structuredClone(row.state) as T);
  }

  async children<T>(kind: string, parent: string): Promise<Array<{ id: string; state: T }>> {
    return [...(this.ofParent.get(key(kind, parent)) ?? [])]
      .sort()
      .map((id) => ({ id, state: structuredClone(this.entities.get(key(kind, id))!.state) as T }));
  }

  async oldestOpen(scope: string, limit: number): Promise<Array<{ questionId: string; at: Date }>> {
    return [...(this.openIn.get(scope) ?? [])]
      .map((questionId) => ({ questionId, at: this.open.get(questionId)!.at }))
      .sort((a, b) => a.at - b.at || (a.questionId < b.questionId ? -1 : 1))
      .slice(0, limit)
      .map(({ questionId, at }) => ({ questionId, at: new Date(at) }));
  }

  async add(rows: readonly InsightBucket[]): Promise<void> {
    for (const row of rows) {
      const group = key(row.metric, row.scope, String(row.day));
      const next = new Map(this.groups.get(group));
      const value = (next.get(row.key) ?? 0) + row.value;
      if (value === 0) next.delete(row.key);
      else next.set(row.key, value);
      this.journal.remember(this.groups, group);
      if (next.size === 0) this.groups.delete(group);
      else this.groups.set(group, next);
    }
  }

  async putEntity(kind: string, id: string, parent: string | null, state: unknown): Promise<void> {
    const k = key(kind, id);
    const before = this.entities.get(k);
    if (before?.parent != null)
      this.journal.link(this.ofParent, key(kind, before.parent), id, false);
    this.journal.remember(this.entities, k);
    if (state === null) {
      this.entities.delete(k);
      return;
    }
    this.entities.set(k, { parent, state: structuredClone(state) });
    if (parent !== null) this.journal.link(this.ofParent, key(kind, parent), id, true);
  }

  async setOpen(questionId: string, scopes: readonly string[], at: Date | null): Promise<void> {
    for (const scope of this.open.get(questionId)?.scopes ?? []) {
      this.journal.link(this.openIn, scope, questionId, false);
    }
    this.journal.remember(this.open, questionId);
    if (at === null || scopes.length === 0) {
      this.open.delete(questionId);
      return;
    }
    this.open.set(questionId, { scopes: [...scopes], at: at.getTime() });
    for (const scope of scopes) this.journal.link(this.openIn, scope, questionId, true);
  }

  async clear(): Promise<void> {
    const maps: Array<Map<string, unknown>> = [
      this.groups,
      this.entities,
      this.ofParent,
      this.open,
      this.openIn,
    ];
    for (const map of maps) {
      for (const k of [...map.keys()]) {
        this.journal.remember(map, k);
        map.delete(k);
      }
    }
  }
}
