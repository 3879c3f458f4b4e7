/**
 * The contract suite: the same requests and expectations against the msw mock and the
 * reference server, so a page behaves identically on either. Later widgets add their cases.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Identity } from '../../../server/domain/types.js';
import {
  MAX_SUBJECTS_PER_REQUEST,
  SUBJECT_ID_MAX_LENGTH,
} from '../../../server/domain/validate.js';
import { MAX_BODY_BYTES, MAX_JSON_DEPTH } from '../../../server/http/body.js';
import { assertInvalid, assertProblem, assertUnauthorized, client } from '../client.js';
import { trackOperations } from '../journal.js';
import { unlessSkipped, type Target, type TargetFactory } from '../target.js';

const alice: Identity = { id: 'u-alice', name: 'Alice', avatar: null, roles: ['member'] };
const bob: Identity = { id: 'u-bob', name: 'Bob', avatar: null, roles: ['member', 'employee'] };

export function ratingsSuite(factory: TargetFactory): void {
  describe(`contract: ${factory.name}`, unlessSkipped(factory), () => {
    trackOperations();
    let target: Target;
    let aliceToken: string;
    let bobToken: string;
    let subjectCounter = 0;
    /** A fresh subject per test, so tests never see each other's ratings. */
    const freshSubject = () => `sku-${factory.name.length}-${Date.now()}-${subjectCounter++}`;

    before(async () => {
      target = await factory.start();
      aliceToken = await target.tokenFor(alice);
      bobToken = await target.tokenFor(bob);
    });
    after(() => target.close());

    const call = client(() => target);

    const rate = (subject: string, value: unknown, token = aliceToken) =>
      call(`/subjects/${subject}/rating`, { method: 'PUT', token, json: { value } });
    const summaries = (subjects: string, token?: string) =>
      call(`/ratings?subjects=${subjects}`, token === undefined ? {} : { token });

    describe('GET /healthz', () => {
      it('answers ok', async () => {
        const answer = await call('/healthz');
        assert.equal(answer.status, 200);
        assert.deepEqual(answer.body, { status: 'ok' });
      });
    });

    describe('GET /me', () => {
      it('describes an anonymous viewer without a token', async () => {
        const answer = await call('/me');
        assert.equal(answer.status, 200);
        assert.match(answer.headers.get('content-type') ?? '', /^application\/json/);
        assert.deepEqual(answer.body, {
          authenticated: false,
          id: null,
          name: null,
          avatar: null,
          roles: [],
        });
      });

      it('describes the viewer behind a token', async () => {
        const answer = await call('/me', { token: bobToken });
        assert.equal(answer.status, 200);
        assert.deepEqual(answer.body, {
          authenticated: true,
          id: bob.id,
          name: bob.name,
          avatar: null,
          roles: bob.roles,
        });
      });

      it('refuses a token it cannot verify with 401', async () => {
        assertUnauthorized(await call('/me', { token: 'not-a-token' }));
      });

      it('refuses an expired token with 401', async () => {
        const expired = await target.tokenFor(alice, { expiresIn: -120 });
        assertUnauthorized(await call('/me', { token: expired }));
      });
    });

    describe('GET /ratings', () => {
      it('answers subjects nobody rated with empty summaries', async () => {
        const subject = freshSubject();
        const answer = await summaries(subject);
        assert.equal(answer.status, 200);
        assert.deepEqual(answer.body, {
          items: [
            { subject, average: 0, count: 0, distribution: [0, 0, 0, 0, 0], viewerRating: null },
          ],
        });
      });

      it('answers duplicates once, in order of first appearance', async () => {
        const [a, b, c] = [freshSubject(), freshSubject(), freshSubject()];
        const answer = await summaries([c, a, c, b, a].join(','));
        assert.equal(answer.status, 200);
        assert.deepEqual(
          answer.body.items.map((item: { subject: string }) => item.subject),
          [c, a, b],
        );
      });

      it(`accepts ${MAX_SUBJECTS_PER_REQUEST} distinct subjects, repeated or not`, async () => {
        const ids = Array.from({ length: MAX_SUBJECTS_PER_REQUEST }, (_, n) => `batch-${n}`);
        const answer = await summaries([...ids, ...ids.slice(0, 20)].join(','));
        assert.equal(answer.status, 200);
        assert.equal(answer.body.items.length, MAX_SUBJECTS_PER_REQUEST);
      });

      it(`refuses ${MAX_SUBJECTS_PER_REQUEST + 1} distinct subjects with 422`, async () => {
        const ids = Array.from({ length: MAX_SUBJECTS_PER_REQUEST + 1 }, (_, n) => `batch-${n}`);
        assertInvalid(await summaries(ids.join(',')), ['#subjects']);
      });

      it('accepts a subject id of the longest length and refuses a longer one', async () => {
        const longest = 'a'.repeat(SUBJECT_ID_MAX_LENGTH);
        assert.equal((await summaries(longest)).status, 200);
        assertInvalid(await summaries(`${longest}b`), ['#subjects']);
      });

      it('refuses ids outside the allowed characters, and empty ids', async () => {
        for (const bad of ['a%20b', '-leading-dash', 'caf%C3%A9', 'a%2Fb', 'a,,b', 'a,']) {
          assertInvalid(await summaries(bad), ['#subjects']);
        }
      });

      it('refuses a missing or empty subjects parameter', async () => {
        assertInvalid(await call('/ratings'), ['#subjects']);
        assertInvalid(await call('/ratings?subjects='), ['#subjects']);
      });

      it("includes each viewer's own rating, and none for anonymous viewers", async () => {
        const subject = freshSubject();
        assert.equal((await rate(subject, 4, aliceToken)).status, 200);
        assert.equal((await rate(subject, 2, bobToken)).status, 200);
        const expected = { subject, average: 3, count: 2, distribution: [0, 1, 0, 1, 0] };
        assert.deepEqual((await summaries(subject, aliceToken)).body.items, [
          { ...expected, viewerRating: 4 },
        ]);
        assert.deepEqual((await summaries(subject, bobToken)).body.items, [
          { ...expected, viewerRating: 2 },
        ]);
        assert.deepEqual((await summaries(subject)).body.items, [
          { ...expected, viewerRating: null },
        ]);
      });

      it('refuses an invalid token even for reads', async () => {
        assertUnauthorized(await summaries(freshSubject(), 'not-a-token'));
      });
    });

    describe('PUT /subjects/{subject}/rating', () => {
      it('sets the viewer’s rating and answers the new summary', async () => {
        const subject = freshSubject();
        const answer = await rate(subject, 5);
        assert.equal(answer.status, 200);
        assert.deepEqual(answer.body, {
          subject,
          average: 5,
          count: 1,
          distribution: [0, 0, 0, 0, 1],
          viewerRating: 5,
        });
      });

      it('is idempotent: repeating it changes nothing', async () => {
        const subject = freshSubject();
        const first = await rate(subject, 3);
        const second = await rate(subject, 3);
        assert.equal(second.status, 200);
        assert.deepEqual(second.body, first.body);
        assert.equal(second.body.count, 1);
      });

      it('moves the viewer’s single rating when they change it', async () => {
        const subject = freshSubject();
        await rate(subject, 1);
        const answer = await rate(subject, 4);
        assert.deepEqual(answer.body.distribution, [0, 0, 0, 1, 0]);
        assert.equal(answer.body.count, 1);
        assert.equal(answer.body.viewerRating, 4);
      });

      it('accepts every whole star from 1 to 5', async () => {
        const subject = freshSubject();
        for (const value of [1, 2, 3, 4, 5]) {
          assert.equal((await rate(subject, value)).body.viewerRating, value);
        }
      });

      it('accepts a JSON content type with parameters', async () => {
        const answer = await call(`/subjects/${freshSubject()}/rating`, {
          method: 'PUT',
          token: aliceToken,
          json: { value: 2 },
          contentType: 'application/json; charset=utf-8',
        });
        assert.equal(answer.status, 200);
      });

      it('refuses anonymous viewers with 401 and stores nothing', async () => {
        const subject = freshSubject();
        const answer = await call(`/subjects/${subject}/rating`, {
          method: 'PUT',
          json: { value: 4 },
        });
        assertUnauthorized(answer);
        assert.equal((await summaries(subject)).body.items[0].count, 0);
      });

      it('refuses an expired token with 401', async () => {
        const expired = await target.tokenFor(alice, { expiresIn: -120 });
        assertUnauthorized(await rate(freshSubject(), 4, expired));
      });

      it('refuses values that are not whole stars from 1 to 5 at /value', async () => {
        for (const value of [0, 6, 2.5, '3', null, true, [3], { n: 3 }]) {
          assertInvalid(await rate(freshSubject(), value), ['/value']);
        }
      });

      it('refuses a body without a value, or with unknown fields', async () => {
        const put = (json: unknown) =>
          call(`/subjects/${freshSubject()}/rating`, { method: 'PUT', token: aliceToken, json });
        assertInvalid(await put({}), ['/value']);
        assertInvalid(await put({ value: 3, stars: 3 }), ['/stars']);
        assertInvalid(await put({ value: 9, extra: true }), ['/value', '/extra']);
      });

      it('refuses a body that is not an object, pointing at the whole body', async () => {
        for (const json of [[], 3, 'five', null]) {
          assertInvalid(
            await call(`/subjects/${freshSubject()}/rating`, {
              method: 'PUT',
              token: aliceToken,
              json,
            }),
            [''],
          );
        }
      });

      it('refuses subject ids that are too long or use other characters at #subject', async () => {
        assertInvalid(await rate('a'.repeat(SUBJECT_ID_MAX_LENGTH + 1), 3), ['#subject']);
        assertInvalid(await rate('a%20b', 3), ['#subject']);
        assertInvalid(await rate('.dot-first', 3), ['#subject']);
        assert.equal((await rate('a'.repeat(SUBJECT_ID_MAX_LENGTH), 3)).status, 200);
      });

      it('refuses malformed JSON with 400', async () => {
        const answer = await call(`/subjects/${freshSubject()}/rating`, {
          method: 'PUT',
          token: aliceToken,
          raw: '{"value": 3',
        });
        assertProblem(answer, 400, 'malformed');
      });

      it(`refuses JSON nested deeper than ${MAX_JSON_DEPTH} levels with 400`, async () => {
        const deep = `${'['.repeat(MAX_JSON_DEPTH + 1)}1${']'.repeat(MAX_JSON_DEPTH + 1)}`;
        const answer = await call(`/subjects/${freshSubject()}/rating`, {
          method: 'PUT',
          token: aliceToken,
          raw: deep,
        });
        assertProblem(answer, 400, 'malformed');
      });

      it('refuses an empty JSON body with 400', async () => {
        const answer = await call(`/subjects/${freshSubject()}/rating`, {
          method: 'PUT',
          token: aliceToken,
          raw: '',
          contentType: 'application/json',
        });
        assertProblem(answer, 400, 'malformed');
      });

      it(`refuses a body over ${MAX_BODY_BYTES} bytes with 413 and stores nothing`, async () => {
        const subject = freshSubject();
        const answer = await call(`/subjects/${subject}/rating`, {
          method: 'PUT',
          token: aliceToken,
          raw: JSON.stringify({ value: 3, padding: 'x'.repeat(MAX_BODY_BYTES) }),
        });
        assertProblem(answer, 413, 'too-large');
        assert.equal((await summaries(subject)).body.items[0].count, 0);
      });

      it('refuses bodies that are not JSON with 415', async () => {
        const subject = freshSubject();
        const plain = await call(`/subjects/${subject}/rating`, {
          method: 'PUT',
          token: aliceToken,
          raw: '{"value": 3}',
          contentType: 'text/plain',
        });
        assertProblem(plain, 415, 'unsupported-media-type');
        const form = await call(`/subjects/${subject}/rating`, {
          method: 'PUT',
          token: aliceToken,
          raw: 'value=3',
          contentType: 'application/x-www-form-urlencoded',
        });
        assertProblem(form, 415, 'unsupported-media-type');
        // The contract declares application/json alone, so structured +json types are refused.
        const structured = await call(`/subjects/${subject}/rating`, {
          method: 'PUT',
          token: aliceToken,
          raw: '{"value": 3}',
          contentType: 'application/merge-patch+json',
        });
        assertProblem(structured, 415, 'unsupported-media-type');
        const none = await call(`/subjects/${subject}/rating`, {
          method: 'PUT',
          token: aliceToken,
        });
        assertProblem(none, 415, 'unsupported-media-type');
        assert.equal((await summaries(subject)).body.items[0].count, 0);
      });
    });

    describe('DELETE /subjects/{subject}/rating', () => {
      it('removes the viewer’s rating and nobody else’s', async () => {
        const subject = freshSubject();
        await rate(subject, 5, aliceToken);
        await rate(subject, 1, bobToken);
        const answer = await call(`/subjects/${subject}/rating`, {
          method: 'DELETE',
          token: aliceToken,
        });
        assert.equal(answer.status, 200);
        assert.deepEqual(answer.body, {
          subject,
          average: 1,
          count: 1,
          distribution: [1, 0, 0, 0, 0],
          viewerRating: null,
        });
        assert.equal((await summaries(subject, bobToken)).body.items[0].viewerRating, 1);
      });

      it('is idempotent: removing twice, or removing nothing, answers the same summary', async () => {
        const subject = freshSubject();
        await rate(subject, 2);
        const first = await call(`/subjects/${subject}/rating`, {
          method: 'DELETE',
          token: aliceToken,
        });
        const second = await call(`/subjects/${subject}/rating`, {
          method: 'DELETE',
          token: aliceToken,
        });
        assert.equal(second.status, 200);
        assert.deepEqual(second.body, first.body);
        assert.equal(second.body.count, 0);
      });

      it('refuses anonymous viewers and expired tokens with 401', async () => {
        const subject = freshSubject();
        await rate(subject, 2);
        assertUnauthorized(await call(`/subjects/${subject}/rating`, { method: 'DELETE' }));
        const expired = await target.tokenFor(alice, { expiresIn: -120 });
        assertUnauthorized(
          await call(`/subjects/${subject}/rating`, { method: 'DELETE', token: expired }),
        );
        assert.equal((await summaries(subject)).body.items[0].count, 1);
      });

      it('refuses an invalid subject id at #subject', async () => {
        assertInvalid(
          await call(`/subjects/${'z'.repeat(SUBJECT_ID_MAX_LENGTH + 1)}/rating`, {
            method: 'DELETE',
            token: aliceToken,
          }),
          ['#subject'],
        );
      });
    });
  });
}
