import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { ServerConfig } from './config.js';
import { rebuildInsights } from './domain/insight-rebuild.js';
import { lockDataDir } from './store/data-dir-lock.js';
import { openStore } from './store/open.js';
import { SqliteStore } from './store/sqlite.js';
import { StorageError, explainSqliteFault } from './store/storage-error.js';

export const USAGE = `Usage: community-widgets-server [command]

Commands:
  serve            run the server (the default)
  migrate          bring the database to this version's schema, then exit
  backup <file>    copy the database to <file> while the server keeps running
  rebuild-insights recount every insight from the content (after upgrading a database made
                   before insights existed); safe to run again
  check-config     validate the configuration and print the settings in force
  help, --help     this text

Settings come from defaults, then the JSON file named by CW_CONFIG, then CW_* environment
variables (see docs/deploy.md). Exit codes: 0 done, 2 a configuration or storage problem
(told in one sentence), 1 anything else.`;

/** `migrate`: applies pending migrations under the data-directory lock, so never beside a running server. */
export async function migrateCommand(config: ServerConfig): Promise<string> {
  if (config.databaseUrl !== null) {
    // Postgres migrations run under an advisory lock, so beside running instances too.
    const store = await openStore(config);
    await store.close();
    return `${'location' in store ? store.location : ''} is at schema version ${store.schemaVersion}.`;
  }
  const release = lockDataDir(config.dataDir);
  try {
    const store = new SqliteStore({
      dataDir: config.dataDir,
      synchronous: config.sqliteSynchronous,
    });
    const after = store.schemaVersion;
    await store.close();
    return store.previousVersion === after
      ? `${store.file} is at schema version ${after}: nothing to do.`
      : `${store.file}: schema version ${store.previousVersion} → ${after}.`;
  } finally {
    release();
  }
}

/**
 * `rebuild-insights`: the aggregates of a database that had content before migration 14
 * start empty; this recounts them from the content and the event log, in one transaction.
 * A command rather than part of the migration: on a large community it takes minutes, which
 * an operator should choose when to spend, not every instance's start-up; and it can be run
 * again (after restoring a backup, say). SQLite: under the data-directory lock, so with the
 * server stopped; Postgres: beside running instances, whose writes wait for it.
 */
export async function rebuildInsightsCommand(config: ServerConfig): Promise<string> {
  const release = config.databaseUrl === null ? lockDataDir(config.dataDir) : () => {};
  try {
    const store = await openStore(config);
    try {
      const started = performance.now();
      const counted = await rebuildInsights(store);
      const ms = Math.round(performance.now() - started);
      const what = Object.entries(counted)
        .map(([kind, n]) => `${n} ${kind}${n === 1 ? '' : 's'}`)
        .join(', ');
      return `Rebuilt the insights from ${what} (${ms} ms).`;
    } finally {
      await store.close();
    }
  } finally {
    release();
  }
}

/**
 * `backup <file>`: SQLite's online backup from a read-only connection, so a running server
 * keeps reading and writing; the copy holds every transaction committed before it finished.
 * The copy is then checked (`quick_check`) so a backup that cannot be restored is not kept.
 */
export async function backupCommand(
  config: ServerConfig,
  target: string | undefined,
): Promise<string> {
  if (config.databaseUrl !== null)
    throw new StorageError(
      'backup copies the embedded SQLite database; on Postgres use pg_dump (see docs/deploy-postgres.md).',
    );
  if (!target)
    throw new StorageError('backup needs a file to write: community-widgets-server backup <file>.');
  const destination = resolve(target);
  const source = resolve(config.dataDir, 'community.sqlite');
  if (existsSync(destination)) {
    throw new StorageError(
      `${destination} already exists: choose a new file name (a backup never overwrites).`,
    );
  }
  if (!existsSync(source)) {
    throw new StorageError(
      `There is no database at ${source}: check CW_DATA_DIR (or dataDir in CW_CONFIG).`,
    );
  }
  const started = performance.now();
  let pages = 0;
  let db: Database.Database | undefined;
  try {
    db = new Database(source, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    await db.backup(destination, {
      progress: ({ totalPages }) => {
        pages = totalPages;
        // Pages per step: small enough that the server's writers are not held up for long.
        return 256;
      },
    });
  } catch (error) {
    throw explainSqliteFault(error, config.dataDir, source);
  } finally {
    db?.close();
  }
  const copy = new Database(destination, { readonly: true, fileMustExist: true });
  try {
    const [verdict] = copy.pragma('quick_check', { simple: false }) as Array<{
      quick_check: string;
    }>;
    if (verdict?.quick_check !== 'ok') {
      throw new StorageError(
        `The backup ${destination} does not pass quick_check (${verdict?.quick_check}): delete it and try again.`,
      );
    }
  } finally {
    copy.close();
  }
  const ms = Math.round(performance.now() - started);
  return `Backed up ${source} to ${destination} (${pages} pages, ${ms} ms).`;
}

/** Names whose values never reach the screen. */
const SECRET_KEY = /secret|password|token/i;

/** The settings in force, secrets replaced by their length and URLs' passwords masked. */
export function describeConfig(config: ServerConfig): string {
  const mask = (key: string, value: unknown): unknown => {
    if (typeof value === 'string' && SECRET_KEY.test(key))
      return `•••• (${value.length} characters)`;
    if (typeof value === 'string' && /^[a-z][a-z0-9+.-]*:\/\/[^/]*:[^/@]*@/i.test(value)) {
      return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/:]*:)[^/@]*@/i, '$1••••@');
    }
    return value;
  };
  return JSON.stringify(config, mask, 2);
}
