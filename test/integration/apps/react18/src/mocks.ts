// The set-up the README gives: msw's worker (`npx msw init public`) serving the package's
// in-memory community, and a mock token for a signed-in customer.
import { setupWorker } from 'msw/browser';
import {
  createHandlers,
  createMockCommunity,
  demoPersonas,
  mockToken,
} from 'community-widgets/mocks';

export const token = mockToken(demoPersonas.customer);

export async function startMocks(): Promise<void> {
  const community = await createMockCommunity({
    ratings: { 'sku-1': [0, 1, 2, 8, 20] },
  });
  await setupWorker(...createHandlers(community)).start({
    onUnhandledRequest: 'bypass',
    quiet: true,
  });
}
