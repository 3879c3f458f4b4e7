import type { RatingSummary, Viewer } from './types.js';

export interface RequestOptions {
  signal?: AbortSignal;
}

/**
 * The port every widget talks through. The default is `RestBackend` (api/openapi.yaml);
 * a site can pass its own implementation to `configure({ backend })` or
 * `<cw-community .backend=…>` to serve widgets from an API of its own.
 * Methods reject with `CwError`.
 */
export interface CommunityBackend {
  /** The signed-in viewer, or an anonymous one. */
  getViewer(options?: RequestOptions): Promise<Viewer>;
  /** Summaries for up to 100 subjects; the core batches and chunks calls. */
  getRatingSummaries(subjects: string[], options?: RequestOptions): Promise<RatingSummary[]>;
  /** Sets the viewer's own rating (1–5) and returns the new summary. */
  setRating(subject: string, value: number, options?: RequestOptions): Promise<RatingSummary>;
  /** Removes the viewer's own rating and returns the new summary. */
  clearRating(subject: string, options?: RequestOptions): Promise<RatingSummary>;
}

/**
 * Supplies the host's bearer token. Called with `refresh: true` once after a 401 so the host
 * can fetch a fresh token; return null or undefined when nobody is signed in.
 */
export type TokenProvider = (request: {
  refresh: boolean;
}) => string | null | undefined | Promise<string | null | undefined>;
