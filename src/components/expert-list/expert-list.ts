import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { toCwError, type CwError } from '../../core/errors.js';
import { emit, reportError } from '../../core/events.js';
import {
  expertsFor,
  type Expert,
  type ProfilesStore,
  type UserProfile,
} from '../../core/experts.js';
import { PagedList, type PagedListState } from '../../core/paged-list.js';
import type { ViewerState } from '../../core/viewer.js';
import { whenNearViewport } from '../../core/visibility.js';
import { expertMessages as t } from '../../i18n/expert-messages.js';
import { blockWidget, card, tokens } from '../../styles/tokens.js';
import { CommunityElement } from '../community-element.js';
import { ListController } from '../shared/list-controller.js';
import { expertListStyles } from './expert-list.styles.js';

type Row = Expert & { id: string };

/**
 * @summary Who to turn to for a topic: people ranked by their expertise on it (or by
 * reputation without a topic), with buttons to endorse them, a page at a time.
 *
 * @tag cw-expert-list
 *
 * @slot sign-in - Shown to anonymous visitors instead of the endorse buttons, e.g. a link to
 *   your sign-in page.
 *
 * @csspart base - The wrapper of everything.
 * @csspart heading - The list's title.
 * @csspart list - The ranked list.
 * @csspart expert - One person in the list.
 * @csspart rank - Their rank.
 * @csspart avatar - Their picture, or their initial.
 * @csspart endorse - The endorse button (`aria-pressed` when the viewer endorsed).
 * @csspart load-more - The button that shows more people.
 * @csspart error - A visible error message.
 *
 * @fires {EndorseDetail} cw-endorse - The visitor endorsed someone on the topic or withdrew it.
 * @fires {ErrorDetail} cw-error - The widget showed an error to the visitor.
 */
export class CwExpertList extends CommunityElement {
  static override styles = [tokens, blockWidget, card, expertListStyles];

  /** The topic (a slug such as `kettles`); without it, the community's top contributors. */
  @property({ reflect: true }) topic: string | undefined;

  /** People per page (1–50). */
  @property({ type: Number, attribute: 'page-size' }) pageSize = 10;

  @state() private viewerState: ViewerState = { status: 'loading' };
  @state() private pending: string | undefined;
  @state() private endorseError: CwError | undefined;
  @state() private announcement = '';
  @state() private unsupported = false;

  #profiles: ProfilesStore | null = null;
  /** The directory for the topic and page size; shown once the list nears the viewport. */
  #directory: PagedList<Row> | undefined;
  #nearViewport = false;
  readonly #list = new ListController<Row>(this, {
    list: () => (this.#nearViewport ? this.#directory : undefined),
    errorAction: 'load',
    changed: (state) => this.#followPeople(state.items),
  });
  #stops: Array<() => void> = [];
  /** The people shown, followed in the page's one profiles cache, so an endorsement made in
   * any badge's card shows here too. */
  #people = new Map<string, () => void>();

  override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // The space reserved before the people arrive follows how many a page shows (CSSOM, not a
    // style attribute, so a strict CSP host allows it).
    if (changed.has('pageSize')) this.style.setProperty('--_rows', String(this.pageSize));
    if (this.inputChanged(changed, 'topic', 'pageSize')) this.follow();
  }

  protected follow(): void {
    this.unfollow();
    const client = this.client;
    this.#profiles = client ? expertsFor(client) : null;
    this.unsupported = Boolean(client) && !this.#profiles;
    const profiles = this.#profiles;
    if (!client || !profiles) return;
    const topic = this.topic || undefined;
    const limit = this.pageSize;
    const list = new PagedList<Row>(async (cursor, signal) => {
      const page = await profiles.listExperts({ topic, cursor, limit }, { signal });
      return {
        items: page.items.map((expert) => ({ ...expert, id: expert.user.id })),
        nextCursor: page.nextCursor,
      };
    });
    this.#directory = list;
    this.#stops.push(() => list.dispose());
    this.#stops.push(
      whenNearViewport(this, () => {
        this.#nearViewport = true;
        this.#list.follow();
        let viewerId: string | null | undefined;
        this.#stops.push(
          client.viewer.subscribe((s) => {
            this.viewerState = s;
            if (s.status !== 'ready') return;
            if (viewerId !== undefined && viewerId !== s.viewer.id) list.reload();
            viewerId = s.viewer.id;
          }),
        );
      }),
    );
  }

  protected unfollow(): void {
    this.#directory = undefined;
    this.#nearViewport = false;
    this.#list.follow();
    for (const stop of this.#stops) stop();
    this.#stops = [];
    for (const stop of this.#people.values()) stop();
    this.#people.clear();
  }

  #followPeople(rows: readonly Row[]): void {
    const profiles = this.#profiles;
    if (!profiles) return;
    for (const row of rows) {
      if (this.#people.has(row.id)) continue;
      this.#people.set(
        row.id,
        profiles.subscribe(row.id, () => this.requestUpdate()),
      );
    }
  }

  /** The person as the cache knows them now (the row's copy until the cache has them). */
  #person(row: Row): UserProfile {
    const state = this.#profiles?.peek(row.id);
    return state?.status === 'ready' ? state.profile : row.user;
  }

  async #endorse(row: Row, endorsed: boolean): Promise<void> {
    const topic = this.topic;
    if (!topic || !this.#profiles || this.pending) return;
    this.pending = row.id;
    this.endorseError = undefined;
    emit(this, 'cw-endorse', { userId: row.id, topic, endorsed });
    try {
      // The cache tells every badge and list of this person, this one included.
      await this.#profiles.endorse(row.id, topic, endorsed, row.expertise);
      const name = row.user.name ?? t.someone();
      this.announcement = endorsed ? t.endorsedNow(name, topic) : t.withdrawnNow(name, topic);
    } catch (error) {
      const problem = toCwError(error);
      this.endorseError = problem;
      reportError(this, 'endorse', problem);
    } finally {
      this.pending = undefined;
    }
  }

  override render(): TemplateResult {
    const topic = this.topic;
    const state = this.#list.state;
    return html`<section
      part="base"
      aria-labelledby="heading"
      aria-busy=${state.status === 'loading' ? 'true' : 'false'}
    >
      <h2 id="heading" part="heading">${topic ? t.listLabel(topic) : t.listLabelAll()}</h2>
      ${
        this.unsupported
          ? html`<p part="error">${t.unsupported()}</p>`
          : state.status === 'loading'
            ? html`<p class="muted" role="status">${t.listLoading()}</p>`
            : state.status === 'error' && state.items.length === 0
              ? html`<p part="error" role="alert">
                    ${t.listFailed()} ${state.error?.message ?? ''}
                  </p>
                  <button type="button" @click=${() => this.#list.reload()}>${t.retry()}</button>`
              : state.items.length === 0
                ? html`<p class="muted">${t.listEmpty()}</p>`
                : this.#renderList(state)
      }
      ${
        this.endorseError
          ? html`<p part="error" role="alert">${this.endorseError.message}</p>`
          : nothing
      }
      <span class="visually-hidden" role="status">${this.announcement}</span>
    </section>`;
  }

  #renderList(state: PagedListState<Row>): TemplateResult {
    const locale = this.locale;
    const topic = this.topic;
    const viewer = this.viewerState.status === 'ready' ? this.viewerState.viewer : undefined;
    const signedIn = viewer?.authenticated === true;
    return html`<ol part="list">
        ${state.items.map((row) => {
          const user = this.#person(row);
          const name = user.name ?? t.someone();
          // Outside their five best topics, the directory's own figures for this one.
          const mine = topic
            ? (user.topics.find((x) => x.topic === topic) ?? row.expertise)
            : undefined;
          const score = topic ? (mine?.score ?? row.score) : user.reputation;
          const endorsed = mine?.endorsedByViewer === true;
          return html`<li part="expert">
            <span part="rank"
              ><span class="visually-hidden">${t.rank(locale, row.rank)}</span
              ><span aria-hidden="true">${row.rank}</span></span
            >
            ${
              user.avatar
                ? html`<img part="avatar" src=${user.avatar} alt="" width="40" height="40" />`
                : html`<span part="avatar" aria-hidden="true"
                    >${(name.trim()[0] ?? '?').toLocaleUpperCase()}</span
                  >`
            }
            <div>
              <p class="name">${name}</p>
              <p class="muted">
                ${
                  // One string: a template's leading space is lost to minifiers ("Score 25· 0").
                  [
                    t.level(user.level),
                    t.score(locale, score),
                    ...(mine ? [t.endorsements(locale, mine.endorsements)] : []),
                  ].join(' · ')
                }
              </p>
            </div>
            ${
              topic && signedIn && viewer?.id !== row.id
                ? html`<button
                    part="endorse"
                    type="button"
                    aria-pressed=${endorsed ? 'true' : 'false'}
                    aria-label=${
                      endorsed ? `${t.endorsed(topic)}: ${name}` : `${t.endorse(topic)}: ${name}`
                    }
                    ?disabled=${this.pending === row.id}
                    @click=${() => this.#endorse(row, !endorsed)}
                  >
                    ${endorsed ? t.endorsed(topic) : t.endorse(topic)}
                  </button>`
                : html`<span></span>`
            }
          </li>`;
        })}
      </ol>
      ${
        topic && !signedIn
          ? html`<p class="muted"><slot name="sign-in">${t.signInToEndorse()}</slot></p>`
          : nothing
      }
      ${
        state.error && state.items.length > 0
          ? html`<p part="error" role="alert">${state.error.message}</p>`
          : nothing
      }
      ${this.#list.renderLoadMore(t.loadMore(), t.loadingMore())}`;
  }
}
