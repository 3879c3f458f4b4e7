import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { toCwError } from '../../core/errors.js';
import { emit } from '../../core/events.js';
import { IDEA_STATUS_VALUES, type Idea, type IdeaStatus } from '../../core/ideas.js';
import { cleanUserLine as line } from '../../core/user-text.js';
import { ideaMessages as t } from '../../i18n/idea-messages.js';
import { IdeaPart } from './idea-context.js';

/**
 * The moderators' controls on an open idea of `<cw-idea-board>`: a status with a public note,
 * and merging into another idea. Internal; shown to moderators of the board only.
 */
export class CwIdeaModeration extends IdeaPart {
  /** The open idea. */
  @property({ attribute: false }) idea!: Idea;
  /** Called with the saved idea, or with nothing when it must be fetched again (merged). */
  @property({ attribute: false }) changed!: (idea?: Idea) => void;

  @state() private message: { text: string; error: boolean } | undefined;

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.get('idea')?.id !== undefined && changed.get('idea')?.id !== this.idea.id) {
      this.message = undefined;
    }
  }

  #fail(action: string, sentence: (reason: string) => string, error: unknown): void {
    const reason = toCwError(error);
    this.message = { text: sentence(reason.message), error: true };
    this.ctx.failed(action, reason);
  }

  async #setStatus(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const status = (form.elements.namedItem('status') as HTMLSelectElement).value as IdeaStatus;
    const note = (form.elements.namedItem('note') as HTMLTextAreaElement).value;
    const { idea, ctx } = this;
    try {
      const updated = await ctx.backend.setIdeaStatus(idea.id, status, note.trim() ? note : null);
      this.changed(updated);
      ctx.model.updated(updated);
      ctx.model.reloadBoard();
      const sentence = t.statusSaved(t.status(updated.status));
      this.message = { text: sentence, error: false };
      ctx.announce(sentence);
      emit(this, 'cw-idea-status', {
        board: updated.board,
        ideaId: updated.id,
        status: updated.status,
        previous: idea.status,
        note: updated.statusNote,
        mergedInto: null,
      });
    } catch (error) {
      this.#fail('status', t.statusFailed, error);
    }
  }

  async #merge(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const into = (form.elements.namedItem('into') as HTMLSelectElement).value;
    const { idea, ctx } = this;
    if (!into) return;
    try {
      const survivor = await ctx.backend.mergeIdea(idea.id, into, null);
      ctx.model.updated({ ...idea, status: 'duplicate', mergedInto: survivor.id, votes: 0 });
      ctx.model.updated(survivor);
      ctx.model.reloadBoard();
      ctx.announce(t.merged(line(survivor.title)));
      emit(this, 'cw-idea-status', {
        board: idea.board,
        ideaId: idea.id,
        status: 'duplicate',
        previous: idea.status,
        note: null,
        mergedInto: survivor.id,
      });
      this.changed();
    } catch (error) {
      this.#fail('merge', t.mergeFailed, error);
    }
  }

  protected override render(): TemplateResult {
    const { idea } = this;
    const candidates = this.ctx.model.list.state.items.filter(
      (other) => other.id !== idea.id && other.mergedInto === null,
    );
    const message = this.message;
    return html`<section part="moderation" aria-labelledby="moderation-heading">
      <h4 id="moderation-heading" dir="auto">${t.moderation()}</h4>
      <form @submit=${this.#setStatus}>
        <div class="actions">
          <label
            >${t.newStatus()}
            <select id="status-select" name="status">
              ${IDEA_STATUS_VALUES.filter((status) => status !== 'duplicate').map(
                (status) =>
                  html`<option value=${status} ?selected=${idea.status === status}>
                    ${t.status(status)}
                  </option>`,
              )}
            </select></label
          >
        </div>
        <div class="field">
          <label for="status-note">${t.publicNote()}</label>
          <textarea
            id="status-note"
            name="note"
            dir="auto"
            maxlength="1000"
            .value=${idea.statusNote ?? ''}
          ></textarea>
        </div>
        <div class="actions">
          <button id="save-status" type="submit">${t.saveStatus()}</button>
        </div>
      </form>
      ${
        candidates.length > 0
          ? html`<form @submit=${this.#merge}>
              <div class="actions">
                <label
                  >${t.mergeInto()}
                  <select name="into">
                    <option value="">${t.mergeChoose()}</option>
                    ${candidates.map(
                      (other) => html`<option value=${other.id}>${line(other.title)}</option>`,
                    )}
                  </select></label
                >
                <button type="submit">${t.merge()}</button>
              </div>
            </form>`
          : nothing
      }
      ${
        message
          ? html`<p
              part=${message.error ? 'error' : 'note'}
              role=${message.error ? 'alert' : 'status'}
              dir="auto"
            >
              ${message.text}
            </p>`
          : nothing
      }
    </section>`;
  }
}
