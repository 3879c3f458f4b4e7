/**
 * Questions and answers, and the shared rules they are the first to use (Idempotency-Key,
 * cursor pages, full-text search): the same cases against the msw mock and the server.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { POST_ID_PATTERN } from '../../../server/domain/questions.js';
import type { Identity } from '../../../server/domain/types.js';
import {
  assertInvalid,
  assertProblem,
  assertUnauthorized,
  client,
  type CallOptions,
} from '../client.js';
import { trackOperations } from '../journal.js';
import { unlessSkipped, type Target, type TargetFactory } from '../target.js';

const alice: Identity = { id: 'u-alice', name: 'Alice', avatar: null, roles: ['member'] };
const bob: Identity = { id: 'u-bob', name: 'Bob', avatar: null, roles: ['member'] };
const carol: Identity = { id: 'u-carol', name: 'Carol', avatar: null, roles: ['member'] };
const mod: Identity = { id: 'u-mod', name: 'Mo', avatar: null, roles: ['member', 'moderator'] };

export function qaSuite(factory: TargetFactory): void {
  describe(`Q&A contract: ${factory.name}`, unlessSkipped(factory), () => {
    trackOperations();
    let target: Target;
    const tokens: Record<string, string> = {};
    let counter = 0;
    const call = client(() => target);
    /** A fresh subject per test, so tests never see each other's questions. */
    const fresh = () => `qa-${factory.name.length}-${Date.now()}-${counter++}`;
    const key = () => `key-${Date.now()}-${counter++}-${Math.random().toString(36).slice(2)}`;

    before(async () => {
      target = await factory.start();
      for (const person of [alice, bob, carol, mod])
        tokens[person.id] = await target.tokenFor(person);
    });
    after(() => target.close());

    const as = (person: Identity | null): Pick<CallOptions, 'token'> =>
      person ? { token: tokens[person.id]! } : {};

    async function ask(
      subject: string,
      json: unknown,
      person: Identity = alice,
      idempotencyKey?: string,
    ) {
      return call(`/subjects/${subject}/questions`, {
        method: 'POST',
        json,
        ...as(person),
        ...(idempotencyKey ? { headers: { 'Idempotency-Key': idempotencyKey } } : {}),
      });
    }

    async function asked(subject: string, title: string, person: Identity = alice, body = '') {
      const answer = await ask(subject, { title, body }, person);
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      return answer.body;
    }

    async function answerOf(
      questionId: string,
      body: string,
      person: Identity = bob,
      idempotencyKey?: string,
    ) {
      return call(`/questions/${questionId}/answers`, {
        method: 'POST',
        json: { body },
        ...as(person),
        ...(idempotencyKey ? { headers: { 'Idempotency-Key': idempotencyKey } } : {}),
      });
    }

    const list = (subject: string, query = '', person: Identity | null = null) =>
      call(`/subjects/${subject}/questions${query}`, as(person));

    const vote = (kind: 'questions' | 'answers', id: string, value: unknown, person: Identity) =>
      call(`/${kind}/${id}/vote`, { method: 'PUT', json: { value }, ...as(person) });

    const accept = (questionId: string, answerId: string | null, person: Identity = alice) =>
      call(`/questions/${questionId}/accepted`, {
        method: 'PUT',
        json: { answerId },
        ...as(person),
      });

    describe('POST /subjects/{subject}/questions', () => {
      it('asks a question as the signed-in viewer', async () => {
        const subject = fresh();
        const answer = await ask(subject, {
          title: '  How hot does the handle get?  ',
          body: 'It sits on a gas stove.\r\n\r\n\r\nSecond paragraph.',
          topics: ['safety', 'kettles'],
        });
        assert.equal(answer.status, 201);
        assert.match(answer.headers.get('content-type') ?? '', /^application\/json/);
        const question = answer.body;
        assert.match(question.id, POST_ID_PATTERN);
        assert.deepEqual(
          { ...question, id: undefined, createdAt: undefined },
          {
            id: undefined,
            createdAt: undefined,
            subject,
            title: 'How hot does the handle get?',
            body: 'It sits on a gas stove.\n\nSecond paragraph.',
            topics: ['safety', 'kettles'],
            author: { id: 'u-alice', name: 'Alice', avatar: null },
            editedAt: null,
            score: 0,
            viewerVote: 0,
            answerCount: 0,
            acceptedAnswerId: null,
          },
        );
        assert.ok(!Number.isNaN(Date.parse(question.createdAt)));
      });

      it('needs a token', async () => {
        assertUnauthorized(
          await call(`/subjects/${fresh()}/questions`, {
            method: 'POST',
            json: { title: 'A long enough title' },
          }),
        );
      });

      it('counts invisible characters out: a title of only zero-width spaces is too short', async () => {
        const subject = fresh();
        const blank = await ask(subject, { title: '\u200B'.repeat(12) });
        assertInvalid(blank, ['/title']);
        assert.match(blank.body.errors[0].detail, /at least 10 characters/);
        assertInvalid(await ask(subject, { title: `Too\u2060 short\uFEFF${'\u200B'.repeat(8)}` }), [
          '/title',
        ]);
        const kept = await ask(subject, { title: 'Is the\u200B lid\u2060 dishwasher safe?' });
        assert.equal(kept.status, 201);
        assert.equal(kept.body.title, 'Is the lid dishwasher safe?');
        const stored = (await list(subject)).body.items.map(
          (item: { title: string }) => item.title,
        );
        assert.deepEqual(stored, ['Is the lid dishwasher safe?']);
      });

      it('refuses titles of joiners and lone marks, and one visible character among them', async () => {
        const subject = fresh();
        for (const title of [
          '\u200D'.repeat(12),
          '\u0301'.repeat(12),
          `a${'\u200B'.repeat(12)}`,
          `a${'\u200D'.repeat(12)}`,
        ]) {
          const refused = await ask(subject, { title });
          assertInvalid(refused, ['/title']);
          assert.match(refused.body.errors[0].detail, /at least 10 characters/);
        }
        assert.equal((await list(subject)).body.items.length, 0);
        const emoji = await ask(subject, { title: 'Does it fit a 👩\u200D💻 desk, really?' });
        assert.equal(emoji.status, 201);
      });

      it('refuses text outside the limits, unknown fields, bad topics and bad subjects', async () => {
        const subject = fresh();
        assertInvalid(await ask(subject, { title: 'Too short' }), ['/title']);
        assertInvalid(await ask(subject, { title: 'x'.repeat(151) }), ['/title']);
        assertInvalid(await ask(subject, {}), ['/title']);
        assertInvalid(await ask(subject, { title: 42 }), ['/title']);
        assertInvalid(
          await ask(subject, { title: 'A long enough title', body: 'x'.repeat(4001) }),
          ['/body'],
        );
        assertInvalid(await ask(subject, { title: 'A long enough title', extra: 1 }), ['/extra']);
        assertInvalid(await ask(subject, { title: 'A long enough title', topics: ['Bad Topic'] }), [
          '/topics/0',
        ]);
        assertInvalid(
          await ask(subject, {
            title: 'A long enough title',
            topics: ['a', 'b', 'c', 'd', 'e', 'f'],
          }),
          ['/topics'],
        );
        assertInvalid(await ask('bad subject!', { title: 'A long enough title' }), ['#subject']);
        assertProblem(
          await call(`/subjects/${subject}/questions`, {
            method: 'POST',
            raw: 'title=x',
            contentType: 'text/plain',
            ...as(alice),
          }),
          415,
          'unsupported-media-type',
        );
        assert.equal((await list(subject)).body.items.length, 0, 'nothing was stored');
      });
    });

    describe('Idempotency-Key', () => {
      it('a retry with the same key and body returns the first question and creates nothing', async () => {
        const subject = fresh();
        const idempotencyKey = key();
        const first = await ask(
          subject,
          { title: 'Is the lid dishwasher safe?', topics: ['care'] },
          alice,
          idempotencyKey,
        );
        const retry = await ask(
          subject,
          { topics: ['care'], title: 'Is the lid dishwasher safe?' },
          alice,
          idempotencyKey,
        );
        assert.equal(first.status, 201);
        assert.equal(retry.status, 201);
        assert.deepEqual(retry.body, first.body);
        assert.equal((await list(subject)).body.items.length, 1);
      });

      it('the same key with a different body is a 422', async () => {
        const subject = fresh();
        const idempotencyKey = key();
        await ask(subject, { title: 'Is the lid dishwasher safe?' }, alice, idempotencyKey);
        assertInvalid(
          await ask(subject, { title: 'Is the base dishwasher safe?' }, alice, idempotencyKey),
          ['#Idempotency-Key'],
        );
        assert.equal((await list(subject)).body.items.length, 1);
      });

      it('keys belong to one viewer, and are well-formed', async () => {
        const subject = fresh();
        const idempotencyKey = key();
        await ask(subject, { title: 'Is the lid dishwasher safe?' }, alice, idempotencyKey);
        assert.equal(
          (await ask(subject, { title: 'Is the lid dishwasher safe?' }, bob, idempotencyKey))
            .status,
          201,
        );
        assert.equal((await list(subject)).body.items.length, 2);
        assertInvalid(
          await ask(subject, { title: 'Is the lid dishwasher safe?' }, alice, 'short'),
          ['#Idempotency-Key'],
        );
      });

      it('concurrent duplicates create exactly one question', async () => {
        const subject = fresh();
        const idempotencyKey = key();
        const answers = await Promise.all(
          Array.from({ length: 12 }, () =>
            ask(subject, { title: 'Does it come with a warranty?' }, alice, idempotencyKey),
          ),
        );
        assert.ok(answers.every((a) => a.status === 201));
        assert.equal(new Set(answers.map((a) => a.body.id)).size, 1);
        assert.equal((await list(subject)).body.items.length, 1);
      });

      it('concurrent duplicate answers create exactly one answer', async () => {
        const question = await asked(fresh(), 'Does it come with a warranty?');
        const idempotencyKey = key();
        const answers = await Promise.all(
          Array.from({ length: 12 }, () =>
            answerOf(question.id, 'Two years, in the box.', bob, idempotencyKey),
          ),
        );
        assert.ok(answers.every((a) => a.status === 201));
        assert.equal(new Set(answers.map((a) => a.body.id)).size, 1);
        const thread = await call(`/questions/${question.id}`);
        assert.equal(thread.body.answerCount, 1);
      });
    });

    describe('GET /subjects/{subject}/questions', () => {
      it('orders by votes, newest and unanswered, with counts and the viewer’s votes', async () => {
        const subject = fresh();
        const first = await asked(subject, 'First question about the kettle');
        const second = await asked(subject, 'Second question about the kettle');
        const third = await asked(subject, 'Third question about the kettle');
        await vote('questions', second.id, 1, bob);
        await vote('questions', second.id, 1, carol);
        await vote('questions', first.id, 1, bob);
        await answerOf(first.id, 'An answer.');
        const ids = (answer: { body: { items: Array<{ id: string }> } }) =>
          answer.body.items.map((q) => q.id);
        assert.deepEqual(ids(await list(subject)), [second.id, first.id, third.id]);
        assert.deepEqual(ids(await list(subject, '?sort=newest')), [third.id, second.id, first.id]);
        assert.deepEqual(ids(await list(subject, '?sort=unanswered')), [third.id, second.id]);
        const seenByBob = (await list(subject, '', bob)).body.items;
        assert.deepEqual(
          seenByBob.map((q: any) => [q.score, q.viewerVote, q.answerCount]),
          [
            [2, 1, 0],
            [1, 1, 1],
            [0, 0, 0],
          ],
        );
        assert.ok((await list(subject)).body.items.every((q: any) => q.viewerVote === 0));
        assert.equal((await list(subject)).body.nextCursor, null);
      });

      it('pages with cursors, each question once', async () => {
        const subject = fresh();
        const made: string[] = [];
        for (let i = 0; i < 5; i += 1)
          made.push((await asked(subject, `Question number ${i} about it`)).id);
        for (const sort of ['votes', 'newest']) {
          const seen: string[] = [];
          let cursor: string | null = null;
          let pages = 0;
          do {
            const page: any = await list(
              subject,
              `?sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
            );
            assert.equal(page.status, 200);
            seen.push(...page.body.items.map((q: any) => q.id));
            cursor = page.body.nextCursor;
            pages += 1;
          } while (cursor);
          assert.equal(pages, 3);
          assert.deepEqual(seen, [...made].reverse());
        }
      });

      it('refuses bad sorts, limits and cursors', async () => {
        const subject = fresh();
        await asked(subject, 'One question about it');
        await asked(subject, 'Two questions about it');
        const { nextCursor } = (await list(subject, '?limit=1')).body;
        assertInvalid(await list(subject, `?sort=newest&cursor=${nextCursor}`), ['#cursor']);
        assertInvalid(await list(subject, '?cursor=not-a-cursor'), ['#cursor']);
        assertInvalid(await list(subject, '?sort=random'), ['#sort']);
        assertInvalid(await list(subject, '?limit=0'), ['#limit']);
        assertInvalid(await list(subject, '?limit=51'), ['#limit']);
        assertInvalid(await list(subject, `?q=${'x'.repeat(201)}`), ['#q']);
        assertInvalid(await list('bad subject!'), ['#subject']);
      });

      it('searches with q, best match first, paging by cursor', async () => {
        const subject = fresh();
        const other = fresh();
        const descale = await asked(
          subject,
          'How do I descale it with vinegar?',
          alice,
          'Limescale builds up quickly.',
        );
        const vinegar = await asked(subject, 'Does vinegar smell stay afterwards?');
        await asked(subject, 'How loud is it when boiling water?');
        await asked(other, 'Descale with vinegar on the other product?');
        const found = await list(subject, '?q=descale+vinegar');
        assert.deepEqual(
          found.body.items.map((q: any) => q.id),
          [descale.id, vinegar.id],
        );
        const first = await list(subject, '?q=descale+vinegar&limit=1');
        assert.deepEqual(
          first.body.items.map((q: any) => q.id),
          [descale.id],
        );
        const next = await list(
          subject,
          `?q=descale+vinegar&limit=1&cursor=${first.body.nextCursor}`,
        );
        assert.deepEqual(
          next.body.items.map((q: any) => q.id),
          [vinegar.id],
        );
        assert.equal(next.body.nextCursor, null);
        assertInvalid(await list(subject, `?q=boiling&cursor=${first.body.nextCursor}`), [
          '#cursor',
        ]);
        assert.deepEqual((await list(subject, '?q=<script>alert(1)</script>')).body.items, []);
      });
    });

    describe('GET /questions/similar', () => {
      it('finds the question a near-duplicate title repeats, in the same subject only', async () => {
        const subject = fresh();
        const original = await asked(
          subject,
          'Does the kettle switch off by itself?',
          alice,
          'Auto shut-off?',
        );
        await asked(subject, 'How many cups does the kettle hold?');
        await asked(subject, 'Is the base cordless?');
        await asked(fresh(), 'Does the kettle switch off by itself?');
        const similar = await call(
          `/questions/similar?subject=${subject}&q=${encodeURIComponent('does it switch itself off')}`,
        );
        assert.equal(similar.status, 200);
        assert.equal(similar.body.items[0].id, original.id);
        assert.ok(similar.body.items.every((q: any) => q.subject === subject));
        const one = await call(`/questions/similar?subject=${subject}&q=kettle&limit=1`);
        assert.equal(one.body.items.length, 1);
        assert.deepEqual(
          (await call(`/questions/similar?subject=${subject}&q=the+and`)).body.items,
          [],
        );
      });

      it('needs a subject and a query', async () => {
        assertInvalid(await call('/questions/similar?q=kettle'), ['#subject']);
        assertInvalid(await call(`/questions/similar?subject=${fresh()}`), ['#q']);
        assertInvalid(await call(`/questions/similar?subject=${fresh()}&q=kettle&limit=11`), [
          '#limit',
        ]);
      });
    });

    describe('GET|PATCH|DELETE /questions/{questionId}', () => {
      it('reads one question; unknown and malformed ids', async () => {
        const question = await asked(fresh(), 'What is the cable length?');
        assert.deepEqual((await call(`/questions/${question.id}`, as(alice))).body, question);
        assertProblem(await call('/questions/qDoesNotExist'), 404, 'not-found');
        assertInvalid(await call('/questions/bad%20id'), ['#questionId']);
      });

      it('lets the author edit, and nobody else', async () => {
        const question = await asked(fresh(), 'What is the cable length?');
        const path = `/questions/${question.id}`;
        assertUnauthorized(await call(path, { method: 'PATCH', json: { body: 'x' } }));
        assertProblem(
          await call(path, { method: 'PATCH', json: { body: 'x' }, ...as(bob) }),
          403,
          'forbidden',
        );
        assertInvalid(await call(path, { method: 'PATCH', json: {}, ...as(alice) }), ['']);
        assertInvalid(
          await call(path, { method: 'PATCH', json: { title: 'short' }, ...as(alice) }),
          ['/title'],
        );
        const edited = await call(path, {
          method: 'PATCH',
          json: { body: 'In metres, please.', topics: ['cable'] },
          ...as(alice),
        });
        assert.equal(edited.status, 200);
        assert.equal(edited.body.body, 'In metres, please.');
        assert.deepEqual(edited.body.topics, ['cable']);
        assert.equal(edited.body.title, question.title);
        assert.ok(edited.body.editedAt);
      });

      it('lets the author or a moderator delete, with the answers', async () => {
        const subject = fresh();
        const mine = await asked(subject, 'What is the cable length?');
        const other = await asked(subject, 'What colour options exist?');
        await answerOf(mine.id, 'About 75 cm.');
        assertProblem(
          await call(`/questions/${mine.id}`, { method: 'DELETE', ...as(bob) }),
          403,
          'forbidden',
        );
        const deleted = await call(`/questions/${mine.id}`, { method: 'DELETE', ...as(alice) });
        assert.equal(deleted.status, 204);
        assert.equal(deleted.body, undefined);
        assert.equal(
          (await call(`/questions/${other.id}`, { method: 'DELETE', ...as(mod) })).status,
          204,
        );
        assertProblem(await call(`/questions/${mine.id}`), 404, 'not-found');
        assertProblem(await call(`/questions/${mine.id}/answers`), 404, 'not-found');
        assert.deepEqual((await list(subject)).body.items, []);
        assert.deepEqual(
          (await call(`/questions/similar?subject=${subject}&q=cable+length`)).body.items,
          [],
        );
      });
    });

    describe('votes', () => {
      it('are absolute, one per viewer, never on one’s own post', async () => {
        const question = await asked(fresh(), 'Does it whistle when done?');
        let answer = await vote('questions', question.id, 1, bob);
        assert.equal(answer.status, 200);
        assert.deepEqual([answer.body.score, answer.body.viewerVote], [1, 1]);
        answer = await vote('questions', question.id, 1, bob);
        assert.deepEqual([answer.body.score, answer.body.viewerVote], [1, 1]);
        answer = await vote('questions', question.id, -1, carol);
        assert.deepEqual([answer.body.score, answer.body.viewerVote], [0, -1]);
        answer = await vote('questions', question.id, -1, bob);
        assert.deepEqual([answer.body.score, answer.body.viewerVote], [-2, -1]);
        answer = await vote('questions', question.id, 0, bob);
        assert.deepEqual([answer.body.score, answer.body.viewerVote], [-1, 0]);
        assertProblem(await vote('questions', question.id, 1, alice), 403, 'forbidden');
        assertInvalid(await vote('questions', question.id, 2, bob), ['/value']);
        assertInvalid(await vote('questions', question.id, '1', bob), ['/value']);
        assertUnauthorized(
          await call(`/questions/${question.id}/vote`, { method: 'PUT', json: { value: 1 } }),
        );
        assertProblem(await vote('questions', 'qMissing', 1, bob), 404, 'not-found');
      });

      it('on answers too', async () => {
        const question = await asked(fresh(), 'Does it whistle when done?');
        const reply = (await answerOf(question.id, 'No, it clicks.', bob)).body;
        const answer = await vote('answers', reply.id, 1, alice);
        assert.deepEqual([answer.body.score, answer.body.viewerVote], [1, 1]);
        assertProblem(await vote('answers', reply.id, 1, bob), 403, 'forbidden');
        assertProblem(await vote('answers', 'aMissing', 1, alice), 404, 'not-found');
      });
    });

    describe('answers', () => {
      it('are listed best first, the accepted one pinned, in pages', async () => {
        const question = await asked(fresh(), 'Which filter fits this kettle?');
        const a1 = (await answerOf(question.id, 'The F-1 filter.', bob)).body;
        const a2 = (await answerOf(question.id, 'Any 5 cm mesh filter.', carol)).body;
        const a3 = (await answerOf(question.id, 'The one in the box.', mod)).body;
        await vote('answers', a2.id, 1, alice);
        const path = `/questions/${question.id}/answers`;
        assert.deepEqual(
          (await call(path)).body.items.map((a: any) => a.id),
          [a2.id, a1.id, a3.id],
        );
        const accepted = await accept(question.id, a3.id);
        assert.equal(accepted.status, 200);
        assert.equal(accepted.body.acceptedAnswerId, a3.id);
        const all = (await call(path, as(alice))).body;
        assert.deepEqual(
          all.items.map((a: any) => [a.id, a.accepted]),
          [
            [a3.id, true],
            [a2.id, false],
            [a1.id, false],
          ],
        );
        assert.equal(all.items[1].viewerVote, 1);
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const page: any = await call(`${path}?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
          seen.push(...page.body.items.map((a: any) => a.id));
          cursor = page.body.nextCursor;
        } while (cursor);
        assert.deepEqual(seen, [a3.id, a2.id, a1.id]);
      });

      it('count on the question; bad bodies and unknown questions are refused', async () => {
        const question = await asked(fresh(), 'Which filter fits this kettle?');
        const created = await answerOf(question.id, '  The F-1 filter.  ');
        assert.equal(created.status, 201);
        assert.equal(created.body.body, 'The F-1 filter.');
        assert.deepEqual(created.body.author, { id: 'u-bob', name: 'Bob', avatar: null });
        assert.equal(created.body.accepted, false);
        assert.equal((await call(`/questions/${question.id}`)).body.answerCount, 1);
        assertInvalid(await answerOf(question.id, ''), ['/body']);
        assertInvalid(await answerOf(question.id, 'x'.repeat(4001)), ['/body']);
        assertProblem(await answerOf('qMissing', 'An answer.'), 404, 'not-found');
        assertUnauthorized(
          await call(`/questions/${question.id}/answers`, { method: 'POST', json: { body: 'x' } }),
        );
      });

      it('are edited by their authors and deleted by them or moderators', async () => {
        const question = await asked(fresh(), 'Which filter fits this kettle?');
        const reply = (await answerOf(question.id, 'The F-1 filter.', bob)).body;
        const path = `/answers/${reply.id}`;
        assertProblem(
          await call(path, { method: 'PATCH', json: { body: 'Mine now' }, ...as(alice) }),
          403,
          'forbidden',
        );
        const edited = await call(path, {
          method: 'PATCH',
          json: { body: 'The F-2 filter.' },
          ...as(bob),
        });
        assert.equal(edited.body.body, 'The F-2 filter.');
        assert.ok(edited.body.editedAt);
        await accept(question.id, reply.id);
        assertProblem(await call(path, { method: 'DELETE', ...as(alice) }), 403, 'forbidden');
        assert.equal((await call(path, { method: 'DELETE', ...as(mod) })).status, 204);
        const after = (await call(`/questions/${question.id}`)).body;
        assert.deepEqual([after.answerCount, after.acceptedAnswerId], [0, null]);
        assertProblem(await call(path, { method: 'DELETE', ...as(bob) }), 404, 'not-found');
      });
    });

    describe('PUT /questions/{questionId}/accepted', () => {
      it('is for the asker or a moderator, and only for the question’s own answers', async () => {
        const question = await asked(fresh(), 'Which filter fits this kettle?');
        const other = await asked(fresh(), 'Another question entirely');
        const reply = (await answerOf(question.id, 'The F-1 filter.', bob)).body;
        const foreign = (await answerOf(other.id, 'Elsewhere.', bob)).body;
        assertProblem(await accept(question.id, reply.id, bob), 403, 'forbidden');
        assertInvalid(await accept(question.id, foreign.id), ['/answerId']);
        assertInvalid(await accept(question.id, 'bad id!'), ['/answerId']);
        assert.equal((await accept(question.id, reply.id, mod)).body.acceptedAnswerId, reply.id);
        assert.equal((await accept(question.id, null)).body.acceptedAnswerId, null);
        assertUnauthorized(
          await call(`/questions/${question.id}/accepted`, {
            method: 'PUT',
            json: { answerId: null },
          }),
        );
      });
    });
  });
}
