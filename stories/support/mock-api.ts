import type { Args, Loader } from '@storybook/web-components-vite';
import { getResponse, http, HttpResponse, type RequestHandler } from 'msw';
import type { Community } from '../../server/domain/community.js';
import {
  createHandlers,
  createMockCommunity,
  demoPersonas,
  mockToken,
  type Distribution,
} from '../../server/msw/index.js';

/** Every story's backend lives under this origin, each at its own path. */
export const MOCK_ORIGIN = 'https://community.test';

/** The mock backends of the stories rendered in this page, by base URL. */
const backends = new Map<string, RequestHandler[]>();
let renders = 0;

/**
 * The one msw handler the worker starts with: it hands each request to the backend of the
 * story that made it. Stories never share a base URL, so a docs page showing every story
 * at once keeps each story's data and failures apart, and the addon's per-story handler
 * reset cannot strip another story's mocks.
 */
export const storyRouter = http.all(`${MOCK_ORIGIN}/*`, async ({ request }) => {
  const base = [...backends.keys()].find((prefix) => request.url.startsWith(`${prefix}/`));
  const handlers = base && backends.get(base);
  const response = handlers ? await getResponse(handlers, request) : undefined;
  return (
    response ??
    HttpResponse.json(
      { type: 'about:blank', title: 'No mock backend', status: 404, detail: request.url },
      { status: 404, headers: { 'Content-Type': 'application/problem+json' } },
    )
  );
});

export interface MockSetup {
  /** Per-star counts (1★…5★) for each subject. */
  ratings?: Record<string, Distribution>;
  /** Changes the fresh community before the story renders, e.g. the viewer's own rating. */
  seed?: (community: Community) => Promise<unknown>;
  /** Handlers tried before the contract's own (failures, delays); given the story's base URL. */
  overrides?: (api: string, community: Community) => RequestHandler[];
  /** Milliseconds every contract answer waits. */
  latency?: number;
}

export interface MockedApi {
  /** This render's base URL: pass it as the `api` attribute. */
  api: string;
  community: Community;
}

/**
 * A story loader that creates a fresh in-memory community for every render, so stories
 * never see each other's ratings, and serves it at a base URL no other render uses (the
 * core caches per base URL).
 */
export function mockApi<TArgs = Args>(setup: MockSetup = {}): Loader<TArgs> {
  return async (context) => {
    const api = `${MOCK_ORIGIN}/${context.id}/${++renders}/api`;
    const community = await createMockCommunity({ ratings: setup.ratings ?? {} });
    await setup.seed?.(community);
    backends.set(api, [
      ...(setup.overrides?.(api, community) ?? []),
      ...createHandlers(community, { api, latency: setup.latency ?? 0 }),
    ]);
    const mocked: MockedApi = { api, community };
    return { mocked };
  };
}

/** The mock loaded for this story render. */
export function mocked(context: { id: string; loaded: Record<string, unknown> }): MockedApi {
  const value = context.loaded.mocked as MockedApi | undefined;
  if (!value) throw new Error(`Story ${context.id} has no mockApi() loader.`);
  return value;
}

/** A token for the demo customer, as the host site would hand it to the widgets. */
export const customerToken = (): string => mockToken(demoPersonas.customer);

/** Seeds the demo customer's own rating of `subject`. */
export const customerRated =
  (subject: string, value: number) =>
  (community: Community): Promise<unknown> =>
    community.ratings.rate(demoPersonas.customer, subject, { value });
