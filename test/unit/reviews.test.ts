import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { summaryOf } from '../../api/shared/rating-math.js';
import type { CommunityBackend } from '../../src/core/backend.js';
import type { Review } from '../../src/core/types.js';
import { RatingsStore, type RatingState } from '../../src/core/ratings.js';
import { jsonForScript, productJsonLd } from '../../src/components/reviews/structured-data.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('RatingsStore.accept', () => {
  function backend(reads: string[], answer: () => Promise<void> = async () => {}) {
    return {
      async getRatingSummaries(subjects: string[]) {
        reads.push(subjects.join(','));
        await answer();
        return subjects.map((subject) => summaryOf(subject, [1, 0, 0, 0, 0], null));
      },
    } as Pick<CommunityBackend, 'getRatingSummaries'> as CommunityBackend;
  }

  it('shows a confirmed summary to every subscriber without a request', async () => {
    const reads: string[] = [];
    const store = new RatingsStore(backend(reads));
    const seen: RatingState[][] = [[], []];
    store.subscribe('sku-1', (state) => seen[0]!.push(state));
    store.subscribe('sku-1', (state) => seen[1]!.push(state));
    await tick();
    const fresh = summaryOf('sku-1', [0, 0, 0, 0, 3], 5);
    store.accept(fresh);
    assert.deepEqual(reads, ['sku-1']);
    for (const states of seen) {
      assert.deepEqual(states.at(-1), { status: 'ready', summary: fresh, saving: false });
    }
  });

  it('leaves subjects nobody follows alone', () => {
    const reads: string[] = [];
    const store = new RatingsStore(backend(reads));
    store.accept(summaryOf('sku-9', [0, 0, 0, 0, 1], 5));
    assert.deepEqual(store.peek('sku-9'), { status: 'loading' });
    assert.deepEqual(reads, []);
  });

  it('wins over a read that was still loading', async () => {
    const reads: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const store = new RatingsStore(backend(reads, () => gate));
    const seen: RatingState[] = [];
    store.subscribe('sku-1', (state) => seen.push(state));
    await tick();
    const fresh = summaryOf('sku-1', [0, 0, 0, 2, 0], 4);
    store.accept(fresh);
    release();
    await tick();
    await tick();
    assert.deepEqual(reads, ['sku-1']);
    assert.deepEqual(store.peek('sku-1'), { status: 'ready', summary: fresh, saving: false });
    assert.equal(seen.at(-1)!.status, 'ready');
  });
});

describe('review structured data', () => {
  it('escapes everything that could end a script element or start markup', () => {
    const text = jsonForScript({ a: '</script><!-- & \u2028 \u2029 >' });
    assert.doesNotMatch(text, /[<>&\u2028\u2029]/);
    assert.deepEqual(JSON.parse(text), { a: '</script><!-- & \u2028 \u2029 >' });
  });

  it('leaves out the aggregate and the reviews when there are none', () => {
    const data = productJsonLd('Kettle', summaryOf('sku-1', [0, 0, 0, 0, 0], null), []);
    assert.deepEqual(data, {
      '@context': 'https://schema.org',
      '@type': 'Product',
      name: 'Kettle',
      sku: 'sku-1',
    });
  });
});

describe('the verified_subjects claim', () => {
  it('keeps only valid subject ids, once each, and nothing when absent', async () => {
    const { identityFromClaims } = await import('../../server/auth.js');
    const identity = identityFromClaims({
      sub: 'u-1',
      verified_subjects: ['sku-1', 'sku-1', '<script>', 42, '', 'sku-2'],
    });
    assert.deepEqual(identity.verifiedSubjects, ['sku-1', 'sku-2']);
    assert.equal(identityFromClaims({ sub: 'u-1' }).verifiedSubjects, undefined);
    assert.equal(
      identityFromClaims({ sub: 'u-1', verified_subjects: 'sku-1' }).verifiedSubjects,
      undefined,
    );
  });
});

describe('ReviewsStore', () => {
  it("uses a custom backend's own review methods and shares the summary they answer", async () => {
    const { CommunityClient } = await import('../../src/core/client.js');
    const { ReviewsStore } = await import('../../src/core/reviews.js');
    const rating = summaryOf('sku-1', [0, 0, 0, 0, 1], 5);
    const calls: string[] = [];
    const custom = {
      async getRatingSummaries(subjects: string[]) {
        calls.push('read');
        return subjects.map((subject) => summaryOf(subject, [0, 0, 0, 0, 0], null));
      },
      async createReview(
        subject: string,
        input: { stars: number },
        options?: { idempotencyKey?: string },
      ) {
        calls.push(`create ${subject} ${input.stars} ${options?.idempotencyKey}`);
        return { review: { id: 'r1', stars: input.stars }, rating };
      },
      listReviews: async () => ({ items: [], nextCursor: null, viewerReview: null }),
      editReview: async () => ({ review: {}, rating }),
      deleteReview: async () => ({ rating }),
      setReviewHelpful: async () => ({}),
    } as unknown as CommunityBackend;
    const client = new CommunityClient(custom);
    client.ratings.subscribe('sku-1', () => {});
    await tick();
    const review = await new ReviewsStore(client).create(
      'sku-1',
      { stars: 5, title: 't', body: 'b' },
      'key-12345',
    );
    assert.equal(review.id, 'r1');
    assert.deepEqual(calls, ['read', 'create sku-1 5 key-12345']);
    assert.deepEqual(client.ratings.peek('sku-1'), {
      status: 'ready',
      summary: rating,
      saving: false,
    });
  });

  it('refuses with a CwError when a custom backend does not serve reviews', async () => {
    const { CommunityClient } = await import('../../src/core/client.js');
    const { ReviewsStore } = await import('../../src/core/reviews.js');
    const ratingsOnly = {
      getRatingSummaries: async () => [],
    } as unknown as CommunityBackend;
    const store = new ReviewsStore(new CommunityClient(ratingsOnly));
    const review = { id: 'r1', viewerHelpful: 'none', helpful: { yes: 0, no: 0 } } as Review;
    await assert.rejects(store.setHelpful(review, 'yes'), { name: 'CwError', kind: 'not-found' });
  });
});
