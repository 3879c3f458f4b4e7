import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CommunityClient } from './client.js';
import { onConfigure, resolveClient, type CommunityConfig } from './config.js';
import { communityContext } from './context.js';

export interface CommunityHost extends ReactiveControllerHost, HTMLElement {
  /** The element's own `api` attribute, which wins over any provider. */
  api: string | undefined;
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
    new ContextConsumer(host, {
      context: communityContext,
      subscribe: true,
      callback: (config) => {
        this.#provided = config;
        this.resolve();
      },
    });
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
    const client = resolveClient(this.#host.api, this.#provided);
    if (client === this.client) return;
    this.client = client;
    this.#onChange(client);
    this.#host.requestUpdate();
  }
}
