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
import { one, sql, type Db, type Migration } from './columns.js';

/**
 * Part of migration 2: the shared full-text index (server/domain/text-search.ts). `terms` is
 * a tsvector of the domain's own tokens (`tokenize`, the FTS5 tokenizer's twin) plus one
 * lexeme naming the kind and scope, so a GIN search intersects the scope's posting list with
 * the terms' and reads only the scope's matches (as SQLite's scope column does, ADR 008).
 */
export const textTables = `
      CREATE TABLE text_index (
        kind TEXT NOT NULL,
        ref TEXT NOT NULL,
        scope TEXT NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        terms TSVECTOR NOT NULL,
        PRIMARY KEY (kind, ref)
      );
      CREATE INDEX text_index_terms ON text_index USING GIN (terms);
`;

/** Migration 6 on SQLite scoped the index; here it only adds the maintained BM25 statistics. */
export const textStatsMigration: Migration = {
  version: 6,
  name: 'text index: maintained BM25 statistics',
  sql: `
    CREATE TABLE text_stats (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      documents INTEGER NOT NULL,
      tokens BIGINT NOT NULL
    );
    CREATE TABLE text_terms (
      term TEXT PRIMARY KEY,
      documents INTEGER NOT NULL CHECK (documents >= 0)
    );
  `,
};

/**
 * The lexeme naming a document's kind and scope. `#` never occurs in a token (tokens are
 * letters and digits), so it cannot collide with a word; hex keeps any scope one lexeme.
 */
function scopeLexeme(kind: string, scope: string): string {
  return `#${Buffer.from(`${kind}:${scope}`, 'utf8').toString('hex')}`;
}

/** Postgres refuses lexemes of 2 KB or more; such a "word" is never a search term anyway. */
const MAX_LEXEME_BYTES = 2046;

/**
 * `'a' | 'b'` for the terms, each quoted. Terms come from `tokenize`: letters and digits
 * only, so nothing in them needs escaping. The cast to tsquery applies no dictionary: a
 * term matches exactly the token the document was indexed with.
 */
const anyOf = (terms: readonly string[]) => terms.map((term) => `'${term}'`).join(' | ');

interface CandidateColumns {
  id: string;
  scope: string;
  title: string;
  body: string;
}

export class PgTextReads implements TextIndexReader {
  constructor(protected readonly db: Db) {}

  async search(search: TextSearch): Promise<TextMatch[]> {
    const { kind, scope, terms } = search;
    if (terms.length === 0) return [];
    const rows =
      scope === undefined
        ? await sql<CandidateColumns>(
            this.db,
            `SELECT ref AS id, scope, title, body FROM text_index
             WHERE terms @@ $1::tsquery AND kind = $2`,
            [anyOf(terms), kind],
          )
        : await sql<CandidateColumns>(
            this.db,
            'SELECT ref AS id, scope, title, body FROM text_index WHERE terms @@ $1::tsquery',
            [`'${scopeLexeme(kind, scope)}' & (${anyOf(terms)})`],
          );
    const totals = (await one<{ documents: number; tokens: number }>(
      this.db,
      'SELECT documents, tokens FROM text_stats WHERE id = 1',
    )) ?? { documents: 0, tokens: 0 };
    const counts = await sql<{ term: string; documents: number }>(
      this.db,
      'SELECT term, documents FROM text_terms WHERE term = ANY($1::text[])',
      [terms],
    );
    // The same ranking as SQLite's, row for row: one function over the same tokens.
    return rankDocuments(
      rows.map((row) => tokenizeDocument({ kind, ...row })),
      { ...totals, termDocuments: new Map(counts.map((c) => [c.term, c.documents])) },
      search,
    );
  }
}

export class PgTextWrites extends PgTextReads implements TextIndexWriter {
  async index(document: TextDocument): Promise<void> {
    const { kind, scope, id, title, body } = document;
    await this.unindex(kind, id);
    const stats = documentStats(tokenizeDocument(document));
    const lexemes = [...stats.terms].filter(
      (term) => Buffer.byteLength(term, 'utf8') <= MAX_LEXEME_BYTES,
    );
    await sql(
      this.db,
      `INSERT INTO text_index (kind, ref, scope, title, body, terms)
       VALUES ($1, $2, $3, $4, $5, array_to_tsvector($6::text[]))`,
      [kind, id, scope, title, body, [scopeLexeme(kind, scope), ...lexemes]],
    );
    await this.count(stats, 1);
  }

  async unindex(kind: string, id: string): Promise<void> {
    const row = await one<{ title: string; body: string }>(
      this.db,
      'DELETE FROM text_index WHERE kind = $1 AND ref = $2 RETURNING title, body',
      [kind, id],
    );
    if (row === undefined) return;
    await this.count(
      documentStats(tokenizeDocument({ kind, scope: '', id, title: row.title, body: row.body })),
      -1,
    );
  }

  /** Adds a document's share to the maintained statistics (or takes it back out). */
  private async count(stats: { tokens: number; terms: Set<string> }, sign: 1 | -1) {
    // Sorted, so two transactions touching the same terms lock their rows in one order.
    const terms = [...stats.terms].sort();
    if (terms.length > 0) {
      await sql(
        this.db,
        `INSERT INTO text_terms AS t (term, documents)
         SELECT term, greatest($2::int, 0) FROM unnest($1::text[]) AS term
         ON CONFLICT (term) DO UPDATE SET documents = t.documents + $2::int`,
        [terms, sign],
      );
    }
    await sql(
      this.db,
      `INSERT INTO text_stats AS s (id, documents, tokens) VALUES (1, $1, $2)
       ON CONFLICT (id) DO UPDATE SET documents = s.documents + $1, tokens = s.tokens + $2`,
      [sign, sign * stats.tokens],
    );
  }
}
