import { html, nothing, type TemplateResult } from 'lit';
import type { IdeaUpdate } from '../../core/ideas.js';
import { cleanUserLine as line } from '../../core/user-text.js';
import { ideaMessages as t } from '../../i18n/idea-messages.js';
import { renderUserText } from '../user-text.js';
import type { IdeaContext } from './idea-context.js';

/** "Your ideas moved": what became of the ideas the viewer voted for, each one opening it. */
export function renderUpdates(ctx: IdeaContext, updates: readonly IdeaUpdate[]): TemplateResult {
  return html`<section aria-labelledby="updates-heading">
    <h3 id="updates-heading" tabindex="-1" dir="auto">${t.updatesHeading()}</h3>
    ${
      updates.length === 0
        ? html`<p class="muted" dir="auto">${t.updatesEmpty()}</p>`
        : html`<ul part="updates">
            ${updates.map(
              (update) =>
                html`<li>
                  <p dir="auto">${t.update(line(update.idea.title), t.status(update.status))}</p>
                  ${
                    update.note
                      ? html`<div class="user-text muted">${renderUserText(update.note)}</div>`
                      : nothing
                  }
                  <button
                    part="idea-title"
                    type="button"
                    dir="auto"
                    @click=${() => ctx.open(update.idea.mergedInto ?? update.idea.id)}
                  >
                    ${line(update.idea.title)}
                  </button>
                </li>`,
            )}
          </ul>`
    }
    <div class="actions">
      <button type="button" @click=${() => ctx.back('updates-button')}>${t.updatesDone()}</button>
    </div>
  </section>`;
}
