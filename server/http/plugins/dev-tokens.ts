import { DEV_TOKEN_AUDIENCE, DEV_TOKEN_ISSUER, mintToken } from '../../auth.js';
import { demoPersonas, type PersonaName } from '../../domain/seed.js';
import { requireJsonBody } from './json-api.js';
import { sharedPlugin } from './plugin.js';

/** Lifetime of demo persona tokens; the demo page refreshes them before they run out. */
export const DEV_TOKEN_SECONDS = 15 * 60;

export interface DevTokenOptions {
  /** The HS256 secret the identity plugin verifies with. */
  secret: string;
}

/**
 * `POST /dev/token`: a token for one of the seeded demo personas, so the demo page can sign
 * in without a host. Anyone who reaches it can mint tokens: never in production.
 */
export const devTokensPlugin = sharedPlugin<DevTokenOptions>(
  {
    name: 'cw-dev-tokens',
    dependencies: ['cw-community', 'cw-rate-limits', 'cw-json-api'],
    decorators: { fastify: ['community', 'limiters'] },
  },
  async (api, { secret }) => {
    api.log.warn(
      '⚠ DEV PERSONAS ARE ON: anyone reaching this server can mint tokens at POST /api/dev/token. Never enable this in production.',
    );
    api.post(
      '/dev/token',
      {
        onRequest: api.limiters.writes,
        schema: {
          body: {
            type: 'object',
            additionalProperties: false,
            required: ['persona'],
            properties: { persona: { type: 'string', enum: Object.keys(demoPersonas) } },
          },
        },
        preValidation: async (request) => requireJsonBody(request),
      },
      async (request) => {
        const persona = demoPersonas[(request.body as { persona: PersonaName }).persona];
        const token = await mintToken(persona, {
          secret,
          audience: DEV_TOKEN_AUDIENCE,
          issuer: DEV_TOKEN_ISSUER,
          expiresIn: DEV_TOKEN_SECONDS,
        });
        return {
          token,
          expiresAt: new Date(Date.now() + DEV_TOKEN_SECONDS * 1000).toISOString(),
          viewer: api.community.viewer(persona),
        };
      },
    );
  },
);
