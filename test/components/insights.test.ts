import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { CwCommunity } from '../../src/components/community/community.js';
import type { CwInsights } from '../../src/components/insights/insights.js';
import type { InsightsExportDetail } from '../../src/core/events.js';
import { seedInsightsHistory } from '../../server/domain/insights-seed.js';
import { demoPersonas, mockToken } from '../../server/msw/index.js';
import { $, focused, text, until } from '../support/dom.js';
import { API, startMockApi, type MockApi } from '../support/mock-api.js';

const KINDS = ['ratings', 'questions', 'ideas', 'experts', 'participation'];
const from = new Date(Date.now() - 83 * 86_400_000).toISOString().slice(0, 10);

async function dashboard(token: string, ready: (el: CwInsights) => unknown): Promise<CwInsights> {
  const community = await fixture<CwCommunity>(
    html`<cw-community api=${API} token=${token}
      ><cw-insights from=${from}></cw-insights
    ></cw-community>`,
  );
  const el = community.querySelector('cw-insights')!;
  await until(() => ready(el), 'the dashboard did not load');
  await el.updateComplete;
  return el;
}

const charts = (el: CwInsights) => [...el.shadowRoot!.querySelectorAll('[part~="chart"]')];

describe('<cw-insights>', () => {
  let api: MockApi;
  beforeEach(async () => {
    localStorage.clear();
    api = await startMockApi();
    await seedInsightsHistory(api.community.store);
  });

  it('draws every insight as a chart with its table, and the lists, axe clean', async () => {
    const el = await dashboard(mockToken(demoPersonas.moderator), (e) => charts(e).length === 5);
    expect(charts(el).map((c) => c.getAttribute('data-kind'))).to.deep.equal(KINDS);
    const figures = await api.community.insights.read('questions', demoPersonas.moderator, {
      from,
    });
    for (const chart of charts(el)) {
      const svg = chart.querySelector('svg[role="img"]')!;
      expect(svg.getAttribute('aria-label')).to.not.equal('');
      expect(svg.querySelectorAll('rect').length).to.be.greaterThan(0);
      expect(chart.querySelector('details table tbody tr')).to.not.equal(null);
    }
    const questions = charts(el)[1]!;
    expect(questions.querySelectorAll('tbody tr')).to.have.length(
      (figures as { days: unknown[] }).days.length,
    );
    expect(text($(el, '[part~="lists"]'))).to.contain('smart-app');
    await expect(el).to.be.accessible();
    for (const chart of charts(el))
      (chart.querySelector('details') as HTMLDetailsElement).open = true;
    await expect(el).to.be.accessible();
  });

  it('exports each insight as the CSV the server writes, by keyboard', async () => {
    const el = await dashboard(mockToken(demoPersonas.moderator), (e) => charts(e).length === 5);
    const exported = new Promise<InsightsExportDetail>((resolve) =>
      el.addEventListener('cw-insights-export', (e) => resolve(e.detail), { once: true }),
    );
    const button = charts(el)[1]!.querySelector('button')!;
    for (let i = 0; i < 60 && focused(el) !== button; i += 1) await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal(button);
    await sendKeys({ press: 'Enter' });
    const detail = await exported;
    expect(detail.kind).to.equal('questions');
    const served = await fetch(`${API}/insights/questions?from=${from}&format=csv`, {
      headers: { Authorization: `Bearer ${mockToken(demoPersonas.moderator)}` },
    });
    expect(served.headers.get('content-type')).to.match(/^text\/csv/);
    expect(detail.csv).to.equal(await served.text());
    expect(detail.csv.split('\r\n')[0]).to.equal('date,asked,answered,accepted');
  });

  it('applies a scope typed in the form', async () => {
    const el = await dashboard(mockToken(demoPersonas.moderator), (e) => charts(e).length === 5);
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('input[name="scope"]')!;
    input.focus();
    await sendKeys({ type: 'topic:smart-app' });
    await sendKeys({ press: 'Enter' });
    await until(
      () => api.requestsTo('/insights/experts').some((r) => r.url.includes('smart-app')),
      'the scope was not asked for',
    );
    await until(() => charts(el).length === 5, 'the dashboard did not come back');
    const experts = charts(el)[3]!;
    await until(() => experts.isConnected && text(experts).includes('smart-app'), 'no topic row');
  });

  it('tells a customer it is for moderators and analysts, and reads nothing', async () => {
    const el = await dashboard(mockToken(demoPersonas.customer), (e) =>
      text(e).includes('Only moderators and analysts'),
    );
    expect(charts(el)).to.have.length(0);
    expect(api.requestsTo('/insights/ratings')).to.have.length(0);
    await expect(el).to.be.accessible();
  });
});
