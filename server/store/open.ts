import type { ServerConfig } from '../config.js';
import { maskDatabaseUrl, PostgresStore } from './postgres.js';
import { SqliteStore } from './sqlite.js';
import { StorageError } from './storage-error.js';

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
    const where = maskDatabaseUrl(url);
    const reason = (error as Error).message || String(error);
    const code = String((error as { code?: unknown }).code ?? '');
    const advice =
      code === '28P01' || code === '28000'
        ? 'check the user name and password in CW_DATABASE_URL'
        : code === '3D000'
          ? 'create the database first (createdb), or fix its name in CW_DATABASE_URL'
          : 'check CW_DATABASE_URL and that Postgres is running and accepts connections from here';
    throw new StorageError(`Cannot open the Postgres database at ${where} (${reason}): ${advice}.`);
  }
}
