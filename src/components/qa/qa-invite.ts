import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { toCwError, type CwError } from '../../core/errors.js';
import { expertsFor, type Expert } from '../../core/experts.js';
import { newIdempotencyKey } from '../../core/idempotency.js';
import type { Question } from '../../core/types.js';
import { qaExpertMessages as expertMessages } from '../../i18n/qa-messages.js';
import { reportError } from '../../core/events.js';
import { QaPart } from './qa-context.js';

/**
 * The asker's "Invite an expert to answer" section of an opened question with topics: finds
 * the top experts on its first topic and invites them, one Idempotency-Key per invitation
 * (a retry sends the same key). Internal to `<cw-qa>`.
 */
export class CwQaInvite extends QaPart {
  @property({ attribute: false }) question!: Question;
  /** Who has answered already (the answers shown): they are not offered for inviting. */
  @property({ attribute: false }) answered: ReadonlySet<string> = new Set();

  @state() private experts: Expert[] | undefined;
  @state() private invited = new Set<string>();
  @state() private error: CwError | undefined;
  readonly #keys = new Map<string, string>();

  #failed(error: unknown): void {
    this.error = toCwError(error);
    reportError(this, 'invite', this.error);
  }

  /** The top experts on the question's first topic, other than the asker. */
  async #find(topic: string): Promise<void> {
    const profiles = expertsFor(this.ctx.client);
    if (!profiles) return;
    this.error = undefined;
    try {
      const page = await profiles.backend.listExperts({ topic, limit: 5 });
      this.experts = page.items.filter((expert) => expert.user.id !== this.question.author.id);
    } catch (error) {
      this.#failed(error);
    }
  }

  async #invite(expert: Expert): Promise<void> {
    const profiles = expertsFor(this.ctx.client);
    if (!profiles) return;
    const id = expert.user.id;
    const idempotencyKey = this.#keys.get(id) ?? newIdempotencyKey();
    this.#keys.set(id, idempotencyKey);
    this.error = undefined;
    try {
      await profiles.backend.inviteToAnswer(this.question.id, id, { idempotencyKey });
      this.invited = new Set(this.invited).add(id);
    } catch (error) {
      // Invited before (another tab): the goal is met.
      if (toCwError(error).kind === 'conflict') this.invited = new Set(this.invited).add(id);
      else this.#failed(error);
    }
  }

  protected override render(): TemplateResult | typeof nothing {
    const { question } = this;
    const viewer = this.ctx.viewer;
    const topic = question.topics[0];
    if (!viewer || viewer.id !== question.author.id || !topic) return nothing;
    const experts = this.experts?.filter((expert) => !this.answered.has(expert.user.id));
    return html`<section part="invite" aria-labelledby="invite-heading-${question.id}">
      <h4 id="invite-heading-${question.id}" class="small-heading">
        ${expertMessages.inviteHeading()}
      </h4>
      ${
        experts === undefined
          ? html`<button class="button small" type="button" @click=${() => this.#find(topic)}>
              ${expertMessages.findExperts(topic)}
            </button>`
          : experts.length === 0
            ? html`<p class="note">${expertMessages.noExpertsToInvite()}</p>`
            : html`<ul class="invite-list">
                ${experts.map((expert) => {
                  const name = expert.user.name ?? expertMessages.someone();
                  return html`<li>
                    ${
                      this.invited.has(expert.user.id)
                        ? html`<span class="note">${expertMessages.invited(name)}</span>`
                        : html`<button
                            class="button small"
                            type="button"
                            @click=${() => this.#invite(expert)}
                          >
                            ${expertMessages.invite(name)}
                          </button>`
                    }
                  </li>`;
                })}
              </ul>`
      }
      ${this.error ? html`<p part="error" role="alert">${this.error.message}</p>` : nothing}
    </section>`;
  }
}
