/**
 * The conformance kit as an implementer runs it: built like the package ships it, started as
 * its bin, against our mock and our server over HTTP (both pass), and against a mock with one
 * rule changed (the kit names the operation that broke).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../../server/http/app.js';
import { createHandlers, createMockCommunity } from '../../server/msw/index.js';
import type { ConformanceReport } from './conformance/runner.js';
import { serveHandlers } from './fixtures/mock-over-http.js';
import { TEST_SECRET, testConfig } from './targets.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const mintToken = join(root, 'test/contract/fixtures/mint-token.mjs');
const mockTokens = `node ${mintToken} --mock`;
const serverTokens = `node ${mintToken} --secret ${TEST_SECRET}`;

function exec(
  file: string,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('conformance kit', () => {
  // The package's layout: dist/conformance/ beside api/openapi.yaml.
  const packageDir = mkdtempSync(join(tmpdir(), 'cw-kit-'));
  const cli = join(packageDir, 'dist/conformance/cli.js');

  before(async () => {
    const built = await exec(process.execPath, [
      join(root, 'scripts/build-conformance.mjs'),
      join(packageDir, 'dist/conformance'),
    ]);
    assert.equal(built.code, 0, built.stderr);
    mkdirSync(join(packageDir, 'api'));
    copyFileSync(join(root, 'api/openapi.yaml'), join(packageDir, 'api/openapi.yaml'));
  });
  after(() => rmSync(packageDir, { recursive: true, force: true }));

  async function runKit(baseUrl: string, tokens: string, ...extra: string[]) {
    const started = Date.now();
    const { code, stdout, stderr } = await exec(process.execPath, [
      cli,
      baseUrl,
      '--member-token-command',
      tokens,
      '--moderator-token-command',
      tokens,
      '--json',
      ...extra,
    ]);
    const report = JSON.parse(stdout || '{}') as ConformanceReport;
    return { code, report, stderr, seconds: (Date.now() - started) / 1000 };
  }

  const verdicts = (report: ConformanceReport, verdict: string) =>
    report.operations.filter((operation) => operation.verdict === verdict).map((o) => o.id);

  function assertConforms(report: ConformanceReport): void {
    assert.deepEqual(verdicts(report, 'failed'), []);
    assert.deepEqual(report.unattributed, []);
    assert.equal(report.tests.failed, 0);
    // Only idea boards need setup the API cannot do; everything else is exercised.
    for (const id of verdicts(report, 'not testable without setup')) {
      assert.match(
        report.operations.find((operation) => operation.id === id)!.path,
        /^\/(boards|ideas|me\/ideas)\b/,
        `${id} was not exercised`,
      );
    }
    assert.ok(report.notTestable.some((name) => name.startsWith('Ideas contract')));
    assert.ok(verdicts(report, 'passed').length >= 28, verdicts(report, 'passed').join());
  }

  it('usage errors exit 2 with the usage text', async () => {
    const { code, stderr } = await exec(process.execPath, [cli]);
    assert.equal(code, 2);
    assert.match(stderr, /--member-token-command/);
    const unknown = await exec(process.execPath, [
      cli,
      'http://127.0.0.1:9/api',
      '--member-token-command',
      'true',
      '--suite',
      'polls',
    ]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /No such suite: polls/);
  });

  it('passes against the msw mock served over HTTP', async () => {
    const community = await createMockCommunity();
    const mock = await serveHandlers((origin) =>
      createHandlers(community, { api: `${origin}/api` }),
    );
    try {
      const { code, report, stderr } = await runKit(`${mock.origin}/api`, mockTokens);
      assertConforms(report);
      assert.equal(code, 0, stderr);
    } finally {
      await mock.close();
    }
  });

  it('passes against the reference server', async (t) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cw-kit-server-'));
    const app = await buildApp(testConfig(dataDir));
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const { code, report, stderr, seconds } = await runKit(`${address}/api`, serverTokens);
      assertConforms(report);
      assert.equal(code, 0, stderr);
      t.diagnostic(`conformance kit against the reference server: ${seconds.toFixed(1)} s`);
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('names the operation a backend with one rule changed breaks', async () => {
    const community = await createMockCommunity();
    // The changed rule: anonymous visitors may rate (as a shared "guest").
    const rate = community.ratings.rate.bind(community.ratings);
    const guest = { id: 'u-guest', name: 'Guest', avatar: null, roles: ['member' as const] };
    community.ratings.rate = (viewer, subject, input) => rate(viewer ?? guest, subject, input);
    const mock = await serveHandlers((origin) =>
      createHandlers(community, { api: `${origin}/api` }),
    );
    try {
      // The ratings suite is enough to find it; the others would only repeat their passes.
      const { code, report } = await runKit(`${mock.origin}/api`, mockTokens, '--suite', 'ratings');
      assert.equal(code, 1);
      assert.deepEqual(verdicts(report, 'failed'), ['setRating']);
      assert.ok(verdicts(report, 'not run').includes('createReview'));
      const setRating = report.operations.find((operation) => operation.id === 'setRating')!;
      assert.deepEqual(
        setRating.failures.map((failure) => failure.test),
        ['refuses anonymous viewers with 401 and stores nothing'],
      );
      assert.ok(verdicts(report, 'passed').includes('getRatingSummaries'));
    } finally {
      await mock.close();
    }
  });
});
