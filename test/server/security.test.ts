import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { SignJWT, exportJWK, exportSPKI, generateKeyPair } from 'jose';
import { MAX_BODY_BYTES } from '../../server/http/body.js';
import {
  getSummaries,
  person,
  putRating,
  startApp,
  TEST_SECRET,
  tokenFor,
  type RunningApp,
} from './helpers.js';

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const nowSeconds = () => Math.floor(Date.now() / 1000);

async function me(baseUrl: string, token: string) {
  const response = await fetch(`${baseUrl}/api/me`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as any,
  };
}

function storedRatings(dataDir: string): number {
  const db = new Database(`${dataDir}/community.sqlite`, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM ratings').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('tokens (HS256 shared secret)', () => {
  let server: RunningApp;
  const alice = person('u-alice');
  before(async () => {
    server = await startApp();
  });
  after(() => server.close());

  const assertRefused = async (token: string) => {
    const answer = await me(server.baseUrl, token);
    assert.equal(answer.status, 401);
    assert.equal(answer.body.type, 'https://community-widgets.dev/problems/unauthenticated');
    assert.match(answer.headers.get('www-authenticate') ?? '', /^Bearer error="invalid_token"/);
  };

  it('accepts a valid token', async () => {
    const answer = await me(server.baseUrl, await tokenFor(alice));
    assert.equal(answer.status, 200);
    assert.equal(answer.body.id, 'u-alice');
  });

  it('refuses an expired token, allowing 30 s of clock skew', async () => {
    await assertRefused(await tokenFor(alice, -120));
    assert.equal((await me(server.baseUrl, await tokenFor(alice, -10))).status, 200);
  });

  it('refuses a token signed with another key', async () => {
    await assertRefused(await tokenFor(alice, 3600, 'another-secret-that-is-long-enough-123'));
  });

  it('refuses alg: none', async () => {
    const claims = {
      sub: 'u-alice',
      name: 'Alice',
      roles: ['moderator'],
      aud: 'community-widgets',
      exp: nowSeconds() + 600,
    };
    await assertRefused(`${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.`);
    await assertRefused(`${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}`);
  });

  it('refuses a tampered token', async () => {
    const [header, , signature] = (await tokenFor(alice)).split('.');
    const forged = encode({
      sub: 'u-admin',
      name: 'Admin',
      roles: ['moderator'],
      aud: 'community-widgets',
      exp: nowSeconds() + 600,
    });
    await assertRefused(`${header}.${forged}.${signature}`);
  });

  it('refuses a token for another audience, or without an expiry', async () => {
    const secret = new TextEncoder().encode(TEST_SECRET);
    const otherAudience = await new SignJWT({ name: 'A' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u-alice')
      .setAudience('someone-else')
      .setExpirationTime('10m')
      .sign(secret);
    await assertRefused(otherAudience);
    const noExpiry = await new SignJWT({ name: 'A' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u-alice')
      .setAudience('community-widgets')
      .sign(secret);
    await assertRefused(noExpiry);
  });

  it('refuses a token that lives longer than 24 h, or was issued in the future', async () => {
    const secret = new TextEncoder().encode(TEST_SECRET);
    const signed = (claims: { iat?: number; exp: number }) =>
      new SignJWT({ name: 'A', ...claims })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('u-alice')
        .setAudience('community-widgets')
        .sign(secret);
    const now = nowSeconds();
    await assertRefused(await signed({ iat: now, exp: now + 10 * 365 * 24 * 3600 }));
    await assertRefused(await signed({ exp: 253402300799 })); // year 9999, no iat
    await assertRefused(await signed({ iat: now + 3600, exp: now + 7200 }));
    assert.equal(
      (await me(server.baseUrl, await signed({ iat: now, exp: now + 86_400 }))).status,
      200,
    );
    // 10 s ahead is clock skew between hosts, not a forged date.
    assert.equal(
      (await me(server.baseUrl, await signed({ iat: now + 10, exp: now + 600 }))).status,
      200,
    );
    assert.equal((await me(server.baseUrl, await signed({ exp: now + 3600 }))).status, 200);
  });

  it('refuses HS384/HS512 even with the right secret (algorithms are allowlisted)', async () => {
    const token = await new SignJWT({ name: 'A' })
      .setProtectedHeader({ alg: 'HS512' })
      .setSubject('u-alice')
      .setAudience('community-widgets')
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(TEST_SECRET));
    await assertRefused(token);
  });

  it('refuses an Authorization header that is not a bearer token', async () => {
    const response = await fetch(`${server.baseUrl}/api/me`, {
      headers: { Authorization: 'Basic dTpw' },
    });
    assert.equal(response.status, 401);
  });

  it('drops roles it does not know', async () => {
    const token = await tokenFor({ ...alice, roles: ['member', 'admin', 'moderator'] as never });
    assert.deepEqual((await me(server.baseUrl, token)).body.roles, ['member', 'moderator']);
  });

  it('refuses a write without a token and stores nothing', async () => {
    const response = await putRating(server.baseUrl, null, 'sec-anon', { value: 5 });
    assert.equal(response.status, 401);
    assert.equal(response.headers.get('www-authenticate'), 'Bearer');
    assert.equal((await getSummaries(server.baseUrl, ['sec-anon']))[0]!.count, 0);
  });
});

describe('tokens (JWKS, RS256/ES256)', () => {
  let jwksServer: Server;
  let rsa: Awaited<ReturnType<typeof generateKeyPair>>;
  let ec: Awaited<ReturnType<typeof generateKeyPair>>;
  let jwksOnly: RunningApp;
  let both: RunningApp;

  const sign = (alg: string, key: Parameters<SignJWT['sign']>[0], kid?: string) =>
    new SignJWT({ name: 'Jay', roles: ['employee'] })
      .setProtectedHeader({ alg, ...(kid ? { kid } : {}) })
      .setSubject('u-jay')
      .setIssuer('https://intranet.example')
      .setAudience('community-widgets')
      .setExpirationTime('10m')
      .sign(key);

  before(async () => {
    rsa = await generateKeyPair('RS256', { extractable: true });
    ec = await generateKeyPair('ES256', { extractable: true });
    const keys = [
      { ...(await exportJWK(rsa.publicKey)), kid: 'rsa', alg: 'RS256', use: 'sig' },
      { ...(await exportJWK(ec.publicKey)), kid: 'ec', alg: 'ES256', use: 'sig' },
    ];
    jwksServer = createServer((_request, response) => {
      response.setHeader('Content-Type', 'application/json');
      response.end(JSON.stringify({ keys }));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks.json`;
    const jwt = {
      secret: null,
      jwksUrl,
      issuer: 'https://intranet.example',
      audience: 'community-widgets',
      maxLifetimeSeconds: 24 * 60 * 60,
    };
    jwksOnly = await startApp({ jwt });
    both = await startApp({ jwt: { ...jwt, secret: TEST_SECRET } });
  });
  after(async () => {
    await jwksOnly.close();
    await both.close();
    jwksServer.close();
  });

  it('accepts RS256 and ES256 tokens from the JWKS, checking the issuer', async () => {
    const rs = await me(jwksOnly.baseUrl, await sign('RS256', rsa.privateKey, 'rsa'));
    assert.equal(rs.status, 200);
    assert.deepEqual(rs.body.roles, ['employee']);
    assert.equal(
      (await me(jwksOnly.baseUrl, await sign('ES256', ec.privateKey, 'ec'))).status,
      200,
    );
    const wrongIssuer = await new SignJWT({ name: 'Jay' })
      .setProtectedHeader({ alg: 'RS256', kid: 'rsa' })
      .setSubject('u-jay')
      .setIssuer('https://elsewhere.example')
      .setAudience('community-widgets')
      .setExpirationTime('10m')
      .sign(rsa.privateKey);
    assert.equal((await me(jwksOnly.baseUrl, wrongIssuer)).status, 401);
  });

  it('answers 503 unavailable with Retry-After, not 401, while the JWKS does not answer', async () => {
    const down = createServer((request) => request.socket.destroy());
    await new Promise<void>((resolve) => down.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(down.address() as AddressInfo).port}/jwks.json`;
    const cut = await startApp({
      jwt: {
        secret: null,
        jwksUrl,
        issuer: 'https://intranet.example',
        audience: 'community-widgets',
        maxLifetimeSeconds: 86_400,
      },
    });
    try {
      const answer = await me(cut.baseUrl, await sign('RS256', rsa.privateKey, 'rsa'));
      assert.equal(answer.status, 503);
      assert.equal(answer.body.type, 'https://community-widgets.dev/problems/unavailable');
      assert.ok(Number(answer.headers.get('retry-after')) > 0);
      assert.ok(answer.headers.get('x-request-id'));
    } finally {
      await cut.close();
      down.close();
    }
  });

  it('refuses key confusion: an HS256 token signed with the public key', async () => {
    const publicPem = await exportSPKI(rsa.publicKey);
    const confused = await sign('HS256', new TextEncoder().encode(publicPem));
    assert.equal((await me(jwksOnly.baseUrl, confused)).status, 401);
    assert.equal((await me(both.baseUrl, confused)).status, 401);
  });

  it('refuses an RS256 token signed by a key outside the JWKS', async () => {
    const stranger = await generateKeyPair('RS256');
    assert.equal(
      (await me(jwksOnly.baseUrl, await sign('RS256', stranger.privateKey, 'rsa'))).status,
      401,
    );
  });
});

describe('one viewer, one rating', () => {
  let server: RunningApp;
  before(async () => {
    server = await startApp();
  });
  after(() => server.close());

  it("a PUT only ever touches the caller's own rating", async () => {
    const alice = await tokenFor(person('u-alice'));
    const mallory = await tokenFor(person('u-mallory'));
    assert.equal((await putRating(server.baseUrl, alice, 'own-1', { value: 5 })).status, 200);
    assert.equal((await putRating(server.baseUrl, mallory, 'own-1', { value: 1 })).status, 200);
    // No body field can name another person: unknown fields are refused outright.
    const smuggled = await putRating(server.baseUrl, mallory, 'own-1', {
      value: 1,
      userId: 'u-alice',
    });
    assert.equal(smuggled.status, 422);
    const [asAlice] = await getSummaries(server.baseUrl, ['own-1'], alice);
    assert.equal(asAlice!.viewerRating, 5);
    assert.equal(asAlice!.count, 2);
    assert.deepEqual(asAlice!.distribution, [1, 0, 0, 0, 1]);
  });

  it('a DELETE only removes the caller’s own rating', async () => {
    const alice = await tokenFor(person('u-alice'));
    const mallory = await tokenFor(person('u-mallory'));
    await putRating(server.baseUrl, alice, 'own-2', { value: 4 });
    await fetch(`${server.baseUrl}/api/subjects/own-2/rating`, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${mallory}` },
    });
    const [asAlice] = await getSummaries(server.baseUrl, ['own-2'], alice);
    assert.equal(asAlice!.viewerRating, 4);
    assert.equal(asAlice!.count, 1);
  });
});

describe('hostile bodies', () => {
  let server: RunningApp;
  let token: string;
  before(async () => {
    server = await startApp();
    token = await tokenFor(person('u-body'));
  });
  after(() => server.close());

  it('refuses oversized, malformed, deep and non-JSON bodies and stores nothing', async () => {
    const cases: Array<[string, number, string?]> = [
      [JSON.stringify({ value: 5, pad: 'x'.repeat(MAX_BODY_BYTES) }), 413],
      ['{"value": 5', 400],
      ['{"value": 5}{"value": 4}', 400],
      [`${'{"a":'.repeat(20)}1${'}'.repeat(20)}`, 400],
      ['{"value": 5, "__proto__": {"admin": true}}', 422],
      ['{"value": 5}', 415, 'text/plain'],
    ];
    for (const [body, status, contentType] of cases) {
      const response = await fetch(`${server.baseUrl}/api/subjects/body-1/rating`, {
        method: 'PUT',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': contentType ?? 'application/json',
        },
        body,
      });
      assert.equal(response.status, status, body.slice(0, 40));
      assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
    }
    assert.equal(storedRatings(server.dataDir), 0);
  });

  it('refuses a body whose declared length is over the limit before reading it', async () => {
    const response = await fetch(`${server.baseUrl}/api/subjects/body-2/rating`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ value: 5, pad: 'y'.repeat(1024 * 1024) }),
    });
    assert.equal(response.status, 413);
    assert.equal(storedRatings(server.dataDir), 0);
  });
});

describe('CORS', () => {
  let server: RunningApp;
  before(async () => {
    server = await startApp({ allowedOrigins: ['https://shop.example'] });
  });
  after(() => server.close());

  it('allows listed origins, for requests and preflights', async () => {
    const response = await fetch(`${server.baseUrl}/api/me`, {
      headers: { Origin: 'https://shop.example' },
    });
    assert.equal(response.headers.get('access-control-allow-origin'), 'https://shop.example');
    const preflight = await fetch(`${server.baseUrl}/api/subjects/x/rating`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://shop.example',
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'authorization,content-type',
      },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'https://shop.example');
    assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /PUT/);
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Authorization/i);
  });

  it('gives unlisted origins no Access-Control-Allow-Origin', async () => {
    const response = await fetch(`${server.baseUrl}/api/me`, {
      headers: { Origin: 'https://evil.example' },
    });
    assert.equal(response.headers.get('access-control-allow-origin'), null);
    const preflight = await fetch(`${server.baseUrl}/api/subjects/x/rating`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'PUT' },
    });
    assert.equal(preflight.headers.get('access-control-allow-origin'), null);
  });
});

describe('rate limits', () => {
  let server: RunningApp;
  before(async () => {
    server = await startApp({ rateLimit: { readsPerMinute: 5, writesPerMinute: 3 } });
  });
  after(() => server.close());

  it('answers 429 problem+json with Retry-After once a viewer writes too often', async () => {
    const busy = await tokenFor(person('u-busy'));
    for (let n = 0; n < 3; n += 1) {
      assert.equal((await putRating(server.baseUrl, busy, 'limited', { value: 3 })).status, 200);
    }
    const refused = await putRating(server.baseUrl, busy, 'limited', { value: 4 });
    assert.equal(refused.status, 429);
    assert.match(refused.headers.get('content-type') ?? '', /^application\/problem\+json/);
    const retryAfter = Number(refused.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
    const body = (await refused.json()) as any;
    assert.equal(body.type, 'https://community-widgets.dev/problems/rate-limited');
    assert.equal(body.retryAfter, retryAfter);
    // The refused write did not land.
    const [summary] = await getSummaries(server.baseUrl, ['limited'], busy);
    assert.equal(summary!.viewerRating, 3);
  });

  it('limits each viewer separately', async () => {
    const calm = await tokenFor(person('u-calm'));
    assert.equal((await putRating(server.baseUrl, calm, 'limited', { value: 2 })).status, 200);
  });

  it('limits requests with invalid tokens too, by IP, before answering 401', async () => {
    const limited = await startApp({ rateLimit: { readsPerMinute: 3, writesPerMinute: 3 } });
    try {
      const statuses: number[] = [];
      for (let n = 0; n < 5; n += 1) {
        statuses.push((await me(limited.baseUrl, `forged.${n}.token`)).status);
      }
      assert.deepEqual(statuses, [401, 401, 401, 429, 429]);
    } finally {
      await limited.close();
    }
  });

  it('limits anonymous readers by IP', async () => {
    const statuses: number[] = [];
    for (let n = 0; n < 7; n += 1) statuses.push((await fetch(`${server.baseUrl}/api/me`)).status);
    assert.deepEqual(statuses.slice(0, 5), [200, 200, 200, 200, 200]);
    assert.equal(statuses.at(-1), 429);
  });
});

describe('transport details', () => {
  let server: RunningApp;
  before(async () => {
    server = await startApp({ demoDir: new URL('../../demo', import.meta.url).pathname });
  });
  after(() => server.close());

  it('answers unknown routes with a 404 problem carrying the request id', async () => {
    const response = await fetch(`${server.baseUrl}/api/nothing-here`, {
      headers: { 'X-Request-Id': 'req-123' },
    });
    assert.equal(response.status, 404);
    assert.equal(response.headers.get('x-request-id'), 'req-123');
    const body = (await response.json()) as any;
    assert.equal(body.type, 'https://community-widgets.dev/problems/not-found');
    assert.equal(body.instance, 'req-123');
  });

  it('generates a request id when none (or a strange one) is sent', async () => {
    const response = await fetch(`${server.baseUrl}/api/me`, {
      headers: { 'X-Request-Id': 'not a safe id; <script>' },
    });
    assert.match(response.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
  });

  it('serves the demo under a strict CSP that allows same-origin scripts only', async () => {
    const response = await fetch(`${server.baseUrl}/personas.js`);
    assert.equal(response.status, 200);
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /object-src 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  });
});
