import type Database from 'better-sqlite3';

/** A schema change: applied once per file, by version (see `migrations.ts`). */
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Work SQL cannot do (e.g. tokenizing with the domain's tokenizer), after `sql`, in its transaction. */
  run?(db: Database.Database): void;
}

const updates = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * `UPDATE table SET <the given columns> WHERE id = @id`, prepared once per column set and
 * connection. Column names come from the stores' own code, never from requests, so they are
 * safe to splice.
 */
export function updateColumns(
  db: Database.Database,
  table: string,
  id: string,
  columns: Record<string, unknown>,
): void {
  const names = Object.keys(columns);
  if (names.length === 0) return;
  const sql = `UPDATE ${table} SET ${names.map((n) => `${n} = @${n}`).join(', ')} WHERE id = @id`;
  let cache = updates.get(db);
  if (!cache) updates.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = db.prepare(sql)));
  statement.run({ ...columns, id });
}

export { dateOrNull, timeOrNull } from '../rows/values.js';
