import { html, type TemplateResult } from 'lit';
import type { components } from '../../../api/contract.js';
import { toCwError } from '../../core/errors.js';
import { emit } from '../../core/events.js';
import { moderationFor } from '../../core/moderation.js';
import { moderationFormMessages as m } from '../../i18n/moderation-form-messages.js';
import type { PostModeration } from './post-actions.js';

type Schemas = components['schemas'];
const REASONS: ReadonlyArray<Schemas['ReportReason']> = ['spam', 'abuse', 'off-topic', 'other'];

/** What the post actions lend the form: where events go and how the step ends. */
export interface ModerationFormHost {
  readonly element: HTMLElement;
  readonly busy: boolean;
  setBusy(busy: boolean): void;
  /** Ends the step; an outcome is said (and focused) where the buttons were. */
  close(outcome?: { text: string; failed: boolean }): void;
  /** The viewer reported this post: one open report per person per post. */
  reported(): void;
}

/**
 * The reason picker of a report, or the reason of a moderator's removal. Loaded the first
 * time someone opens either, so the posting widgets carry only the buttons.
 */
export function renderModerationForm(
  mode: 'report' | 'remove',
  moderation: PostModeration,
  host: ModerationFormHost,
): TemplateResult {
  const { id } = moderation.target;
  const escape = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      host.close();
    }
  };
  if (mode === 'remove') {
    return html`<form
      class="actions"
      part="moderator-remove-form"
      @keydown=${escape}
      @submit=${(event: SubmitEvent) => {
        event.preventDefault();
        const form = event.currentTarget as HTMLFormElement;
        const reason = (form.elements.namedItem('reason') as HTMLInputElement).value.trim();
        void decide(host, moderation, 'remove', reason);
      }}
    >
      <label>
        ${m.removeReason()}
        <input name="reason" data-remove-reason=${id} required maxlength="500" />
      </label>
      <button class="button small" type="submit" ?disabled=${host.busy}>
        ${m.confirmRemove()}
      </button>
      <button class="button small" type="button" @click=${() => host.close()}>${m.cancel()}</button>
    </form>`;
  }
  return html`<form
    class="report"
    part="report-form"
    @keydown=${escape}
    @submit=${(event: SubmitEvent) => {
      event.preventDefault();
      const data = new FormData(event.currentTarget as HTMLFormElement);
      void report(
        host,
        moderation,
        data.get(`report-${id}`) as Schemas['ReportReason'],
        String(data.get('note') ?? '').trim(),
      );
    }}
  >
    <fieldset>
      <legend>${m.reportLegend()}</legend>
      ${REASONS.map(
        (reason, index) =>
          html`<label
            ><input
              type="radio"
              name=${`report-${id}`}
              value=${reason}
              ?checked=${index === 0}
              required
            />
            ${m.reason(reason)}</label
          >`,
      )}
    </fieldset>
    <label>
      ${m.reportNote()}
      <textarea name="note" maxlength="500" rows="2"></textarea>
    </label>
    <div class="actions">
      <button class="button small" part="send-report" type="submit" ?disabled=${host.busy}>
        ${m.sendReport()}
      </button>
      <button class="button small" type="button" @click=${() => host.close()}>${m.cancel()}</button>
    </div>
  </form>`;
}

async function report(
  host: ModerationFormHost,
  moderation: PostModeration,
  reason: Schemas['ReportReason'],
  note: string,
): Promise<void> {
  host.setBusy(true);
  try {
    const receipt = await moderationFor(moderation.client).report(
      moderation.target,
      reason,
      note || undefined,
    );
    emit(host.element, 'cw-report', { ...moderation.target, reason, state: receipt.state });
    host.reported();
    host.close({
      text: receipt.state === 'hidden' ? m.reportedHidden() : m.reported(),
      failed: false,
    });
  } catch (error) {
    host.close({ text: m.notReported(toCwError(error).message), failed: true });
  } finally {
    host.setBusy(false);
  }
}

/** A moderator's removal (with the reason its author reads) or restoration of one post. */
export async function decide(
  host: ModerationFormHost,
  moderation: PostModeration,
  action: 'remove' | 'restore',
  reason?: string,
): Promise<void> {
  host.setBusy(true);
  try {
    await moderationFor(moderation.client).decide(action, [moderation.target], reason);
    emit(host.element, 'cw-moderation-decision', {
      action,
      targets: [moderation.target],
      reason: reason ?? null,
    });
    moderation.decided?.();
    host.close();
  } catch (error) {
    host.close({ text: m.notDecided(toCwError(error).message), failed: true });
  } finally {
    host.setBusy(false);
  }
}
