import { LitElement, type PropertyDeclaration, type PropertyValues } from 'lit';

/**
 * Which properties were set between an element's connection and its first render.
 *
 * Parsed HTML and React 19 set an element's inputs before inserting it, so what
 * `connectedCallback` sees is final. Framework wrappers (@lit/react in React 18 and after
 * hydration, and any code that appends first) set them just after, before the first render:
 * Lit reports those as first-render changes, which elements used to skip as "the starting
 * point", leaving a widget that never loads its subject. This tells the two apart.
 */
class LateProperties {
  #connected = false;
  #names = new Set<PropertyKey>();

  /** Call at the end of `connectedCallback`, once the element acted on its inputs. */
  connected(): void {
    this.#connected = true;
  }

  disconnected(): void {
    this.#connected = false;
    this.#names.clear();
  }

  /** Call from `requestUpdate` with the property's name. */
  set(name: PropertyKey | undefined, hasUpdated: boolean): void {
    if (name !== undefined && this.#connected && !hasUpdated) this.#names.add(name);
  }

  /**
   * Whether any of `names` changed since the element last acted on them: after the first
   * render, any change; at the first render, only those set after connecting.
   */
  changed(
    changed: Map<PropertyKey, unknown>,
    hasUpdated: boolean,
    ...names: PropertyKey[]
  ): boolean {
    return names.some((name) => changed.has(name) && (hasUpdated || this.#names.has(name)));
  }

  /** Call when the first render is done. */
  rendered(): void {
    this.#names.clear();
  }
}

/**
 * The base of `<cw-community>` and every widget: tracks their late properties. A subclass
 * calls `this.late.connected()` at the end of its `connectedCallback`, once it acted on its
 * inputs, and asks `inputChanged` in `willUpdate`.
 */
export abstract class LateElement extends LitElement {
  // Not `#private`: ReactiveElement's constructor calls requestUpdate before fields exist.
  protected readonly late = new LateProperties();

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.late.disconnected();
  }

  override requestUpdate(
    name?: PropertyKey,
    oldValue?: unknown,
    options?: PropertyDeclaration,
  ): void {
    super.requestUpdate(name, oldValue, options);
    this.late?.set(name, this.hasUpdated);
  }

  protected override update(changed: PropertyValues<this>): void {
    super.update(changed);
    this.late.rendered();
  }

  /**
   * Whether one of the inputs `names` changed since the element last acted on them: any change
   * after the first render, and at the first render those a framework set after connecting.
   */
  protected inputChanged(changed: PropertyValues<this>, ...names: Array<keyof this>): boolean {
    return this.late.changed(changed, this.hasUpdated, ...names);
  }
}
