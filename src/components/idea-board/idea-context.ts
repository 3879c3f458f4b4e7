import { updateWhenLocaleChanges } from '../../i18n/localize.js';
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import type { CommunityClient } from '../../core/client.js';
import type { CwError } from '../../core/errors.js';
import type { Board, Idea, IdeaBoardModel, IdeasBackend } from '../../core/ideas.js';
import type { Viewer } from '../../core/types.js';

/**
 * What `<cw-idea-board>` hands its sub-elements (the idea form, an open idea, the moderation
 * controls, the updates): the board's model, who is looking, and where their outcomes show
 * (the widget's one status line, its focus moves and its views).
 */
export interface IdeaContext {
  backend: IdeasBackend;
  model: IdeaBoardModel;
  /** The board once loaded (with the viewer's votes left). */
  board: Board | undefined;
  /** Set for signed-in viewers; the key that reloads what depends on who is looking. */
  viewerId: string | undefined;
  /** The signed-in viewer and their client, for Report and moderators' Remove. */
  viewer: Viewer | undefined;
  client: CommunityClient | undefined;
  moderator: boolean;
  locale: string;
  /** Why the last vote failed, shown under the votes. */
  voteError: string | undefined;
  /** Says `message` to screen readers (the widget's status line). */
  announce(message: string): void;
  /** Shows a failure the visitor should know about and fires `cw-error`. */
  failed(action: string, error: CwError): void;
  /** Opens an idea (a suggestion, a survivor, an update). */
  open(id: string): void;
  /** Back to the list from an idea or the updates; focus goes to `focus` (an id). */
  back(focus: string): void;
  /** The idea form closed without posting; focus returns to the share button. */
  closeForm(): void;
  /** The idea just posted: shown first, its vote focused. */
  posted(idea: Idea): void;
  /** A vote was refused before it was sent: no votes left. */
  budgetSpent(): void;
}

/**
 * The base of `<cw-idea-board>`'s sub-elements: they render into the widget's shadow root (no
 * shadow root of their own), so its styles, ids, focus order and documented parts apply.
 */
export abstract class IdeaPart extends LitElement {
  /** Set by `<cw-idea-board>` on every render. */
  @property({ attribute: false }) ctx!: IdeaContext;

  constructor() {
    super();
    // A switch of language re-renders the parts the widget would not re-render itself.
    updateWhenLocaleChanges(this);
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  /** Focuses the element with `id` after this element's next render. */
  protected focusAfterRender(id: string): void {
    void this.updateComplete.then(() => this.querySelector<HTMLElement>(`#${id}`)?.focus());
  }
}
