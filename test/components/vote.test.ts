import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { CwVote } from '../../src/components/shared/vote.js';
import type { VoteDetail } from '../../src/core/events.js';
import { focused, part, parts, text } from '../support/dom.js';

const about = { target: 'question', subject: 'sku-1', id: 'q-1' } as const;

describe('cw-vote', () => {
  it('up/down: pressed state, the typed cw-vote event, and pressing again withdraws', async () => {
    const el = await fixture<CwVote>(
      html`<cw-vote
        .for=${about}
        .value=${1}
        .count=${4}
        label="Votes for the question"
        up-label="Vote up"
        down-label="Vote down"
        count-text="4 votes"
      ></cw-vote>`,
    );
    await expect(el).to.be.accessible();
    expect(part(el, 'vote-up')!.getAttribute('aria-pressed')).to.equal('true');
    expect(part(el, 'vote-down')!.getAttribute('aria-pressed')).to.equal('false');
    expect(part(el, 'score')!.textContent!.trim()).to.equal('4');
    let event = oneEvent(el, 'cw-vote');
    part(el, 'vote-up')!.click();
    expect(((await event) as CustomEvent<VoteDetail>).detail).to.deep.equal({
      ...about,
      value: 0,
      previous: 1,
    });
    // By keyboard: Tab to "down", Enter.
    part(el, 'vote-up')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal(part(el, 'vote-down'));
    event = oneEvent(el, 'cw-vote');
    await sendKeys({ press: 'Enter' });
    const detail = ((await event) as CustomEvent<VoteDetail>).detail;
    expect([detail.value, detail.previous]).to.deep.equal([-1, 1]);
  });

  it('read-only shows the count alone; unavailable and disabled fire nothing', async () => {
    const el = await fixture<CwVote>(
      html`<cw-vote readonly .count=${2} count-text="2 votes"></cw-vote>`,
    );
    expect(parts(el, 'vote-up')).to.have.length(0);
    expect(text(el)).to.contain('2 votes');
    await expect(el).to.be.accessible();
    const single = await fixture<CwVote>(
      html`<cw-vote
        mode="single"
        unavailable
        .for=${{ target: 'idea', board: 'b', id: 'i-1' }}
        .count=${3}
        count-text="3 votes"
        label="for Dark mode"
      ></cw-vote>`,
    );
    let fired = 0;
    single.addEventListener('cw-vote', () => (fired += 1));
    expect(part(single, 'vote-up')!.getAttribute('aria-disabled')).to.equal('true');
    part(single, 'vote-up')!.click();
    single.unavailable = false;
    single.disabled = true;
    await single.updateComplete;
    part(single, 'vote-up')!.click();
    expect(fired).to.equal(0);
    expect(text(single)).to.contain('3 votes');
    await expect(single).to.be.accessible();
  });

  it('pair: two toggles that show their own counts; "no" is -1, pressing it again withdraws', async () => {
    const review = { target: 'review', subject: 'sku-1', id: 'r-1' } as const;
    const el = await fixture<CwVote>(
      html`<cw-vote
        mode="pair"
        .for=${review}
        .value=${-1}
        label="Was this review helpful?"
        up-label="Yes (2)"
        down-label="No (1)"
      ></cw-vote>`,
    );
    await expect(el).to.be.accessible();
    const [yes, no] = parts(el, 'vote');
    expect([yes!.textContent!.trim(), no!.textContent!.trim()]).to.deep.equal([
      'Yes (2)',
      'No (1)',
    ]);
    expect(no!.getAttribute('aria-pressed')).to.equal('true');
    expect(part(el, 'base')!.getAttribute('aria-label')).to.equal('Was this review helpful?');
    let event = oneEvent(el, 'cw-vote');
    no!.click();
    expect(((await event) as CustomEvent<VoteDetail>).detail).to.deep.equal({
      ...review,
      value: 0,
      previous: -1,
    });
    event = oneEvent(el, 'cw-vote');
    yes!.click();
    const detail = ((await event) as CustomEvent<VoteDetail>).detail;
    expect([detail.value, detail.previous]).to.deep.equal([1, -1]);
  });
});
