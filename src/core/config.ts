import { useLocale } from '../i18n/locale.js';
import type { CommunityBackend, TokenProvider } from './backend.js';
import { clientFor, type CommunityClient } from './client.js';
import type { InboxNotification } from './notifications.js';
import { RestBackend, type RequestTimeouts } from './rest-backend.js';

/** Where widgets find their backend and identity. */
export interface CommunityConfig {
  /** Base URL of a REST backend implementing api/openapi.yaml. */
  api?: string | undefined;
  /** The host's bearer token source; without one, widgets read but do not write. */
  getToken?: TokenProvider | undefined;
  /** A custom backend; takes precedence over `api`. */
  backend?: CommunityBackend | undefined;
  /** BCP 47 locale for messages, numbers and dates. */
  locale?: string | undefined;
  /**
   * How long the REST backend waits for an answer before saying the service did not answer
   * (milliseconds; reads 15 000, writes 30 000 by default). Page-wide: `configure()` only.
   */
  timeout?: RequestTimeouts | undefined;
  /**
   * The URL a notification in `<cw-inbox>` leads to (the host knows its pages: a subject's
   * product page, a board, a question's anchor); null or undefined: shown without a link.
   * An inbox's `link-template` attribute takes precedence. Page-wide: `configure()` only.
   */
  linkTo?: ((notification: InboxNotification) => string | null | undefined) | undefined;
}

let globalConfig: CommunityConfig = {};
const globalListeners = new Set<() => void>();

/**
 * Sets page-wide defaults, used by widgets with no `api` attribute and no `<cw-community>`
 * ancestor. Later calls merge into earlier ones.
 */
export function configure(config: CommunityConfig): void {
  globalConfig = { ...globalConfig, ...config };
  // REST backends read their timeouts when made: make new ones with the new limits.
  if ('timeout' in config) restBackends.clear();
  if (config.locale) void useLocale(config.locale);
  configurationChanged();
}

/**
 * Tells every widget to find its backend again: `configure()` ran, or a `<cw-community>`
 * arrived, upgraded or changed its backend or locale.
 */
export function configurationChanged(): void {
  for (const listener of globalListeners) listener();
}

export function globalConfiguration(): Readonly<CommunityConfig> {
  return globalConfig;
}

/** Calls `listener` on every `configurationChanged()`; returns the unsubscribe function. */
export function onConfigure(listener: () => void): () => void {
  globalListeners.add(listener);
  return () => globalListeners.delete(listener);
}

const restBackends = new Map<string, Map<TokenProvider | undefined, RestBackend>>();

/** One RestBackend per (api, token source), so widgets pointing at the same API share a cache. */
function restBackend(api: string, getToken: TokenProvider | undefined): RestBackend {
  let byToken = restBackends.get(api);
  if (!byToken) restBackends.set(api, (byToken = new Map()));
  let backend = byToken.get(getToken);
  if (!backend) {
    backend = new RestBackend({ api, getToken, timeout: globalConfig.timeout });
    byToken.set(getToken, backend);
  }
  return backend;
}

/**
 * Resolves the backend nearest first: the element's own `api`, then the nearest
 * `<cw-community>` (`provided`), then `configure()`. Returns undefined when none is set.
 */
export function resolveBackend(
  ownApi: string | undefined,
  provided: CommunityConfig | undefined,
): CommunityBackend | undefined {
  const getToken = provided?.getToken ?? globalConfig.getToken;
  if (ownApi) return restBackend(ownApi, getToken);
  for (const config of [provided, globalConfig]) {
    if (config?.backend) return config.backend;
    if (config?.api) return restBackend(config.api, config.getToken ?? getToken);
  }
  return undefined;
}

export function resolveClient(
  ownApi: string | undefined,
  provided: CommunityConfig | undefined,
): CommunityClient | undefined {
  const backend = resolveBackend(ownApi, provided);
  return backend && clientFor(backend);
}
