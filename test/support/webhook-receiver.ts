import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a test receiver got, as it arrived. */
export interface ReceivedDelivery {
  id: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The status the receiver answered. */
  status: number;
  receivedAt: number;
}

export interface TestReceiver {
  url: string;
  received: ReceivedDelivery[];
  /** Resolves once `condition` holds, checked after every request (no fixed waits). */
  until(condition: (received: ReceivedDelivery[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real HTTP receiver on an ephemeral port that records every request and answers what
 * `respond` says: a status, or `'hang'` to never answer (the attempt then times out or its
 * sender dies).
 */
export async function startTestReceiver(
  respond: (
    delivery: Omit<ReceivedDelivery, 'status'>,
    received: ReceivedDelivery[],
  ) => number | 'hang' = () => 200,
): Promise<TestReceiver> {
  const received: ReceivedDelivery[] = [];
  const waiters = new Set<() => void>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const delivery = {
        id: String(request.headers['webhook-id']),
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        receivedAt: Date.now(),
      };
      const status = respond(delivery, received);
      if (status === 'hang') return;
      received.push({ ...delivery, status });
      response.writeHead(status).end();
      for (const waiter of waiters) waiter();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    until(condition, timeoutMs = 60_000) {
      if (condition(received)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `The receiver's condition did not hold in ${timeoutMs} ms (${received.length} requests).`,
            ),
          );
        }, timeoutMs);
        const check = () => {
          if (!condition(received)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A fresh endpoint secret, as the configuration wants it. */
export const testSecret = (): string =>
  `whsec_${Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64')}`;
