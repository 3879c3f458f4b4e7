/**
 * What the memory store's transactions share: the undo journal, the insertion counter and
 * row copying. No Node APIs: the msw mock runs this in the browser.
 */
export class Journal {
  private undo: Array<() => void> | null = null;

  /** Records a map entry's old value so a failed transaction can put it back. */
  remember<K, V>(map: Map<K, V>, key: K): void {
    const had = map.has(key);
    const before = map.get(key);
    this.undo?.push(() => (had ? map.set(key, before as V) : map.delete(key)));
  }

  /** Replaces an existing row by `next(row)`, remembering it; absent rows stay absent. */
  change<R>(rows: Map<string, R>, id: string, next: (row: R) => R): void {
    const row = rows.get(id);
    if (!row) return;
    this.remember(rows, id);
    rows.set(id, next(row));
  }

  /**
   * Adds or removes `id` in the set of `owner` (a subject's questions, a board's ideas), so a
   * read scoped to one owner costs what the owner holds. Sets are replaced, never edited in
   * place, so undo is exact.
   */
  link(index: Map<string, ReadonlySet<string>>, owner: string, id: string, add: boolean): void {
    this.remember(index, owner);
    const ids = new Set(index.get(owner));
    if (add) ids.add(id);
    else ids.delete(id);
    if (ids.size === 0) index.delete(owner);
    else index.set(owner, ids);
  }

  /** Runs `work`; when it throws, every remembered entry is put back, newest first. */
  async transact<T>(work: () => Promise<T>): Promise<T> {
    this.undo = [];
    try {
      return await work();
    } catch (error) {
      for (const step of this.undo.reverse()) step();
      throw error;
    } finally {
      this.undo = null;
    }
  }
}

/** Insertion order shared by every table, as SQLite's rowids give each table its own. */
export class Sequence {
  private last = 0;
  next(): number {
    this.last += 1;
    return this.last;
  }
}

export const key = (...parts: string[]): string => parts.join('\u0000');

/** Rows leave the store as copies, so a caller's change never edits stored data. */
export function copy<R extends object>(row: R): R {
  const topics = (row as { topics?: unknown }).topics;
  return Array.isArray(topics) ? { ...row, topics: [...topics] } : { ...row };
}

export function pick<R extends object>(
  rows: Map<string, R>,
  ids: readonly string[],
): Map<string, R> {
  const found = new Map<string, R>();
  for (const id of ids) {
    const row = rows.get(id);
    if (row) found.set(id, copy(row));
  }
  return found;
}

/** Code-unit order, as SQLite's default BINARY collation compares. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
