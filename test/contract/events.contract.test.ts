/**
 * The event export (`GET /events/export`, NDJSON): who may read it, every line in the
 * contract's shape, resumable cursors, and the events each change writes, against every
 * target (test/contract/suites/events.ts).
 */
import { eventsSuite } from './suites/events.js';
import { targets } from './targets.js';

for (const factory of targets) eventsSuite(factory);
