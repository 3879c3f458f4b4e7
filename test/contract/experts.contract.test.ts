/**
 * Experts: reputation from the other widgets' events, per-topic expertise, endorsements,
 * batched profiles, the ranked directory and invitations: the same cases against the msw
 * mock and the server.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import {
  MAX_PROFILE_BATCH,
  REPUTATION_LEVELS,
  USER_ID_PATTERN,
} from '../../server/domain/expert-rules.js';
import { expertsSuite } from './suites/experts.js';
import { targets } from './targets.js';

describe('Experts contract constants', () => {
  const contract = parse(readFileSync(new URL('../../api/openapi.yaml', import.meta.url), 'utf8'));
  const { schemas } = contract.components;

  it('the domain levels and patterns are the contract ones', () => {
    assert.deepEqual(
      schemas.ReputationLevel.enum,
      REPUTATION_LEVELS.map((l) => l.level),
    );
    assert.equal(schemas.UserId.pattern, USER_ID_PATTERN.source);
    assert.match(
      contract.paths['/users'].get.parameters[0].description,
      new RegExp(`1–${MAX_PROFILE_BATCH}`),
    );
  });
});

for (const factory of targets) expertsSuite(factory);
