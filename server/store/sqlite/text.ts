import type Database from 'better-sqlite3';
import {
  BODY_WEIGHT,
  ftsMatchExpression,
  TITLE_WEIGHT,
  type TextDocument,
  type TextIndexReader,
  type TextIndexWriter,
  type TextMatch,
  type TextSearch,
} from '../../domain/text-search.js';

/**
 * Part of migration 2: the shared full-text index (server/domain/text-search.ts). FTS5's
 * bm25() ranks; the memory store reproduces tokenizer and formula.
 */
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

export class SqliteTextReads implements TextIndexReader {
  private readonly matches: Database.Statement<
    [string, string, string | null, string | null, number, number],
    TextMatch
  >;

  constructor(db: Database.Database) {
    // bm25() is negative, more negative is better; its statistics cover the whole table,
    // which is what rankDocuments reproduces for the memory store.
    this.matches = db.prepare(
      `SELECT ref AS id, -bm25(text_index, 0, 0, 0, ${TITLE_WEIGHT}, ${BODY_WEIGHT}) AS score
       FROM text_index
       WHERE text_index MATCH ? AND kind = ? AND (? IS NULL OR scope = ?)
       ORDER BY score DESC, ref ASC LIMIT ? OFFSET ?`,
    );
  }

  async search({ kind, scope, terms, limit, offset = 0 }: TextSearch): Promise<TextMatch[]> {
    if (terms.length === 0) return [];
    const scopeValue = scope ?? null;
    return this.matches.all(ftsMatchExpression(terms), kind, scopeValue, scopeValue, limit, offset);
  }
}

export class SqliteTextWrites extends SqliteTextReads implements TextIndexWriter {
  private readonly findRow: Database.Statement<[string, string], number>;
  private readonly deleteRow: Database.Statement<[number]>;
  private readonly insertRow: Database.Statement<[string, string, string, string, string]>;
  private readonly deleteRef: Database.Statement<[string, string]>;
  private readonly insertRef: Database.Statement<[string, string, number | bigint]>;

  constructor(db: Database.Database) {
    super(db);
    this.findRow = db
      .prepare<[string, string], number>(
        'SELECT fts_rowid FROM text_index_refs WHERE kind = ? AND ref = ?',
      )
      .pluck();
    this.deleteRow = db.prepare('DELETE FROM text_index WHERE rowid = ?');
    this.insertRow = db.prepare(
      'INSERT INTO text_index (kind, scope, ref, title, body) VALUES (?, ?, ?, ?, ?)',
    );
    this.deleteRef = db.prepare('DELETE FROM text_index_refs WHERE kind = ? AND ref = ?');
    this.insertRef = db.prepare(
      'INSERT INTO text_index_refs (kind, ref, fts_rowid) VALUES (?, ?, ?)',
    );
  }

  async index({ kind, scope, id, title, body }: TextDocument): Promise<void> {
    await this.unindex(kind, id);
    const { lastInsertRowid } = this.insertRow.run(kind, scope, id, title, body);
    this.insertRef.run(kind, id, lastInsertRowid);
  }

  async unindex(kind: string, id: string): Promise<void> {
    const rowid = this.findRow.get(kind, id);
    if (rowid === undefined) return;
    this.deleteRow.run(rowid);
    this.deleteRef.run(kind, id);
  }
}
