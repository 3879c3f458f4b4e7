import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { toCwError } from '../../core/errors.js';
import { emit, reportError } from '../../core/events.js';
import {
  moderationFor,
  REPORT_REASONS,
  type ModerationAction,
  type ModerationItem,
  type ModerationKind,
  type ModerationTarget,
  type ReportReason,
} from '../../core/moderation.js';
import { PagedList } from '../../core/paged-list.js';
import type { ViewerState } from '../../core/viewer.js';
import { formatDate } from '../../i18n/locale.js';
import { queueMessages as t } from '../../i18n/moderation-queue-messages.js';
import { blockWidget, card, tokens } from '../../styles/tokens.js';
import { CommunityElement } from '../community-element.js';
import { ListController } from '../shared/list-controller.js';
import { renderUserText } from '../user-text.js';
import {
  renderList,
  renderLogEntry,
  renderSuspendAuthor,
  renderSuspendForm,
  renderSuspension,
  type LogRow,
  type QueuePartsContext,
  type SuspensionRow,
} from './moderation-queue-parts.js';
import { moderationQueueStyles } from './moderation-queue.styles.js';

type View = 'queue' | 'log' | 'suspensions';
type QueueRow = ModerationItem & { id: string };

const KINDS: readonly ModerationKind[] = ['question', 'answer', 'review', 'idea', 'comment'];
const keyOf = (target: { kind: string; id: string }) => `${target.kind}:${target.id}`;

/**
 * @summary The moderators' workspace: held and reported posts with their context and reports,
 * approve or remove (with a reason its author reads) one at a time or in bulk, the log of
 * every decision, and the people suspended.
 *
 * @tag cw-moderation-queue
 *
 * @csspart base - The wrapper of everything.
 * @csspart views - The buttons that switch between the queue, the log and suspensions.
 * @csspart filters - The queue's kind and reason filters.
 * @csspart item - One post waiting for a decision.
 * @csspart reports - The reports of a post.
 * @csspart bulk - The bulk actions on the selected posts.
 * @csspart entry - One decision in the log.
 * @csspart suspension - One suspended person.
 * @csspart error - A visible error message.
 *
 * @fires {ModerationDecisionDetail} cw-moderation-decision - The moderator approved, removed or restored posts.
 * @fires {ErrorDetail} cw-error - The widget showed an error to the moderator.
 */
export class CwModerationQueue extends CommunityElement {
  static override styles = [tokens, blockWidget, card, moderationQueueStyles];

  /** Posts per page of the queue and the log (1–50). */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 20;

  @state() private view: View = 'queue';
  @state() private kind: ModerationKind | undefined;
  @state() private reason: ReportReason | undefined;
  @state() private viewerState: ViewerState = { status: 'loading' };
  @state() private selected = new Set<string>();
  /** The post whose author's suspension (period, reason) is being chosen. */
  @state() private suspending: string | undefined;
  /** The post (or `bulk`) whose removal reason is being typed. */
  @state() private removing: string | undefined;
  @state() private busy = false;
  @state() private announcement = '';
  @state() private failure = '';

  /** The moderator's lists, made once the viewer is known to moderate; the queue's by filter. */
  #lists:
    | {
        queue: PagedList<QueueRow>;
        filter: string;
        log: PagedList<LogRow>;
        suspensions: PagedList<SuspensionRow>;
      }
    | undefined;
  readonly #queue = new ListController<QueueRow>(this, {
    list: () => this.#queueList(),
    errorAction: 'load',
  });
  readonly #log = new ListController<LogRow>(this, {
    list: () => this.#lists?.log,
    errorAction: 'load-log',
  });
  readonly #suspensions = new ListController<SuspensionRow>(this, {
    list: () => this.#lists?.suspensions,
    errorAction: 'load-suspensions',
  });
  #stops: Array<() => void> = [];
  #focusNext: string | undefined;

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Another filter is another list: what was selected in the old one is not shown.
    const filters = changed as Map<string, unknown>;
    if ((filters.has('kind') || filters.has('reason')) && this.hasUpdated)
      this.selected = new Set();
  }

  override updated(): void {
    if (!this.#focusNext) return;
    this.renderRoot.querySelector<HTMLElement>(this.#focusNext)?.focus();
    this.#focusNext = undefined;
  }

  protected follow(): void {
    this.unfollow();
    const client = this.client;
    if (!client) return;
    this.#stops.push(
      client.viewer.subscribe((s) => {
        this.viewerState = s;
        this.#disposeLists();
        if (s.status === 'ready' && s.viewer.roles.includes('moderator')) this.#makeLists();
      }),
    );
  }

  protected unfollow(): void {
    for (const stop of this.#stops) stop();
    this.#stops = [];
    this.#disposeLists();
  }

  #disposeLists(): void {
    const lists = this.#lists;
    this.#lists = undefined;
    for (const list of [lists?.queue, lists?.log, lists?.suspensions]) list?.dispose();
    this.requestUpdate();
  }

  #makeLists(): void {
    const backend = moderationFor(this.client!).backend;
    const limit = this.pageSize;
    this.#lists = {
      ...this.#newQueue(),
      log: new PagedList<LogRow>(async (cursor, signal) => {
        const page = await backend.getModerationLog({ cursor, limit }, { signal });
        return { ...page, items: page.items.map((entry) => ({ ...entry, id: String(entry.id) })) };
      }),
      suspensions: new PagedList<SuspensionRow>(async (_cursor, signal) => {
        const { items } = await backend.listSuspensions({ signal });
        return { items: items.map((s) => ({ ...s, id: s.userId })), nextCursor: null };
      }),
    };
    this.requestUpdate();
  }

  /** The queue for the filters chosen now: the same list until a filter changes. */
  #queueList(): PagedList<QueueRow> | undefined {
    const lists = this.#lists;
    if (lists && lists.filter !== this.#filter) {
      lists.queue.dispose();
      Object.assign(lists, this.#newQueue());
    }
    return lists?.queue;
  }

  get #filter(): string {
    return `${this.kind ?? ''}|${this.reason ?? ''}`;
  }

  #newQueue(): { queue: PagedList<QueueRow>; filter: string } {
    const backend = moderationFor(this.client!).backend;
    const { kind, reason } = this;
    const limit = this.pageSize;
    return {
      filter: this.#filter,
      queue: new PagedList<QueueRow>(async (cursor, signal) => {
        const page = await backend.getModerationQueue({ kind, reason, cursor, limit }, { signal });
        return { ...page, items: page.items.map((item) => ({ ...item, id: keyOf(item.target) })) };
      }),
    };
  }

  async #decide(action: ModerationAction, targets: ModerationTarget[], reason?: string) {
    if (this.busy || targets.length === 0) return;
    this.busy = true;
    this.failure = '';
    try {
      await moderationFor(this.client!).decide(action, targets, reason);
      emit(this, 'cw-moderation-decision', { action, targets, reason: reason ?? null });
      this.removing = undefined;
      this.selected = new Set();
      this.announcement = t.decided(targets.length);
      this.#queue.reload();
      this.#log.reload();
      this.#focusNext = '#queue-heading';
    } catch (error) {
      const problem = toCwError(error);
      this.failure = t.notDecided(problem.message);
      reportError(this, 'decide', problem);
    } finally {
      this.busy = false;
    }
  }

  async #lift(userId: string): Promise<void> {
    await this.#person(
      () => moderationFor(this.client!).backend.liftSuspension(userId),
      t.lifted(),
    );
  }

  async #suspend(userId: string, until: Date, reason: string, done: () => void): Promise<void> {
    await this.#person(async () => {
      const input = { until: until.toISOString(), reason: reason.trim() };
      await moderationFor(this.client!).backend.suspendUser(userId, input);
      done();
    }, t.suspended());
  }

  async #person(work: () => Promise<unknown>, done: string): Promise<void> {
    this.busy = true;
    this.failure = '';
    try {
      await work();
      this.announcement = done;
      this.#suspensions.reload();
      this.#log.reload();
    } catch (error) {
      const problem = toCwError(error);
      this.failure = t.notDecided(problem.message);
      reportError(this, 'suspend', problem);
    } finally {
      this.busy = false;
    }
  }

  /** Switches view; the log and suspensions are read afresh, as others may have acted. */
  #show(view: View): void {
    this.view = view;
    if (view === 'log') this.#log.reload();
    if (view === 'suspensions') this.#suspensions.reload();
  }

  /** One key per decision on the post the moderator is on: A approves, R asks for a reason. */
  #keydown(event: KeyboardEvent, item: QueueRow): void {
    const target = event.target as HTMLElement;
    if (target.matches('input:not([type=checkbox]), textarea, select')) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === 'a' || event.key === 'A') {
      event.preventDefault();
      void this.#decide('approve', [item.target]);
    } else if (event.key === 'r' || event.key === 'R') {
      event.preventDefault();
      this.#askReason(item.id);
    }
  }

  #askReason(id: string): void {
    this.removing = id;
    this.#focusNext = `[data-reason="${id}"]`;
  }

  override render(): TemplateResult {
    const viewer = this.viewerState.status === 'ready' ? this.viewerState.viewer : undefined;
    let body: TemplateResult;
    if (!viewer) body = html`<p class="muted" role="status">${t.loading()}</p>`;
    else if (!viewer.authenticated) body = html`<p>${t.signIn()}</p>`;
    else if (!viewer.roles.includes('moderator')) body = html`<p>${t.notModerator()}</p>`;
    else body = this.#renderView();
    return html`<section part="base" aria-labelledby="heading">
      <h2 id="heading">${t.heading()}</h2>
      ${
        viewer?.roles.includes('moderator')
          ? html`<div part="views" role="group" aria-label=${t.viewsLabel()}>
              ${(['queue', 'log', 'suspensions'] as const).map(
                (view) =>
                  html`<button
                    type="button"
                    aria-pressed=${this.view === view ? 'true' : 'false'}
                    @click=${() => this.#show(view)}
                  >
                    ${t[view]()}
                  </button>`,
              )}
            </div>`
          : nothing
      }
      ${body} ${this.failure ? html`<p part="error" role="alert">${this.failure}</p>` : nothing}
      <p class="visually-hidden" role="status">${this.announcement}</p>
    </section>`;
  }

  get #parts(): QueuePartsContext {
    return {
      locale: this.locale,
      busy: this.busy,
      restore: (target) => void this.#decide('restore', [target]),
      lift: (userId) => void this.#lift(userId),
      suspend: (...args) => void this.#suspend(...args),
      closeSuspendAuthor: (itemId) => {
        this.suspending = undefined;
        this.#focusNext = `[data-suspend="${itemId}"]`;
      },
    };
  }

  #renderView(): TemplateResult {
    if (this.view === 'log') {
      return renderList(this.#log, t.log(), t.logEmpty(), (entry) =>
        renderLogEntry(this.#parts, entry),
      );
    }
    if (this.view === 'suspensions') {
      return html`${renderList(this.#suspensions, t.suspensions(), t.suspensionsEmpty(), (s) =>
        renderSuspension(this.#parts, s),
      )}
      ${renderSuspendForm(this.#parts)}`;
    }
    return html`<div part="filters">
        <label
          >${t.kindFilter()}
          <select
            @change=${(e: Event) =>
              (this.kind = ((e.target as HTMLSelectElement).value || undefined) as
                ModerationKind | undefined)}
          >
            <option value="">${t.any()}</option>
            ${KINDS.map((kind) => html`<option value=${kind}>${t.kind(kind)}</option>`)}
          </select></label
        >
        <label
          >${t.reasonFilter()}
          <select
            @change=${(e: Event) =>
              (this.reason = ((e.target as HTMLSelectElement).value || undefined) as
                ReportReason | undefined)}
          >
            <option value="">${t.any()}</option>
            ${REPORT_REASONS.map((r) => html`<option value=${r}>${t.reason(r)}</option>`)}
          </select></label
        >
      </div>
      <p class="muted">${t.keys()}</p>
      ${this.#renderBulk()}
      ${renderList(this.#queue, t.queue(), t.empty(), (item) => this.#renderItem(item))}`;
  }

  #renderBulk(): TemplateResult | typeof nothing {
    const count = this.selected.size;
    if (count === 0) return nothing;
    const targets = this.#queue.state.items
      .filter((item) => this.selected.has(item.id))
      .map((item) => item.target);
    return html`<div part="bulk" role="group" aria-label=${t.selected(count)}>
      <span>${t.selected(count)}</span>
      <button type="button" ?disabled=${this.busy} @click=${() => this.#decide('approve', targets)}>
        ${t.approveSelected()}
      </button>
      ${
        this.removing === 'bulk'
          ? this.#renderReason('bulk', targets)
          : html`<button type="button" @click=${() => this.#askReason('bulk')}>
              ${t.removeSelected()}
            </button>`
      }
    </div>`;
  }

  #renderReason(id: string, targets: ModerationTarget[]): TemplateResult {
    return html`<form
      class="reason"
      @keydown=${(e: KeyboardEvent) => {
        e.stopPropagation();
        if (e.key === 'Escape') this.removing = undefined;
      }}
      @submit=${(e: SubmitEvent) => {
        e.preventDefault();
        const input = (e.currentTarget as HTMLFormElement).elements.namedItem('reason');
        void this.#decide('remove', targets, (input as HTMLInputElement).value.trim());
      }}
    >
      <label
        >${t.removeReason()} <input name="reason" data-reason=${id} required maxlength="500"
      /></label>
      <button type="submit" ?disabled=${this.busy}>${t.confirmRemove()}</button>
      <button type="button" @click=${() => (this.removing = undefined)}>${t.cancel()}</button>
    </form>`;
  }

  #renderItem(item: QueueRow): TemplateResult {
    const title = item.title || item.body.slice(0, 60);
    const checked = this.selected.has(item.id);
    return html`<article
      part="item"
      tabindex="0"
      data-item=${item.id}
      aria-labelledby="item-${item.id}"
      @keydown=${(e: KeyboardEvent) => this.#keydown(e, item)}
    >
      <div class="row">
        <input
          type="checkbox"
          .checked=${checked}
          aria-label=${t.select(title)}
          @change=${(e: Event) => {
            const next = new Set(this.selected);
            if ((e.target as HTMLInputElement).checked) next.add(item.id);
            else next.delete(item.id);
            this.selected = next;
          }}
        />
        <span class="badge">${t.kind(item.target.kind)}</span>
        <span class="badge">${t.state(item.state)}</span>
        ${item.rule ? html`<span class="muted">${t.rule(item.rule)}</span>` : nothing}
      </div>
      <p id="item-${item.id}" class="title" dir="auto">${item.title || t.kind(item.target.kind)}</p>
      <div class="user-text">${renderUserText(item.body)}</div>
      <p class="muted" dir="auto">
        ${t.by(item.author.name)} ·
        <time datetime=${item.createdAt}>${formatDate(this.locale, item.createdAt)}</time> ·
        ${item.scope}
      </p>
      ${
        item.reports.length > 0
          ? html`<ul part="reports">
              ${item.reports.map(
                (report) =>
                  html`<li dir="auto">
                    <strong>${t.reason(report.reason)}</strong>
                    ${t.reportedBy(report.reporter.name)}${report.note ? html`: ${report.note}` : ''}
                  </li>`,
              )}
            </ul>`
          : nothing
      }
      <div class="actions">
        <button
          type="button"
          data-approve=${item.id}
          ?disabled=${this.busy}
          @click=${() => this.#decide('approve', [item.target])}
        >
          ${t.approve()}
        </button>
        ${
          this.removing === item.id
            ? this.#renderReason(item.id, [item.target])
            : html`<button
                type="button"
                data-remove=${item.id}
                @click=${() => this.#askReason(item.id)}
              >
                ${t.remove()}
              </button>`
        }
        ${
          this.suspending === item.id
            ? renderSuspendAuthor(this.#parts, item)
            : html`<button
                type="button"
                data-suspend=${item.id}
                @click=${() => {
                  this.suspending = item.id;
                  this.#focusNext = `[data-days="${item.id}"]`;
                }}
              >
                ${t.suspendAuthor()}
              </button>`
        }
      </div>
    </article>`;
  }
}
