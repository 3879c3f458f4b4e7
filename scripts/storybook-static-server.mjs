// Serves a built Storybook (storybook-static/) on 127.0.0.1, a secure context as msw's worker
// needs; shared by the Storybook smoke check and the visual comparison.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

export const storybookDir = resolve(process.env.STORYBOOK_DIR ?? 'storybook-static');

/** Exits with a sentence when there is no built Storybook to serve. */
export function requireBuiltStorybook(tool) {
  if (existsSync(join(storybookDir, 'iframe.html')) && existsSync(join(storybookDir, 'index.json')))
    return;
  console.error(
    `${tool}: ${storybookDir} has no built Storybook (iframe.html, index.json). Run \`npm run build-storybook\` first.`,
  );
  process.exit(1);
}

/** Starts the server on a free port; resolves to `{ server, origin }`. */
export function serveStorybook(root = storybookDir) {
  const server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    let file = normalize(join(root, decodeURIComponent(pathname)));
    if (file !== root && !file.startsWith(root + sep)) {
      response.writeHead(403).end();
      return;
    }
    if (pathname === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      if (process.env.DEBUG) console.log(`  404 ${pathname}`);
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, {
      'Content-Type': types[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-store',
    });
    createReadStream(file).pipe(response);
  });
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () =>
      done({ server, origin: `http://127.0.0.1:${server.address().port}` }),
    ),
  );
}
