import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { DomainError } from '../../server/domain/errors.js';
import {
  IDEMPOTENCY_KEY_TTL_MS,
  Idempotency,
  requestFingerprint,
} from '../../server/domain/idempotency.js';
import type { Store } from '../../server/domain/store.js';
import type { Identity } from '../../server/domain/types.js';
import { MemoryStore } from '../../server/store/memory.js';
import { SqliteStore } from '../../server/store/sqlite.js';

const ada: Identity = { id: 'u-ada', name: 'Ada', avatar: null, roles: [] };
const bo: Identity = { id: 'u-bo', name: 'Bo', avatar: null, roles: [] };
const dirs: string[] = [];

const stores: Array<[string, () => Promise<Store>]> = [
  ['memory', async () => new MemoryStore()],
  [
    'sqlite',
    async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'cw-idem-'));
      dirs.push(dataDir);
      return new SqliteStore({ dataDir });
    },
  ],
];

after(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

it('fingerprints ignore key order', () => {
  assert.equal(
    requestFingerprint({ b: [1, { d: 1, c: 2 }], a: 'x' }),
    requestFingerprint({ a: 'x', b: [1, { c: 2, d: 1 }] }),
  );
  assert.notEqual(requestFingerprint({ a: 1 }), requestFingerprint({ a: 2 }));
});

for (const [name, open] of stores) {
  describe(`idempotency on the ${name} store`, () => {
    /** A creating operation that counts how often it really ran. */
    async function setup() {
      const store = await open();
      let clock = new Date('2026-01-01T00:00:00Z');
      const idempotency = new Idempotency(store, () => clock);
      let created = 0;
      const create = (viewer: Identity, key: string | undefined, body: unknown) =>
        idempotency.write(viewer, { key, operation: 'createThing', request: body }, async () => {
          created += 1;
          return { id: `thing-${created}`, body };
        });
      return {
        store,
        create,
        created: () => created,
        advance: (ms: number) => (clock = new Date(clock.getTime() + ms)),
      };
    }

    it('a retry with the same key and body returns the first response and creates nothing', async () => {
      const { create, created, store } = await setup();
      const first = await create(ada, 'key-00000001', { text: 'hello', n: 1 });
      const again = await create(ada, 'key-00000001', { n: 1, text: 'hello' });
      assert.deepEqual(again, first);
      assert.equal(created(), 1);
      await store.close();
    });

    it('the same key with a different body is refused', async () => {
      const { create, created, store } = await setup();
      await create(ada, 'key-00000002', { text: 'hello' });
      await assert.rejects(create(ada, 'key-00000002', { text: 'changed' }), (error) => {
        assert.ok(error instanceof DomainError);
        assert.equal(error.kind, 'invalid');
        assert.equal(error.issues[0]!.pointer, '#Idempotency-Key');
        return true;
      });
      assert.equal(created(), 1);
      await store.close();
    });

    it('keys belong to one viewer; no key means no protection', async () => {
      const { create, created, store } = await setup();
      await create(ada, 'key-00000003', { text: 'hello' });
      await create(bo, 'key-00000003', { text: 'hello' });
      await create(ada, undefined, { text: 'hello' });
      await create(ada, undefined, { text: 'hello' });
      assert.equal(created(), 4);
      await store.close();
    });

    it('concurrent duplicates create exactly one', async () => {
      const { create, created, store } = await setup();
      const answers = await Promise.all(
        Array.from({ length: 25 }, () => create(ada, 'key-00000004', { text: 'once' })),
      );
      assert.equal(created(), 1);
      assert.equal(new Set(answers.map((a) => a.id)).size, 1);
      await store.close();
    });

    it('keys expire after 24 hours', async () => {
      const { create, created, advance, store } = await setup();
      await create(ada, 'key-00000005', { text: 'hello' });
      advance(IDEMPOTENCY_KEY_TTL_MS - 1);
      await create(ada, 'key-00000005', { text: 'hello' });
      assert.equal(created(), 1);
      advance(2);
      await create(ada, 'key-00000005', { text: 'hello' });
      assert.equal(created(), 2);
      await store.close();
    });

    it('a failed creation keeps no key, so the retry runs', async () => {
      const store = await open();
      const idempotency = new Idempotency(store, () => new Date());
      let attempts = 0;
      const attempt = () =>
        idempotency.write(ada, { key: 'key-00000006', operation: 'x', request: {} }, async () => {
          attempts += 1;
          if (attempts === 1) throw new DomainError('conflict', 'try again');
          return { ok: true };
        });
      await assert.rejects(attempt());
      assert.deepEqual(await attempt(), { ok: true });
      await store.close();
    });

    it('refuses malformed keys', async () => {
      const { create, store } = await setup();
      for (const key of ['short', 'x'.repeat(129), 'has space 123', 'ünïcode-key']) {
        await assert.rejects(
          create(ada, key, {}),
          (e) => e instanceof DomainError && e.kind === 'invalid',
        );
      }
      await store.close();
    });
  });
}
