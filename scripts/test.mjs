// `npm test`: every check CI runs, in order, each step's output streamed; stops at the
// first failure and ends with one summary line.
import { spawnSync } from 'node:child_process';

const steps = [
  [
    'contract types are generated from api/openapi.yaml',
    'npx',
    ['openapi-typescript', 'api/openapi.yaml', '-o', 'api/contract.ts', '--check'],
  ],
  ['typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
  ['lint', 'npx', ['eslint', '--max-warnings', '0', '.']],
  ['build', 'node', ['scripts/build.mjs']],
  ['size budgets', 'node', ['scripts/size.mjs']],
  ['domain, contract and server tests (node)', 'npm', ['run', '--silent', 'test:unit']],
  ['browser tests (Chromium)', 'npx', ['web-test-runner']],
  ['storybook build', 'npm', ['run', '--silent', 'build-storybook']],
  ['built storybook renders (Chromium)', 'npm', ['run', '--silent', 'test:storybook']],
];

const started = Date.now();
let passed = 0;
for (const [name, command, args] of steps) {
  const stepStart = Date.now();
  console.log(`\n▶ ${name}`);
  const { status } = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  const seconds = ((Date.now() - stepStart) / 1000).toFixed(1);
  if (status !== 0) {
    console.error(`\n✖ ${name} failed (exit ${status}, ${seconds} s)`);
    console.log(`steps: ${passed} passed, 1 failed`);
    process.exit(status || 1);
  }
  passed += 1;
  console.log(`✔ ${name} (${seconds} s)`);
}
console.log(`\nall checks green in ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`steps: ${passed} passed, 0 failed`);
