import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { globalConfiguration } from '../../core/config.js';
import { toCwError, type CwError } from '../../core/errors.js';
import { reportError } from '../../core/events.js';
import {
  fillLinkTemplate,
  inboxFor,
  type Inbox,
  type InboxNotification,
  type UnreadState,
} from '../../core/notifications.js';
import type { ViewerState } from '../../core/viewer.js';
import { formatDate, formatNumber } from '../../i18n/locale.js';
import { inboxMessages as t } from '../../i18n/inbox-messages.js';
import { tokens } from '../../styles/tokens.js';
import { CommunityElement } from '../community-element.js';
import { FloatingController } from '../shared/floating-controller.js';
import { inboxStyles } from './inbox.styles.js';

type ListState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; items: InboxNotification[]; nextCursor: string | null; more: boolean }
  | { status: 'error'; error: CwError };

/**
 * @summary The viewer's notifications: a bell with the unread count that opens a panel of
 * what happened to their questions, answers, ideas and posts, each a link to its page. Every
 * inbox on a page shares one count request, refreshed when the tab shows again and on a slow
 * interval; a hidden tab is never polled. Shows nothing to anonymous visitors.
 *
 * @tag cw-inbox
 *
 * @csspart base - The wrapper of the bell and the panel.
 * @csspart bell - The button that opens the panel (its label says the unread count).
 * @csspart count - The unread count on the bell (absent at 0).
 * @csspart panel - The panel (a non-modal dialog in the top layer).
 * @csspart list - The list of notifications.
 * @csspart item - One notification (`data-read` says whether it was read).
 * @csspart link - The notification's link to the place it is about.
 * @csspart answer - The invitation's link to the question to answer.
 * @csspart mark-read - The button that marks one notification read.
 * @csspart mark-all - The button that marks every notification read.
 * @csspart error - A visible error message.
 *
 * @cssprop [--cw-inbox-panel-width=22rem] - Width of the panel (shrinks to fit the viewport).
 * @cssprop [--cw-inbox-badge-color=#c62828] - Background of the unread count.
 *
 * @fires {ErrorDetail} cw-error - The widget showed an error to the visitor.
 */
export class CwInbox extends CommunityElement {
  static override styles = [tokens, inboxStyles];

  /**
   * Where each notification links, with placeholders `{kind}`, `{id}`, `{subject}`,
   * `{board}`, `{question}`, `{answer}`, `{idea}`, `{topic}` (URL-encoded), e.g.
   * `/products/{subject}#question-{question}`. Without it, `configure({ linkTo })` decides.
   */
  @property({ attribute: 'link-template' }) linkTemplate: string | undefined;

  @state() private viewerState: ViewerState = { status: 'loading' };
  @state() private unreadState: UnreadState = { status: 'loading' };
  @state() private list: ListState = { status: 'idle' };
  @state() private open = false;
  @state() private announcement = '';
  @state() private actionError: CwError | undefined;

  readonly #floating = new FloatingController(this, {
    placement: 'bottom-end',
    onHide: () => (this.open = false),
  });
  #inbox: Inbox | null = null;
  #stops: Array<() => void> = [];
  #stopUnread: (() => void) | undefined;
  #listAbort: AbortController | undefined;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.open = false;
    this.#listAbort?.abort();
  }

  protected follow(): void {
    this.unfollow();
    const client = this.client;
    this.#inbox = client ? inboxFor(client) : null;
    if (!client || !this.#inbox) return;
    this.#stops.push(
      client.viewer.subscribe((viewerState) => {
        this.viewerState = viewerState;
        const signedIn = viewerState.status === 'ready' && viewerState.viewer.authenticated;
        if (signedIn && !this.#stopUnread) {
          this.#stopUnread = this.#inbox!.unread.subscribe((s) => (this.unreadState = s));
        } else if (!signedIn && this.#stopUnread) {
          this.#stopUnread();
          this.#stopUnread = undefined;
        }
      }),
    );
  }

  protected unfollow(): void {
    for (const stop of this.#stops) stop();
    this.#stops = [];
    this.#stopUnread?.();
    this.#stopUnread = undefined;
  }

  protected override updated(): void {
    const panel = this.renderRoot.querySelector<HTMLElement>('[part~="panel"]');
    const bell = this.renderRoot.querySelector<HTMLElement>('[part~="bell"]');
    if (this.open && panel && bell && !this.#floating.open) {
      // Focus moves in once the panel is in the top layer (a hidden popover takes no focus).
      void this.#floating.show(bell, panel).then(() => this.open && panel.focus());
    } else if (!this.open && this.#floating.open) {
      this.#floating.hide();
    }
  }

  /** Opens the panel and loads the newest notifications. */
  show(): void {
    if (this.open) return;
    this.open = true;
    void this.#load(undefined);
  }

  /** Closes the panel. */
  hide(): void {
    this.open = false;
    this.#floating.hide();
  }

  get #unread(): number | undefined {
    const s = this.unreadState;
    return s.status === 'loading' ? undefined : s.unread;
  }

  async #load(cursor: string | undefined): Promise<void> {
    const inbox = this.#inbox;
    if (!inbox) return;
    this.#listAbort?.abort();
    const abort = (this.#listAbort = new AbortController());
    const before = this.list.status === 'ready' && cursor ? this.list.items : [];
    if (cursor && this.list.status === 'ready') this.list = { ...this.list, more: true };
    else this.list = { status: 'loading' };
    try {
      const page = await inbox.backend.listNotifications(cursor, { signal: abort.signal });
      if (abort.signal.aborted) return;
      this.list = {
        status: 'ready',
        items: [...before, ...page.items],
        nextCursor: page.nextCursor,
        more: false,
      };
    } catch (error) {
      if (abort.signal.aborted) return;
      const problem = toCwError(error);
      this.list = { status: 'error', error: problem };
      reportError(this, 'load', problem);
    }
  }

  async #markRead(ids: string[] | 'all'): Promise<void> {
    const inbox = this.#inbox;
    if (!inbox) return;
    this.actionError = undefined;
    try {
      const unread = await inbox.backend.markNotificationsRead(ids);
      inbox.unread.set(unread);
      if (this.list.status === 'ready') {
        this.list = {
          ...this.list,
          items: this.list.items.map((n) =>
            ids === 'all' || ids.includes(n.id) ? { ...n, read: true } : n,
          ),
        };
      }
      if (ids === 'all') this.announcement = t.allRead();
    } catch (error) {
      const problem = toCwError(error);
      this.actionError = problem;
      reportError(this, 'mark-read', problem);
    }
  }

  #linkOf(notification: InboxNotification): string | undefined {
    if (this.linkTemplate) return fillLinkTemplate(this.linkTemplate, notification);
    return globalConfiguration().linkTo?.(notification) ?? undefined;
  }

  #questionLink(notification: InboxNotification): string | undefined {
    return this.#linkOf({ ...notification, kind: 'answer', answer: null });
  }

  #keydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || !this.open) return;
    event.preventDefault();
    event.stopPropagation();
    this.hide();
    this.renderRoot.querySelector<HTMLElement>('[part~="bell"]')?.focus();
  }

  #focusOut(event: FocusEvent): void {
    const next = event.relatedTarget as Node | null;
    if (!this.open || !next) return;
    if (this.contains(next) || this.renderRoot.contains(next)) return;
    this.hide();
  }

  // ——— rendering ———

  override render(): TemplateResult | typeof nothing {
    const viewer = this.viewerState;
    if (viewer.status !== 'ready' || !viewer.viewer.authenticated || !this.#inbox) return nothing;
    const unread = this.#unread ?? 0;
    const locale = this.locale;
    return html`<span part="base" @keydown=${this.#keydown} @focusout=${this.#focusOut}
      ><button
        part="bell"
        type="button"
        aria-haspopup="dialog"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="panel"
        aria-label=${t.bell(locale, unread)}
        @click=${() => (this.open ? this.hide() : this.show())}
      >
        <svg
          viewBox="0 0 24 24"
          aria-hidden="true"
          fill="none"
          stroke="currentColor"
          stroke-width="2"
        >
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        ${
          unread > 0
            ? html`<span part="count" aria-hidden="true"
                >${unread > 99 ? '99+' : formatNumber(locale, unread)}</span
              >`
            : nothing
        }</button
      >${this.open ? this.#renderPanel() : nothing}<span class="visually-hidden" role="status"
        >${this.announcement}</span
      ></span
    >`;
  }

  #renderPanel(): TemplateResult {
    const list = this.list;
    const hasUnread = (this.#unread ?? 0) > 0;
    return html`<div
      id="panel"
      part="panel"
      role="dialog"
      aria-labelledby="panel-heading"
      popover="manual"
      tabindex="-1"
    >
      <div class="head">
        <h2 id="panel-heading">${t.panel()}</h2>
        ${
          hasUnread
            ? html`<button
                part="mark-all"
                class="action"
                type="button"
                @click=${() => this.#markRead('all')}
              >
                ${t.markAllRead()}
              </button>`
            : nothing
        }
      </div>
      ${
        this.unreadState.status === 'error'
          ? html`<p part="error" role="alert">${t.countFailed()}</p>`
          : nothing
      }
      ${this.actionError ? html`<p part="error" role="alert">${this.actionError.message}</p>` : nothing}
      ${
        list.status === 'loading' || list.status === 'idle'
          ? html`<p class="muted" role="status">${t.loading()}</p>`
          : list.status === 'error'
            ? html`<p part="error" role="alert">${t.loadFailed()} ${list.error.message}</p>
                <button class="action" type="button" @click=${() => this.#load(undefined)}>
                  ${t.retry()}
                </button>`
            : list.items.length === 0
              ? html`<p class="muted">${t.empty()}</p>`
              : html`<ul part="list">
                    ${list.items.map((n) => this.#renderItem(n))}
                  </ul>
                  ${
                    list.nextCursor
                      ? html`<button
                          class="action"
                          type="button"
                          ?disabled=${list.more}
                          @click=${() => this.#load(list.nextCursor!)}
                        >
                          ${t.more()}
                        </button>`
                      : nothing
                  }`
      }
    </div>`;
  }

  #renderItem(n: InboxNotification): TemplateResult {
    const href = this.#linkOf(n);
    const sentence = this.#sentence(n);
    const answerHref = n.kind === 'invitation' && !n.read ? this.#questionLink(n) : undefined;
    return html`<li part="item" data-read=${n.read ? 'true' : 'false'}>
      <span class="sentence">
        ${n.read ? nothing : html`<span class="visually-hidden">${t.unread()}: </span>`}
        ${
          href
            ? html`<a part="link" href=${href} @click=${() => !n.read && this.#markRead([n.id])}
                >${sentence}</a
              >`
            : sentence
        }
        <br /><time datetime=${n.at}>${formatDate(this.locale, n.at)}</time>
      </span>
      <span>
        ${
          answerHref
            ? html`<a
                part="answer"
                class="action"
                href=${answerHref}
                @click=${() => this.#markRead([n.id])}
                >${t.answerNow()}</a
              >`
            : nothing
        }
        ${
          n.read
            ? nothing
            : html`<button
                part="mark-read"
                class="action"
                type="button"
                @click=${() => this.#markRead([n.id])}
              >
                ${t.markRead()}
              </button>`
        }
      </span>
    </li>`;
  }

  #sentence(n: InboxNotification): string {
    const locale = this.locale;
    const actor = n.actor?.name ?? t.someone();
    switch (n.kind) {
      case 'answer':
        return t.answers(locale, n.count, actor, n.title);
      case 'comment':
        return t.comments(locale, n.count, actor, n.title);
      case 'endorsement':
        return t.endorsements(locale, n.count, actor, n.topic ?? '');
      case 'accepted':
        return t.accepted(actor, n.title);
      case 'status':
        return t.status(n.title, t.ideaStatus(n.status));
      case 'invitation':
        return t.invitation(actor, n.title);
      case 'held':
        return t.held(n.title);
      case 'removed':
        return n.reason ? t.removed(n.title, n.reason) : t.removedNoReason(n.title);
      case 'restored':
        return t.restored(n.title);
    }
  }
}
