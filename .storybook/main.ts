import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/web-components-vite';
import { transform } from 'esbuild';
import type { Plugin } from 'vite';

const tsconfigPath = fileURLToPath(new URL('../tsconfig.json', import.meta.url));

/**
 * The project compiles with legacy decorators (`experimentalDecorators`,
 * `useDefineForClassFields: false`). Vite 8's Oxc transform does not honour that, so the
 * build succeeds but the elements never get their reactive properties at runtime. This
 * lowers every .ts module with esbuild and the repo's own tsconfig before Oxc sees it.
 */
function legacyDecorators(): Plugin {
  const { compilerOptions } = JSON.parse(readFileSync(tsconfigPath, 'utf8')) as {
    compilerOptions: Record<string, unknown>;
  };
  return {
    name: 'cw:esbuild-legacy-decorators',
    enforce: 'pre',
    async transform(code, id) {
      const file = id.split('?')[0]!;
      if (!file.endsWith('.ts') || file.endsWith('.d.ts') || file.includes('/node_modules/')) {
        return null;
      }
      const result = await transform(code, {
        loader: 'ts',
        target: 'es2022',
        format: 'esm',
        sourcemap: true,
        sourcefile: file,
        tsconfigRaw: { compilerOptions },
      });
      return { code: result.code, map: result.map };
    },
  };
}

const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-a11y', '@storybook/addon-docs'],
  // public/mockServiceWorker.js must be served from the root scope for msw.
  staticDirs: ['../public'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  async viteFinal(viteConfig) {
    const { mergeConfig } = await import('vite');
    return mergeConfig(viteConfig, {
      plugins: [legacyDecorators()],
      optimizeDeps: {
        include: ['lit', 'lit/decorators.js', 'lit/directive-helpers.js', 'msw', 'msw/browser'],
      },
    });
  },
};

export default config;
