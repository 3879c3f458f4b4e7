/**
 * Moderation: reports and the threshold that hides, posting rules that hold, the moderators'
 * decisions with counters and reputation kept exact, the log, suspensions, and who may do
 * what: the same cases against every target (test/contract/suites/moderation.ts).
 */
import { moderationSuite } from './suites/moderation.js';
import { targets } from './targets.js';

for (const factory of targets) moderationSuite(factory);
