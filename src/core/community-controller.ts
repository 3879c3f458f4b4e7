import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CommunityClient } from './client.js';
import { onConfigure, resolveClient, type CommunityConfig } from './config.js';

export interface CommunityHost extends ReactiveControllerHost, HTMLElement {
  /** The element's own `api` attribute, which wins over any provider. */
  api: string | undefined;
}

/** What `<cw-community>` offers the widgets inside it. */
export interface CommunityProvider extends Element {
  readonly communityConfig: CommunityConfig;
}

/**
 * The nearest `<cw-community>` above `node` in the flattened tree — through slots and out of
 * shadow roots, the path a composed event takes — or undefined when there is none or it is
 * not upgraded yet (it calls `configurationChanged()` when it is). A walk, not @lit/context:
 * the rating-only bundle saves the context library (ADR 003) and every widget finds its
 * provider the same way.
 */
export function nearestCommunity(node: Node): CommunityProvider | undefined {
  for (let at: Node | null = parentOf(node); at; at = parentOf(at)) {
    if ((at as Element).localName === 'cw-community') {
      return 'communityConfig' in at ? (at as CommunityProvider) : undefined;
    }
  }
  return undefined;
}

function parentOf(node: Node): Node | null {
  return (node as Element).assignedSlot ?? node.parentNode ?? (node as ShadowRoot).host ?? null;
}

/**
 * Finds the client an element talks to (own `api` → nearest `<cw-community>` →
 * `configure()`), and calls `onChange` whenever that answer changes.
 */
export class CommunityController implements ReactiveController {
  client: CommunityClient | undefined;
  #provided: CommunityConfig | undefined;
  #stopListening: (() => void) | undefined;
  readonly #host: CommunityHost;
  readonly #onChange: (client: CommunityClient | undefined) => void;

  constructor(host: CommunityHost, onChange: (client: CommunityClient | undefined) => void) {
    this.#host = host;
    this.#onChange = onChange;
    host.addController(this);
  }

  hostConnected(): void {
    this.#stopListening = onConfigure(() => this.resolve());
    this.resolve();
  }

  hostDisconnected(): void {
    this.#stopListening?.();
  }

  /** The locale the nearest `<cw-community>` asks for, if any. */
  get locale(): string | undefined {
    return this.#provided?.locale;
  }

  /** Call when the host's `api` changed. */
  resolve(): void {
    const locale = this.#provided?.locale;
    this.#provided = this.#host.isConnected
      ? nearestCommunity(this.#host)?.communityConfig
      : undefined;
    const client = resolveClient(this.#host.api, this.#provided);
    if (client === this.client) {
      if (this.#provided?.locale !== locale) this.#host.requestUpdate();
      return;
    }
    this.client = client;
    this.#onChange(client);
    this.#host.requestUpdate();
  }
}
