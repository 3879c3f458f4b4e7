import { html, nothing, type TemplateResult } from 'lit';
import type { ModerationLogEntry, ModerationTarget, Suspension } from '../../core/moderation.js';
import { formatDate } from '../../i18n/locale.js';
import { queueMessages as t } from '../../i18n/moderation-queue-messages.js';
import type { ListController } from '../shared/list-controller.js';

export type LogRow = Omit<ModerationLogEntry, 'id'> & { id: string };
export type SuspensionRow = Suspension & { id: string };

/** What the log and suspension views of `<cw-moderation-queue>` need from it. */
export interface QueuePartsContext {
  locale: string;
  /** A decision or a suspension is on its way: their buttons wait. */
  busy: boolean;
  restore(target: ModerationTarget): void;
  lift(userId: string): void;
  /** Suspends `userId` until `until`; `done` runs once it is recorded. */
  suspend(userId: string, until: Date, reason: string, done: () => void): void;
  /** Closes the suspend-the-author form of a post, back to its button. */
  closeSuspendAuthor(itemId: string): void;
}

/** The periods the queue's shortcut offers; any other end time is the suspensions view's. */
const SUSPENSION_DAYS = [1, 7, 30] as const;

/** One decision of the log; a removed post offers Restore. Part `entry`. */
export function renderLogEntry(ctx: QueuePartsContext, entry: LogRow): TemplateResult {
  const target = entry.target;
  const removed = entry.action === 'remove' && target.kind !== 'person';
  return html`<div part="entry">
    <time datetime=${entry.at}>${formatDate(ctx.locale, entry.at)}</time>
    <span dir="auto">${entry.moderator?.name ?? t.rulesActed()}</span>
    <span>${t.action(entry.action)}</span>
    <span>${t.kind(target.kind)} ${target.id}</span>
    ${entry.rule ? html`<span class="muted">${t.rule(entry.rule)}</span>` : nothing}
    ${entry.reason ? html`<span dir="auto">“${entry.reason}”</span>` : nothing}
    ${
      removed
        ? html`<button
            type="button"
            ?disabled=${ctx.busy}
            @click=${() => ctx.restore(target as ModerationTarget)}
          >
            ${t.restore()}
          </button>`
        : nothing
    }
  </div>`;
}

/** A suspended person, until when and why, with Lift. Part `suspension`. */
export function renderSuspension(ctx: QueuePartsContext, s: SuspensionRow): TemplateResult {
  return html`<div part="suspension">
    <span dir="auto">${s.userId}</span>
    <span>${t.until(formatDate(ctx.locale, s.until))}</span>
    <span dir="auto">${s.reason}</span>
    <button type="button" ?disabled=${ctx.busy} @click=${() => ctx.lift(s.userId)}>
      ${t.lift()}
    </button>
  </div>`;
}

/** Suspends someone by id until a time, with the reason they are shown. */
export function renderSuspendForm(ctx: QueuePartsContext): TemplateResult {
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const until = new Date(String(data.get('until')));
    ctx.suspend(String(data.get('user')).trim(), until, String(data.get('reason')), () =>
      form.reset(),
    );
  };
  return html`<form class="suspend" @submit=${submit}>
    <h3>${t.suspendHeading()}</h3>
    <label>${t.userId()} <input name="user" required maxlength="256" /></label>
    <label>${t.untilLabel()} <input name="until" type="datetime-local" required /></label>
    <label>${t.reasonLabel()} <input name="reason" required maxlength="500" /></label>
    <button type="submit" ?disabled=${ctx.busy}>${t.suspend()}</button>
  </form>`;
}

/** From a post in the queue: suspend its author for a chosen period, with their reason. */
export function renderSuspendAuthor(
  ctx: QueuePartsContext,
  item: { id: string; author: { id: string } },
): TemplateResult {
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget as HTMLFormElement);
    const until = new Date(Date.now() + Number(data.get('days')) * 86_400_000);
    ctx.suspend(item.author.id, until, String(data.get('reason')), () =>
      ctx.closeSuspendAuthor(item.id),
    );
  };
  return html`<form
    class="reason"
    aria-label=${t.suspendAuthor()}
    @keydown=${(e: KeyboardEvent) => {
      e.stopPropagation();
      if (e.key === 'Escape') ctx.closeSuspendAuthor(item.id);
    }}
    @submit=${submit}
  >
    <label
      >${t.period()}
      <select name="days" data-days=${item.id}>
        ${SUSPENSION_DAYS.map((days) => html`<option value=${days}>${t.days(days)}</option>`)}
      </select></label
    >
    <label>${t.reasonLabel()} <input name="reason" required maxlength="500" /></label>
    <button type="submit" ?disabled=${ctx.busy}>${t.confirmSuspend()}</button>
    <button type="button" @click=${() => ctx.closeSuspendAuthor(item.id)}>${t.cancel()}</button>
  </form>`;
}

/** One of the queue's lists under its heading: loading, failed with Retry, empty, or rows. */
export function renderList<T extends { id: string }>(
  list: ListController<T>,
  heading: string,
  empty: string,
  item: (row: T) => TemplateResult,
): TemplateResult {
  const title = html`<h3 id="queue-heading" tabindex="-1">${heading}</h3>`;
  const { state } = list;
  if (state.status === 'loading') {
    return html`${title}
      <p class="muted" role="status">${t.loading()}</p>`;
  }
  if (state.status === 'error') {
    return html`${title}
      <p part="error" role="alert">${t.failed(state.error?.message ?? '')}</p>
      <button type="button" @click=${() => list.reload()}>${t.retry()}</button>`;
  }
  return html`${title}
  ${
    state.items.length === 0
      ? html`<p class="muted">${empty}</p>`
      : html`<ul class="list">
          ${state.items.map((row) => html`<li>${item(row)}</li>`)}
        </ul>`
  }
  ${list.renderLoadMore(t.loadMore())}`;
}
