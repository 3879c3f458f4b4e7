import {
  rankDocuments,
  tokenizeDocument,
  type TextDocument,
  type TextIndexWriter,
  type TextMatch,
  type TextSearch,
  type TokenizedDocument,
} from '../../domain/text-search.js';
import { key, type Journal } from './journal.js';

export class MemoryText implements TextIndexWriter {
  private readonly documents = new Map<string, TokenizedDocument>();

  constructor(private readonly journal: Journal) {}

  async search(search: TextSearch): Promise<TextMatch[]> {
    return rankDocuments(this.documents.values(), search);
  }

  async index(document: TextDocument): Promise<void> {
    const k = key(document.kind, document.id);
    this.journal.remember(this.documents, k);
    this.documents.set(k, tokenizeDocument({ ...document }));
  }

  async unindex(kind: string, id: string): Promise<void> {
    const k = key(kind, id);
    this.journal.remember(this.documents, k);
    this.documents.delete(k);
  }
}
