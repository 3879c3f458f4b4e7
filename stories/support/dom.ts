/**
 * `querySelector` through open shadow roots at any depth, for play functions: a widget's
 * parts may live in its own shadow root or in a sub-element's (e.g. the star input).
 */
export function deepQuery<T extends Element = HTMLElement>(
  root: ParentNode,
  selector: string,
): T | null {
  const direct = root.querySelector<T>(selector);
  if (direct) return direct;
  for (const element of root.querySelectorAll('*')) {
    if (!element.shadowRoot) continue;
    const found = deepQuery<T>(element.shadowRoot, selector);
    if (found) return found;
  }
  return null;
}
