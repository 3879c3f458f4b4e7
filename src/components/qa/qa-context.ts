import { updateWhenLocaleChanges } from '../../i18n/localize.js';
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import type { CommunityClient } from '../../core/client.js';
import type { CwError } from '../../core/errors.js';
import type { Question, Viewer } from '../../core/types.js';

/**
 * What `<cw-qa>` hands its sub-elements (the ask form, an open thread): where they post,
 * who is looking, and where their outcomes show (the widget's one status line and one error
 * line above the list).
 */
export interface QaContext {
  client: CommunityClient;
  subject: string;
  /** The signed-in viewer; undefined for anonymous visitors and while loading. */
  viewer: Viewer | undefined;
  locale: string;
  /** Says `message` to screen readers (the widget's status line). */
  announce(message: string): void;
  /** Shows a failed vote, acceptance or delete above the list and fires `cw-error`. */
  failed(action: string, message: string, error: CwError): void;
  /** Opens `question` (a suggestion, or one just asked) and moves focus to its title. */
  open(question: Question | undefined, focusTitle?: boolean): void;
  /** The ask form closed; focus returns to the ask button. */
  closeAsk(): void;
  /** The question is gone; focus moves to the search box. */
  deleted(question: Question): void;
}

/** May the viewer delete `post` (own, or any for moderators)? */
export const mayDelete = (viewer: Viewer | undefined, post: { author: { id: string } }) =>
  !!viewer && (viewer.id === post.author.id || viewer.roles.includes('moderator'));

/**
 * The base of `<cw-qa>`'s sub-elements: they render into the widget's shadow root (no shadow
 * root of their own), so its styles, ids, focus order and documented parts apply unchanged.
 */
export abstract class QaPart extends LitElement {
  /** Set by `<cw-qa>` on every render. */
  @property({ attribute: false }) ctx!: QaContext;

  constructor() {
    super();
    // A switch of language re-renders the parts the widget would not re-render itself.
    updateWhenLocaleChanges(this);
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  /** Focuses the element matching `selector` after this element's next render. */
  protected focusAfterRender(selector: string): void {
    void this.updateComplete.then(() => this.querySelector<HTMLElement>(selector)?.focus());
  }
}
