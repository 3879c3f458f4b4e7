/**
 * Reviews in the contract suite: every review route, its errors, auth rules, idempotency and
 * helpful votes, against the msw mock and the reference server alike.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import {
  REVIEW_BODY_LIMITS,
  REVIEW_ID_PATTERN,
  REVIEW_SORTS,
  REVIEW_TITLE_LIMITS,
} from '../../server/domain/review-rules.js';
import { reviewsSuite } from './suites/reviews.js';
import { targets } from './targets.js';

const REVIEW_KEYS = [
  'author',
  'body',
  'createdAt',
  'editedAt',
  'helpful',
  'id',
  'own',
  'stars',
  'subject',
  'title',
  'verified',
  'viewerHelpful',
];

describe('review contract constants', () => {
  const contract = parse(readFileSync(new URL('../../api/openapi.yaml', import.meta.url), 'utf8'));
  const schemas = contract.components.schemas;

  it('the domain limits reviews exactly as the contract describes them', () => {
    assert.equal(schemas.ReviewTitle.minLength, REVIEW_TITLE_LIMITS.min);
    assert.equal(schemas.ReviewTitle.maxLength, REVIEW_TITLE_LIMITS.max);
    assert.equal(schemas.ReviewBody.minLength, REVIEW_BODY_LIMITS.min);
    assert.equal(schemas.ReviewBody.maxLength, REVIEW_BODY_LIMITS.max);
    assert.deepEqual(schemas.ReviewSort.enum, [...REVIEW_SORTS]);
    assert.equal(REVIEW_ID_PATTERN.source, schemas.ReviewId.pattern);
    assert.deepEqual([...schemas.Review.required].sort(), REVIEW_KEYS);
  });
});

for (const factory of targets) reviewsSuite(factory);
