/**
 * Reviews in the contract suite: every review route, its errors, auth rules, idempotency and
 * helpful votes, against the msw mock and the reference server alike.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  REVIEW_BODY_LIMITS,
  REVIEW_ID_PATTERN,
  REVIEW_SORTS,
  REVIEW_TITLE_LIMITS,
} from '../../../server/domain/review-rules.js';
import type { Identity } from '../../../server/domain/types.js';
import {
  assertInvalid as assertInvalidAnswer,
  assertProblem,
  client,
  type Answer,
} from '../client.js';
import { trackOperations } from '../journal.js';
import { unlessSkipped, type Target, type TargetFactory } from '../target.js';

const alice: Identity = { id: 'u-alice', name: 'Alice', avatar: null, roles: ['member'] };
const bob: Identity = { id: 'u-bob', name: 'Bob', avatar: null, roles: ['member'] };
const mod: Identity = { id: 'u-mod', name: 'Mo', avatar: null, roles: ['member', 'moderator'] };

const REVIEW_KEYS = [
  'author',
  'body',
  'createdAt',
  'editedAt',
  'helpful',
  'id',
  'own',
  'stars',
  'subject',
  'title',
  'verified',
  'viewerHelpful',
];

export function reviewsSuite(factory: TargetFactory): void {
  describe(`reviews contract: ${factory.name}`, unlessSkipped(factory), () => {
    trackOperations();
    let target: Target;
    let aliceToken: string;
    let bobToken: string;
    let modToken: string;
    let counter = 0;
    const freshSubject = () => `rv-${factory.name.length}-${Date.now()}-${counter++}`;

    before(async () => {
      target = await factory.start();
      aliceToken = await target.tokenFor(alice);
      bobToken = await target.tokenFor(bob);
      modToken = await target.tokenFor(mod);
    });
    after(() => target.close());

    const call = client(() => target);

    const review = (stars = 4, title = 'Solid kettle', body = 'Boils fast and pours cleanly.') => ({
      stars,
      title,
      body,
    });
    const post = (subject: string, json: unknown, token = aliceToken, idempotencyKey?: string) =>
      call(`/subjects/${subject}/reviews`, {
        method: 'POST',
        token,
        json,
        ...(idempotencyKey ? { headers: { 'Idempotency-Key': idempotencyKey } } : {}),
      });
    const list = (subject: string, query = '', token?: string) =>
      call(`/subjects/${subject}/reviews${query}`, token === undefined ? {} : { token });
    const helpful = (id: string, value: unknown, token = bobToken) =>
      call(`/reviews/${id}/helpful`, { method: 'PUT', token, json: { value } });
    const summary = async (subject: string, token?: string) =>
      (await call(`/ratings?subjects=${subject}`, token ? { token } : {})).body.items[0];

    /** The shared 422 checks, plus: every review error is a whole sentence. */
    function assertInvalid(answer: Answer, pointers: string[]): void {
      assertInvalidAnswer(answer, pointers);
      for (const error of answer.body.errors) assert.match(error.detail, /\.$/);
    }

    describe('POST /subjects/{subject}/reviews', () => {
      it('creates a review whose stars become the rating, in the same answer', async () => {
        const subject = freshSubject();
        const answer = await post(subject, review(4));
        assert.equal(answer.status, 200, JSON.stringify(answer.body));
        const created = answer.body.review;
        assert.deepEqual(Object.keys(created).sort(), REVIEW_KEYS);
        assert.match(created.id, REVIEW_ID_PATTERN);
        assert.deepEqual(
          { ...created, id: undefined, createdAt: undefined },
          {
            id: undefined,
            subject,
            stars: 4,
            title: 'Solid kettle',
            body: 'Boils fast and pours cleanly.',
            author: { id: alice.id, name: alice.name, avatar: null },
            verified: false,
            createdAt: undefined,
            editedAt: null,
            helpful: { yes: 0, no: 0 },
            viewerHelpful: 'none',
            own: true,
          },
        );
        assert.ok(!Number.isNaN(Date.parse(created.createdAt)));
        assert.deepEqual(answer.body.rating, {
          subject,
          average: 4,
          count: 1,
          distribution: [0, 0, 0, 1, 0],
          viewerRating: 4,
        });
        assert.deepEqual(await summary(subject, aliceToken), answer.body.rating);
      });

      it('replaces an earlier rating of the same viewer instead of adding one', async () => {
        const subject = freshSubject();
        await call(`/subjects/${subject}/rating`, {
          method: 'PUT',
          token: aliceToken,
          json: { value: 1 },
        });
        const answer = await post(subject, review(5));
        assert.deepEqual(answer.body.rating.distribution, [0, 0, 0, 0, 1]);
        assert.equal(answer.body.rating.count, 1);
      });

      it('allows one review per viewer per subject (409 for a second)', async () => {
        const subject = freshSubject();
        assert.equal((await post(subject, review())).status, 200);
        assertProblem(await post(subject, review(2, 'Changed my mind')), 409, 'conflict');
        assert.equal((await list(subject)).body.items.length, 1);
        assert.equal((await summary(subject)).count, 1);
      });

      it('normalises text: trimmed, control characters and bidi overrides dropped', async () => {
        const subject = freshSubject();
        const answer = await post(
          subject,
          review(3, '  \u202Eevil\u202C title\u0007 ', 'line one  \r\n\r\n\r\n\r\nline two'),
        );
        assert.equal(answer.body.review.title, 'evil title');
        assert.equal(answer.body.review.body, 'line one\n\nline two');
      });

      it('stores hostile text as text, exactly', async () => {
        const subject = freshSubject();
        const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)> javascript:alert(3)';
        const answer = await post(subject, review(1, '<b>bold</b>', hostile));
        assert.equal(answer.body.review.title, '<b>bold</b>');
        assert.equal(answer.body.review.body, hostile);
      });

      it('refuses anonymous writers with 401', async () => {
        const answer = await call(`/subjects/${freshSubject()}/reviews`, {
          method: 'POST',
          json: review(),
        });
        assertProblem(answer, 401, 'unauthenticated');
        assert.match(answer.headers.get('www-authenticate') ?? '', /^Bearer\b/);
      });

      it('refuses missing and broken fields with 422 naming each', async () => {
        const subject = freshSubject();
        assertInvalid(await post(subject, {}), ['/stars', '/title', '/body']);
        assertInvalid(await post(subject, { ...review(), stars: 6 }), ['/stars']);
        assertInvalid(await post(subject, { ...review(), stars: 2.5 }), ['/stars']);
        assertInvalid(await post(subject, { ...review(), title: 7 }), ['/title']);
        assertInvalid(await post(subject, { ...review(), verified: true }), ['/verified']);
        assert.equal((await summary(subject)).count, 0, 'nothing stored');
      });

      it('refuses text over the limits with a sentence, and blank text', async () => {
        const subject = freshSubject();
        const long = await post(subject, review(4, 'x'.repeat(REVIEW_TITLE_LIMITS.max + 1)));
        assertInvalid(long, ['/title']);
        assert.match(long.body.errors[0].detail, /at most 120 characters/);
        assertInvalid(
          await post(subject, review(4, 'Fine', 'y'.repeat(REVIEW_BODY_LIMITS.max + 1))),
          ['/body'],
        );
        assertInvalid(await post(subject, review(4, '   ', 'text')), ['/title']);
        const longest = await post(
          subject,
          review(4, 't'.repeat(REVIEW_TITLE_LIMITS.max), 'b'.repeat(REVIEW_BODY_LIMITS.max)),
        );
        assert.equal(longest.status, 200);
      });

      it('refuses a title of only invisible characters as blank', async () => {
        const subject = freshSubject();
        assertInvalid(await post(subject, review(4, '\u200B\u2060\uFEFF'.repeat(4), 'text')), [
          '/title',
        ]);
        assert.equal((await summary(subject)).count, 0, 'nothing stored');
      });

      it('refuses a malformed subject with 422', async () => {
        assertInvalid(await post('bad%20id', review()), ['#subject']);
      });

      it('refuses non-JSON with 415 and malformed JSON with 400', async () => {
        const path = `/subjects/${freshSubject()}/reviews`;
        assertProblem(
          await call(path, {
            method: 'POST',
            token: aliceToken,
            raw: 'x',
            contentType: 'text/plain',
          }),
          415,
          'unsupported-media-type',
        );
        assertProblem(
          await call(path, { method: 'POST', token: aliceToken, raw: '{"stars":' }),
          400,
          'malformed',
        );
      });

      it('marks a review verified only when the signed token lists the subject', async () => {
        const subject = freshSubject();
        const buyer = await target.tokenFor({
          id: 'u-buyer',
          name: 'Buyer',
          avatar: null,
          roles: ['member'],
          verifiedSubjects: ['other-sku', subject],
        });
        assert.equal((await post(subject, review(), buyer)).body.review.verified, true);
        const other = freshSubject();
        assert.equal((await post(other, review(), buyer)).body.review.verified, false);
      });
    });

    describe('Idempotency-Key', () => {
      it('a retry with the same key returns the first answer and creates nothing', async () => {
        const subject = freshSubject();
        const key = `key-${subject}`;
        const first = await post(subject, review(5), aliceToken, key);
        const again = await post(subject, review(5), aliceToken, key);
        assert.equal(again.status, 200);
        assert.deepEqual(again.body, first.body);
        assert.equal((await list(subject)).body.items.length, 1);
      });

      it('concurrent duplicates create exactly one review', async () => {
        const subject = freshSubject();
        const key = `dup-${subject}`;
        const answers = await Promise.all(
          Array.from({ length: 8 }, () => post(subject, review(3), bobToken, key)),
        );
        assert.deepEqual(
          answers.map((a) => a.status),
          Array(8).fill(200),
        );
        assert.equal(new Set(answers.map((a) => a.body.review.id)).size, 1);
        assert.equal((await list(subject)).body.items.length, 1);
        assert.equal((await summary(subject)).count, 1);
      });

      it('the same key with a different body is a 422', async () => {
        const subject = freshSubject();
        const key = `diff-${subject}`;
        await post(subject, review(5), aliceToken, key);
        assertInvalid(await post(subject, review(1), aliceToken, key), ['#Idempotency-Key']);
      });

      it('refuses a malformed key with 422', async () => {
        assertInvalid(await post(freshSubject(), review(), aliceToken, 'short'), [
          '#Idempotency-Key',
        ]);
      });
    });

    describe('GET /subjects/{subject}/reviews', () => {
      it('lists nothing for a subject without reviews', async () => {
        const answer = await list(freshSubject());
        assert.equal(answer.status, 200);
        assert.deepEqual(answer.body, { items: [], nextCursor: null, viewerReview: null });
      });

      it('sorts newest, highest, lowest and helpful, and filters by stars', async () => {
        const subject = freshSubject();
        const ids: string[] = [];
        for (const [n, stars] of [2, 5, 4, 5, 1].entries()) {
          const token = await target.tokenFor({
            id: `u-sort-${n}`,
            name: `Reviewer ${n}`,
            avatar: null,
            roles: [],
          });
          ids.push((await post(subject, review(stars, `Review ${n}`), token)).body.review.id);
        }
        await helpful(ids[0]!, 'yes');
        await helpful(ids[0]!, 'yes', aliceToken);
        await helpful(ids[2]!, 'yes');
        const order = async (query: string) =>
          (await list(subject, query)).body.items.map((r: { title: string }) => r.title);
        assert.deepEqual(await order(''), [
          'Review 4',
          'Review 3',
          'Review 2',
          'Review 1',
          'Review 0',
        ]);
        assert.deepEqual(await order('?sort=newest'), await order(''));
        assert.deepEqual(await order('?sort=highest'), [
          'Review 3',
          'Review 1',
          'Review 2',
          'Review 0',
          'Review 4',
        ]);
        assert.deepEqual(await order('?sort=lowest'), [
          'Review 4',
          'Review 0',
          'Review 2',
          'Review 3',
          'Review 1',
        ]);
        assert.deepEqual((await order('?sort=helpful')).slice(0, 2), ['Review 0', 'Review 2']);
        assert.deepEqual(await order('?stars=5'), ['Review 3', 'Review 1']);
        assert.deepEqual(await order('?stars=3'), []);
      });

      it('pages by cursor without repeats, and refuses a cursor of another order', async () => {
        const subject = freshSubject();
        for (let n = 0; n < 5; n += 1) {
          const token = await target.tokenFor({
            id: `u-page-${n}`,
            name: 'P',
            avatar: null,
            roles: [],
          });
          await post(subject, review((n % 5) + 1, `Page ${n}`), token);
        }
        for (const sort of REVIEW_SORTS) {
          const seen: string[] = [];
          let cursor: string | null = null;
          do {
            const query: string = `?sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
            const page: Answer = await list(subject, query);
            assert.equal(page.status, 200, JSON.stringify(page.body));
            assert.ok(page.body.items.length <= 2);
            seen.push(...page.body.items.map((r: { id: string }) => r.id));
            cursor = page.body.nextCursor;
          } while (cursor);
          assert.equal(seen.length, 5, sort);
          assert.equal(new Set(seen).size, 5, sort);
        }
        const first = await list(subject, '?sort=newest&limit=2');
        assertInvalid(await list(subject, `?sort=highest&cursor=${first.body.nextCursor}`), [
          '#cursor',
        ]);
        assertInvalid(await list(subject, `?stars=5&cursor=${first.body.nextCursor}`), ['#cursor']);
        assertInvalid(await list(subject, '?cursor=garbage!'), ['#cursor']);
      });

      it('refuses unknown sorts, star filters and page sizes with 422', async () => {
        const subject = freshSubject();
        assertInvalid(await list(subject, '?sort=random'), ['#sort']);
        assertInvalid(await list(subject, '?stars=6'), ['#stars']);
        assertInvalid(await list(subject, '?limit=0'), ['#limit']);
        assertInvalid(await list(subject, '?limit=51'), ['#limit']);
      });

      it("carries the viewer's own review and helpful answers, none for anonymous", async () => {
        const subject = freshSubject();
        const mine = (await post(subject, review(4))).body.review;
        const theirs = (await post(subject, review(2), bobToken)).body.review;
        await helpful(theirs.id, 'no', aliceToken);
        const page = await list(subject, '?stars=2', aliceToken);
        assert.equal(page.body.viewerReview.id, mine.id);
        assert.equal(page.body.viewerReview.own, true);
        assert.equal(page.body.items[0].viewerHelpful, 'no');
        assert.equal(page.body.items[0].own, false);
        const anonymous = await list(subject);
        assert.equal(anonymous.body.viewerReview, null);
        assert.ok(anonymous.body.items.every((r: any) => r.viewerHelpful === 'none' && !r.own));
      });
    });

    describe('PATCH /reviews/{id}', () => {
      it('edits text and stars; the rating moves with the stars', async () => {
        const subject = freshSubject();
        const { review: created } = (await post(subject, review(5))).body;
        const answer = await call(`/reviews/${created.id}`, {
          method: 'PATCH',
          token: aliceToken,
          json: { stars: 2, body: 'Rusted after a month.' },
        });
        assert.equal(answer.status, 200, JSON.stringify(answer.body));
        assert.equal(answer.body.review.stars, 2);
        assert.equal(answer.body.review.title, 'Solid kettle');
        assert.equal(answer.body.review.body, 'Rusted after a month.');
        assert.ok(answer.body.review.editedAt);
        assert.deepEqual(answer.body.rating.distribution, [0, 1, 0, 0, 0]);
        assert.equal(answer.body.rating.viewerRating, 2);
      });

      it('a rating changed on its own changes the review stars too', async () => {
        const subject = freshSubject();
        await post(subject, review(5));
        await call(`/subjects/${subject}/rating`, {
          method: 'PUT',
          token: aliceToken,
          json: { value: 3 },
        });
        assert.equal((await list(subject)).body.items[0].stars, 3);
      });

      it("refuses other people's edits with 403 and unknown reviews with 404", async () => {
        const { review: created } = (await post(freshSubject(), review())).body;
        assertProblem(
          await call(`/reviews/${created.id}`, {
            method: 'PATCH',
            token: bobToken,
            json: { title: 'Mine now' },
          }),
          403,
          'forbidden',
        );
        assertProblem(
          await call(`/reviews/${created.id}`, {
            method: 'PATCH',
            token: modToken,
            json: { title: 'Mod' },
          }),
          403,
          'forbidden',
        );
        assertProblem(
          await call('/reviews/r_missing', {
            method: 'PATCH',
            token: aliceToken,
            json: { title: 'x' },
          }),
          404,
          'not-found',
        );
      });

      it('refuses empty, unknown and over-limit changes with 422, and anonymous with 401', async () => {
        const { review: created } = (await post(freshSubject(), review())).body;
        const patch = (json: unknown, token: string | null = aliceToken) =>
          call(`/reviews/${created.id}`, {
            method: 'PATCH',
            json,
            ...(token === null ? {} : { token }),
          });
        assertProblem(await patch({}), 422, 'invalid');
        assertInvalid(await patch({ verified: true }), ['/verified']);
        assertInvalid(await patch({ body: 'z'.repeat(REVIEW_BODY_LIMITS.max + 1) }), ['/body']);
        assertProblem(await patch({ title: 'x' }, null), 401, 'unauthenticated');
        assertInvalid(
          await call('/reviews/not%20an%20id', {
            method: 'PATCH',
            token: aliceToken,
            json: { title: 'x' },
          }),
          ['#review'],
        );
      });
    });

    describe('DELETE /reviews/{id}', () => {
      it('removes the review and keeps the rating; the rating is then free to clear', async () => {
        const subject = freshSubject();
        const { review: created } = (await post(subject, review(4))).body;
        assertProblem(
          await call(`/subjects/${subject}/rating`, { method: 'DELETE', token: aliceToken }),
          409,
          'conflict',
        );
        const answer = await call(`/reviews/${created.id}`, {
          method: 'DELETE',
          token: aliceToken,
        });
        assert.equal(answer.status, 200);
        assert.equal(answer.body.rating.count, 1);
        assert.equal(answer.body.rating.viewerRating, 4);
        assert.deepEqual((await list(subject)).body.items, []);
        const cleared = await call(`/subjects/${subject}/rating`, {
          method: 'DELETE',
          token: aliceToken,
        });
        assert.equal(cleared.body.count, 0);
        assert.equal((await post(subject, review(2))).status, 200, 'a new review after deleting');
      });

      it('lets a moderator delete, and nobody else', async () => {
        const { review: created } = (await post(freshSubject(), review())).body;
        assertProblem(
          await call(`/reviews/${created.id}`, { method: 'DELETE', token: bobToken }),
          403,
          'forbidden',
        );
        assertProblem(
          await call(`/reviews/${created.id}`, { method: 'DELETE' }),
          401,
          'unauthenticated',
        );
        assert.equal(
          (await call(`/reviews/${created.id}`, { method: 'DELETE', token: modToken })).status,
          200,
        );
        assertProblem(
          await call(`/reviews/${created.id}`, { method: 'DELETE', token: modToken }),
          404,
          'not-found',
        );
      });
    });

    describe('PUT /reviews/{id}/helpful', () => {
      it('counts yes and no, one answer per viewer, and takes it back with none', async () => {
        const { review: created } = (await post(freshSubject(), review())).body;
        let answer = await helpful(created.id, 'yes');
        assert.equal(answer.status, 200);
        assert.deepEqual(answer.body.helpful, { yes: 1, no: 0 });
        assert.equal(answer.body.viewerHelpful, 'yes');
        answer = await helpful(created.id, 'yes');
        assert.deepEqual(answer.body.helpful, { yes: 1, no: 0 }, 'idempotent');
        answer = await helpful(created.id, 'no');
        assert.deepEqual(answer.body.helpful, { yes: 0, no: 1 });
        answer = await helpful(created.id, 'none');
        assert.deepEqual(answer.body.helpful, { yes: 0, no: 0 });
        assert.equal(answer.body.viewerHelpful, 'none');
        assert.equal(answer.body.own, false);
      });

      it('is exact under concurrency: 40 viewers at once', async () => {
        const { review: created } = (await post(freshSubject(), review())).body;
        const tokens = await Promise.all(
          Array.from({ length: 40 }, (_, n) =>
            target.tokenFor({ id: `u-vote-${n}`, name: 'V', avatar: null, roles: [] }),
          ),
        );
        // Each viewer sends its answer twice at once, and the odd ones say no.
        const answers = await Promise.all(
          tokens.flatMap((token, n) => {
            const value = n % 2 ? 'no' : 'yes';
            return [helpful(created.id, value, token), helpful(created.id, value, token)];
          }),
        );
        assert.ok(answers.every((a) => a.status === 200));
        const listed = (await list(created.subject)).body.items[0];
        assert.deepEqual(listed.helpful, { yes: 20, no: 20 });
      });

      it('refuses votes on one own review (403), unknown reviews (404), bad values (422)', async () => {
        const { review: created } = (await post(freshSubject(), review())).body;
        assertProblem(await helpful(created.id, 'yes', aliceToken), 403, 'forbidden');
        assertProblem(await helpful('r_nope', 'yes'), 404, 'not-found');
        assertInvalid(await helpful(created.id, 'maybe'), ['/value']);
        assertInvalid(await helpful(created.id, true), ['/value']);
        const anonymous = await call(`/reviews/${created.id}/helpful`, {
          method: 'PUT',
          json: { value: 'yes' },
        });
        assertProblem(anonymous, 401, 'unauthenticated');
      });

      it('deleting a review removes its votes with it', async () => {
        const subject = freshSubject();
        const { review: created } = (await post(subject, review())).body;
        await helpful(created.id, 'yes');
        await call(`/reviews/${created.id}`, { method: 'DELETE', token: aliceToken });
        const again = (await post(subject, review())).body.review;
        assert.deepEqual(again.helpful, { yes: 0, no: 0 });
      });
    });
  });
}
