import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures as Standard Webhooks defines them, so a host may verify with their
 * libraries or with the few lines of docs/webhooks.md: HMAC-SHA256 with the key the secret
 * encodes, over `<Webhook-Id>.<Webhook-Timestamp>.<body>`, sent as `v1,<base64>`.
 */

const SECRET_PREFIX = 'whsec_';
/** Shorter keys are guessable offline from one signed delivery. */
export const MIN_KEY_BYTES = 24;

/** The key bytes of a `whsec_<base64>` secret; null when it is not one. */
export function secretKey(secret: string): Buffer | null {
  if (!secret.startsWith(SECRET_PREFIX)) return null;
  const encoded = secret.slice(SECRET_PREFIX.length);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) return null;
  return Buffer.from(encoded, 'base64');
}

export function sign(secret: string, id: string, timestamp: number, body: string): string {
  const key = secretKey(secret);
  if (key === null) throw new Error('A webhook secret is whsec_ followed by base64.');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/** The headers of one attempt; the id stays the event's across attempts, the timestamp is now. */
export function signedHeaders(
  secret: string,
  id: string,
  body: string,
  now: Date,
): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': sign(secret, id, timestamp, body),
  };
}

/** Whether one of the signatures in a `Webhook-Signature` header is this body's. */
export function signatureMatches(
  secret: string,
  id: string,
  timestamp: number,
  body: string,
  header: string,
): boolean {
  const expected = Buffer.from(sign(secret, id, timestamp, body));
  return header
    .split(' ')
    .map((candidate) => Buffer.from(candidate))
    .some((given) => given.length === expected.length && timingSafeEqual(given, expected));
}
