import { css, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { CommunityBackend, TokenProvider } from '../../core/backend.js';
import type { CommunityProvider } from '../../core/community-controller.js';
import { configurationChanged, resolveClient, type CommunityConfig } from '../../core/config.js';
import { useLocale } from '../../i18n/locale.js';
import { LateElement } from '../late-properties.js';

/**
 * @summary Tells every widget inside it which backend to use, who the viewer is and which
 * locale to speak. Renders its children unchanged.
 *
 * @tag cw-community
 * @slot - Any content, including community widgets at any depth.
 *
 * @example
 * ```html
 * <cw-community api="https://example.com/community/api" token="eyJ…">
 *   <cw-rating subject="sku-123"></cw-rating>
 * </cw-community>
 * ```
 */
export class CwCommunity extends LateElement implements CommunityProvider {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** Base URL of a backend implementing the community REST API. */
  @property() api: string | undefined;

  /** The viewer's bearer token, signed by the host site; omit for anonymous visitors. */
  @property() token: string | undefined;

  /** BCP 47 locale for the widgets' messages, numbers and dates. */
  @property() locale: string | undefined;

  /** A custom backend instead of the REST API (property only). */
  @property({ attribute: false }) backend: CommunityBackend | undefined;

  /**
   * Supplies tokens on demand and refreshes them after a 401 (property only); wins over
   * `token`.
   */
  @property({ attribute: false }) getToken: TokenProvider | undefined;

  // Stable, so widgets keep one backend and one cache while the token changes.
  readonly #tokenSource: TokenProvider = (request) =>
    this.getToken ? this.getToken(request) : this.token;

  /**
   * What the widgets inside read (they find this element by walking up the tree). The token
   * source is stable, so widgets keep one backend and one cache while the token changes.
   */
  get communityConfig(): CommunityConfig {
    return {
      api: this.api,
      backend: this.backend,
      locale: this.locale,
      getToken: this.#tokenSource,
    };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Widgets that connected before this element was defined or moved here look again.
    configurationChanged();
    this.late.connected();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale') && this.locale) void useLocale(this.locale);
    // Values the widgets read on connecting are the starting point; later ones, and those a
    // framework wrapper set just after connecting, are changes.
    if (this.inputChanged(changed, 'api', 'backend', 'locale')) configurationChanged();
    // Any later change of identity, signing in from anonymous included, refreshes what the
    // widgets know about the viewer.
    if (this.inputChanged(changed, 'token', 'getToken'))
      resolveClient(undefined, this.communityConfig)?.identityChanged();
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
