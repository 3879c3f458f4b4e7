import { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { DomainError } from '../../domain/errors.js';
import { toRoutePath, type RouteSchemas } from '../contract-schemas.js';
import { NDJSON, ndjsonLines } from '../ndjson.js';
import { operations, wantsCsv, type Operation } from '../operations.js';
import { requireJsonBody } from './json-api.js';
import { sharedPlugin } from './plugin.js';

/**
 * Every operation of the contract (operations.ts, the table the mock serves too), with the
 * contract's own schemas for params, query and body, its rate limit, and the domain's answer.
 */
export const contractRoutesPlugin = sharedPlugin<{ schemas: Map<string, RouteSchemas> }>(
  {
    name: 'cw-contract-routes',
    dependencies: ['cw-community', 'cw-identity', 'cw-rate-limits', 'cw-json-api'],
    decorators: { fastify: ['community', 'limiters'], request: ['identity'] },
  },
  async (api, { schemas }) => {
    for (const operation of operations) {
      const contract = schemas.get(operation.id);
      if (!contract) throw new Error(`Operation ${operation.id} is not in the contract.`);
      assertSameRoute(operation, contract);
      // requireJsonBody checks only writes that carry a body.
      const needsBody =
        operation.body !== false && ['PUT', 'POST', 'PATCH'].includes(operation.method);
      api.route({
        method: operation.method,
        url: operation.path,
        schema: {
          ...(contract.params ? { params: contract.params } : {}),
          ...(contract.querystring ? { querystring: contract.querystring } : {}),
          ...(contract.body ? { body: contract.body } : {}),
        },
        onRequest: operation.writes ? api.limiters.writes : api.limiters.reads,
        // Only on routes with something to check (a hook costs every request of its route),
        // and a callback hook: an async one costs a promise per request.
        ...(needsBody || contract.requiresBearer
          ? {
              preValidation: (
                request: FastifyRequest,
                _reply: FastifyReply,
                done: HookHandlerDoneFunction,
              ) => {
                try {
                  if (needsBody) requireJsonBody(request);
                  if (contract.requiresBearer && !request.identity) {
                    throw new DomainError('unauthenticated', 'Sign in to do this.');
                  }
                  done();
                } catch (error) {
                  done(error as Error);
                }
              },
            }
          : {}),
        handler: async (request, reply) => {
          const key = request.headers['idempotency-key'];
          const result = await operation.run(api.community, {
            identity: request.identity,
            params: request.params as Record<string, string>,
            query: request.query as Record<string, string | undefined>,
            body: request.body,
            idempotencyKey: Array.isArray(key) ? key.join(',') : key,
          });
          reply.code(operation.status ?? 200);
          if (operation.stream === 'ndjson') {
            return reply
              .type(NDJSON)
              .send(Readable.from(ndjsonLines(result as AsyncIterable<unknown>)));
          }
          const query = request.query as Record<string, string | undefined>;
          if (operation.csv && wantsCsv(operation, query, request.headers.accept)) {
            const { body, fileName } = operation.csv(result);
            return reply
              .type('text/csv; charset=utf-8')
              .header('content-disposition', `attachment; filename="${fileName}"`)
              .send(body);
          }
          return operation.status === 204 ? reply.send() : result;
        },
      });
    }
  },
);

function assertSameRoute(operation: Operation, contract: RouteSchemas): void {
  if (toRoutePath(contract.path) !== operation.path || contract.method !== operation.method) {
    throw new Error(
      `Operation ${operation.id} is ${operation.method} ${operation.path} in operations.ts but ` +
        `${contract.method} ${contract.path} in the contract.`,
    );
  }
}
