import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { TOPIC_PATTERN } from '../../../api/limits.js';
import type { CommunityClient } from '../../core/client.js';
import { expertsFor } from '../../core/experts.js';
import { qaMessages as t } from '../../i18n/qa-messages.js';
import type { ComposerController } from '../shared/composer-controller.js';
import type { QaPart } from './qa-context.js';

/** Suggestions shown at once: enough to choose from, few enough to scan. */
const MAX_SUGGESTIONS = 8;

/** The topic slug a visitor meant: "Espresso Machines " → "espresso-machines". */
export function topicSlug(text: string): string {
  return text.trim().toLocaleLowerCase('en').replace(/\s+/gu, '-');
}

/** Why `text` cannot be a question's topic; undefined when it can (or when it is empty). */
export function topicProblem(text: string): string | undefined {
  const slug = topicSlug(text);
  return slug === '' || TOPIC_PATTERN.test(slug) ? undefined : t.topicInvalid();
}

/**
 * The ask form's topic field: an editable combobox with a list of suggestions (the community's
 * topics with experts), after the WAI-ARIA APG pattern "combobox with listbox popup, list
 * autocomplete": typing filters and opens the list; Down/Up move the active option (wrapping),
 * Alt+Down opens it without moving, Enter takes the active option, Escape closes the list (or,
 * when closed, clears the field); focus stays in the field throughout. The text is the
 * composer's `topic` field, so it is kept in the draft with the title and details.
 */
export class TopicField implements ReactiveController {
  #topics: string[] = [];
  #asked = false;
  #open = false;
  #active = -1;
  /** Typed into since it took focus: suggestions arriving late open the list then. */
  #typing = false;

  constructor(
    private readonly host: QaPart,
    private readonly composer: ComposerController<unknown>,
    private readonly field: string,
    private readonly id: string,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.#open = false;
  }

  /** Asks the core for the topics on first interest; one request per page, however many forms. */
  #load(client: CommunityClient): void {
    if (this.#asked) return;
    const profiles = expertsFor(client);
    if (!profiles) return;
    this.#asked = true;
    profiles.topics().then(
      (topics) => {
        this.#topics = topics.map((summary) => summary.topic);
        // On a slow network the visitor may have typed already: show what matches now.
        if (this.#typing) this.#show(this.#suggestions().length > 0);
        else this.host.requestUpdate();
      },
      // Without suggestions the field still takes any topic; the next focus asks again.
      () => (this.#asked = false),
    );
  }

  #suggestions(): string[] {
    const typed = topicSlug(this.composer.value(this.field));
    if (!typed) return this.#topics.slice(0, MAX_SUGGESTIONS);
    const starts = this.#topics.filter((topic) => topic.startsWith(typed));
    const contains = this.#topics.filter(
      (topic) => !topic.startsWith(typed) && topic.includes(typed),
    );
    return [...starts, ...contains].filter((topic) => topic !== typed).slice(0, MAX_SUGGESTIONS);
  }

  #show(open: boolean, active = -1): void {
    this.#open = open;
    this.#active = open ? active : -1;
    this.host.requestUpdate();
  }

  #choose(topic: string): void {
    this.composer.set(this.field, topic);
    this.#typing = false;
    this.#show(false);
  }

  readonly #onInput = (event: Event): void => {
    this.composer.set(this.field, (event.target as HTMLInputElement).value);
    this.#typing = true;
    this.#show(this.#suggestions().length > 0);
  };

  readonly #onKeyDown = (event: KeyboardEvent): void => {
    const options = this.#suggestions();
    const count = options.length;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (count === 0) return;
        if (event.altKey) this.#show(true, this.#active);
        else if (!this.#open) this.#show(true, 0);
        else this.#show(true, (this.#active + 1) % count);
        return;
      case 'ArrowUp':
        event.preventDefault();
        if (count === 0) return;
        this.#show(true, this.#open && this.#active > 0 ? this.#active - 1 : count - 1);
        return;
      case 'Enter':
        // Only a chosen suggestion is taken here; otherwise Enter submits the form as usual.
        if (this.#open && this.#active >= 0 && options[this.#active]) {
          event.preventDefault();
          this.#choose(options[this.#active]!);
        }
        return;
      case 'Escape':
        if (this.#open) {
          event.preventDefault();
          event.stopPropagation();
          this.#typing = false;
          this.#show(false);
        } else if (this.composer.value(this.field)) {
          event.preventDefault();
          event.stopPropagation();
          this.composer.set(this.field, '');
          this.host.requestUpdate();
        }
        return;
      default:
    }
  };

  /** `errorId`: the form's error sentence, when it is about this field. */
  render(client: CommunityClient, errorId: string | undefined): TemplateResult {
    this.#load(client);
    const id = this.id;
    const options = this.#suggestions();
    const open = this.#open && options.length > 0;
    const active = open && this.#active >= 0 && this.#active < options.length ? this.#active : -1;
    return html`<div class="field">
      <label id="${id}-label" for=${id}>${t.topicLabel()}</label>
      <div class="combobox">
        <input
          id=${id}
          part="field"
          role="combobox"
          aria-labelledby="${id}-label"
          aria-autocomplete="list"
          aria-expanded=${open ? 'true' : 'false'}
          aria-controls="${id}-listbox"
          aria-activedescendant=${active >= 0 ? `${id}-option-${active}` : nothing}
          aria-describedby="${id}-hint"
          aria-invalid=${errorId ? 'true' : 'false'}
          aria-errormessage=${errorId ?? nothing}
          autocomplete="off"
          autocapitalize="none"
          spellcheck="false"
          .value=${live(this.composer.value(this.field))}
          @input=${this.#onInput}
          @keydown=${this.#onKeyDown}
          @click=${() => this.#show(!open && options.length > 0)}
          @blur=${() => {
            this.#typing = false;
            this.#show(false);
          }}
        />
        <!-- Options never take focus: the keys are the field's (APG), so a pointer picks here. -->
        <ul
          id="${id}-listbox"
          class="suggestions"
          role="listbox"
          aria-label=${t.topicSuggestions()}
          ?hidden=${!open}
        >
          ${
            open
              ? options.map(
                  (topic, index) =>
                    html`<li
                      id="${id}-option-${index}"
                      role="option"
                      aria-selected=${index === active ? 'true' : 'false'}
                      @pointerdown=${(event: Event) => event.preventDefault()}
                      @pointerup=${() => this.#choose(topic)}
                    >
                      ${topic}
                    </li>`,
                )
              : nothing
          }
        </ul>
      </div>
      <span id="${id}-hint" class="note small" dir="auto">${t.topicHint()}</span>
    </div>`;
  }
}
