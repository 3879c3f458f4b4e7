/**
 * A database made before migrations 6–8 (scoped text index, maintained trending, topic
 * scores) opens, gets them, and answers from the derived data they build.
 */
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { it } from 'node:test';
import Database from 'better-sqlite3';
import { addToTrend, NO_TREND } from '../../server/domain/idea-rules.js';
import { migrations, SqliteStore } from '../../server/store/sqlite.js';
import { tempDir } from './helpers.js';

it('builds search statistics, trends and topic counts for a database at version 5', async () => {
  const dataDir = await tempDir('cw-upgrade-');
  try {
    const db = new Database(join(dataDir, 'community.sqlite'));
    db.exec(`CREATE TABLE schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`);
    for (const migration of migrations.filter((m) => m.version <= 5)) {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations VALUES (?, ?, 0)').run(
        migration.version,
        migration.name,
      );
    }
    const text = db.prepare(
      'INSERT INTO text_index (kind, scope, ref, title, body) VALUES (?, ?, ?, ?, ?)',
    );
    const ref = db.prepare('INSERT INTO text_index_refs (kind, ref, fts_rowid) VALUES (?, ?, ?)');
    for (const [scope, id, title] of [
      ['kettle', 'q1', 'Does the kettle switch off?'],
      ['toaster', 'q2', 'Does the toaster switch off?'],
    ] as const) {
      ref.run('question', id, text.run('question', scope, id, title, '').lastInsertRowid);
    }
    db.exec(`INSERT INTO boards VALUES ('b', 'B', NULL, 'members')`);
    const idea = db.prepare(
      `INSERT INTO ideas (id, board, title, body, author_id, author_name, created_at, status, votes)
       VALUES (?, 'b', ?, '', 'u', 'U', 0, 'open', ?)`,
    );
    idea.run('i-old', 'Old favourite idea', 3);
    idea.run('i-new', 'Rising idea here', 1);
    idea.run('i-none', 'Quiet idea here', 0);
    const vote = db.prepare(`INSERT INTO votes VALUES ('idea', ?, ?, 1, ?)`);
    const day = 24 * 60 * 60 * 1000;
    const now = Date.UTC(2026, 0, 1);
    for (const user of ['a', 'b', 'c']) vote.run('i-old', user, now - 60 * day);
    vote.run('i-new', 'a', now);
    db.exec(`INSERT INTO topic_scores VALUES ('u1', 'tea', 5, 0), ('u2', 'tea', 0, 1),
      ('u3', 'tea', 0, 0), ('u3', 'coffee', 2, 0)`);
    db.close();

    const store = new SqliteStore({ dataDir });
    try {
      assert.equal(store.schemaVersion, migrations.at(-1)!.version);
      const found = await store.text.search({
        kind: 'question',
        scope: 'kettle',
        terms: ['switch'],
        limit: 5,
      });
      assert.deepEqual(
        found.map((m) => m.id),
        ['q1'],
      );
      const trending = await store.ideas.list({
        board: 'b',
        order: 'trending',
        limit: 5,
        visibleTo: { seesAll: true, viewerId: null },
      });
      assert.deepEqual(
        trending.map((row) => row.id),
        ['i-new', 'i-old', 'i-none'],
      );
      assert.equal(trending[0]!.trend, addToTrend(NO_TREND, new Date(now)));
      assert.deepEqual(await store.experts.topics(10), [
        { topic: 'tea', experts: 2 },
        { topic: 'coffee', experts: 1 },
      ]);
      assert.deepEqual(await store.experts.rankExperts({ topic: 'tea', offset: 0, limit: 5 }), [
        { userId: 'u2', score: 10 },
        { userId: 'u1', score: 5 },
      ]);
      // The index keeps working for new documents after the rebuild.
      await store.write((tx) =>
        tx.text.index({
          kind: 'question',
          scope: 'kettle',
          id: 'q3',
          title: 'Switch color',
          body: '',
        }),
      );
      assert.equal(
        (
          await store.text.search({
            kind: 'question',
            scope: 'kettle',
            terms: ['switch'],
            limit: 5,
          })
        ).length,
        2,
      );
    } finally {
      await store.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
