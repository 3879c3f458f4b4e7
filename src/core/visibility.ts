/**
 * Tells when an element comes near the viewport, through one shared IntersectionObserver so
 * every widget that becomes visible in the same frame is reported in one callback (and its
 * reads land in one batch).
 */
const NEAR = '300px 0px';
const callbacks = new WeakMap<Element, () => void>();
let observer: IntersectionObserver | undefined;

// Module-level, not created inside whenNearViewport: a closure made there would share its
// scope and keep the first observed element alive for the life of the page.
function onIntersection(entries: IntersectionObserverEntry[]): void {
  for (const entry of entries) {
    if (!entry.isIntersecting) continue;
    observer!.unobserve(entry.target);
    const run = callbacks.get(entry.target);
    callbacks.delete(entry.target);
    run?.();
  }
}

export function whenNearViewport(element: Element, callback: () => void): () => void {
  if (typeof IntersectionObserver === 'undefined') {
    callback();
    return () => undefined;
  }
  observer ??= new IntersectionObserver(onIntersection, { rootMargin: NEAR });
  callbacks.set(element, callback);
  observer.observe(element);
  return () => {
    callbacks.delete(element);
    observer?.unobserve(element);
  };
}
