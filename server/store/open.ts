import type { ServerConfig } from '../config.js';
import { maskDatabaseUrl, PostgresStore } from './postgres.js';
import { SqliteStore } from './sqlite.js';
import { explainPostgresFault } from './storage-error.js';

/** The store the configuration names: Postgres when `databaseUrl` is set, else SQLite. */
export async function openStore(
  config: Pick<ServerConfig, 'databaseUrl' | 'dataDir' | 'sqliteSynchronous'>,
): Promise<SqliteStore | PostgresStore> {
  if (config.databaseUrl !== null) return openPostgres(config.databaseUrl);
  return new SqliteStore({ dataDir: config.dataDir, synchronous: config.sqliteSynchronous });
}

/** Postgres faults an operator fixes, in one sentence naming the (masked) URL. */
async function openPostgres(url: string): Promise<PostgresStore> {
  try {
    return await PostgresStore.open({ url });
  } catch (error) {
    throw explainPostgresFault(error, maskDatabaseUrl(url));
  }
}
