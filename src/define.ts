/**
 * Registers `constructor` as `tag` unless something already did, so two copies of the
 * library on one page (a CDN bundle and an npm import) do not throw.
 */
export function define(tag: string, constructor: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, constructor);
}
