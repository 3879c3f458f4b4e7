// Builds the library: ESM + drop-in bundles (rollup), declarations (tsc), the conformance kit
// (esbuild), custom-elements.json and the editor data, framework types and React wrappers
// generated from it.
import { execFileSync } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';

const run = (command, args) => execFileSync(command, args, { stdio: 'inherit' });

rmSync('dist', { recursive: true, force: true, maxRetries: 3 });
run('npx', ['rollup', '-c', '--silent']);
// The theme presets are plain CSS a host links (README, «Themes»): beside the modules for
// bundlers, beside the drop-in bundles for pages that load those.
copyFileSync('src/styles/themes.css', 'dist/themes.css');
copyFileSync('src/styles/themes.css', 'dist/cdn/themes.css');
run('npx', ['tsc', '-p', 'tsconfig.build.json']);
run('node', ['scripts/build-conformance.mjs']);
run('npm', ['run', '--silent', 'analyze']);
run('node', ['scripts/generate-framework-types.mjs']);
