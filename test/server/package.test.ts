import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { ROOT, TEST_SECRET, tempDir } from './helpers.js';

const run = promisify(execFile);

/** Packages (folders with a package.json) and bytes under node_modules. */
function installSize(dir: string): { packages: number; bytes: number } {
  let packages = 0;
  let bytes = 0;
  const walk = (path: string, inModules: boolean) => {
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const child = join(path, entry.name);
      if (entry.isSymbolicLink()) continue;
      if (entry.isDirectory()) {
        const isPackage = inModules && !entry.name.startsWith('.') && !entry.name.startsWith('@');
        if (isPackage) packages += 1;
        walk(child, entry.name === 'node_modules' || (inModules && entry.name.startsWith('@')));
      } else {
        bytes += statSync(child).size;
      }
    }
  };
  walk(join(dir, 'node_modules'), true);
  return { packages, bytes };
}

describe('the community-widgets-server package', () => {
  let dir: string;
  before(async () => {
    dir = await tempDir('cw-package-');
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it(
    'packed, installed with --omit=dev into an empty folder, starts with npx and answers /api/healthz',
    { timeout: 1_200_000 },
    async (t) => {
      const { stdout } = await run(
        'npm',
        ['pack', '--workspace', 'server', '--pack-destination', dir, '--json', '--silent'],
        { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
      );
      const [packed] = JSON.parse(stdout) as Array<{ filename: string; files: { path: string }[] }>;
      const shipped = packed!.files.map((file) => file.path).sort();
      assert.deepEqual(shipped, [
        'dist/cli.js',
        'dist/cli.js.map',
        'dist/openapi.yaml',
        'package.json',
      ]);

      const app = join(dir, 'app');
      await run('mkdir', ['-p', app]);
      // better-sqlite3 compiles from source here (about 70 s on a quiet machine).
      await run(
        'npm',
        [
          'install',
          '--omit=dev',
          '--prefer-offline',
          '--no-audit',
          '--no-fund',
          '--no-package-lock',
          join(dir, packed!.filename),
        ],
        { cwd: app, maxBuffer: 16 * 1024 * 1024 },
      );
      const size = installSize(app);
      t.diagnostic(
        `install: ${size.packages} packages, ${(size.bytes / 1024 / 1024).toFixed(1)} MB`,
      );

      const server = spawn('npx', ['--no', 'community-widgets-server'], {
        cwd: app,
        // Its own process group, so the test can stop npx and the server it started together.
        detached: true,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          NODE_ENV: 'production',
          CW_PORT: '0',
          CW_JWT_SECRET: TEST_SECRET,
          // Production refuses a shared secret without the issuer its tokens must name.
          CW_JWT_ISSUER: 'https://shop.example',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      // 'close' waits for every process holding the pipes: npx and the server it started.
      let closed = false;
      const exited = new Promise<void>((resolve) =>
        server.once('close', () => {
          closed = true;
          resolve();
        }),
      );
      try {
        const baseUrl = await new Promise<string>((resolve, reject) => {
          const onData = (chunk: Buffer) => {
            output += chunk.toString();
            const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
            if (match) resolve(match[1]!);
          };
          server.stdout.on('data', onData);
          server.stderr.on('data', onData);
          void exited.then(() => reject(new Error(`exited before listening:\n${output}`)));
        });
        const health = await fetch(`${baseUrl}/api/healthz`);
        assert.equal(health.status, 200, output);
        assert.deepEqual(await health.json(), { status: 'ok' });
        // The installed package serves the API only: no demo pages or bundle of a checkout.
        assert.equal((await fetch(`${baseUrl}/`)).status, 404);
        // SQLite in ./data of the folder it runs in, by default.
        assert.ok(readdirSync(join(app, 'data')).includes('community.sqlite'));
      } finally {
        // Not when it already exited: that would hide why it did behind ESRCH.
        if (!closed) process.kill(-server.pid!, 'SIGTERM');
      }
      await exited;
      // A graceful stop: requests finished, the store closed, the directory lock released.
      assert.match(output, /shutting down/);
      assert.deepEqual(
        readdirSync(join(app, 'data')).filter((f) => f.endsWith('.lock')),
        [],
      );
    },
  );
});
