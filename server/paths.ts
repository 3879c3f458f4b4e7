import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The checkout or installed package holding api/openapi.yaml. Found by walking up from this
 * module because it runs both from `server/` (tsx) and bundled in `dist/server/` (node).
 */
export function projectRoot(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'api', 'openapi.yaml'))) {
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No project root (with api/openapi.yaml) above ${from}.`);
    dir = parent;
  }
}

export const contractFile = (): string => join(projectRoot(), 'api', 'openapi.yaml');
