import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accessPolicy, mayEnter, readersOf } from '../../server/domain/access-rules.js';
import type { Identity, Role } from '../../server/domain/types.js';

const as = (...roles: Role[]): Identity => ({ id: 'u-1', name: 'One', avatar: null, roles });

describe('private spaces: the access rule', () => {
  const policy = accessPolicy({
    'board:staff': ['employee'],
    'subject:hr-*': ['employee'],
    'subject:hr-public-*': ['member'],
    'subject:hr-public-board-minutes': ['employee'],
  });

  it('takes an exact place over a prefix, and the longest prefix over a shorter one', () => {
    assert.deepEqual(readersOf(policy, 'subject:hr-leave'), ['employee']);
    assert.deepEqual(readersOf(policy, 'subject:hr-public-holidays'), ['member']);
    assert.deepEqual(readersOf(policy, 'subject:hr-public-board-minutes'), ['employee']);
    assert.equal(readersOf(policy, 'subject:sku-1'), null);
    assert.equal(readersOf(policy, 'subject:h'), null);
    // A prefix names subjects only: boards are named one by one.
    assert.equal(readersOf(policy, 'board:staff-2'), null);
  });

  it('lets in the listed roles and moderators, never anonymous visitors', () => {
    assert.equal(mayEnter(policy, as('member', 'employee'), 'board:staff'), true);
    assert.equal(mayEnter(policy, as('member', 'moderator'), 'board:staff'), true);
    assert.equal(mayEnter(policy, as('member'), 'board:staff'), false);
    assert.equal(mayEnter(policy, as(), 'board:staff'), false);
    assert.equal(mayEnter(policy, null, 'board:staff'), false);
    assert.equal(mayEnter(policy, null, 'subject:hr-public-holidays'), false);
    assert.equal(mayEnter(policy, as('member'), 'subject:hr-public-holidays'), true);
    assert.equal(mayEnter(policy, null, 'board:roadmap'), true);
    assert.equal(mayEnter(policy, null, 'subject:sku-1'), true);
  });

  it('refuses places and roles it does not know, naming each entry', () => {
    assert.throws(() => accessPolicy([]), /access is an object/);
    assert.throws(() => accessPolicy({ 'board:staff-*': ['employee'] }), /"board:staff-\*"/);
    assert.throws(() => accessPolicy({ 'subject:*': ['employee'] }), /"subject:\*"/);
    assert.throws(() => accessPolicy({ 'board:staff': 'employee' }), /list the roles/);
    assert.throws(() => accessPolicy({ 'board:staff': ['admin'] }), /list the roles/);
  });
});
