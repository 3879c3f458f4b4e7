import { setupWorker, type SetupWorker } from 'msw/browser';
import type { RequestHandler } from 'msw';
import {
  createHandlers,
  createMockCommunity,
  demoPersonas,
  mockToken,
} from '../../server/msw/index.js';
import type { Community } from '../../server/domain/community.js';
import type { Distribution } from '../../server/domain/types.js';

export const API = 'https://community.test/api';

let worker: SetupWorker | undefined;
let requests: Request[] = [];

export interface MockApi {
  community: Community;
  /** Every request the page made to the API since `startMockApi`. */
  requests: Request[];
  /** Requests whose path ends with `path` (and method, when given). */
  requestsTo(path: string, method?: string): Request[];
  use(...handlers: RequestHandler[]): void;
}

/** Starts (once) the msw worker with a fresh in-memory community for each test. */
export async function startMockApi(ratings: Record<string, Distribution> = {}): Promise<MockApi> {
  const community = await createMockCommunity({ ratings });
  const handlers = createHandlers(community, { api: API });
  if (!worker) {
    worker = setupWorker(...handlers);
    worker.events.on('request:start', ({ request }) => {
      if (request.url.startsWith(API)) requests.push(request);
    });
    await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
  } else {
    worker.resetHandlers(...handlers);
  }
  requests = [];
  return {
    community,
    get requests() {
      return requests;
    },
    requestsTo: (path, method) =>
      requests.filter(
        (r) => new URL(r.url).pathname.endsWith(path) && (!method || r.method === method),
      ),
    use: (...extra) => worker!.use(...extra),
  };
}

export const customerToken = () => mockToken(demoPersonas.customer);
export const employeeToken = () => mockToken(demoPersonas.employee);
