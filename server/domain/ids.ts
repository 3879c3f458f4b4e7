/** Small helpers every posting service uses; pure, so the browser mock runs them too. */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

const ID_LENGTH = 16;
/**
 * Random bytes drawn 256 ids at a time: every write makes at least one id (its event's), and
 * one `getRandomValues` call per id cost more than the rest of the id (Node validates each
 * call as a Web Crypto one).
 */
const pool = new Uint8Array(ID_LENGTH * 256);
let used = pool.length;

/** A random id: a kind prefix and 16 letters and digits (95 bits), unguessable and URL-safe. */
export function randomId(prefix: string): string {
  if (used === pool.length) {
    crypto.getRandomValues(pool);
    used = 0;
  }
  let id = prefix;
  for (const end = used + ID_LENGTH; used < end; used += 1) {
    id += ALPHABET[pool[used]! % ALPHABET.length];
  }
  return id;
}

/** FNV-1a of `text`, to name a search inside a cursor without carrying its words. */
export function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}
