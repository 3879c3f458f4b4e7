/**
 * Moderation: reports and the threshold that hides, posting rules that hold, the moderators'
 * decisions with counters and reputation kept exact, the log, suspensions, and who may do
 * what: the same cases against the msw mock and the server.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Identity } from '../../../server/domain/types.js';
import {
  assertInvalid,
  assertProblem,
  assertUnauthorized,
  client,
  type Answer,
} from '../client.js';
import { trackOperations } from '../journal.js';
import { needsSetup, setupOf, unlessSkipped, type Target, type TargetFactory } from '../target.js';

const person = (id: string, roles: Identity['roles'] = ['member']): Identity => ({
  id,
  name: id.replace(/^u-/, ''),
  avatar: null,
  roles,
});
const mod = person('u-mod', ['member', 'moderator']);

/** Every new route, with a request a moderator makes successfully. */
const ROUTES = [
  'reportContent',
  'getModerationQueue',
  'decideModeration',
  'getModerationLog',
  'listSuspensions',
  'suspendUser',
  'liftSuspension',
] as const;

export function moderationSuite(factory: TargetFactory): void {
  describe(`Moderation contract: ${factory.name}`, unlessSkipped(factory), () => {
    trackOperations();
    let target: Target;
    let counter = 0;
    const call = client(() => target);
    const tokens = new Map<string, string>();
    const fresh = (name: string) => person(`u-${name}-${counter++}-${factory.name.length}`);
    const subject = () => `sku-mod-${Date.now().toString(36)}-${counter++}`;

    before(async () => {
      target = await factory.start();
    });
    after(() => target.close());

    async function as(who: Identity | null): Promise<{ token?: string }> {
      if (!who) return {};
      let token = tokens.get(who.id);
      if (!token) tokens.set(who.id, (token = await target.tokenFor(who)));
      return { token };
    }

    async function ok(path: string, who: Identity | null, init: Record<string, unknown> = {}) {
      const answer = await call(path, { ...init, ...(await as(who)) });
      assert.ok(
        answer.status >= 200 && answer.status < 300,
        `${path}: ${JSON.stringify(answer.body)}`,
      );
      return answer.body;
    }

    const ask = async (who: Identity, where: string, title: string, body = '') =>
      (await ok(`/subjects/${where}/questions`, who, {
        method: 'POST',
        json: { title, body },
      })) as {
        id: string;
        moderation?: { state: string; reason: string | null };
      };
    const answerTo = async (who: Identity, questionId: string, body: string) =>
      (await ok(`/questions/${questionId}/answers`, who, { method: 'POST', json: { body } })) as {
        id: string;
      };
    const report = async (
      who: Identity | null,
      kind: string,
      id: string,
      reason = 'spam',
      note?: string,
    ) =>
      call('/reports', {
        method: 'POST',
        json: { target: { kind, id }, reason, ...(note ? { note } : {}) },
        ...(await as(who)),
      });
    const decide = async (who: Identity | null, json: unknown) =>
      call('/moderation/decisions', { method: 'POST', json, ...(await as(who)) });
    const titles = (page: { items: Array<{ title: string }> }) => page.items.map((q) => q.title);
    const reputationOf = async (who: Identity) => {
      const [profile] = (await ok(`/users?ids=${who.id}`, null)).items;
      return { reputation: profile.reputation, topics: profile.topics };
    };

    describe('authorization matrix: anonymous, member, author, moderator × every new route', () => {
      it('lets only moderators moderate, and everyone signed in but the author report', async () => {
        const author = fresh('author');
        const member = fresh('member');
        const victim = fresh('victim');
        const where = subject();
        const question = await ask(author, where, 'A question to decide on');
        const request = (route: (typeof ROUTES)[number]): [string, Record<string, unknown>] => {
          switch (route) {
            case 'reportContent':
              return [
                '/reports',
                {
                  method: 'POST',
                  json: { target: { kind: 'question', id: question.id }, reason: 'spam' },
                },
              ];
            case 'getModerationQueue':
              return ['/moderation/queue', {}];
            case 'decideModeration':
              return [
                '/moderation/decisions',
                {
                  method: 'POST',
                  json: { action: 'approve', targets: [{ kind: 'question', id: question.id }] },
                },
              ];
            case 'getModerationLog':
              return ['/moderation/log', {}];
            case 'listSuspensions':
              return ['/moderation/suspensions', {}];
            case 'suspendUser':
              return [
                `/moderation/suspensions/${victim.id}`,
                {
                  method: 'PUT',
                  json: { until: new Date(Date.now() + 86_400_000).toISOString(), reason: 'Spam.' },
                },
              ];
            case 'liftSuspension':
              return [`/moderation/suspensions/${victim.id}`, { method: 'DELETE' }];
          }
        };
        type Row = Record<(typeof ROUTES)[number], number>;
        const all = (status: number) => Object.fromEntries(ROUTES.map((r) => [r, status])) as Row;
        const expected: Record<string, Row> = {
          anonymous: all(401),
          member: { ...all(403), reportContent: 201 },
          author: all(403),
          moderator: {
            reportContent: 201,
            getModerationQueue: 200,
            decideModeration: 200,
            getModerationLog: 200,
            listSuspensions: 200,
            suspendUser: 200,
            liftSuspension: 204,
          },
        };
        const viewers: Record<string, Identity | null> = {
          anonymous: null,
          member,
          author,
          moderator: mod,
        };
        let cells = 0;
        for (const [name, viewer] of Object.entries(viewers)) {
          for (const route of ROUTES) {
            const [path, init] = request(route);
            const answer = await call(path, { ...init, ...(await as(viewer)) });
            assert.equal(
              answer.status,
              expected[name]![route],
              `${name} × ${route}: ${JSON.stringify(answer.body)}`,
            );
            if (answer.status === 401) assertUnauthorized(answer);
            if (answer.status === 403) assertProblem(answer, 403, 'forbidden');
            cells += 1;
          }
        }
        assert.equal(cells, 28);
      });
    });

    describe('POST /reports', () => {
      it('hides a post once three different people report it, and queues it with its reports', async () => {
        const author = fresh('author');
        const where = subject();
        const question = await ask(author, where, 'Cheap watches here');
        const [r1, r2, r3] = [fresh('r1'), fresh('r2'), fresh('r3')];
        assert.equal(
          (await report(r1, 'question', question.id, 'spam', '<img src=x onerror=alert(1)>')).body
            .state,
          'visible',
        );
        // Reporting again replaces the report: still one reporter.
        assert.equal((await report(r1, 'question', question.id, 'abuse')).body.state, 'visible');
        assert.equal((await report(r2, 'question', question.id)).body.state, 'visible');
        assert.deepEqual(titles(await ok(`/subjects/${where}/questions`, null)), [
          'Cheap watches here',
        ]);
        const third = await report(r3, 'question', question.id, 'off-topic');
        assert.equal(third.status, 201);
        assert.deepEqual(third.body, {
          target: { kind: 'question', id: question.id },
          reason: 'off-topic',
          state: 'hidden',
        });
        assert.deepEqual(titles(await ok(`/subjects/${where}/questions`, null)), []);
        assertProblem(await call(`/questions/${question.id}`), 404, 'not-found');
        const own = await ok(`/questions/${question.id}`, author);
        assert.deepEqual(own.moderation, { state: 'hidden', reason: null });
        const queue = await ok('/moderation/queue?kind=question&reason=abuse', mod);
        const item = queue.items.find(
          (i: { target: { id: string } }) => i.target.id === question.id,
        );
        assert.ok(item, 'the hidden question is in the queue, found by its reports');
        assert.equal(item.state, 'hidden');
        assert.equal(item.rule, 'reports');
        assert.deepEqual(item.reports.map((r: { reason: string }) => r.reason).sort(), [
          'abuse',
          'off-topic',
          'spam',
        ]);
        const offTopicOnly = await ok('/moderation/queue?reason=other', mod);
        assert.ok(
          !offTopicOnly.items.some((i: { target: { id: string } }) => i.target.id === question.id),
        );
      });

      it('refuses reporting your own post (403), unknown posts (404) and bad input (422)', async () => {
        const author = fresh('author');
        const question = await ask(author, subject(), 'My own question');
        assertProblem(await report(author, 'question', question.id), 403, 'forbidden');
        assertProblem(await report(fresh('x'), 'answer', 'no-such-answer'), 404, 'not-found');
        const bad = await call('/reports', {
          method: 'POST',
          json: {
            target: { kind: 'user', id: question.id },
            reason: 'boring',
            note: 'x'.repeat(501),
          },
          ...(await as(fresh('y'))),
        });
        assert.equal(bad.status === 422 || bad.status === 400, true);
        if (bad.status === 422) assertInvalid(bad, ['/note', '/reason', '/target/kind']);
      });
    });

    describe('posting rules', () => {
      it(
        'hold-new holds the first K posts of a new person and not the (K+1)th',
        needsSetup(factory),
        async () => {
          const where = subject();
          setupOf(target).moderation.setPlaceRules(`subject:${where}`, {
            mode: 'hold-new',
            newPosts: 2,
          });
          const newcomer = fresh('newcomer');
          const reader = fresh('reader');
          const first = await ask(
            newcomer,
            where,
            'Does the kettle whistle?',
            'Asking before buying',
          );
          const second = await ask(newcomer, where, 'Is the lid removable?');
          const third = await ask(newcomer, where, 'How loud is the kettle?');
          assert.deepEqual(first.moderation, { state: 'held', reason: null });
          assert.deepEqual(second.moderation, { state: 'held', reason: null });
          assert.equal(third.moderation, undefined);
          // Held: in no list, search, similar-items answer or read by id, except for its author.
          for (const viewer of [null, reader]) {
            assert.deepEqual(titles(await ok(`/subjects/${where}/questions`, viewer)), [
              'How loud is the kettle?',
            ]);
            assert.deepEqual(titles(await ok(`/subjects/${where}/questions?q=kettle`, viewer)), [
              'How loud is the kettle?',
            ]);
            assert.deepEqual(
              titles(await ok(`/questions/similar?subject=${where}&q=kettle+whistle`, viewer)),
              ['How loud is the kettle?'],
            );
            assertProblem(await call(`/questions/${first.id}`, await as(viewer)), 404, 'not-found');
          }
          const forAuthor = await ok(`/subjects/${where}/questions?sort=newest`, newcomer);
          assert.deepEqual(titles(forAuthor), [
            'How loud is the kettle?',
            'Is the lid removable?',
            'Does the kettle whistle?',
          ]);
          assert.deepEqual(forAuthor.items[1].moderation, { state: 'held', reason: null });
          // Nobody can vote on or answer what they cannot see.
          assertProblem(
            await call(`/questions/${first.id}/vote`, {
              method: 'PUT',
              json: { value: 1 },
              ...(await as(reader)),
            }),
            404,
            'not-found',
          );
          const approved = await decide(mod, {
            action: 'approve',
            targets: [{ kind: 'question', id: first.id }],
          });
          assert.deepEqual(approved.body, {
            items: [{ target: { kind: 'question', id: first.id }, state: 'visible' }],
          });
          assert.deepEqual(titles(await ok(`/subjects/${where}/questions?q=whistle`, null)), [
            'Does the kettle whistle?',
          ]);
          assert.deepEqual(
            titles(await ok(`/questions/similar?subject=${where}&q=kettle+whistle`, null)).sort(),
            ['Does the kettle whistle?', 'How loud is the kettle?'],
          );
        },
      );

      it(
        'holds a held answer out of the answer count until approved',
        needsSetup(factory),
        async () => {
          const where = subject();
          const asker = fresh('asker');
          const question = await ask(asker, where, 'Which filter fits?');
          setupOf(target).moderation.setPlaceRules(`subject:${where}`, { mode: 'hold-all' });
          const answer = await answerTo(fresh('helper'), question.id, 'The F-200 filter.');
          assert.equal((await ok(`/questions/${question.id}`, null)).answerCount, 0);
          assert.deepEqual((await ok(`/questions/${question.id}/answers`, null)).items, []);
          await decide(mod, { action: 'approve', targets: [{ kind: 'answer', id: answer.id }] });
          assert.equal((await ok(`/questions/${question.id}`, null)).answerCount, 1);
        },
      );

      it(
        "refuses a blocked word set to refuse, holds one set to hold, and limits new members' links",
        needsSetup(factory),
        async () => {
          const where = subject();
          setupOf(target).moderation.setPlaceRules(`subject:${where}`, {
            blockedWords: [
              { word: 'casino', action: 'refuse' },
              { word: 'replica', action: 'hold' },
            ],
          });
          const writer = fresh('writer');
          assertInvalid(
            await call(`/subjects/${where}/questions`, {
              method: 'POST',
              json: { title: 'Best Casino bonus' },
              ...(await as(writer)),
            }),
            [''],
          );
          assert.equal((await ask(writer, where, 'Casinos are a word too')).moderation, undefined);
          assert.deepEqual((await ask(writer, where, 'Replica parts?')).moderation, {
            state: 'held',
            reason: null,
          });
          const linker = fresh('linker');
          const links = 'See https://a.example and https://b.example and https://c.example';
          assert.deepEqual((await ask(linker, where, 'Some useful links', links)).moderation, {
            state: 'held',
            reason: null,
          });
          const queue = await ok('/moderation/queue?kind=question', mod);
          const rules = queue.items
            .filter((i: { scope: string }) => i.scope === where)
            .map((i: { rule: string }) => i.rule);
          assert.deepEqual(rules, ['blocked-word', 'links']);
        },
      );
    });

    describe('POST /moderation/decisions', () => {
      it('remove takes counts and reputation back exactly; restore gives them back exactly', async () => {
        const where = subject();
        const asker = fresh('asker');
        const answerer = fresh('answerer');
        const voter = fresh('voter');
        const question = await ask(asker, where, 'How do I descale it?');
        await ok(`/questions/${question.id}`, asker, {
          method: 'PATCH',
          json: { topics: ['kettles'] },
        });
        const answer = await answerTo(answerer, question.id, 'Vinegar and water, then rinse.');
        await ok(`/answers/${answer.id}/vote`, voter, { method: 'PUT', json: { value: 1 } });
        await ok(`/questions/${question.id}/accepted`, asker, {
          method: 'PUT',
          json: { answerId: answer.id },
        });
        const before = await reputationOf(answerer);
        assert.ok(before.reputation > 0);
        const removed = await decide(mod, {
          action: 'remove',
          targets: [{ kind: 'answer', id: answer.id }],
          reason: 'Unsafe advice.',
        });
        assert.equal(removed.status, 200, JSON.stringify(removed.body));
        assert.equal((await ok(`/questions/${question.id}`, null)).answerCount, 0);
        assert.deepEqual(await reputationOf(answerer), { reputation: 0, topics: [] });
        assert.deepEqual((await ok(`/questions/${question.id}/answers`, voter)).items, []);
        const seenByAuthor = (await ok(`/questions/${question.id}/answers`, answerer)).items;
        assert.deepEqual(
          seenByAuthor.map((a: { moderation: unknown }) => a.moderation),
          [{ state: 'removed', reason: 'Unsafe advice.' }],
        );
        await decide(mod, { action: 'restore', targets: [{ kind: 'answer', id: answer.id }] });
        assert.equal((await ok(`/questions/${question.id}`, null)).answerCount, 1);
        assert.deepEqual(await reputationOf(answerer), before);
        const [restored] = (await ok(`/questions/${question.id}/answers`, voter)).items;
        assert.equal(restored.score, 1);
        assert.equal(restored.viewerVote, 1);
        assert.equal(restored.accepted, true);
      });

      it(
        'removes ideas and comments with their counts, and reviews, in one bulk decision',
        needsSetup(factory),
        async () => {
          const boardId = `b-mod-${counter++}`;
          await setupOf(target).ideas.saveBoard({ id: boardId, title: 'Moderated board' });
          const author = fresh('ideator');
          const idea = await ok(`/boards/${boardId}/ideas`, author, {
            method: 'POST',
            json: { title: 'Offline mode for the app' },
          });
          const comment = await ok(`/ideas/${idea.id}/comments`, fresh('commenter'), {
            method: 'POST',
            json: { body: 'Yes please' },
          });
          const where = subject();
          const review = (
            await ok(`/subjects/${where}/reviews`, fresh('reviewer'), {
              method: 'POST',
              json: { stars: 4, title: 'Good', body: 'Boils fast.' },
            })
          ).review;
          assert.equal((await ok(`/ideas/${idea.id}`, null)).commentCount, 1);
          const targetsToRemove = [
            { kind: 'comment', id: comment.id },
            { kind: 'review', id: review.id },
          ];
          const answer = await decide(mod, {
            action: 'remove',
            targets: targetsToRemove,
            reason: 'Test removal.',
          });
          assert.deepEqual(
            answer.body.items.map((i: { state: string }) => i.state),
            ['removed', 'removed'],
          );
          assert.equal((await ok(`/ideas/${idea.id}`, null)).commentCount, 0);
          assert.deepEqual((await ok(`/ideas/${idea.id}/comments`, null)).items, []);
          assert.deepEqual((await ok(`/subjects/${where}/reviews`, null)).items, []);
          await decide(mod, {
            action: 'remove',
            targets: [{ kind: 'idea', id: idea.id }],
            reason: 'Duplicate spam.',
          });
          assert.deepEqual((await ok(`/boards/${boardId}/ideas`, null)).items, []);
          assert.deepEqual((await ok(`/boards/${boardId}/ideas?q=offline`, null)).items, []);
          const log = await ok('/moderation/log?limit=3', mod);
          assert.deepEqual(
            log.items.map((e: { action: string; target: { kind: string }; reason: string }) => [
              e.action,
              e.target.kind,
              e.reason,
            ]),
            [
              ['remove', 'idea', 'Duplicate spam.'],
              ['remove', 'review', 'Test removal.'],
              ['remove', 'comment', 'Test removal.'],
            ],
          );
          assert.equal(log.items[0].moderator.id, mod.id);
        },
      );

      it(
        "gives a removed idea's votes back to its voters' budgets, and takes them again on restore",
        needsSetup(factory),
        async () => {
          const boardId = `b-budget-${counter++}`;
          await setupOf(target).ideas.saveBoard({ id: boardId, title: 'Budgeted', voteBudget: 1 });
          const idea = await ok(`/boards/${boardId}/ideas`, fresh('ideator'), {
            method: 'POST',
            json: { title: 'A spam idea that got votes' },
          });
          const voter = fresh('voter');
          await ok(`/ideas/${idea.id}/vote`, voter, { method: 'PUT', json: { voted: true } });
          const votesLeft = async () =>
            (await ok(`/boards/${boardId}`, voter)).viewer.votesLeft as number;
          assert.equal(await votesLeft(), 0);
          await decide(mod, {
            action: 'remove',
            targets: [{ kind: 'idea', id: idea.id }],
            reason: 'Spam.',
          });
          assert.equal(await votesLeft(), 1, 'the vote on a removed idea is given back');
          await decide(mod, { action: 'restore', targets: [{ kind: 'idea', id: idea.id }] });
          assert.equal(await votesLeft(), 0, 'restored, the vote counts again');
        },
      );

      it('needs a reason to remove, and refuses restoring what is not removed', async () => {
        const question = await ask(fresh('a'), subject(), 'Question to remove');
        assertInvalid(
          await decide(mod, { action: 'remove', targets: [{ kind: 'question', id: question.id }] }),
          ['/reason'],
        );
        assertProblem(
          await decide(mod, {
            action: 'restore',
            targets: [{ kind: 'question', id: question.id }],
          }),
          409,
          'conflict',
        );
        assertProblem(
          await decide(mod, { action: 'approve', targets: [{ kind: 'question', id: 'nope' }] }),
          404,
          'not-found',
        );
      });
    });

    describe('full pages', () => {
      /**
       * Makes seven posts with `post(i)` (oldest first), removes the 2nd, 4th and 5th, and
       * reads `path` two at a time: each reader's pages but the last hold exactly two, and
       * together they hold what that reader sees, once each, in the list's order.
       */
      async function assertFullPages(
        kind: string,
        path: string,
        post: (i: number) => Promise<{ id: string }>,
        author: (i: number) => Identity,
        order: 'newest first' | 'oldest first' = 'newest first',
      ) {
        const ids: string[] = [];
        for (let i = 0; i < 7; i++) ids.push((await post(i)).id);
        const removed = [1, 3, 4];
        const decided = await decide(mod, {
          action: 'remove',
          targets: removed.map((i) => ({ kind, id: ids[i] })),
          reason: 'Off topic.',
        });
        assert.equal(decided.status, 200, JSON.stringify(decided.body));
        const pagesFor = async (who: Identity | null) => {
          const pages: string[][] = [];
          let cursor: string | null = null;
          do {
            const join = path.includes('?') ? '&' : '?';
            const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
            const page = (await ok(`${path}${join}limit=2${query}`, who)) as {
              items: Array<{ id: string }>;
              nextCursor: string | null;
            };
            pages.push(page.items.map((item) => item.id));
            cursor = page.nextCursor;
          } while (cursor && pages.length < 10);
          return pages;
        };
        const listed = order === 'oldest first' ? ids : [...ids].reverse();
        const readers: Array<[string, Identity | null, string[]]> = [
          ['anonymous', null, listed.filter((id) => !removed.includes(ids.indexOf(id)))],
          [
            'the author of one removed post',
            author(3),
            listed.filter((id) => ![1, 4].includes(ids.indexOf(id))),
          ],
          ['a moderator', mod, listed],
        ];
        for (const [name, who, expected] of readers) {
          const pages = await pagesFor(who);
          for (const page of pages.slice(0, -1)) {
            assert.equal(
              page.length,
              2,
              `${kind}, ${name}: a short page in ${JSON.stringify(pages)}`,
            );
          }
          assert.deepEqual(pages.flat(), expected, `${kind}, ${name}`);
        }
      }

      it('fills every page of the queue around cases whose posts their authors deleted', async () => {
        const where = subject();
        const askers = Array.from({ length: 6 }, () => fresh('asker'));
        const ids: string[] = [];
        for (const [i, asker] of askers.entries()) {
          const question = await ask(asker, where, `Reported question number ${i}?`);
          const reported = await report(fresh('reporter'), 'question', question.id, 'off-topic');
          assert.equal(reported.status, 201, JSON.stringify(reported.body));
          ids.push(question.id);
        }
        for (const i of [1, 2, 4]) {
          await ok(`/questions/${ids[i]}`, askers[i]!, { method: 'DELETE' });
        }
        const seen: string[] = [];
        const sizes: number[] = [];
        let cursor: string | null = null;
        do {
          const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
          const page = (await ok(`/moderation/queue?kind=question&limit=2${query}`, mod)) as {
            items: Array<{ target: { id: string } }>;
            nextCursor: string | null;
          };
          sizes.push(page.items.length);
          seen.push(...page.items.map((item) => item.target.id));
          cursor = page.nextCursor;
        } while (cursor);
        for (const size of sizes.slice(0, -1)) assert.equal(size, 2, JSON.stringify(sizes));
        assert.equal(new Set(seen).size, seen.length, 'no case twice');
        const ours = seen.filter((id) => ids.includes(id));
        assert.deepEqual(ours, [ids[0], ids[3], ids[5]]);
      });

      it('fills every page of questions and answers around removed ones', async () => {
        const where = subject();
        const askers = Array.from({ length: 7 }, () => fresh('asker'));
        await assertFullPages(
          'question',
          `/subjects/${where}/questions?sort=newest`,
          (i) => ask(askers[i]!, where, `Question number ${i} about descaling?`),
          (i) => askers[i]!,
        );
        const question = await ask(fresh('asker'), where, 'Which filter fits?');
        const answerers = Array.from({ length: 7 }, () => fresh('answerer'));
        await assertFullPages(
          'answer',
          `/questions/${question.id}/answers`,
          (i) => answerTo(answerers[i]!, question.id, `Answer number ${i}.`),
          (i) => answerers[i]!,
          'oldest first',
        );
      });

      it(
        'fills every page of reviews, ideas and comments around removed ones',
        needsSetup(factory),
        async () => {
          const where = subject();
          const reviewers = Array.from({ length: 7 }, () => fresh('reviewer'));
          await assertFullPages(
            'review',
            `/subjects/${where}/reviews?sort=newest`,
            async (i) =>
              (
                (await ok(`/subjects/${where}/reviews`, reviewers[i]!, {
                  method: 'POST',
                  json: { stars: 4, title: `Review ${i}`, body: 'Boils fast.' },
                })) as { review: { id: string } }
              ).review,
            (i) => reviewers[i]!,
          );
          const boardId = `b-pages-${counter++}`;
          await setupOf(target).ideas.saveBoard({ id: boardId, title: 'Paged board' });
          const ideators = Array.from({ length: 7 }, () => fresh('ideator'));
          await assertFullPages(
            'idea',
            `/boards/${boardId}/ideas?sort=new`,
            (i) =>
              ok(`/boards/${boardId}/ideas`, ideators[i]!, {
                method: 'POST',
                json: { title: `Idea number ${i} for the app` },
              }),
            (i) => ideators[i]!,
          );
          const idea = await ok(`/boards/${boardId}/ideas`, fresh('ideator'), {
            method: 'POST',
            json: { title: 'A quieter kettle' },
          });
          const commenters = Array.from({ length: 7 }, () => fresh('commenter'));
          await assertFullPages(
            'comment',
            `/ideas/${idea.id}/comments`,
            (i) =>
              ok(`/ideas/${idea.id}/comments`, commenters[i]!, {
                method: 'POST',
                json: { body: `Comment number ${i}` },
              }),
            (i) => commenters[i]!,
            'oldest first',
          );
        },
      );
    });

    describe('suspensions', () => {
      it("refuses a suspended person's writes with the end time, until lifted", async () => {
        const spammer = fresh('spammer');
        const until = new Date(Date.UTC(2031, 0, 2, 9, 30));
        const suspended = await ok(`/moderation/suspensions/${spammer.id}`, mod, {
          method: 'PUT',
          json: { until: until.toISOString(), reason: 'Posting spam.' },
        });
        assert.equal(suspended.until, until.toISOString());
        const refused = await call(`/subjects/${subject()}/questions`, {
          method: 'POST',
          json: { title: 'Buy cheap watches now' },
          ...(await as(spammer)),
        });
        assertProblem(refused, 403, 'forbidden');
        assert.match(
          refused.body.detail,
          /suspended until 2 January 2031, 09:30 UTC: Posting spam\./,
        );
        const list = await ok('/moderation/suspensions', mod);
        assert.ok(list.items.some((s: { userId: string }) => s.userId === spammer.id));
        const lifted: Answer = await call(`/moderation/suspensions/${spammer.id}`, {
          method: 'DELETE',
          ...(await as(mod)),
        });
        assert.equal(lifted.status, 204);
        await ask(spammer, subject(), 'A real question now');
        assertInvalid(
          await call(`/moderation/suspensions/${spammer.id}`, {
            method: 'PUT',
            json: { until: '2020-01-01T00:00:00Z', reason: 'Old.' },
            ...(await as(mod)),
          }),
          ['/until'],
        );
      });
    });
  });
}
