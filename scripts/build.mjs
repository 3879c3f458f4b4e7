// Builds the library: ESM + drop-in bundles (rollup), declarations (tsc), the conformance kit
// (esbuild), custom-elements.json and the editor data, framework types and React wrappers
// generated from it.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

const run = (command, args) => execFileSync(command, args, { stdio: 'inherit' });

rmSync('dist', { recursive: true, force: true, maxRetries: 3 });
run('npx', ['rollup', '-c', '--silent']);
run('npx', ['tsc', '-p', 'tsconfig.build.json']);
run('node', ['scripts/build-conformance.mjs']);
run('npm', ['run', '--silent', 'analyze']);
run('node', ['scripts/generate-framework-types.mjs']);
