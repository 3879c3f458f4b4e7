import { expect } from '@open-wc/testing';
import { until } from '../support/dom.js';
import { PagedList, type PagedListState, type PageResult } from '../../src/core/paged-list.js';

interface Item {
  id: string;
}

const items = (...ids: string[]): Item[] => ids.map((id) => ({ id }));

describe('paged list', () => {
  it('loads the first page on first interest and appends more, once per item', async () => {
    const pages: Record<string, PageResult<Item>> = {
      first: { items: items('a', 'b'), nextCursor: 'c2' },
      c2: { items: items('b', 'c'), nextCursor: null },
    };
    const asked: Array<string | undefined> = [];
    const list = new PagedList<Item>(async (cursor) => {
      asked.push(cursor);
      return pages[cursor ?? 'first']!;
    });
    let state: PagedListState<Item> = list.state;
    list.subscribe((s) => (state = s));
    await until(() => state.status === 'ready');
    expect(state.hasMore).to.equal(true);
    await list.loadMore();
    expect(state.items.map((i) => i.id)).to.deep.equal(['a', 'b', 'c']);
    expect(state.hasMore).to.equal(false);
    await list.loadMore();
    expect(asked).to.deep.equal([undefined, 'c2']);
  });

  it('never lets a stale first page overwrite a newer one', async () => {
    const resolvers: Array<(page: PageResult<Item>) => void> = [];
    const list = new PagedList<Item>(() => new Promise((resolve) => resolvers.push(resolve)));
    let state = list.state;
    list.subscribe((s) => (state = s));
    list.reload();
    resolvers[1]!({ items: items('new'), nextCursor: null });
    await until(() => state.status === 'ready');
    resolvers[0]!({ items: items('stale'), nextCursor: null });
    await new Promise((resolve) => setTimeout(resolve));
    expect(state.items.map((i) => i.id)).to.deep.equal(['new']);
  });

  it('keeps shown items when a later page fails, and edits items in place', async () => {
    let fail = false;
    const list = new PagedList<Item & { n?: number }>(async (cursor) => {
      if (fail) throw new TypeError('offline');
      return cursor ? { items: [], nextCursor: null } : { items: items('a'), nextCursor: 'x' };
    });
    let state = list.state;
    list.subscribe((s) => (state = s));
    await until(() => state.status === 'ready');
    fail = true;
    await list.loadMore();
    expect(state.error?.kind).to.equal('network');
    expect(state.items).to.have.length(1);
    list.replace({ id: 'a', n: 2 });
    list.insert({ id: 'z' });
    expect(state.items).to.deep.equal([{ id: 'z' }, { id: 'a', n: 2 }]);
    list.remove('z');
    expect(state.items.map((i) => i.id)).to.deep.equal(['a']);
  });
});
