/**
 * Idea boards: boards, ideas, votes within a budget, statuses and the updates voters see,
 * merges, comments, similarity: the same cases against the msw mock and the server.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  IDEA_BODY_LIMITS,
  IDEA_COMMENT_LIMITS,
  IDEA_NOTE_LIMITS,
  IDEA_TITLE_LIMITS,
} from '../../../server/domain/idea-rules.js';
import type { BoardInput } from '../../../server/domain/ideas.js';
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
import { needsSetup, setupOf, type Target, type TargetFactory } from '../target.js';

const alice: Identity = { id: 'u-alice', name: 'Alice', avatar: null, roles: ['member'] };
const bob: Identity = { id: 'u-bob', name: 'Bob', avatar: null, roles: ['member'] };
const carol: Identity = { id: 'u-carol', name: 'Carol', avatar: null, roles: ['member'] };
const erin: Identity = { id: 'u-erin', name: 'Erin', avatar: null, roles: ['member', 'employee'] };
const mod: Identity = { id: 'u-mod', name: 'Mo', avatar: null, roles: ['member', 'moderator'] };

export function ideasSuite(factory: TargetFactory): void {
  // Every case needs a board, and the contract has no operation that creates one.
  describe(`Ideas contract: ${factory.name}`, needsSetup(factory), () => {
    trackOperations();
    let target: Target;
    const tokens: Record<string, string> = {};
    let counter = 0;
    const call = client(() => target);
    const key = () => `key-${Date.now()}-${counter++}-${Math.random().toString(36).slice(2)}`;

    before(async () => {
      target = await factory.start();
      for (const person of [alice, bob, carol, erin, mod]) {
        tokens[person.id] = await target.tokenFor(person);
      }
    });
    after(() => target.close());

    const as = (person: Identity | null): Pick<CallOptions, 'token'> =>
      person ? { token: tokens[person.id]! } : {};

    /** A fresh board per test, so tests never see each other's ideas or budgets. */
    async function board(settings: Omit<BoardInput, 'id' | 'title'> = {}): Promise<string> {
      const id = `b-${Date.now().toString(36)}-${counter++}`;
      await setupOf(target).ideas.saveBoard({ id, title: `Board ${id}`, ...settings });
      return id;
    }

    function submit(boardId: string, json: unknown, person: Identity | null = alice, k?: string) {
      return call(`/boards/${boardId}/ideas`, {
        method: 'POST',
        json,
        ...as(person),
        ...(k ? { headers: { 'Idempotency-Key': k } } : {}),
      });
    }

    async function idea(boardId: string, title: string, person: Identity = alice, body = '') {
      const answer = await submit(boardId, { title, body }, person);
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      return answer.body as { id: string; votes: number; title: string };
    }

    const vote = (id: string, voted: unknown, person: Identity | null) =>
      call(`/ideas/${id}/vote`, { method: 'PUT', json: { voted }, ...as(person) });

    const setStatus = (id: string, json: unknown, person: Identity | null = mod) =>
      call(`/ideas/${id}`, { method: 'PATCH', json, ...as(person) });

    const merge = (id: string, json: unknown, person: Identity | null = mod) =>
      call(`/ideas/${id}/merge`, { method: 'POST', json, ...as(person) });

    const list = async (boardId: string, query = '', person: Identity | null = null) =>
      call(`/boards/${boardId}/ideas${query}`, as(person));

    const titles = (answer: { body: { items: Array<{ title: string }> } }) =>
      answer.body.items.map((item) => item.title);

    describe('GET /boards/{board}', () => {
      it('describes the board and what an anonymous viewer may do', async () => {
        const id = await board({ voteBudget: 3 });
        const answer = await call(`/boards/${id}`);
        assert.equal(answer.status, 200);
        assert.deepEqual(answer.body, {
          id,
          title: `Board ${id}`,
          settings: { voteBudget: 3, posting: 'members', readers: null },
          viewer: { votesLeft: null, canPost: false, canModerate: false },
        });
      });

      it('tells a signed-in viewer their votes left and rights', async () => {
        const id = await board({ voteBudget: 3, posting: 'employees' });
        const member = await call(`/boards/${id}`, as(alice));
        assert.deepEqual(member.body.viewer, { votesLeft: 3, canPost: false, canModerate: false });
        const employee = await call(`/boards/${id}`, as(erin));
        assert.deepEqual(employee.body.viewer, { votesLeft: 3, canPost: true, canModerate: false });
        const moderator = await call(`/boards/${id}`, as(mod));
        assert.deepEqual(moderator.body.viewer, { votesLeft: 3, canPost: true, canModerate: true });
        const unlimited = await call(`/boards/${await board()}`, as(alice));
        assert.equal(unlimited.body.viewer.votesLeft, null);
        assert.equal(unlimited.body.settings.voteBudget, null);
      });

      it('404 for a board that does not exist, 422 for an invalid id', async () => {
        assertProblem(await call('/boards/no-such-board'), 404, 'not-found');
        assertInvalid(await call('/boards/Not_Valid'), ['#board']);
      });
    });

    describe('PUT /boards/{board} and GET /boards', () => {
      const fresh = () => `s-${Date.now().toString(36)}-${counter++}`;
      const put = (id: string, json: unknown, person: Identity | null = mod) =>
        call(`/boards/${id}`, { method: 'PUT', json, ...as(person) });

      it('a moderator creates a board, its title normalised; it is listed by id', async () => {
        const [first, second] = [fresh(), fresh()].sort();
        const created = await put(second!, {
          title: '  Intranet ideas \u200b ',
          voteBudget: 5,
          posting: 'employees',
        });
        assert.equal(created.status, 200, JSON.stringify(created.body));
        assert.deepEqual(created.body, {
          id: second,
          title: 'Intranet ideas',
          settings: { voteBudget: 5, posting: 'employees', readers: null },
          viewer: { votesLeft: 5, canPost: true, canModerate: true },
        });
        assert.equal(
          (await put(first!, { title: 'A', voteBudget: null, posting: 'members' })).status,
          200,
        );
        const seen = await call(`/boards/${second}`, as(erin));
        assert.deepEqual(seen.body.viewer, { votesLeft: 5, canPost: true, canModerate: false });

        const listed = await call('/boards');
        assert.equal(listed.status, 200);
        const ids = listed.body.items.map((item: { id: string }) => item.id);
        assert.deepEqual(ids, [...ids].sort(), 'ordered by id');
        assert.ok(ids.indexOf(first) < ids.indexOf(second));
        assert.deepEqual(
          listed.body.items.find((item: { id: string }) => item.id === second),
          {
            id: second,
            title: 'Intranet ideas',
            settings: { voteBudget: 5, posting: 'employees', readers: null },
          },
        );
      });

      it('is idempotent, and a changed budget applies to votes already cast', async () => {
        const id = fresh();
        const settings = { title: 'Budgeted', voteBudget: 3, posting: 'members' };
        const once = await put(id, settings);
        const twice = await put(id, settings);
        assert.deepEqual(twice.body, once.body);
        const [a, b] = [await idea(id, 'First idea here'), await idea(id, 'Second idea here')];
        assert.equal((await vote(a.id, true, bob)).status, 200);
        assert.equal((await vote(b.id, true, bob)).status, 200);
        assert.equal((await call(`/boards/${id}`, as(bob))).body.viewer.votesLeft, 1);

        const lowered = await put(id, { ...settings, voteBudget: 1, posting: 'moderators' });
        assert.deepEqual(lowered.body.settings, {
          voteBudget: 1,
          posting: 'moderators',
          readers: null,
        });
        const afterwards = await call(`/boards/${id}`, as(bob));
        assert.deepEqual(afterwards.body.viewer, {
          votesLeft: 0,
          canPost: false,
          canModerate: false,
        });
        // Votes already cast stay; new ones wait until some come back.
        assert.equal((await list(id, '?sort=top')).body.items[0].votes, 1);
        const c = await idea(id, 'Third idea here', mod);
        assertProblem(await vote(c.id, true, bob), 409, 'conflict');
        assertProblem(
          await submit(id, { title: 'Members may not post now' }, alice),
          403,
          'forbidden',
        );
      });

      it('only moderators: 401 anonymous, 403 members and employees, and nothing is created', async () => {
        const id = fresh();
        const body = { title: 'Nope', voteBudget: null, posting: 'members' };
        assertUnauthorized(await put(id, body, null));
        assertProblem(await put(id, body, alice), 403, 'forbidden');
        assertProblem(await put(id, body, erin), 403, 'forbidden');
        assertProblem(await call(`/boards/${id}`), 404, 'not-found');
      });

      it('422 names each broken field', async () => {
        const id = fresh();
        assertInvalid(await put(id, { title: '', voteBudget: 0, posting: 'everyone' }), [
          '/title',
          '/voteBudget',
          '/posting',
        ]);
        assertInvalid(await put(id, { title: 'T', voteBudget: 1001, posting: 'members' }), [
          '/voteBudget',
        ]);
        assertInvalid(await put(id, { title: 'T', voteBudget: 2.5, posting: 'members' }), [
          '/voteBudget',
        ]);
        assertInvalid(await put(id, { title: 'T', posting: 'members' }), ['/voteBudget']);
        assertInvalid(
          await put(id, { title: 'T', voteBudget: null, posting: 'members', owner: 'me' }),
          ['/owner'],
        );
        assertInvalid(
          await put('Not_Valid', { title: 'T', voteBudget: null, posting: 'members' }),
          ['#board'],
        );
        assertProblem(await call(`/boards/${id}`), 404, 'not-found');
      });
    });

    describe('POST /boards/{board}/ideas', () => {
      it('submits an idea, normalising its text', async () => {
        const id = await board();
        const answer = await submit(id, {
          title: '  Dark mode for the portal  ',
          body: 'Please.\r\n\r\n\r\nThanks\u202E!',
        });
        assert.equal(answer.status, 201);
        const created = answer.body;
        assert.match(created.id, POST_ID_PATTERN);
        assert.deepEqual(
          { ...created, id: undefined, createdAt: undefined },
          {
            id: undefined,
            createdAt: undefined,
            board: id,
            title: 'Dark mode for the portal',
            body: 'Please.\n\nThanks!',
            author: { id: 'u-alice', name: 'Alice', avatar: null },
            status: 'open',
            statusNote: null,
            statusChangedAt: null,
            votes: 0,
            viewerVoted: false,
            commentCount: 0,
            mergedInto: null,
          },
        );
        const fetched = await call(`/ideas/${created.id}`);
        assert.equal(fetched.status, 200);
        assert.deepEqual(fetched.body, created);
      });

      it('refuses anonymous visitors (401) and people the board does not let post (403)', async () => {
        const id = await board({ posting: 'employees' });
        assertUnauthorized(await submit(id, { title: 'An idea from nobody' }, null));
        assertProblem(
          await submit(id, { title: 'An idea from a member' }, alice),
          403,
          'forbidden',
        );
        assert.equal((await submit(id, { title: 'An idea from an employee' }, erin)).status, 201);
        const modsOnly = await board({ posting: 'moderators' });
        assertProblem(
          await submit(modsOnly, { title: 'Employees cannot post' }, erin),
          403,
          'forbidden',
        );
        assert.equal((await submit(modsOnly, { title: 'Moderators can post' }, mod)).status, 201);
      });

      it('refuses a title of only zero-width spaces like any too-short title', async () => {
        const id = await board();
        assertInvalid(await submit(id, { title: '\u200B'.repeat(12) }), ['/title']);
      });

      it('validates title, body and unknown fields (422), and needs a board (404)', async () => {
        const id = await board();
        assertInvalid(await submit(id, { title: 'short' }), ['/title']);
        assertInvalid(await submit(id, { title: 'x'.repeat(IDEA_TITLE_LIMITS.max + 1) }), [
          '/title',
        ]);
        assertInvalid(
          await submit(id, {
            title: 'A fine title here',
            body: 'y'.repeat(IDEA_BODY_LIMITS.max + 1),
          }),
          ['/body'],
        );
        assertInvalid(await submit(id, { title: 'A fine title here', extra: 1 }), ['/extra']);
        assertInvalid(await submit(id, {}), ['/title']);
        assertProblem(
          await submit('no-such-board', { title: 'A fine title here' }),
          404,
          'not-found',
        );
      });

      it('a retry with the same Idempotency-Key returns the first idea and creates nothing', async () => {
        const id = await board();
        const k = key();
        const first = await submit(id, { title: 'Offline mode please' }, alice, k);
        const again = await submit(id, { title: 'Offline mode please' }, alice, k);
        assert.equal(first.status, 201);
        assert.equal(again.status, 201);
        assert.equal(again.body.id, first.body.id);
        assert.equal((await list(id)).body.items.length, 1);
        assertInvalid(await submit(id, { title: 'Something else entirely' }, alice, k), [
          '#Idempotency-Key',
        ]);
      });

      it('concurrent duplicates with one key create exactly one idea', async () => {
        const id = await board();
        const k = key();
        const answers = await Promise.all(
          Array.from({ length: 5 }, () => submit(id, { title: 'Export as CSV please' }, alice, k)),
        );
        assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([201]));
        assert.equal(new Set(answers.map((a) => a.body.id)).size, 1);
        assert.equal((await list(id)).body.items.length, 1);
      });
    });

    describe('GET /ideas/{ideaId}', () => {
      it('404 for an unknown idea, 422 for an invalid id, and the viewer vote', async () => {
        assertProblem(await call('/ideas/iNoSuchIdea'), 404, 'not-found');
        assertInvalid(await call('/ideas/bad%20id'), ['#ideaId']);
        const id = await board();
        const created = await idea(id, 'Show my vote please');
        await vote(created.id, true, bob);
        assert.equal((await call(`/ideas/${created.id}`, as(bob))).body.viewerVoted, true);
        assert.equal((await call(`/ideas/${created.id}`, as(carol))).body.viewerVoted, false);
        assert.equal((await call(`/ideas/${created.id}`)).body.viewerVoted, false);
      });
    });

    describe('GET /boards/{board}/ideas', () => {
      it('sorts top, new and trending; ties go to the newer idea', async () => {
        const id = await board();
        const a = await idea(id, 'First idea of all');
        const b = await idea(id, 'Second idea of all');
        const c = await idea(id, 'Third idea of all');
        await vote(b.id, true, bob);
        await vote(b.id, true, carol);
        await vote(a.id, true, bob);
        assert.deepEqual(titles(await list(id)), [b.title, a.title, c.title]);
        assert.deepEqual(titles(await list(id, '?sort=top')), [b.title, a.title, c.title]);
        assert.deepEqual(titles(await list(id, '?sort=new')), [c.title, b.title, a.title]);
        assert.deepEqual(titles(await list(id, '?sort=trending')), [b.title, a.title, c.title]);
        assertInvalid(await list(id, '?sort=oldest'), ['#sort']);
        assertProblem(await list('no-such-board'), 404, 'not-found');
      });

      it('pages with cursors in every order, each cursor bound to its order', async () => {
        const id = await board();
        const made = [];
        for (let i = 0; i < 5; i += 1) made.push(await idea(id, `Paged idea number ${i}`));
        await vote(made[2]!.id, true, bob);
        for (const sort of ['top', 'new', 'trending']) {
          const seen: string[] = [];
          let cursor: string | null = null;
          do {
            const query: string = `?sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
            const page = await list(id, query);
            assert.equal(page.status, 200, JSON.stringify(page.body));
            seen.push(...titles(page));
            cursor = page.body.nextCursor;
          } while (cursor);
          assert.equal(seen.length, 5, sort);
          assert.equal(new Set(seen).size, 5, sort);
          assert.equal(seen[0], sort === 'new' ? made[4]!.title : made[2]!.title, sort);
        }
        const first = await list(id, '?sort=new&limit=2');
        assertInvalid(await list(id, `?sort=top&cursor=${first.body.nextCursor}`), ['#cursor']);
        assertInvalid(await list(id, '?cursor=garbage!'), ['#cursor']);
      });

      it('filters by status, leaves merged duplicates out unless asked, and searches', async () => {
        const id = await board();
        const a = await idea(id, 'Keyboard shortcuts everywhere');
        const b = await idea(id, 'Keyboard shortcuts in the editor');
        const c = await idea(id, 'Printable invoices');
        assert.equal((await setStatus(c.id, { status: 'planned' })).status, 200);
        assert.equal((await merge(b.id, { into: a.id })).status, 200);
        assert.deepEqual(titles(await list(id, '?status=planned')), [c.title]);
        assert.deepEqual(titles(await list(id, '?status=duplicate')), [b.title]);
        assert.deepEqual(titles(await list(id, '?sort=new')), [c.title, a.title]);
        assert.deepEqual(titles(await list(id, '?q=keyboard')), [a.title]);
        assert.deepEqual(titles(await list(id, '?q=invoices&status=open')), []);
        assertInvalid(await list(id, '?status=maybe'), ['#status']);
      });
    });

    describe('GET /boards/{board}/ideas/similar', () => {
      it('finds ideas like the text being typed, without merged ones', async () => {
        const id = await board();
        const a = await idea(id, 'Dark mode for the portal');
        const b = await idea(id, 'Night theme (dark mode)');
        await idea(id, 'Invoices by email');
        await merge(b.id, { into: a.id });
        const answer = await call(
          `/boards/${id}/ideas/similar?q=${encodeURIComponent('dark mode')}`,
        );
        assert.equal(answer.status, 200);
        assert.deepEqual(titles(answer), [a.title]);
        assertInvalid(await call(`/boards/${id}/ideas/similar`), ['#q']);
        assertInvalid(await call(`/boards/${id}/ideas/similar?q=x&limit=99`), ['#limit']);
      });
    });

    describe('PUT /ideas/{ideaId}/vote', () => {
      it('turns a vote on and off, idempotently, one per viewer', async () => {
        const id = await board();
        const created = await idea(id, 'Vote on me please');
        const on = await vote(created.id, true, bob);
        assert.equal(on.status, 200);
        assert.equal(on.body.idea.votes, 1);
        assert.equal(on.body.idea.viewerVoted, true);
        assert.equal(on.body.votesLeft, null);
        assert.equal((await vote(created.id, true, bob)).body.idea.votes, 1);
        assert.equal((await vote(created.id, true, alice)).body.idea.votes, 2);
        const off = await vote(created.id, false, bob);
        assert.equal(off.body.idea.votes, 1);
        assert.equal(off.body.idea.viewerVoted, false);
        assert.equal((await vote(created.id, false, bob)).body.idea.votes, 1);
      });

      it('refuses anonymous voters, bad bodies and unknown ideas', async () => {
        const id = await board();
        const created = await idea(id, 'Vote validation idea');
        assertUnauthorized(await vote(created.id, true, null));
        assertInvalid(await vote(created.id, 1, bob), ['/voted']);
        assertInvalid(
          await call(`/ideas/${created.id}/vote`, {
            method: 'PUT',
            json: { voted: true, value: 1 },
            ...as(bob),
          }),
          ['/value'],
        );
        assertProblem(await vote('iNoSuchIdea', true, bob), 404, 'not-found');
      });

      it('keeps to the budget, shows votes left, and returns votes of closed ideas', async () => {
        const id = await board({ voteBudget: 2 });
        const a = await idea(id, 'Budget idea number one');
        const b = await idea(id, 'Budget idea number two');
        const c = await idea(id, 'Budget idea number three');
        assert.equal((await vote(a.id, true, bob)).body.votesLeft, 1);
        assert.equal((await vote(b.id, true, bob)).body.votesLeft, 0);
        const refused = await vote(c.id, true, bob);
        assertProblem(refused, 409, 'conflict');
        assert.equal((await call(`/ideas/${c.id}`)).body.votes, 0);
        assert.equal((await call(`/boards/${id}`, as(bob))).body.viewer.votesLeft, 0);
        // Repeating a vote already cast costs nothing and is not refused.
        assert.equal((await vote(a.id, true, bob)).status, 200);
        await setStatus(a.id, { status: 'completed', note: 'Shipped.' });
        assert.equal((await call(`/boards/${id}`, as(bob))).body.viewer.votesLeft, 1);
        assert.equal((await vote(c.id, true, bob)).body.votesLeft, 0);
        // A closed idea takes no new votes, but keeps its count.
        assertProblem(await vote(a.id, true, carol), 409, 'conflict');
        assert.equal((await call(`/ideas/${a.id}`)).body.votes, 1);
      });

      it('a viewer with one vote left voting on two ideas at once gets exactly one', async () => {
        const id = await board({ voteBudget: 1 });
        const a = await idea(id, 'Concurrent budget idea A');
        const b = await idea(id, 'Concurrent budget idea B');
        const answers = await Promise.all([vote(a.id, true, carol), vote(b.id, true, carol)]);
        assert.deepEqual(answers.map((x) => x.status).sort(), [200, 409]);
        const ideas = (await list(id, '', carol)).body.items;
        assert.equal(
          ideas.reduce((n: number, i: { votes: number }) => n + i.votes, 0),
          1,
        );
        assert.equal(ideas.filter((i: { viewerVoted: boolean }) => i.viewerVoted).length, 1);
        assert.equal((await call(`/boards/${id}`, as(carol))).body.viewer.votesLeft, 0);
      });
    });

    describe('PATCH /ideas/{ideaId}', () => {
      it('lets moderators set a status with a public note', async () => {
        const id = await board();
        const created = await idea(id, 'Status change idea');
        const answer = await setStatus(created.id, {
          status: 'planned',
          note: ' Spring release. ',
        });
        assert.equal(answer.status, 200);
        assert.equal(answer.body.status, 'planned');
        assert.equal(answer.body.statusNote, 'Spring release.');
        assert.equal(typeof answer.body.statusChangedAt, 'string');
        const cleared = await setStatus(created.id, { status: 'started', note: null });
        assert.equal(cleared.body.statusNote, null);
      });

      it('refuses non-moderators (403) and anonymous visitors (401)', async () => {
        const id = await board();
        const created = await idea(id, 'Not your status to set', alice);
        assertProblem(await setStatus(created.id, { status: 'planned' }, alice), 403, 'forbidden');
        assertProblem(await setStatus(created.id, { status: 'planned' }, erin), 403, 'forbidden');
        assertUnauthorized(await setStatus(created.id, { status: 'planned' }, null));
        assert.equal((await call(`/ideas/${created.id}`)).body.status, 'open');
      });

      it('validates the status and note; duplicate only by merging', async () => {
        const id = await board();
        const created = await idea(id, 'Status validation idea');
        assertInvalid(await setStatus(created.id, { status: 'maybe' }), ['/status']);
        assertInvalid(await setStatus(created.id, { status: 'duplicate' }), ['/status']);
        assertInvalid(
          await setStatus(created.id, {
            status: 'planned',
            note: 'n'.repeat(IDEA_NOTE_LIMITS.max + 1),
          }),
          ['/note'],
        );
        assertProblem(await setStatus('iNoSuchIdea', { status: 'planned' }), 404, 'not-found');
      });
    });

    describe('GET /me/ideas/updates', () => {
      it('lists status changes on ideas the viewer voted for until marked seen', async () => {
        const id = await board();
        const created = await idea(id, 'Tell my voters what happened');
        await vote(created.id, true, bob);
        await setStatus(created.id, { status: 'planned', note: 'Next quarter.' });
        const updates = await call('/me/ideas/updates', as(bob));
        assert.equal(updates.status, 200);
        const mine = updates.body.items.filter(
          (u: { idea: { id: string } }) => u.idea.id === created.id,
        );
        assert.equal(mine.length, 1);
        assert.deepEqual(
          { ...mine[0], id: undefined, at: undefined },
          {
            id: undefined,
            at: undefined,
            idea: { id: created.id, board: id, title: created.title, mergedInto: null },
            status: 'planned',
            note: 'Next quarter.',
          },
        );
        // The author did not vote; a note-only edit is not a change.
        assert.equal((await call(`/me/ideas/updates?board=${id}`, as(alice))).body.items.length, 0);
        await setStatus(created.id, { status: 'planned', note: 'Next quarter, really.' });
        const latest = Math.max(...updates.body.items.map((u: { id: number }) => u.id));
        const seen = await call('/me/ideas/updates/seen', {
          method: 'PUT',
          json: { through: latest },
          ...as(bob),
        });
        assert.equal(seen.status, 200);
        assert.deepEqual(seen.body.items, []);
        assert.deepEqual((await call('/me/ideas/updates', as(bob))).body.items, []);
        // The mark never moves back.
        await call('/me/ideas/updates/seen', { method: 'PUT', json: { through: 1 }, ...as(bob) });
        assert.deepEqual((await call('/me/ideas/updates', as(bob))).body.items, []);
        await setStatus(created.id, { status: 'started' });
        const next = await call(`/me/ideas/updates?board=${id}`, as(bob));
        assert.deepEqual(
          next.body.items.map((u: { status: string }) => u.status),
          ['started'],
        );
      });

      it('needs a signed-in viewer and a valid body', async () => {
        assertUnauthorized(await call('/me/ideas/updates'));
        assertUnauthorized(
          await call('/me/ideas/updates/seen', { method: 'PUT', json: { through: 1 } }),
        );
        assertInvalid(
          await call('/me/ideas/updates/seen', { method: 'PUT', json: { through: 0 }, ...as(bob) }),
          ['/through'],
        );
        assertInvalid(await call('/me/ideas/updates?board=Bad_Board', as(bob)), ['#board']);
      });
    });

    describe('POST /ideas/{ideaId}/merge', () => {
      it('moves voters to the survivor, each once, and points the duplicate at it', async () => {
        const id = await board({ voteBudget: 5 });
        const survivor = await idea(id, 'Single sign-on with SAML');
        const duplicate = await idea(id, 'SAML login for companies');
        await vote(duplicate.id, true, alice);
        await vote(duplicate.id, true, bob);
        await vote(survivor.id, true, bob);
        await vote(survivor.id, true, carol);
        assert.equal((await call(`/boards/${id}`, as(bob))).body.viewer.votesLeft, 3);
        const answer = await merge(duplicate.id, { into: survivor.id, note: 'Same request.' });
        assert.equal(answer.status, 200, JSON.stringify(answer.body));
        assert.equal(answer.body.id, survivor.id);
        assert.equal(answer.body.votes, 3);
        const merged = (await call(`/ideas/${duplicate.id}`, as(alice))).body;
        assert.equal(merged.status, 'duplicate');
        assert.equal(merged.mergedInto, survivor.id);
        assert.equal(merged.statusNote, 'Same request.');
        assert.equal(merged.votes, 0);
        assert.equal(merged.viewerVoted, false);
        assert.equal((await call(`/ideas/${survivor.id}`, as(alice))).body.viewerVoted, true);
        // Bob voted for both: he now holds one vote, and got the other back.
        assert.equal((await call(`/boards/${id}`, as(bob))).body.viewer.votesLeft, 4);
        // Taking Bob's vote off the survivor takes exactly one vote away.
        assert.equal((await vote(survivor.id, false, bob)).body.idea.votes, 2);
        // The duplicate's voters hear of it.
        const updates = (await call(`/me/ideas/updates?board=${id}`, as(alice))).body.items;
        assert.deepEqual(
          updates.map((u: { status: string; idea: { mergedInto: string } }) => [
            u.status,
            u.idea.mergedInto,
          ]),
          [['duplicate', survivor.id]],
        );
        assertProblem(await vote(duplicate.id, true, carol), 409, 'conflict');
        assertProblem(await merge(duplicate.id, { into: survivor.id }), 409, 'conflict');
        assertProblem(await setStatus(duplicate.id, { status: 'open' }), 409, 'conflict');
      });

      it('refuses non-moderators, merging into itself, another board, or nothing', async () => {
        const id = await board();
        const a = await idea(id, 'Merge rules idea A');
        const b = await idea(id, 'Merge rules idea B');
        const elsewhere = await idea(await board(), 'Idea on another board');
        assertProblem(await merge(a.id, { into: b.id }, alice), 403, 'forbidden');
        assertUnauthorized(await merge(a.id, { into: b.id }, null));
        assertInvalid(await merge(a.id, { into: a.id }), ['/into']);
        assertInvalid(await merge(a.id, { into: elsewhere.id }), ['/into']);
        assertInvalid(await merge(a.id, { into: 'iNoSuchIdea' }), ['/into']);
        assertInvalid(await merge(a.id, {}), ['/into']);
        assertProblem(await merge('iNoSuchIdea', { into: b.id }), 404, 'not-found');
      });
    });

    describe('GET|POST /ideas/{ideaId}/comments', () => {
      it('comments, oldest first, paged, moderators marked official', async () => {
        const id = await board();
        const created = await idea(id, 'An idea to discuss');
        const first = await call(`/ideas/${created.id}/comments`, {
          method: 'POST',
          json: { body: ' I would use this daily. ' },
          ...as(bob),
        });
        assert.equal(first.status, 201);
        assert.deepEqual(
          { ...first.body, id: undefined, createdAt: undefined },
          {
            id: undefined,
            createdAt: undefined,
            ideaId: created.id,
            body: 'I would use this daily.',
            author: { id: 'u-bob', name: 'Bob', avatar: null },
            official: false,
          },
        );
        const k = key();
        const official = await call(`/ideas/${created.id}/comments`, {
          method: 'POST',
          json: { body: 'We are looking into it.' },
          headers: { 'Idempotency-Key': k },
          ...as(mod),
        });
        assert.equal(official.body.official, true);
        const retried = await call(`/ideas/${created.id}/comments`, {
          method: 'POST',
          json: { body: 'We are looking into it.' },
          headers: { 'Idempotency-Key': k },
          ...as(mod),
        });
        assert.equal(retried.body.id, official.body.id);
        await call(`/ideas/${created.id}/comments`, {
          method: 'POST',
          json: { body: 'Third comment.' },
          ...as(carol),
        });
        const page1 = await call(`/ideas/${created.id}/comments?limit=2`);
        assert.deepEqual(
          page1.body.items.map((c: { body: string }) => c.body),
          ['I would use this daily.', 'We are looking into it.'],
        );
        const page2 = await call(
          `/ideas/${created.id}/comments?limit=2&cursor=${page1.body.nextCursor}`,
        );
        assert.deepEqual(
          page2.body.items.map((c: { body: string }) => c.body),
          ['Third comment.'],
        );
        assert.equal(page2.body.nextCursor, null);
        assert.equal((await call(`/ideas/${created.id}`)).body.commentCount, 3);
      });

      it('refuses anonymous comments, empty ones and unknown ideas', async () => {
        const id = await board();
        const created = await idea(id, 'Comment rules idea');
        const post = (json: unknown, person: Identity | null = bob, ideaId = created.id) =>
          call(`/ideas/${ideaId}/comments`, { method: 'POST', json, ...as(person) });
        assertUnauthorized(await post({ body: 'Hello there' }, null));
        assertInvalid(await post({ body: '   ' }), ['/body']);
        assertInvalid(await post({ body: 'z'.repeat(IDEA_COMMENT_LIMITS.max + 1) }), ['/body']);
        assertProblem(await post({ body: 'Hello' }, bob, 'iNoSuchIdea'), 404, 'not-found');
        assertProblem(await call('/ideas/iNoSuchIdea/comments'), 404, 'not-found');
      });

      it('a merge moves the comments to the survivor, by age; the duplicate takes no more', async () => {
        const id = await board();
        const survivor = await idea(id, 'Export the board as CSV');
        const duplicate = await idea(id, 'CSV export of all ideas');
        const post = (ideaId: string, body: string, person: Identity = bob) =>
          call(`/ideas/${ideaId}/comments`, { method: 'POST', json: { body }, ...as(person) });
        assert.equal((await post(survivor.id, 'First, on the survivor.')).status, 201);
        assert.equal((await post(duplicate.id, 'Second, on the duplicate.', carol)).status, 201);
        assert.equal((await post(survivor.id, 'Third, on the survivor.')).status, 201);
        assert.equal((await merge(duplicate.id, { into: survivor.id })).status, 200);
        const moved = await call(`/ideas/${survivor.id}/comments`);
        assert.deepEqual(
          moved.body.items.map((c: { body: string; ideaId: string }) => [c.body, c.ideaId]),
          [
            ['First, on the survivor.', survivor.id],
            ['Second, on the duplicate.', survivor.id],
            ['Third, on the survivor.', survivor.id],
          ],
        );
        assert.equal((await call(`/ideas/${survivor.id}`)).body.commentCount, 3);
        assert.equal((await call(`/ideas/${duplicate.id}`)).body.commentCount, 0);
        assert.deepEqual((await call(`/ideas/${duplicate.id}/comments`)).body.items, []);
        const refused = await post(duplicate.id, 'Too late for this one.');
        assertProblem(refused, 409, 'conflict');
        assert.match(refused.body.detail, /merged into another one; comment on that one/);
        assert.equal((await call(`/ideas/${survivor.id}`)).body.commentCount, 3);
      });
    });
  });
}
