import { expect } from '@open-wc/testing';
import { until } from '../support/dom.js';
import { loadWidgetsIn } from '../../src/cdn.js';

// This file imports only the drop-in entry, so everything but rating and community is lazy.
describe('the all-widgets drop-in bundle', () => {
  it('has rating and community at once, and no other widget before it is used', () => {
    expect(customElements.get('cw-rating')).to.exist;
    expect(customElements.get('cw-community')).to.exist;
    expect(customElements.get('cw-qa')).to.equal(undefined);
    expect(customElements.get('cw-reviews')).to.equal(undefined);
  });

  it('loads a widget when its tag appears in the page', async () => {
    const host = document.createElement('div');
    host.innerHTML = '<section><cw-qa subject="sku-1"></cw-qa></section>';
    document.body.append(host);
    await until(() => customElements.get('cw-qa'), 'cw-qa was not loaded');
    expect(customElements.get('cw-reviews')).to.equal(undefined);
    await until(() => host.querySelector('cw-qa')!.shadowRoot, 'cw-qa did not upgrade');
    host.remove();
  });

  it('loads widgets inside a shadow root when asked', async () => {
    const host = document.createElement('div');
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<cw-reviews subject="sku-1"></cw-reviews>';
    document.body.append(host);
    await loadWidgetsIn(root);
    expect(customElements.get('cw-reviews')).to.exist;
    host.remove();
  });
});
