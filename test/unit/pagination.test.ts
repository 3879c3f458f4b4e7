import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '../../server/domain/errors.js';
import {
  decodeCursor,
  encodeCursor,
  MAX_PAGE_SIZE,
  pageOf,
  parsePageSize,
} from '../../server/domain/pagination.js';
import {
  lengthProblem,
  normalizeUserText,
  textLength,
  visibleLength,
} from '../../api/shared/user-text.js';
import { textLimitIssue } from '../../server/domain/user-text.js';

const invalid = (pointer: string) => (error: unknown) =>
  error instanceof DomainError && error.issues[0]?.pointer === pointer;

describe('cursor pagination', () => {
  it('round-trips keyset and offset positions', () => {
    const keyset = { order: 'votes', after: [3, 17] };
    assert.deepEqual(decodeCursor(encodeCursor(keyset), 'votes'), keyset);
    const offset = { order: 'search:kettle', offset: 20 };
    assert.deepEqual(decodeCursor(encodeCursor(offset), 'search:kettle'), offset);
    assert.equal(decodeCursor(undefined, 'votes'), undefined);
    assert.match(encodeCursor(keyset), /^[A-Za-z0-9_-]+$/);
  });

  it('refuses cursors of another order, forged or malformed', () => {
    const cursor = encodeCursor({ order: 'votes', after: [1, 2] });
    assert.throws(() => decodeCursor(cursor, 'newest'), invalid('#cursor'));
    for (const bad of ['!!', 'e30', btoa('{"order":"votes","offset":-1}'), 'x'.repeat(600), 42]) {
      assert.throws(() => decodeCursor(bad, 'votes'), invalid('#cursor'));
    }
  });

  it('builds pages with a cursor only when more rows exist', () => {
    const rows = [1, 2, 3];
    const position = (row: number) => ({ order: 'n', after: [row] });
    const full = pageOf(rows, 2, (r) => r * 10, position);
    assert.deepEqual(full.items, [10, 20]);
    assert.deepEqual(decodeCursor(full.nextCursor, 'n'), { order: 'n', after: [2] });
    assert.equal(pageOf(rows, 3, (r) => r, position).nextCursor, null);
  });

  it('takes page sizes from 1 to the maximum', () => {
    assert.equal(parsePageSize(undefined), 20);
    assert.equal(parsePageSize('5'), 5);
    for (const bad of ['0', String(MAX_PAGE_SIZE + 1), '-1', '2.5', 'ten']) {
      assert.throws(() => parsePageSize(bad), invalid('#limit'));
    }
  });
});

describe('user text', () => {
  it('normalises what people post', () => {
    assert.equal(
      normalizeUserText('  Cafe\u0301 \r\n\r\n\r\n\r\nline\u202Etwo\u0000  \n'),
      'Café\n\nlinetwo',
    );
    // Isolates and joiners stay: mixed-direction text and emoji need them.
    assert.equal(normalizeUserText('a\u2067b\u2069 👩\u200D💻'), 'a\u2067b\u2069 👩\u200D💻');
  });

  it('counts characters as people do and says what is wrong', () => {
    assert.equal(textLength('👍🏽é'), 3);
    assert.equal(
      textLimitIssue('short', { min: 10, max: 20 }, '/title', 'The title')!.detail,
      'The title needs at least 10 characters.',
    );
    assert.equal(
      textLimitIssue('x'.repeat(25), { min: 1, max: 20 }, '/body', 'The answer')!.detail,
      'The answer may have at most 20 characters; this one has 25.',
    );
    assert.equal(textLimitIssue('fits', { min: 1, max: 20 }, '/body', 'The answer'), undefined);
  });

  it('refuses text made only of characters nobody sees, counting as the widgets do', () => {
    const title = { min: 10, max: 150 };
    for (const invisible of [
      '\u200D'.repeat(12),
      '\u0301'.repeat(12),
      '\u200C\u2060\uFEFF'.repeat(4),
      '\u3164'.repeat(12),
      ' \u0301\u0301 \u200D ',
    ]) {
      assert.equal(normalizeUserText(invisible), '', JSON.stringify(invisible));
      assert.equal(
        textLimitIssue(normalizeUserText(invisible), title, '/title', 'The title')!.detail,
        'The title needs at least 10 characters.',
      );
    }
    for (const oneVisible of ['a' + '\u200B'.repeat(12), 'a' + '\u200D'.repeat(12)]) {
      const text = normalizeUserText(oneVisible);
      assert.equal(visibleLength(text), 1);
      assert.deepEqual(lengthProblem(text, title), { kind: 'short', visible: 1 });
    }
    // Marks on letters and joiners in emoji are text: these count as before.
    assert.equal(visibleLength('नमस्ते'), 6);
    assert.equal(visibleLength('Café'), 4);
    assert.equal(visibleLength('👩\u200D💻'), 2);
    assert.equal(lengthProblem('How long does it last?', title), undefined);
  });
});
