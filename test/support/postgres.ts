import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The Postgres server the Postgres suites run against: `CW_TEST_DATABASE_URL` (npm test sets
 * it from scripts/postgres-test-cluster.mjs when PostgreSQL is installed). Without it those
 * suites skip and say why.
 */
export const TEST_DATABASE_URL = process.env.CW_TEST_DATABASE_URL || undefined;
/** A Redis server for the shared rate-limit tests (`CW_TEST_REDIS_URL`). */
export const TEST_REDIS_URL = process.env.CW_TEST_REDIS_URL || undefined;

export const POSTGRES_SKIP =
  TEST_DATABASE_URL === undefined
    ? 'CW_TEST_DATABASE_URL is not set: the Postgres suites did not run (npm test sets it when PostgreSQL is installed)'
    : false;
export const REDIS_SKIP =
  TEST_REDIS_URL === undefined
    ? 'CW_TEST_REDIS_URL is not set: the shared rate-limit tests did not run (npm test sets it when redis-server is installed)'
    : false;

if (POSTGRES_SKIP) console.log(`# SKIP ${POSTGRES_SKIP}`);

/** A new, empty database on the test server; `drop()` removes it. */
export async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (TEST_DATABASE_URL === undefined) throw new Error(POSTGRES_SKIP as string);
  const name = `cw_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
