/**
 * docs/nginx/community-widgets.conf, exactly as documented (only the addresses replaced), in
 * front of two instances on one Postgres: requests reach both, a write through one is read
 * through the other, and with one instance gone nginx keeps answering from the other.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { freshDatabase, POSTGRES_SKIP } from '../support/postgres.js';
import {
  getSummaries,
  person,
  putRating,
  ROOT,
  startApp,
  tokenFor,
  type RunningApp,
} from './helpers.js';

const NGINX = '/usr/sbin/nginx';
const NGINX_SKIP = existsSync(NGINX)
  ? POSTGRES_SKIP
  : 'nginx is not installed (apt-get install nginx): the documented nginx config was not run';

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

describe('the documented nginx config in front of two instances', { skip: NGINX_SKIP }, () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let instances: RunningApp[];
  let dir: string;
  let nginx: ReturnType<typeof spawn>;
  let base: string;
  const served = new Map<string, number>();

  before(async () => {
    database = await freshDatabase();
    instances = [];
    for (const name of ['a', 'b']) {
      const running = await startApp({ databaseUrl: database.url, trustProxy: true });
      running.app.server.on('request', () => served.set(name, (served.get(name) ?? 0) + 1));
      instances.push(running);
    }
    dir = await mkdtemp(join(tmpdir(), 'cw-nginx-'));
    const port = await freePort();
    const documented = await readFile(join(ROOT, 'docs/nginx/community-widgets.conf'), 'utf8');
    const addresses = instances.map((running) => new URL(running.baseUrl).host);
    let next = 0;
    const site = documented
      .replace(
        /^(\s*server )\S+( [^;\n]*;[ \t]*# instance)$/gm,
        (_, start: string, rest: string) => `${start}${addresses[next++]}${rest}`,
      )
      .replace(/listen \d+;([ \t]*# listen)/, `listen 127.0.0.1:${port};$1`);
    assert.equal(next, 2, 'the documented config names two instances');
    await writeFile(join(dir, 'site.conf'), site);
    await writeFile(
      join(dir, 'nginx.conf'),
      `daemon off;
       pid ${dir}/nginx.pid;
       error_log ${dir}/error.log;
       events {}
       http {
         access_log off;
         client_body_temp_path ${dir}/body;
         proxy_temp_path ${dir}/proxy;
         fastcgi_temp_path ${dir}/fastcgi;
         uwsgi_temp_path ${dir}/uwsgi;
         scgi_temp_path ${dir}/scgi;
         include ${dir}/site.conf;
       }`,
    );
    nginx = spawn(NGINX, ['-p', dir, '-e', join(dir, 'error.log'), '-c', join(dir, 'nginx.conf')], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    base = `http://127.0.0.1:${port}`;
    // Ready when it answers, not after a guessed delay.
    for (;;) {
      if (nginx.exitCode !== null)
        throw new Error(`nginx exited: ${await readFile(join(dir, 'error.log'), 'utf8')}`);
      try {
        if ((await fetch(`${base}/api/healthz`)).ok) break;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  });

  after(async () => {
    const exited = new Promise((resolve) => nginx.once('exit', resolve));
    nginx.kill('SIGQUIT');
    await exited;
    for (const running of instances) await running.close();
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('spreads requests over both instances, which share one database', async () => {
    const token = await tokenFor(person('u-nginx'));
    assert.equal((await putRating(base, token, 'nginx-1', { value: 5 })).status, 200);
    served.clear();
    for (let n = 0; n < 6; n += 1) {
      const response = await fetch(`${base}/api/ratings?subjects=nginx-1`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      const body = (await response.json()) as { items: Array<{ viewerRating: number }> };
      assert.equal(body.items[0]!.viewerRating, 5);
    }
    assert.deepEqual([...served.keys()].sort(), ['a', 'b'], 'both instances answered');
  });

  it('keeps answering from the other instance when one is gone', async () => {
    await instances[0]!.app.close();
    const token = await tokenFor(person('u-nginx-2'));
    for (let n = 0; n < 4; n += 1) {
      assert.equal((await putRating(base, token, `nginx-after-${n}`, { value: 3 })).status, 200);
    }
    const summaries = await getSummaries(
      base,
      [0, 1, 2, 3].map((n) => `nginx-after-${n}`),
      token,
    );
    assert.deepEqual(
      summaries.map((summary) => summary.viewerRating),
      [3, 3, 3, 3],
    );
  });
});
