/**
 * Notifications: each cause tells exactly the right people once and never the actor; unread
 * rows of one kind about one thing group; preferences silence a kind; the unread counter and
 * mark-read stay exact under concurrent writes — the same cases against every target.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Identity } from '../../../server/domain/types.js';
import { assertInvalid, assertUnauthorized, client } from '../client.js';
import { trackOperations } from '../journal.js';
import { needsSetup, setupOf, unlessSkipped, type Target, type TargetFactory } from '../target.js';

interface Notification {
  id: string;
  kind: string;
  count: number;
  read: boolean;
  actor: { id: string; name: string | null } | null;
  place: string | null;
  title: string;
  subject: string | null;
  board: string | null;
  question: string | null;
  answer: string | null;
  idea: string | null;
  post: { kind: string; id: string } | null;
  topic: string | null;
  status: string | null;
  reason: string | null;
}

const person = (id: string, roles: Identity['roles'] = ['member']): Identity => ({
  id,
  name: id.replace(/^u-/, ''),
  avatar: null,
  roles,
});

export function notificationsSuite(factory: TargetFactory): void {
  describe(`Notifications contract: ${factory.name}`, unlessSkipped(factory), () => {
    trackOperations();
    let target: Target;
    let counter = 0;
    const call = client(() => target);
    const tokens = new Map<string, string>();
    const tag = Date.now().toString(36);
    const fresh = (name: string, roles?: Identity['roles']) =>
      person(`u-${name}-${tag}-${counter++}`, roles);
    const mod = person(`u-mod-${tag}`, ['member', 'moderator']);
    const subject = () => `sku-nt-${tag}-${counter++}`;

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
        `${path}: ${answer.status} ${JSON.stringify(answer.body)}`,
      );
      return answer.body;
    }

    const inbox = async (who: Identity): Promise<Notification[]> =>
      (await ok('/me/notifications?limit=50', who)).items;
    const unread = async (who: Identity): Promise<number> =>
      (await ok('/me/notifications/unread-count', who)).unread;
    const ask = async (who: Identity, where = subject(), title = 'Does it fit a 40 cm shelf?') =>
      (await ok(`/subjects/${where}/questions`, who, {
        method: 'POST',
        json: { title, body: '' },
      })) as { id: string; subject: string };
    const answerTo = async (who: Identity, questionId: string, body = 'Yes, it does.') =>
      (await ok(`/questions/${questionId}/answers`, who, { method: 'POST', json: { body } })) as {
        id: string;
      };
    const board = async () => {
      const id = `nt-${tag}-${counter++}`;
      await setupOf(target).ideas.saveBoard({ id, title: `Board ${id}` });
      return id;
    };
    const submitIdea = async (who: Identity, boardId: string, title = 'Dark mode, please') =>
      (await ok(`/boards/${boardId}/ideas`, who, {
        method: 'POST',
        json: { title, body: '' },
      })) as { id: string };

    describe('anonymous and invalid requests', () => {
      it('asks anonymous visitors to sign in on every route', async () => {
        for (const [path, init] of [
          ['/me/notifications', {}],
          ['/me/notifications/unread-count', {}],
          ['/me/notifications/read', { method: 'POST', json: { all: true } }],
          ['/me/notification-preferences', {}],
          ['/me/notification-preferences', { method: 'PUT', json: { kinds: { answer: false } } }],
        ] as const) {
          assertUnauthorized(await call(path, init));
        }
      });

      it('refuses a read request naming neither ids nor all, and unknown kinds', async () => {
        const who = fresh('picky');
        assertInvalid(
          await call('/me/notifications/read', { method: 'POST', json: {}, ...(await as(who)) }),
          ['/ids'],
        );
        assertInvalid(
          await call('/me/notification-preferences', {
            method: 'PUT',
            json: { kinds: {} },
            ...(await as(who)),
          }),
          ['/kinds'],
        );
        assertInvalid(await call('/me/notifications?cursor=nope', await as(who)), ['#cursor']);
      });
    });

    describe('each cause tells the right people once, never the actor', () => {
      it('an answer tells the asker (with the answer link facts), not the answerer', async () => {
        const asker = fresh('asker');
        const helper = fresh('helper');
        const question = await ask(asker);
        const answer = await answerTo(helper, question.id);
        const [note, ...rest] = await inbox(asker);
        assert.equal(rest.length, 0);
        assert.equal(note!.kind, 'answer');
        assert.equal(note!.count, 1);
        assert.equal(note!.read, false);
        assert.equal(note!.question, question.id);
        assert.equal(note!.answer, answer.id);
        assert.equal(note!.subject, question.subject);
        assert.equal(note!.place, `subject:${question.subject}`);
        assert.equal(note!.title, 'Does it fit a 40 cm shelf?');
        assert.deepEqual(note!.actor, { id: helper.id, name: helper.name, avatar: null });
        assert.deepEqual(await inbox(helper), []);
        assert.equal(await unread(asker), 1);
        assert.equal(await unread(helper), 0);
      });

      it('answering one’s own question tells nobody', async () => {
        const asker = fresh('self');
        const question = await ask(asker);
        await answerTo(asker, question.id);
        assert.deepEqual(await inbox(asker), []);
        assert.equal(await unread(asker), 0);
      });

      it('an accepted answer tells its author, not the asker', async () => {
        const asker = fresh('asker');
        const helper = fresh('helper');
        const question = await ask(asker);
        const answer = await answerTo(helper, question.id);
        await ok(`/questions/${question.id}/accepted`, asker, {
          method: 'PUT',
          json: { answerId: answer.id },
        });
        const notes = await inbox(helper);
        assert.deepEqual(
          notes.map((n) => [n.kind, n.answer, n.actor?.id]),
          [['accepted', answer.id, asker.id]],
        );
        assert.deepEqual(
          (await inbox(asker)).map((n) => n.kind),
          ['answer'],
        );
      });

      it('an invitation tells the invited person, with the question', async () => {
        const asker = fresh('asker');
        const expert = fresh('expert');
        await ask(expert); // the community knows people once they have posted
        const question = await ask(asker);
        await ok(`/questions/${question.id}/invitations`, asker, {
          method: 'POST',
          json: { userId: expert.id },
        });
        const notes = await inbox(expert);
        assert.deepEqual(
          notes.map((n) => [n.kind, n.question, n.actor?.id]),
          [['invitation', question.id, asker.id]],
        );
        assert.deepEqual(await inbox(asker), []);
      });

      it('an endorsement tells the endorsed person; withdrawing it tells nobody', async () => {
        const endorser = fresh('endorser');
        const expert = fresh('expert');
        await ask(expert);
        const path = `/users/${expert.id}/endorsements/plumbing`;
        await ok(path, endorser, { method: 'PUT' });
        await ok(path, endorser, { method: 'DELETE' });
        const notes = await inbox(expert);
        assert.deepEqual(
          notes.map((n) => [n.kind, n.topic, n.actor?.id, n.place]),
          [['endorsement', 'plumbing', endorser.id, null]],
        );
        assert.deepEqual(await inbox(endorser), []);
      });

      it(
        'a comment tells the idea’s author; a status change tells its author and voters once each',
        needsSetup(factory),
        async () => {
          const boardId = await board();
          const author = fresh('ideator');
          const [voter, commenter] = [fresh('voter'), fresh('commenter')];
          const idea = await submitIdea(author, boardId);
          await ok(`/ideas/${idea.id}/vote`, voter, { method: 'PUT', json: { voted: true } });
          await ok(`/ideas/${idea.id}/vote`, author, { method: 'PUT', json: { voted: true } });
          await ok(`/ideas/${idea.id}/comments`, commenter, {
            method: 'POST',
            json: { body: 'Yes please.' },
          });
          await ok(`/ideas/${idea.id}`, mod, { method: 'PATCH', json: { status: 'planned' } });
          const authorNotes = await inbox(author);
          assert.deepEqual(
            authorNotes.map((n) => [n.kind, n.idea, n.board, n.status, n.actor?.id]),
            [
              ['status', idea.id, boardId, 'planned', mod.id],
              ['comment', idea.id, boardId, null, commenter.id],
            ],
          );
          assert.deepEqual(
            (await inbox(voter)).map((n) => [n.kind, n.status]),
            [['status', 'planned']],
          );
          assert.deepEqual(await inbox(commenter), []);
          assert.deepEqual(await inbox(mod), []);
          assert.equal(await unread(author), 2);
        },
      );

      it(
        'merging tells the duplicate’s author and voters, not the survivor’s other voters',
        needsSetup(factory),
        async () => {
          const boardId = await board();
          const [author, voter, other] = [fresh('dup-author'), fresh('dup-voter'), fresh('other')];
          const survivor = await submitIdea(fresh('first'), boardId, 'Offline mode for the app');
          const duplicate = await submitIdea(author, boardId, 'Use the app without network');
          await ok(`/ideas/${duplicate.id}/vote`, voter, { method: 'PUT', json: { voted: true } });
          await ok(`/ideas/${survivor.id}/vote`, other, { method: 'PUT', json: { voted: true } });
          await ok(`/ideas/${duplicate.id}/merge`, mod, {
            method: 'POST',
            json: { into: survivor.id },
          });
          for (const who of [author, voter]) {
            assert.deepEqual(
              (await inbox(who)).map((n) => [n.kind, n.idea, n.status]),
              [['status', duplicate.id, 'duplicate']],
            );
          }
          assert.deepEqual(await inbox(other), []);
        },
      );

      it(
        'a held answer tells nobody but its author until approved; then the asker, once',
        needsSetup(factory),
        async () => {
          const asker = fresh('asker');
          const helper = fresh('helper');
          const question = await ask(asker);
          setupOf(target).moderation.setPlaceRules(`subject:${question.subject}`, {
            mode: 'hold-all',
          });
          const answer = await answerTo(helper, question.id);
          assert.deepEqual(await inbox(asker), []);
          assert.deepEqual(
            (await inbox(helper)).map((n) => [n.kind, n.post, n.actor]),
            [['held', { kind: 'answer', id: answer.id }, null]],
          );
          await ok('/moderation/decisions', mod, {
            method: 'POST',
            json: { action: 'approve', targets: [{ kind: 'answer', id: answer.id }] },
          });
          assert.deepEqual(
            (await inbox(asker)).map((n) => [n.kind, n.answer, n.actor?.id]),
            [['answer', answer.id, helper.id]],
          );
          assert.equal(await unread(asker), 1);
        },
      );

      it('a removal tells the author with the reason; a restore tells them again', async () => {
        const author = fresh('author');
        const question = await ask(author, subject(), 'Buy cheap watches');
        await ok('/moderation/decisions', mod, {
          method: 'POST',
          json: {
            action: 'remove',
            reason: 'Advertising.',
            targets: [{ kind: 'question', id: question.id }],
          },
        });
        await ok('/moderation/decisions', mod, {
          method: 'POST',
          json: { action: 'restore', targets: [{ kind: 'question', id: question.id }] },
        });
        assert.deepEqual(
          (await inbox(author)).map((n) => [n.kind, n.reason, n.post, n.title]),
          [
            ['restored', null, { kind: 'question', id: question.id }, 'Buy cheap watches'],
            ['removed', 'Advertising.', { kind: 'question', id: question.id }, 'Buy cheap watches'],
          ],
        );
        assert.deepEqual(await inbox(mod), []);
      });
    });

    describe('grouping', () => {
      it('groups unread answers to one question into one row with the latest actor', async () => {
        const asker = fresh('asker');
        const question = await ask(asker);
        const other = await ask(asker, subject(), 'Another question');
        const helpers = [fresh('h1'), fresh('h2'), fresh('h3')];
        for (const helper of helpers) await answerTo(helper, question.id);
        await answerTo(helpers[0]!, other.id);
        const notes = await inbox(asker);
        assert.deepEqual(
          notes.map((n) => [n.question, n.count, n.actor?.id]),
          [
            [other.id, 1, helpers[0]!.id],
            [question.id, 3, helpers[2]!.id],
          ],
        );
        assert.equal(await unread(asker), 4);
        // A read row never grows again: the next answer starts a new one.
        const grouped = notes[1]!;
        assert.deepEqual(
          await ok('/me/notifications/read', asker, {
            method: 'POST',
            json: { ids: [grouped.id] },
          }),
          { unread: 1 },
        );
        await answerTo(fresh('h4'), question.id);
        const after = await inbox(asker);
        assert.deepEqual(
          after.map((n) => [n.question, n.count, n.read]),
          [
            [question.id, 1, false],
            [other.id, 1, false],
            [question.id, 3, true],
          ],
        );
      });
    });

    describe('preferences', () => {
      it('every kind is on until turned off; an off kind delivers nothing', async () => {
        const asker = fresh('quiet');
        const initial = await ok('/me/notification-preferences', asker);
        assert.ok(Object.values(initial.kinds).every((on) => on === true));
        const saved = await ok('/me/notification-preferences', asker, {
          method: 'PUT',
          json: { kinds: { answer: false } },
        });
        assert.equal(saved.kinds.answer, false);
        assert.equal(saved.kinds.accepted, true);
        assert.deepEqual(await ok('/me/notification-preferences', asker), saved);
        const question = await ask(asker);
        await answerTo(fresh('helper'), question.id);
        assert.deepEqual(await inbox(asker), []);
        assert.equal(await unread(asker), 0);
        await ok('/me/notification-preferences', asker, {
          method: 'PUT',
          json: { kinds: { answer: true } },
        });
        await answerTo(fresh('helper'), question.id);
        assert.equal((await inbox(asker)).length, 1);
      });
    });

    describe('cursor pages and mark read', () => {
      it('pages newest first without repeats; marks one, then all, read', async () => {
        const asker = fresh('busy');
        const questions = [];
        for (let i = 0; i < 5; i += 1) questions.push(await ask(asker, subject(), `Question ${i}`));
        for (const question of questions) await answerTo(fresh('helper'), question.id);
        const first = await ok('/me/notifications?limit=2', asker);
        const second = await ok(
          `/me/notifications?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`,
          asker,
        );
        const third = await ok(
          `/me/notifications?limit=2&cursor=${encodeURIComponent(second.nextCursor)}`,
          asker,
        );
        assert.equal(third.nextCursor, null);
        assert.deepEqual(
          [...first.items, ...second.items, ...third.items].map((n: Notification) => n.title),
          ['Question 4', 'Question 3', 'Question 2', 'Question 1', 'Question 0'],
        );
        const stranger = fresh('stranger');
        assert.deepEqual(
          await ok('/me/notifications/read', stranger, {
            method: 'POST',
            json: { ids: [first.items[0].id] },
          }),
          { unread: 0 },
        );
        assert.equal(await unread(asker), 5, 'someone else cannot mark my notifications read');
        const once = { method: 'POST', json: { ids: [first.items[0].id] } };
        assert.deepEqual(await ok('/me/notifications/read', asker, once), { unread: 4 });
        assert.deepEqual(await ok('/me/notifications/read', asker, once), { unread: 4 });
        assert.deepEqual(
          await ok('/me/notifications/read', asker, { method: 'POST', json: { all: true } }),
          { unread: 0 },
        );
        assert.ok((await inbox(asker)).every((n) => n.read));
      });
    });

    describe('concurrency', () => {
      it('20 parallel answers from different people: the counter says exactly 20', async () => {
        const asker = fresh('popular');
        const questions = await Promise.all(
          Array.from({ length: 4 }, (_, i) => ask(asker, subject(), `Popular question ${i}`)),
        );
        await Promise.all(
          Array.from({ length: 20 }, (_, i) => answerTo(fresh(`p${i}`), questions[i % 4]!.id)),
        );
        assert.equal(await unread(asker), 20);
        const notes = await inbox(asker);
        assert.equal(notes.length, 4);
        assert.deepEqual(
          notes.map((n) => n.count),
          [5, 5, 5, 5],
        );
      });

      it('mark-all-read racing 10 new answers loses none of them', async () => {
        const asker = fresh('racer');
        const question = await ask(asker);
        await answerTo(fresh('first'), question.id);
        const marks = Array.from({ length: 3 }, () =>
          ok('/me/notifications/read', asker, { method: 'POST', json: { all: true } }),
        );
        const answers = Array.from({ length: 10 }, (_, i) => answerTo(fresh(`r${i}`), question.id));
        await Promise.all([...marks, ...answers]);
        const notes = await inbox(asker);
        const stillUnread = notes.filter((n) => !n.read).reduce((sum, n) => sum + n.count, 0);
        assert.equal(await unread(asker), stillUnread);
        assert.equal(
          notes.reduce((sum, n) => sum + n.count, 0),
          11,
        );
      });
    });
  });
}
