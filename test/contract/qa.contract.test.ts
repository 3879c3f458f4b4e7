/**
 * Questions and answers, and the shared rules they are the first to use (Idempotency-Key,
 * cursor pages, full-text search): the same cases against the msw mock and the server.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { IDEMPOTENCY_KEY_PATTERN } from '../../server/domain/idempotency.js';
import {
  ANSWER_BODY_LIMITS,
  MAX_TOPICS,
  QUESTION_BODY_LIMITS,
  QUESTION_TITLE_LIMITS,
  TOPIC_PATTERN,
} from '../../server/domain/qa-rules.js';
import { POST_ID_PATTERN } from '../../server/domain/questions.js';
import { qaSuite } from './suites/qa.js';
import { targets } from './targets.js';

describe('Q&A contract constants', () => {
  const contract = parse(readFileSync(new URL('../../api/openapi.yaml', import.meta.url), 'utf8'));
  const { schemas, parameters } = contract.components;

  it('the domain limits are the contract limits', () => {
    assert.equal(schemas.QuestionTitle.minLength, QUESTION_TITLE_LIMITS.min);
    assert.equal(schemas.QuestionTitle.maxLength, QUESTION_TITLE_LIMITS.max);
    assert.equal(schemas.QuestionBody.maxLength, QUESTION_BODY_LIMITS.max);
    assert.equal(schemas.AnswerBody.minLength, ANSWER_BODY_LIMITS.min);
    assert.equal(schemas.AnswerBody.maxLength, ANSWER_BODY_LIMITS.max);
    assert.equal(schemas.Topic.pattern, TOPIC_PATTERN.source);
    assert.equal(schemas.QuestionInput.properties.topics.maxItems, MAX_TOPICS);
    assert.equal(schemas.PostId.pattern, POST_ID_PATTERN.source);
    assert.equal(parameters.IdempotencyKey.schema.pattern, IDEMPOTENCY_KEY_PATTERN.source);
  });
});

for (const factory of targets) qaSuite(factory);
