import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { SqliteStore } from '../../server/store/sqlite.js';
import { LOCK_FILE } from '../../server/store/data-dir-lock.js';
import {
  ROOT,
  TEST_SECRET,
  getSummaries,
  person,
  putRating,
  spawnServer,
  startApp,
  tempDir,
  tokenFor,
} from './helpers.js';

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Root ignores file permissions; the server then runs without the capabilities that let it,
 * so a read-only file or directory is read-only for it as for any other user.
 */
const withoutRootOverride = (command: string[]): string[] =>
  process.getuid?.() === 0
    ? [
        'setpriv',
        '--bounding-set=-dac_override,-dac_read_search',
        '--inh-caps=-dac_override,-dac_read_search',
        ...command,
      ]
    : command;

const cli = (...args: string[]) => [process.execPath, '--import', 'tsx', 'server/main.ts', ...args];

/** Runs the command line to its end. */
function runCli(command: string[], env: Record<string, string>): Promise<Finished> {
  const child = spawn(command[0]!, command.slice(1), {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      CW_PORT: '0',
      CW_JWT_SECRET: TEST_SECRET,
      CW_LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

/** Exit 2 and one sentence (no stack) naming `path`. */
function assertOneSentence(result: Finished, path: string, advice: RegExp): void {
  assert.equal(result.code, 2, result.stderr + result.stdout);
  const lines = result.stderr.trim().split('\n');
  assert.equal(lines.length, 1, result.stderr);
  assert.ok(lines[0]!.includes(path), `"${lines[0]}" names ${path}`);
  assert.match(lines[0]!, advice);
  assert.doesNotMatch(result.stderr, /\n\s+at /);
}

describe('start-up storage faults end in one sentence and exit 2', () => {
  let dir: string;
  before(async () => {
    dir = await tempDir('cw-faults-');
  });
  after(async () => {
    await chmod(dir, 0o700);
    await rm(dir, { recursive: true, force: true });
  });

  it('a port already in use', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      const result = await runCli(cli(), {
        CW_DATA_DIR: join(dir, 'port-in-use'),
        CW_PORT: String(port),
        CW_HOST: '127.0.0.1',
      });
      assertOneSentence(result, `Port ${port} is in use`, /set PORT=/);
    } finally {
      taken.close();
    }
  });

  it('a corrupt database file', async () => {
    const dataDir = join(dir, 'corrupt');
    await mkdir(dataDir);
    const file = join(dataDir, 'community.sqlite');
    await writeFile(file, 'not a database '.repeat(512));
    assertOneSentence(
      await runCli(cli(), { CW_DATA_DIR: dataDir }),
      file,
      /restore it from a backup/,
    );
  });

  it('a directory where the database file should be', async () => {
    const dataDir = join(dir, 'dir-in-place');
    const file = join(dataDir, 'community.sqlite');
    await mkdir(file, { recursive: true });
    assertOneSentence(await runCli(cli(), { CW_DATA_DIR: dataDir }), file, /is a directory/);
  });

  it('a file where the data directory should be', async () => {
    const dataDir = join(dir, 'a-file');
    await writeFile(dataDir, '');
    assertOneSentence(
      await runCli(cli(), { CW_DATA_DIR: dataDir }),
      dataDir,
      /not a directory: set CW_DATA_DIR/,
    );
  });

  it('a read-only data directory', async () => {
    const dataDir = join(dir, 'read-only');
    await mkdir(dataDir);
    await chmod(dataDir, 0o555);
    assertOneSentence(
      await runCli(withoutRootOverride(cli()), { CW_DATA_DIR: dataDir }),
      dataDir,
      /writable/,
    );
  });

  it('a full disk (a 16 KiB file size limit: the schema does not fit)', async () => {
    const dataDir = join(dir, 'full');
    await mkdir(dataDir);
    // The limit makes writes past 16 KiB fail as on a full disk; SIGXFSZ is ignored so the
    // write returns the error instead of killing the process.
    const script = `ulimit -f 16; trap '' XFSZ; exec ${cli()
      .map((a) => `'${a}'`)
      .join(' ')}`;
    const result = await runCli(['bash', '-c', script], { CW_DATA_DIR: dataDir });
    assertOneSentence(result, join(dataDir, 'community.sqlite'), /full/);
  });
});

describe('one server per SQLite directory', () => {
  it('refuses a second server (and migrate) on a directory in use, naming the pid', async () => {
    const dataDir = await tempDir('cw-lock-');
    const first = await spawnServer(dataDir);
    try {
      assert.equal(
        (await readFile(join(dataDir, LOCK_FILE), 'utf8')).trim(),
        String(first.child.pid),
      );
      for (const args of [[], ['migrate']]) {
        const second = await runCli(cli(...args), { CW_DATA_DIR: dataDir });
        assertOneSentence(second, dataDir, new RegExp(`\\(pid ${first.child.pid}\\)`));
      }
      // The first one is unharmed.
      assert.equal((await fetch(`${first.baseUrl}/api/healthz`)).status, 200);
    } finally {
      first.child.kill('SIGTERM');
      await first.exited;
    }
    await assert.rejects(readFile(join(dataDir, LOCK_FILE)), { code: 'ENOENT' });
    await rm(dataDir, { recursive: true, force: true });
  });

  it('takes over a stale lock left by a process that is gone', async () => {
    const dataDir = await tempDir('cw-stale-');
    const gone = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => gone.once('exit', resolve));
    await writeFile(join(dataDir, LOCK_FILE), `${gone.pid}\n`);
    const result = await runCli(cli('migrate'), { CW_DATA_DIR: dataDir });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /schema version 0 → \d+/);
    await rm(dataDir, { recursive: true, force: true });
  });
});

describe('backup and migrate commands', () => {
  it('backs up a running server online: the copy holds every acknowledged write', async () => {
    const dataDir = await tempDir('cw-backup-');
    const server = await spawnServer(dataDir);
    const target = join(dataDir, 'copy.sqlite');
    try {
      const tokens = await Promise.all(
        Array.from({ length: 30 }, (_, n) => tokenFor(person(`u-backup-${n}`))),
      );
      for (const [n, token] of tokens.entries()) {
        assert.equal(
          (await putRating(server.baseUrl, token, 'backed-up', { value: (n % 5) + 1 })).status,
          200,
        );
      }
      // Writes keep arriving while the copy is made.
      const during = Promise.all(
        tokens.map((token) => putRating(server.baseUrl, token, 'during-backup', { value: 5 })),
      );
      const result = await runCli(cli('backup', target), { CW_DATA_DIR: dataDir });
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /^Backed up .*community\.sqlite to .*copy\.sqlite \(\d+ pages/);
      assert.ok((await during).every((response) => response.status === 200));
      const copy = new Database(target, { readonly: true });
      const row = copy
        .prepare("SELECT count(*) AS n FROM ratings WHERE subject = 'backed-up'")
        .get() as { n: number };
      copy.close();
      assert.equal(row.n, 30);
      const [summary] = await getSummaries(server.baseUrl, ['backed-up']);
      assert.equal(summary!.count, 30);
      // Never over an existing file.
      const again = await runCli(cli('backup', target), { CW_DATA_DIR: dataDir });
      assertOneSentence(again, target, /already exists/);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('migrate brings a database up to date and says so, then finds nothing to do', async () => {
    const dataDir = await tempDir('cw-migrate-');
    const first = await runCli(cli('migrate'), { CW_DATA_DIR: dataDir });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /schema version 0 → \d+\./);
    const second = await runCli(cli('migrate'), { CW_DATA_DIR: dataDir });
    assert.match(second.stdout, /is at schema version \d+: nothing to do/);
    await rm(dataDir, { recursive: true, force: true });
  });
});

describe('check-config and help', () => {
  it('prints the settings in force with secrets masked', async () => {
    const result = await runCli(cli('check-config'), {
      CW_DATA_DIR: '/srv/community',
      CW_ALLOWED_ORIGINS: 'https://shop.example',
    });
    assert.equal(result.code, 0, result.stderr);
    assert.ok(!result.stdout.includes(TEST_SECRET));
    assert.match(
      result.stdout,
      new RegExp(`"secret": "•••• \\(${TEST_SECRET.length} characters\\)"`),
    );
    assert.match(result.stdout, /"dataDir": "\/srv\/community"/);
    assert.match(result.stdout, /"https:\/\/shop\.example"/);
  });

  it('exits 2 with sentences naming each problem', async () => {
    const result = await runCli(cli('check-config'), {
      CW_JWT_SECRET: 'short',
      CW_ALLOWED_ORIGINS: 'shop.example',
    });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /jwt\.secret must have at least 32 characters\./);
    assert.match(result.stderr, /"shop\.example" is not an origin/);
  });

  it('--help lists the commands; an unknown one is refused with exit 2', async () => {
    const help = await runCli(cli('--help'), {});
    assert.equal(help.code, 0);
    for (const command of ['serve', 'migrate', 'backup <file>', 'check-config']) {
      assert.ok(help.stdout.includes(command), command);
    }
    const unknown = await runCli(cli('serv'), {});
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Unknown command "serv"/);
  });
});

describe('/api/healthz checks that the store can write', () => {
  it('503 naming store-write when the database is full, 200 again once there is room', async () => {
    const dataDir = await tempDir('cw-full-');
    const store = new SqliteStore({ dataDir });
    const running = await startApp({ dataDir }, { store });
    try {
      assert.equal((await fetch(`${running.baseUrl}/api/healthz`)).status, 200);
      // SQLite's own size cap on the server's writer connection stands in for a full disk:
      // fill the file to the cap, as a community's growth would.
      const writer = (store as unknown as { writer: Database.Database }).writer;
      const pages = writer.pragma('page_count', { simple: true }) as number;
      writer.pragma(`max_page_count = ${pages + 8}`);
      const fill = writer.prepare(
        'INSERT INTO health_probe (checked_at, pad) VALUES (0, zeroblob(4000))',
      );
      assert.throws(
        () => {
          for (;;) fill.run();
        },
        { code: 'SQLITE_FULL' },
      );

      const health = await fetch(`${running.baseUrl}/api/healthz`);
      assert.equal(health.status, 503);
      assert.match(health.headers.get('content-type')!, /application\/problem\+json/);
      const problem = (await health.json()) as { type: string; detail: string };
      assert.equal(problem.type, 'https://community-widgets.dev/problems/unavailable');
      assert.match(problem.detail, /^The store-write check failed: .*full/);
      writer.pragma('max_page_count = 1073741823');
      assert.equal((await fetch(`${running.baseUrl}/api/healthz`)).status, 200);
      const token = await tokenFor(person('u-full'));
      assert.equal((await putRating(running.baseUrl, token, 'full-1', { value: 3 })).status, 200);
    } finally {
      await running.close();
    }
  });

  it('503 naming store-write when the database file is read-only', async () => {
    const dataDir = await tempDir('cw-readonly-');
    const migrated = await runCli(cli('migrate'), { CW_DATA_DIR: dataDir });
    assert.equal(migrated.code, 0, migrated.stderr);
    await chmod(join(dataDir, 'community.sqlite'), 0o444);
    const server = await spawnServer(dataDir, {}, withoutRootOverride);
    try {
      assert.equal(((await getSummaries(server.baseUrl, ['ro-1'])) as unknown[]).length, 1);
      const health = await fetch(`${server.baseUrl}/api/healthz`);
      assert.equal(health.status, 503);
      const problem = (await health.json()) as { detail: string };
      assert.match(problem.detail, /^The store-write check failed: .*readonly/);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('opening an unreachable Postgres', () => {
  it('ends in one sentence naming the URL with its password masked, and what to do', async () => {
    const { openStore } = await import('../../server/store/open.js');
    const { StorageError } = await import('../../server/store/storage-error.js');
    // Port 1 on loopback refuses at once: nothing listens there.
    const failure = await openStore({
      databaseUrl: 'postgres://cw:hunter2@127.0.0.1:1/community',
      dataDir: '/nonexistent',
      sqliteSynchronous: 'NORMAL',
    }).then(
      () => assert.fail('opened a database nobody serves'),
      (error: unknown) => error,
    );
    assert.ok(failure instanceof StorageError);
    assert.match(
      failure.message,
      /^Cannot open the Postgres database at postgres:\/\/cw:\*+@127\.0\.0\.1:1\/community \(.+\): check CW_DATABASE_URL and that Postgres is running/,
    );
    assert.doesNotMatch(failure.message, /hunter2/);
  });
});
