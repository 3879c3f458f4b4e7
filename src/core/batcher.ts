/**
 * Coalesces single-key loads issued in the same task into calls of at most `maxBatchSize`
 * keys, so 100 widgets on a page cost one request instead of 100.
 */
export interface BatcherOptions {
  maxBatchSize?: number;
  /** When queued keys are sent; the default waits for the end of the current task. */
  schedule?: (flush: () => void) => void;
}

interface Pending<V> {
  resolve(value: V): void;
  reject(error: unknown): void;
}

export type BatchLoader<K, V> = (keys: K[]) => Promise<Map<K, V>>;

export function createBatcher<K, V>(
  loadMany: BatchLoader<K, V>,
  { maxBatchSize = 100, schedule = queueMicrotask }: BatcherOptions = {},
): (key: K) => Promise<V> {
  let queue = new Map<K, Pending<V>[]>();
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    const batch = queue;
    queue = new Map();
    const keys = [...batch.keys()];
    for (let start = 0; start < keys.length; start += maxBatchSize) {
      const chunk = keys.slice(start, start + maxBatchSize);
      loadMany(chunk).then(
        (values) => {
          for (const key of chunk) {
            const waiting = batch.get(key)!;
            if (values.has(key)) waiting.forEach((p) => p.resolve(values.get(key)!));
            else
              waiting.forEach((p) => p.reject(new Error(`No value returned for ${String(key)}`)));
          }
        },
        (error: unknown) => {
          for (const key of chunk) batch.get(key)!.forEach((p) => p.reject(error));
        },
      );
    }
  };

  return (key: K) =>
    new Promise<V>((resolve, reject) => {
      const waiting = queue.get(key);
      if (waiting) waiting.push({ resolve, reject });
      else queue.set(key, [{ resolve, reject }]);
      if (!scheduled) {
        scheduled = true;
        schedule(flush);
      }
    });
}
