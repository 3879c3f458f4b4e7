/**
 * Loads a widget's code the first time its tag appears, so the all-widgets drop-in bundle
 * costs a page only the widgets it uses (ratings are built in: nearly every page has them).
 * Tags inside shadow roots are not seen by the document's observer: call
 * `loadWidgetsIn(shadowRoot)` for those, or import the element module directly.
 */
const lazyWidgets: Record<string, () => Promise<unknown>> = {
  'cw-qa': () => import('./qa.js'),
  'cw-reviews': () => import('./reviews.js'),
  'cw-idea-board': () => import('./idea-board.js'),
  'cw-expert-badge': () => import('./expert-badge.js'),
  'cw-expert-list': () => import('./expert-list.js'),
  'cw-moderation-queue': () => import('./moderation-queue.js'),
  'cw-inbox': () => import('./inbox.js'),
  'cw-insights': () => import('./insights.js'),
};

const loading = new Map<string, Promise<unknown>>();

/** Loads the code of every lazily loaded widget used under `root` (itself included). */
export function loadWidgetsIn(root: ParentNode | Element): Promise<unknown[]> {
  const wanted = Object.keys(lazyWidgets).filter(
    (tag) =>
      !customElements.get(tag) &&
      ((root instanceof Element && root.localName === tag) || root.querySelector(tag) !== null),
  );
  return Promise.all(wanted.map(load));
}

function load(tag: string): Promise<unknown> {
  let pending = loading.get(tag);
  if (!pending) {
    pending = lazyWidgets[tag]!();
    loading.set(tag, pending);
  }
  return pending;
}

/** Watches the page: widgets already there load now, widgets added later when they arrive. */
export function startAutoloading(): void {
  void loadWidgetsIn(document);
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node instanceof Element) void loadWidgetsIn(node);
      }
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
}
