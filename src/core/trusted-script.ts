/**
 * The name of the one Trusted Types policy the library creates. A host page that enforces
 * Trusted Types (`require-trusted-types-for 'script'`) lists it beside lit's own policy:
 * `trusted-types community-widgets lit-html`. It is used only for the JSON-LD text of
 * `<script type="application/ld+json">` (structured data), and it lets through only text
 * that parses as JSON.
 */
export const TRUSTED_TYPES_POLICY = 'community-widgets';

interface ScriptPolicy {
  createScript(text: string): unknown;
}

interface TrustedTypesFactory {
  createPolicy(name: string, rules: { createScript: (text: string) => string }): ScriptPolicy;
}

/** undefined until first needed; null where there are no Trusted Types or no policy. */
let policy: ScriptPolicy | null | undefined;

function scriptPolicy(): ScriptPolicy | null {
  if (policy !== undefined) return policy;
  const factory = (globalThis as { trustedTypes?: TrustedTypesFactory }).trustedTypes;
  try {
    policy =
      factory?.createPolicy(TRUSTED_TYPES_POLICY, {
        createScript: (text) => {
          // Only structured data goes through: text that is JSON and nothing else.
          JSON.parse(text);
          return text;
        },
      }) ?? null;
  } catch {
    // The host does not allow the name (or a second copy of the library made it first):
    // the text is then set as a text node, which a non-executing script accepts as is.
    policy = null;
  }
  return policy;
}

/**
 * Sets the text of a JSON-LD `<script>`. Through the `community-widgets` policy when the page
 * has Trusted Types; otherwise as a text node (the same text, no sink a Trusted Types page
 * guards). Never throws: structured data is a bonus, not a reason to break a widget.
 */
export function setJsonLd(script: HTMLScriptElement, json: string): void {
  if (script.textContent === json) return;
  const trusted = scriptPolicy();
  if (trusted) {
    try {
      script.textContent = trusted.createScript(json) as string;
      return;
    } catch {
      // Fall through to the text node below.
    }
  }
  script.replaceChildren(document.createTextNode(json));
}
