// custom-elements.json is what editors, Storybook and the framework types read
// (scripts/generate-framework-types.mjs), so it describes what a page may use and how to load it.
import { readFileSync, readdirSync } from 'node:fs';

/** `@cssprop [--name=default] - description` lines of a JSDoc, as manifest cssProperties. */
function cssProperties(source) {
  return [...source.matchAll(/@cssprop \[(--[\w-]+)=([^\]]+)\] - (.+)$/gm)].map(
    ([, name, fallback, description]) => ({ name, default: fallback, description }),
  );
}

/** The registration modules (src/<name>.ts): `define('cw-x', CwX)` names each element's tag. */
function definitions() {
  return readdirSync('src')
    .filter((file) => file.endsWith('.ts'))
    .map((file) => {
      const source = readFileSync(`src/${file}`, 'utf8');
      const defines = [...source.matchAll(/^define\('([\w-]+)', (\w+)\);$/gm)];
      return { path: `src/${file}`, defines: defines.map(([, tag, name]) => ({ tag, name })) };
    })
    .filter(({ defines }) => defines.length > 0);
}

function communityWidgets() {
  const internal = new Set();
  return {
    name: 'community-widgets',
    analyzePhase({ ts, node }) {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      const tags = ts.getJSDocTags(node).map((tag) => tag.tagName.text);
      if (tags.includes('internal')) internal.add(node.name.text);
    },
    packageLinkPhase({ customElementsManifest: manifest }) {
      const globalTokens = cssProperties(readFileSync('src/styles/tokens.ts', 'utf8'));
      const classes = new Map();
      for (const module of manifest.modules) {
        // Internal sub-elements (the star input, the vote control) are parts of other widgets.
        module.declarations = (module.declarations ?? []).filter((d) => !internal.has(d.name));
        module.exports = (module.exports ?? []).filter((e) => !internal.has(e.declaration?.name));
        for (const declaration of module.declarations) {
          if (!declaration.customElement || !declaration.tagName) continue;
          classes.set(declaration.name, module.path);
          declaration.description ||= declaration.summary ?? '';
          const own = new Set((declaration.cssProperties ?? []).map((p) => p.name));
          declaration.cssProperties = [
            ...(declaration.cssProperties ?? []),
            ...globalTokens.filter((token) => !own.has(token.name)),
          ];
        }
      }
      // Tells tools which module to import for a tag (`community-widgets/rating.js` registers
      // <cw-rating>); only public elements, so an internal one defined beside them stays out.
      for (const { path, defines } of definitions()) {
        const exports = defines
          .filter(({ name }) => classes.has(name))
          .map(({ tag, name }) => ({
            kind: 'custom-element-definition',
            name: tag,
            declaration: { name, module: classes.get(name) },
          }));
        if (exports.length)
          manifest.modules.push({ kind: 'javascript-module', path, declarations: [], exports });
      }
    },
  };
}

export default {
  globs: ['src/components/**/*.ts'],
  exclude: ['src/components/**/*.styles.ts'],
  litelement: true,
  plugins: [communityWidgets()],
};
