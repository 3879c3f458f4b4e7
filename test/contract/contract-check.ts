/**
 * Checks an HTTP answer against api/openapi.yaml: the status is one the operation declares,
 * the content type is one declared for that status, required headers are there, and the body
 * matches the declared schema (ajv, JSON Schema 2020-12 as OpenAPI 3.1 uses it). Every request
 * of the contract suites goes through it, against our backends and anyone else's.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

type Json = Record<string, any>;

/** One operation of the contract, as a request finds it. */
export interface ContractOperation {
  id: string;
  method: string;
  /** The contract's path template, e.g. `/subjects/{subject}/rating`. */
  path: string;
  responses: Json;
}

/** What the check says of one answer: the operation it belongs to and what breaks the contract. */
export interface ContractVerdict {
  operation: ContractOperation | null;
  violations: string[];
}

const CONTRACT_ID = 'openapi';
/** Newline-delimited JSON: the event export. */
const NDJSON = 'application/x-ndjson';

// `../../api` from test/contract/ and from the kit's bundle in dist/conformance/ alike: the
// package ships api/ beside dist/.
const contractUrl = new URL('../../api/openapi.yaml', import.meta.url);

/** JSON pointer escaping (RFC 6901). */
const escape = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

export class ContractCheck {
  readonly operations: ContractOperation[] = [];
  readonly #document: Json;
  readonly #ajv: Ajv2020;
  readonly #validators = new Map<string, ValidateFunction>();
  readonly #matchers: Array<{ operation: ContractOperation; pattern: RegExp; literals: number }> =
    [];

  constructor(document: Json = parse(readFileSync(contractUrl, 'utf8'))) {
    this.#document = document;
    // OpenAPI keywords beside the schemas (`example`, `description` tables) are not errors.
    this.#ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(this.#ajv);
    this.#ajv.addSchema(document, CONTRACT_ID);
    for (const [path, item] of Object.entries<Json>(document.paths ?? {})) {
      for (const method of ['get', 'put', 'post', 'patch', 'delete']) {
        const operation = item[method];
        if (!operation) continue;
        const entry: ContractOperation = {
          id: operation.operationId,
          method: method.toUpperCase(),
          path,
          responses: operation.responses ?? {},
        };
        this.operations.push(entry);
        const segments = path.split('/').slice(1);
        const pattern = new RegExp(
          `^/${segments
            .map((segment) =>
              /^\{.+\}$/.test(segment) ? '[^/]+' : segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&'),
            )
            .join('/')}$`,
        );
        const literals = segments.filter((segment) => !segment.startsWith('{')).length;
        this.#matchers.push({ operation: entry, pattern, literals });
      }
    }
    // `/questions/similar` before `/questions/{questionId}`: the most literal template wins.
    this.#matchers.sort((a, b) => b.literals - a.literals);
  }

  /** The operation a request names, by method and path relative to the API base. */
  find(method: string, path: string): ContractOperation | null {
    const bare = path.split('?')[0]!;
    const upper = method.toUpperCase();
    return (
      this.#matchers.find((m) => m.operation.method === upper && m.pattern.test(bare))?.operation ??
      null
    );
  }

  check(
    method: string,
    path: string,
    answer: { status: number; headers: Headers; text: string },
  ): ContractVerdict {
    const operation = this.find(method, path);
    if (!operation) {
      // A path the contract does not have can only be refused.
      const violations =
        answer.status === 404 || answer.status === 405
          ? []
          : [`${method} ${path} is not in the contract, yet it answered ${answer.status}`];
      return { operation, violations };
    }
    const name = `${operation.id} (${operation.method} ${operation.path})`;
    const status = String(answer.status);
    const declared = operation.responses[status];
    if (!declared) {
      return {
        operation,
        violations: [
          `${name} answered ${status}, which it does not declare (declared: ${Object.keys(
            operation.responses,
          ).join(', ')})`,
        ],
      };
    }
    const { response, pointer } = this.#resolveResponse(
      declared,
      `#/paths/${escape(operation.path)}/${operation.method.toLowerCase()}/responses/${status}`,
    );
    const violations: string[] = [];
    for (const [header, spec] of Object.entries<Json>(response.headers ?? {})) {
      const value = answer.headers.get(header);
      if (value === null) {
        if (spec.required) violations.push(`${name} ${status} lacks the required ${header} header`);
        continue;
      }
      const schema = spec.schema as Json | undefined;
      const typed = schema?.type === 'integer' || schema?.type === 'number' ? Number(value) : value;
      const headerPointer = `${pointer}/headers/${escape(header)}/schema`;
      const errors = schema ? this.#validate(headerPointer, typed) : [];
      if (errors.length > 0) violations.push(`${name} ${status} ${header}: ${errors.join('; ')}`);
    }
    const content = response.content as Json | undefined;
    if (!content) {
      if (answer.text !== '') violations.push(`${name} ${status} declares no body but sent one`);
      return { operation, violations };
    }
    const mediaType = (answer.headers.get('content-type') ?? '')
      .split(';')[0]!
      .trim()
      .toLowerCase();
    if (!(mediaType in content)) {
      violations.push(
        `${name} ${status} answered as ${mediaType || 'no content type'}, not ${Object.keys(
          content,
        ).join(' or ')}`,
      );
      return { operation, violations };
    }
    const schemaPointer = `${pointer}/content/${escape(mediaType)}/schema`;
    if (mediaType === NDJSON) {
      violations.push(...this.#checkLines(name, status, schemaPointer, answer.text));
      return { operation, violations };
    }
    let body: unknown = answer.text;
    // A text body (text/csv) is checked as the string it is; JSON media types are parsed.
    if (mediaType.endsWith('json')) {
      try {
        body = JSON.parse(answer.text);
      } catch {
        violations.push(`${name} ${status} body is not JSON`);
        return { operation, violations };
      }
    }
    const errors = this.#validate(schemaPointer, body);
    for (const error of errors) violations.push(`${name} ${status} body ${error}`);
    return { operation, violations };
  }

  /** NDJSON: the schema describes one line; every line ends with a newline. */
  #checkLines(name: string, status: string, pointer: string, text: string): string[] {
    if (text !== '' && !text.endsWith('\n')) {
      return [`${name} ${status} NDJSON does not end with a newline`];
    }
    const violations: string[] = [];
    text
      .split('\n')
      .slice(0, -1)
      .forEach((line, index) => {
        let value: unknown;
        try {
          value = JSON.parse(line);
        } catch {
          violations.push(`${name} ${status} line ${index + 1} is not JSON`);
          return;
        }
        for (const error of this.#validate(pointer, value)) {
          violations.push(`${name} ${status} line ${index + 1} ${error}`);
        }
      });
    return violations.slice(0, 10);
  }

  /** Follows `$ref`s between response objects, keeping the pointer to the one reached. */
  #resolveResponse(response: Json, pointer: string): { response: Json; pointer: string } {
    let current = response;
    let at = pointer;
    while (typeof current.$ref === 'string') {
      at = current.$ref as string;
      current = at
        .slice(2)
        .split('/')
        .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
        .reduce<Json>((node, segment) => node[segment], this.#document);
    }
    return { response: current, pointer: at };
  }

  #validate(pointer: string, value: unknown): string[] {
    const validate =
      this.#validators.get(pointer) ?? this.#ajv.compile({ $ref: `${CONTRACT_ID}${pointer}` });
    this.#validators.set(pointer, validate);
    if (validate(value)) return [];
    return (validate.errors ?? [])
      .slice(0, 5)
      .map((error) => `${error.instancePath || '/'} ${error.message ?? error.keyword}`);
  }
}

let shared: ContractCheck | undefined;
/** One check per process: compiling the contract's schemas is paid once. */
export function contractCheck(): ContractCheck {
  shared ??= new ContractCheck();
  return shared;
}
