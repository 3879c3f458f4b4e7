/**
 * What each way of importing <cw-rating> adds to an app's bundle: Vite (the React 19 app's
 * own, with the tarball installed) builds one tiny entry per import style, and the gzipped
 * JavaScript it emits is compared with a baseline of the same app without the widget.
 * Called by run.mjs after the React 19 app's install.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

/** [style, entry source, baseline style it is measured against]. */
const styles = [
  ['nothing', `console.log(document.title);`],
  // What any React app already pays: the wrapper's own use of React is not the widget's cost.
  [
    'react alone',
    `import * as React from 'react';\nconsole.log(React.createElement('p'), React.forwardRef, React.useLayoutEffect, React.useRef);`,
  ],
  ['community-widgets/rating.js', `import 'community-widgets/rating.js';`, 'nothing'],
  [
    "{ CwRating } from 'community-widgets'",
    `import { CwRating } from 'community-widgets';\nconsole.log(CwRating.name);`,
    'nothing',
  ],
  [
    "{ CwRating } from 'community-widgets/react/rating.js'",
    `import * as React from 'react';\nimport { CwRating } from 'community-widgets/react/rating.js';\nconsole.log(React.version, CwRating);`,
    'react alone',
  ],
  [
    "{ CwRating } from 'community-widgets/react'",
    `import * as React from 'react';\nimport { CwRating } from 'community-widgets/react';\nconsole.log(React.version, CwRating);`,
    'react alone',
  ],
];

/** Gzipped bytes of the JavaScript loaded up front, and of every chunk (lazy ones included). */
async function measure(vite, dir, name, source) {
  const file = join(dir, `${name.replace(/\W+/g, '-')}.js`);
  writeFileSync(file, source);
  const output = await vite.build({
    root: dir,
    configFile: false,
    logLevel: 'silent',
    build: { write: false, target: 'es2022', rollupOptions: { input: file } },
  });
  const chunks = (Array.isArray(output) ? output : [output])
    .flatMap((o) => o.output)
    .filter((chunk) => chunk.type === 'chunk');
  const gz = (chunk) => gzipSync(chunk.code, { level: 9 }).length;
  const entry = chunks.find((chunk) => chunk.isEntry);
  const initial = new Set([entry.fileName, ...entry.imports]);
  return {
    initial: chunks.filter((c) => initial.has(c.fileName)).reduce((sum, c) => sum + gz(c), 0),
    total: chunks.reduce((sum, c) => sum + gz(c), 0),
  };
}

/** Returns { style: { initial, total, deltaInitial, deltaTotal } } in bytes. */
export async function bundleDeltas(appDir) {
  const vite = await import(pathToFileURL(join(appDir, 'node_modules/vite/dist/node/index.js')));
  const dir = join(appDir, '.delta');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const sizes = {};
  try {
    for (const [name, source, baseline] of styles) {
      const size = await measure(vite, dir, name, source);
      const base = baseline ? sizes[baseline] : { initial: 0, total: 0 };
      sizes[name] = {
        ...size,
        deltaInitial: size.initial - base.initial,
        deltaTotal: size.total - base.total,
        baseline,
      };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return sizes;
}
