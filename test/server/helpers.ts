import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { mintToken } from '../../server/auth.js';
import type { ServerConfig } from '../../server/config.js';
import type { Store } from '../../server/domain/store.js';
import type { Identity } from '../../server/domain/types.js';
import { buildApp, type AppOptions } from '../../server/http/app.js';
import { MemoryStore } from '../../server/store/memory.js';
import { PostgresStore } from '../../server/store/postgres.js';
import { SqliteStore } from '../../server/store/sqlite.js';
import { TEST_SECRET, testConfig } from '../contract/targets.js';
import { freshDatabase, POSTGRES_SKIP } from '../support/postgres.js';

export { TEST_SECRET, testConfig };

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const person = (id: string, roles: Identity['roles'] = ['member']): Identity => ({
  id,
  name: `Person ${id}`,
  avatar: null,
  roles,
});

export function tokenFor(
  identity: Identity,
  expiresIn = 3600,
  secret = TEST_SECRET,
): Promise<string> {
  return mintToken(identity, { secret, audience: 'community-widgets', issuer: null, expiresIn });
}

export async function tempDir(prefix = 'cw-server-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/**
 * Checks `done` every `everyMs` until it holds or `timeoutMs` has passed; it does not throw,
 * so the assertion after it says what did not happen.
 */
export async function pollUntil(done: () => boolean, timeoutMs: number, everyMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** A store backend a suite runs against: each `open()` gives a fresh, empty store. */
export interface StoreBackend {
  name: string;
  skip?: string | false;
  open(): Promise<{ store: Store; dispose(): Promise<void> }>;
}

/** Every store the domain runs on; Postgres only when `CW_TEST_DATABASE_URL` is set. */
export const storeBackends: readonly StoreBackend[] = [
  {
    name: 'memory',
    open: async () => ({ store: new MemoryStore(), dispose: async () => undefined }),
  },
  {
    name: 'SQLite',
    async open() {
      const dataDir = await tempDir('cw-store-');
      const store = new SqliteStore({ dataDir });
      return {
        store,
        dispose: async () => {
          await store.close();
          await rm(dataDir, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'Postgres',
    skip: POSTGRES_SKIP,
    async open() {
      const database = await freshDatabase();
      const store = await PostgresStore.open({ url: database.url });
      return {
        store,
        dispose: async () => {
          await store.close();
          await database.drop();
        },
      };
    },
  },
];

export interface RunningApp {
  app: FastifyInstance;
  baseUrl: string;
  dataDir: string;
  config: ServerConfig;
  close(): Promise<void>;
}

/** The real app in this process on an ephemeral port with a temp SQLite database. */
export async function startApp(
  overrides: Partial<ServerConfig> = {},
  options: AppOptions = {},
): Promise<RunningApp> {
  const dataDir = await tempDir();
  const config = testConfig(dataDir, overrides);
  const app = await buildApp(config, options);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    baseUrl: address,
    dataDir,
    config,
    close: async () => {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ChildServer {
  baseUrl: string;
  child: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal) and the signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
}

/** `server/main.ts` in its own process (via tsx), as `npm start` runs it; resolves once listening. */
export async function spawnServer(
  dataDir: string,
  env: Record<string, string> = {},
  /** Wraps the command line, e.g. to run it with fewer privileges. */
  wrap: (command: string[]) => string[] = (command) => command,
): Promise<ChildServer> {
  const [command, ...args] = wrap([process.execPath, '--import', 'tsx', 'server/main.ts']);
  const child = spawn(command!, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      CW_PORT: '0',
      CW_DATA_DIR: dataDir,
      CW_JWT_SECRET: TEST_SECRET,
      CW_RATE_LIMIT_READS: '1000000',
      CW_RATE_LIMIT_WRITES: '1000000',
      CW_SEED: '0',
      CW_DEV_PERSONAS: '0',
      CW_LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    exited.then(({ code }) =>
      reject(new Error(`The server exited (${code}) before listening:\n${output}`)),
    );
    setTimeout(
      () => reject(new Error(`The server did not start in time:\n${output}`)),
      30_000,
    ).unref();
  });
  return { baseUrl, child, exited, output: () => output };
}

export async function putRating(
  baseUrl: string,
  token: string | null,
  subject: string,
  body: unknown,
): Promise<Response> {
  return fetch(`${baseUrl}/api/subjects/${subject}/rating`, {
    method: 'PUT',
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export async function getSummaries(baseUrl: string, subjects: string[], token?: string) {
  const response = await fetch(`${baseUrl}/api/ratings?subjects=${subjects.join(',')}`, {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  if (response.status !== 200) throw new Error(`GET /ratings answered ${response.status}`);
  return ((await response.json()) as { items: Array<Record<string, any>> }).items;
}

export { ROOT };
