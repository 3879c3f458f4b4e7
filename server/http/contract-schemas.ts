import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** The request schemas of one operation, in the shape fastify's route `schema` takes. */
export interface RouteSchemas {
  params?: JsonSchema;
  querystring?: JsonSchema;
  body?: JsonSchema;
  /** The operation demands a bearer token (its `security` has no anonymous `{}` entry). */
  requiresBearer: boolean;
  /** Path relative to the API base, with `{param}` placeholders as the contract writes it. */
  path: string;
  method: string;
}

type JsonSchema = Record<string, unknown>;

interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}

interface OpenApiOperation {
  operationId?: string;
  parameters?: unknown[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  security?: Array<Record<string, unknown>>;
}

/** Annotations OpenAPI allows that Ajv (strict) would refuse as unknown keywords. */
const OPENAPI_ONLY_KEYWORDS = new Set(['example', 'xml', 'externalDocs', 'discriminator']);
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/**
 * Reads api/openapi.yaml and returns, per operationId, JSON Schemas for its path
 * parameters, query and JSON body, with every `$ref` inlined so fastify's Ajv compiles
 * them without knowing the document.
 */
export function loadRouteSchemas(contractFile: string | URL): Map<string, RouteSchemas> {
  const document = parse(readFileSync(contractFile, 'utf8')) as Record<string, unknown>;
  const resolveRef = (ref: string): unknown => {
    if (!ref.startsWith('#/')) throw new Error(`Only local $refs are supported (got ${ref}).`);
    let node: unknown = document;
    for (const segment of ref.slice(2).split('/')) {
      node = (node as Record<string, unknown> | undefined)?.[
        segment.replace(/~1/g, '/').replace(/~0/g, '~')
      ];
    }
    if (node === undefined) throw new Error(`Unresolvable $ref ${ref} in the contract.`);
    return node;
  };
  const inline = (node: unknown, depth = 0): unknown => {
    if (depth > 32) throw new Error('The contract nests $refs too deeply (a cycle?).');
    if (Array.isArray(node)) return node.map((item) => inline(item, depth + 1));
    if (typeof node !== 'object' || node === null) return node;
    const record = node as Record<string, unknown>;
    if (typeof record.$ref === 'string') return inline(resolveRef(record.$ref), depth + 1);
    return Object.fromEntries(
      Object.entries(record)
        .filter(([key]) => !OPENAPI_ONLY_KEYWORDS.has(key))
        .map(([key, value]) => [key, inline(value, depth + 1)]),
    );
  };

  const globalSecurity = (document.security as OpenApiOperation['security']) ?? [];
  const result = new Map<string, RouteSchemas>();
  const paths = (document.paths ?? {}) as Record<string, Record<string, unknown>>;
  for (const [path, item] of Object.entries(paths)) {
    const shared = (item.parameters as unknown[] | undefined) ?? [];
    for (const method of METHODS) {
      const operation = item[method] as OpenApiOperation | undefined;
      if (!operation?.operationId) continue;
      const parameters = [...shared, ...(operation.parameters ?? [])].map(
        (parameter) => inline(parameter) as OpenApiParameter,
      );
      const security = operation.security ?? globalSecurity;
      const schemas: RouteSchemas = {
        path,
        method: method.toUpperCase(),
        requiresBearer:
          security.length > 0 &&
          security.every((requirement) => Object.keys(requirement).length > 0),
      };
      const params = objectSchema(parameters.filter((p) => p.in === 'path'));
      const querystring = objectSchema(parameters.filter((p) => p.in === 'query'));
      const body = operation.requestBody?.content?.['application/json']?.schema;
      if (params) schemas.params = params;
      if (querystring) schemas.querystring = querystring;
      if (body) schemas.body = inline(body) as JsonSchema;
      result.set(operation.operationId, schemas);
    }
  }
  return result;
}

/** Parameters as one object schema. Unknown query parameters stay allowed (cache busters). */
function objectSchema(parameters: OpenApiParameter[]): JsonSchema | undefined {
  if (parameters.length === 0) return undefined;
  return {
    type: 'object',
    properties: Object.fromEntries(parameters.map((p) => [p.name, p.schema ?? {}])),
    required: parameters.filter((p) => p.required || p.in === 'path').map((p) => p.name),
  };
}

/** `{subject}` → `:subject`, the placeholder style of the operations table and fastify. */
export function toRoutePath(contractPath: string): string {
  return contractPath.replace(/\{([^}]+)\}/g, ':$1');
}
