/**
 * The community's event log: every change writes exactly one event in its own transaction,
 * with the facts its listeners need, on every store (memory, SQLite, Postgres when
 * `CW_TEST_DATABASE_URL` is set). A refused write and a change that changes nothing write none.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { Community } from '../../server/domain/community.js';
import type { CommunityEventRow } from '../../server/domain/events.js';
import type { Store } from '../../server/domain/store.js';
import type { Identity } from '../../server/domain/types.js';
import { storeBackends } from './helpers.js';

const person = (id: string, ...roles: Identity['roles']): Identity => ({
  id,
  name: id,
  avatar: null,
  roles: ['member', ...roles],
});
const asker = person('u-asker');
const helper = person('u-helper');
const voter = person('u-voter');
const moderator = person('u-mod', 'moderator');
const reporters = [person('u-r1'), person('u-r2'), person('u-r3')];

for (const backend of storeBackends) {
  describe(`community events: ${backend.name}`, { skip: backend.skip ?? false }, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let community: Community;
    let seen = 0;
    beforeEach(async () => {
      ({ store, dispose } = await backend.open());
      community = new Community({ store, now: () => new Date(Date.UTC(2026, 10, 30, 12)) });
      seen = 0;
    });
    afterEach(() => dispose());

    /** The events written since the last call, oldest first. */
    async function newEvents(): Promise<CommunityEventRow[]> {
      const rows = await store.events.after({ after: seen, limit: 1000 });
      seen = rows.at(-1)?.seq ?? seen;
      return rows;
    }
    const types = async () => (await newEvents()).map((event) => event.type);

    it('records ratings and reviews, each once, and nothing for a change that changes nothing', async () => {
      await community.ratings.rate(asker, 'sku-1', { value: 4 });
      await community.ratings.rate(asker, 'sku-1', { value: 4 });
      const [rated] = await newEvents();
      assert.equal(rated?.type, 'rating.set');
      assert.equal(rated?.actorId, asker.id);
      assert.equal(rated?.place, 'subject:sku-1');
      assert.deepEqual(rated?.data, { subject: 'sku-1', stars: 4, previous: null });
      assert.equal(seen, rated?.seq, 'the repeated rating wrote no event');

      const { review } = await community.reviews.create(
        helper,
        'sku-1',
        { stars: 5, title: 'Great kettle', body: 'Boils fast and pours cleanly.' },
        undefined,
      );
      const posted = await newEvents();
      assert.deepEqual(
        posted.map((e) => e.type),
        ['rating.set', 'review.posted'],
      );
      assert.deepEqual(posted[1]?.data, {
        subject: 'sku-1',
        reviewId: review.id,
        authorId: helper.id,
        stars: 5,
        title: 'Great kettle',
        held: false,
      });
      await community.reviews.setHelpful(voter, review.id, { value: 'yes' });
      const [voted] = await newEvents();
      assert.equal(voted?.type, 'review.voted');
      assert.deepEqual(voted?.data, {
        subject: 'sku-1',
        reviewId: review.id,
        authorId: helper.id,
        helpful: 'yes',
        previous: null,
      });
      await community.reviews.edit(helper, review.id, { body: 'Boils fast; pours cleanly.' });
      await community.reviews.remove(helper, review.id);
      await community.ratings.clear(asker, 'sku-1');
      assert.deepEqual(await types(), ['review.edited', 'review.deleted', 'rating.set']);
    });

    it('records the life of a question: asked, answered, voted, accepted, edited, deleted', async () => {
      const question = await community.questions.ask(asker, 'sku-2', {
        title: 'Does it descale itself?',
        topics: ['care'],
      });
      const answer = await community.questions.answer(helper, question.id, {
        body: 'No, use citric acid once a month.',
      });
      await community.questions.voteAnswer(voter, answer.id, { value: 1 });
      await community.questions.voteQuestion(voter, question.id, { value: 1 });
      await community.questions.accept(asker, question.id, { answerId: answer.id });
      const events = await newEvents();
      assert.deepEqual(
        events.map((e) => e.type),
        ['question.asked', 'answer.posted', 'answer.voted', 'question.voted', 'answer.accepted'],
      );
      const facts = {
        subject: 'sku-2',
        questionId: question.id,
        questionTitle: 'Does it descale itself?',
        questionAuthorId: asker.id,
        topics: ['care'],
      };
      assert.deepEqual(events[1]?.data, {
        ...facts,
        answerId: answer.id,
        authorId: helper.id,
        held: false,
      });
      assert.deepEqual(events[4]?.data, {
        ...facts,
        answerId: answer.id,
        answerAuthorId: helper.id,
        previousAnswerId: null,
      });
      assert.equal(events[4]?.actorId, asker.id);

      // Accepting the same answer again changes nothing, so it says nothing.
      await community.questions.accept(asker, question.id, { answerId: answer.id });
      await community.questions.editAnswer(helper, answer.id, { body: 'Citric acid, monthly.' });
      await community.questions.removeAnswer(helper, answer.id);
      await community.questions.edit(asker, question.id, { title: 'Does it descale by itself?' });
      await community.questions.remove(asker, question.id);
      assert.deepEqual(await types(), [
        'answer.edited',
        'answer.deleted',
        'question.edited',
        'question.deleted',
      ]);
    });

    it('records ideas: submitted, voted, commented, status changed, merged', async () => {
      await community.ideas.saveBoard({ id: 'roadmap', title: 'Roadmap' });
      const idea = await community.ideas.submit(asker, 'roadmap', {
        title: 'Dark mode for the dashboard',
        body: '',
      });
      const duplicate = await community.ideas.submit(helper, 'roadmap', {
        title: 'A dark theme please',
        body: '',
      });
      await community.ideas.vote(voter, idea.id, { voted: true });
      await community.ideas.comment(moderator, idea.id, { body: 'We are looking at it.' });
      await community.ideas.setStatus(moderator, idea.id, { status: 'planned', note: 'Q1' });
      await community.ideas.merge(moderator, duplicate.id, { into: idea.id });
      const events = await newEvents();
      assert.deepEqual(
        events.map((e) => e.type),
        [
          'idea.submitted',
          'idea.submitted',
          'idea.voted',
          'idea.commented',
          'idea.status-changed',
          'idea.merged',
        ],
      );
      assert.ok(events.every((e) => e.place === 'board:roadmap'));
      assert.deepEqual(events[3]?.data, {
        board: 'roadmap',
        ideaId: idea.id,
        ideaTitle: 'Dark mode for the dashboard',
        ideaAuthorId: asker.id,
        commentId: (events[3]?.data as { commentId: string }).commentId,
        commentAuthorId: moderator.id,
        official: true,
        held: false,
      });
      assert.deepEqual(
        { ...events[4]?.data },
        {
          board: 'roadmap',
          ideaId: idea.id,
          ideaTitle: 'Dark mode for the dashboard',
          ideaAuthorId: asker.id,
          from: 'open',
          to: 'planned',
          note: 'Q1',
        },
      );
      assert.equal((events[5]?.data as { intoId: string }).intoId, idea.id);
    });

    it('records endorsements, invitations, reports, moderators’ decisions and suspensions', async () => {
      const question = await community.questions.ask(asker, 'sku-3', {
        title: 'Which filter fits the 2024 model?',
      });
      await community.questions.answer(helper, question.id, { body: 'The F-12 filter.' });
      // Invitations go to people who have not answered; the voter is known once they asked.
      await community.questions.ask(voter, 'sku-9', { title: 'Is there a travel size?' });
      await community.experts.endorse(asker, helper.id, 'filters', true);
      await community.experts.invite(asker, question.id, { userId: voter.id });
      const answered = await newEvents();
      assert.deepEqual(
        answered.slice(3).map((e) => [e.type, e.data]),
        [
          ['expert.endorsed', { personId: helper.id, topic: 'filters', endorsed: true }],
          [
            'expert.invited',
            {
              subject: 'sku-3',
              questionId: question.id,
              questionTitle: 'Which filter fits the 2024 model?',
              questionAuthorId: asker.id,
              topics: [],
              personId: voter.id,
              invitationId: (answered[4]?.data as { invitationId: string }).invitationId,
            },
          ],
        ],
      );

      for (const reporter of reporters) {
        await community.moderation.report(reporter, {
          target: { kind: 'question', id: question.id },
          reason: 'spam',
        });
      }
      const reported = await newEvents();
      assert.deepEqual(
        reported.map((e) => e.type),
        ['post.reported', 'post.reported', 'moderation.decided', 'post.reported'],
        'the third report hides the post before its own report is recorded',
      );
      assert.deepEqual(reported[2]?.data, {
        kind: 'question',
        postId: question.id,
        authorId: asker.id,
        title: 'Which filter fits the 2024 model?',
        action: 'hide',
        from: 'visible',
        reason: null,
        rule: 'reports',
      });
      assert.equal(reported[2]?.actorId, null);

      await community.moderation.decide(moderator, {
        action: 'remove',
        targets: [{ kind: 'question', id: question.id }],
        reason: 'Advertising.',
      });
      await community.moderation.decide(moderator, {
        action: 'restore',
        targets: [{ kind: 'question', id: question.id }],
      });
      const decided = await newEvents();
      assert.deepEqual(
        decided.map((e) => [
          e.type,
          (e.data as { action: string }).action,
          (e.data as { from: string }).from,
          e.actorId,
        ]),
        [
          ['moderation.decided', 'remove', 'hidden', moderator.id],
          ['moderation.decided', 'restore', 'removed', moderator.id],
        ],
      );

      await community.moderation.suspend(moderator, helper.id, {
        until: '2026-12-03T12:00:00.000Z',
        reason: 'Repeated spam.',
      });
      await community.moderation.lift(moderator, helper.id);
      assert.deepEqual(await types(), ['person.suspended', 'person.unsuspended']);
    });

    it('records a held post as held, and its approval as a decision', async () => {
      community.moderation.setPlaceRules('subject:sku-4', { mode: 'hold-all' });
      const question = await community.questions.ask(asker, 'sku-4', { title: 'Is it loud?' });
      const held = await newEvents();
      assert.deepEqual(
        held.map((e) => [
          e.type,
          (e.data as { held?: boolean; action?: string }).held ??
            (e.data as { action: string }).action,
        ]),
        [
          ['moderation.decided', 'hold'],
          ['question.asked', true],
        ],
      );
      await community.moderation.decide(moderator, {
        action: 'approve',
        targets: [{ kind: 'question', id: question.id }],
      });
      const [approved] = await newEvents();
      assert.equal((approved?.data as { action: string }).action, 'approve');
      assert.equal((approved?.data as { from: string }).from, 'held');
    });

    it('writes nothing when the write is refused, and keeps ids unique', async () => {
      const question = await community.questions.ask(asker, 'sku-5', {
        title: 'How long is the cord?',
      });
      await assert.rejects(community.questions.voteQuestion(asker, question.id, { value: 1 }));
      await assert.rejects(community.questions.edit(helper, question.id, { title: 'Mine now?' }));
      const events = await newEvents();
      assert.deepEqual(
        events.map((e) => e.type),
        ['question.asked'],
      );
      const all = await store.events.after({ after: 0, limit: 1000 });
      assert.equal(new Set(all.map((e) => e.id)).size, all.length);
      assert.ok(all.every((e, i) => i === 0 || e.seq > all[i - 1]!.seq));
    });
  });
}
