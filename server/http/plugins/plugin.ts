import type { FastifyPluginAsync } from 'fastify';

/** What fastify checks when a plugin is registered: the plugins and decorators it needs. */
export interface PluginMeta {
  name: string;
  dependencies?: string[];
  decorators?: { fastify?: string[]; request?: string[]; reply?: string[] };
}

/**
 * A plugin whose hooks and decorators belong to the context that registers it, not to a
 * child context of its own: what `fastify-plugin` does, through the same symbols fastify
 * reads, so fastify still checks `dependencies` and `decorators` at registration.
 */
export function sharedPlugin<Options extends object>(
  meta: PluginMeta,
  plugin: FastifyPluginAsync<Options>,
): FastifyPluginAsync<Options> {
  return Object.assign(plugin, {
    [Symbol.for('skip-override')]: true,
    [Symbol.for('fastify.display-name')]: meta.name,
    [Symbol.for('plugin-meta')]: meta,
  });
}
