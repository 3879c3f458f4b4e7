import { updateWhenLocaleChanges } from '../i18n/localize.js';
import { property } from 'lit/decorators.js';
import type { CommunityClient } from '../core/client.js';
import { CommunityController } from '../core/community-controller.js';
import { globalConfiguration } from '../core/config.js';
import { localeOf } from '../i18n/locale.js';
import { LateElement } from './late-properties.js';

/**
 * The one base class of every widget: finds the backend (own `api` → `<cw-community>` →
 * `configure()`), follows locale changes, and carries the shared `theme` attribute.
 */
export abstract class CommunityElement extends LateElement {
  /** Base URL of the community API for this widget alone; overrides any provider. */
  @property() api: string | undefined;

  /** Forces the light or dark palette; by default the page's `color-scheme` decides. */
  @property({ reflect: true }) theme: 'light' | 'dark' | undefined;

  /** The element's backend once resolved; undefined while none is configured. */
  protected client: CommunityClient | undefined;

  protected readonly community = new CommunityController(this, (client) => {
    this.client = client;
    if (this.isConnected) this.follow();
  });

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  /**
   * Subscribes to what the element shows from `this.client`, first letting go of what it
   * followed before. Called on connect and whenever the backend changes; an element calls it
   * again when one of its own inputs (a subject, a board) changes: see `inputChanged`.
   */
  protected abstract follow(): void;

  /** Lets go of every subscription `follow()` made, so a removed element can be collected. */
  protected abstract unfollow(): void;

  override connectedCallback(): void {
    super.connectedCallback();
    this.follow();
    this.late.connected();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unfollow();
  }

  /** The locale numbers and dates use: `lang` on the element, the configured one, or the page's. */
  protected get locale(): string {
    return (
      this.getAttribute('lang') ||
      this.community.locale ||
      globalConfiguration().locale ||
      localeOf(this)
    );
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('api')) this.community.resolve();
  }
}
