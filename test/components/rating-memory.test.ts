import { expect, fixture, html } from '@open-wc/testing';
import { until } from '../support/dom.js';
import '../../src/index.js';
import type { CwCommunity } from '../../src/components/community/community.js';
import { API, customerToken, startMockApi } from '../support/mock-api.js';

declare global {
  interface Window {
    /** Exposed by Chromium's --js-flags=--expose-gc (see web-test-runner.config.mjs). */
    gc?: () => void;
  }
}

/**
 * Collects garbage until every reference is gone or 15 s have passed: work the removed
 * ratings started (a request in flight, a pending observer callback) may keep them a while
 * on a busy machine, but a real leak keeps them for good.
 */
async function stillAlive(refs: WeakRef<Element>[]): Promise<number[]> {
  const alive = () => refs.map((ref, i) => (ref.deref() ? i : -1)).filter((i) => i >= 0);
  const deadline = Date.now() + 15_000;
  const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  for (;;) {
    window.gc!();
    await tick(100);
    if (!alive().length || Date.now() > deadline) return alive();
    // `deref()` keeps its target alive until the current task ends: collect in the next one.
    await tick(0);
  }
}

/**
 * Creates the ratings in a frame of its own, so no local variable of the test keeps the
 * last one alive, and hands back only weak references.
 */
function mountRatings(community: Element, count: number): WeakRef<Element>[] {
  return Array.from({ length: count }, (_, i) => {
    const rating = document.createElement('cw-rating');
    rating.subject = i % 2 ? 'sku-1' : `sku-${i}`;
    community.append(rating);
    return new WeakRef(rating);
  });
}

describe('cw-rating memory', () => {
  it('is collected after removal although the shared cache and viewer outlive it', async () => {
    await startMockApi({ 'sku-1': [0, 0, 1, 0, 0] });
    const community = await fixture<CwCommunity>(
      html`<cw-community api=${API} token=${customerToken()}></cw-community>`,
    );
    const refs = mountRatings(community, 20);
    await until(
      () =>
        [...community.querySelectorAll('cw-rating')].every((r) =>
          r.shadowRoot?.querySelector('cw-rating-input, [part="sign-in"]'),
        ),
      'ratings did not finish loading',
    );
    community.replaceChildren();
    expect(await stillAlive(refs)).to.deep.equal([]);
  });
});
