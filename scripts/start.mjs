// `npm start`: builds what is missing or stale, then runs the reference server with the demo
// (seeded products, dev personas) unless NODE_ENV=production or the variables say otherwise.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReceiver } from '../examples/webhook-receiver.mjs';
import { createInterface } from 'node:readline';
import { devLog, readyAddress } from './dev-log.mjs';

const BROWSER_BUNDLE = 'dist/cdn/community-widgets.js';
const SERVER_BUNDLE = 'server/dist/cli.js';

/** Newest modification time of any file under the given paths (0 when none exist). */
function newest(...paths) {
  let latest = 0;
  for (const path of paths) {
    // server/dist is the build's own output.
    if (!existsSync(path) || path.endsWith('/dist')) continue;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
    } else {
      latest = Math.max(latest, stat.mtimeMs);
    }
  }
  return latest;
}

const builtAt = (file) => (existsSync(file) ? statSync(file).mtimeMs : 0);
const run = (command, args) => execFileSync(command, args, { stdio: 'inherit' });

if (builtAt(BROWSER_BUNDLE) < newest('src')) {
  console.log('Building the browser library (npm run build)…');
  run('npm', ['run', '--silent', 'build']);
}
if (builtAt(SERVER_BUNDLE) < newest('server', 'api/openapi.yaml')) {
  console.log('Building the server…');
  run('node', ['scripts/build-server.mjs']);
}

const production = process.env.NODE_ENV === 'production';
const env = {
  ...process.env,
  ...(production ? {} : { CW_DEV_PERSONAS: process.env.CW_DEV_PERSONAS ?? '1' }),
  CW_SEED: process.env.CW_SEED ?? '1',
};
// The demo's webhook: a local receiver (examples/webhook-receiver.mjs) that prints one line
// per delivery, configured unless the operator brings a configuration of their own.
if (!production && !env.CW_CONFIG) {
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  const receiver = await startReceiver({
    secret,
    log: (line) => console.log(`  [webhook receiver] ${line}`),
  });
  const dir = mkdtempSync(join(tmpdir(), 'cw-demo-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  env.CW_CONFIG = join(dir, 'config.json');
  writeFileSync(
    env.CW_CONFIG,
    JSON.stringify({
      webhooks: [
        { id: 'demo', url: `http://127.0.0.1:${receiver.address().port}/`, secret, events: ['*'] },
      ],
    }),
  );
}

const server = spawn(process.execPath, [SERVER_BUNDLE], {
  env,
  stdio: ['ignore', production ? 'inherit' : 'pipe', 'inherit'],
});
// In production the log stays JSON for collectors. In dev each request is one readable line,
// and the URL is printed once the server listens (a taken port ends in the server's sentence).
if (!production) {
  const format = devLog();
  createInterface({ input: server.stdout }).on('line', (line) => {
    const address = readyAddress(line);
    if (address) {
      console.log(`\n  community-widgets demo: ${address.replace('0.0.0.0', 'localhost')}\n`);
      return;
    }
    const shown = format(line);
    if (shown !== null) console.log(shown);
  });
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
