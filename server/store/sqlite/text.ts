import type Database from 'better-sqlite3';
import {
  documentStats,
  rankDocuments,
  tokenizeDocument,
  type TextDocument,
  type TextIndexReader,
  type TextIndexWriter,
  type TextMatch,
  type TextSearch,
} from '../../domain/text-search.js';
import type { Migration } from './columns.js';

/** Part of migration 2: the shared full-text index (server/domain/text-search.ts). */
export const textTables = `
      CREATE VIRTUAL TABLE text_index USING fts5(
        kind UNINDEXED, scope UNINDEXED, ref UNINDEXED, title, body,
        tokenize = 'unicode61 remove_diacritics 2'
      );
      -- The FTS row of each document, so replacing or removing one is a key lookup.
      CREATE TABLE text_index_refs (
        kind TEXT NOT NULL,
        ref TEXT NOT NULL,
        fts_rowid INTEGER NOT NULL,
        PRIMARY KEY (kind, ref)
      ) WITHOUT ROWID;
`;

/**
 * The one token naming a document's kind and scope: `k` and the hex of `kind:scope` (kinds
 * have no colon, so the pair is unambiguous; hex is one token for FTS5 whatever the scope).
 * SQLite's `hex()` of the same text gives the same digits (the migration uses it).
 */
function scopeKey(kind: string, scope: string): string {
  return `k${Buffer.from(`${kind}:${scope}`, 'utf8').toString('hex')}`;
}

/**
 * Migration 6: the scope becomes a column of the full-text match, so a search reads only
 * its scope's rows instead of ranking every match of every subject; BM25's corpus
 * statistics are kept in tables instead of being counted per search. Rowids are kept, so
 * `text_index_refs` stays valid.
 */
export const scopedTextMigration: Migration = {
  version: 6,
  name: 'text index: scope in the match, maintained BM25 statistics',
  sql: `
    CREATE VIRTUAL TABLE text_index_scoped USING fts5(
      scope_key, title, body, kind UNINDEXED, scope UNINDEXED, ref UNINDEXED,
      tokenize = 'unicode61 remove_diacritics 2'
    );
    INSERT INTO text_index_scoped (rowid, scope_key, title, body, kind, scope, ref)
      SELECT rowid, 'k' || lower(hex(kind || ':' || scope)), title, body, kind, scope, ref
      FROM text_index;
    DROP TABLE text_index;
    ALTER TABLE text_index_scoped RENAME TO text_index;

    CREATE TABLE text_stats (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      documents INTEGER NOT NULL,
      tokens INTEGER NOT NULL
    );
    CREATE TABLE text_terms (
      term TEXT PRIMARY KEY,
      documents INTEGER NOT NULL CHECK (documents >= 0)
    ) WITHOUT ROWID;
  `,
  run(db) {
    // The statistics of what is already indexed, counted once with the same tokenizer.
    const writes = new SqliteTextStats(db);
    const rows = db.prepare<[], { title: string; body: string }>(
      'SELECT title, body FROM text_index',
    );
    // Read first: a connection cannot write while one of its queries is still iterating.
    for (const { title, body } of rows.all()) {
      writes.count({ kind: '', scope: '', id: '', title, body }, 1);
    }
  },
};

/** The maintained statistics: one row of totals and one row per term. */
class SqliteTextStats {
  private readonly addTotals: Database.Statement<[number, number]>;
  private readonly addTerm: Database.Statement<{ term: string; delta: number }>;

  constructor(db: Database.Database) {
    this.addTotals = db.prepare(
      `INSERT INTO text_stats (id, documents, tokens) VALUES (1, ?, ?)
       ON CONFLICT (id) DO UPDATE SET documents = documents + excluded.documents,
         tokens = tokens + excluded.tokens`,
    );
    this.addTerm = db.prepare(
      `INSERT INTO text_terms (term, documents) VALUES (@term, MAX(@delta, 0))
       ON CONFLICT (term) DO UPDATE SET documents = documents + @delta`,
    );
  }

  count(document: TextDocument, sign: 1 | -1): void {
    const { tokens, terms } = documentStats(tokenizeDocument(document));
    for (const term of terms) this.addTerm.run({ term, delta: sign });
    this.addTotals.run(sign, sign * tokens);
  }
}

export class SqliteTextReads implements TextIndexReader {
  private readonly inScope: Database.Statement<
    [string],
    { id: string; scope: string; title: string; body: string }
  >;
  private readonly ofKind: Database.Statement<
    [string, string],
    { id: string; scope: string; title: string; body: string }
  >;
  private readonly totals: Database.Statement<[], { documents: number; tokens: number }>;
  private readonly termCounts: Database.Statement<[string], string>;

  constructor(db: Database.Database) {
    this.inScope = db.prepare(
      'SELECT ref AS id, scope, title, body FROM text_index WHERE text_index MATCH ?',
    );
    this.ofKind = db.prepare(
      'SELECT ref AS id, scope, title, body FROM text_index WHERE text_index MATCH ? AND kind = ?',
    );
    this.totals = db.prepare('SELECT documents, tokens FROM text_stats WHERE id = 1');
    this.termCounts = db
      .prepare<[string], string>(
        `SELECT json_group_object(term, documents) FROM text_terms
         WHERE term IN (SELECT value FROM json_each(?))`,
      )
      .pluck();
  }

  async search(search: TextSearch): Promise<TextMatch[]> {
    const { kind, scope, terms } = search;
    if (terms.length === 0) return [];
    // Terms come from `tokenize`: letters and digits only, safe inside quotes.
    const anyTerm = `{title body} : (${terms.map((term) => `"${term}"`).join(' OR ')})`;
    const rows =
      scope === undefined
        ? this.ofKind.all(anyTerm, kind)
        : this.inScope.all(`scope_key : "${scopeKey(kind, scope)}" AND ${anyTerm}`);
    const totals = this.totals.get() ?? { documents: 0, tokens: 0 };
    const termDocuments = new Map(
      Object.entries(
        JSON.parse(this.termCounts.get(JSON.stringify(terms))!) as Record<string, number>,
      ),
    );
    return rankDocuments(
      rows.map((row) => tokenizeDocument({ kind, ...row })),
      { ...totals, termDocuments },
      search,
    );
  }
}

export class SqliteTextWrites extends SqliteTextReads implements TextIndexWriter {
  private readonly stats: SqliteTextStats;
  private readonly findRow: Database.Statement<
    [string, string],
    { rowid: number; title: string; body: string }
  >;
  private readonly deleteRow: Database.Statement<[number]>;
  private readonly insertRow: Database.Statement<[string, string, string, string, string, string]>;
  private readonly deleteRef: Database.Statement<[string, string]>;
  private readonly insertRef: Database.Statement<[string, string, number | bigint]>;

  constructor(db: Database.Database) {
    super(db);
    this.stats = new SqliteTextStats(db);
    this.findRow = db.prepare(
      `SELECT text_index.rowid AS rowid, title, body FROM text_index_refs
       JOIN text_index ON text_index.rowid = text_index_refs.fts_rowid
       WHERE text_index_refs.kind = ? AND text_index_refs.ref = ?`,
    );
    this.deleteRow = db.prepare('DELETE FROM text_index WHERE rowid = ?');
    this.insertRow = db.prepare(
      `INSERT INTO text_index (scope_key, title, body, kind, scope, ref)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.deleteRef = db.prepare('DELETE FROM text_index_refs WHERE kind = ? AND ref = ?');
    this.insertRef = db.prepare(
      'INSERT INTO text_index_refs (kind, ref, fts_rowid) VALUES (?, ?, ?)',
    );
  }

  async index(document: TextDocument): Promise<void> {
    const { kind, scope, id, title, body } = document;
    await this.unindex(kind, id);
    const { lastInsertRowid } = this.insertRow.run(
      scopeKey(kind, scope),
      title,
      body,
      kind,
      scope,
      id,
    );
    this.insertRef.run(kind, id, lastInsertRowid);
    this.stats.count(document, 1);
  }

  async unindex(kind: string, id: string): Promise<void> {
    const row = this.findRow.get(kind, id);
    if (row === undefined) return;
    this.deleteRow.run(row.rowid);
    this.deleteRef.run(kind, id);
    this.stats.count({ kind, scope: '', id, title: row.title, body: row.body }, -1);
  }
}
