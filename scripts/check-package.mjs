// Checks what `npm publish` would ship, after `npm run build`: every `exports` target exists,
// the npm ESM shares lit (imports it, never copies it), the drop-in bundles are
// self-contained, and the custom-elements manifest describes every element.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const failures = [];
let checks = 0;
const check = (ok, message) => {
  checks += 1;
  if (!ok) failures.push(message);
};

for (const [subpath, target] of Object.entries(pkg.exports)) {
  for (const file of typeof target === 'string' ? [target] : Object.values(target)) {
    if (file.includes('*')) {
      // A subpath pattern (`./react/*.js`): at least one file of the build matches it.
      const [dir, suffix] = [dirname(file), file.slice(file.indexOf('*') + 1)];
      check(
        existsSync(dir) && readdirSync(dir).some((f) => f.endsWith(suffix)),
        `exports["${subpath}"] matches no file of the build (${file})`,
      );
      continue;
    }
    check(
      existsSync(file),
      `exports["${subpath}"] points at ${file}, which the build did not make`,
    );
  }
}

const esmFiles = [
  ...readdirSync('dist')
    .filter((f) => f.endsWith('.js'))
    .map((f) => join('dist', f)),
  ...readdirSync('dist/chunks')
    .filter((f) => f.endsWith('.js'))
    .map((f) => join('dist/chunks', f)),
];
const sharedPackages = /node_modules\/(lit|lit-html|lit-element|@lit\/[^/]+|msw)\//;
for (const file of esmFiles) {
  const { sources } = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
  const copied = sources.filter((source) => sharedPackages.test(source));
  check(copied.length === 0, `${file} copies ${copied.join(', ')} instead of importing it`);
}

// `from` only as a keyword (after `}`, `*` or a space): the word in a string (`name="from"`,
// a property called `from`) is no import.
const bareImport = /(?:[}*\s]from\s*|\bimport\s*\(?\s*)["']([^"'./][^"']*)["']/g;
const cdnFiles = [
  ...readdirSync('dist/cdn')
    .filter((f) => f.endsWith('.js'))
    .map((f) => join('dist/cdn', f)),
  ...readdirSync('dist/cdn/chunks')
    .map((f) => join('dist/cdn/chunks', f))
    .filter((f) => f.endsWith('.js')),
];
for (const file of cdnFiles) {
  const bare = [...readFileSync(file, 'utf8').matchAll(bareImport)].map((m) => m[1]);
  check(
    bare.length === 0,
    `${file} imports ${bare.join(', ')}: a drop-in bundle must be self-contained`,
  );
}

const manifest = JSON.parse(readFileSync(pkg.customElements, 'utf8'));
const elements = manifest.modules.flatMap((module) =>
  (module.declarations ?? []).filter((declaration) => declaration.customElement),
);
// @floating-ui/dom is paid only by widgets that open a popover: never by the rating-only
// bundle, nor by the all-widgets entry (it loads with the badge's chunk), nor by the one-file
// bundle's entry (it loads when a card opens).
for (const file of [
  'dist/cdn/community-rating.js',
  'dist/cdn/community-widgets.js',
  'dist/cdn/community-all.js',
  'dist/rating.js',
]) {
  const { sources } = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
  const floating = sources.filter((source) => /@floating-ui\//.test(source));
  check(floating.length === 0, `${file} contains ${floating.join(', ')}`);
}
for (const file of cdnFiles.filter((f) => f.includes('community-rating'))) {
  check(
    !/computePosition|autoUpdate/.test(readFileSync(file, 'utf8')),
    `${file} carries @floating-ui/dom code`,
  );
}

for (const tag of [
  'cw-community',
  'cw-rating',
  'cw-qa',
  'cw-reviews',
  'cw-idea-board',
  'cw-expert-badge',
  'cw-expert-list',
  'cw-inbox',
]) {
  const element = elements.find((declaration) => declaration.tagName === tag);
  check(element !== undefined, `custom-elements.json does not describe <${tag}>`);
  check(Boolean(element?.summary), `<${tag}> has no @summary in custom-elements.json`);
  check(
    (element?.attributes?.length ?? 0) > 0,
    `<${tag}> lists no attributes in custom-elements.json`,
  );
}

// The conformance kit runs from an installed package with plain node: its bin has a shebang,
// and its bundles import only node's built-ins and each other, never a devDependency.
for (const [name, target] of Object.entries(pkg.bin ?? {})) {
  check(existsSync(target), `bin ${name} points at ${target}, which the build did not make`);
  check(
    existsSync(target) && readFileSync(target, 'utf8').startsWith('#!/usr/bin/env node\n'),
    `bin ${name} (${target}) does not start with #!/usr/bin/env node`,
  );
}
for (const file of readdirSync('dist/conformance').filter((f) => f.endsWith('.js'))) {
  const text = readFileSync(join('dist/conformance', file), 'utf8');
  const imported = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["']([^"']+)["']/g)].map(
    (m) => m[1],
  );
  const foreign = imported.filter((spec) => !spec.startsWith('node:') && !spec.startsWith('./'));
  check(
    foreign.length === 0,
    `dist/conformance/${file} imports ${foreign.join(', ')}: the kit must be self-contained`,
  );
}
check(pkg.files.includes('api'), 'the package must ship api/ (the kit reads api/openapi.yaml)');
// Tools read the manifest for what a page may use: internal parts stay out, every public
// element says which module registers it, and the global theme tokens are listed.
const internalTags = ['cw-rating-input', 'cw-vote'];
for (const tag of internalTags) {
  check(
    !elements.some((declaration) => declaration.tagName === tag),
    `custom-elements.json lists the internal <${tag}>`,
  );
}
const definitions = manifest.modules.flatMap((module) =>
  (module.exports ?? []).filter((entry) => entry.kind === 'custom-element-definition'),
);
const publicTags = elements.filter((d) => d.tagName).map((d) => d.tagName);
const globalTokens = [
  ...readFileSync('src/styles/tokens.ts', 'utf8').matchAll(/@cssprop \[(--cw-[\w-]+)=/g),
].map((m) => m[1]);
check(
  globalTokens.length === 21,
  `src/styles/tokens.ts documents ${globalTokens.length} global tokens, not 21`,
);
for (const tag of publicTags) {
  const element = elements.find((declaration) => declaration.tagName === tag);
  check(
    definitions.some((entry) => entry.name === tag),
    `custom-elements.json has no custom-element-definition export for <${tag}>`,
  );
  check(Boolean(element.description), `<${tag}> has no description in custom-elements.json`);
  const properties = new Set((element.cssProperties ?? []).map((p) => p.name));
  const missing = globalTokens.filter((token) => !properties.has(token));
  check(missing.length === 0, `<${tag}> does not list the global tokens ${missing.join(', ')}`);
}
// Every global-looking token a stylesheet reads is one of the documented ones.
const usedTokens = new Set();
for (const dir of readdirSync('src', { recursive: true })) {
  if (!dir.endsWith('.ts')) continue;
  for (const m of readFileSync(join('src', dir), 'utf8').matchAll(
    /var\((--cw-(?:color|font|radius|space|line|control|border|focus)[\w-]*)/g,
  )) {
    usedTokens.add(m[1]);
  }
}
for (const token of usedTokens) {
  check(globalTokens.includes(token), `${token} is used in src/ but not documented in tokens.ts`);
}
// The theme presets ship, and set only documented tokens (a typo would silently do nothing).
check(existsSync('dist/themes.css'), 'the build did not ship dist/themes.css');
const presetTokens = [
  ...readFileSync('src/styles/themes.css', 'utf8').matchAll(/^\s*(--[\w-]+)\s*:/gm),
].map((m) => m[1]);
check(presetTokens.length > 0, 'src/styles/themes.css sets no token');
for (const token of presetTokens) {
  check(
    globalTokens.includes(token),
    `themes.css sets ${token}, which tokens.ts does not document`,
  );
}

// Editor data and framework types ship and name every public element, no internal one.
const htmlData = JSON.parse(readFileSync('dist/vscode.html-custom-data.json', 'utf8'));
const webTypes = JSON.parse(readFileSync(pkg['web-types'], 'utf8'));
const cssData = JSON.parse(readFileSync('dist/vscode.css-custom-data.json', 'utf8'));
const frameworkTypes = ['jsx-react', 'vue', 'svelte'].map((name) =>
  readFileSync(`dist/${name}.d.ts`, 'utf8'),
);
const reactIndex = readFileSync('dist/react/index.js', 'utf8');
for (const tag of publicTags) {
  const element = elements.find((declaration) => declaration.tagName === tag);
  const html = htmlData.tags.find((t) => t.name === tag);
  check(
    html !== undefined && html.attributes.length === element.attributes.length,
    `vscode.html-custom-data.json lacks <${tag}> or some of its attributes`,
  );
  const web = webTypes.contributions.html.elements.find((e) => e.name === tag);
  check(
    web !== undefined && web.attributes.length === element.attributes.length,
    `web-types.json lacks <${tag}> or some of its attributes`,
  );
  for (const [index, text] of frameworkTypes.entries()) {
    check(
      text.includes(`'${tag}':`),
      `dist/${['jsx-react', 'vue', 'svelte'][index]}.d.ts lacks <${tag}>`,
    );
  }
  check(
    reactIndex.includes(`export { ${element.name} }`),
    `community-widgets/react lacks ${element.name}`,
  );
}
for (const tag of internalTags) {
  check(
    !htmlData.tags.some((t) => t.name === tag) &&
      !webTypes.contributions.html.elements.some((e) => e.name === tag) &&
      !frameworkTypes.some((text) => text.includes(`'${tag}':`)),
    `the editor data or framework types name the internal <${tag}>`,
  );
}
for (const token of globalTokens) {
  check(
    cssData.properties.some((p) => p.name === token),
    `vscode.css-custom-data.json lacks ${token}`,
  );
}

for (const failure of failures) console.error(`✖ ${failure}`);
console.log(`package: ${checks - failures.length} passed, ${failures.length} failed`);
process.exit(failures.length ? 1 : 0);
