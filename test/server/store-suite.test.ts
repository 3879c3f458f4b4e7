/**
 * The store suite: what every backend promises behind the `Store` ports, run against each
 * (memory, SQLite, Postgres when `CW_TEST_DATABASE_URL` is set). Backend-specific behaviour
 * (migrations, WAL, what a second connection sees) stays in store.test.ts.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { Store } from '../../server/domain/store.js';
import { storeBackends } from './helpers.js';

const at = new Date(Date.UTC(2026, 0, 1));
const author = { authorId: 'u-a', authorName: 'A', authorAvatar: null };
const everyone = { seesAll: true, viewerId: null };

for (const backend of storeBackends) {
  describe(`store suite: ${backend.name}`, { skip: backend.skip ?? false }, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    beforeEach(async () => ({ store, dispose } = await backend.open()));
    afterEach(() => dispose());

    it('rolls back every feature’s writes of a transaction that throws', async () => {
      await assert.rejects(
        store.write(async (tx) => {
          await tx.ratings.upsert('s', 'u', 2, at);
          await tx.ratings.addToDistribution('s', [0, 1, 0, 0, 0]);
          await tx.votes.set('question', 'q', 'u', 1, at);
          await tx.text.index({ kind: 'question', scope: 's', id: 'q', title: 'kettle', body: '' });
          await tx.idempotency.save({
            userId: 'u',
            key: 'k-12345678',
            operation: 'op',
            fingerprint: 'f',
            response: '{}',
            createdAt: at,
          });
          await tx.experts.savePerson({ id: 'u', name: 'U', avatar: null });
          throw new Error('rule broken');
        }),
        /rule broken/,
      );
      assert.equal((await store.ratings.ofUser('u', ['s'])).size, 0);
      assert.equal((await store.ratings.distributions(['s'])).size, 0);
      assert.equal((await store.votes.ofUser('u', 'question', ['q'])).size, 0);
      assert.deepEqual(
        await store.text.search({ kind: 'question', scope: 's', terms: ['kettle'], limit: 5 }),
        [],
      );
      assert.equal((await store.experts.people(['u'])).size, 0);
      await store.write(async (tx) =>
        assert.equal(await tx.idempotency.get('u', 'k-12345678'), undefined),
      );
    });

    it('runs transactions one at a time even when their work awaits', async () => {
      const order: string[] = [];
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const slow = store.write(async (tx) => {
        order.push('slow:start');
        await held;
        await tx.ratings.addToDistribution('s', [1, 0, 0, 0, 0]);
        order.push('slow:end');
      });
      const fast = store.write(async (tx) => {
        order.push('fast:start');
        await tx.ratings.addToDistribution('s', [1, 0, 0, 0, 0]);
        order.push('fast:end');
      });
      await Promise.resolve();
      release();
      await Promise.all([slow, fast]);
      assert.deepEqual(order, ['slow:start', 'slow:end', 'fast:start', 'fast:end']);
      assert.deepEqual((await store.ratings.distributions(['s'])).get('s'), [2, 0, 0, 0, 0]);
    });

    it('a write that fails among writes waiting together undoes itself alone', async () => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const first = store.write(async (tx) => {
        await held;
        await tx.ratings.addToDistribution('s', [1, 0, 0, 0, 0]);
      });
      // These wait together behind the first: a store that groups them commits them as one.
      const kept = store.write((tx) => tx.ratings.addToDistribution('s', [0, 1, 0, 0, 0]));
      const ruleBroken = store.write(async (tx) => {
        await tx.ratings.addToDistribution('s', [0, 0, 1, 0, 0]);
        await tx.ratings.upsert('s', 'u', 3, at);
        throw new Error('rule broken');
      });
      const constraintBroken = store.write(async (tx) => {
        await tx.ratings.upsert('s', 'v', 4, at);
        await tx.ratings.addToDistribution('s', [0, 0, 0, -1, 0]);
      });
      const last = store.write((tx) => tx.ratings.addToDistribution('s', [0, 0, 0, 0, 1]));
      release();
      const settled = await Promise.allSettled([first, kept, ruleBroken, constraintBroken, last]);
      assert.deepEqual(
        settled.map(({ status }) => status),
        ['fulfilled', 'fulfilled', 'rejected', 'rejected', 'fulfilled'],
      );
      assert.match(String((settled[2] as PromiseRejectedResult).reason), /rule broken/);
      assert.deepEqual((await store.ratings.distributions(['s'])).get('s'), [1, 1, 0, 0, 1]);
      assert.equal((await store.ratings.ofUser('u', ['s'])).size, 0);
      assert.equal((await store.ratings.ofUser('v', ['s'])).size, 0);
    });

    /** A ratings counter of the whole community on `day`, and the query that reads that day. */
    const bucket = (day: number, key: string, value: number) => ({
      metric: 'ratings',
      scope: '*',
      day,
      key,
      value,
    });
    const dayQuery = (day: number) => ({
      metric: 'ratings',
      scopes: ['*'],
      fromDay: day,
      toDay: day,
    });

    it('counters moved by writes waiting together add up, a refused write’s moves left out', async () => {
      const day = 20_000;
      const query = dayQuery(day);
      await store.write((tx) => tx.insights.add([bucket(day, 's5', 1), bucket(day, 'gone', 1)]));
      const moves = [
        store.write((tx) => tx.insights.add([bucket(day, 's5', 2), bucket(day, 's4', 1)])),
        store.write(async (tx) => {
          await tx.insights.add([bucket(day, 's5', 10), bucket(day, 's3', 1)]);
          throw new Error('rule broken');
        }),
        store.write((tx) => tx.insights.add([bucket(day, 's4', -1), bucket(day, 'gone', -1)])),
        // A write reads the counters as the writes before it left them.
        store.write(async (tx) => {
          await tx.insights.add([bucket(day, 's1', 1)]);
          return (await tx.insights.buckets(query)).map(({ key, value }) => [key, value]);
        }),
      ];
      const settled = await Promise.allSettled(moves);
      assert.deepEqual(
        settled.map(({ status }) => status),
        ['fulfilled', 'rejected', 'fulfilled', 'fulfilled'],
      );
      const seenInside = (settled[3] as PromiseFulfilledResult<Array<[string, number]>>).value;
      assert.deepEqual(seenInside.sort(), [
        ['s1', 1],
        ['s5', 3],
      ]);
      // A counter back at 0 is no row at all, as if never moved.
      const stored = (await store.insights.buckets(query)).map(({ key, value }) => [key, value]);
      assert.deepEqual(stored.sort(), [
        ['s1', 1],
        ['s5', 3],
      ]);
    });

    it('a refused write that read the counters leaves the earlier writes’ moves in place', async () => {
      const day = 20_001;
      const query = dayQuery(day);
      const settled = await Promise.allSettled([
        store.write((tx) => tx.insights.add([bucket(day, 's5', 2)])),
        store.write(async (tx) => {
          await tx.insights.buckets(query);
          throw new Error('rule broken');
        }),
      ]);
      assert.deepEqual(
        settled.map(({ status }) => status),
        ['fulfilled', 'rejected'],
      );
      const stored = (await store.insights.buckets(query)).map(({ key, value }) => [key, value]);
      assert.deepEqual(stored, [['s5', 2]]);
    });

    it('answers a batch with one row per stored subject, ignoring the rest', async () => {
      await store.write(async (tx) => {
        for (const subject of ['a', 'b', 'c']) {
          await tx.ratings.upsert(subject, 'u', 3, at);
          await tx.ratings.addToDistribution(subject, [0, 0, 1, 0, 0]);
        }
      });
      const found = await store.ratings.distributions(['c', 'x', 'a', "it's", '']);
      assert.deepEqual([...found.keys()].sort(), ['a', 'c']);
      assert.deepEqual([...(await store.ratings.ofUser('u', ['b', 'z'])).entries()], [['b', 3]]);
    });

    it('never lets a distribution go negative (a bug rolls back, not corrupts)', async () => {
      await assert.rejects(
        store.write((tx) => tx.ratings.addToDistribution('s', [-1, 0, 0, 0, 0])),
      );
      assert.equal((await store.ratings.distributions(['s'])).size, 0);
    });

    it('a vote answers when the vote it replaced or removed was cast', async () => {
      const later = new Date(at.getTime() + 1000);
      await store.write(async (tx) => {
        assert.equal(await tx.votes.set('idea', 'i', 'u', 1, at), null);
        assert.deepEqual(await tx.votes.set('idea', 'i', 'u', 1, later), at);
        assert.deepEqual(await tx.votes.set('idea', 'i', 'u', 0, later), later);
        assert.equal(await tx.votes.set('idea', 'i', 'u', 0, later), null);
      });
      assert.equal((await store.votes.ofUser('u', 'idea', ['i'])).size, 0);
    });

    it('removing a question removes its answers and every vote on either', async () => {
      await store.write(async (tx) => {
        const question = await tx.questions.insert({
          ...author,
          id: 'q',
          subject: 's',
          title: 'Kettle?',
          body: '',
          topics: ['tea'],
          createdAt: at,
          editedAt: null,
          score: 0,
          answerCount: 1,
          acceptedAnswerId: null,
        });
        await tx.questions.insertAnswer({
          ...author,
          id: 'a',
          questionId: question.id,
          body: 'Yes.',
          createdAt: at,
          editedAt: null,
          score: 0,
        });
        await tx.votes.set('question', 'q', 'u', 1, at);
        await tx.votes.set('answer', 'a', 'u', -1, at);
      });
      assert.equal(
        (
          await store.questions.list({
            subject: 's',
            order: 'newest',
            limit: 5,
            visibleTo: everyone,
          })
        ).length,
        1,
      );
      await store.write((tx) => tx.questions.remove('q'));
      assert.equal((await store.questions.byIds(['q'])).size, 0);
      assert.equal((await store.questions.answers(['a'])).size, 0);
      assert.deepEqual(
        await store.questions.list({
          subject: 's',
          order: 'newest',
          limit: 5,
          visibleTo: everyone,
        }),
        [],
      );
      assert.equal((await store.votes.ofUser('u', 'question', ['q'])).size, 0);
      assert.equal((await store.votes.ofUser('u', 'answer', ['a'])).size, 0);
    });

    it('keeps the topic list and each topic’s ranking as scores cross zero', async () => {
      await store.write(async (tx) => {
        for (const id of ['u-1', 'u-2', 'u-3']) {
          await tx.experts.savePerson({ id, name: id, avatar: null });
        }
        await tx.experts.addToTopic('u-1', 'tea', { points: 5, score: 5 });
        await tx.experts.addToTopic('u-2', 'tea', { endorsements: 1, score: 10 });
        await tx.experts.addToTopic('u-3', 'tea', { points: 10, score: 10 });
        await tx.experts.addToTopic('u-3', 'coffee', { points: 1, score: 1 });
      });
      assert.deepEqual(await store.experts.topics(10), [
        { topic: 'tea', experts: 3 },
        { topic: 'coffee', experts: 1 },
      ]);
      assert.deepEqual(await store.experts.rankExperts({ topic: 'tea', offset: 0, limit: 10 }), [
        { userId: 'u-2', score: 10 },
        { userId: 'u-3', score: 10 },
        { userId: 'u-1', score: 5 },
      ]);
      await store.write((tx) => tx.experts.addToTopic('u-3', 'coffee', { points: -1, score: -1 }));
      await assert.rejects(
        store.write(async (tx) => {
          await tx.experts.addToTopic('u-1', 'tea', { points: -5, score: -5 });
          throw new Error('abort');
        }),
      );
      assert.deepEqual(await store.experts.topics(10), [{ topic: 'tea', experts: 3 }]);
      assert.deepEqual(
        (await store.experts.rankExperts({ topic: 'tea', offset: 1, limit: 1 })).map(
          (r) => r.userId,
        ),
        ['u-3'],
      );
    });

    it('forgets idempotency keys older than the cut-off, keeps the rest', async () => {
      const record = (key: string, createdAt: Date) => ({
        userId: 'u',
        key,
        operation: 'op',
        fingerprint: 'f',
        response: '{}',
        createdAt,
      });
      await store.write(async (tx) => {
        await tx.idempotency.save(record('old-key-1', at));
        await tx.idempotency.save(record('new-key-1', new Date(at.getTime() + 10)));
      });
      await store.write(async (tx) => {
        await tx.idempotency.prune(new Date(at.getTime() + 5));
        assert.equal(await tx.idempotency.get('u', 'old-key-1'), undefined);
        assert.equal((await tx.idempotency.get('u', 'new-key-1'))?.fingerprint, 'f');
      });
    });
  });
}
