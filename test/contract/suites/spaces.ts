/**
 * Private spaces: an employees-only idea board and an employees-only family of subjects
 * answer 404 to customers and anonymous visitors exactly as missing things do, on every read
 * (lists, items, comments and answers, search, similar items, the boards list, ratings,
 * invitations, idea updates) and every write; employees and moderators get 200. The same
 * cases against the msw mock and the server on every store.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Identity } from '../../../server/domain/types.js';
import { assertProblem, assertUnauthorized, client, type Answer } from '../client.js';
import { trackOperations } from '../journal.js';
import { needsSetup, setupOf, type Target, type TargetFactory } from '../target.js';

const customer: Identity = { id: 'u-sp-cust', name: 'Cust', avatar: null, roles: ['member'] };
const employee: Identity = {
  id: 'u-sp-emp',
  name: 'Emma',
  avatar: null,
  roles: ['member', 'employee'],
};
const colleague: Identity = {
  id: 'u-sp-col',
  name: 'Colin',
  avatar: null,
  roles: ['member', 'employee'],
};
/** An employee who has not answered anything: invitations go to people who have not answered. */
const teammate: Identity = {
  id: 'u-sp-mate',
  name: 'Tao',
  avatar: null,
  roles: ['member', 'employee'],
};
/** The employee's id with the employee role taken away (she left, or moved to a customer role). */
const formerEmployee: Identity = { ...employee, roles: ['member'] };
const mod: Identity = { id: 'u-sp-mod', name: 'Mo', avatar: null, roles: ['member', 'moderator'] };

/** A problem as a viewer can compare it, without the per-request instance. */
const problemOf = (answer: Answer) => ({
  status: answer.status,
  type: answer.body?.type,
  title: answer.body?.title,
  detail: answer.body?.detail,
});

export function spacesSuite(factory: TargetFactory): void {
  // Making a space private is the site's configuration, which no operation changes.
  describe(`Private spaces contract: ${factory.name}`, needsSetup(factory), () => {
    trackOperations();
    let target: Target;
    let counter = 0;
    const call = client(() => target);
    const tokens = new Map<Identity, string>();
    const unique = () => `${Date.now().toString(36)}-${counter++}`;

    before(async () => {
      target = await factory.start();
      // One token per identity: the former employee's names the same id with fewer roles.
      for (const person of [customer, employee, colleague, teammate, formerEmployee, mod]) {
        tokens.set(person, await target.tokenFor(person));
      }
    });
    after(() => target.close());

    const tokenOf = (person: Identity | null) =>
      person === null ? {} : { token: tokens.get(person)! };
    const get = (path: string, person: Identity | null) => call(path, tokenOf(person));
    const send = (method: string, path: string, person: Identity | null, json?: unknown) =>
      call(path, { method, ...(json === undefined ? {} : { json }), ...tokenOf(person) });

    async function ok(answer: Promise<Answer>, what: string) {
      const settled = await answer;
      assert.ok(
        settled.status >= 200 && settled.status < 300,
        `${what}: ${settled.status} ${JSON.stringify(settled.body)}`,
      );
      return settled.body;
    }

    /** The answer is the very 404 a missing thing gets at `missingPath`. */
    async function assertHidden(answer: Answer, missing: Answer, what: string) {
      assertProblem(answer, 404, 'not-found');
      assert.deepEqual(problemOf(answer), problemOf(missing), what);
    }

    async function privateBoard() {
      const board = `sp-${unique()}`;
      const community = setupOf(target);
      await community.ideas.saveBoard({ id: board, title: `Staff ${board}`, voteBudget: 5 });
      community.moderation.setPlaceReaders(`board:${board}`, ['employee']);
      const idea = await ok(
        send('POST', `/boards/${board}/ideas`, employee, {
          title: 'Quieter meeting rooms',
          body: 'Acoustic panels in the meeting rooms on the third floor.',
        }),
        'employee submits',
      );
      await ok(
        send('POST', `/ideas/${idea.id}/comments`, colleague, { body: 'Yes please.' }),
        'colleague comments',
      );
      return { board, idea: idea.id as string };
    }

    it('an employees-only board is 404 to customers and anonymous visitors, as a missing one', async () => {
      const { board, idea } = await privateBoard();
      const noBoard = `sp-none-${unique()}`;
      const noIdea = `i${unique().replace(/-/g, '')}none`;
      const reads: Array<[string, string]> = [
        [`/boards/${board}`, `/boards/${noBoard}`],
        [`/boards/${board}/ideas`, `/boards/${noBoard}/ideas`],
        [`/boards/${board}/ideas?sort=trending`, `/boards/${noBoard}/ideas?sort=trending`],
        [`/boards/${board}/ideas?q=meeting`, `/boards/${noBoard}/ideas?q=meeting`],
        [
          `/boards/${board}/ideas/similar?q=meeting rooms`,
          `/boards/${noBoard}/ideas/similar?q=meeting rooms`,
        ],
        [`/ideas/${idea}`, `/ideas/${noIdea}`],
        [`/ideas/${idea}/comments`, `/ideas/${noIdea}/comments`],
      ];
      for (const viewer of [customer, null, formerEmployee]) {
        const who = viewer?.id ?? 'anonymous';
        for (const [path, missingPath] of reads) {
          await assertHidden(
            await get(path, viewer),
            await get(missingPath, viewer),
            `${who} ${path}`,
          );
        }
        const boards = await ok(get('/boards', viewer), 'boards list');
        assert.ok(
          !boards.items.some((item: { id: string }) => item.id === board),
          `${who} does not see the board in GET /boards`,
        );
      }
      for (const viewer of [employee, mod]) {
        for (const [path] of reads) await ok(get(path, viewer), `${viewer.id} ${path}`);
        const found = (await ok(get('/boards', viewer), 'boards')).items.find(
          (item: { id: string }) => item.id === board,
        );
        assert.deepEqual(found?.settings, {
          voteBudget: 5,
          posting: 'members',
          readers: ['employee'],
        });
      }
      const page = await ok(get(`/boards/${board}/ideas?q=meeting`, employee), 'search');
      assert.deepEqual(
        page.items.map((item: { id: string }) => item.id),
        [idea],
      );
      const similar = await ok(
        get(`/boards/${board}/ideas/similar?q=meeting rooms`, employee),
        'similar',
      );
      assert.deepEqual(
        similar.items.map((item: { id: string }) => item.id),
        [idea],
      );
      const comments = await ok(get(`/ideas/${idea}/comments`, employee), 'comments');
      assert.deepEqual(
        comments.items.map((item: { body: string }) => item.body),
        ['Yes please.'],
      );
      const { settings } = await ok(get(`/boards/${board}`, employee), 'board');
      assert.deepEqual(settings.readers, ['employee']);
    });

    it('writes into a private board by outsiders are the 404 of a missing board or idea', async () => {
      const { board, idea } = await privateBoard();
      const noBoard = `sp-none-${unique()}`;
      const noIdea = `i${unique().replace(/-/g, '')}none`;
      const writes: Array<[string, string, string, unknown]> = [
        ['POST', `/boards/${board}/ideas`, `/boards/${noBoard}/ideas`, { title: 'Let me in' }],
        ['PUT', `/ideas/${idea}/vote`, `/ideas/${noIdea}/vote`, { voted: true }],
        ['POST', `/ideas/${idea}/comments`, `/ideas/${noIdea}/comments`, { body: 'Hello?' }],
      ];
      for (const viewer of [customer, formerEmployee]) {
        for (const [method, path, missingPath, json] of writes) {
          await assertHidden(
            await send(method, path, viewer, json),
            await send(method, missingPath, viewer, json),
            `${viewer.id} ${method} ${path}`,
          );
        }
        await assertHidden(
          await send('POST', '/reports', viewer, {
            target: { kind: 'idea', id: idea },
            reason: 'spam',
          }),
          await send('POST', '/reports', viewer, {
            target: { kind: 'idea', id: noIdea },
            reason: 'spam',
          }),
          `${viewer.id} reports`,
        );
      }
      // Anonymous writes are refused for want of a token, whether or not the board exists.
      for (const [method, path, , json] of writes) {
        assertUnauthorized(await send(method, path, null, json));
      }
      // Nothing the outsiders tried reached the board.
      const page = await ok(get(`/boards/${board}/ideas`, employee), 'ideas');
      assert.deepEqual(
        page.items.map((item: { id: string; votes: number; commentCount: number }) => [
          item.id,
          item.votes,
          item.commentCount,
        ]),
        [[idea, 0, 1]],
      );
      await ok(send('PUT', `/ideas/${idea}/vote`, colleague, { voted: true }), 'colleague votes');
      assert.equal((await ok(get(`/ideas/${idea}`, employee), 'idea')).votes, 1);
    });

    it('a voter who loses the role hears no more of the board', async () => {
      const { idea } = await privateBoard();
      await ok(send('PUT', `/ideas/${idea}/vote`, colleague, { voted: true }), 'colleague votes');
      await ok(
        send('PATCH', `/ideas/${idea}`, mod, { status: 'planned', note: 'Next quarter.' }),
        'moderator plans it',
      );
      const updates = await ok(get('/me/ideas/updates', colleague), 'colleague updates');
      assert.ok(updates.items.some((item: { idea: { id: string } }) => item.idea.id === idea));
      const formerColleague: Identity = { ...colleague, roles: ['member'] };
      const formerToken = await target.tokenFor(formerColleague);
      const theirs = await call('/me/ideas/updates', { token: formerToken });
      assert.equal(theirs.status, 200);
      assert.ok(!theirs.body.items.some((item: { idea: { id: string } }) => item.idea.id === idea));
    });

    async function privateSubjects() {
      const family = `hr-${unique()}`;
      setupOf(target).moderation.setPlaceReaders(`subject:${family}-*`, ['employee']);
      const subject = `${family}-leave`;
      const question = await ok(
        send('POST', `/subjects/${subject}/questions`, employee, {
          title: 'How many parental leave days carry over?',
          body: 'Asking for the payroll team.',
        }),
        'employee asks',
      );
      const answer = await ok(
        send('POST', `/questions/${question.id}/answers`, colleague, {
          body: 'Up to ten days carry over to the next year.',
        }),
        'colleague answers',
      );
      await ok(
        send('PUT', `/subjects/${subject}/rating`, employee, { value: 4 }),
        'employee rates',
      );
      const review = await ok(
        send('POST', `/subjects/${subject}/reviews`, colleague, {
          stars: 5,
          title: 'Clear policy',
          body: 'The leave policy is clear and fair.',
        }),
        'colleague reviews',
      );
      return {
        family,
        subject,
        question: question.id as string,
        answer: answer.id as string,
        review: review.review.id as string,
      };
    }

    it('an employees-only family of subjects is 404 to outsiders on every Q&A and review read', async () => {
      const { family, subject, question, answer } = await privateSubjects();
      const noQuestion = `q${unique().replace(/-/g, '')}none`;
      const subjectReads = [
        `/subjects/${subject}/questions`,
        `/subjects/${subject}/questions?q=leave`,
        `/questions/similar?subject=${subject}&q=parental leave`,
        `/subjects/${subject}/reviews`,
        // Every subject the rule names, whether or not anyone posted there.
        `/subjects/${family}-never-used/questions`,
      ];
      const itemReads: Array<[string, string]> = [
        [`/questions/${question}`, `/questions/${noQuestion}`],
        [`/questions/${question}/answers`, `/questions/${noQuestion}/answers`],
      ];
      for (const viewer of [customer, null, formerEmployee]) {
        const who = viewer?.id ?? 'anonymous';
        const first = problemOf(await get(subjectReads[0]!, viewer));
        for (const path of subjectReads) {
          const hidden = await get(path, viewer);
          assertProblem(hidden, 404, 'not-found');
          assert.deepEqual(problemOf(hidden), first, `${who} ${path}`);
        }
        for (const [path, missingPath] of itemReads) {
          await assertHidden(
            await get(path, viewer),
            await get(missingPath, viewer),
            `${who} ${path}`,
          );
        }
        // A page's batched ratings answer the private subject as unrated, the others as they are.
        const ratings = await ok(
          get(`/ratings?subjects=${subject},sp-open-${family}`, viewer),
          'ratings',
        );
        assert.deepEqual(
          ratings.items.map(
            (item: { subject: string; count: number; viewerRating: number | null }) => [
              item.subject,
              item.count,
              item.viewerRating,
            ],
          ),
          [
            [subject, 0, null],
            [`sp-open-${family}`, 0, null],
          ],
        );
      }
      for (const viewer of [employee, mod]) {
        for (const path of subjectReads) await ok(get(path, viewer), `${viewer.id} ${path}`);
        for (const [path] of itemReads) await ok(get(path, viewer), `${viewer.id} ${path}`);
      }
      const search = await ok(get(`/subjects/${subject}/questions?q=leave`, employee), 'search');
      assert.deepEqual(
        search.items.map((item: { id: string }) => item.id),
        [question],
      );
      const similar = await ok(
        get(`/questions/similar?subject=${subject}&q=parental leave`, employee),
        'similar',
      );
      assert.deepEqual(
        similar.items.map((item: { id: string }) => item.id),
        [question],
      );
      const answers = await ok(get(`/questions/${question}/answers`, employee), 'answers');
      assert.deepEqual(
        answers.items.map((item: { id: string }) => item.id),
        [answer],
      );
      const reviews = await ok(get(`/subjects/${subject}/reviews`, employee), 'reviews');
      assert.equal(reviews.items.length, 1);
      const rated = await ok(get(`/ratings?subjects=${subject}`, employee), 'ratings');
      assert.deepEqual([rated.items[0].count, rated.items[0].viewerRating], [2, 4]);
      // A subject outside the family stays open to everyone.
      await ok(get(`/subjects/sp-open-${family}/questions`, customer), 'open subject');
    });

    it('writes into a private subject by outsiders are 404, as on a missing question or answer', async () => {
      const { subject, question, answer, review } = await privateSubjects();
      const noQuestion = `q${unique().replace(/-/g, '')}none`;
      const noAnswer = `a${unique().replace(/-/g, '')}none`;
      const noReview = `r${unique().replace(/-/g, '')}none`;
      const itemWrites: Array<[string, string, string, unknown]> = [
        ['PUT', `/questions/${question}/vote`, `/questions/${noQuestion}/vote`, { value: 1 }],
        [
          'POST',
          `/questions/${question}/answers`,
          `/questions/${noQuestion}/answers`,
          { body: 'Me too' },
        ],
        ['PUT', `/answers/${answer}/vote`, `/answers/${noAnswer}/vote`, { value: 1 }],
        ['PUT', `/reviews/${review}/helpful`, `/reviews/${noReview}/helpful`, { value: 'yes' }],
        [
          'POST',
          `/questions/${question}/invitations`,
          `/questions/${noQuestion}/invitations`,
          { userId: colleague.id },
        ],
      ];
      const subjectWrites: Array<[string, string, unknown]> = [
        ['POST', `/subjects/${subject}/questions`, { title: 'Can I see this?' }],
        ['PUT', `/subjects/${subject}/rating`, { value: 1 }],
        ['DELETE', `/subjects/${subject}/rating`, undefined],
        [
          'POST',
          `/subjects/${subject}/reviews`,
          { stars: 1, title: 'No', body: 'Nothing to see.' },
        ],
      ];
      for (const viewer of [customer, formerEmployee]) {
        for (const [method, path, missingPath, json] of itemWrites) {
          await assertHidden(
            await send(method, path, viewer, json),
            await send(method, missingPath, viewer, json),
            `${viewer.id} ${method} ${path}`,
          );
        }
        const first = problemOf(await get(`/subjects/${subject}/questions`, viewer));
        for (const [method, path, json] of subjectWrites) {
          const hidden = await send(method, path, viewer, json);
          assertProblem(hidden, 404, 'not-found');
          assert.deepEqual(problemOf(hidden), first, `${viewer.id} ${method} ${path}`);
        }
      }
      const page = await ok(get(`/subjects/${subject}/questions`, employee), 'questions');
      assert.deepEqual(
        page.items.map((item: { id: string; score: number; answerCount: number }) => [
          item.id,
          item.score,
          item.answerCount,
        ]),
        [[question, 0, 1]],
      );
      const rated = await ok(get(`/ratings?subjects=${subject}`, employee), 'ratings');
      assert.equal(rated.items[0].count, 2);
    });

    it('invitations to answer in a private subject reach only people who may enter it', async () => {
      const { question } = await privateSubjects();
      // The customer and the teammate are known to the community once they posted somewhere open.
      for (const person of [customer, teammate]) {
        await ok(
          send('POST', `/subjects/sp-open-${unique()}/questions`, person, {
            title: 'Open question here',
          }),
          `${person.id} asks in the open`,
        );
      }
      for (const invitee of [customer, teammate]) {
        await ok(
          send('POST', `/questions/${question}/invitations`, employee, { userId: invitee.id }),
          `employee invites ${invitee.id}`,
        );
      }
      const theirs = await ok(get('/me/invitations', customer), 'customer invitations');
      assert.ok(!theirs.items.some((item: { questionId: string }) => item.questionId === question));
      const teammates = await ok(get('/me/invitations', teammate), 'teammate invitations');
      assert.ok(
        teammates.items.some((item: { questionId: string }) => item.questionId === question),
      );
    });

    it("a person's profile lists no post, whatever space they posted in", async () => {
      await privateSubjects();
      const [profile] = (await ok(get(`/users?ids=${colleague.id}`, customer), 'profile')).items;
      const text = JSON.stringify(profile);
      for (const secret of ['leave', 'payroll', 'Clear policy', 'hr-']) {
        assert.ok(!text.includes(secret), `the profile does not mention "${secret}"`);
      }
    });

    it('the moderation queue stays moderator-wide across spaces', async () => {
      const { board, idea } = await privateBoard();
      setupOf(target).moderation.setPlaceRules(`board:${board}`, { mode: 'hold-all' });
      const held = await ok(
        send('POST', `/boards/${board}/ideas`, colleague, { title: 'Held in a private board' }),
        'colleague submits',
      );
      assert.equal(held.moderation?.state, 'held');
      const queue = await ok(get('/moderation/queue?kind=idea&limit=50', mod), 'queue');
      assert.ok(queue.items.some((item: { target: { id: string } }) => item.target.id === held.id));
      // Held posts stay out of the employees' own view of the board, as anywhere else.
      const page = await ok(get(`/boards/${board}/ideas`, employee), 'ideas');
      assert.deepEqual(
        page.items.map((item: { id: string }) => item.id),
        [idea],
      );
    });
  });
}
