import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { SqliteStore } from '../../server/store/sqlite.js';
import type { Store, StoreWriter } from '../../server/domain/store.js';
import {
  getSummaries,
  person,
  putRating,
  spawnServer,
  startApp,
  tempDir,
  tokenFor,
  type RunningApp,
} from './helpers.js';

interface Write {
  user: string;
  subject: string;
  value: number;
  token: string;
}

async function plannedWrites(count: number, subjects: number): Promise<Write[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, n) => {
      const user = `u-load-${n}`;
      return {
        user,
        subject: `load-${n % subjects}`,
        value: (n % 5) + 1,
        token: await tokenFor(person(user)),
      };
    }),
  );
}

/** Sends `writes` from `concurrency` parallel clients; resolves with the acknowledged ones. */
async function sendAll(
  baseUrl: string,
  writes: Write[],
  concurrency: number,
  onAck?: (acked: number) => void,
) {
  const acknowledged: Write[] = [];
  let next = 0;
  const client = async () => {
    while (next < writes.length) {
      const write = writes[next++]!;
      try {
        const response = await putRating(baseUrl, write.token, write.subject, {
          value: write.value,
        });
        if (response.status === 200) {
          acknowledged.push(write);
          onAck?.(acknowledged.length);
        }
      } catch {
        // The server is gone: this write was never acknowledged, so it may or may not exist.
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  return acknowledged;
}

async function assertAllPresent(baseUrl: string, acknowledged: Write[]): Promise<void> {
  const missing: Write[] = [];
  for (const write of acknowledged) {
    const [summary] = await getSummaries(baseUrl, [write.subject], write.token);
    if (summary!.viewerRating !== write.value) missing.push(write);
  }
  assert.deepEqual(
    missing,
    [],
    `${missing.length} of ${acknowledged.length} acknowledged writes are missing`,
  );
}

describe('durability across a SIGKILL', () => {
  let dataDir: string;
  before(async () => {
    dataDir = await tempDir('cw-durability-');
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  it('keeps every acknowledged write when the process is killed mid-load', async () => {
    const writes = await plannedWrites(3000, 40);
    const first = await spawnServer(dataDir);
    let killed = false;
    const acknowledged = await sendAll(first.baseUrl, writes, 24, (acked) => {
      if (acked >= 400 && !killed) {
        killed = true;
        first.child.kill('SIGKILL');
      }
    });
    const { signal } = await first.exited;
    assert.equal(signal, 'SIGKILL');
    assert.ok(acknowledged.length >= 400, `only ${acknowledged.length} writes acknowledged`);
    assert.ok(acknowledged.length < writes.length, 'the kill happened mid-load');

    const second = await spawnServer(dataDir);
    try {
      await assertAllPresent(second.baseUrl, acknowledged);
      // Counts agree with the stored ratings: at least every acknowledged write, at most every sent one.
      const subjects = [...new Set(writes.map((write) => write.subject))];
      const total = (await getSummaries(second.baseUrl, subjects)).reduce(
        (sum, item) => sum + item.count,
        0,
      );
      assert.ok(total >= acknowledged.length && total <= writes.length, `count ${total}`);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  });
});

describe('graceful shutdown', () => {
  it('on SIGTERM finishes in-flight writes, closes the store and exits 0', async () => {
    const dataDir = await tempDir('cw-shutdown-');
    try {
      const writes = await plannedWrites(600, 10);
      const server = await spawnServer(dataDir);
      let signalled = false;
      const acknowledged = await sendAll(server.baseUrl, writes, 16, (acked) => {
        if (acked >= 100 && !signalled) {
          signalled = true;
          server.child.kill('SIGTERM');
        }
      });
      const { code } = await server.exited;
      assert.equal(code, 0, server.output());
      assert.match(server.output(), /shutting down/);
      const again = await spawnServer(dataDir);
      try {
        await assertAllPresent(again.baseUrl, acknowledged);
      } finally {
        again.child.kill('SIGTERM');
        await again.exited;
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('app.close() waits for a write already running', async () => {
    const dataDir = await tempDir('cw-close-');
    const sqlite = new SqliteStore({ dataDir });
    // Holds each transaction open for a while, as a slow disk or a long domain rule would.
    // Every other method is the SQLite store's own (through the prototype).
    const slow: Store = Object.assign(Object.create(sqlite) as SqliteStore, {
      write: <T>(work: (tx: StoreWriter) => Promise<T>) =>
        sqlite.write(async (tx) => {
          await new Promise((resolve) => setTimeout(resolve, 300));
          return work(tx);
        }),
    });
    const running = await startApp({ dataDir }, { store: slow });
    const token = await tokenFor(person('u-slow'));
    const pending = putRating(running.baseUrl, token, 'slow-1', { value: 4 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await running.app.close();
    assert.equal((await pending).status, 200);
    const reopened = new SqliteStore({ dataDir });
    assert.equal((await reopened.ratings.ofUser('u-slow', ['slow-1'])).get('slow-1'), 4);
    await reopened.close();
    await rm(dataDir, { recursive: true, force: true });
  });
});

describe('concurrency', () => {
  let server: RunningApp;
  before(async () => {
    server = await startApp();
  });
  after(() => server.close());

  it('200 viewers rating one subject at once end with exact counts and average', async () => {
    const viewers = await Promise.all(
      Array.from({ length: 200 }, (_, n) => tokenFor(person(`u-crowd-${n}`))),
    );
    const firstRound = await Promise.all(
      viewers.map((token, n) =>
        putRating(server.baseUrl, token, 'crowded', { value: (n % 5) + 1 }),
      ),
    );
    assert.ok(firstRound.every((response) => response.status === 200));
    let [summary] = await getSummaries(server.baseUrl, ['crowded']);
    assert.equal(summary!.count, 200);
    assert.deepEqual(summary!.distribution, [40, 40, 40, 40, 40]);
    assert.equal(summary!.average, 3);

    // Everyone changes their mind at once, and a quarter withdraw: still exact.
    const secondRound = await Promise.all(
      viewers.map((token, n) =>
        n % 4 === 0
          ? fetch(`${server.baseUrl}/api/subjects/crowded/rating`, {
              method: 'DELETE',
              headers: { Authorization: `Bearer ${token}` },
            })
          : putRating(server.baseUrl, token, 'crowded', { value: n % 2 === 0 ? 5 : 2 }),
      ),
    );
    assert.ok(secondRound.every((response) => response.status === 200));
    [summary] = await getSummaries(server.baseUrl, ['crowded']);
    // n % 4 === 0 withdrew (50); n % 4 === 2 chose 5 (50); odd n chose 2 (100).
    assert.equal(summary!.count, 150);
    assert.deepEqual(summary!.distribution, [0, 100, 0, 0, 50]);
    assert.equal(summary!.average, (100 * 2 + 50 * 5) / 150);
  });
});
