import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import type { ServerConfig } from '../../config.js';

/**
 * The demo pages at `/` and the browser bundle at `/cdn/`, with the full helmet set (a
 * page's CSP matters). A context of its own, so helmet stays out of the API's hot path.
 */
export const staticFilesPlugin: FastifyPluginAsync<
  Pick<ServerConfig, 'cdnDir' | 'demoDir'>
> = async (pages, { cdnDir, demoDir }) => {
  await pages.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'https:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // Host pages on other origins load /cdn/ and call /api; CORS guards the API itself.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });

  if (cdnDir !== null) {
    const root = resolve(cdnDir);
    if (existsSync(root)) {
      await pages.register(fastifyStatic, {
        root,
        prefix: '/cdn/',
        decorateReply: false,
        // Module scripts are fetched with CORS, and any host page may load the bundle.
        setHeaders: (response) => response.setHeader('Access-Control-Allow-Origin', '*'),
      });
    } else {
      pages.log.warn(`No browser bundle at ${root}; run \`npm run build\` to serve /cdn/.`);
    }
  }
  if (demoDir !== null) {
    const root = resolve(demoDir);
    if (existsSync(root))
      await pages.register(fastifyStatic, { root, prefix: '/', decorateReply: false });
    else pages.log.warn(`No demo pages at ${root}.`);
  }
};
