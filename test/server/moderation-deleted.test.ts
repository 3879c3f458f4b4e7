/**
 * Deleting a post closes its moderation case and drops its waiting reports, on every store:
 * nothing is left to decide, so the queue does not read past dead cases as they pile up.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { Community } from '../../server/domain/community.js';
import type { Store } from '../../server/domain/store.js';
import { person, storeBackends } from './helpers.js';

const asker = person('u-asker');
const helper = person('u-helper');
const reviewer = person('u-reviewer');
const reporter = person('u-reporter');
const moderator = person('u-mod', ['member', 'moderator']);

for (const backend of storeBackends) {
  describe(
    `deleted posts close their cases: ${backend.name}`,
    { skip: backend.skip ?? false },
    () => {
      let store: Store;
      let dispose: () => Promise<void>;
      let community: Community;
      beforeEach(async () => {
        ({ store, dispose } = await backend.open());
        community = new Community({ store });
      });
      afterEach(() => dispose());

      const report = (kind: string, id: string) =>
        community.moderation.report(reporter, { target: { kind, id }, reason: 'spam' });
      const openCases = async () =>
        (await store.moderation.queue({ limit: 100 })).map((row) => `${row.kind}:${row.targetId}`);

      it('a question with its answers, an answer and a review, each reported, then deleted', async () => {
        const question = await community.questions.ask(asker, 'sku-1', {
          title: 'Which descaler?',
        });
        const answers = [];
        for (const body of ['Citric acid.', 'Vinegar works.', 'White vinegar.']) {
          answers.push(await community.questions.answer(helper, question.id, { body }));
        }
        const other = await community.questions.ask(asker, 'sku-1', { title: 'Which kettle?' });
        const kept = await community.questions.answer(helper, other.id, { body: 'The steel one.' });
        const { review } = await community.reviews.create(
          reviewer,
          'sku-1',
          { stars: 1, title: 'Awful', body: 'It leaked on day one.' },
          undefined,
        );
        await report('question', question.id);
        for (const answer of answers) await report('answer', answer.id);
        await report('answer', kept.id);
        await report('review', review.id);
        assert.equal((await openCases()).length, 6);

        await community.questions.removeAnswer(helper, answers[0]!.id);
        await community.questions.remove(asker, question.id);
        await community.reviews.remove(reviewer, review.id);

        assert.deepEqual(await openCases(), [`answer:${kept.id}`], 'only the living post waits');
        const closed = await store.moderation.cases(
          'answer',
          answers.map((a) => a.id),
        );
        assert.deepEqual(
          [...closed.values()].map((row) => row.open),
          [false, false, false],
        );
        assert.deepEqual(
          await store.moderation.reports(
            'answer',
            answers.map((a) => a.id),
          ),
          [],
        );
        assert.deepEqual(await store.moderation.reports('review', [review.id]), []);
        assert.equal((await store.moderation.reports('answer', [kept.id])).length, 1);
        const page = await community.moderation.queue(moderator, { limit: 10 });
        assert.deepEqual(
          page.items.map((item) => item.target.id),
          [kept.id],
        );
      });
    },
  );
}
