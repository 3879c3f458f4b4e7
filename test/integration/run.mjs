#!/usr/bin/env node
/**
 * Consumer-app tests: the packed tarball (what `npm publish` ships, after `npm run build`) is
 * installed into fresh framework apps the way an integrator installs it, and each app
 *   1. typechecks strictly with the framework's own checker;
 *   2. fails to typecheck its deliberate mistakes — exactly on the lines marked `must fail`;
 *   3. builds with Vite;
 *   4. runs in Chromium against the package's msw mocks: the widgets render from the mock
 *      community, properties set from the framework reach the element (a `distribution`
 *      boolean, a `getToken` function that signs the visitor in), and a star clicked by the
 *      visitor reaches the framework's own event handler.
 * The React 18 app is server-rendered with renderToString and hydrated, so the wrappers must
 * attach their handlers and properties after hydration.
 *
 *   node test/integration/run.mjs [app…]     (default: every app under apps/)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { bundleDeltas } from './bundle-delta.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const appsDir = join(here, 'apps');
const packDir = join(here, '.pack');
const TIMEOUT = 20_000;

/** Each app: its file of deliberate mistakes, the ids of its <cw-rating>s, how it renders. */
const apps = {
  react19: { wrong: 'src/wrong.tsx', widgets: ['direct', 'wrapped'], serverRendered: true },
  react18: { wrong: 'src/wrong.tsx', widgets: ['wrapped'], serverRendered: true },
  vue: { wrong: 'src/Wrong.vue', widgets: ['direct'] },
  svelte: { wrong: 'src/Wrong.svelte', widgets: ['direct'] },
  angular: { wrong: 'src/wrong.component.ts', widgets: ['direct'] },
};
const chosen = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(apps);

const failures = [];
let checks = 0;
const check = (ok, message) => {
  checks += 1;
  if (!ok) failures.push(message);
  console.log(`${ok ? '  ✔' : '  ✖'} ${message}`);
};
const timed = (label, work) => {
  const started = Date.now();
  const result = work();
  console.log(`  · ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return result;
};
/**
 * The environment without what `npm test` passes down (npm_config_local_prefix and the like):
 * an app's npm would otherwise work on this repository's project instead of the app's.
 */
const appEnv = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)),
);
/** Runs an npm command in an app; returns its status and combined output. */
function npm(app, args) {
  const result = spawnSync('npm', args, { cwd: join(appsDir, app), encoding: 'utf8', env: appEnv });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

// The tarball, as `npm publish` would make it from the current build.
if (!existsSync(join(repo, 'dist/index.js'))) {
  console.error('integration: no dist/ — run `npm run build` first');
  process.exit(1);
}
rmSync(packDir, { recursive: true, force: true });
mkdirSync(packDir, { recursive: true });
const [packed] = JSON.parse(
  execFileSync('npm', ['pack', '--json', '--pack-destination', packDir], {
    cwd: repo,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }),
);
const tarball = join(packDir, packed.filename);
console.log(
  `integration: ${packed.filename}, ${(packed.size / 1024).toFixed(0)} KB packed, ` +
    `${(packed.unpackedSize / 1024).toFixed(0)} KB unpacked, ${packed.entryCount} files`,
);

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};
/** Serves an app's dist/ on 127.0.0.1 (a secure context, which msw's worker needs). */
function serve(dir) {
  const server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    if (pathname === '/favicon.ico') return response.writeHead(204).end();
    let file = join(dir, decodeURIComponent(pathname));
    if (!file.startsWith(dir + sep)) return response.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => done({ server, port: server.address().port })),
  );
}

/** Lines of `file` marked `must fail`, and the lines the checker reported errors on. */
function wrongLines(app, file, output) {
  const source = readFileSync(join(appsDir, app, file), 'utf8').split('\n');
  const marked = source.flatMap((line, index) =>
    /must fail(?:\s*(?:-->|\*\/\}))?\s*$/.test(line) ? [index + 1] : [],
  );
  const name = file.split('/').at(-1).replace(/\./g, '\\.');
  // Some checkers colour their output even into a pipe (ngc).
  const plain = output.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '');
  const reported = [...plain.matchAll(new RegExp(`${name}[(:](\\d+)[,:]\\d+`, 'g'))].map((m) =>
    Number(m[1]),
  );
  return { marked, reported: [...new Set(reported)].sort((a, b) => a - b) };
}

async function runInBrowser(browser, app, { widgets, serverRendered }) {
  const { server, port } = await serve(join(appsDir, app, 'dist'));
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  try {
    await page.goto(`http://127.0.0.1:${port}/`);
    if (serverRendered) {
      const html = await page.evaluate(() => document.getElementById('root')?.innerHTML ?? '');
      check(/<cw-rating/.test(html), `${app}: the page came server-rendered with <cw-rating>`);
    }
    for (const id of widgets) {
      const rating = page.locator(`cw-rating#${id}`);
      // Rendered from the mock community: the seeded average and count are shown.
      await rating.locator('[part~="average"]').waitFor({ timeout: TIMEOUT });
      const count = await rating.locator('[part~="count"]').textContent();
      check(/\d/.test(count ?? ''), `${app} (${id}): <cw-rating> renders the mock's ratings`);
      // A boolean property from the framework.
      check(
        await rating.evaluate((el) => el.distribution === true),
        `${app} (${id}): the distribution property reached the element`,
      );
      await rating.locator('[part~="distribution"]').waitFor({ timeout: TIMEOUT });
      // Only a visitor signed in through the getToken function gets the star input.
      const fourth = rating.locator('[part~="option"]').nth(3);
      await fourth.waitFor({ timeout: TIMEOUT });
      check(true, `${app} (${id}): getToken (a function property) signed the visitor in`);
      await fourth.click();
      const subject = await rating.evaluate((el) => el.subject);
      await page
        .locator('#events', { hasText: `${id} ${subject} 4` })
        .waitFor({ timeout: TIMEOUT })
        .then(
          () => check(true, `${app} (${id}): cw-rate reached the framework's handler`),
          async () =>
            check(
              false,
              `${app} (${id}): cw-rate did not reach the handler (events: "${await page.locator('#events').textContent()}")`,
            ),
        );
    }
    check(
      errors.length === 0,
      `${app}: no page errors${errors.length ? `: ${errors.join('; ')}` : ''}`,
    );
  } catch (error) {
    check(false, `${app}: ${error.message.split('\n')[0]}`);
  } finally {
    await page.close();
    server.close();
  }
}

/**
 * The app-bundle cost of each import style. A named import from a per-element module (and
 * from the React wrappers' index) costs that widget alone; the root entry registers every
 * element, so the README must lead with the per-element path while it costs more.
 */
async function checkBundleDeltas(appDir) {
  const sizes = await bundleDeltas(appDir);
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  for (const [style, size] of Object.entries(sizes)) {
    if (!size.baseline) continue;
    console.log(
      `  · ${style}: +${kb(size.deltaInitial)} gz up front, +${kb(size.deltaTotal)} with lazy chunks`,
    );
  }
  const own = sizes['community-widgets/rating.js'].deltaTotal;
  const wrapped = sizes["{ CwRating } from 'community-widgets/react/rating.js'"].deltaTotal;
  const barrel = sizes["{ CwRating } from 'community-widgets/react'"].deltaTotal;
  const rootEntry = sizes["{ CwRating } from 'community-widgets'"].deltaTotal;
  check(
    wrapped <= own + 3 * 1024,
    `the React wrapper of <cw-rating> costs its widget + ≤ 3 KB (${kb(wrapped)})`,
  );
  check(
    Math.abs(barrel - wrapped) <= 256,
    `{ CwRating } from 'community-widgets/react' costs what it names (${kb(barrel)})`,
  );
  if (rootEntry > own + 1024) {
    const readme = readFileSync(join(repo, 'README.md'), 'utf8');
    const first = readme.match(/^import [^;]*'(community-widgets[^']*)';/m)?.[1];
    check(
      first !== undefined && first !== 'community-widgets',
      `the root entry costs ${kb(rootEntry)} for one element (its own: ${kb(own)}), so the README leads with a per-element import (it leads with '${first}')`,
    );
  }
}

const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
const started = Date.now();
try {
  for (const app of chosen) {
    const spec = apps[app];
    console.log(`\n${app}`);
    const install = timed('install (lockfile + the tarball)', () =>
      npm(app, ['install', '--no-save', '--prefer-offline', '--no-audit', '--no-fund', tarball]),
    );
    check(
      install.status === 0,
      `${app}: npm install of the tarball${install.status ? `\n${install.output}` : ''}`,
    );
    if (install.status) continue;
    if (app === 'react19') await checkBundleDeltas(join(appsDir, app));
    const typecheck = timed('typecheck', () => npm(app, ['run', '--silent', 'typecheck']));
    check(
      typecheck.status === 0,
      `${app}: strict typecheck passes${typecheck.status ? `\n${typecheck.output}` : ''}`,
    );
    const wrong = timed('typecheck the mistakes', () =>
      npm(app, ['run', '--silent', 'typecheck:wrong']),
    );
    const { marked, reported } = wrongLines(app, spec.wrong, wrong.output);
    check(
      wrong.status !== 0 && marked.length > 0 && marked.join() === reported.join(),
      `${app}: the typecheck fails on exactly the ${marked.length} lines marked in ${spec.wrong}` +
        (marked.join() === reported.join()
          ? ''
          : ` (marked ${marked}, reported ${reported})\n${wrong.output}`),
    );
    // msw's worker script, as the README tells integrators: `npx msw init public`.
    npm(app, ['exec', '--no', '--', 'msw', 'init', 'public', '--no-save']);
    const build = timed('build', () => npm(app, ['run', '--silent', 'build']));
    check(build.status === 0, `${app}: builds${build.status ? `\n${build.output}` : ''}`);
    if (build.status) continue;
    await runInBrowser(browser, app, spec);
  }
} finally {
  await browser.close();
}
console.log(
  `\nintegration: ${((Date.now() - started) / 1000).toFixed(0)} s for ${chosen.join(', ')}`,
);
for (const failure of failures) console.error(`✖ ${failure.split('\n')[0]}`);
console.log(`integration: ${checks - failures.length} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
