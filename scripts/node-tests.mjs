// Runs every *.test.ts under the given directories with node's test runner through tsx.
// Node 20 does not expand glob patterns passed to --test, so the files are listed here.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

function testFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const files = process.argv.slice(2).flatMap(testFiles).sort();
if (files.length === 0) {
  console.error(`No *.test.ts files under ${process.argv.slice(2).join(', ')}.`);
  process.exit(1);
}
const { status } = spawnSync('npx', ['--no-install', 'tsx', '--test', ...files], {
  stdio: 'inherit',
});
process.exit(status ?? 1);
