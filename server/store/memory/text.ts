import {
  documentStats,
  rankDocuments,
  tokenizeDocument,
  type TextDocument,
  type TextIndexWriter,
  type TextMatch,
  type TextSearch,
  type TokenizedDocument,
} from '../../domain/text-search.js';
import { key, type Journal } from './journal.js';

/** The full-text index: documents by kind and scope, and the corpus statistics BM25 needs. */
export class MemoryText implements TextIndexWriter {
  private readonly documents = new Map<string, TokenizedDocument>();
  /** `kind\0scope` → keys of its documents. */
  private readonly ofScope = new Map<string, ReadonlySet<string>>();
  /** Documents containing each term. */
  private readonly termDocuments = new Map<string, number>();
  /** One entry, `''`: documents and tokens of the whole index. */
  private readonly totals = new Map<string, { documents: number; tokens: number }>();

  constructor(private readonly journal: Journal) {}

  async search(search: TextSearch): Promise<TextMatch[]> {
    if (search.terms.length === 0) return [];
    const candidates =
      search.scope === undefined
        ? this.documents.values()
        : [...(this.ofScope.get(key(search.kind, search.scope)) ?? [])].map((k) =>
            this.documents.get(k)!,
          );
    const { documents, tokens } = this.totals.get('') ?? { documents: 0, tokens: 0 };
    return rankDocuments(
      candidates,
      { documents, tokens, termDocuments: this.termDocuments },
      search,
    );
  }

  async index(document: TextDocument): Promise<void> {
    await this.unindex(document.kind, document.id);
    const k = key(document.kind, document.id);
    const entry = tokenizeDocument({ ...document });
    this.journal.remember(this.documents, k);
    this.documents.set(k, entry);
    this.journal.link(this.ofScope, key(document.kind, document.scope), k, true);
    this.count(entry, 1);
  }

  async unindex(kind: string, id: string): Promise<void> {
    const k = key(kind, id);
    const entry = this.documents.get(k);
    if (!entry) return;
    this.journal.remember(this.documents, k);
    this.documents.delete(k);
    this.journal.link(this.ofScope, key(kind, entry.document.scope), k, false);
    this.count(entry, -1);
  }

  private count(entry: TokenizedDocument, sign: 1 | -1): void {
    const { tokens, terms } = documentStats(entry);
    for (const term of terms) {
      this.journal.remember(this.termDocuments, term);
      const documents = (this.termDocuments.get(term) ?? 0) + sign;
      if (documents === 0) this.termDocuments.delete(term);
      else this.termDocuments.set(term, documents);
    }
    this.journal.remember(this.totals, '');
    const totals = this.totals.get('') ?? { documents: 0, tokens: 0 };
    this.totals.set('', {
      documents: totals.documents + sign,
      tokens: totals.tokens + sign * tokens,
    });
  }
}
