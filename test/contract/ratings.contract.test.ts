/**
 * The contract suite: the same requests and expectations against the msw mock and the
 * reference server, so a page behaves identically on either. Later widgets add their cases.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import {
  MAX_SUBJECTS_PER_REQUEST,
  SUBJECT_ID_MAX_LENGTH,
  SUBJECT_ID_PATTERN,
} from '../../server/domain/validate.js';
import { ratingsSuite } from './suites/ratings.js';
import { targets } from './targets.js';

describe('contract constants', () => {
  const contract = parse(readFileSync(new URL('../../api/openapi.yaml', import.meta.url), 'utf8'));
  const subjectId = contract.components.schemas.SubjectId;

  it('the domain checks subject ids exactly as the contract describes them', () => {
    assert.equal(SUBJECT_ID_PATTERN.source, subjectId.pattern);
    assert.equal(SUBJECT_ID_MAX_LENGTH, subjectId.maxLength);
    assert.equal(subjectId.minLength, 1);
  });

  it('a full batch of the longest ids fits the subjects parameter', () => {
    const subjects = contract.paths['/ratings'].get.parameters[0];
    const longestBatch = MAX_SUBJECTS_PER_REQUEST * (SUBJECT_ID_MAX_LENGTH + 1) - 1;
    assert.ok(subjects.schema.maxLength >= longestBatch);
  });
});

for (const factory of targets) ratingsSuite(factory);
