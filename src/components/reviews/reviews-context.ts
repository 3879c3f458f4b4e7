import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import type { CommunityClient } from '../../core/client.js';
import type { Review } from '../../core/types.js';

/** What `<cw-reviews>` hands its form: where it posts, and where its outcome goes. */
export interface ReviewsContext {
  client: CommunityClient;
  subject: string;
  /** The review was published (`edited` false) or its changes saved. */
  saved(review: Review, edited: boolean): void;
  /** The visitor cancelled; the draft is gone. */
  closed(): void;
}

/**
 * The base of `<cw-reviews>`'s sub-elements: they render into the widget's shadow root (no
 * shadow root of their own), so its styles, ids, focus order and documented parts apply.
 */
export abstract class ReviewsPart extends LitElement {
  /** Set by `<cw-reviews>` on every render. */
  @property({ attribute: false }) ctx!: ReviewsContext;

  protected override createRenderRoot(): HTMLElement {
    return this;
  }
}
