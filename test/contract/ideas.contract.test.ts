/**
 * Idea boards: boards, ideas, votes within a budget, statuses and the updates voters see,
 * merges, comments, similarity: the same cases against the msw mock and the server.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import {
  BOARD_ID_PATTERN,
  IDEA_BODY_LIMITS,
  IDEA_COMMENT_LIMITS,
  IDEA_NOTE_LIMITS,
  IDEA_ORDERS,
  IDEA_STATUSES,
  IDEA_TITLE_LIMITS,
} from '../../server/domain/idea-rules.js';
import { ideasSuite } from './suites/ideas.js';
import { targets } from './targets.js';

describe('Ideas contract constants', () => {
  const contract = parse(readFileSync(new URL('../../api/openapi.yaml', import.meta.url), 'utf8'));
  const { schemas } = contract.components;

  it('the domain limits are the contract limits', () => {
    assert.equal(schemas.IdeaTitle.minLength, IDEA_TITLE_LIMITS.min);
    assert.equal(schemas.IdeaTitle.maxLength, IDEA_TITLE_LIMITS.max);
    assert.equal(schemas.IdeaBody.maxLength, IDEA_BODY_LIMITS.max);
    assert.equal(schemas.IdeaStatusNote.maxLength, IDEA_NOTE_LIMITS.max);
    assert.equal(schemas.IdeaCommentBody.minLength, IDEA_COMMENT_LIMITS.min);
    assert.equal(schemas.IdeaCommentBody.maxLength, IDEA_COMMENT_LIMITS.max);
    assert.equal(schemas.BoardId.pattern, BOARD_ID_PATTERN.source);
    assert.deepEqual(schemas.IdeaStatus.enum, [...IDEA_STATUSES]);
    const listIdeas = contract.paths['/boards/{board}/ideas'].get;
    const sort = listIdeas.parameters.find((p: { name: string }) => p.name === 'sort');
    assert.deepEqual(sort.schema.enum, [...IDEA_ORDERS]);
  });
});

for (const factory of targets) ideasSuite(factory);
