import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { toCwError, type CwError } from '../../core/errors.js';
import { emit, reportError } from '../../core/events.js';
import {
  expertsFor,
  type ProfileState,
  type ProfilesStore,
  type UserProfile,
} from '../../core/experts.js';
import type { ViewerState } from '../../core/viewer.js';
import { expertMessages as t } from '../../i18n/expert-messages.js';
import { tokens } from '../../styles/tokens.js';
import { CommunityElement } from '../community-element.js';
import { FloatingController } from '../shared/floating-controller.js';
import { expertBadgeStyles } from './expert-badge.styles.js';

/** Milliseconds the pointer rests on the badge before the card opens. */
export const HOVERCARD_OPEN_DELAY_MS = 300;

/**
 * @summary A person's name with their reputation level, inline in a sentence; hovering or
 * focusing it opens a card with their avatar, reputation, best topics, badges and buttons to
 * endorse them. Every badge on a page shares one `GET /users` request.
 *
 * @tag cw-expert-badge
 *
 * @slot - The name to show until the profile arrives (and for people the community has not
 *   seen yet). Defaults to "Community member".
 * @slot sign-in - Shown in the card to anonymous visitors instead of the endorse buttons,
 *   e.g. a link to your sign-in page.
 *
 * @csspart base - The inline wrapper.
 * @csspart trigger - The button with the name and level that opens the card.
 * @csspart name - The person's name.
 * @csspart level - The level mark (absent for newcomers).
 * @csspart card - The hovercard (a non-modal dialog in the top layer).
 * @csspart avatar - The picture, or the initial when there is none.
 * @csspart topics - The list of the person's best topics.
 * @csspart topic - One topic with its endorse button.
 * @csspart endorse - An endorse button (`aria-pressed` when the viewer endorsed).
 * @csspart badges - The list of badges.
 * @csspart error - A visible error message.
 *
 * @cssprop [--cw-expert-card-width=18rem] - Width of the card (shrinks to fit the viewport).
 * @cssprop [--cw-expert-level-contributor-color=#1a7f37] - Mark of contributors.
 * @cssprop [--cw-expert-level-trusted-color=var(--cw-color-accent)] - Mark of trusted people.
 * @cssprop [--cw-expert-level-expert-color=#8250df] - Mark of experts.
 * @cssprop [--cw-expert-level-leader-color=#a8510a] - Mark of leaders.
 *
 * @fires {EndorseDetail} cw-endorse - The visitor endorsed the person on a topic or withdrew it.
 * @fires {ErrorDetail} cw-error - The widget showed an error to the visitor.
 */
export class CwExpertBadge extends CommunityElement {
  static override styles = [tokens, expertBadgeStyles];

  /** The person's user id (the `sub` of their token). */
  @property({ reflect: true }) user: string | undefined;

  @state() private profileState: ProfileState = { status: 'loading' };
  @state() private viewerState: ViewerState = { status: 'loading' };
  @state() private cardOpen = false;
  @state() private pendingTopic: string | undefined;
  @state() private endorseError: CwError | undefined;
  @state() private announcement = '';

  readonly #floating = new FloatingController(this, {
    placement: 'bottom-start',
    onHide: () => (this.cardOpen = false),
  });
  #profiles: ProfilesStore | null = null;
  #stops: Array<() => void> = [];
  #openTimer: ReturnType<typeof setTimeout> | undefined;
  /** Set while focus goes back to the badge after Escape, so it does not reopen the card. */
  #returningFocus = false;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#openTimer);
    this.cardOpen = false;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (this.inputChanged(changed, 'user')) this.follow();
  }

  protected override updated(): void {
    const card = this.renderRoot.querySelector<HTMLElement>('[part~="card"]');
    const trigger = this.renderRoot.querySelector<HTMLElement>('[part~="trigger"]');
    if (this.cardOpen && card && trigger && !this.#floating.open) {
      void this.#floating.show(trigger, card);
    } else if (!this.cardOpen && this.#floating.open) {
      this.#floating.hide();
    }
  }

  /** Opens the card (as hovering or focusing the badge does). */
  show(): void {
    clearTimeout(this.#openTimer);
    this.#floating.enter();
    this.cardOpen = true;
  }

  /** Closes the card. */
  hide(): void {
    clearTimeout(this.#openTimer);
    this.cardOpen = false;
    this.#floating.hide();
  }

  protected follow(): void {
    this.unfollow();
    const client = this.client;
    this.#profiles = client ? expertsFor(client) : null;
    const user = this.user;
    if (!client || !user || !this.#profiles) return;
    this.#stops.push(this.#profiles.subscribe(user, (s) => (this.profileState = s)));
    this.#stops.push(client.viewer.subscribe((s) => (this.viewerState = s)));
  }

  protected unfollow(): void {
    for (const stop of this.#stops) stop();
    this.#stops = [];
  }

  get #profile(): UserProfile | undefined {
    return this.profileState.status === 'ready' ? this.profileState.profile : undefined;
  }

  get #name(): string | undefined {
    return this.#profile?.name ?? undefined;
  }

  // ——— opening and closing ———

  #pointerEnter(): void {
    this.#floating.enter();
    if (this.cardOpen) return;
    clearTimeout(this.#openTimer);
    this.#openTimer = setTimeout(() => this.show(), HOVERCARD_OPEN_DELAY_MS);
  }

  #pointerLeave(): void {
    clearTimeout(this.#openTimer);
    if (!this.cardOpen) return;
    // Focus inside keeps it open: keyboard users are reading it.
    if (this.matches(':focus-within')) return;
    // The controller's hover bridge decides; `onHide` brings the element's state along.
    this.#floating.leave();
  }

  #focusIn(): void {
    if (this.#returningFocus) return;
    this.show();
  }

  #focusOut(event: FocusEvent): void {
    const next = event.relatedTarget as Node | null;
    if (next && (this.contains(next) || this.renderRoot.contains(next))) return;
    this.hide();
  }

  #keydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || !this.cardOpen) return;
    event.preventDefault();
    event.stopPropagation();
    this.hide();
    this.#returningFocus = true;
    this.renderRoot.querySelector<HTMLElement>('[part~="trigger"]')?.focus();
    this.#returningFocus = false;
  }

  /** Whether the card was open when the pointer pressed the badge. */
  #openAtPress = false;

  #pointerDown(): void {
    this.#openAtPress = this.cardOpen;
  }

  #click(event: MouseEvent): void {
    // A press focuses the badge first, and focusing opens the card: that same press must not
    // close it again. Keys (detail 0) toggle what they see.
    const wasOpen = event.detail > 0 ? this.#openAtPress : this.cardOpen;
    if (wasOpen) this.hide();
    else this.show();
  }

  // ——— endorsing ———

  async #endorse(topic: string, endorsed: boolean): Promise<void> {
    const user = this.user;
    const profiles = this.#profiles;
    if (!user || !profiles || this.pendingTopic) return;
    this.pendingTopic = topic;
    this.endorseError = undefined;
    emit(this, 'cw-endorse', { userId: user, topic, endorsed });
    try {
      await profiles.endorse(user, topic, endorsed);
      const name = this.#name ?? t.someone();
      this.announcement = endorsed ? t.endorsedNow(name, topic) : t.withdrawnNow(name, topic);
    } catch (error) {
      const problem = toCwError(error);
      this.endorseError = problem;
      reportError(this, 'endorse', problem);
    } finally {
      this.pendingTopic = undefined;
    }
  }

  // ——— rendering ———

  override render(): TemplateResult {
    const profile = this.#profile;
    const level = profile && profile.level !== 'newcomer' ? profile.level : undefined;
    const name = this.#name;
    return html`<span
      part="base"
      @pointerenter=${this.#pointerEnter}
      @pointerleave=${this.#pointerLeave}
      @focusin=${this.#focusIn}
      @focusout=${this.#focusOut}
      @keydown=${this.#keydown}
      ><button
        part="trigger"
        type="button"
        aria-haspopup="dialog"
        aria-expanded=${this.cardOpen ? 'true' : 'false'}
        aria-controls="card"
        @pointerdown=${this.#pointerDown}
        @click=${this.#click}
      >
        <span part="name">${name ?? html`<slot>${t.someone()}</slot>`}</span>${
          level ? html`<span part="level" data-level=${level}>${t.level(level)}</span>` : nothing
        }</button
      >${this.cardOpen ? this.#renderCard() : nothing}<span class="visually-hidden" role="status"
        >${this.announcement}</span
      ></span
    >`;
  }

  #renderCard(): TemplateResult {
    const state = this.profileState;
    const label = this.#name ?? t.someone();
    return html`<div
      id="card"
      part="card"
      role="dialog"
      aria-label=${t.cardLabel(label)}
      popover="manual"
      @pointerenter=${() => this.#floating.enter()}
      @pointerleave=${this.#pointerLeave}
    >
      ${
        state.status === 'loading'
          ? html`<p class="muted" role="status">${t.loading()}</p>`
          : state.status === 'error'
            ? html`<p part="error" role="alert">${t.loadFailed()} ${state.error.message}</p>
                <button
                  class="action"
                  type="button"
                  @click=${() => this.user && this.#profiles?.reload(this.user)}
                >
                  ${t.retry()}
                </button>`
            : this.#renderProfile(state.profile)
      }
    </div>`;
  }

  #renderProfile(profile: UserProfile): TemplateResult {
    const locale = this.locale;
    const name = profile.name ?? t.someone();
    const viewer = this.viewerState.status === 'ready' ? this.viewerState.viewer : undefined;
    const signedIn = viewer?.authenticated === true;
    const canEndorse = signedIn && viewer?.id !== profile.id && profile.name !== null;
    return html`
      <div class="head">
        ${
          profile.avatar
            ? html`<img part="avatar" src=${profile.avatar} alt="" width="48" height="48" />`
            : html`<span part="avatar" aria-hidden="true">${initial(name)}</span>`
        }
        <div>
          <p class="name">${name}</p>
          <p class="muted">
            ${t.level(profile.level)} · ${t.reputation(locale, profile.reputation)}
          </p>
          ${
            profile.nextLevelAt !== null
              ? html`<p class="muted">${t.nextLevel(locale, profile.nextLevelAt)}</p>`
              : nothing
          }
        </div>
      </div>
      <h3 id="topics-heading">${t.topics()}</h3>
      ${
        profile.topics.length === 0
          ? html`<p class="muted">${t.noTopics()}</p>`
          : html`<ul part="topics" aria-labelledby="topics-heading">
              ${profile.topics.map(
                (topic) =>
                  html`<li part="topic">
                    <span
                      >${topic.topic}
                      <span class="muted">${t.endorsements(locale, topic.endorsements)}</span></span
                    >
                    ${
                      canEndorse
                        ? html`<button
                            part="endorse"
                            class="action"
                            type="button"
                            aria-pressed=${topic.endorsedByViewer ? 'true' : 'false'}
                            ?disabled=${this.pendingTopic === topic.topic}
                            @click=${() => this.#endorse(topic.topic, !topic.endorsedByViewer)}
                          >
                            ${topic.endorsedByViewer ? t.endorsed(topic.topic) : t.endorse(topic.topic)}
                          </button>`
                        : nothing
                    }
                  </li>`,
              )}
            </ul>`
      }
      ${
        profile.badges.length > 0
          ? html`<h3 id="badges-heading">${t.badges()}</h3>
              <ul part="badges" aria-labelledby="badges-heading">
                ${profile.badges.map((badge) => html`<li>${t.badge(badge)}</li>`)}
              </ul>`
          : nothing
      }
      ${
        !signedIn && profile.topics.length > 0
          ? html`<p class="muted"><slot name="sign-in">${t.signInToEndorse()}</slot></p>`
          : nothing
      }
      ${
        this.endorseError
          ? html`<p part="error" role="alert">${this.endorseError.message}</p>`
          : nothing
      }
    `;
  }
}

function initial(name: string): string {
  return (name.trim()[0] ?? '?').toLocaleUpperCase();
}
