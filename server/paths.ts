import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = (): string => fileURLToPath(import.meta.url);

/**
 * The repository checkout this module runs from (tsx from `server/`, or the bundle in
 * `server/dist/`), found by walking up to api/openapi.yaml; null in the installed
 * community-widgets-server package, which has no demo pages or browser bundle to serve.
 */
export function checkoutRoot(from: string = here()): string | null {
  let dir = dirname(from);
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'api', 'openapi.yaml'))) {
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/**
 * The contract the server validates against: the copy the build puts beside the bundle
 * (what the installed package has), else the checkout's api/openapi.yaml.
 */
export function contractFile(from: string = here()): string {
  const beside = join(dirname(from), 'openapi.yaml');
  if (existsSync(beside)) return beside;
  const root = checkoutRoot(from);
  if (root === null)
    throw new Error(`No openapi.yaml beside ${from} nor api/openapi.yaml above it.`);
  return join(root, 'api', 'openapi.yaml');
}
