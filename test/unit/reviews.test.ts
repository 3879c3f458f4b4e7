import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { summaryOf } from '../../server/domain/rating-math.js';
import type { CommunityBackend } from '../../src/core/backend.js';
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
    const fresh = summaryOf('sku-1', [0, 0, 0, 0, 3], 5);
    store.accept(fresh);
    const seen: RatingState[] = [];
    store.subscribe('sku-1', (state) => seen.push(state));
    await tick();
    assert.deepEqual(reads, []);
    assert.deepEqual(seen, [{ status: 'ready', summary: fresh, saving: false }]);
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
