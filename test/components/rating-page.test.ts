import { expect, fixture, html } from '@open-wc/testing';
import { until } from '../support/dom.js';
import '../../src/index.js';
import type { CwCommunity } from '../../src/components/community/community.js';
import type { CwRating } from '../../src/components/rating/rating.js';
import { API, startMockApi } from '../support/mock-api.js';

const subjects = Array.from({ length: 100 }, (_, i) => `sku-${i + 1}`);
const isLoaded = (el: CwRating) => el.shadowRoot?.querySelector('[aria-busy="false"]') !== null;

/** 100 small ratings in a grid that fits the test viewport. */
function page(extra = '') {
  return html`<cw-community api=${API}>
    <div style="display:grid;grid-template-columns:repeat(4,12rem);gap:0">
      ${subjects.map((s) => html`<cw-rating subject=${s} size="small" readonly></cw-rating>`)}
      ${extra ? html`<cw-rating subject=${extra} size="small" readonly></cw-rating>` : ''}
    </div>
  </cw-community>`;
}

describe('a page of ratings', () => {
  it('loads 100 subjects with exactly one GET /ratings', async () => {
    const api = await startMockApi(Object.fromEntries(subjects.map((s) => [s, [1, 0, 0, 0, 1]])));
    const community = await fixture<CwCommunity>(page('sku-1'));
    const ratings = [...community.querySelectorAll('cw-rating')];
    expect(ratings).to.have.length(101);
    await until(() => ratings.every(isLoaded), 'not all ratings loaded');
    const reads = api.requestsTo('/ratings', 'GET');
    expect(reads).to.have.length(1);
    const asked = new URL(reads[0]!.url).searchParams.get('subjects')!.split(',');
    expect(asked).to.have.length(100);
    expect(new Set(asked)).to.deep.equal(new Set(subjects));
  });

  it('does not shift the layout while 100 ratings load', async () => {
    await startMockApi(Object.fromEntries(subjects.map((s) => [s, [0, 0, 2, 3, 9]])));
    const shifts: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number }>) {
        shifts.push(entry.value);
      }
    });
    observer.observe({ type: 'layout-shift', buffered: false });
    const community = await fixture<CwCommunity>(page());
    const ratings = [...community.querySelectorAll('cw-rating')];
    const heightsBefore = ratings.map((r) => r.getBoundingClientRect().height);
    await until(() => ratings.every(isLoaded), 'not all ratings loaded');
    // Two frames, so any shift is recorded.
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    observer.disconnect();
    const cls = shifts.reduce((sum, value) => sum + value, 0);
    expect(cls).to.equal(0);
    expect(ratings.map((r) => r.getBoundingClientRect().height)).to.deep.equal(heightsBefore);
  });

  it('does not load ratings far below the viewport until they come near', async () => {
    const api = await startMockApi();
    const community = await fixture<CwCommunity>(
      html`<cw-community api=${API}>
        <cw-rating subject="near" readonly></cw-rating>
        <div style="height:5000px"></div>
        <cw-rating subject="far" readonly></cw-rating>
      </cw-community>`,
    );
    const [near, far] = [...community.querySelectorAll('cw-rating')] as [CwRating, CwRating];
    await until(() => isLoaded(near));
    await new Promise((r) => setTimeout(r, 100));
    expect(isLoaded(far)).to.equal(false);
    expect(
      api.requestsTo('/ratings').map((r) => new URL(r.url).searchParams.get('subjects')),
    ).to.deep.equal(['near']);
    far.scrollIntoView();
    await until(() => isLoaded(far), 'far rating did not load after scrolling');
    expect(api.requestsTo('/ratings')).to.have.length(2);
  });
});
