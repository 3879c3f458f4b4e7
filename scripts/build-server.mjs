// Bundles the reference server into server/dist/cli.js, the bin of the community-widgets-server
// package, with the contract it validates against beside it (server/dist/openapi.yaml).
// Dependencies stay external: they are the package's dependencies (better-sqlite3 is native).
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

// Run from the repository root and as the server package's prepack (cwd server/).
const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}server/dist`;

await build({
  entryPoints: [`${root}server/main.ts`],
  outfile: `${out}/cli.js`,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  banner: { js: '#!/usr/bin/env node' },
  sourcemap: true,
  logLevel: 'warning',
});
mkdirSync(out, { recursive: true });
copyFileSync(`${root}api/openapi.yaml`, `${out}/openapi.yaml`);
