// Bundles the reference server into dist/server/main.js so production runs plain `node`.
// Dependencies stay external (better-sqlite3 is native; fastify plugins resolve at runtime).
import { build } from 'esbuild';

await build({
  entryPoints: ['server/main.ts'],
  outfile: 'dist/server/main.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
