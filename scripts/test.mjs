// `npm test`: every check CI runs, in order, each step's output streamed; stops at the
// first failure and ends with the number of tests that ran across all runners.
import { spawn } from 'node:child_process';
import { postgresAvailable, startTestServices } from './postgres-test-cluster.mjs';

/** [name, command, args, how to read the runner's own count from its output]. */
const steps = [
  [
    'contract types and limits are generated from api/openapi.yaml',
    'npm',
    ['run', '--silent', 'check:api'],
  ],
  [
    'the contract lints clean (redocly recommended) and is valid OpenAPI 3.1',
    'node',
    ['scripts/lint-api.mjs'],
  ],
  [
    'every message translated in every locale (xliff/ → src/i18n/generated)',
    'node',
    ['scripts/check-translations.mjs'],
  ],
  ['typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
  ['lint', 'npx', ['eslint', '--max-warnings', '0', '.']],
  ['build', 'node', ['scripts/build.mjs']],
  [
    'package shape (exports, shared lit, self-contained bundles, manifest)',
    'node',
    ['scripts/check-package.mjs'],
    /^package: (\d+) passed, (\d+) failed/m,
  ],
  ['size budgets', 'node', ['scripts/size.mjs'], /^size: (\d+) passed, (\d+) failed/m],
  [
    'consumer apps: the packed tarball in React 19, React 18 (SSR), Vue, Svelte and Angular',
    'node',
    ['test/integration/run.mjs'],
    /^integration: (\d+) passed, (\d+) failed/m,
  ],
  [
    'domain, contract and server tests (node)',
    'npm',
    ['run', '--silent', 'test:unit'],
    /^# pass (\d+)\n# fail (\d+)/m,
  ],
  ['browser tests (Chromium)', 'npx', ['web-test-runner'], /(\d+) passed, (\d+) failed\s*$/m],
  ['storybook build', 'npm', ['run', '--silent', 'build-storybook']],
  [
    'built storybook renders (Chromium)',
    'npm',
    ['run', '--silent', 'test:storybook'],
    /^storybook: (\d+) passed, (\d+) failed/m,
  ],
  [
    'the look has not drifted: screenshots against test/visual/baselines (Chromium)',
    'npm',
    ['run', '--silent', 'test:visual'],
    /^visual: (\d+) passed, (\d+) failed/m,
  ],
];

function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => process.stderr.write(chunk));
    child.on('close', (status) => resolve({ status, output }));
  });
}

/** Runner output without terminal colour codes, so counts can be read. */
const stripColours = (text) =>
  text.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '');

// The Postgres suites (store suite, contract target, several instances) need a server: a
// throwaway cluster (and Redis) when PostgreSQL is installed and none was given.
let services;
if (!process.env.CW_TEST_DATABASE_URL && postgresAvailable()) {
  services = await startTestServices();
  process.env.CW_TEST_DATABASE_URL = services.databaseUrl;
  if (services.redisUrl) process.env.CW_TEST_REDIS_URL = services.redisUrl;
  console.log(
    `PostgreSQL for the tests at ${services.databaseUrl} (Redis: ${services.redisUrl ?? 'none'})`,
  );
} else if (!process.env.CW_TEST_DATABASE_URL) {
  console.log(
    'No PostgreSQL installed and no CW_TEST_DATABASE_URL: the Postgres suites will skip.',
  );
}
const stopServices = () => services?.stop();
process.on('exit', stopServices);
process.on('SIGINT', () => process.exit(130));

const started = Date.now();
const totals = { passed: 0, failed: 0 };
for (const [name, command, args, counts] of steps) {
  const stepStart = Date.now();
  console.log(`\n▶ ${name}`);
  const { status, output } = await run(command, args);
  const seconds = ((Date.now() - stepStart) / 1000).toFixed(1);
  // Runners redraw progress lines; the last match is the final count.
  const matches = counts ? [...stripColours(output).matchAll(new RegExp(counts, 'gm'))] : [];
  const last = matches.at(-1);
  if (last) {
    totals.passed += Number(last[1]);
    totals.failed += Number(last[2]);
  }
  if (status !== 0) {
    console.error(`\n✖ ${name} failed (exit ${status}, ${seconds} s)`);
    console.log(`tests: ${totals.passed} passed, ${Math.max(1, totals.failed)} failed`);
    process.exit(status || 1);
  }
  console.log(`✔ ${name} (${seconds} s)`);
}
console.log(`\nall ${steps.length} steps green in ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed`);
