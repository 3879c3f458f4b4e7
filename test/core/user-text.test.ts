import { expect, fixture, html } from '@open-wc/testing';
import { renderUserText } from '../../src/components/user-text.js';
import { parseUserText, safeHref } from '../../src/core/user-text.js';

/** Renders `text` the way widgets do, into a plain container. */
async function rendered(text: string): Promise<HTMLElement> {
  const el = await fixture<HTMLElement>(html`<div>${renderUserText(text)}</div>`);
  return el;
}

/** Every hostile string from the issue, and a few more. */
const hostile = [
  '<script>window.__pwned = true</script>',
  '<img src=x onerror="window.__pwned = true">',
  '<a href="javascript:window.__pwned=true">click</a>',
  'javascript:window.__pwned=true',
  '<svg onload="window.__pwned=true"></svg>',
  '"><iframe srcdoc="<script>parent.__pwned=1</script>">',
  '{{constructor.constructor("window.__pwned=1")()}}',
  '${window.__pwned = 1}',
  'evil\u202Egnp.exe',
  'zero\u200Bwidth\u2060joiner\uFEFF',
];

describe('user text', () => {
  it('splits paragraphs and lines and links only http(s) URLs', () => {
    expect(parseUserText('One\nline two\n\n\nSecond https://example.com/a?b=1.')).to.deep.equal([
      [{ type: 'text', text: 'One' }, { type: 'break' }, { type: 'text', text: 'line two' }],
      [
        { type: 'text', text: 'Second ' },
        { type: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
        { type: 'text', text: '.' },
      ],
    ]);
    expect(
      parseUserText('(see https://en.wikipedia.org/wiki/Kettle_(appliance))')[0]![1],
    ).to.deep.equal({
      type: 'link',
      text: 'https://en.wikipedia.org/wiki/Kettle_(appliance)',
      href: 'https://en.wikipedia.org/wiki/Kettle_(appliance)',
    });
    for (const url of [
      'javascript:alert(1)',
      'data:text/html,x',
      'ftp://x.test',
      'https://user:pw@x.test',
    ]) {
      expect(safeHref(url)).to.equal(undefined);
    }
  });

  it('renders links as user content and paragraphs with their own direction', async () => {
    const el = await rendered('مرحبا\n\nSee https://example.com');
    const paragraphs = el.querySelectorAll('p');
    expect(paragraphs).to.have.length(2);
    expect([...paragraphs].every((p) => p.getAttribute('dir') === 'auto')).to.equal(true);
    const link = el.querySelector('a')!;
    expect(link.getAttribute('href')).to.equal('https://example.com/');
    expect(link.getAttribute('rel')).to.equal('nofollow ugc noopener');
  });

  it('keeps hostile strings inert text', async () => {
    const container = await rendered(hostile.join('\n\n'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((window as unknown as { __pwned?: unknown }).__pwned).to.equal(undefined);
    expect(container.querySelectorAll('script, img, svg, iframe')).to.have.length(0);
    expect([...container.querySelectorAll('a')].map((a) => a.href)).to.deep.equal([]);
    const text = container.textContent!;
    expect(text).to.contain('<script>window.__pwned = true</script>');
    expect(text).to.contain('onerror=');
    // Overrides and zero-width characters are gone; the words they hid are plain.
    expect(text).to.contain('evilgnp.exe');
    expect(text).to.contain('zerowidthjoiner');
    expect(text).not.to.match(/[\u202A-\u202E\u200B\u2060\uFEFF]/);
  });

  it('renders a 10 KB unbroken string as text', async () => {
    const long = 'x'.repeat(10 * 1024);
    const el = await rendered(long);
    expect(el.textContent).to.equal(long);
  });
});
