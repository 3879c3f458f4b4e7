import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { emit, type VoteDetail } from '../../core/events.js';
import type { VoteValue } from '../../core/types.js';
import { tokens } from '../../styles/tokens.js';
import { voteStyles } from './vote.styles.js';

/** What a vote is about: the `cw-vote` detail without the values. */
export type VoteFor =
  | { target: 'question' | 'answer' | 'review'; subject: string; id: string }
  | { target: 'idea'; board: string; id: string };

const UP = html`<svg viewBox="0 0 16 16" aria-hidden="true"><path d="M8 3l6 8H2z" /></svg>`;
const DOWN = html`<svg viewBox="0 0 16 16" aria-hidden="true"><path d="M8 13L2 5h12z" /></svg>`;

/**
 * @summary The one vote control of the library: up/down with a score between (questions,
 * answers), a single toggle that shows its count (idea votes), or a pair of toggles whose
 * labels carry their own counts ("Yes (3)" / "No (1)": a review's helpful vote). Shows the
 * count alone when `readonly` (anonymous visitors, one's own post).
 *
 * @tag cw-vote
 * @internal A part of other widgets, not for pages: left out of custom-elements.json and
 *   the editor and framework types generated from it.
 *
 * @csspart base - The group of buttons and count.
 * @csspart vote-up - The up button (`updown`); the toggle (`single`) and the first of a
 *   `pair` are `vote-up vote`.
 * @csspart vote-down - The down button (`updown`); the second of a `pair` is `vote-down vote`.
 * @csspart score - The count.
 *
 * @fires {VoteDetail} cw-vote - The visitor pressed a button: the new value (pressing the
 *   current vote again withdraws it) and the previous one. Fired as they act, before any
 *   server answers; the widget that shows the vote writes it. Not fired without `for`.
 */
export class CwVote extends LitElement {
  static override styles = [tokens, voteStyles];

  /**
   * `updown` (up, score, down), `single` (one toggle that shows the count) or `pair` (two
   * toggles, up and down, named by `up-label` and `down-label`, which they show).
   */
  @property({ reflect: true }) mode: 'updown' | 'single' | 'pair' = 'updown';

  /** The viewer's vote: 1 up (or on), -1 down, 0 none. */
  @property({ type: Number }) value: VoteValue = 0;

  /** The score (`updown`) or the number of votes (`single`). */
  @property({ type: Number }) count = 0;

  /** Shows the count without buttons (the viewer may not vote). */
  @property({ type: Boolean, reflect: true }) readonly = false;

  /** Buttons shown but not usable (e.g. a closed idea). */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /** The vote is refused before it is sent (no votes left): the button says so, not fires. */
  @property({ type: Boolean }) unavailable = false;

  /** What the vote is about; the `cw-vote` detail is this plus the values. */
  @property({ attribute: false }) for: VoteFor | undefined;

  /** The group's accessible name (`updown`), or what completes the toggle's name (`single`). */
  @property() label = '';

  /** The up button's accessible name (`updown`), or its text (`pair`). */
  @property({ attribute: 'up-label' }) upLabel = '';

  /** The down button's accessible name (`updown`), or its text (`pair`). */
  @property({ attribute: 'down-label' }) downLabel = '';

  /** The count in words, e.g. "3 votes": read aloud (`updown`) or shown (`single`). */
  @property({ attribute: 'count-text' }) countText = '';

  protected override render(): TemplateResult {
    const count = html`<span part="score" aria-hidden=${this.mode === 'updown' ? 'true' : nothing}
      >${this.mode === 'single' ? this.countText : this.count}</span
    >`;
    if (this.mode === 'single') return this.#renderSingle(count);
    if (this.mode === 'pair') {
      return html`<div part="base" role="group" aria-label=${this.label}>
        ${this.#button(1, 'vote-up vote', undefined, this.upLabel)}
        ${this.#button(-1, 'vote-down vote', undefined, this.downLabel)}
      </div>`;
    }
    const spoken = html`<span class="visually-hidden">${this.countText}</span>`;
    if (this.readonly) return html`<div part="base">${count}${spoken}</div>`;
    return html`<div part="base" role="group" aria-label=${this.label}>
      ${this.#button(1, 'vote-up', this.upLabel, UP)} ${count}${spoken}
      ${this.#button(-1, 'vote-down', this.downLabel, DOWN)}
    </div>`;
  }

  #renderSingle(count: TemplateResult): TemplateResult {
    if (this.readonly) return html`<div part="base">${UP}${count}</div>`;
    return html`<div part="base">
      ${this.#button(1, 'vote-up vote', undefined, html`${UP}${count}<span class="visually-hidden">${this.label}</span>`)}
    </div>`;
  }

  #button(
    direction: 1 | -1,
    part: string,
    label: string | undefined,
    content: TemplateResult | string,
  ): TemplateResult {
    return html`<button
      part=${part}
      type="button"
      aria-label=${label || nothing}
      aria-pressed=${this.value === direction ? 'true' : 'false'}
      aria-disabled=${this.unavailable ? 'true' : nothing}
      ?disabled=${this.disabled}
      @click=${() => this.#press(direction)}
    >
      ${content}
    </button>`;
  }

  #press(direction: 1 | -1): void {
    if (this.unavailable || this.disabled || !this.for) return;
    const previous = this.value;
    const value = previous === direction ? 0 : direction;
    emit(this, 'cw-vote', { ...this.for, value, previous } as VoteDetail);
  }
}
