import { expect, oneEvent, waitUntil } from '@open-wc/testing';

/**
 * DOM helpers shared by every component test. They look at a widget as a page author does:
 * through its shadow root, and into a nested element's shadow root only for the parts that
 * element re-exports (`exportparts`), exactly what `cw-widget::part(name)` can style.
 */

/** The names a host re-exports from its shadow root (`exportparts="a, b:c"` → a, c). */
function exported(host: Element): Map<string, string> {
  const names = new Map<string, string>();
  for (const entry of (host.getAttribute('exportparts') ?? '').split(',')) {
    const [inner, outer = inner] = entry.split(':').map((name) => name.trim());
    if (inner) names.set(outer!, inner);
  }
  return names;
}

function collect(scope: ParentNode, name: string, found: HTMLElement[]): void {
  for (const node of scope.querySelectorAll<HTMLElement>('*')) {
    if (node.part.contains(name)) found.push(node);
    const inner = node.shadowRoot && exported(node).get(name);
    if (inner) collect(node.shadowRoot!, inner, found);
  }
}

/** Where to look: a widget's shadow root, or inside an element of it. */
const scopeOf = (el: Element): ParentNode => el.shadowRoot ?? el;

/** Every element with part `name`, in tree order (exported parts of sub-elements included). */
export function parts(el: Element, name: string): HTMLElement[] {
  const found: HTMLElement[] = [];
  collect(scopeOf(el), name, found);
  return found;
}

/** The first element with part `name`, or null. */
export const part = (el: Element, name: string): HTMLElement | null => parts(el, name)[0] ?? null;

/** The first element matching `selector` in the widget's own shadow root. */
export const $ = <T extends Element = HTMLElement>(el: Element, selector: string): T | null =>
  scopeOf(el).querySelector<T>(selector);

/**
 * An element's rendered text, through nested shadow roots, with whitespace collapsed and
 * without the invisible bidi isolates (U+2066–U+2069) that wrap people's text in sentences.
 */
export function text(el: Element | null): string {
  const walk = (node: Node): string =>
    node.nodeType === Node.TEXT_NODE
      ? (node as Text).data
      : [...((node as Element).shadowRoot ?? node).childNodes].map(walk).join('');
  return el ? visible([...scopeOf(el).childNodes].map(walk).join('')) : '';
}

/** A sentence as a reader sees it: isolates removed, whitespace collapsed. */
export const visible = (sentence: string | null): string =>
  (sentence ?? '')
    .replace(/[\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/** The focused element inside the widget, through nested shadow roots. */
export function focused(el: Element): HTMLElement | null {
  let active = el.shadowRoot?.activeElement ?? null;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active as HTMLElement | null;
}

/** waitUntil with room for a busy machine (other test runs share the CPU). */
export const until = (predicate: () => unknown, message?: string) =>
  waitUntil(predicate, message, { timeout: 10_000 });

/** Sets a field's value as typing would, without typing 10 KB key by key. */
export function fill(field: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

/**
 * Waits until a widget finished its first load — `ready` says when (e.g. its list is not busy
 * AND it knows the viewer) — then for its pending render.
 */
export async function loaded(
  el: Element & { updateComplete: Promise<unknown> },
  ready: () => unknown,
  what = 'the widget did not load',
): Promise<void> {
  await until(ready, what);
  await el.updateComplete;
}

/** The widget's own button (in its shadow root) whose text is `name`. */
export const buttonNamed = (el: Element, name: string): HTMLButtonElement | undefined =>
  [...scopeOf(el).querySelectorAll('button')].find((b) => text(b) === name);

/**
 * The shared check of a list whose page failed (call it right after the fixture): the widget
 * says why in part `error`, fires `cw-error` with `action`, passes axe; once `recover` lets the
 * API answer, Try again loads it (`reloaded`) and the sentence goes.
 */
export async function retriesFailedPage(
  el: HTMLElement,
  {
    action = 'load',
    sentence,
    recover,
    reloaded,
  }: { action?: string; sentence?: string; recover: () => void; reloaded: () => unknown },
): Promise<void> {
  const failed = oneEvent(el, 'cw-error') as Promise<CustomEvent<{ action: string }>>;
  await until(() => part(el, 'error'), 'the failed page said nothing');
  if (sentence) expect(text(part(el, 'error'))).to.contain(sentence);
  expect((await failed).detail.action).to.equal(action);
  await expect(el).to.be.accessible();
  recover();
  buttonNamed(el, 'Try again')!.click();
  await until(reloaded, 'Try again did not load the list');
  expect(part(el, 'error')).to.equal(null);
}
