/**
 * Full-text search and similarity, shared by every widget that finds text (questions, ideas).
 * Both stores find the candidates of one kind and scope through a per-scope index (SQLite:
 * the scope as a column of the FTS5 match; memory: a map per scope) and rank them with
 * `rankDocuments` below, which reproduces FTS5's tokenizer (`unicode61 remove_diacritics 2`)
 * and its `bm25()` formula exactly over statistics the stores maintain, so a search costs
 * what its scope holds and both stores rank the same documents the same way.
 *
 * The domain decides what a query means (`searchTerms`: words, no stop words, OR-ed); the
 * stores only rank.
 */

/** A document in the shared text index. `kind` separates widgets, `scope` their subjects. */
export interface TextDocument {
  /** What it is: `question`, `idea`, `review`… */
  kind: string;
  /** Where it lives (a subject, a board); searches may be limited to one. */
  scope: string;
  id: string;
  title: string;
  body: string;
}

export interface TextSearch {
  kind: string;
  /** Only documents of this scope; all scopes of the kind when undefined. */
  scope?: string | undefined;
  /** From `searchTerms`; a document matches when it contains any of them. */
  terms: readonly string[];
  limit: number;
  offset?: number;
}

/** One hit: higher `score` is more relevant (the negation of FTS5's `bm25()`). */
export interface TextMatch {
  id: string;
  score: number;
}

/** A title word counts this many times a body word (FTS5 `bm25()` column weights). */
export const TITLE_WEIGHT = 2;
export const BODY_WEIGHT = 1;
/** BM25 parameters, as FTS5 hard-codes them. */
const K1 = 1.2;
const B = 0.75;
/** Most words of a query that count; the rest of a pasted essay adds nothing but cost. */
export const MAX_SEARCH_TERMS = 16;

/**
 * Words too common to tell questions apart. Removed from queries only: documents keep them,
 * so document lengths (which BM25 uses) stay as FTS5 counts them.
 */
const STOP_WORDS = new Set(
  (
    'a an and are as at be but by can could do does for from had has have how i if in is it ' +
    'its me my no not of on or our so than that the their them then there these they this ' +
    'to was we were what when where which who why will with would you your'
  ).split(' '),
);

/**
 * Splits text into index tokens as FTS5's `unicode61 remove_diacritics 2` does: runs of
 * letters and digits, case-folded, accents removed ("Café" → "cafe").
 */
export function tokenize(text: string): string[] {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{Mn}/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}\p{Co}]+/gu) ?? []
  );
}

/** The distinct meaningful words of what someone typed, in order, at most `MAX_SEARCH_TERMS`. */
export function searchTerms(query: string): string[] {
  const terms = [...new Set(tokenize(query))].filter((term) => !STOP_WORDS.has(term));
  return terms.slice(0, MAX_SEARCH_TERMS);
}

/**
 * The FTS5 MATCH expression for `terms`: each quoted (so no word is read as an operator or
 * column filter) and OR-ed. Terms come from `tokenize`, so they never contain quotes.
 */
export function ftsMatchExpression(terms: readonly string[]): string {
  return terms.map((term) => `"${term}"`).join(' OR ');
}

/** A document with its tokens per column, as ranking needs it. */
export interface TokenizedDocument {
  document: TextDocument;
  titleTokens: string[];
  bodyTokens: string[];
}

export function tokenizeDocument(document: TextDocument): TokenizedDocument {
  return { document, titleTokens: tokenize(document.title), bodyTokens: tokenize(document.body) };
}

/**
 * What BM25 needs from the whole index, whatever the kind or scope (FTS5 computes its
 * statistics over the whole table): maintained by every store as documents come and go, so
 * a search reads them instead of counting.
 */
export interface TextStats {
  /** Documents in the index. */
  documents: number;
  /** Title and body tokens of all documents. */
  tokens: number;
  /** For each query term, the documents containing it (absent: none). */
  termDocuments: ReadonlyMap<string, number>;
}

/** What one document adds to `TextStats` (or takes away when it leaves). */
export function documentStats(entry: TokenizedDocument): { tokens: number; terms: Set<string> } {
  return {
    tokens: entry.titleTokens.length + entry.bodyTokens.length,
    terms: new Set([...entry.titleTokens, ...entry.bodyTokens]),
  };
}

/**
 * Ranks `candidates` (the documents of the search's kind and scope that contain a term:
 * the store finds them through its per-scope index, so the cost is the scope's, not the
 * community's) exactly as FTS5's `bm25(index, …, TITLE_WEIGHT, BODY_WEIGHT)` ranks over its
 * table: corpus statistics from `stats`, IDF floored at 1e-6, per-row frequency weighted by
 * column. Ties go to the smaller id. Both stores rank with this one function.
 */
export function rankDocuments(
  candidates: Iterable<TokenizedDocument>,
  stats: TextStats,
  search: TextSearch,
): TextMatch[] {
  if (search.terms.length === 0 || stats.documents === 0) return [];
  const rows = stats.documents;
  const averageLength = stats.tokens / rows;
  const idf = search.terms.map((term) => {
    const hits = stats.termDocuments.get(term) ?? 0;
    const value = Math.log((rows - hits + 0.5) / (hits + 0.5));
    return value <= 0 ? 1e-6 : value;
  });
  const matches: TextMatch[] = [];
  for (const entry of candidates) {
    const { document } = entry;
    if (document.kind !== search.kind) continue;
    if (search.scope !== undefined && document.scope !== search.scope) continue;
    const length = entry.titleTokens.length + entry.bodyTokens.length;
    let score = 0;
    let matched = false;
    search.terms.forEach((term, i) => {
      const frequency =
        TITLE_WEIGHT * count(entry.titleTokens, term) + BODY_WEIGHT * count(entry.bodyTokens, term);
      if (frequency === 0) return;
      matched = true;
      score +=
        (idf[i]! * (frequency * (K1 + 1))) /
        (frequency + K1 * (1 - B + (B * length) / averageLength));
    });
    if (matched) matches.push({ id: document.id, score });
  }
  matches.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const offset = search.offset ?? 0;
  return matches.slice(offset, offset + search.limit);
}

function count(tokens: readonly string[], term: string): number {
  let n = 0;
  for (const token of tokens) if (token === term) n += 1;
  return n;
}

/** Reads the text index; implemented by every store. */
export interface TextIndexReader {
  search(search: TextSearch): Promise<TextMatch[]>;
}

/** Writes the text index; `StoreWriter.text`. */
export interface TextIndexWriter extends TextIndexReader {
  /** Adds or replaces (by kind and id) a document. */
  index(document: TextDocument): Promise<void>;
  unindex(kind: string, id: string): Promise<void>;
}

/**
 * The documents of `kind` (in `scope`, when given) most like `text`: what a visitor is about
 * to post, to show them existing ones first. Generic, so questions, ideas and reviews share it.
 */
export async function findSimilar(
  reader: TextIndexReader,
  {
    kind,
    scope,
    text,
    limit,
    excludeIds = [],
  }: {
    kind: string;
    scope?: string | undefined;
    text: string;
    limit: number;
    excludeIds?: readonly string[];
  },
): Promise<TextMatch[]> {
  const terms = searchTerms(text);
  if (terms.length === 0) return [];
  const matches = await reader.search({ kind, scope, terms, limit: limit + excludeIds.length });
  return (
    matches
      // No score floor: BM25 gives words found in most documents almost no weight, so on a
      // product with two or three questions every match scores near zero yet is worth showing.
      .filter((match) => !excludeIds.includes(match.id))
      .slice(0, limit)
  );
}
