import type { ArgTypesEnhancer, StrictInputType } from 'storybook/internal/types';

/**
 * The element API designers and developers may use: what Storybook's autodocs table and
 * controls are built from. custom-elements.json also records private and protected members
 * (reactive state such as `ratingState`, `#fields`) and statics for tools that want them;
 * Storybook lists every member it finds, so those go before it sees the manifest.
 */
interface Member {
  kind?: string;
  name?: string;
  privacy?: string;
  static?: boolean;
  attribute?: string;
  readonly?: boolean;
}
interface Named {
  name: string;
}
interface Declaration {
  customElement?: boolean;
  members?: Member[];
  attributes?: Named[];
  events?: Named[];
  slots?: Named[];
  cssParts?: Named[];
}
interface Manifest {
  modules?: { declarations?: Declaration[] }[];
}

const isPublic = (member: Member): boolean =>
  !member.static &&
  !member.name?.startsWith('#') &&
  (member.privacy === undefined || member.privacy === 'public');

export function publicManifest<T extends Manifest>(manifest: T): T {
  const copy = structuredClone(manifest);
  for (const module of copy.modules ?? []) {
    for (const declaration of module.declarations ?? []) {
      if (!declaration.customElement) continue;
      // A property reflected from an attribute is documented once, as the attribute.
      declaration.members = declaration.members?.filter(
        (member) => isPublic(member) && !(member.kind === 'field' && member.attribute),
      );
      // Storybook keys its table by name, so a slot or part named like an attribute (the
      // rating's `distribution` part, its `sign-in` slot and part) would replace that row.
      const taken = new Set(
        [
          ...(declaration.members ?? []),
          ...(declaration.attributes ?? []),
          ...(declaration.events ?? []),
        ].map((item) => item.name),
      );
      for (const slot of declaration.slots ?? []) {
        if (taken.has(slot.name)) slot.name = `slot ${slot.name}`;
        taken.add(slot.name);
      }
      for (const part of declaration.cssParts ?? []) {
        if (taken.has(part.name)) part.name = `::part(${part.name})`;
      }
    }
  }
  return copy;
}

/**
 * A control from the manifest's TypeScript type text: `string | undefined` is a text field,
 * a union of string literals a choice, and objects or functions (`backend`, `getToken`, a
 * read-only `form`) get none, where Storybook would offer a JSON editor for them.
 */
function controlFor(typeText: string): Partial<StrictInputType> {
  const parts = typeText
    .split('|')
    .map((part) => part.trim())
    .filter((part) => part !== 'undefined' && part !== 'null');
  if (parts.length === 1 && parts[0] === 'string') return { control: { type: 'text' } };
  if (parts.length === 1 && parts[0] === 'boolean') return { control: { type: 'boolean' } };
  if (parts.length === 1 && parts[0] === 'number') return { control: { type: 'number' } };
  if (parts.length > 0 && parts.every((part) => /^'[^']*'$/.test(part))) {
    const options = parts.map((part) => part.slice(1, -1));
    return { control: { type: options.length <= 4 ? 'inline-radio' : 'select' }, options };
  }
  return { control: false };
}

/**
 * Gives the manifest's attributes and properties the controls their types call for; read-only
 * properties (`form`, `validity`) are documented but have none.
 */
export function controlsFromTypes(manifest: Manifest): ArgTypesEnhancer {
  const readOnly = new Set(
    (manifest.modules ?? [])
      .flatMap((module) => module.declarations ?? [])
      .flatMap((declaration) => declaration.members ?? [])
      .filter((member) => member.readonly)
      .map((member) => member.name),
  );
  return (context) => {
    const argTypes = { ...context.argTypes };
    for (const [name, argType] of Object.entries(argTypes)) {
      const category = argType.table?.category;
      // Tokens, parts and slots are documented, not args: no story reads them, so a control
      // for them would change nothing.
      if (
        category === 'css custom properties' ||
        category === 'css shadow parts' ||
        category === 'slots'
      ) {
        argTypes[name] = { ...argType, control: false };
        continue;
      }
      if (category !== 'attributes' && category !== 'properties') continue;
      // A story's own argTypes (a narrower choice, an `undefined` option) stay as written.
      if (argType.control !== undefined) continue;
      const typeText = argType.table?.type?.summary;
      if (typeof typeText !== 'string') continue;
      argTypes[name] = {
        ...argType,
        ...(readOnly.has(name) ? { control: false } : controlFor(typeText)),
      };
    }
    return argTypes;
  };
}
