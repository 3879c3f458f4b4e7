import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MAX_BODY_BYTES } from '../../server/http/body.js';
import { person, startApp, tempDir, tokenFor, type RunningApp } from './helpers.js';

/**
 * Hostile requests of every kind a client can send: none may be answered 500, and every
 * refusal is problem+json naming its request id. Sent raw (node:http, not fetch), so paths
 * reach the server exactly as written: encoded traversal, NUL bytes, broken escapes.
 */
interface Abuse {
  name: string;
  method: string;
  path: string;
  body?: string | Buffer;
  headers?: Record<string, string>;
  /** The status the server must answer, when one is the only right answer. */
  status?: number;
  /**
   * Bytes that are not HTTP: node refuses them before fastify sees a request, so there is
   * no Origin to answer CORS for (the answer is still problem+json with an id).
   */
  notHttp?: boolean;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(baseUrl: string, abuse: Abuse, token: string): Promise<Answer> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        hostname,
        port,
        agent: false,
        method: abuse.method,
        path: abuse.path,
        headers: {
          Authorization: `Bearer ${token}`,
          Origin: 'https://shop.example',
          ...(abuse.body !== undefined
            ? {
                'Content-Type': 'application/json',
                'Content-Length': Buffer.byteLength(abuse.body),
              }
            : {}),
          ...abuse.headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode!,
            headers: response.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
    if (abuse.body !== undefined) req.write(abuse.body);
    req.end();
  });
}

const nest = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
const json = (value: unknown) => JSON.stringify(value);
/** Percent-encodes `text`; a lone surrogate has no UTF-8, so it goes as CESU bytes instead. */
const query = (text: string) => {
  try {
    return encodeURIComponent(text);
  } catch {
    return '%ED%A0%80';
  }
};

/** Every kind of hostile input, against every route that takes it. */
function abuses(ids: { question: string; answer: string; review: string; idea: string }): Abuse[] {
  const list: Abuse[] = [];
  const writes: Array<[string, string]> = [
    ['PUT', '/api/subjects/sku-1/rating'],
    ['POST', '/api/subjects/sku-1/questions'],
    ['PATCH', `/api/questions/${ids.question}`],
    ['PUT', `/api/questions/${ids.question}/vote`],
    ['PUT', `/api/questions/${ids.question}/accepted`],
    ['POST', `/api/questions/${ids.question}/answers`],
    ['PATCH', `/api/answers/${ids.answer}`],
    ['PUT', `/api/answers/${ids.answer}/vote`],
    ['POST', '/api/subjects/sku-2/reviews'],
    ['PATCH', `/api/reviews/${ids.review}`],
    ['PUT', `/api/reviews/${ids.review}/helpful`],
    ['POST', '/api/boards/roadmap/ideas'],
    ['PUT', `/api/ideas/${ids.idea}/vote`],
    ['POST', `/api/ideas/${ids.idea}/comments`],
    ['PATCH', `/api/ideas/${ids.idea}`],
    ['POST', `/api/ideas/${ids.idea}/merge`],
    ['PUT', '/api/users/u-other/endorsements/widgets'],
    ['POST', `/api/questions/${ids.question}/invitations`],
  ];
  // Sizes
  for (const [method, path] of writes) {
    list.push({ name: `size: empty body ${method} ${path}`, method, path, body: '' });
    list.push({
      name: `size: just over the limit ${path}`,
      method,
      path,
      body: json({ title: 'x'.repeat(MAX_BODY_BYTES) }),
    });
    list.push({
      name: `size: huge string field ${path}`,
      method,
      path,
      body: json({ title: 'é'.repeat(6000), body: 'b'.repeat(6000), value: 1 }),
    });
  }
  // Depths
  for (const [method, path] of writes) {
    list.push({ name: `depth 9 ${path}`, method, path, body: nest(9) });
    list.push({
      name: `depth 5000 ${path}`,
      method,
      path,
      body: '['.repeat(5000) + ']'.repeat(5000),
    });
  }
  // Types
  const wrongTypes: unknown[] = [
    null,
    [],
    'text',
    7,
    true,
    { value: '5' },
    { value: null },
    { value: 1e308 },
    { title: 42, body: [] },
    { stars: '5', title: {}, body: null },
    { __proto__: { admin: true }, value: 1 },
  ];
  for (const [method, path] of writes.slice(0, 12)) {
    for (const value of wrongTypes.slice(0, 6)) {
      list.push({ name: `type ${json(value)} ${path}`, method, path, body: json(value) });
    }
  }
  for (const value of wrongTypes) {
    list.push({
      name: `type ${json(value)} rating`,
      method: 'PUT',
      path: '/api/subjects/sku-1/rating',
      body: json(value),
    });
  }
  list.push({
    name: 'type: constructor poisoning',
    method: 'PUT',
    path: '/api/subjects/sku-1/rating',
    body: '{"constructor":{"prototype":{"x":1}},"value":1}',
  });
  list.push({
    name: 'type: __proto__ key',
    method: 'PUT',
    path: '/api/subjects/sku-1/rating',
    body: '{"__proto__":{"x":1},"value":1}',
  });
  list.push({
    name: 'type: duplicate keys',
    method: 'PUT',
    path: '/api/subjects/sku-1/rating',
    body: '{"value":1,"value":"x"}',
  });
  list.push({
    name: 'type: trailing garbage',
    method: 'PUT',
    path: '/api/subjects/sku-1/rating',
    body: '{"value":1} x',
  });
  list.push({
    name: 'type: form body',
    method: 'PUT',
    path: '/api/subjects/sku-1/rating',
    body: 'value=1',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  list.push({
    name: 'type: utf-16 charset',
    method: 'PUT',
    path: '/api/subjects/sku-1/rating',
    body: json({ value: 1 }),
    headers: { 'Content-Type': 'application/json; charset=utf-16' },
  });
  list.push({
    name: 'type: no content type',
    method: 'POST',
    path: '/api/subjects/sku-1/questions',
    body: json({ title: 'A question here' }),
    headers: { 'Content-Type': '' },
  });
  // Cursors
  const lists = [
    '/api/subjects/sku-1/questions',
    `/api/questions/${ids.question}/answers`,
    '/api/subjects/sku-1/reviews',
    '/api/boards/roadmap/ideas',
    `/api/ideas/${ids.idea}/comments`,
    '/api/experts?topic=widgets',
  ];
  const cursors = [
    'x',
    '%00',
    '%ff%fe',
    'eyJ9',
    Buffer.from('{"o":"x","k":[1,2,3]}').toString('base64url'),
    Buffer.from('{"offset":-1}').toString('base64url'),
    Buffer.from('[]').toString('base64url'),
    'a'.repeat(513),
    '%F0%9F%92%A9',
    '..%2f..',
    'null',
    '-1',
  ];
  for (const path of lists) {
    for (const cursor of cursors) {
      const sep = path.includes('?') ? '&' : '?';
      list.push({
        name: `cursor ${cursor.slice(0, 20)} ${path}`,
        method: 'GET',
        path: `${path}${sep}cursor=${cursor}`,
      });
    }
    list.push({
      name: `limit abuse ${path}`,
      method: 'GET',
      path: `${path}${path.includes('?') ? '&' : '?'}limit=99999999999999999999`,
    });
    list.push({
      name: `sort abuse ${path}`,
      method: 'GET',
      path: `${path}${path.includes('?') ? '&' : '?'}sort=__proto__&status=constructor&stars=NaN`,
    });
  }
  // Subject ids
  const subjects = [
    '',
    '%20',
    '%00',
    '..',
    '%2e%2e',
    '%2e%2e%2f%2e%2e',
    'a%2fb',
    '%F0%9D%94%98',
    '%E2%80%AE',
    'a'.repeat(129),
    'a'.repeat(512),
    '%ff',
    '%',
    '%%41',
    'a;b',
    'a%0Ab',
    'CON',
    '__proto__',
    'constructor',
    'sku-1%3Fx=1',
  ];
  for (const subject of subjects) {
    list.push({
      name: `subject ${subject.slice(0, 20)} GET ratings`,
      method: 'GET',
      path: `/api/ratings?subjects=${subject}`,
    });
    list.push({
      name: `subject ${subject.slice(0, 20)} PUT rating`,
      method: 'PUT',
      path: `/api/subjects/${subject}/rating`,
      body: json({ value: 3 }),
    });
    list.push({
      name: `subject ${subject.slice(0, 20)} questions`,
      method: 'GET',
      path: `/api/subjects/${subject}/questions`,
    });
  }
  list.push({
    name: 'subjects: 1000 at once',
    method: 'GET',
    path: `/api/ratings?subjects=${Array.from({ length: 1000 }, (_, n) => `s${n}`).join(',')}`,
  });
  list.push({ name: 'subjects: only commas', method: 'GET', path: '/api/ratings?subjects=,,,,' });
  list.push({
    name: 'subjects: repeated parameter',
    method: 'GET',
    path: '/api/ratings?subjects=a&subjects=b',
  });
  list.push({
    name: 'users: 1000 ids',
    method: 'GET',
    path: `/api/users?ids=${Array.from({ length: 1000 }, (_, n) => `u${n}`).join(',')}`,
  });
  // NUL bytes
  const nuls = ['a\u0000b', '\u0000', 'title with a NUL \u0000 inside'];
  for (const text of nuls) {
    list.push({
      name: `NUL in question title`,
      method: 'POST',
      path: '/api/subjects/sku-1/questions',
      body: json({ title: text.padEnd(20, 'x') }),
    });
    list.push({
      name: `NUL in review`,
      method: 'POST',
      path: '/api/subjects/sku-3/reviews',
      body: json({ stars: 4, title: text, body: text.padEnd(30, 'y') }),
    });
    list.push({
      name: `NUL in idea`,
      method: 'POST',
      path: '/api/boards/roadmap/ideas',
      body: json({ title: text.padEnd(20, 'z'), body: text }),
    });
    list.push({
      name: `NUL in search`,
      method: 'GET',
      path: `/api/subjects/sku-1/questions?q=${encodeURIComponent(text)}`,
    });
    list.push({
      name: `NUL in Idempotency-Key`,
      method: 'POST',
      path: '/api/subjects/sku-1/questions',
      body: json({ title: 'An honest question?' }),
      headers: { 'Idempotency-Key': encodeURIComponent(text) },
    });
  }
  list.push({
    name: 'NUL byte raw in the body',
    method: 'PUT',
    path: '/api/subjects/sku-1/rating',
    body: Buffer.from([0x7b, 0x00, 0x7d]),
  });
  // Unicode
  const unicode = [
    '\ud800',
    '\udfff\ud800',
    '\u202e\u202d',
    '\u200b'.repeat(20),
    '́'.repeat(40),
    '🏳️‍🌈'.repeat(30),
    'ﷺ'.repeat(50),
    '\uFEFF'.repeat(20),
  ];
  for (const text of unicode) {
    list.push({
      name: `unicode question ${json(text).slice(0, 12)}`,
      method: 'POST',
      path: '/api/subjects/sku-1/questions',
      body: json({ title: text, body: text }),
    });
    list.push({
      name: `unicode idea ${json(text).slice(0, 12)}`,
      method: 'POST',
      path: '/api/boards/roadmap/ideas',
      body: json({ title: text, body: text }),
    });
    list.push({
      name: `unicode search ${json(text).slice(0, 12)}`,
      method: 'GET',
      path: `/api/boards/roadmap/ideas/similar?q=${query(text)}`,
    });
  }
  list.push({
    name: 'unicode: invalid UTF-8 body',
    method: 'POST',
    path: '/api/subjects/sku-1/questions',
    body: Buffer.from([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0x22, 0x7d]),
  });
  list.push({
    name: 'unicode: BOM before JSON',
    method: 'PUT',
    path: '/api/subjects/sku-1/rating',
    body: '\uFEFF{"value":3}',
  });
  list.push({
    name: 'unicode: invalid escape in path',
    method: 'GET',
    path: '/api/subjects/%E0%A4%A/questions',
  });
  // Traversal on static routes
  const traversals = [
    '/cdn/..%2f..%2fpackage.json',
    '/cdn/..%2f..%2f..%2fetc%2fpasswd',
    '/cdn/%2e%2e/%2e%2e/package.json',
    '/cdn/..%5c..%5cpackage.json',
    '/..%2f..%2fpackage.json',
    '/%2e%2e%2fpackage.json',
    '/cdn/%00',
    '/cdn/a%00.js',
    '/cdn/%c0%ae%c0%ae/package.json',
    '/cdn/....//....//package.json',
    '/cdn//etc/passwd',
    '/cdn/%252e%252e%252fpackage.json',
    '/index.html%00.js',
    '/cdn/widget.js/..%2f..%2f..%2fpackage.json',
  ];
  for (const path of traversals) list.push({ name: `traversal ${path}`, method: 'GET', path });
  list.push({
    name: 'static: unsatisfiable range',
    method: 'GET',
    path: '/cdn/widget.js',
    headers: { Range: 'bytes=9999-99999' },
  });
  list.push({
    name: 'static: garbage range',
    method: 'GET',
    path: '/cdn/widget.js',
    headers: { Range: 'bytes=z-' },
  });
  // Long path parameters
  const long = 'a'.repeat(600);
  for (const [method, path] of [
    ['PUT', `/api/subjects/${long}/rating`],
    ['DELETE', `/api/subjects/${long}/rating`],
    ['GET', `/api/subjects/${long}/questions`],
    ['PUT', `/api/questions/${long}/vote`],
    ['DELETE', `/api/questions/${long}`],
    ['PATCH', `/api/answers/${long}`],
    ['GET', `/api/boards/${long}/ideas`],
    ['PUT', `/api/ideas/${long}/vote`],
    ['DELETE', `/api/reviews/${long}`],
    ['PUT', `/api/users/${long}/endorsements/${long}`],
    ['GET', `/cdn/${long}`],
    ['GET', `/api/subjects/${'b'.repeat(5000)}/rating`],
  ] as const) {
    list.push({
      name: `long param ${method} ${path.slice(0, 40)}`,
      method,
      path,
      status: 414,
      ...(method === 'PUT' ? { body: json({ value: 1 }) } : {}),
    });
  }
  // Methods and headers
  for (const method of ['PROPFIND', 'TRACE', 'PATCH', 'OPTIONS']) {
    list.push({ name: `method ${method}`, method, path: '/api/ratings?subjects=a' });
  }
  list.push({
    name: 'Idempotency-Key: 300 chars',
    method: 'POST',
    path: '/api/subjects/sku-1/questions',
    body: json({ title: 'Another honest question?' }),
    headers: { 'Idempotency-Key': 'k'.repeat(300) },
  });
  list.push({
    name: 'Authorization: garbage',
    method: 'GET',
    path: '/api/me',
    headers: { Authorization: 'Bearer !!!' },
    status: 401,
  });
  list.push({
    name: 'Authorization: huge',
    method: 'GET',
    path: '/api/me',
    headers: { Authorization: `Bearer ${'a'.repeat(8000)}` },
    status: 401,
  });
  list.push({
    name: 'Authorization: basic',
    method: 'GET',
    path: '/api/me',
    headers: { Authorization: 'Basic YTpi' },
    status: 401,
  });
  list.push({
    name: 'X-Request-Id: hostile',
    method: 'GET',
    path: '/api/me',
    headers: { 'X-Request-Id': '<script>' },
  });
  list.push({
    name: 'Content-Length lies',
    method: 'PUT',
    path: '/api/subjects/sku-1/rating',
    body: '{"value":1}',
    headers: { 'Content-Length': '5' },
    notHttp: true,
  });
  return list;
}

describe('abuse: nothing a client sends is answered 500', () => {
  let server: RunningApp;
  let token: string;
  let ids: { question: string; answer: string; review: string; idea: string };
  before(async () => {
    const cdnDir = await tempDir('cw-abuse-cdn-');
    const demoDir = await tempDir('cw-abuse-demo-');
    await writeFile(join(cdnDir, 'widget.js'), 'export {};\n');
    await mkdir(join(demoDir, 'pages'));
    await writeFile(join(demoDir, 'index.html'), '<!doctype html><title>demo</title>');
    server = await startApp({ cdnDir, demoDir, allowedOrigins: ['https://shop.example'] });
    token = await tokenFor(person('u-abuser', ['member', 'moderator']));
    await server.app.community.ideas.saveBoard({ id: 'roadmap', title: 'Roadmap', voteBudget: 10 });
    const post = async (path: string, body: unknown) => {
      const response = await fetch(`${server.baseUrl}/api${path}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
      assert.ok(response.ok, `${path}: ${response.status}`);
      return (await response.json()) as any;
    };
    const question = await post('/subjects/sku-1/questions', { title: 'How long does it last?' });
    const answer = await post(`/questions/${question.id}/answers`, { body: 'About ten years.' });
    const review = await post('/subjects/sku-4/reviews', {
      stars: 4,
      title: 'Good',
      body: 'It does what it says.',
    });
    const idea = await post('/boards/roadmap/ideas', { title: 'A dark theme please' });
    ids = { question: question.id, answer: answer.id, review: review.review.id, idea: idea.id };
  });
  after(() => server.close());

  it('answers every hostile request with its real status, as problem+json with a request id', async () => {
    const all = abuses(ids);
    assert.ok(all.length >= 272, `${all.length} abuse requests`);
    const failures: string[] = [];
    for (const abuse of all) {
      const answer = await send(server.baseUrl, abuse, token);
      const type = String(answer.headers['content-type'] ?? '');
      const problems: string[] = [];
      if (answer.status >= 500) problems.push(`status ${answer.status}`);
      if (abuse.status !== undefined && answer.status !== abuse.status) {
        problems.push(`status ${answer.status}, expected ${abuse.status}`);
      }
      if (answer.status >= 400 && !type.startsWith('application/problem+json')) {
        problems.push(`content-type "${type}"`);
      }
      if (!answer.headers['x-request-id']) problems.push('no x-request-id');
      if (answer.status >= 400 && abuse.path.startsWith('/api/') && !abuse.notHttp) {
        if (answer.headers['access-control-allow-origin'] !== 'https://shop.example') {
          problems.push('no CORS header');
        }
        if (!answer.headers['x-content-type-options']) problems.push('no security headers');
      }
      if (
        abuse.path.startsWith('/cdn/') ||
        abuse.path.startsWith('/..') ||
        abuse.path.startsWith('/%')
      ) {
        if (answer.status < 400 && /"name"|root:/.test(answer.body))
          problems.push('served a file outside the root');
      }
      if (problems.length > 0) failures.push(`${abuse.name}: ${problems.join(', ')}`);
    }
    assert.deepEqual(failures, []);
  });

  it('answers the encoded traversal of the issue 403 or 404, and a 600-character parameter 414', async () => {
    for (const path of ['/cdn/..%2f..%2fpackage.json']) {
      const answer = await send(server.baseUrl, { name: path, method: 'GET', path }, token);
      assert.ok([403, 404].includes(answer.status), `${path}: ${answer.status}`);
      assert.match(String(answer.headers['content-type']), /^application\/problem\+json/);
      assert.ok(answer.headers['x-request-id']);
    }
    const path = `/api/subjects/${'a'.repeat(600)}/rating`;
    const answer = await send(server.baseUrl, { name: 'long', method: 'DELETE', path }, token);
    assert.equal(answer.status, 414);
    const problem = JSON.parse(answer.body);
    assert.equal(problem.type, 'https://community-widgets.dev/problems/uri-too-long');
    assert.equal(problem.instance, answer.headers['x-request-id']);
    assert.ok(!answer.body.includes('a'.repeat(600)), 'the answer does not echo the URL');
    assert.equal(answer.headers['access-control-allow-origin'], 'https://shop.example');
  });
});
