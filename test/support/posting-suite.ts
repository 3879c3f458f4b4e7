import { expect } from '@open-wc/testing';
import { http } from 'msw';
import { problemResponse } from '../../server/msw/index.js';
import { $, fill, part, parts, text, until } from './dom.js';
import type { MockApi } from './mock-api.js';
import { startMockApi } from './mock-api.js';

type Widget = HTMLElement & { updateComplete: Promise<unknown> };

/** How one posting widget (Q&A, reviews, ideas) is driven by the shared suite. */
export interface PostingWidget<E extends Widget> {
  /** The widget's tag, for the suite's title. */
  tag: string;
  /** Mounts the widget for `scope` (subject or board) inside a provider; does not wait. */
  mount(scope: string, options?: { anonymous?: boolean }): Promise<E>;
  /** Sets up what `scope` needs before the widget mounts (e.g. an idea board); optional. */
  prepare?(api: MockApi, scope: string): Promise<void>;
  /** Waits until the first page is shown and the viewer is known. */
  loaded(el: E): Promise<void>;
  /** The msw path of the list's GET and of the create POST. */
  routes: { list: string; create: string };
  /** Sentences the widget shows. */
  texts: { loading: string; empty: string; loadFailed: string; notPosted: string };
  /** Opens the form (if it has to be opened) and returns its main text field. */
  compose(el: E): Promise<HTMLInputElement | HTMLTextAreaElement>;
  /** A valid text for the main field. */
  validText: string;
  /** Creates a post with `text` as its title or body (through the domain, not the widget). */
  seed(api: MockApi, scope: string, text: string): Promise<void>;
  /** Makes the seeded post's full text visible (e.g. opens it); optional. */
  reveal?(el: E): Promise<void>;
}

/**
 * The behaviour every posting widget shares, run by each widget's test file: loading, empty,
 * error and retry, the draft kept on a failed post and across a reload, hostile text inert,
 * and axe on each state. Network stalls are gated msw handlers, never timers.
 */
export function postingWidgetSuite<E extends Widget>(widget: PostingWidget<E>): void {
  describe(`${widget.tag}: the shared posting-widget behaviour`, () => {
    beforeEach(() => localStorage.clear());

    it('shows loading until the first page arrives, then the empty state', async () => {
      const api = await startMockApi();
      await widget.prepare?.(api, 'suite-empty');
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      api.use(
        http.get(widget.routes.list, async () => {
          await gate;
          return undefined;
        }),
      );
      const el = await widget.mount('suite-empty');
      await until(() => text(el).includes(widget.texts.loading), 'no loading state');
      expect($(el, '[aria-busy="true"]')).to.exist;
      await expect(el).to.be.accessible();
      release();
      await widget.loaded(el);
      expect(text(el)).to.contain(widget.texts.empty);
      expect(text(el)).not.to.contain(widget.texts.loading);
      await expect(el).to.be.accessible();
    });

    it('shows an error with a retry that loads again', async () => {
      const api = await startMockApi();
      await widget.prepare?.(api, 'suite-failing');
      let failures = 1;
      api.use(
        http.get(widget.routes.list, () =>
          failures-- > 0 ? problemResponse('internal', 'boom') : undefined,
        ),
      );
      const el = await widget.mount('suite-failing');
      await until(() => part(el, 'retry'), 'no retry offered');
      expect(part(el, 'error')!.textContent).to.contain(widget.texts.loadFailed);
      await expect(el).to.be.accessible();
      part(el, 'retry')!.click();
      await until(() => text(el).includes(widget.texts.empty), 'the retry did not load');
    });

    it('keeps the draft when a post fails, and after a reload', async () => {
      const api = await startMockApi();
      await widget.prepare?.(api, 'suite-draft');
      api.use(
        http.post(widget.routes.create, () => problemResponse('unavailable', 'down'), {
          once: true,
        }),
      );
      const el = await widget.mount('suite-draft');
      await widget.loaded(el);
      fill(await widget.compose(el), widget.validText);
      parts(el, 'submit')[0]!.click();
      await until(() => text(el).includes(widget.texts.notPosted), 'the failure was not shown');
      expect(part(el, 'retry')).to.exist;
      expect((await widget.compose(el)).value).to.equal(widget.validText);
      el.closest('cw-community')!.remove();
      const again = await widget.mount('suite-draft');
      await widget.loaded(again);
      expect((await widget.compose(again)).value).to.equal(widget.validText);
    });

    it('renders hostile text inert', async () => {
      const api = await startMockApi();
      await widget.prepare?.(api, 'suite-hostile');
      const hostile =
        '<img src=x onerror="window.__pwnedSuite=1"><script>window.__pwnedSuite=1</script>';
      await widget.seed(api, 'suite-hostile', `Hostile ${hostile}`);
      const el = await widget.mount('suite-hostile');
      await widget.loaded(el);
      await widget.reveal?.(el);
      await el.updateComplete;
      await new Promise(requestAnimationFrame);
      expect(text(el)).to.contain(hostile);
      expect(el.shadowRoot!.querySelectorAll('script, img, iframe')).to.have.length(0);
      expect((window as { __pwnedSuite?: number }).__pwnedSuite).to.equal(undefined);
      await expect(el).to.be.accessible();
    });
  });
}
