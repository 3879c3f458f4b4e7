/**
 * Which operations each contract test called, for the conformance kit's report per operation.
 * The kit names a file in CW_CONFORMANCE_JOURNAL; every test then adds one JSON line
 * `{ test, operations }` when it ends, the operations in the order it called them.
 */
import { appendFileSync } from 'node:fs';
import { afterEach, beforeEach } from 'node:test';

const journalFile = process.env.CW_CONFORMANCE_JOURNAL;
let current: { test: string; operations: string[] } | undefined;

/** Registers the journal's hooks in the calling suite (a no-op outside the kit). */
export function trackOperations(): void {
  if (!journalFile) return;
  beforeEach((context) => {
    current = { test: context.name, operations: [] };
  });
  afterEach(() => {
    if (current) appendFileSync(journalFile, `${JSON.stringify(current)}\n`);
    current = undefined;
  });
}

/** Called by the client for every request a test makes. */
export function recordCall(operation: string): void {
  current?.operations.push(operation);
}
