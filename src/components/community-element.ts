import { updateWhenLocaleChanges } from '../i18n/localize.js';
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import type { CommunityClient } from '../core/client.js';
import { CommunityController } from '../core/community-controller.js';
import { globalConfiguration } from '../core/config.js';
import { localeOf } from '../i18n/locale.js';

/**
 * The one base class of every widget: finds the backend (own `api` → `<cw-community>` →
 * `configure()`), follows locale changes, and carries the shared `theme` attribute.
 */
export abstract class CommunityElement extends LitElement {
  /** Base URL of the community API for this widget alone; overrides any provider. */
  @property() api: string | undefined;

  /** Forces the light or dark palette; by default the page's `color-scheme` decides. */
  @property({ reflect: true }) theme: 'light' | 'dark' | undefined;

  protected readonly community = new CommunityController(this, (client) =>
    this.clientChanged(client),
  );

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  /** Called when the element's backend changes (first resolution included). */
  protected abstract clientChanged(client: CommunityClient | undefined): void;

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
