import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { toCwError } from '../../core/errors.js';
import { emit, reportError } from '../../core/events.js';
import {
  insightsFor,
  INSIGHT_KINDS,
  type InsightKind,
  type InsightSet,
} from '../../core/insights.js';
import type { ViewerState } from '../../core/viewer.js';
import { insightsMessages as t } from '../../i18n/insights-messages.js';
import { formatDate, formatNumber } from '../../i18n/locale.js';
import { blockWidget, card, tokens } from '../../styles/tokens.js';
import { CommunityElement } from '../community-element.js';
import { barChart, dataTable, type ChartPoint } from './insights-charts.js';
import { insightsStyles } from './insights.styles.js';

type Load =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; data: InsightSet }
  | { status: 'error'; message: string };

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const allowed = (roles: readonly string[]) =>
  roles.includes('moderator') || roles.includes('analyst');

/**
 * @summary The community, measured, for the people who run it: ratings, questions and
 * answers, ideas, experts and participation over a period, for the whole community or one
 * subject, board or topic. Each chart has its table and its CSV export.
 *
 * @tag cw-insights
 *
 * @csspart base - The wrapper of everything.
 * @csspart filters - The period and scope form.
 * @csspart charts - The grid of charts.
 * @csspart chart - One insight: its figures, chart, table and export button.
 * @csspart lists - The rankings and lists below the charts.
 * @csspart error - A visible error message.
 *
 * @fires {InsightsExportDetail} cw-insights-export - The viewer exported an insight as CSV.
 * @fires {ErrorDetail} cw-error - The widget showed an error to the viewer.
 */
export class CwInsights extends CommunityElement {
  static override styles = [tokens, blockWidget, card, insightsStyles];

  /** The period's first day, YYYY-MM-DD; default four weeks before `to`. */
  @property() from: string | undefined;
  /** The period's last day, YYYY-MM-DD; default today. */
  @property() to: string | undefined;
  /** `subject:<id>`, `board:<id>` or `topic:<name>`; empty for the whole community. */
  @property() scope: string | undefined;

  @state() private viewerState: ViewerState = { status: 'loading' };
  @state() private load: Load = { status: 'idle' };
  @state() private announcement = '';

  #stops: Array<() => void> = [];
  #abort: AbortController | undefined;

  protected follow(): void {
    this.unfollow();
    const client = this.client;
    if (!client) return;
    this.#stops.push(
      client.viewer.subscribe((s) => {
        this.viewerState = s;
        if (s.status === 'ready' && allowed(s.viewer.roles)) void this.#read();
      }),
    );
  }

  protected unfollow(): void {
    for (const stop of this.#stops) stop();
    this.#stops = [];
    this.#abort?.abort();
  }

  get #period(): { from: string; to: string } {
    const to = this.to || isoDay(Date.now());
    return { from: this.from || isoDay(Date.parse(`${to}T00:00:00Z`) - 27 * DAY), to };
  }

  async #read(): Promise<void> {
    if (!this.client) return;
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    this.load = { status: 'loading' };
    try {
      const data = await insightsFor(this.client).readAll(
        { ...this.#period, scope: this.scope || undefined },
        abort.signal,
      );
      if (!abort.signal.aborted) this.load = { status: 'ready', data };
    } catch (error) {
      if (abort.signal.aborted) return;
      const problem = toCwError(error);
      this.load = { status: 'error', message: problem.message };
      reportError(this, 'insights', problem);
    }
  }

  #apply(event: SubmitEvent): void {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    this.from = String(data.get('from') ?? '') || undefined;
    this.to = String(data.get('to') ?? '') || undefined;
    this.scope = String(data.get('scope') ?? '').trim() || undefined;
    void this.#read();
  }

  #export(kind: InsightKind): void {
    if (this.load.status !== 'ready') return;
    const result = this.load.data[kind];
    const csv = insightsFor(this.client!).csv(kind, result);
    const fileName = `insights-${kind}-${result.from}-${result.to}.csv`;
    // A download the browser makes from text already here: the element itself never fetches.
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
    this.announcement = t.exported(t[kind]());
    emit(this, 'cw-insights-export', { kind, fileName, csv });
  }

  override render(): TemplateResult {
    const viewer = this.viewerState.status === 'ready' ? this.viewerState.viewer : undefined;
    let body: TemplateResult;
    if (!viewer) body = html`<p class="muted" role="status">${t.loading()}</p>`;
    else if (!viewer.authenticated) body = html`<p>${t.signIn()}</p>`;
    else if (!allowed(viewer.roles)) body = html`<p>${t.notAllowed()}</p>`;
    else body = html`${this.#renderFilters()} ${this.#renderBody()}`;
    return html`<section part="base" aria-labelledby="heading">
      <h2 id="heading">${t.heading()}</h2>
      ${body}
      <p class="visually-hidden" role="status">${this.announcement}</p>
    </section>`;
  }

  #renderFilters(): TemplateResult {
    const { from, to } = this.#period;
    return html`<form part="filters" aria-label=${t.filters()} @submit=${this.#apply}>
      <label>${t.from()} <input type="date" name="from" .value=${from} /></label>
      <label>${t.to()} <input type="date" name="to" .value=${to} /></label>
      <label
        >${t.scope()}
        <input
          name="scope"
          .value=${this.scope ?? ''}
          placeholder="subject:…"
          aria-describedby="scope-hint"
      /></label>
      <button type="submit">${t.apply()}</button>
      <span id="scope-hint" class="muted">${t.scopeHint()}</span>
    </form>`;
  }

  #renderBody(): TemplateResult {
    const load = this.load;
    if (load.status === 'idle' || load.status === 'loading') {
      return html`<p class="muted" role="status">${t.loading()}</p>`;
    }
    if (load.status === 'error') {
      return html`<div part="error" role="alert">
        <p>${t.failed(load.message)}</p>
        <button type="button" @click=${() => void this.#read()}>${t.retry()}</button>
      </div>`;
    }
    const { data } = load;
    return html`<div part="charts">
        ${INSIGHT_KINDS.map((kind) => this.#renderInsight(kind, data))}
      </div>
      <div part="lists">${this.#renderLists(data)}</div>`;
  }

  #n = (value: number, digits = 0) => formatNumber(this.locale, value, digits);
  #day = (iso: string) => formatDate(this.locale, `${iso}T12:00:00Z`);
  #share = (value: number | null) =>
    value === null ? t.none() : `${formatNumber(this.locale, value * 100, 0)} %`;

  #duration(seconds: number | null): string {
    if (seconds === null) return t.none();
    const [unit, size] =
      seconds < 3600 ? ['minute', 60] : seconds < 172_800 ? ['hour', 3600] : ['day', 86_400];
    return new Intl.NumberFormat(this.locale, {
      style: 'unit',
      unit,
      unitDisplay: 'long',
      maximumFractionDigits: 0,
    }).format(seconds / size);
  }

  /** One insight's figure card: headline figures, the chart, its table and the export. */
  #renderInsight(kind: InsightKind, data: InsightSet): TemplateResult {
    const view = this.#view(kind, data);
    return html`<figure part="chart" data-kind=${kind} aria-labelledby="title-${kind}">
      <h3 id="title-${kind}">${t[kind]()}</h3>
      <dl class="figures">
        ${view.figures.map(
          ([label, value]) =>
            html`<div>
              <dt>${label}</dt>
              <dd>${value}</dd>
            </div>`,
        )}
      </dl>
      ${barChart(view.points, view.series, view.summary, { stacked: view.stacked ?? false })}
      <details>
        <summary>${t.asTable()}</summary>
        ${dataTable(t[kind](), view.header, view.rows)}
      </details>
      <button type="button" @click=${() => this.#export(kind)}>
        ${t.exportCsv()}<span class="visually-hidden">: ${t[kind]()}</span>
      </button>
    </figure>`;
  }

  #view(kind: InsightKind, data: InsightSet) {
    const avg = (v: number | null) => (v === null ? t.none() : this.#n(v, 2));
    switch (kind) {
      case 'ratings': {
        const r = data.ratings;
        return {
          figures: [
            [t.count(), this.#n(r.count)],
            [t.average(), avg(r.average)],
          ],
          series: [{ name: t.count() }],
          points: r.days.map((d): ChartPoint => ({ label: d.date, values: [d.count] })),
          summary: `${t.ratings()}: ${this.#n(r.count)}`,
          header: [t.date(), t.count(), t.average()],
          rows: r.days.map((d) => [this.#day(d.date), this.#n(d.count), avg(d.average)]),
        };
      }
      case 'questions': {
        const q = data.questions;
        return {
          figures: [
            [t.asked(), this.#n(q.asked)],
            [t.shareAnswered(), this.#share(q.answeredShare)],
            [t.medianFirst(), this.#duration(q.medianFirstAnswerSeconds)],
            [t.medianAccepted(), this.#duration(q.medianAcceptedSeconds)],
          ],
          series: [{ name: t.asked() }, { name: t.answered() }],
          points: q.days.map((d): ChartPoint => ({ label: d.date, values: [d.asked, d.answered] })),
          summary: `${t.asked()}: ${this.#n(q.asked)}, ${t.answered()}: ${this.#n(q.answered)}`,
          header: [t.date(), t.asked(), t.answered(), t.accepted()],
          rows: q.days.map((d) => [
            this.#day(d.date),
            this.#n(d.asked),
            this.#n(d.answered),
            this.#n(d.accepted),
          ]),
        };
      }
      case 'ideas': {
        const i = data.ideas;
        return {
          figures: [
            [t.submitted(), this.#n(i.submitted)],
            [t.votes(), this.#n(i.votes)],
          ],
          series: [{ name: t.reached() }, { name: t.now() }],
          points: i.funnel.map((f): ChartPoint => ({
            label: f.status,
            values: [f.reached, f.now],
          })),
          summary: `${t.submitted()}: ${this.#n(i.submitted)}`,
          header: [t.status(), t.reached(), t.now(), t.medianIn()],
          rows: i.funnel.map((f) => [
            f.status,
            this.#n(f.reached),
            this.#n(f.now),
            this.#duration(f.medianSecondsIn),
          ]),
        };
      }
      case 'experts': {
        const e = data.experts;
        return {
          figures: [[t.endorsements(), this.#n(e.endorsements)]],
          series: [{ name: t.asked() }, { name: t.answered() }],
          points: e.topics.map((x): ChartPoint => ({
            label: x.topic,
            values: [x.asked, x.answered],
          })),
          summary: `${t.experts()}: ${e.topics.length}`,
          header: [
            t.topic(),
            t.asked(),
            t.answered(),
            t.answerRate(),
            t.expertCount(),
            t.endorsements(),
          ],
          rows: e.topics.map((x) => [
            x.topic,
            this.#n(x.asked),
            this.#n(x.answered),
            this.#share(x.answerRate),
            this.#n(x.experts),
            this.#n(x.endorsements),
          ]),
        };
      }
      case 'participation': {
        const p = data.participation;
        const active = p.weeks.reduce((a, w) => a + w.active, 0);
        return {
          figures: [[t.active(), this.#n(active)]],
          series: [{ name: t.newPeople() }, { name: t.returning() }],
          points: p.weeks.map((w): ChartPoint => ({ label: w.week, values: [w.new, w.returning] })),
          summary: `${t.active()}: ${this.#n(active)}`,
          stacked: true,
          header: [
            t.week(),
            t.active(),
            t.newPeople(),
            t.returning(),
            t.employees(),
            t.customers(),
          ],
          rows: p.weeks.map((w) => [
            this.#day(w.week),
            this.#n(w.active),
            this.#n(w.new),
            this.#n(w.returning),
            this.#n(w.employees),
            this.#n(w.customers),
          ]),
        };
      }
    }
  }

  #renderLists(data: InsightSet): TemplateResult {
    const list = <T>(title: string, empty: string, items: readonly T[], item: (x: T) => unknown) =>
      html`<section aria-label=${title}>
        <h4>${title}</h4>
        ${
          items.length
            ? html`<ol class="list">
                ${items.map((x) => html`<li>${item(x)}</li>`)}
              </ol>`
            : html`<p class="muted">${empty}</p>`
        }
      </section>`;
    return html`${list(
      t.movers(),
      t.moversEmpty(),
      data.ratings.movers,
      (m) =>
        html`<bdi>${m.subject}</bdi>: ${this.#n(m.previousAverage, 2)} → ${this.#n(m.average, 2)}`,
    )}
    ${list(
      t.oldest(),
      t.oldestEmpty(),
      data.questions.oldestUnanswered,
      (q) =>
        html`<bdi>${q.title}</bdi>
          <span class="muted">(${formatDate(this.locale, q.askedAt)})</span>`,
    )}
    ${list(
      t.unanswerable(),
      t.unanswerableEmpty(),
      data.experts.unanswerable,
      (topic) => html`<bdi>${topic}</bdi>`,
    )}
    ${list(
      t.contributors(),
      t.contributorsEmpty(),
      data.experts.topContributors,
      (c) => html`<bdi>${c.name ?? c.userId}</bdi>: ${this.#n(c.answers)} ${t.answers()}`,
    )}
    ${nothing}`;
  }
}
