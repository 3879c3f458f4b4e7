import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { Store } from '../../server/domain/store.js';
import {
  BODY_WEIGHT,
  findSimilar,
  ftsMatchExpression,
  searchTerms,
  TITLE_WEIGHT,
  tokenize,
  type TextDocument,
} from '../../server/domain/text-search.js';
import { MemoryStore } from '../../server/store/memory.js';
import { SqliteStore } from '../../server/store/sqlite.js';

const corpus: TextDocument[] = [
  ['kettle', 'Does the kettle switch off by itself?', 'I worry about leaving it on the stove.'],
  ['kettle', 'How loud is the kettle when boiling?', 'Our baby sleeps next to the kitchen.'],
  ['kettle', 'Can I descale the kettle with vinegar?', 'Limescale builds up fast here.'],
  ['kettle', 'Is the handle hot after boiling?', 'The handle of my old kettle got very hot.'],
  ['kettle', 'Café-style milk frothing?', 'Can it froth milk like a café machine?'],
  ['toaster', 'Does the toaster switch off by itself?', 'It burnt my bread twice.'],
  ['toaster', 'How many slices fit?', 'Four slices or two?'],
  ['kettle', 'Warranty for the kettle lid hinge', 'The lid hinge broke after a month, warranty?'],
  ['kettle', 'Descaling: vinegar or citric acid?', 'Which descaling agent is safer for steel?'],
  ['blender', 'Is the blender jar dishwasher safe?', 'Dishwasher or hand wash only?'],
].map(([scope, title, body], i) => ({
  kind: 'question',
  scope: scope!,
  id: `q${i}`,
  title: title!,
  body: body!,
}));

describe('text search: tokens and terms', () => {
  it('tokenizes like FTS5 unicode61 remove_diacritics 2', () => {
    assert.deepEqual(tokenize('Café-style, NAÏVE résumé 42x!'), [
      'cafe',
      'style',
      'naive',
      'resume',
      '42x',
    ]);
    assert.deepEqual(tokenize('<script>alert(1)</script>'), ['script', 'alert', '1', 'script']);
  });

  it('keeps meaningful words only, once each, quoted for MATCH', () => {
    const terms = searchTerms('How do I descale the kettle? The KETTLE!');
    assert.deepEqual(terms, ['descale', 'kettle']);
    assert.equal(ftsMatchExpression(terms), '"descale" OR "kettle"');
    // Operators and column filters a visitor types are plain words here.
    assert.deepEqual(searchTerms('title:x NEAR(a b) "quoted" OR*'), [
      'title',
      'x',
      'near',
      'b',
      'quoted',
    ]);
  });
});

describe('text search: the memory store ranks exactly like SQLite FTS5', () => {
  let dataDir: string;
  let sqlite: SqliteStore;
  let memory: MemoryStore;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cw-text-'));
    sqlite = new SqliteStore({ dataDir });
    memory = new MemoryStore();
    for (const store of [sqlite, memory] as Store[]) {
      await store.write(async (tx) => {
        for (const document of corpus) await tx.text.index(document);
        // Replacing a document keeps one copy of it.
        await tx.text.index({ ...corpus[0]!, body: 'I worry about leaving it on.' });
      });
    }
  });

  after(async () => {
    await sqlite.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const queries = [
    'does the kettle switch off',
    'descale vinegar',
    'cafe',
    'hot handle',
    'warranty lid',
    'dishwasher',
    'kettle',
    'nothing matches this',
  ];

  for (const query of queries) {
    it(`"${query}": same ids, same order, same scores`, async () => {
      for (const scope of ['kettle', undefined]) {
        const search = { kind: 'question', scope, terms: searchTerms(query), limit: 5 };
        const [fromSqlite, fromMemory] = await Promise.all([
          sqlite.text.search(search),
          memory.text.search(search),
        ]);
        assert.deepEqual(
          fromMemory.map((m) => m.id),
          fromSqlite.map((m) => m.id),
        );
        fromMemory.forEach((m, i) => assert.ok(Math.abs(m.score - fromSqlite[i]!.score) < 1e-9));
      }
    });
  }

  it('both rank exactly as FTS5 bm25() ranks the same table', async () => {
    // The stores rank with rankDocuments over maintained statistics; this pins that formula
    // to FTS5's own bm25() over an index holding the same documents.
    const db = new Database(':memory:');
    db.exec(`CREATE VIRTUAL TABLE t USING fts5(kind UNINDEXED, scope UNINDEXED, ref UNINDEXED,
      title, body, tokenize = 'unicode61 remove_diacritics 2')`);
    const insert = db.prepare(
      'INSERT INTO t (kind, scope, ref, title, body) VALUES (?, ?, ?, ?, ?)',
    );
    const documents = [{ ...corpus[0]!, body: 'I worry about leaving it on.' }, ...corpus.slice(1)];
    for (const d of documents) insert.run(d.kind, d.scope, d.id, d.title, d.body);
    const bm25 = db.prepare<[string, string], { id: string; score: number }>(
      `SELECT ref AS id, -bm25(t, 0, 0, 0, ${TITLE_WEIGHT}, ${BODY_WEIGHT}) AS score FROM t
       WHERE t MATCH ? AND scope = ? ORDER BY score DESC, ref ASC`,
    );
    try {
      for (const query of queries) {
        const terms = searchTerms(query);
        if (terms.length === 0) continue;
        const expected = bm25.all(ftsMatchExpression(terms), 'kettle');
        for (const store of [sqlite, memory] as Store[]) {
          const found = await store.text.search({
            kind: 'question',
            scope: 'kettle',
            terms,
            limit: 20,
          });
          assert.deepEqual(
            found.map((m) => m.id),
            expected.map((m) => m.id),
            query,
          );
          found.forEach((m, i) => assert.ok(Math.abs(m.score - expected[i]!.score) < 1e-9, query));
        }
      }
    } finally {
      db.close();
    }
  });

  it('pages by offset', async () => {
    const terms = searchTerms('kettle');
    for (const store of [sqlite, memory]) {
      const all = await store.text.search({ kind: 'question', terms, limit: 10 });
      const second = await store.text.search({ kind: 'question', terms, limit: 2, offset: 2 });
      assert.deepEqual(second, all.slice(2, 4));
    }
  });

  it('finds similar documents in one scope, best first, without the excluded ones', async () => {
    for (const store of [sqlite, memory]) {
      const similar = await findSimilar(store.text, {
        kind: 'question',
        scope: 'kettle',
        text: 'Does this kettle turn itself off?',
        limit: 3,
        excludeIds: ['q3'],
      });
      assert.equal(similar[0]!.id, 'q0');
      assert.ok(similar.every((m) => m.id !== 'q3' && m.id !== 'q5'));
    }
  });

  it('forgets removed documents', async () => {
    for (const store of [sqlite, memory] as Store[]) {
      await store.write((tx) => tx.text.unindex('question', 'q9'));
      const found = await store.text.search({ kind: 'question', terms: ['dishwasher'], limit: 5 });
      assert.deepEqual(found, []);
    }
  });
});

describe('text search on a tiny corpus', () => {
  it('still suggests the one question a product has', async () => {
    const store = new MemoryStore();
    await store.write((tx) =>
      tx.text.index({
        kind: 'question',
        scope: 'p',
        id: 'only',
        title: 'Does it switch off?',
        body: '',
      }),
    );
    const similar = await findSimilar(store.text, {
      kind: 'question',
      scope: 'p',
      text: 'switch itself off',
      limit: 5,
    });
    assert.deepEqual(
      similar.map((m) => m.id),
      ['only'],
    );
  });
});
