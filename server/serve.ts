import { ConfigError, type ServerConfig } from './config.js';
import { Community } from './domain/community.js';
import { seedDemo } from './domain/demo-seed.js';
import { seedIdeas } from './domain/idea-seed.js';
import { seedInsightsHistory } from './domain/insights-seed.js';
import { buildApp } from './http/app.js';
import { lockDataDir } from './store/data-dir-lock.js';
import { openStore } from './store/open.js';

/** How long shutdown waits for in-flight requests before giving up. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * `community-widgets-server` (serve): the API on embedded SQLite (or Postgres when
 * `CW_DATABASE_URL` is set), seeding demo data into a new database when asked, until
 * SIGTERM/SIGINT.
 */
export async function serve(config: ServerConfig): Promise<void> {
  // One server per SQLite directory; Postgres serves several instances at once.
  if (config.databaseUrl === null) {
    const release = lockDataDir(config.dataDir);
    process.once('exit', release);
  }
  const store = await openStore(config);
  // Demo content earns reputation with the site's weights, as real visitors' would.
  const seeder = new Community({ store, reputation: config.reputation });
  if (store.created && config.seed) {
    await seedDemo(seeder);
    // Twelve weeks of history, so the insights dashboard has shape (demo/insights.html).
    await seedInsightsHistory(store);
  }
  // Also for demo databases made before idea boards existed: the board is seeded once.
  if (config.seed) await seedIdeas(seeder);
  const app = await buildApp(config, { store });
  store.onWarning = (message) => app.log.warn(message);
  app.log.info(
    {
      database: 'file' in store ? store.file : store.location,
      schemaVersion: store.schemaVersion,
      seeded: store.created && config.seed,
    },
    'store ready',
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    const deadline = setTimeout(() => {
      app.log.error('in-flight requests did not finish in time; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    deadline.unref();
    // close() stops accepting connections, waits for running requests, then closes the store.
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));

  const address = await app
    .listen({ port: config.port, host: config.host })
    .catch(async (error) => {
      if ((error as { code?: string }).code !== 'EADDRINUSE') throw error;
      await app.close();
      // An operator's problem, so one sentence and exit 2 (server/main.ts), not a stack.
      throw new ConfigError(
        `Port ${config.port} is in use: set PORT=… (or CW_PORT) to a free port, or stop the program using it.`,
      );
    });
  app.log.info(`community-widgets server ready at ${address.replace('[::1]', 'localhost')}/`);
}
