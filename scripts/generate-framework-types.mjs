// Writes what editors and frameworks read, all from custom-elements.json (run by the build after
// `npm run analyze`), so a new public element is picked up with no edit here:
//   dist/vscode.html-custom-data.json, dist/vscode.css-custom-data.json  VS Code
//   dist/web-types.json                                                 JetBrains IDEs
//   dist/jsx-react.d.ts   React JSX.IntrinsicElements (React 19 passes props and events)
//   dist/vue.d.ts         Vue GlobalComponents (vue-tsc strictTemplates)
//   dist/svelte.d.ts      Svelte SvelteHTMLElements
//   dist/react/*.js + .d.ts  `community-widgets/react`: @lit/react wrappers (React 18, SSR)
// Element types are the classes' own declarations (picked by the manifest's member names), so
// a property's type is never re-typed here from the manifest's text.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const manifest = JSON.parse(readFileSync(pkg.customElements, 'utf8'));

/** Public custom elements, each with the module a page imports to register it. */
function publicElements(customElements) {
  const definitions = new Map();
  for (const module of customElements.modules) {
    for (const entry of module.exports ?? []) {
      if (entry.kind === 'custom-element-definition') definitions.set(entry.name, module.path);
    }
  }
  return customElements.modules.flatMap((module) =>
    (module.declarations ?? [])
      .filter((d) => d.customElement && d.tagName && definitions.has(d.tagName))
      .map((d) => ({
        ...d,
        module: module.path,
        define: definitions.get(d.tagName),
        properties: (d.members ?? []).filter(
          (m) => m.kind === 'field' && !m.privacy && !m.static && !m.readonly,
        ),
        events: (d.events ?? []).filter((e) => e.name),
      })),
  );
}

// Sorted, so the output does not depend on the order the analyzer met the files.
const elements = publicElements(manifest).sort((a, b) => a.tagName.localeCompare(b.tagName));
const js = (path) => path.replace(/^src\//, '').replace(/\.ts$/, '.js');
/** The `exports` subpath that registers an element (`community-widgets/rating.js`). */
const importPath = (element) => `${pkg.name}/${js(element.define)}`;
/** `'small' | 'medium'` → ['small', 'medium']; undefined when the type is not such a union. */
function literalValues(type) {
  const parts = (type ?? '').split('|').map((part) => part.trim());
  const literals = parts.filter((part) => /^'[^']*'$/.test(part)).map((p) => p.slice(1, -1));
  const rest = parts.filter((part) => !/^'[^']*'$/.test(part) && part !== 'undefined');
  return literals.length && rest.length === 0 ? literals : undefined;
}
const docs = (element) => [
  { name: 'README', url: `https://www.npmjs.com/package/${pkg.name}#${element.tagName}` },
];
const summary = (element) => (element.summary ?? '').replace(/\s+/g, ' ').replace('*/', '*\\/');
const pascal = (name) => name.replace(/(^|-)(\w)/g, (_, __, c) => c.toUpperCase());
const eventProp = (event) => `on${pascal(event.name)}`;
const globalTokens = new Set(
  [...readFileSync('src/styles/tokens.ts', 'utf8').matchAll(/@cssprop \[(--[\w-]+)=/g)].map(
    (m) => m[1],
  ),
);

const write = (file, text) => {
  mkdirSync('dist', { recursive: true });
  writeFileSync(`dist/${file}`, text);
};
const json = (value) => `${JSON.stringify(value, null, 2)}\n`;

write(
  'vscode.html-custom-data.json',
  json({
    version: 1.1,
    tags: elements.map((element) => ({
      name: element.tagName,
      description: `${element.description}\n\nImport: \`${importPath(element)}\``,
      attributes: (element.attributes ?? []).map((attribute) => {
        const values = literalValues(attribute.type?.text);
        return {
          name: attribute.name,
          description: attribute.description ?? '',
          ...(values ? { values: values.map((name) => ({ name })) } : {}),
          ...(attribute.type?.text === 'boolean' ? { valueSet: 'v' } : {}),
        };
      }),
      references: docs(element),
    })),
  }),
);

const cssProperties = new Map();
for (const element of elements) {
  for (const property of element.cssProperties ?? []) {
    const owner = globalTokens.has(property.name) ? 'every widget' : `<${element.tagName}>`;
    cssProperties.set(property.name, {
      name: property.name,
      description: `${property.description} (${owner}; default \`${property.default}\`)`,
    });
  }
}
write(
  'vscode.css-custom-data.json',
  json({
    version: 1.1,
    properties: [...cssProperties.values()],
    pseudoElements: [
      ...new Set(elements.flatMap((e) => (e.cssParts ?? []).map((part) => part.name))),
    ].map((name) => ({
      name: `::part(${name})`,
      description: elements
        .filter((e) => (e.cssParts ?? []).some((part) => part.name === name))
        .map((e) => `<${e.tagName}>: ${e.cssParts.find((p) => p.name === name).description}`)
        .join('\n'),
    })),
  }),
);

write(
  'web-types.json',
  json({
    $schema: 'https://raw.githubusercontent.com/JetBrains/web-types/master/schema/web-types.json',
    name: pkg.name,
    version: pkg.version,
    'description-markup': 'markdown',
    'js-types-syntax': 'typescript',
    contributions: {
      html: {
        elements: elements.map((element) => ({
          name: element.tagName,
          description: element.description,
          'doc-url': docs(element)[0].url,
          source: { module: importPath(element), symbol: element.name },
          attributes: (element.attributes ?? []).map((attribute) => ({
            name: attribute.name,
            description: attribute.description ?? '',
            value: { type: attribute.type?.text ?? 'string' },
          })),
          slots: (element.slots ?? []).map(({ name, description }) => ({ name, description })),
          events: element.events.map((event) => ({
            name: event.name,
            description: event.description ?? '',
          })),
          js: {
            properties: element.properties.map((property) => ({
              name: property.name,
              description: property.description ?? '',
              value: { type: property.type?.text ?? 'unknown' },
            })),
            events: element.events.map((event) => ({
              name: event.name,
              description: event.description ?? '',
            })),
          },
        })),
      },
      css: {
        properties: [...cssProperties.values()],
        parts: [...new Set(elements.flatMap((e) => (e.cssParts ?? []).map((p) => p.name)))].map(
          (name) => ({ name }),
        ),
      },
    },
  }),
);

// ── TypeScript: one alias per element, shared by the three framework files ──────────────────
// The registration module's types come along: they declare the tag and the element's typed
// events (GlobalEventHandlersEventMap), which the class's own declaration may not import.
const typeImport = (element, dir = '.') =>
  `import type { ${element.name}${dir === '.' ? '' : ` as ${element.name}Element`} } from '${dir}/types/${element.module.replace(/\.ts$/, '.js')}';\n` +
  `import type {} from '${dir}/types/${element.define.replace(/\.ts$/, '.js')}';`;
const propertyNames = (element) =>
  element.properties.map((p) => `'${p.name}'`).join(' | ') || 'never';
/** The event a listener receives: the typed CustomEvent when registered globally. */
const eventTypeHelper = `type EventOf<K extends string> = K extends keyof GlobalEventHandlersEventMap
  ? GlobalEventHandlersEventMap[K]
  : Event;`;
const header = `// Generated from custom-elements.json by scripts/generate-framework-types.mjs.\n`;
const imports = elements.map((element) => typeImport(element)).join('\n');
/** Properties an element accepts from a framework: its public, writable fields. */
const props = (element) => `Partial<Pick<${element.name}, ${propertyNames(element)}>>`;
/** `{ 'oncw-rate'?: (event) => void }`: the listener attributes React 19 and Svelte 5 bind. */
const lowerListeners = (element) =>
  `{ ${element.events
    .map((e) => `'on${e.name}'?: (event: EventOf<'${e.name}'>) => void;`)
    .join(' ')} }`;

write(
  'jsx-react.d.ts',
  `${header}// For React 19's JSX: \`<cw-rating subject="x" oncw-rate={…}>\`. Opt in with
// \`import type {} from '${pkg.name}/jsx-react';\` in any .d.ts or module of the app.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
${imports}

${eventTypeHelper}
type Tag<E extends HTMLElement, P, L> = DetailedHTMLProps<HTMLAttributes<E>, E> & P & L;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
${elements
  .map(
    (e) =>
      `      /** ${summary(e)} */\n      '${e.tagName}': Tag<${e.name}, ${props(e)}, ${lowerListeners(e)}>;`,
  )
  .join('\n')}
    }
  }
}
`,
);

write(
  'svelte.d.ts',
  `${header}// For Svelte 5: \`<cw-rating subject="x" oncw-rate={…}>\`. Opt in with
// \`import type {} from '${pkg.name}/svelte';\` in a .d.ts of the app.
import type { HTMLAttributes } from 'svelte/elements';
${imports}

${eventTypeHelper}

declare module 'svelte/elements' {
  interface SvelteHTMLElements {
${elements
  .map(
    (e) =>
      `    /** ${summary(e)} */\n    '${e.tagName}': Omit<HTMLAttributes<${e.name}>, ${propertyNames(e)}> & ${props(e)} & ${lowerListeners(e)};`,
  )
  .join('\n')}
  }
}
`,
);

write(
  'vue.d.ts',
  `${header}// For Vue 3 templates (vue-tsc, strictTemplates): \`<cw-rating subject="x" @cw-rate="…">\`.
// Opt in with \`import type {} from '${pkg.name}/vue';\` in a .d.ts of the app, and tell the
// compiler the tags are custom elements: \`isCustomElement: (tag) => tag.startsWith('cw-')\`.
import type { DefineComponent, HTMLAttributes } from 'vue';
${imports}

${eventTypeHelper}

declare module 'vue' {
  interface GlobalComponents {
${elements
  .map(
    (e) =>
      `    /** ${summary(e)} */\n    '${e.tagName}': DefineComponent<Omit<HTMLAttributes, ${propertyNames(e)}> & ${props(e)} & { ${e.events
        .map((ev) => `${eventProp(ev)}?: (event: EventOf<'${ev.name}'>) => void;`)
        .join(' ')} }>;`,
  )
  .join('\n')}
  }
}
`,
);

// ── community-widgets/react ─────────────────────────────────────────────────────────────────
// One module per element (`community-widgets/react/rating.js`) so an app pays for the
// widgets it wraps, and the index re-exporting them all.
const eventMap = (element) =>
  `{ ${element.events.map((e) => `${eventProp(e)}: '${e.name}'`).join(', ')} }`;
mkdirSync('dist/react', { recursive: true });
for (const e of elements) {
  const file = js(e.define);
  write(
    `react/${file}`,
    `${header}// An @lit/react wrapper: React 18 and 19 alike set properties as properties and bind events
// as \`onCwRate\`-style props, also after server rendering and hydration.
import * as React from 'react';
import { createComponent } from '@lit/react';
import { ${e.name} as ${e.name}Element } from '../${file}';

export const ${e.name} = createComponent({
  react: React,
  tagName: '${e.tagName}',
  elementClass: ${e.name}Element,
  events: ${eventMap(e)},
  displayName: '${e.name}',
});
`,
  );
  write(
    `react/${file.replace(/\.js$/, '.d.ts')}`,
    `${header}import type { EventName, ReactWebComponent } from '@lit/react';
${typeImport(e, '..')}

${eventTypeHelper}

/** ${summary(e)} */
export declare const ${e.name}: ReactWebComponent<
  ${e.name}Element,
  { ${e.events.map((ev) => `${eventProp(ev)}: EventName<EventOf<'${ev.name}'>>;`).join(' ')} }
>;
`,
  );
}
const barrel = elements.map((e) => `export { ${e.name} } from './${js(e.define)}';`).join('\n');
write('react/index.js', `${header}${barrel}\n`);
write('react/index.d.ts', `${header}${barrel}\n`);
console.log(
  `framework types: ${elements.length} public elements (${elements.map((e) => e.tagName).join(', ')})`,
);
