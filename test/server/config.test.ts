import assert from 'node:assert/strict';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ConfigError, defaultConfig, loadConfig, type ServerConfig } from '../../server/config.js';
import type { Store } from '../../server/domain/store.js';
import { buildApp } from '../../server/http/app.js';
import { MemoryStore } from '../../server/store/memory.js';
import {
  TEST_SECRET,
  person,
  startApp,
  tempDir,
  testConfig,
  tokenFor,
  type RunningApp,
} from './helpers.js';

describe('configuration', () => {
  let dir: string;
  before(async () => {
    dir = await tempDir('cw-config-');
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('has safe defaults for local use', () => {
    const config = loadConfig({});
    assert.equal(config.port, 8787);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.dataDir, './data');
    assert.equal(config.devPersonas, false);
    assert.deepEqual(config.allowedOrigins, []);
  });

  it('reads a JSON file named by CW_CONFIG, and lets environment variables override it', async () => {
    const file = join(dir, 'server.json');
    await writeFile(
      file,
      JSON.stringify({
        port: 9000,
        allowedOrigins: ['https://shop.example'],
        jwt: { issuer: 'https://shop.example', secret: TEST_SECRET },
        rateLimit: { writesPerMinute: 10 },
      }),
    );
    const config = loadConfig({ CW_CONFIG: file, CW_PORT: '9100', CW_RATE_LIMIT_READS: '50' });
    assert.equal(config.port, 9100);
    assert.deepEqual(config.allowedOrigins, ['https://shop.example']);
    assert.equal(config.jwt.issuer, 'https://shop.example');
    assert.equal(config.jwt.audience, 'community-widgets');
    assert.deepEqual(config.rateLimit, { readsPerMinute: 50, writesPerMinute: 10 });
  });

  it('refuses misspelt keys in the file instead of silently ignoring them', async () => {
    const file = join(dir, 'typo.json');
    await writeFile(file, JSON.stringify({ allowedOrigin: ['https://shop.example'] }));
    assert.throws(() => loadConfig({ CW_CONFIG: file }), /unknown keys allowedOrigin/);
  });

  it('refuses bad values with a message naming them', () => {
    assert.throws(() => loadConfig({ CW_PORT: 'eighty' }), ConfigError);
    assert.throws(() => loadConfig({ CW_JWT_SECRET: 'short' }), /at least 32 characters/);
    assert.throws(() => loadConfig({ CW_ALLOWED_ORIGINS: 'shop.example' }), /not an origin/);
    assert.throws(() => loadConfig({ CW_DEV_PERSONAS: 'maybe' }), /CW_DEV_PERSONAS/);
  });

  it('selects Postgres and Redis by URL, and refuses anything else there', () => {
    const config = loadConfig({
      CW_DATABASE_URL: 'postgres://cw:secret@db.internal:5432/community',
      CW_REDIS_URL: 'redis://cache.internal:6379',
    });
    assert.equal(config.databaseUrl, 'postgres://cw:secret@db.internal:5432/community');
    assert.equal(config.redisUrl, 'redis://cache.internal:6379');
    assert.equal(loadConfig({}).databaseUrl, null);
    assert.throws(() => loadConfig({ CW_DATABASE_URL: 'mysql://db/community' }), /databaseUrl/);
    assert.throws(() => loadConfig({ CW_REDIS_URL: 'cache.internal:6379' }), /redisUrl/);
  });

  it('takes the moderation rules from the file, keeping defaults for what it leaves out', async () => {
    const file = join(dir, 'moderation.json');
    await writeFile(
      file,
      JSON.stringify({
        moderation: {
          mode: 'hold-new',
          blockedWords: [{ word: 'casino', action: 'refuse' }],
          scopes: { 'board:roadmap': { mode: 'hold-all' } },
        },
      }),
    );
    const { moderation } = loadConfig({ CW_CONFIG: file });
    assert.equal(moderation.mode, 'hold-new');
    assert.equal(moderation.reportThreshold, 3);
    assert.equal(moderation.newPosts, 3);
    assert.equal(moderation.newMemberLinks, 2);
    assert.deepEqual(moderation.scopes, { 'board:roadmap': { mode: 'hold-all' } });
    const bad = join(dir, 'bad-moderation.json');
    await writeFile(
      bad,
      JSON.stringify({ moderation: { reportThreshold: 0, blockedWords: [{ word: 'x' }] } }),
    );
    assert.throws(() => loadConfig({ CW_CONFIG: bad }), /reportThreshold/);
    await writeFile(bad, JSON.stringify({ moderation: { blockedWords: [{ word: 'x' }] } }));
    assert.throws(() => loadConfig({ CW_CONFIG: bad }), /blockedWords/);
  });

  it('takes private spaces from the file, and names each broken entry', async () => {
    const file = join(dir, 'access.json');
    const access = { 'board:staff': ['employee'], 'subject:hr-*': ['employee', 'member'] };
    await writeFile(file, JSON.stringify({ access }));
    assert.deepEqual(loadConfig({ CW_CONFIG: file }).access, access);
    assert.deepEqual(loadConfig({}).access, {});
    const bad = join(dir, 'bad-access.json');
    await writeFile(
      bad,
      JSON.stringify({
        access: { 'board:Staff Room': ['employee'], 'subject:hr-*': [], 'page:x': ['boss'] },
      }),
    );
    let message = '';
    try {
      loadConfig({ CW_CONFIG: bad });
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      message = error.message;
    }
    for (const expected of [
      '- access["board:Staff Room"]: a place is "board:<board id>", "subject:<subject id>" or "subject:<prefix>*".',
      '- access["subject:hr-*"]: list the roles that may enter, from member, employee, moderator.',
      '- access["page:x"]: a place is',
      '- access["page:x"]: list the roles',
    ]) {
      assert.ok(message.includes(expected), `${expected}\n in\n${message}`);
    }
  });

  it('in production, refuses to start without a secret or JWKS URL', () => {
    assert.throws(() => loadConfig({ NODE_ENV: 'production' }), /CW_JWT_SECRET/);
    assert.equal(
      loadConfig({
        NODE_ENV: 'production',
        CW_JWT_SECRET: TEST_SECRET,
        CW_JWT_ISSUER: 'https://id.example',
      }).jwt.secret,
      TEST_SECRET,
    );
    assert.ok(loadConfig({ NODE_ENV: 'production', CW_JWKS_URL: 'https://id.example/jwks.json' }));
  });

  it('in production, refuses a shared secret without the issuer its tokens must name', () => {
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production', CW_JWT_SECRET: TEST_SECRET }),
      (error: Error) =>
        error instanceof ConfigError &&
        /production needs jwt\.issuer \(CW_JWT_ISSUER\)/.test(error.message),
    );
  });

  it('caps token lifetime at 24 h unless told otherwise, and refuses the dev issuer', () => {
    assert.equal(loadConfig({}).jwt.maxLifetimeSeconds, 24 * 60 * 60);
    assert.equal(loadConfig({ CW_JWT_MAX_LIFETIME: '3600' }).jwt.maxLifetimeSeconds, 3600);
    assert.throws(() => loadConfig({ CW_JWT_MAX_LIFETIME: '5' }), /maxLifetimeSeconds/);
    assert.throws(() => loadConfig({ CW_JWT_ISSUER: 'community-widgets-dev' }), /dev tokens/);
  });

  it('in production, refuses dev personas', () => {
    assert.throws(
      () =>
        loadConfig({ NODE_ENV: 'production', CW_JWT_SECRET: TEST_SECRET, CW_DEV_PERSONAS: '1' }),
      /devPersonas/,
    );
  });
});

describe('dev personas', () => {
  let on: RunningApp;
  let off: RunningApp;
  before(async () => {
    on = await startApp({
      devPersonas: true,
      jwt: { ...defaultConfig().jwt, secret: null },
    });
    off = await startApp();
  });
  after(async () => {
    await on.close();
    await off.close();
  });

  const mint = (baseUrl: string, body: unknown) =>
    fetch(`${baseUrl}/api/dev/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('mints a short-lived token for a seeded persona that the server then trusts', async () => {
    const response = await mint(on.baseUrl, { persona: 'moderator' });
    assert.equal(response.status, 200);
    const { token, expiresAt, viewer } = (await response.json()) as any;
    assert.equal(viewer.id, 'u-moderator');
    const lifetime = Date.parse(expiresAt) - Date.now();
    assert.ok(lifetime > 0 && lifetime <= 15 * 60 * 1000);
    const me = await fetch(`${on.baseUrl}/api/me`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    assert.deepEqual(((await me.json()) as any).roles, ['member', 'moderator']);
  });

  it('refuses unknown personas with 422 at /persona', async () => {
    const response = await mint(on.baseUrl, { persona: 'root' });
    assert.equal(response.status, 422);
    assert.equal(((await response.json()) as any).errors[0].pointer, '/persona');
  });

  it('dev tokens carry their own issuer and audience: a server with dev personas off refuses them, whatever the secret', async () => {
    const sharing = await startApp({ devPersonas: true });
    try {
      const { token } = (await (
        await mint(sharing.baseUrl, { persona: 'moderator' })
      ).json()) as any;
      const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
      assert.equal(claims.iss, 'community-widgets-dev');
      assert.equal(claims.aud, 'community-widgets-dev');
      const ask = (baseUrl: string) =>
        fetch(`${baseUrl}/api/me`, { headers: { Authorization: `Bearer ${token}` } });
      assert.equal((await ask(sharing.baseUrl)).status, 200);
      // `off` has the same secret (the tests' TEST_SECRET) and dev personas off.
      assert.equal(off.config.jwt.secret, sharing.config.jwt.secret);
      const refused = await ask(off.baseUrl);
      assert.equal(refused.status, 401);
      assert.match(((await refused.json()) as any).detail, /Development tokens/);
    } finally {
      await sharing.close();
    }
  });

  it('does not exist unless enabled', async () => {
    assert.equal((await mint(off.baseUrl, { persona: 'customer' })).status, 404);
  });
});

describe('health', () => {
  it('answers 503 problem+json when the store does not answer', async () => {
    const memory = new MemoryStore();
    const broken: Store = Object.assign(Object.create(memory) as Store, {
      ping: async () => {
        throw new Error('disk gone');
      },
    });
    const running = await startApp({}, { store: broken });
    try {
      const response = await fetch(`${running.baseUrl}/api/healthz`);
      assert.equal(response.status, 503);
      assert.equal(
        ((await response.json()) as any).type,
        'https://community-widgets.dev/problems/unavailable',
      );
    } finally {
      await running.close();
    }
  });
});

describe('site configuration: boards and reputation in the file', () => {
  let dir: string;
  before(async () => {
    dir = await tempDir('cw-site-');
  });
  after(() => rm(dir, { recursive: true, force: true }));

  const writeConfig = async (name: string, content: unknown) => {
    const file = join(dir, name);
    await writeFile(file, JSON.stringify(content));
    return file;
  };

  it('reads boards and reputation weights from the file', async () => {
    const file = await writeConfig('site.json', {
      boards: [
        { id: 'roadmap', title: 'Roadmap', voteBudget: 10 },
        { id: 'intranet', title: 'Intranet', posting: 'employees' },
      ],
      reputation: { answerAccepted: 25 },
    });
    const config = loadConfig({ CW_CONFIG: file });
    assert.deepEqual(config.boards, [
      { id: 'roadmap', title: 'Roadmap', voteBudget: 10 },
      { id: 'intranet', title: 'Intranet', posting: 'employees' },
    ]);
    assert.deepEqual(config.reputation, { answerAccepted: 25 });
  });

  it('refuses broken boards and unknown weights, a sentence for each', async () => {
    const file = await writeConfig('broken.json', {
      boards: [
        { id: 'ok', title: 'Fine' },
        { id: 'Bad Id', title: 'x' },
        { id: 'ok', title: '', voteBudget: 0, posting: 'everyone' },
        { title: 'No id' },
      ],
      reputation: { answerAccepted: 2.5, karma: 1 },
    });
    let message = '';
    try {
      loadConfig({ CW_CONFIG: file });
    } catch (error) {
      assert.ok(error instanceof ConfigError);
      message = error.message;
    }
    for (const expected of [
      'boards[1] "Bad Id"/id: A board id has lower-case letters',
      'boards[2] "ok": the id is declared twice.',
      'boards[2] "ok"/title: The title must not be empty.',
      'boards[2] "ok"/voteBudget: A vote budget is a whole number from 1 to 1000',
      'boards[2] "ok"/posting: Who may post is one of: members, employees, moderators.',
      'boards[3]: a board needs an id.',
      'reputation.answerAccepted must be a whole number of points.',
      'reputation.karma is not a weight',
    ]) {
      assert.ok(message.includes(expected), `${expected}\n in\n${message}`);
    }
  });

  it('sets the declared boards at every start; moderators edit them until the next start', async () => {
    const dataDir = join(dir, 'boards-data');
    const start = async (boards: ServerConfig['boards']) => {
      const app = await buildApp(
        testConfig(dataDir, { boards, reputation: { answerAccepted: 25 } }),
      );
      const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
      return { app, baseUrl };
    };
    const moderator = await tokenFor(person('u-site-mod', ['member', 'moderator']));
    const declared = [{ id: 'roadmap', title: 'Roadmap', voteBudget: 5 }];

    let running = await start(declared);
    assert.equal(running.app.community.reputation.weights.answerAccepted, 25);
    let boards = await (await fetch(`${running.baseUrl}/api/boards`)).json();
    assert.deepEqual(boards, {
      items: [
        {
          id: 'roadmap',
          title: 'Roadmap',
          settings: { voteBudget: 5, posting: 'members', readers: null },
        },
      ],
    });
    const put = (id: string, body: unknown) =>
      fetch(`${running.baseUrl}/api/boards/${id}`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${moderator}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    assert.equal(
      (await put('roadmap', { title: 'Ideas', voteBudget: 7, posting: 'members' })).status,
      200,
    );
    assert.equal(
      (await put('extra', { title: 'Extra', voteBudget: null, posting: 'moderators' })).status,
      200,
    );
    await running.app.close();

    // The same file again: the declared board returns to the file's values; others stay.
    running = await start(declared);
    boards = await (await fetch(`${running.baseUrl}/api/boards`)).json();
    assert.deepEqual(boards, {
      items: [
        {
          id: 'extra',
          title: 'Extra',
          settings: { voteBudget: null, posting: 'moderators', readers: null },
        },
        {
          id: 'roadmap',
          title: 'Roadmap',
          settings: { voteBudget: 5, posting: 'members', readers: null },
        },
      ],
    });
    await running.app.close();

    // A changed file changes the board.
    running = await start([{ id: 'roadmap', title: 'Roadmap 2027', voteBudget: 3 }]);
    const roadmap = await (await fetch(`${running.baseUrl}/api/boards/roadmap`)).json();
    assert.deepEqual(roadmap.settings, { voteBudget: 3, posting: 'members', readers: null });
    assert.equal(roadmap.title, 'Roadmap 2027');
    await running.app.close();
  });

  it('keeps the boards and subjects `access` names private from the first request', async () => {
    const app = await buildApp(
      testConfig(join(dir, 'access-data'), {
        boards: [{ id: 'staff', title: 'Staff ideas' }],
        access: { 'board:staff': ['employee'], 'subject:hr-*': ['employee'] },
      }),
    );
    const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const employee = await tokenFor(person('u-site-emp', ['member', 'employee']));
      const customer = await tokenFor(person('u-site-cust', ['member']));
      const status = async (path: string, token?: string) =>
        (
          await fetch(
            `${baseUrl}/api${path}`,
            token ? { headers: { Authorization: `Bearer ${token}` } } : {},
          )
        ).status;
      for (const path of ['/boards/staff', '/boards/staff/ideas', '/subjects/hr-leave/questions']) {
        assert.equal(await status(path), 404, `anonymous ${path}`);
        assert.equal(await status(path, customer), 404, `customer ${path}`);
        assert.equal(await status(path, employee), 200, `employee ${path}`);
      }
      const board = await (
        await fetch(`${baseUrl}/api/boards/staff`, {
          headers: { Authorization: `Bearer ${employee}` },
        })
      ).json();
      assert.deepEqual(board.settings.readers, ['employee']);
    } finally {
      await app.close();
    }
  });
});
