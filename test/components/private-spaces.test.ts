import { expect, fixture, html } from '@open-wc/testing';
import { http } from 'msw';
import '../../src/index.js';
import type { CwCommunity } from '../../src/components/community/community.js';
import { demoPersonas } from '../../server/msw/index.js';
import { part, text, until } from '../support/dom.js';
import { API, customerToken, employeeToken, startMockApi } from '../support/mock-api.js';

/** An employees-only board, with one idea, as the site's `access` configuration makes it. */
async function privateBoard() {
  const api = await startMockApi();
  await api.community.ideas.saveBoard({ id: 'staff', title: 'Staff ideas' });
  api.community.moderation.setPlaceReaders('board:staff', ['employee']);
  await api.community.ideas.submit(demoPersonas.employee, 'staff', {
    title: 'Standing desks',
  });
  return api;
}

async function boardFor(token: string | undefined) {
  const community = await fixture<CwCommunity>(
    token === undefined
      ? html`<cw-community api=${API}><cw-idea-board board="staff"></cw-idea-board></cw-community>`
      : html`<cw-community api=${API} token=${token}
          ><cw-idea-board board="staff"></cw-idea-board
        ></cw-community>`,
  );
  return community.querySelector('cw-idea-board')!;
}

describe('private spaces in the widgets', () => {
  for (const [who, token] of [
    ['a customer', customerToken],
    ['an anonymous visitor', () => undefined],
  ] as const) {
    it(`shows ${who} the board as missing, with nothing to retry`, async () => {
      await privateBoard();
      const el = await boardFor(token());
      await until(() => part(el, 'error'), 'no error shown');
      expect(part(el, 'error')!.textContent).to.include('does not exist');
      expect(part(el, 'retry')).to.equal(null);
      expect(text(el)).not.to.include('Standing desks');
      expect(text(el)).not.to.include('Staff ideas');
      await expect(el).to.be.accessible();
    });
  }

  it('never shows a retryable list error when the board answers after its ideas', async () => {
    const api = await privateBoard();
    // The board's 404 waits until the list's 404 has reached the page, however fast the machine.
    let releaseBoard!: () => void;
    const listAnswered = new Promise<void>((resolve) => (releaseBoard = resolve));
    api.use(
      http.get(`${API}/boards/:board`, async () => {
        await listAnswered;
        return undefined; // then answered by the contract's handler
      }),
      http.get(`${API}/boards/:board/ideas`, () => {
        setTimeout(releaseBoard, 50);
        return undefined;
      }),
    );
    const el = await boardFor(customerToken());
    await until(() => api.requestsTo('/boards/staff/ideas').length > 0, 'no list request');
    const seen: string[] = [];
    await until(() => {
      const error = part(el, 'error');
      if (error) seen.push(error.textContent!.trim());
      return error?.textContent!.includes('does not exist');
    }, 'no error shown');
    expect(seen.filter((sentence) => !sentence.includes('does not exist'))).to.deep.equal([]);
    expect(part(el, 'retry')).to.equal(null);
  });

  it('shows an employee the board and its ideas', async () => {
    await privateBoard();
    const el = await boardFor(employeeToken());
    await until(() => text(el).includes('Standing desks'), 'the idea did not show');
    expect(part(el, 'error')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('writes no JSON-LD for a private subject to outsiders, and writes it for employees', async () => {
    const api = await startMockApi();
    await api.community.reviews.create(
      demoPersonas.employee,
      'hr-handbook',
      { stars: 5, title: 'Clear handbook', body: 'Everything about leave in one place.' },
      undefined,
    );
    api.community.moderation.setPlaceReaders('subject:hr-*', ['employee']);
    const reviewsFor = async (token: string | undefined) => {
      const community = await fixture<CwCommunity>(
        token === undefined
          ? html`<cw-community api=${API}
              ><cw-reviews subject="hr-handbook" structured-data></cw-reviews
            ></cw-community>`
          : html`<cw-community api=${API} token=${token}
              ><cw-reviews subject="hr-handbook" structured-data></cw-reviews
            ></cw-community>`,
      );
      return community.querySelector('cw-reviews')!;
    };
    for (const token of [customerToken(), undefined]) {
      const el = await reviewsFor(token);
      await until(() => part(el, 'error'), 'the list did not fail');
      await el.updateComplete;
      expect(el.querySelector('script[type="application/ld+json"]')).to.equal(null);
      expect(text(el)).not.to.include('Clear handbook');
    }
    const el = await reviewsFor(employeeToken());
    await until(
      () => el.querySelector('script[type="application/ld+json"]'),
      'no JSON-LD for the employee',
    );
    const data = JSON.parse(el.querySelector('script[type="application/ld+json"]')!.textContent!);
    expect(data.review[0].name).to.equal('Clear handbook');
  });
});
