import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { it } from 'node:test';
import Database from 'better-sqlite3';
import { migrations, SqliteStore } from '../../server/store/sqlite.js';
import { tempDir } from './helpers.js';

// Migration numbers are claimed by parallel branches (2 Q&A, 3 reviews, 4 ideas): a database
// made before a lower number merged must still get it, not skip it for being "below the top".
it('applies a missing lower-numbered migration to a database at a higher version', async () => {
  const dataDir = await tempDir('cw-migrate-');
  try {
    const first = new SqliteStore({ dataDir });
    const file = first.file;
    await first.close();
    const db = new Database(file);
    db.exec('DROP TABLE ratings; DROP TABLE rating_distributions;');
    db.prepare('DELETE FROM schema_migrations WHERE version = 1').run();
    db.close();

    const reopened = new SqliteStore({ dataDir });
    await reopened.write((tx) => tx.ratings.upsert('sku-1', 'u-1', 5, new Date()));
    assert.deepEqual((await reopened.ratings.ofUser('u-1', ['sku-1'])).get('sku-1'), 5);
    assert.equal(reopened.schemaVersion, migrations.at(-1)!.version);
    await reopened.close();
    const check = new Database(file, { readonly: true });
    const versions = check
      .prepare('SELECT version FROM schema_migrations ORDER BY version')
      .all()
      .map((row) => (row as { version: number }).version);
    check.close();
    assert.deepEqual(
      versions,
      migrations.map((m) => m.version),
    );
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
