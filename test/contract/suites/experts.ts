/**
 * Experts: reputation from the other widgets' events, per-topic expertise, endorsements,
 * batched profiles, the ranked directory and invitations: the same cases against the msw
 * mock and the server.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  DEFAULT_REPUTATION_WEIGHTS as W,
  levelOf,
  MAX_PROFILE_BATCH,
} from '../../../server/domain/expert-rules.js';
import type { Identity } from '../../../server/domain/types.js';
import {
  assertInvalid,
  assertProblem,
  assertUnauthorized,
  client,
  type CallOptions,
} from '../client.js';
import { trackOperations } from '../journal.js';
import { needsSetup, setupOf, unlessSkipped, type Target, type TargetFactory } from '../target.js';

export function expertsSuite(factory: TargetFactory): void {
  describe(`Experts contract: ${factory.name}`, unlessSkipped(factory), () => {
    trackOperations();
    let target: Target;
    let counter = 0;
    const tokens = new Map<string, string>();
    const call = client(() => target);
    const key = () => `key-${Date.now()}-${counter++}-${Math.random().toString(36).slice(2)}`;

    before(async () => {
      target = await factory.start();
    });
    after(() => target.close());

    /** A fresh person per test, so tests never share reputation. */
    function person(name: string, roles: Identity['roles'] = ['member']): Identity {
      return { id: `u-${name.toLowerCase()}-${counter++}`, name, avatar: null, roles };
    }
    async function as(who: Identity | null): Promise<Pick<CallOptions, 'token'>> {
      if (!who) return {};
      if (!tokens.has(who.id)) tokens.set(who.id, await target.tokenFor(who));
      return { token: tokens.get(who.id)! };
    }
    async function ok(path: string, options: CallOptions & { as?: Identity | null } = {}) {
      const { as: who = null, ...rest } = options;
      const answer = await call(path, { ...rest, ...(await as(who)) });
      assert.ok(
        answer.status >= 200 && answer.status < 300,
        `${path}: ${JSON.stringify(answer.body)}`,
      );
      return answer.body;
    }
    const ask = (who: Identity, topics: string[]) =>
      ok(`/subjects/sku-${counter++}/questions`, {
        method: 'POST',
        json: { title: 'Which kettle boils fastest?', body: '', topics },
        as: who,
      });
    const answer = (who: Identity, questionId: string) =>
      ok(`/questions/${questionId}/answers`, {
        method: 'POST',
        json: { body: 'The steel one.' },
        as: who,
      });
    const vote = (kind: 'questions' | 'answers', id: string, value: number, who: Identity) =>
      ok(`/${kind}/${id}/vote`, { method: 'PUT', json: { value }, as: who });
    const profiles = async (ids: string[], who: Identity | null = null) =>
      (await ok(`/users?ids=${ids.map(encodeURIComponent).join(',')}`, { as: who })).items;
    const profile = async (id: string, who: Identity | null = null) =>
      (await profiles([id], who))[0];
    const endorse = async (id: string, topic: string, who: Identity | null, method = 'PUT') =>
      call(`/users/${encodeURIComponent(id)}/endorsements/${topic}`, {
        method,
        ...(await as(who)),
      });

    // Part of the sequence completes an idea, on a board only the domain can create.
    it(
      'reputation after a scripted sequence equals the documented formula',
      needsSetup(factory),
      async () => {
        const [alice, bob, carol, dave] = ['Alice', 'Bob', 'Carol', 'Dave'].map((n) => person(n));
        const mod = person('Mo', ['member', 'moderator']);
        const q = await ask(alice!, ['kettles', 'tea']);
        const a1 = await answer(bob!, q.id);
        const a2 = await answer(carol!, q.id);
        await vote('questions', q.id, 1, dave!);
        await vote('answers', a1.id, 1, alice!);
        await vote('answers', a1.id, 1, dave!);
        await vote('answers', a1.id, -1, carol!);
        await vote('answers', a2.id, 1, alice!);
        await ok(`/questions/${q.id}/accepted`, {
          method: 'PUT',
          json: { answerId: a1.id },
          as: alice,
        });
        // Retracted: Dave withdraws his upvote; Alice moves the acceptance to Carol's answer.
        await vote('answers', a1.id, 0, dave!);
        await ok(`/questions/${q.id}/accepted`, {
          method: 'PUT',
          json: { answerId: a2.id },
          as: alice,
        });

        // Bob's review: two "helpful", one "not helpful", one withdrawn.
        const review = await ok(`/subjects/sku-r-${counter++}/reviews`, {
          method: 'POST',
          json: { stars: 4, title: 'Solid', body: 'Boils fast.' },
          as: bob,
        });
        const reviewId = review.review?.id ?? review.id;
        for (const [who, value] of [
          [alice, 'yes'],
          [carol, 'yes'],
          [dave, 'no'],
          [mod, 'yes'],
          [mod, 'none'],
        ] as const) {
          await ok(`/reviews/${reviewId}/helpful`, { method: 'PUT', json: { value }, as: who });
        }

        // Carol's idea is completed, reopened and completed again: counted once.
        const boardId = `b-experts-${counter++}`;
        await setupOf(target).ideas.saveBoard({ id: boardId, title: 'Roadmap' });
        const idea = await ok(`/boards/${boardId}/ideas`, {
          method: 'POST',
          json: { title: 'A quieter kettle lid', body: '' },
          as: carol,
        });
        for (const status of ['completed', 'planned', 'completed']) {
          await ok(`/ideas/${idea.id}`, { method: 'PATCH', json: { status }, as: mod });
        }

        const bobExpected = 1 * W.answerUpvoted + 1 * W.answerDownvoted + 2 * W.reviewHelpful;
        const carolExpected = W.answerUpvoted + W.answerAccepted + W.ideaCompleted;
        const aliceExpected = W.questionUpvoted;
        const [a, b, c] = await profiles([alice!.id, bob!.id, carol!.id]);
        assert.equal(a.reputation, aliceExpected);
        assert.equal(b.reputation, bobExpected);
        assert.equal(c.reputation, carolExpected);
        assert.equal(c.level, levelOf(carolExpected).level);
        assert.equal(c.nextLevelAt, levelOf(carolExpected).nextLevelAt);
        assert.deepEqual(c.badges, ['accepted-answer', 'idea-shipped']);
        assert.deepEqual(b.badges, []);
        // Topic points: only Q&A content carries topics (reviews and ideas do not).
        const topicPoints = (p: { topics: Array<{ topic: string; points: number }> }) =>
          Object.fromEntries(p.topics.map((t) => [t.topic, t.points]));
        assert.deepEqual(topicPoints(b), {
          kettles: W.answerUpvoted + W.answerDownvoted,
          tea: W.answerUpvoted + W.answerDownvoted,
        });
        assert.deepEqual(topicPoints(c), {
          kettles: W.answerUpvoted + W.answerAccepted,
          tea: W.answerUpvoted + W.answerAccepted,
        });

        // Deleting Carol's accepted answer takes back everything it earned.
        await ok(`/answers/${a2.id}`, { method: 'DELETE', as: carol });
        const carolAfter = await profile(carol!.id);
        assert.equal(carolAfter.reputation, W.ideaCompleted);
        assert.deepEqual(carolAfter.badges, ['idea-shipped']);
        assert.deepEqual(carolAfter.topics, []);

        // Retopicking the question moves the points earned on it.
        await ok(`/questions/${q.id}`, {
          method: 'PATCH',
          json: { topics: ['descaling'] },
          as: alice,
        });
        assert.deepEqual(topicPoints(await profile(bob!.id)), {
          descaling: W.answerUpvoted + W.answerDownvoted,
        });
        // Deleting the question takes back the points on it and on its answers.
        await ok(`/questions/${q.id}`, { method: 'DELETE', as: alice });
        assert.equal((await profile(alice!.id)).reputation, 0);
        assert.equal((await profile(bob!.id)).reputation, 2 * W.reviewHelpful);
      },
    );

    it('answers a batch of profiles once per distinct id, in order, including unknown people', async () => {
      const known = person('Kim');
      await ask(known, ['tea']);
      const items = await profiles([known.id, 'u-nobody', known.id]);
      assert.deepEqual(
        items.map((p: { id: string }) => p.id),
        [known.id, 'u-nobody'],
      );
      assert.equal(items[0].name, 'Kim');
      assert.deepEqual(items[1], {
        id: 'u-nobody',
        name: null,
        avatar: null,
        reputation: 0,
        level: 'newcomer',
        nextLevelAt: 50,
        topics: [],
        badges: [],
      });
      const many = Array.from({ length: MAX_PROFILE_BATCH + 1 }, (_, i) => `u-${i}`);
      assertInvalid(await call(`/users?ids=${many.join(',')}`), ['#ids']);
      assertInvalid(await call('/users?ids=a,,b'), ['#ids']);
    });

    it('endorsements: signed in, never oneself, one per endorser per topic, withdrawable', async () => {
      const [erin, fay, gus] = ['Erin', 'Fay', 'Gus'].map((n) => person(n));
      await ask(erin!, ['tea']);
      assertUnauthorized(await endorse(erin!.id, 'tea', null));
      assertProblem(await endorse(erin!.id, 'tea', erin!), 403, 'forbidden');
      assertProblem(await endorse('u-never-seen', 'tea', fay!), 404, 'not-found');
      assertInvalid(await endorse(erin!.id, 'Not_A_Topic', fay!), ['#topic']);

      const first = await endorse(erin!.id, 'tea', fay!);
      assert.equal(first.status, 200);
      assert.deepEqual(first.body, {
        userId: erin!.id,
        topic: 'tea',
        score: W.endorsement,
        points: 0,
        endorsements: 1,
        endorsedByViewer: true,
      });
      assert.equal((await endorse(erin!.id, 'tea', fay!)).body.endorsements, 1, 'one per endorser');
      assert.equal((await endorse(erin!.id, 'tea', gus!)).body.endorsements, 2);
      const seenByFay = await profile(erin!.id, fay!);
      assert.equal(seenByFay.topics[0].endorsedByViewer, true);
      assert.equal((await profile(erin!.id)).topics[0].endorsedByViewer, false);
      assert.equal((await profile(erin!.id)).reputation, 0, 'endorsements add no reputation');

      const withdrawn = await endorse(erin!.id, 'tea', fay!, 'DELETE');
      assert.equal(withdrawn.status, 200, JSON.stringify(withdrawn.body));
      assert.equal(withdrawn.body.endorsements, 1);
      assert.equal(withdrawn.body.endorsedByViewer, false);
      assert.equal((await endorse(erin!.id, 'tea', fay!, 'DELETE')).body.endorsements, 1);
    });

    it('ranks the directory by topic score, then id, in pages', async () => {
      const topic = `topic-${counter++}`;
      const asker = person('Asker');
      const [hal, ivy, jon] = ['Hal', 'Ivy', 'Jon'].map((n) => person(n));
      const voters = ['V1', 'V2', 'V3'].map((n) => person(n));
      const q = await ask(asker, [topic]);
      const hals = await answer(hal!, q.id);
      const ivys = await answer(ivy!, q.id);
      await answer(jon!, q.id);
      await vote('answers', hals.id, 1, voters[0]!);
      await vote('answers', ivys.id, 1, voters[0]!);
      await vote('answers', ivys.id, 1, voters[1]!);
      // Jon has no points but two endorsements: 2 × endorsement weight.
      await endorse(jon!.id, topic, voters[0]!);
      await endorse(jon!.id, topic, voters[1]!);

      const first = await ok(`/experts?topic=${topic}&limit=2`);
      const scores = [2 * W.answerUpvoted, 2 * W.endorsement, W.answerUpvoted];
      const expected = [
        { id: ivy!.id, score: scores[0]! },
        { id: jon!.id, score: scores[1]! },
        { id: hal!.id, score: scores[2]! },
      ].sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
      assert.deepEqual(
        first.items.map(
          (e: { rank: number; score: number; topic: string; user: { id: string } }) => [
            e.rank,
            e.user.id,
            e.score,
            e.topic,
          ],
        ),
        expected.slice(0, 2).map((e, i) => [i + 1, e.id, e.score, topic]),
      );
      assert.ok(first.nextCursor);
      const second = await ok(`/experts?topic=${topic}&limit=2&cursor=${first.nextCursor}`);
      assert.deepEqual(
        second.items.map((e: { rank: number; user: { id: string } }) => [e.rank, e.user.id]),
        [[3, expected[2]!.id]],
      );
      assert.equal(second.nextCursor, null);
      assertInvalid(await call(`/experts?topic=other-${topic}&cursor=${first.nextCursor}`), [
        '#cursor',
      ]);
      assertInvalid(await call('/experts?topic=Bad_Topic'), ['#topic']);

      const topics = (await ok('/topics')).items;
      assert.deepEqual(
        topics.find((t: { topic: string }) => t.topic === topic),
        { topic, experts: 3 },
      );
      const overall = (await ok('/experts?limit=50')).items;
      for (let i = 1; i < overall.length; i++) {
        assert.ok(overall[i - 1].score >= overall[i].score, 'overall ranking by reputation');
      }
    });

    it("gives each person's standing on the topic asked for, even outside their five best", async () => {
      const kim = person('Kim');
      const [v1, v2] = ['V1', 'V2'].map((n) => person(n));
      const best = Array.from({ length: 5 }, () => `topic-${counter++}`);
      const sixth = `topic-${counter++}`;
      await answer(kim, (await ask(person('Asker'), [])).id);
      const endorsed = async (topic: string, who: Identity) =>
        assert.equal((await endorse(kim.id, topic, who)).status, 200);
      for (const topic of best) {
        await endorsed(topic, v1!);
        await endorsed(topic, v2!);
      }
      await endorsed(sixth, v1!);

      const [row] = (await ok(`/experts?topic=${sixth}`, { as: v1 })).items;
      assert.equal(row.user.id, kim.id);
      assert.deepEqual(
        row.user.topics.map((t: { topic: string }) => t.topic),
        [...best].sort(),
        'the profile keeps her five best',
      );
      assert.deepEqual(row.expertise, {
        userId: kim.id,
        topic: sixth,
        score: W.endorsement,
        points: 0,
        endorsements: 1,
        endorsedByViewer: true,
      });
      const [asOther] = (await ok(`/experts?topic=${sixth}`, { as: v2 })).items;
      assert.equal(asOther.expertise.endorsedByViewer, false);
      const overall = (await ok('/experts?limit=50')).items;
      assert.ok(
        overall.every((e: object) => !('expertise' in e)),
        'no topic, no standing',
      );
    });

    it('the asker invites a known person once; the invitee lists their invitations', async () => {
      const [asker, expert, other] = ['Asker', 'Expert', 'Other'].map((n) => person(n));
      await ask(expert!, ['tea']);
      const q = await ask(asker!, ['tea']);
      const invite = async (userId: string, who: Identity, idempotencyKey = key()) =>
        call(`/questions/${q.id}/invitations`, {
          method: 'POST',
          json: { userId },
          headers: { 'Idempotency-Key': idempotencyKey },
          ...(await as(who)),
        });
      const retryKey = key();
      const created = await invite(expert!.id, asker!, retryKey);
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.questionId, q.id);
      assert.equal(created.body.invitedBy.id, asker!.id);
      assert.deepEqual((await invite(expert!.id, asker!, retryKey)).body, created.body);
      assertProblem(await invite(expert!.id, asker!), 409, 'conflict');
      assertInvalid(await invite(asker!.id, asker!), ['/userId']);
      assertProblem(await invite('u-never-seen', asker!), 404, 'not-found');
      await ask(other!, ['tea']);
      assertProblem(await invite(expert!.id, other!), 403, 'forbidden');

      const mine = await ok('/me/invitations', { as: expert });
      assert.deepEqual(mine.items, [created.body]);
      assert.equal(mine.nextCursor, null);
      assertUnauthorized(await call('/me/invitations'));
    });

    it('refuses to invite someone who already answered the question (409)', async () => {
      const [asker, helper] = ['Asker', 'Helper'].map((n) => person(n));
      const q = await ask(asker!, ['tea']);
      await answer(helper!, q.id);
      const refused = await call(`/questions/${q.id}/invitations`, {
        method: 'POST',
        json: { userId: helper!.id },
        headers: { 'Idempotency-Key': key() },
        ...(await as(asker!)),
      });
      assertProblem(refused, 409, 'conflict');
      assert.match(refused.body.detail, /already answered/);
      assert.deepEqual((await ok('/me/invitations', { as: helper })).items, []);
    });
  });
}
