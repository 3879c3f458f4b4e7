import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { DRAFT_MAX_AGE_MS, DraftController, DraftStorage } from '../../src/core/drafts.js';
import { newIdempotencyKey } from '../../src/core/idempotency.js';

const address = { widget: 'test', subject: 'sku-1', form: 'ask' };

class DraftHost extends LitElement {
  subject = 'sku-1';
  readonly draft = new DraftController(this, () => ({ ...address, subject: this.subject }));
}
customElements.define('draft-host', DraftHost);

describe('drafts', () => {
  beforeEach(() => localStorage.clear());

  it('keeps fields per widget, subject and form across instances (a reload)', async () => {
    const first = await fixture<DraftHost>(html`<draft-host></draft-host>`);
    first.draft.set('title', 'How hot does it get?');
    const afterReload = await fixture<DraftHost>(html`<draft-host></draft-host>`);
    expect(afterReload.draft.value('title')).to.equal('How hot does it get?');
    afterReload.subject = 'sku-2';
    expect(afterReload.draft.value('title')).to.equal('');
  });

  it('reuses one Idempotency-Key per submission until the text changes or it succeeds', async () => {
    const el = await fixture<DraftHost>(html`<draft-host></draft-host>`);
    el.draft.set('body', 'text');
    const key = el.draft.submissionKey();
    expect(key).to.match(/^[A-Za-z0-9-]{8,128}$/);
    const reloaded = await fixture<DraftHost>(html`<draft-host></draft-host>`);
    expect(reloaded.draft.submissionKey()).to.equal(key);
    reloaded.draft.set('body', 'changed text');
    expect(reloaded.draft.submissionKey()).not.to.equal(key);
    reloaded.draft.clear();
    expect(reloaded.draft.isEmpty).to.equal(true);
    expect(new DraftStorage().read(address)).to.equal(undefined);
  });

  it('forgets old drafts and survives broken storage', () => {
    const storage = new DraftStorage();
    storage.write(address, { fields: { body: 'old' }, savedAt: Date.now() - DRAFT_MAX_AGE_MS - 1 });
    expect(storage.read(address)).to.equal(undefined);
    localStorage.setItem('cw-draft:v1:test:sku-1:ask', '{not json');
    expect(storage.read(address)).to.equal(undefined);
    const failing = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => undefined,
    } as unknown as Storage;
    const inMemory = new DraftStorage(failing);
    inMemory.write(address, { fields: { body: 'kept' }, savedAt: Date.now() });
    expect(inMemory.read(address)?.fields.body).to.equal('kept');
  });

  it('makes distinct keys', () => {
    expect(new Set(Array.from({ length: 50 }, newIdempotencyKey)).size).to.equal(50);
  });
});
