import type { ServerConfig } from '../config.js';
import { PostgresStore } from './postgres.js';
import { SqliteStore } from './sqlite.js';

/** The store the configuration names: Postgres when `databaseUrl` is set, else SQLite. */
export async function openStore(
  config: Pick<ServerConfig, 'databaseUrl' | 'dataDir' | 'sqliteSynchronous'>,
): Promise<SqliteStore | PostgresStore> {
  if (config.databaseUrl !== null) return PostgresStore.open({ url: config.databaseUrl });
  return new SqliteStore({ dataDir: config.dataDir, synchronous: config.sqliteSynchronous });
}
