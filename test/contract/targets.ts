import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setupServer } from 'msw/node';
import { mintToken } from '../../server/auth.js';
import { defaultConfig, type ServerConfig } from '../../server/config.js';
import { buildApp } from '../../server/http/app.js';
import { createHandlers, createMockCommunity, mockToken } from '../../server/msw/index.js';
import { freshDatabase, POSTGRES_SKIP } from '../support/postgres.js';
import type { Target, TargetFactory } from './target.js';

export type { Target, TargetFactory } from './target.js';

export const TEST_SECRET = 'contract-suite-secret-0123456789abcdef';

/** The msw handlers over the in-memory domain, reached through the global fetch. */
export const mockTarget: TargetFactory = {
  name: 'msw mock',
  setup: true,
  async start() {
    const baseUrl = 'http://mock.test/api';
    const community = await createMockCommunity();
    const server = setupServer(...createHandlers(community, { api: baseUrl }));
    server.listen({ onUnhandledRequest: 'error' });
    return {
      baseUrl,
      community,
      tokenFor: async (identity, { expiresIn } = {}) =>
        mockToken(identity, expiresIn === undefined ? {} : { expiresIn }),
      close: async () => server.close(),
    };
  },
};

/** A test configuration for the real server: temp database, HS256 secret, quiet logs. */
export function testConfig(dataDir: string, overrides: Partial<ServerConfig> = {}): ServerConfig {
  const defaults = defaultConfig();
  return {
    ...defaults,
    port: 0,
    dataDir,
    logLevel: 'silent',
    jwt: { ...defaults.jwt, secret: TEST_SECRET },
    // The suite sends hundreds of requests from one viewer; limits have their own tests.
    rateLimit: { readsPerMinute: 100_000, writesPerMinute: 100_000 },
    ...overrides,
  };
}

/** The real fastify server on an ephemeral port over the store `overrides` name. */
async function startServer(
  overrides: Partial<ServerConfig>,
  cleanUp: () => Promise<void>,
): Promise<Target> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cw-contract-'));
  const config = testConfig(dataDir, overrides);
  const app = await buildApp(config);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    baseUrl: `${address}/api`,
    community: app.community,
    tokenFor: (identity, { expiresIn = 3600 } = {}) =>
      mintToken(identity, {
        secret: TEST_SECRET,
        audience: config.jwt.audience,
        issuer: config.jwt.issuer,
        expiresIn,
      }),
    close: async () => {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
      await cleanUp();
    },
  };
}

/** The real fastify server on SQLite in a temp directory, on an ephemeral port. */
export const serverTarget: TargetFactory = {
  name: 'reference server',
  setup: true,
  start: () => startServer({}, async () => undefined),
};

/** The real server on a fresh database of the test Postgres (`CW_TEST_DATABASE_URL`). */
export const postgresServerTarget: TargetFactory = {
  name: 'reference server on Postgres',
  setup: true,
  skip: POSTGRES_SKIP,
  async start() {
    const database = await freshDatabase();
    return startServer({ databaseUrl: database.url }, () => database.drop());
  },
};

export const targets: TargetFactory[] = [mockTarget, serverTarget, postgresServerTarget];
