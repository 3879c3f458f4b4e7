/**
 * A fresh `Idempotency-Key` for one submission (the contract's `IdempotencyKey` parameter;
 * the backend answers a retried key with its first answer, ADR 004). Callers make it once
 * per submission and send the same key on every retry; drafts keep it across reloads
 * (src/core/drafts.ts).
 */
export function newIdempotencyKey(): string {
  // randomUUID exists only in secure contexts; plain-http intranet pages fall back.
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
