// A throwaway PostgreSQL cluster (and Redis server) for tests and the bench: made in a temp
// directory, listening on 127.0.0.1 on a free port and on a unix socket inside that
// directory, owned by an unprivileged user when run as root (initdb refuses root).
//
//   node scripts/postgres-test-cluster.mjs start   → prints CW_TEST_DATABASE_URL=… and
//                                                    CW_TEST_REDIS_URL=… (when redis-server
//                                                    exists) and CW_TEST_CLUSTER_DIR=…, then
//                                                    exits leaving both running
//   node scripts/postgres-test-cluster.mjs stop <dir>
//
// scripts/test.mjs imports `startTestServices` and stops them itself.
import { execFileSync } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Debian installs each major in /usr/lib/postgresql/<major>/bin: the newest one. */
function newestPostgres() {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return join(root, 'none', 'bin');
  const majors = readdirSync(root)
    .filter((name) => existsSync(join(root, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return join(root, majors[0] ?? 'none', 'bin');
}

const PG_BIN = process.env.CW_PG_BIN ?? newestPostgres();
const REDIS_SERVER = process.env.CW_REDIS_SERVER ?? '/usr/bin/redis-server';

export const postgresAvailable = () => existsSync(join(PG_BIN, 'initdb'));
export const redisAvailable = () => existsSync(REDIS_SERVER);

const freePort = () =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

/** Root runs the servers as this user; anyone else runs them as themselves. */
function serviceUser() {
  if (process.getuid?.() !== 0) return null;
  for (const name of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }));
      const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }));
      return { name, uid, gid };
    } catch {
      // no such user
    }
  }
  throw new Error('Running as root, but neither a postgres nor a nobody user exists.');
}

function asUser(user, command, args, options = {}) {
  const [file, argv] = user
    ? ['runuser', ['-u', user.name, '--', command, ...args]]
    : [command, args];
  return execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
}

/**
 * Starts PostgreSQL (and Redis when installed) in a new temp directory. Answers the URLs and
 * `stop()`. `durable: false` turns off fsync for test speed: the tests kill server
 * processes, never the cluster, so what they check does not depend on it.
 */
export async function startTestServices({ durable = false, redis = true } = {}) {
  if (!postgresAvailable()) throw new Error(`No PostgreSQL binaries in ${PG_BIN}.`);
  const user = serviceUser();
  const dir = mkdtempSync(join(tmpdir(), 'cw-pg-'));
  if (user) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  asUser(user, join(PG_BIN, 'initdb'), [
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    'postgres',
    '-E',
    'UTF8',
    '--no-instructions',
  ]);
  const port = await freePort();
  const settings = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c max_connections=200',
    ...(durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
  ].join(' ');
  asUser(user, join(PG_BIN, 'pg_ctl'), [
    '-D',
    data,
    '-o',
    settings,
    '-l',
    join(dir, 'postgres.log'),
    '-w',
    'start',
  ]);
  const databaseUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let redisUrl = null;
  if (redis && redisAvailable()) {
    const redisPort = await freePort();
    asUser(user, REDIS_SERVER, [
      '--port',
      String(redisPort),
      '--bind',
      '127.0.0.1',
      '--daemonize',
      'yes',
      '--dir',
      dir,
      '--pidfile',
      join(dir, 'redis.pid'),
      '--save',
      '',
      '--appendonly',
      'no',
      '--logfile',
      join(dir, 'redis.log'),
    ]);
    redisUrl = `redis://127.0.0.1:${redisPort}`;
    await waitForFile(join(dir, 'redis.pid'));
  }
  writeFileSync(join(dir, 'urls.json'), JSON.stringify({ databaseUrl, redisUrl }));
  return { dir, databaseUrl, redisUrl, stop: () => stopTestServices(dir) };
}

async function waitForFile(path) {
  for (let attempt = 0; attempt < 200 && !existsSync(path); attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Stops what `startTestServices` started in `dir` and removes the directory. */
export function stopTestServices(dir) {
  const user = serviceUser();
  const data = join(dir, 'data');
  if (existsSync(join(data, 'postmaster.pid'))) {
    try {
      asUser(user, join(PG_BIN, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
    } catch (error) {
      console.error(`pg_ctl stop failed: ${error.stderr ?? error.message}`);
    }
  }
  const redisPid = join(dir, 'redis.pid');
  if (existsSync(redisPid)) {
    try {
      process.kill(Number(readFileSync(redisPid, 'utf8').trim()), 'SIGTERM');
    } catch {
      // already gone
    }
  }
  rmSync(dir, { recursive: true, force: true });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [command, dir] = process.argv.slice(2);
  if (command === 'start') {
    const services = await startTestServices({ durable: process.argv.includes('--durable') });
    console.log(`CW_TEST_DATABASE_URL=${services.databaseUrl}`);
    if (services.redisUrl) console.log(`CW_TEST_REDIS_URL=${services.redisUrl}`);
    console.log(`CW_TEST_CLUSTER_DIR=${services.dir}`);
  } else if (command === 'stop' && dir) {
    stopTestServices(dir);
  } else {
    console.error('usage: postgres-test-cluster.mjs start [--durable] | stop <dir>');
    process.exit(2);
  }
}
