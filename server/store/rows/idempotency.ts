// Idempotency keys as both SQL stores return them.

export interface IdempotencyColumns {
  user_id: string;
  key: string;
  operation: string;
  fingerprint: string;
  response: string;
  created_at: number;
}
