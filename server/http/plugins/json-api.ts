import type { FastifyRequest } from 'fastify';
import { isJsonContentType, MAX_BODY_BYTES, parseJsonBody, ProtocolError } from '../body.js';
import { sharedPlugin } from './plugin.js';

/**
 * Headers on every API answer, computed once: JSON is never a document to render, so the
 * policy denies everything; answers may be read cross-origin (CORS guards the API).
 */
export const API_SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-resource-policy': 'cross-origin',
} as const;

/**
 * The registering context speaks JSON the way the mock does: the same body parser (size,
 * depth and syntax limits answer alike), no other content types, and the API's security
 * headers on every answer, set before anything can fail.
 */
export const jsonApiPlugin = sharedPlugin({ name: 'cw-json-api' }, async (app) => {
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(API_SECURITY_HEADERS);
    done();
  });
  app.removeAllContentTypeParsers();
  const parseJson = (
    _request: FastifyRequest,
    body: string | Buffer,
    done: (error: Error | null, body?: unknown) => void,
  ) => {
    try {
      done(null, parseJsonBody(body.toString()));
    } catch (error) {
      done(error as Error, undefined);
    }
  };
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: MAX_BODY_BYTES },
    parseJson,
  );
});

/** The mock and the server both insist on a JSON body for writes that carry one. */
export function requireJsonBody(request: FastifyRequest): void {
  if (
    ['PUT', 'POST', 'PATCH'].includes(request.method) &&
    !isJsonContentType(request.headers['content-type'])
  ) {
    throw new ProtocolError('unsupported-media-type', 'Send the body as application/json.');
  }
}
