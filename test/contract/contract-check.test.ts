/**
 * The response check the contract suites rely on: it passes what the contract declares and
 * fails each kind of drift, both on answers built here and on a mock handler planted to drift.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createHandlers, createMockCommunity, mockToken } from '../../server/msw/index.js';
import { PROBLEM_BASE, problem } from '../../server/http/problem.js';
import { client } from './client.js';
import { contractCheck } from './contract-check.js';
import type { Target } from './target.js';

const summary = {
  subject: 'sku-1',
  average: 4,
  count: 1,
  distribution: [0, 0, 0, 1, 0],
  viewerRating: 4,
};

function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = body === undefined ? '' : JSON.stringify(body);
  return {
    status,
    text,
    headers: new Headers({
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    }),
  };
}

const problemAnswer = (kind: Parameters<typeof problem>[0], headers = {}) => {
  const body = problem(kind, 'Because.');
  return answer(body.status, body, { 'content-type': 'application/problem+json', ...headers });
};

describe('contract check', () => {
  const check = contractCheck();

  it('finds operations by method and path, literal segments first', () => {
    assert.equal(check.find('GET', '/questions/similar?subject=a&q=b')?.id, 'findSimilarQuestions');
    assert.equal(check.find('GET', '/questions/q-1')?.id, 'getQuestion');
    assert.equal(check.find('PUT', '/subjects/sku-1/rating')?.id, 'setRating');
    assert.equal(check.find('POST', '/subjects/sku-1/rating'), null);
  });

  it('passes answers the contract declares', () => {
    assert.deepEqual(
      check.check('PUT', '/subjects/sku-1/rating', answer(200, summary)).violations,
      [],
    );
    const unauthorized = problemAnswer('unauthenticated', { 'www-authenticate': 'Bearer' });
    assert.deepEqual(check.check('GET', '/me', unauthorized).violations, []);
    const limited = problemAnswer('rate-limited', { 'retry-after': '7' });
    assert.deepEqual(check.check('GET', '/healthz', limited).violations, []);
    assert.deepEqual(
      check.check('DELETE', '/questions/q-1', answer(204, undefined)).violations,
      [],
    );
  });

  it('fails a status the operation does not declare', () => {
    const { violations } = check.check('PUT', '/subjects/sku-1/rating', answer(201, summary));
    assert.match(
      violations.join(),
      /setRating \(PUT \/subjects\/\{subject\}\/rating\) answered 201/,
    );
  });

  it('fails a body with a missing, mistyped or unknown field', () => {
    const missing: Partial<typeof summary> = { ...summary };
    delete missing.average;
    assert.match(
      check.check('PUT', '/subjects/s/rating', answer(200, missing)).violations.join(),
      /must have required property 'average'/,
    );
    assert.match(
      check
        .check('PUT', '/subjects/s/rating', answer(200, { ...summary, count: '1' }))
        .violations.join(),
      /\/count must be integer/,
    );
    assert.match(
      check
        .check('PUT', '/subjects/s/rating', answer(200, { ...summary, extra: 1 }))
        .violations.join(),
      /must NOT have additional properties/,
    );
  });

  it('fails a content type that is not declared for the status', () => {
    const asJson = answer(422, problem('invalid', 'No.'));
    assert.match(
      check.check('PUT', '/subjects/s/rating', asJson).violations.join(),
      /answered as application\/json, not application\/problem\+json/,
    );
  });

  it('fails a missing required header', () => {
    assert.match(
      check.check('GET', '/me', problemAnswer('unauthenticated')).violations.join(),
      /lacks the required WWW-Authenticate header/,
    );
    assert.match(
      check.check('GET', '/me', problemAnswer('rate-limited')).violations.join(),
      /lacks the required Retry-After header/,
    );
  });

  it('fails a problem whose type is not the one for its status, or unknown', () => {
    const mismatched = answer(
      401,
      { ...problem('unauthenticated', 'x'), type: `${PROBLEM_BASE}invalid` },
      { 'content-type': 'application/problem+json', 'www-authenticate': 'Bearer' },
    );
    assert.match(
      check.check('GET', '/me', mismatched).violations.join(),
      /\/type must be equal to constant/,
    );
    const unknown = answer(
      404,
      { ...problem('not-found', 'x'), type: `${PROBLEM_BASE}gone` },
      { 'content-type': 'application/problem+json' },
    );
    assert.match(
      check.check('GET', '/questions/q-1', unknown).violations.join(),
      /\/type must be equal to one of/,
    );
  });

  it('fails a body where the contract declares none', () => {
    assert.match(
      check.check('DELETE', '/questions/q-1', answer(204, {})).violations.join(),
      /declares no body but sent one/,
    );
  });
});

describe('contract check inside the suites: a mock handler planted to drift', () => {
  const baseUrl = 'http://drift.test/api';
  let server: ReturnType<typeof setupServer>;
  const target: Target = {
    baseUrl,
    tokenFor: async (identity) => mockToken(identity),
    close: async () => {},
  };
  const call = client(() => target);
  const token = mockToken({ id: 'u-drift', name: 'D', avatar: null, roles: ['member'] });

  before(async () => {
    const community = await createMockCommunity();
    server = setupServer(
      // One rule changed: creating a rating answers 201, which the contract does not declare.
      http.put(`${baseUrl}/subjects/:subject/rating`, async () =>
        HttpResponse.json(summary, { status: 201 }),
      ),
      // One field wrong: summaries without their distribution.
      http.get(`${baseUrl}/ratings`, () =>
        HttpResponse.json({ items: [{ ...summary, distribution: undefined }] }),
      ),
      ...createHandlers(community, { api: baseUrl }),
    );
    server.listen({ onUnhandledRequest: 'error' });
  });
  after(() => server.close());

  it('the undrifted operations still pass', async () => {
    const answer = await call('/me', { token });
    assert.equal(answer.status, 200);
  });

  it('fails the request that answers an undeclared status, naming the operation', async () => {
    await assert.rejects(
      call('/subjects/sku-1/rating', { method: 'PUT', token, json: { value: 4 } }),
      /breaks the contract:\n- setRating \(PUT \/subjects\/\{subject\}\/rating\) answered 201/,
    );
  });

  it('fails the request whose body lost a required field', async () => {
    await assert.rejects(
      call('/ratings?subjects=sku-1'),
      /getRatingSummaries .* 200 body \/items\/0 must have required property 'distribution'/,
    );
  });
});
