import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { minifyTemplateLiterals } from 'rollup-plugin-minify-template-literals';

const typescript = () => esbuild({ target: 'es2022', tsconfig: 'tsconfig.json' });

/**
 * esbuild writes its `__decorateClass` helper into every module with a decorator (five copies
 * in the Q&A chunk alone); this imports one shared copy instead, so each chunk carries it at
 * most once (issue 11). The helper is esbuild's own text, moved, not rewritten.
 */
const decoratorHelper = '\0cw-decorate-class';
function oneDecoratorHelper() {
  const helper = /^var __decorateClass = \(decorators, target, key, kind\) => \{\n[\s\S]*?\n\};\n/m;
  let source;
  return {
    name: 'one-decorator-helper',
    resolveId: (id) => (id === decoratorHelper ? id : null),
    load: (id) =>
      id === decoratorHelper
        ? `var __defProp = Object.defineProperty;\nvar __getOwnPropDesc = Object.getOwnPropertyDescriptor;\nexport ${source}`
        : null,
    transform(code) {
      const found = helper.exec(code);
      if (!found) return null;
      source ??= found[0];
      // Keeps every later line where it was, so the module's source map stays right.
      const lines = found[0].split('\n').length - 1;
      const use = `import { __decorateClass } from '${decoratorHelper}';`;
      return { code: code.replace(helper, use + '\n'.repeat(lines)), map: null };
    },
  };
}
const resolve = () => nodeResolve({ exportConditions: ['browser', 'production'] });
const minify = () =>
  terser({ ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false } });

/** npm users share lit and @floating-ui/dom (and bring msw for the mocks), so those stay imports. */
/**
 * Lit's `css` tag only builds a stylesheet: an unused one (a shared sheet a bundle's widgets do
 * not use, such as `blockWidget` in the rating-only drop-in) is dropped instead of kept for a
 * side effect it does not have.
 */
const treeshake = { manualPureFunctions: ['css'] };

const external = (id) => /^(lit|@lit\/[^/]+|@floating-ui\/[^/]+|msw)(\/|$)/.test(id);

export default [
  // (a) ESM for npm, one entry per element, shared code in chunks, lit external.
  {
    input: {
      index: 'src/index.ts',
      core: 'src/core/index.ts',
      community: 'src/community.ts',
      rating: 'src/rating.ts',
      qa: 'src/qa.ts',
      reviews: 'src/reviews.ts',
      'idea-board': 'src/idea-board.ts',
      'expert-badge': 'src/expert-badge.ts',
      'expert-list': 'src/expert-list.ts',
      'moderation-queue': 'src/moderation-queue.ts',
      inbox: 'src/inbox.ts',
      insights: 'src/insights.ts',
      mocks: 'server/msw/index.ts',
    },
    external,
    treeshake,
    plugins: [resolve(), typescript(), oneDecoratorHelper(), minifyTemplateLiterals()],
    output: {
      dir: 'dist',
      format: 'es',
      sourcemap: true,
      chunkFileNames: 'chunks/[name]-[hash].js',
    },
  },
  // (b) Minified drop-in bundles for a <script type="module">: everything a page needs in one
  // file; only what few pages use (the translation runtime) loads later as a chunk.
  ...[
    ['community-widgets', 'src/cdn.ts'],
    ['community-rating', 'src/rating-bundle.ts'],
    ['community-all', 'src/cdn-all.ts'],
  ].map(([name, input]) => ({
    input: { [name]: input },
    treeshake,
    plugins: [resolve(), typescript(), oneDecoratorHelper(), minifyTemplateLiterals(), minify()],
    // Lets the entry carry the exports the lazy chunk needs, instead of adding a facade file.
    preserveEntrySignatures: 'allow-extension',
    output: {
      dir: 'dist/cdn',
      format: 'es',
      sourcemap: true,
      entryFileNames: '[name].js',
      chunkFileNames: `chunks/${name}-[name]-[hash].js`,
    },
  })),
];
