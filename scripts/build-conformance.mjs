// Bundles the conformance kit into dist/conformance/: the `community-widgets-conformance` bin,
// the exported runner, and the suites it runs. Everything they import is bundled in (ajv,
// yaml, the contract's limits), so an installed package runs them with plain node; they read
// the contract from the package's api/openapi.yaml.
import { build } from 'esbuild';

export async function buildConformance(outdir = 'dist/conformance') {
  await build({
    entryPoints: {
      cli: 'test/contract/conformance/cli.ts',
      index: 'test/contract/conformance/index.ts',
      suites: 'test/contract/conformance/suites.ts',
    },
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // The bin and the runner share one copy of the contract check; chunks stay beside the
    // entries because both find files relative to their own module (api/, suites.js).
    splitting: true,
    chunkNames: '[name]-[hash]',
    minifyWhitespace: true,
    minifySyntax: true,
    // ajv is CommonJS: its bundled requires of node built-ins need a require in ESM.
    banner: {
      js: "import { createRequire as __cwCreateRequire } from 'node:module'; const require = __cwCreateRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
}

// `node scripts/build-conformance.mjs [outdir]`; tests build into a directory of their own.
if (import.meta.url === `file://${process.argv[1]}`) await buildConformance(process.argv[2]);
