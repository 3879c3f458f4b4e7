import { expect } from '@open-wc/testing';
import { until } from '../support/dom.js';
import { loadWidgetsIn } from '../../src/cdn-all.js';

// This file imports only the one-file drop-in entry: the posting widgets come with it, the
// inbox, the queue and the dashboard still load when their tag appears.
describe('the one-file drop-in bundle', () => {
  it('has every posting widget at once, and the rarely shown ones only when used', () => {
    for (const tag of [
      'cw-community',
      'cw-rating',
      'cw-qa',
      'cw-reviews',
      'cw-idea-board',
      'cw-expert-badge',
      'cw-expert-list',
    ]) {
      expect(customElements.get(tag), tag).to.exist;
    }
    for (const tag of ['cw-inbox', 'cw-moderation-queue', 'cw-insights']) {
      expect(customElements.get(tag), tag).to.equal(undefined);
    }
  });

  it('loads the inbox when its tag appears in the page', async () => {
    const host = document.createElement('div');
    host.innerHTML = '<header><cw-inbox></cw-inbox></header>';
    document.body.append(host);
    await until(() => customElements.get('cw-inbox'), 'cw-inbox was not loaded');
    expect(customElements.get('cw-moderation-queue')).to.equal(undefined);
    await until(() => host.querySelector('cw-inbox')!.shadowRoot, 'cw-inbox did not upgrade');
    host.remove();
  });

  it('offers the same page-facing API as the all-widgets bundle', async () => {
    const host = document.createElement('div');
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<cw-insights></cw-insights>';
    document.body.append(host);
    await loadWidgetsIn(root);
    expect(customElements.get('cw-insights')).to.exist;
    host.remove();
  });
});
