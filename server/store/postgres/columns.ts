import { createHash } from 'node:crypto';

/** A schema change: applied once per database, by version (see `migrations.ts`). */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** What the stores query through: the pool outside transactions, one client inside. */
export interface Db {
  query<R extends object = Record<string, unknown>>(query: {
    name: string;
    text: string;
    values: unknown[];
  }): Promise<{ rows: R[]; rowCount: number | null }>;
}

const names = new Map<string, string>();

/**
 * Runs `text` as a named prepared statement: Postgres parses and plans it once per
 * connection instead of once per call. Names are derived from the text, so the same SQL
 * shares one statement whichever feature sends it.
 */
export async function sql<R extends object = Record<string, unknown>>(
  db: Db,
  text: string,
  values: unknown[] = [],
): Promise<R[]> {
  let name = names.get(text);
  if (name === undefined) {
    name = `cw_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  return (await db.query<R>({ name, text, values })).rows;
}

/** The first row, if any. */
export async function one<R extends object = Record<string, unknown>>(
  db: Db,
  text: string,
  values: unknown[] = [],
): Promise<R | undefined> {
  return (await sql<R>(db, text, values))[0];
}

/**
 * `UPDATE table SET <the given columns> WHERE id = $n`. Column names come from the stores'
 * own code, never from requests, so they are safe to splice.
 */
export async function updateColumns(
  db: Db,
  table: string,
  id: string,
  columns: Record<string, unknown>,
): Promise<void> {
  const names = Object.keys(columns);
  if (names.length === 0) return;
  const text = `UPDATE ${table} SET ${names.map((n, i) => `${n} = $${i + 1}`).join(', ')} WHERE id = $${names.length + 1}`;
  await sql(db, text, [...Object.values(columns), id]);
}

export { dateOrNull, timeOrNull } from '../rows/values.js';
