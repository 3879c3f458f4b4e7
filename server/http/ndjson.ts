/** Newline-delimited JSON (one value per line), as both HTTP front ends stream it. */
export const NDJSON = 'application/x-ndjson';

export async function* ndjsonLines(values: AsyncIterable<unknown>): AsyncGenerator<string> {
  for await (const value of values) yield `${JSON.stringify(value)}\n`;
}

/** The same lines as a web stream of bytes (the msw mock's answer body). */
export function ndjsonStream(values: AsyncIterable<unknown>): ReadableStream<Uint8Array> {
  const lines = ndjsonLines(values);
  const encoder = new TextEncoder();
  return new ReadableStream({
    async pull(controller) {
      const { value, done } = await lines.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
}
