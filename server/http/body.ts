import type { ProblemKind } from './problem.js';

/** Largest request body accepted, in bytes; both the server and the mock enforce it. */
export const MAX_BODY_BYTES = 16 * 1024;
/** Deepest nesting of arrays and objects accepted in a JSON body. */
export const MAX_JSON_DEPTH = 8;

/** A request the transport refuses before the domain sees it (bad JSON, wrong type, too big). */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';

  constructor(
    readonly kind: ProblemKind,
    message: string,
  ) {
    super(message);
  }
}

/** Parses a JSON request body, refusing empty, malformed, oversized and too deeply nested ones. */
export function parseJsonBody(text: string): unknown {
  if (new TextEncoder().encode(text).length > MAX_BODY_BYTES) {
    throw new ProtocolError('too-large', `The body may be at most ${MAX_BODY_BYTES} bytes.`);
  }
  if (text.trim() === '') throw new ProtocolError('malformed', 'The body is empty.');
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') {
      depth += 1;
      if (depth > MAX_JSON_DEPTH) {
        throw new ProtocolError(
          'malformed',
          `The body is nested deeper than ${MAX_JSON_DEPTH} levels.`,
        );
      }
    } else if (char === '}' || char === ']') depth -= 1;
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ProtocolError('malformed', 'The body is not valid JSON.');
  }
}

/**
 * Whether a Content-Type header is `application/json`, optionally with parameters. Structured
 * `+json` types are refused: the contract declares only `application/json`, and what a
 * backend accepts beyond it would be a rule other backends cannot know.
 */
export function isJsonContentType(header: string | null | undefined): boolean {
  return /^application\/json\s*(?:;|$)/i.test(header ?? '');
}
