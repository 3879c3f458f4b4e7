import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { readFileSync } from 'node:fs';
import { chromiumArgs, chromiumPath } from './scripts/chromium.mjs';

const serviceWorker = readFileSync('public/mockServiceWorker.js');

/** Real Chromium (Debian's), TypeScript through esbuild, the network through msw. */
export default {
  files: ['test/components/**/*.test.ts', 'test/core/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
  concurrency: 1,
  testsFinishTimeout: 5 * 60_000,
  testFramework: { config: { timeout: 30_000 } },
  middleware: [
    // msw's service worker must be served from the root scope.
    (context, next) => {
      if (context.path === '/mockServiceWorker.js') {
        context.type = 'application/javascript';
        context.body = serviceWorker;
        return undefined;
      }
      return next();
    },
    // The Trusted Types host page (test/components/trusted-types.test.ts) gets the strict
    // CSP a security-minded site sends; everything it loads comes from this server ('self').
    async (context, next) => {
      await next();
      if (context.path === '/test/fixtures/trusted-types.html') {
        context.set(
          'Content-Security-Policy',
          "default-src 'none'; script-src 'self'; style-src 'self'; require-trusted-types-for 'script'; trusted-types community-widgets lit-html",
        );
      }
    },
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      // --expose-gc lets the memory tests prove removed widgets are collected.
      launchOptions: {
        executablePath: chromiumPath,
        args: [...chromiumArgs, '--js-flags=--expose-gc'],
      },
    }),
  ],
  coverageConfig: {
    include: ['src/**/*.ts'],
    exclude: [],
    threshold: { statements: 80, branches: 70, functions: 80, lines: 80 },
  },
};
